import { describe, expect, it } from 'vitest';
import { buildServerLaunch, installCommand, probeServer, quoteArg, type ExecFn } from '../src/common/launch';

describe('buildServerLaunch', () => {
    const base = { PATH: '/usr/bin', THREATMARK_LLM_API_KEY: 'stale' };

    it('runs `python -m threatmark serve` in the workspace folder', () => {
        const launch = buildServerLaunch('/venv/bin/python', 'threatmark', undefined, base, '/ws');
        expect(launch.command).toBe('/venv/bin/python');
        expect(launch.args).toEqual(['-m', 'threatmark', 'serve']);
        expect(launch.cwd).toBe('/ws');
        expect(launch.env.PATH).toBe('/usr/bin');
        expect(launch.env.PYTHONUNBUFFERED).toBe('1');
    });

    it('passes the stored key only as THREATMARK_LLM_API_KEY', () => {
        const withKey = buildServerLaunch('python3', 'threatmark', 'sk-secret', base);
        expect(withKey.env.THREATMARK_LLM_API_KEY).toBe('sk-secret');
        expect(withKey.args.join(' ')).not.toContain('sk-secret');
        const withoutKey = buildServerLaunch('python3', 'threatmark', undefined, base);
        expect('THREATMARK_LLM_API_KEY' in withoutKey.env).toBe(false);
        expect(base.THREATMARK_LLM_API_KEY).toBe('stale');
        expect(withoutKey.cwd).toBeUndefined();
    });
});

describe('probeServer', () => {
    const failing =
        (error: object): ExecFn =>
        async () => {
            throw Object.assign(new Error('Command failed'), error);
        };

    it('reports the version', async () => {
        const calls: string[][] = [];
        const exec: ExecFn = async (file, args) => {
            calls.push([file, ...args]);
            return { stdout: 'threatmark 0.1.0\n', stderr: '' };
        };
        expect(await probeServer('/py', 'threatmark', exec)).toEqual({ installed: true, version: 'threatmark 0.1.0' });
        expect(calls).toEqual([['/py', '-m', 'threatmark', '--version']]);
    });

    it('tells a missing interpreter from a missing module from another failure', async () => {
        expect(await probeServer('/py', 'threatmark', failing({ code: 'ENOENT' }))).toMatchObject({
            installed: false,
            reason: 'missing-interpreter',
        });
        expect(
            await probeServer('/py', 'threatmark', failing({ code: 1, stderr: "/py: No module named threatmark\n" })),
        ).toEqual({ installed: false, reason: 'missing-module', detail: '/py: No module named threatmark' });
        expect(
            await probeServer('/py', 'threatmark', failing({ code: 1, stderr: 'ImportError: cannot import name x' })),
        ).toMatchObject({ installed: false, reason: 'error' });
    });

    it('runs a real interpreter', async () => {
        const python = process.env.THREATMARK_TEST_PYTHON ?? 'python3';
        expect(await probeServer('/nonexistent/bin/python', 'threatmark')).toMatchObject({ reason: 'missing-interpreter' });
        expect(await probeServer(python, 'threatmark_no_such_module')).toMatchObject({ reason: 'missing-module' });
        expect(await probeServer(python, 'pip')).toMatchObject({ installed: true, version: expect.stringMatching(/^pip /) });
    });
});

describe('installCommand', () => {
    it('shows the exact command, quoted for the shell', () => {
        expect(installCommand('/usr/bin/python3', 'threatmark', false)).toEqual({
            command: '/usr/bin/python3',
            args: ['-m', 'pip', 'install', 'threatmark'],
            display: '/usr/bin/python3 -m pip install threatmark',
        });
        expect(installCommand('/home/me/my envs/python', 'threatmark', false).display).toBe(
            "'/home/me/my envs/python' -m pip install threatmark",
        );
        expect(installCommand('C:\\Program Files\\Python\\python.exe', 'threatmark', true).display).toBe(
            '"C:\\Program Files\\Python\\python.exe" -m pip install threatmark',
        );
        expect(quoteArg("it's", false)).toBe("'it'\\''s'");
    });
});
