// The status bar item: server state, LLM on/off, scan progress. A click shows the output channel.
import type { ServerState } from './controller';
import { createStatusBarItem, themeColor, type Disposable, type StatusBarItem } from './vscodeapi';

export interface StatusView {
    state: ServerState;
    llmEnabled: boolean;
    /** Set while a workspace scan runs: percentage if known, and the server's message. */
    scan?: { percentage?: number; message?: string };
    /** Why the server is not running, when known. */
    detail?: string;
    interpreter?: string;
    version?: string;
}

export interface StatusRendering {
    text: string;
    tooltip: string;
    background?: 'error' | 'warning';
}

const STATE_LABEL: Record<ServerState, string> = {
    stopped: 'stopped',
    starting: 'starting…',
    running: 'running',
    notInstalled: 'not installed in the selected interpreter',
    error: 'failed or exited (see the output)',
};

const STATE_ICON: Record<ServerState, string> = {
    stopped: '$(circle-slash)',
    starting: '$(loading~spin)',
    running: '$(shield)',
    notInstalled: '$(warning)',
    error: '$(error)',
};

export function renderStatus(view: StatusView): StatusRendering {
    const llm = view.llmEnabled ? 'LLM on' : 'LLM off';
    const lines = [`Threatmark server: ${STATE_LABEL[view.state]}`];
    if (view.version) {
        lines.push(`Version: ${view.version}`);
    }
    if (view.interpreter) {
        lines.push(`Interpreter: ${view.interpreter}`);
    }
    if (view.detail && view.state !== 'running') {
        lines.push(view.detail.split('\n')[0] ?? '');
    }
    lines.push(`LLM review: ${view.llmEnabled ? 'on' : 'off'}`, 'Click to show the output.');
    let text = `${STATE_ICON[view.state]} Threatmark · ${llm}`;
    if (view.scan) {
        const pct = view.scan.percentage === undefined ? '' : ` ${Math.round(view.scan.percentage)}%`;
        text = `$(sync~spin) Threatmark: scanning${pct}`;
        if (view.scan.message) {
            lines.splice(1, 0, `Scan: ${view.scan.message}`);
        }
    }
    const background =
        view.state === 'error' ? 'error' : view.state === 'notInstalled' || view.state === 'stopped' ? 'warning' : undefined;
    return { text, tooltip: lines.join('\n'), ...(background ? { background } : {}) };
}

export class StatusBar implements Disposable {
    private readonly item: StatusBarItem;
    private view: StatusView = { state: 'stopped', llmEnabled: false };

    constructor(command: string) {
        this.item = createStatusBarItem('threatmark.status', 'Threatmark');
        this.item.command = command;
        this.render();
        this.item.show();
    }

    update(change: Partial<StatusView>): void {
        this.view = { ...this.view, ...change };
        this.render();
    }

    /** Removes the scan progress. */
    endScan(): void {
        const { scan: _scan, ...rest } = this.view;
        this.view = rest;
        this.render();
    }

    private render(): void {
        const r = renderStatus(this.view);
        this.item.text = r.text;
        this.item.tooltip = r.tooltip;
        this.item.backgroundColor = r.background ? themeColor(`statusBarItem.${r.background}Background`) : undefined;
    }

    dispose(): void {
        this.item.dispose();
    }
}
