// Builds the vscode-languageclient client for one server process.
import {
    type CancellationToken,
    ExecuteCommandRequest,
    LanguageClient,
    type LanguageClientOptions,
    type ServerOptions,
    State,
    TransportKind,
    WorkDoneProgress,
    type WorkDoneProgressBegin,
    type WorkDoneProgressEnd,
    type WorkDoneProgressReport,
} from 'vscode-languageclient/node';
import * as readline from 'node:readline';
import type { ManagedClient, ServerState, StartContext } from './controller';
import {
    CONFIGURATION_SECTION,
    type InitializationOptions,
    type ServerCommandArgs,
    type ServerCommandName,
    type ServerCommandResults,
    type ServerSettings,
} from './protocol';
import { parseServerLogLine } from './serverLog';
import type { LogOutputChannel, Uri } from './vscodeapi';

export type WorkDoneValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

export interface ServerClientOptions {
    id: string;
    name: string;
    outputChannel: LogOutputChannel;
    /** Where LSP messages are traced (see `createTraceChannel`). */
    traceOutputChannel: LogOutputChannel;
    /** Server settings for a scope (undefined: the first workspace folder / global). */
    serverSettings(hasApiKey: boolean, scope?: Uri): ServerSettings;
    parseUri(uri: string): Uri;
    /** Commands the extension registers itself: the client must not register them a second time. */
    ownCommands: ReadonlySet<string>;
    onStateChange(state: ServerState): void;
    /** True while a restart is queued: configuration changes then need no notification. */
    restartPending(): boolean;
}

/** A started client plus the typed custom requests of `protocol.ts`. */
export class ServerClient implements ManagedClient {
    private readonly client: LanguageClient;
    private nextToken = 0;
    private disposing = false;

    constructor(context: StartContext, private readonly options: ServerClientOptions) {
        const { launch } = context;
        const serverOptions: ServerOptions = {
            command: launch.command,
            args: launch.args,
            transport: TransportKind.stdio,
            options: { env: launch.env, ...(launch.cwd ? { cwd: launch.cwd } : {}) },
        };
        const initializationOptions: InitializationOptions = {
            settings: options.serverSettings(context.hasApiKey),
        };
        const clientOptions: LanguageClientOptions = {
            documentSelector: [
                { scheme: 'file', language: 'python' },
                { scheme: 'untitled', language: 'python' },
                { scheme: 'file', pattern: '**/threatmodel.{yaml,yml}' },
            ],
            diagnosticCollectionName: options.id,
            outputChannel: options.outputChannel,
            traceOutputChannel: options.traceOutputChannel,
            initializationOptions,
            stdioOptions: {
                // stdout carries LSP messages (stdio transport); this handler is never used for it.
                stdout: () => undefined,
                stderr: (input, channel) => {
                    readline.createInterface({ input, crlfDelay: Infinity }).on('line', (line) => {
                        const { level, message } = parseServerLogLine(line);
                        channel[level](message);
                    });
                },
            },
            middleware: {
                workspace: {
                    // A change that restarts the server must not be sent to the server being stopped
                    // (the send would race the shutdown); the new server reads the settings anyway.
                    didChangeConfiguration: (sections, next) =>
                        this.disposing || options.restartPending() ? Promise.resolve() : next(sections),
                    configuration: async (params, token, next) => {
                        const answer = await next(params, token);
                        if (!Array.isArray(answer)) {
                            return answer;
                        }
                        return params.items.map((item, i) =>
                            item.section === CONFIGURATION_SECTION
                                ? options.serverSettings(
                                      context.hasApiKey,
                                      item.scopeUri ? options.parseUri(item.scopeUri) : undefined,
                                  )
                                : answer[i],
                        );
                    },
                },
            },
        };
        this.client = new LanguageClient(options.id, options.name, serverOptions, clientOptions);
        this.skipOwnCommands();
        this.client.onDidChangeState((e) => {
            // A stop the extension did not ask for means the server process died.
            const stopped: ServerState = this.disposing ? 'stopped' : 'error';
            options.onStateChange(
                e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : stopped,
            );
        });
    }

    /**
     * The client turns every command the server lists in `executeCommandProvider` into a VS Code
     * command; those the extension registers itself (with progress, arguments, results) are skipped.
     */
    private skipOwnCommands(): void {
        const feature = this.client.getFeature(ExecuteCommandRequest.method);
        const register = feature.register.bind(feature);
        feature.register = (data) =>
            register({
                ...data,
                registerOptions: {
                    ...data.registerOptions,
                    commands: data.registerOptions.commands.filter((c) => !this.options.ownCommands.has(c)),
                },
            });
    }

    start(): Promise<void> {
        return this.client.start();
    }

    async dispose(): Promise<void> {
        this.disposing = true;
        await this.client.dispose(2000);
    }

    get isRunning(): boolean {
        return this.client.isRunning();
    }

    /** `workspace/executeCommand` for a server command; progress arrives through `onProgress`. */
    async executeCommand<K extends ServerCommandName>(
        command: K,
        args: ServerCommandArgs[K],
        token?: CancellationToken,
        onProgress?: (value: WorkDoneValue) => void,
    ): Promise<ServerCommandResults[K]> {
        const workDoneToken = `threatmark-${command}-${++this.nextToken}`;
        const subscription = onProgress
            ? this.client.onProgress(WorkDoneProgress.type, workDoneToken, onProgress)
            : undefined;
        try {
            const result: unknown = await this.client.sendRequest(
                ExecuteCommandRequest.type,
                { command, arguments: args, ...(onProgress ? { workDoneToken } : {}) },
                token,
            );
            return (result ?? null) as ServerCommandResults[K];
        } finally {
            subscription?.dispose();
        }
    }
}
