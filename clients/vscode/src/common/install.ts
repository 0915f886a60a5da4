// What the user sees when threatmark cannot run in the chosen interpreter.
import type { NotInstalled } from './controller';
import type { Interpreter } from './interpreter';
import { execFileAsync, installCommand, type ExecFn } from './launch';
import {
    executeCommand,
    showErrorMessage,
    showInformationMessage,
    showWarningMessage,
    withNotificationProgress,
    writeClipboard,
    type LogOutputChannel,
} from './vscodeapi';

export interface InstallOptions {
    /** The PyPI package that provides the server. */
    serverPackage: string;
    output: LogOutputChannel;
    /** Called after a successful install (restarts the server). */
    onInstalled(): unknown;
    exec?: ExecFn;
}

export async function offerInstall(interpreter: Interpreter, probe: NotInstalled, options: InstallOptions): Promise<void> {
    const { output } = options;
    if (probe.reason === 'missing-interpreter') {
        const choice = await showErrorMessage(
            `Threatmark: the Python interpreter "${interpreter.path}" was not found. ` +
                'Set "threatmark.interpreter" or select an interpreter in the Python extension.',
            'Open Settings',
            'Show Output',
        );
        if (choice === 'Open Settings') {
            await executeCommand('workbench.action.openSettings', 'threatmark.interpreter');
        } else if (choice === 'Show Output') {
            output.show();
        }
        return;
    }
    const cmd = installCommand(interpreter.path, options.serverPackage);
    const choice = await showWarningMessage(
        `Threatmark is not installed in ${interpreter.path}. Install it with: ${cmd.display}`,
        'Install',
        'Copy Command',
        'Show Output',
    );
    if (choice === 'Copy Command') {
        await writeClipboard(cmd.display);
    } else if (choice === 'Show Output') {
        output.show();
    } else if (choice === 'Install') {
        output.info(`Running: ${cmd.display}`);
        const exec = options.exec ?? execFileAsync;
        try {
            const { stdout, stderr } = await withNotificationProgress(`Threatmark: ${cmd.display}`, () =>
                exec(cmd.command, cmd.args, { timeout: 10 * 60_000 }),
            );
            output.info(stdout + stderr);
            await showInformationMessage(`Threatmark installed in ${interpreter.path}.`);
            options.onInstalled();
        } catch (error) {
            const e = error as { stderr?: unknown; message?: unknown };
            const detail = typeof e.stderr === 'string' && e.stderr.trim() ? e.stderr.trim() : String(e.message ?? error);
            output.error(`${cmd.display} failed:\n${detail}`);
            const lastLine = detail.split('\n').filter(Boolean).pop() ?? detail;
            if ((await showErrorMessage(`Installing threatmark failed: ${lastLine}`, 'Show Output')) === 'Show Output') {
                output.show();
            }
        }
    }
}
