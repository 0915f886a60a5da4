// Stand-in for src/common/vscodeapi.ts in unit tests: `vi.mock('../src/common/vscodeapi', () => import('./vscodeapi.stub'))`.
import { vi } from 'vitest';

/** Setting values by key (without the `threatmark.` prefix), as `getConfiguration().get` sees them. */
export const configValues = new Map<string, unknown>();

export const extensionApis = new Map<string, unknown>();

export function fakeUri(fsPath: string) {
    return { fsPath, scheme: 'file', toString: () => `file://${fsPath}` };
}

export const getConfiguration = vi.fn((_section: string, _scope?: unknown) => ({
    get: <T>(key: string, defaultValue: T): T => (configValues.has(key) ? (configValues.get(key) as T) : defaultValue),
}));
export const getExtensionApi = vi.fn(async (id: string) => {
    const api = extensionApis.get(id);
    if (api instanceof Error) {
        throw api;
    }
    return api;
});
export const getWorkspaceFolders = vi.fn(() => []);
export const getWorkspaceFolder = vi.fn(() => undefined);
export const parseUri = vi.fn((value: string) => ({ toString: () => value }));
export const fileUri = vi.fn(fakeUri);
export const onDidChangeConfiguration = vi.fn(() => ({ dispose() {} }));
export const createOutputChannel = vi.fn();
export const createStatusBarItem = vi.fn(() => ({ show() {}, dispose() {} }));
export const themeColor = vi.fn((id: string) => ({ id }));
export const registerCommand = vi.fn(() => ({ dispose() {} }));
export const executeCommand = vi.fn();
export const showInformationMessage = vi.fn();
export const showWarningMessage = vi.fn();
export const showErrorMessage = vi.fn();
export const showInputBox = vi.fn();
export const showQuickPick = vi.fn();
export const withNotificationProgress = vi.fn((_title: string, task: (p: unknown, t: unknown) => unknown) =>
    task({ report() {} }, { isCancellationRequested: false }),
);
export const writeClipboard = vi.fn();
export const openFile = vi.fn();
export const showMarkdown = vi.fn();
export const registerMarkdownDocuments = vi.fn(() => ({ dispose() {} }));
export const diagnosticCodesInActiveEditor = vi.fn(() => []);
