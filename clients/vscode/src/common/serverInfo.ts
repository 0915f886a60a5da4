// The server this extension runs, from package.json's `serverInfo` (as in vscode-python-tools-extension-template).
import manifest from '../../package.json';

export interface ServerInfo {
    /** Display name: output channel, status bar, notifications. */
    name: string;
    /** Python module run as `python -m <module> serve`. */
    module: string;
    /** PyPI package offered for installation. */
    package: string;
}

export const SERVER_INFO: ServerInfo = manifest.serverInfo;
