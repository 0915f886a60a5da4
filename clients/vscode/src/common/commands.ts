// The extension's commands (package.json `contributes.commands`).
import * as path from 'node:path';
import { DIAGNOSTIC_SOURCE, ServerCommand, type ServerCommandResults } from './protocol';
import type { ApiKeyStore } from './secrets';
import type { ServerClient, WorkDoneValue } from './server';
import { readSettings, resolvePath } from './settings';
import type { StatusBar } from './statusBar';
import {
    diagnosticCodesInActiveEditor,
    executeCommand,
    fileUri,
    getWorkspaceFolders,
    openFile,
    parseUri,
    registerCommand,
    registerMarkdownDocuments,
    showErrorMessage,
    showInformationMessage,
    showInputBox,
    showMarkdown,
    showQuickPick,
    showWarningMessage,
    withNotificationProgress,
    type Disposable,
    type LogOutputChannel,
    type Uri,
    type WorkspaceFolder,
} from './vscodeapi';

export const Command = {
    restart: 'threatmark.restart',
    scanWorkspace: 'threatmark.scanWorkspace',
    createThreatModel: 'threatmark.createThreatModel',
    showOutput: 'threatmark.showOutput',
    clearLlmCache: 'threatmark.clearLlmCache',
    showRuleDocs: 'threatmark.showRuleDocs',
    setApiKey: 'threatmark.setApiKey',
} as const;

/** Every command id the extension registers (the language client must not register them again). */
export const OWN_COMMANDS: ReadonlySet<string> = new Set(Object.values(Command));

export interface CommandContext {
    /** The client when the server is running. */
    client(): ServerClient | undefined;
    restart(reason: string): Promise<void>;
    statusBar: StatusBar;
    output: LogOutputChannel;
    apiKeys: ApiKeyStore;
}

export function registerCommands(ctx: CommandContext): Disposable[] {
    const disposables = [registerMarkdownDocuments()];
    const handlers: Record<(typeof Command)[keyof typeof Command], (...args: unknown[]) => unknown> = {
        [Command.restart]: () => ctx.restart('restart command'),
        [Command.showOutput]: () => ctx.output.show(),
        [Command.scanWorkspace]: () => guarded(ctx, scanWorkspace),
        [Command.createThreatModel]: () => guarded(ctx, createThreatModel),
        [Command.clearLlmCache]: () => guarded(ctx, clearLlmCache),
        [Command.showRuleDocs]: (ruleId) => guarded(ctx, (c, client) => showRuleDocs(c, client, ruleId)),
        [Command.setApiKey]: () => setApiKey(ctx),
    };
    return [...disposables, ...Object.entries(handlers).map(([id, handler]) => registerCommand(id, handler))];
}

/** Runs a server command handler when the server is running; reports failures. */
async function guarded(
    ctx: CommandContext,
    run: (ctx: CommandContext, client: ServerClient) => Promise<void>,
): Promise<void> {
    const client = ctx.client();
    if (!client?.isRunning) {
        const choice = await showWarningMessage('The Threatmark server is not running.', 'Restart', 'Show Output');
        if (choice === 'Restart') {
            await ctx.restart('restart from notification');
        } else if (choice === 'Show Output') {
            ctx.output.show();
        }
        return;
    }
    try {
        await run(ctx, client);
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        ctx.output.error(message);
        if ((await showErrorMessage(`Threatmark: ${message}`, 'Show Output')) === 'Show Output') {
            ctx.output.show();
        }
    }
}

async function scanWorkspace(ctx: CommandContext, client: ServerClient): Promise<void> {
    let result: ServerCommandResults[typeof ServerCommand.scanWorkspace];
    try {
        result = await withNotificationProgress('Threatmark: scanning the workspace', async (progress, token) => {
            let last = 0;
            const onProgress = (value: WorkDoneValue): void => {
                if (value.kind === 'end') {
                    return;
                }
                const pct = value.percentage;
                progress.report({
                    ...(value.message ? { message: value.message } : {}),
                    ...(pct !== undefined ? { increment: Math.max(0, pct - last) } : {}),
                });
                last = pct ?? last;
                ctx.statusBar.update({
                    scan: { ...(pct !== undefined ? { percentage: pct } : {}), ...(value.message ? { message: value.message } : {}) },
                });
            };
            ctx.statusBar.update({ scan: {} });
            return client.executeCommand(ServerCommand.scanWorkspace, [], token, onProgress);
        });
    } finally {
        ctx.statusBar.endScan();
    }
    const summary =
        result && typeof result.findings === 'number'
            ? `Threatmark: ${result.findings} finding(s)${typeof result.files === 'number' ? ` in ${result.files} file(s)` : ''}.`
            : 'Threatmark: workspace scan finished.';
    if ((await showInformationMessage(summary, 'Open Problems')) === 'Open Problems') {
        await executeCommand('workbench.actions.view.problems');
    }
}

