import { describe, expect, it } from 'vitest';
import { parseServerLogLine } from '../src/common/serverLog';

describe('parseServerLogLine', () => {
    it("keeps Python logging's level", () => {
        expect(parseServerLogLine('2026-11-22 06:24:01,713 INFO threatmark.lsp: language server on stdio')).toEqual({
            level: 'info',
            message: 'threatmark.lsp: language server on stdio',
        });
        expect(parseServerLogLine('2026-11-22 06:24:01,713 WARNING threatmark.lsp: x').level).toBe('warn');
        expect(parseServerLogLine('2026-11-22 06:24:01,713 DEBUG threatmark.lsp: x').level).toBe('debug');
        expect(parseServerLogLine('2026-11-22 06:24:01,713 CRITICAL threatmark.lsp: x').level).toBe('error');
        expect(parseServerLogLine('ERROR:threatmark.lsp:boom')).toEqual({ level: 'error', message: 'threatmark.lsp:boom' });
    });

    it('treats other lines, such as tracebacks, as errors', () => {
        expect(parseServerLogLine('Traceback (most recent call last):')).toEqual({
            level: 'error',
            message: 'Traceback (most recent call last):',
        });
        expect(parseServerLogLine("ModuleNotFoundError: No module named 'threatmark.lsp.server'").level).toBe('error');
    });
});
