// Chooses the Python interpreter that runs the server.
import { resolvePath } from './settings';
import { getExtensionApi, type Disposable, type Uri } from './vscodeapi';

export const PYTHON_EXTENSION_ID = 'ms-python.python';
export const DEFAULT_INTERPRETER = process.platform === 'win32' ? 'python' : 'python3';

/** The part of the Python extension's API (`@vscode/python-extension`) used here. */
export interface PythonExtensionApi {
    environments: {
        getActiveEnvironmentPath(resource?: Uri): { id: string; path: string };
        resolveEnvironment(
            environment: { id: string; path: string } | string,
        ): Promise<{ executable: { uri?: { fsPath: string } } } | undefined>;
        onDidChangeActiveEnvironmentPath(listener: () => unknown): Disposable;
    };
}

export type InterpreterSource = 'setting' | 'python-extension' | 'default';

export interface Interpreter {
    path: string;
    source: InterpreterSource;
}

/** The Python extension's API, or undefined when it is not installed or fails to activate. */
export async function getPythonApi(): Promise<PythonExtensionApi | undefined> {
    try {
        const api = await getExtensionApi<PythonExtensionApi>(PYTHON_EXTENSION_ID);
        return api?.environments ? api : undefined;
    } catch {
        return undefined;
    }
}

/**
 * `threatmark.interpreter` if set, else the Python extension's selected interpreter, else `python3`.
 * `folder` is the workspace folder path used to expand `${workspaceFolder}` and relative paths.
 */
export async function resolveInterpreter(
    setting: string,
    folder: string | undefined,
    pythonApi: PythonExtensionApi | undefined,
    resource?: Uri,
): Promise<Interpreter> {
    if (setting) {
        const isBareCommand = !/[\\/]/.test(setting) && !setting.startsWith('~') && !setting.includes('${');
        return { path: isBareCommand ? setting : resolvePath(setting, folder), source: 'setting' };
    }
    if (pythonApi) {
        try {
            const active = pythonApi.environments.getActiveEnvironmentPath(resource);
            const resolved = await pythonApi.environments.resolveEnvironment(active);
            const executable = resolved?.executable.uri?.fsPath;
            if (executable) {
                return { path: executable, source: 'python-extension' };
            }
        } catch {
            // fall through to the default
        }
    }
    return { path: DEFAULT_INTERPRETER, source: 'default' };
}
