// Entry point: wires settings, interpreter, server, status bar and commands together.
import { OWN_COMMANDS, Command, registerCommands } from './common/commands';
import { ServerController } from './common/controller';
import { offerInstall } from './common/install';
import { getPythonApi, resolveInterpreter } from './common/interpreter';
import { buildServerLaunch, probeServer } from './common/launch';
import { CONFIGURATION_SECTION } from './common/protocol';
import { ApiKeyStore } from './common/secrets';
import { ServerClient } from './common/server';
import { SERVER_INFO } from './common/serverInfo';
import { needsRestart, readSettings, toServerSettings } from './common/settings';
import { StatusBar } from './common/statusBar';
import {
    createOutputChannel,
    createTraceChannel,
    getWorkspaceFolder,
    getWorkspaceFolders,
    onDidChangeConfiguration,
    parseUri,
    type Disposable,
    type SecretStorage,
    type Uri,
    type WorkspaceFolder,
} from './common/vscodeapi';

let controller: ServerController<ServerClient> | undefined;

function firstFolder(): WorkspaceFolder | undefined {
    return getWorkspaceFolders()[0];
}

export async function activate(context: { subscriptions: Disposable[]; secrets: SecretStorage }): Promise<void> {
    const output = createOutputChannel(SERVER_INFO.name);
    const trace = createTraceChannel(output, CONFIGURATION_SECTION);
    const statusBar = new StatusBar(Command.showOutput);
    const apiKeys = new ApiKeyStore(context.secrets);
    const pythonApi = await getPythonApi();
    const llmEnabled = (): boolean => readSettings(firstFolder()?.uri).llm.enabled;

    const serverSettings = (hasApiKey: boolean, scope?: Uri) => {
        const folder = (scope && getWorkspaceFolder(scope)) ?? firstFolder();
        return toServerSettings(readSettings(scope ?? folder?.uri), folder?.uri.fsPath, hasApiKey);
    };

    const ctl: ServerController<ServerClient> = new ServerController<ServerClient>({
        resolveInterpreter: () => {
            const folder = firstFolder();
            return resolveInterpreter(readSettings(folder?.uri).interpreter, folder?.uri.fsPath, pythonApi, folder?.uri);
        },
        probe: (interpreter) => probeServer(interpreter, SERVER_INFO.module),
        getApiKey: () => apiKeys.get(),
        buildLaunch: (interpreter, apiKey) =>
            buildServerLaunch(interpreter, SERVER_INFO.module, apiKey, process.env, firstFolder()?.uri.fsPath),
        createClient: (start) => {
            statusBar.update({ interpreter: start.interpreter.path, version: start.version });
            return new ServerClient(start, {
                id: CONFIGURATION_SECTION,
                name: SERVER_INFO.name,
                outputChannel: output,
                traceOutputChannel: trace,
                serverSettings,
                parseUri,
                ownCommands: OWN_COMMANDS,
                onStateChange: (state) => statusBar.update({ state }),
                restartPending: (): boolean => ctl.restartPending,
            });
        },
        onNotInstalled: (interpreter, probe) =>
            void offerInstall(interpreter, probe, {
                serverPackage: SERVER_INFO.package,
                output,
                onInstalled: () => ctl.restart('threatmark installed'),
            }),
        onStateChange: (state, detail) => statusBar.update({ state, detail, llmEnabled: llmEnabled() }),
        log: output,
    });
    controller = ctl;

    context.subscriptions.push(
        output,
        trace,
        statusBar,
        ...registerCommands({
            client: () => ctl.current,
            restart: (reason) => ctl.restart(reason),
            statusBar,
            output,
            apiKeys,
        }),
        onDidChangeConfiguration((e) => {
            if (needsRestart(e)) {
                statusBar.update({ llmEnabled: llmEnabled() });
                void ctl.restart('settings changed');
            }
        }),
        apiKeys.onDidChange(() => void ctl.restart('API key changed')),
    );
    if (pythonApi) {
        context.subscriptions.push(
            pythonApi.environments.onDidChangeActiveEnvironmentPath(() => {
                if (!readSettings(firstFolder()?.uri).interpreter) {
                    void ctl.restart('Python interpreter changed');
                }
            }),
        );
    }
    void ctl.restart('extension activated');
}

export async function deactivate(): Promise<void> {
    await controller?.stop();
    controller = undefined;
}
