// Restart orchestration: one server at a time; restarts are serialised and coalesced.
import type { Interpreter } from './interpreter';
import type { ProbeResult, ServerLaunch } from './launch';

export type ServerState = 'stopped' | 'starting' | 'running' | 'notInstalled' | 'error';

/** A started language client, as the controller sees it. */
export interface ManagedClient {
    start(): Promise<void>;
    /** Stops the server process and releases the client. */
    dispose(): Promise<void>;
}

export interface StartContext {
    launch: ServerLaunch;
    interpreter: Interpreter;
    version: string;
    hasApiKey: boolean;
}

export type NotInstalled = Extract<ProbeResult, { installed: false }>;

export interface ControllerDeps<C extends ManagedClient> {
    resolveInterpreter(): Promise<Interpreter>;
    probe(interpreter: string): Promise<ProbeResult>;
    getApiKey(): Promise<string | undefined>;
    buildLaunch(interpreter: string, apiKey: string | undefined): ServerLaunch;
    createClient(context: StartContext): C;
    onNotInstalled(interpreter: Interpreter, probe: NotInstalled): void;
    onStateChange(state: ServerState, detail?: string): void;
    log: { info(message: string): void; error(message: string): void };
}

export class ServerController<C extends ManagedClient> {
    private client: C | undefined;
    private chain: Promise<void> = Promise.resolve();
    private queuedRestart: Promise<void> | undefined;

    constructor(private readonly deps: ControllerDeps<C>) {}

    /** The running client, if any. */
    get current(): C | undefined {
        return this.client;
    }

    /** True from a `restart` call until that restart begins. */
    get restartPending(): boolean {
        return this.queuedRestart !== undefined;
    }

    /**
     * Stops the current server and starts a new one. Calls made while a restart is waiting
     * to run share it; a call made while one is running queues exactly one more.
     */
    restart(reason: string): Promise<void> {
        if (this.queuedRestart) {
            return this.queuedRestart;
        }
        const run = this.enqueue(async () => {
            this.queuedRestart = undefined;
            await this.doRestart(reason);
        });
        this.queuedRestart = run;
        return run;
    }

    stop(): Promise<void> {
        return this.enqueue(async () => {
            await this.stopClient();
            this.deps.onStateChange('stopped');
        });
    }

    private enqueue(job: () => Promise<void>): Promise<void> {
        const run = this.chain.then(job);
        this.chain = run.catch(() => undefined);
        return run;
    }

    private async stopClient(): Promise<void> {
        const client = this.client;
        this.client = undefined;
        if (client) {
            try {
                await client.dispose();
            } catch (error) {
                this.deps.log.error(`Stopping the server failed: ${String(error)}`);
            }
        }
    }

    private async doRestart(reason: string): Promise<void> {
        const { deps } = this;
        await this.stopClient();
        deps.onStateChange('starting');
        deps.log.info(`Starting the server (${reason}).`);
        const interpreter = await deps.resolveInterpreter();
        deps.log.info(`Python interpreter: ${interpreter.path} (from ${interpreter.source})`);
        const probe = await deps.probe(interpreter.path);
        if (!probe.installed) {
            deps.log.error(`threatmark is not usable with ${interpreter.path}: ${probe.detail}`);
            deps.onStateChange('notInstalled', probe.detail);
            deps.onNotInstalled(interpreter, probe);
            return;
        }
        const apiKey = await deps.getApiKey();
        const launch = deps.buildLaunch(interpreter.path, apiKey);
        deps.log.info(`Found ${probe.version}; running: ${[launch.command, ...launch.args, '--stdio'].join(' ')}`);
        const client = deps.createClient({ launch, interpreter, version: probe.version, hasApiKey: Boolean(apiKey) });
        this.client = client;
        try {
            await client.start();
            deps.onStateChange('running');
        } catch (error) {
            deps.log.error(`The server failed to start: ${error instanceof Error ? error.message : String(error)}`);
            deps.onStateChange('error', String(error));
        }
    }
}
