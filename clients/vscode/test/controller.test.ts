import { describe, expect, it, vi } from 'vitest';
import { ServerController, type ControllerDeps, type ManagedClient, type ServerState } from '../src/common/controller';
import type { ProbeResult } from '../src/common/launch';
import { buildServerLaunch } from '../src/common/launch';

class FakeClient implements ManagedClient {
    static created: FakeClient[] = [];
    running = false;
    disposed = false;
    constructor(
        readonly context: Parameters<ControllerDeps<FakeClient>['createClient']>[0],
        private readonly events: string[],
        private readonly failStart = false,
    ) {
        FakeClient.created.push(this);
    }
    async start(): Promise<void> {
        this.events.push(`start ${FakeClient.created.indexOf(this)}`);
        await new Promise((r) => setTimeout(r, 5));
        if (this.failStart) {
            throw new Error('Server exited with code 1');
        }
        this.running = true;
    }
    async dispose(): Promise<void> {
        this.events.push(`dispose ${FakeClient.created.indexOf(this)}`);
        this.running = false;
        this.disposed = true;
    }
}

function setup(options: { probe?: ProbeResult; apiKey?: string; failStart?: boolean } = {}) {
    FakeClient.created = [];
    const events: string[] = [];
    const states: ServerState[] = [];
    const notInstalled: string[] = [];
    const deps: ControllerDeps<FakeClient> = {
        resolveInterpreter: async () => ({ path: '/venv/bin/python', source: 'setting' }),
        probe: async (interpreter) => {
            events.push(`probe ${interpreter}`);
            return options.probe ?? { installed: true, version: 'threatmark 0.1.0' };
        },
        getApiKey: async () => options.apiKey,
        buildLaunch: (interpreter, apiKey) => buildServerLaunch(interpreter, 'threatmark', apiKey, {}, '/ws'),
        createClient: (context) => new FakeClient(context, events, options.failStart),
        onNotInstalled: (interpreter, probe) => notInstalled.push(`${interpreter.path}: ${probe.reason}`),
        onStateChange: (state) => states.push(state),
        log: { info: () => undefined, error: () => undefined },
    };
    return { controller: new ServerController(deps), events, states, notInstalled };
}

describe('ServerController', () => {
    it('starts `python -m threatmark serve` with the stored key in the environment', async () => {
        const { controller, states, events } = setup({ apiKey: 'sk-1' });
        await controller.restart('test');
        const client = controller.current!;
        expect(client.running).toBe(true);
        expect(client.context.launch).toMatchObject({
            command: '/venv/bin/python',
            args: ['-m', 'threatmark', 'serve'],
            cwd: '/ws',
            env: { THREATMARK_LLM_API_KEY: 'sk-1' },
        });
        expect(client.context.hasApiKey).toBe(true);
        expect(states).toEqual(['starting', 'running']);
        expect(events).toEqual(['probe /venv/bin/python', 'start 0']);
    });

    it('offers the install and starts nothing when threatmark is missing', async () => {
        const { controller, states, notInstalled } = setup({
            probe: { installed: false, reason: 'missing-module', detail: 'No module named threatmark' },
        });
        await controller.restart('test');
        expect(controller.current).toBeUndefined();
        expect(FakeClient.created).toHaveLength(0);
        expect(states).toEqual(['starting', 'notInstalled']);
        expect(notInstalled).toEqual(['/venv/bin/python: missing-module']);
    });

    it('reports a server that fails to start', async () => {
        const { controller, states } = setup({ failStart: true });
        await controller.restart('test');
        expect(states).toEqual(['starting', 'error']);
    });

    it('stops the old server before starting the new one', async () => {
        const { controller, events } = setup();
        await controller.restart('first');
        await controller.restart('second');
        expect(events.filter((e) => !e.startsWith('probe'))).toEqual(['start 0', 'dispose 0', 'start 1']);
        expect(FakeClient.created[0]!.disposed).toBe(true);
        expect(controller.current).toBe(FakeClient.created[1]);
    });

    it('serialises restarts and coalesces the ones that wait', async () => {
        const { controller, events } = setup();
        expect(controller.restartPending).toBe(false);
        const first = controller.restart('a');
        expect(controller.restartPending).toBe(true);
        expect(controller.restart('b')).toBe(first); // not started yet: one restart serves both
        await vi.waitFor(() => expect(events).toContain('start 0'));
        const queued = [controller.restart('c'), controller.restart('d')]; // while running: one more
        expect(queued[0]).toBe(queued[1]);
        await Promise.all([first, ...queued]);
        expect(controller.restartPending).toBe(false);
        expect(FakeClient.created).toHaveLength(2);
        expect(FakeClient.created.filter((c) => c.running)).toHaveLength(1);
        expect(events.filter((e) => !e.startsWith('probe'))).toEqual(['start 0', 'dispose 0', 'start 1']);
    });

    it('stop disposes the running server', async () => {
        const { controller, states } = setup();
        await controller.restart('test');
        await controller.stop();
        expect(controller.current).toBeUndefined();
        expect(FakeClient.created[0]!.disposed).toBe(true);
        expect(states.at(-1)).toBe('stopped');
    });
});
