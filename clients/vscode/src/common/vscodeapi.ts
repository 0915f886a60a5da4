// The one module that touches the `vscode` API for the extension's own logic.
// Unit tests replace this module (vi.mock) so the logic modules run without VS Code.
import * as vscode from 'vscode';

export type Disposable = vscode.Disposable;
export type LogOutputChannel = vscode.LogOutputChannel;
export type StatusBarItem = vscode.StatusBarItem;
export type SecretStorage = vscode.SecretStorage;
export type Uri = vscode.Uri;
export type WorkspaceFolder = vscode.WorkspaceFolder;
export type ConfigurationChangeEvent = vscode.ConfigurationChangeEvent;

/** The subset of `WorkspaceConfiguration` the settings module reads. */
export interface ConfigurationReader {
    get<T>(key: string, defaultValue: T): T;
}

export function getConfiguration(section: string, scope?: vscode.ConfigurationScope | null): ConfigurationReader {
    return vscode.workspace.getConfiguration(section, scope);
}

export function getWorkspaceFolders(): readonly WorkspaceFolder[] {
    return vscode.workspace.workspaceFolders ?? [];
}

export function getWorkspaceFolder(uri: Uri): WorkspaceFolder | undefined {
    return vscode.workspace.getWorkspaceFolder(uri);
}

export function parseUri(value: string): Uri {
    return vscode.Uri.parse(value);
}

export function fileUri(fsPath: string): Uri {
    return vscode.Uri.file(fsPath);
}

export function onDidChangeConfiguration(listener: (e: ConfigurationChangeEvent) => unknown): Disposable {
    return vscode.workspace.onDidChangeConfiguration(listener);
}

export function createOutputChannel(name: string): LogOutputChannel {
    return vscode.window.createOutputChannel(name, { log: true });
}

/**
 * The channel vscode-languageclient traces LSP messages to. The client only traces when this
 * channel's log level is Trace; here that follows the `<section>.trace.server` setting (or the
 * target channel set to Trace), and the messages go to `target`.
 */
export function createTraceChannel(target: LogOutputChannel, section: string): LogOutputChannel & Disposable {
    const key = `${section}.trace.server`;
    const enabled = (): boolean => vscode.workspace.getConfiguration(section).get<string>('trace.server', 'off') !== 'off';
    const level = (): vscode.LogLevel => (enabled() ? vscode.LogLevel.Trace : target.logLevel);
    const changed = new vscode.EventEmitter<vscode.LogLevel>();
    const subscriptions = vscode.Disposable.from(
        changed,
        target.onDidChangeLogLevel(() => changed.fire(level())),
        vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(key) && changed.fire(level())),
    );
    const write = (message: string): void =>
        target.logLevel === vscode.LogLevel.Trace ? target.trace(message) : target.info(`[trace] ${message}`);
    return {
        name: target.name,
        get logLevel() {
            return level();
        },
        onDidChangeLogLevel: changed.event,
        trace: write,
        debug: (message, ...args) => target.debug(message, ...args),
        info: (message, ...args) => target.info(message, ...args),
        warn: (message, ...args) => target.warn(message, ...args),
        error: (error, ...args) => target.error(error, ...args),
        append: (value) => target.append(value),
        appendLine: (value) => target.appendLine(value),
        replace: (value) => target.replace(value),
        clear: () => target.clear(),
        show: (...args: unknown[]) => target.show(...(args as [boolean?])),
        hide: () => target.hide(),
        dispose: () => subscriptions.dispose(),
    };
}

export function createStatusBarItem(id: string, name: string): StatusBarItem {
    const item = vscode.window.createStatusBarItem(id, vscode.StatusBarAlignment.Left, 50);
    item.name = name;
    return item;
}

export function themeColor(id: string): vscode.ThemeColor {
    return new vscode.ThemeColor(id);
}

export function registerCommand(command: string, callback: (...args: any[]) => unknown): Disposable {
    return vscode.commands.registerCommand(command, callback);
}

export function executeCommand<T>(command: string, ...args: unknown[]): Thenable<T> {
    return vscode.commands.executeCommand<T>(command, ...args);
}

export function showInformationMessage<T extends string>(message: string, ...items: T[]): Thenable<T | undefined> {
    return vscode.window.showInformationMessage(message, ...items);
}

export function showWarningMessage<T extends string>(message: string, ...items: T[]): Thenable<T | undefined> {
    return vscode.window.showWarningMessage(message, ...items);
}

export function showErrorMessage<T extends string>(message: string, ...items: T[]): Thenable<T | undefined> {
    return vscode.window.showErrorMessage(message, ...items);
}

export function showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined> {
    return vscode.window.showInputBox(options);
}

export function showQuickPick(items: string[], options: vscode.QuickPickOptions): Thenable<string | undefined> {
    return vscode.window.showQuickPick(items, options);
}

export interface ProgressReport {
    message?: string;
    increment?: number;
}

/** A cancellable progress notification. */
export function withNotificationProgress<R>(
    title: string,
    task: (progress: { report(value: ProgressReport): void }, token: vscode.CancellationToken) => Thenable<R>,
): Thenable<R> {
    return vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        task,
    );
}

export function writeClipboard(text: string): Thenable<void> {
    return vscode.env.clipboard.writeText(text);
}

export async function openFile(uri: Uri): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
}

const DOCS_SCHEME = 'threatmark-docs';
const docsContent = new Map<string, string>();
const docsChanged = new vscode.EventEmitter<vscode.Uri>();

/** Serves the read-only markdown documents shown by `showMarkdown`. */
export function registerMarkdownDocuments(): Disposable {
    return vscode.Disposable.from(
        docsChanged,
        vscode.workspace.registerTextDocumentContentProvider(DOCS_SCHEME, {
            onDidChange: docsChanged.event,
            provideTextDocumentContent: (uri) => docsContent.get(uri.path) ?? '',
        }),
    );
}

/** Shows markdown rendered, from a read-only virtual document named `name` (never a dirty untitled file). */
export async function showMarkdown(name: string, content: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: DOCS_SCHEME, path: `/${name}.md` });
    docsContent.set(uri.path, content);
    docsChanged.fire(uri);
    await vscode.commands.executeCommand('markdown.showPreview', uri);
}

/** Rule ids (diagnostic codes) of `source` diagnostics in the active editor, those under the cursor first. */
export function diagnosticCodesInActiveEditor(source: string): string[] {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
        return [];
    }
    const cursor = editor.selection.active;
    const diagnostics = vscode.languages
        .getDiagnostics(editor.document.uri)
        .filter((d) => d.source === source && d.code !== undefined);
    const codeOf = (d: vscode.Diagnostic): string =>
        String(typeof d.code === 'object' ? d.code.value : d.code);
    const atCursor = diagnostics.filter((d) => d.range.contains(cursor)).map(codeOf);
    return [...new Set([...atCursor, ...diagnostics.map(codeOf)])];
}

/** The `exports` of an installed extension, activating it first; undefined when not installed. */
export async function getExtensionApi<T>(id: string): Promise<T | undefined> {
    const extension = vscode.extensions.getExtension<T>(id);
    if (!extension) {
        return undefined;
    }
    return extension.isActive ? extension.exports : await extension.activate();
}