async function pickFolder(): Promise<WorkspaceFolder | undefined> {
    const folders = getWorkspaceFolders();
    if (folders.length <= 1) {
        return folders[0];
    }
    const name = await showQuickPick(
        folders.map((f) => f.name),
        { placeHolder: 'Workspace folder for the threat model' },
    );
    return folders.find((f) => f.name === name);
}

/** The file the server reports it wrote, else the configured threat-model path. */
export function threatModelFile(
    result: ServerCommandResults[typeof ServerCommand.initThreatModel],
    folderPath: string,
    configuredPath: string,
): { uri: string } | { path: string } {
    const reported = typeof result === 'string' ? result : (result?.uri ?? result?.path);
    if (reported) {
        return /^[a-z][\w+.-]+:\/\//i.test(reported) ? { uri: reported } : { path: path.resolve(folderPath, reported) };
    }
    return { path: resolvePath(configuredPath || 'threatmodel.yaml', folderPath) };
}

async function createThreatModel(_ctx: CommandContext, client: ServerClient): Promise<void> {
    const folder = await pickFolder();
    if (!folder) {
        await showWarningMessage('Threatmark: open a folder to create its threat model.');
        return;
    }
    const result = await client.executeCommand(ServerCommand.initThreatModel, [folder.uri.toString()]);
    const file = threatModelFile(result, folder.uri.fsPath, readSettings(folder.uri).threatModelPath);
    const uri: Uri = 'uri' in file ? parseUri(file.uri) : fileUri(file.path);
    await openFile(uri);
}

async function clearLlmCache(_ctx: CommandContext, client: ServerClient): Promise<void> {
    const result = await client.executeCommand(ServerCommand.clearLlmCache, []);
    const removed = typeof result?.removed === 'number' ? ` (${result.removed} entries removed)` : '';
    await showInformationMessage(`Threatmark: LLM cache cleared${removed}.`);
}

async function askRuleId(): Promise<string | undefined> {
    const candidates = diagnosticCodesInActiveEditor(DIAGNOSTIC_SOURCE);
    const picked =
        candidates.length > 0
            ? await showQuickPick(candidates, { placeHolder: 'Rule to document (from this file’s findings)' })
            : await showInputBox({ prompt: 'Rule id', placeHolder: 'py-yaml-unsafe-load' });
    return picked?.trim() || undefined;
}

async function showRuleDocs(_ctx: CommandContext, client: ServerClient, arg: unknown): Promise<void> {
    const ruleId = typeof arg === 'string' && arg ? arg : await askRuleId();
    if (!ruleId) {
        return;
    }
    const markdown = await client.executeCommand(ServerCommand.showRuleDocs, [ruleId]);
    if (!markdown) {
        await showWarningMessage(`Threatmark: no documentation for rule ${ruleId}.`);
        return;
    }
    await showMarkdown(ruleId, typeof markdown === 'string' ? markdown : JSON.stringify(markdown, null, 2));
}

async function setApiKey(ctx: CommandContext): Promise<void> {
    const value = await showInputBox({
        prompt: 'API key of the LLM endpoint. Stored in VS Code’s secret storage, never in settings. Leave empty to remove it.',
        password: true,
        ignoreFocusOut: true,
    });
    if (value === undefined) {
        return;
    }
    // Storing fires SecretStorage.onDidChange, which restarts the server with the new environment.
    await ctx.apiKeys.set(value.trim());
    await showInformationMessage(value.trim() ? 'Threatmark: API key stored.' : 'Threatmark: API key removed.');
}
