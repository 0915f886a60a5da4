// The server's stderr, line by line, at the level Python's logging wrote it with.
// (vscode-languageclient would log every stderr line as an error.)

export type LogLevelName = 'debug' | 'info' | 'warn' | 'error';

const LEVELS: Record<string, LogLevelName> = {
    DEBUG: 'debug',
    INFO: 'info',
    WARNING: 'warn',
    ERROR: 'error',
    CRITICAL: 'error',
};

/** `2025-01-01 12:00:00,123 INFO threatmark.lsp: …` → `{level: 'info', message: 'threatmark.lsp: …'}`; other lines (tracebacks) are errors. */
export function parseServerLogLine(line: string): { level: LogLevelName; message: string } {
    const match = /^(?:\d{4}-\d\d-\d\d[ T][\d:,.]+\s+)?(DEBUG|INFO|WARNING|ERROR|CRITICAL)\b:?\s*(.*)$/.exec(line);
    if (match) {
        return { level: LEVELS[match[1]!]!, message: match[2]! };
    }
    return { level: 'error', message: line };
}
