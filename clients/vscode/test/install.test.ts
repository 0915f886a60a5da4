import { beforeEach, describe, expect, it, vi } from 'vitest';
import { offerInstall } from '../src/common/install';
import type { ExecFn } from '../src/common/launch';
import * as api from './vscodeapi.stub';

vi.mock('../src/common/vscodeapi', () => import('./vscodeapi.stub'));

const output = { info: vi.fn(), error: vi.fn(), show: vi.fn() } as never;
const interpreter = { path: '/venv/bin/python', source: 'setting' } as const;
const missing = { installed: false, reason: 'missing-module', detail: 'No module named threatmark' } as const;

describe('offerInstall', () => {
    beforeEach(() => vi.clearAllMocks());

    it('shows the exact pip command and runs it on "Install", then restarts', async () => {
        api.showWarningMessage.mockResolvedValueOnce('Install');
        const exec = vi.fn<ExecFn>(async () => ({ stdout: 'Successfully installed threatmark-0.1.0', stderr: '' }));
        const onInstalled = vi.fn();
        await offerInstall(interpreter, missing, { serverPackage: 'threatmark', output, onInstalled, exec });
        expect(api.showWarningMessage.mock.calls[0]![0]).toContain('/venv/bin/python -m pip install threatmark');
        expect(exec).toHaveBeenCalledWith('/venv/bin/python', ['-m', 'pip', 'install', 'threatmark'], expect.anything());
        expect(onInstalled).toHaveBeenCalledOnce();
    });

    it('copies the command', async () => {
        api.showWarningMessage.mockResolvedValueOnce('Copy Command');
        const exec = vi.fn<ExecFn>();
        await offerInstall(interpreter, missing, { serverPackage: 'threatmark', output, onInstalled: vi.fn(), exec });
        expect(api.writeClipboard).toHaveBeenCalledWith('/venv/bin/python -m pip install threatmark');
        expect(exec).not.toHaveBeenCalled();
    });

    it('reports a failed install with pip’s last line and does not restart', async () => {
        api.showWarningMessage.mockResolvedValueOnce('Install');
        const exec = vi.fn<ExecFn>(async () => {
            throw Object.assign(new Error('Command failed'), { stderr: 'error: externally-managed-environment\n' });
        });
        const onInstalled = vi.fn();
        await offerInstall(interpreter, missing, { serverPackage: 'threatmark', output, onInstalled, exec });
        expect(api.showErrorMessage.mock.calls[0]![0]).toBe('Installing threatmark failed: error: externally-managed-environment');
        expect(onInstalled).not.toHaveBeenCalled();
    });

    it('points to the setting when the interpreter does not exist', async () => {
        api.showErrorMessage.mockResolvedValueOnce('Open Settings');
        await offerInstall(
            interpreter,
            { installed: false, reason: 'missing-interpreter', detail: 'ENOENT' },
            { serverPackage: 'threatmark', output, onInstalled: vi.fn() },
        );
        expect(api.showWarningMessage).not.toHaveBeenCalled();
        expect(api.executeCommand).toHaveBeenCalledWith('workbench.action.openSettings', 'threatmark.interpreter');
    });
});
