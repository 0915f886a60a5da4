// How the server process is started, checked and installed. Pure Node: no `vscode` here.
import { execFile } from 'node:child_process';
import { API_KEY_ENV_VAR } from './protocol';

/** The server process: `<python> -m threatmark serve` (vscode-languageclient appends `--stdio`). */
export interface ServerLaunch {
    command: string;
    args: string[];
    env: Record<string, string | undefined>;
    cwd?: string;
}

export function buildServerLaunch(
    interpreter: string,
    module: string,
    apiKey: string | undefined,
    baseEnv: Record<string, string | undefined>,
    cwd?: string,
): ServerLaunch {
    const env: Record<string, string | undefined> = { ...baseEnv, PYTHONUNBUFFERED: '1', PYTHONUTF8: '1' };
    if (apiKey) {
        env[API_KEY_ENV_VAR] = apiKey;
    } else {
        delete env[API_KEY_ENV_VAR];
    }
    return { command: interpreter, args: ['-m', module, 'serve'], env, ...(cwd ? { cwd } : {}) };
}

export interface ExecResult {
    stdout: string;
    stderr: string;
}

/** Runs a program without a shell; rejects with Node's `execFile` error (`code`, `stderr`) on failure. */
export type ExecFn = (file: string, args: string[], options: { timeout: number }) => Promise<ExecResult>;

export const execFileAsync: ExecFn = (file, args, options) =>
    new Promise((resolve, reject) => {
        execFile(file, args, { timeout: options.timeout, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
            if (error) {
                reject(Object.assign(error, { stdout, stderr }));
            } else {
                resolve({ stdout, stderr });
            }
        });
    });

export type ProbeResult =
    | { installed: true; version: string }
    | { installed: false; reason: 'missing-interpreter' | 'missing-module' | 'error'; detail: string };

/** Checks that `<interpreter> -m <module> --version` works. */
export async function probeServer(
    interpreter: string,
    module: string,
    exec: ExecFn = execFileAsync,
    timeout = 30_000,
): Promise<ProbeResult> {
    try {
        const { stdout, stderr } = await exec(interpreter, ['-m', module, '--version'], { timeout });
        return { installed: true, version: (stdout.trim() || stderr.trim()).split('\n')[0] ?? '' };
    } catch (error) {
        const e = error as { code?: unknown; stderr?: unknown; message?: unknown };
        const stderr = typeof e.stderr === 'string' ? e.stderr.trim() : '';
        const detail = stderr || String(e.message ?? error);
        if (e.code === 'ENOENT' || e.code === 'EACCES') {
            return { installed: false, reason: 'missing-interpreter', detail };
        }
        const missing = new RegExp(`No module named '?${module.replace(/\./g, '\\.')}'?`);
        return { installed: false, reason: missing.test(stderr) ? 'missing-module' : 'error', detail };
    }
}

/** Quotes an argument for display in a POSIX shell (or cmd.exe when `windows`). */
export function quoteArg(arg: string, windows = process.platform === 'win32'): string {
    if (/^[\w@%+=:,./-]+$/.test(arg)) {
        return arg;
    }
    return windows ? `"${arg.replace(/"/g, '""')}"` : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export interface InstallCommand {
    command: string;
    args: string[];
    /** The exact command line, for the notification and the clipboard. */
    display: string;
}

/** `<interpreter> -m pip install <package>`. */
export function installCommand(interpreter: string, pkg: string, windows = process.platform === 'win32'): InstallCommand {
    const args = ['-m', 'pip', 'install', pkg];
    return { command: interpreter, args, display: [interpreter, ...args].map((a) => quoteArg(a, windows)).join(' ') };
}
