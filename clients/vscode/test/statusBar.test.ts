import { describe, expect, it, vi } from 'vitest';
import { renderStatus } from '../src/common/statusBar';

vi.mock('../src/common/vscodeapi', () => import('./vscodeapi.stub'));

describe('renderStatus', () => {
    it('shows the server state and LLM on/off', () => {
        expect(renderStatus({ state: 'running', llmEnabled: false })).toMatchObject({
            text: '$(shield) Threatmark · LLM off',
        });
        const on = renderStatus({ state: 'running', llmEnabled: true, interpreter: '/py', version: 'threatmark 0.1.0' });
        expect(on.text).toBe('$(shield) Threatmark · LLM on');
        expect(on.tooltip).toContain('Interpreter: /py');
        expect(on.background).toBeUndefined();
    });

    it('marks problems', () => {
        const missing = renderStatus({ state: 'notInstalled', llmEnabled: false, detail: 'No module named threatmark' });
        expect(missing.background).toBe('warning');
        expect(missing.tooltip).toContain('No module named threatmark');
        expect(renderStatus({ state: 'error', llmEnabled: false }).background).toBe('error');
        expect(renderStatus({ state: 'starting', llmEnabled: false }).text).toContain('$(loading~spin)');
    });

    it('shows scan progress', () => {
        expect(renderStatus({ state: 'running', llmEnabled: false, scan: {} }).text).toBe('$(sync~spin) Threatmark: scanning');
        const r = renderStatus({ state: 'running', llmEnabled: false, scan: { percentage: 41.6, message: '5/12 files' } });
        expect(r.text).toBe('$(sync~spin) Threatmark: scanning 42%');
        expect(r.tooltip).toContain('Scan: 5/12 files');
    });
});
