#!/usr/bin/env node
// End-to-end test of the Threatmark VS Code extension in a real VS Code (code-server),
// driven by puppeteer-core and Debian's chromium:
//   build + package the .vsix → install it into a fresh code-server → open a workspace with a
//   vulnerable file → diagnostic in the Problems panel → quick fix from the light bulb → save →
//   fixed content on disk and the diagnostic gone. Screenshots and logs: test-artifacts/vscode/.
//
// Usage: node tests/e2e_vscode/run.mjs [--smoke] [--keep]
//   --smoke  stop once the extension has tried to start the server (no server needed)
//   --keep   keep the temporary workspace / user-data-dir
// Environment:
//   THREATMARK_CODE_SERVER  code-server install dir (from install-code-server.sh) or binary
//                           (default /opt/code-server)
//   THREATMARK_CHROMIUM     chromium binary (default /usr/bin/chromium)
//   THREATMARK_PYTHON       interpreter with threatmark installed (default: python3's sys.executable)
//   THREATMARK_E2E_TIMEOUT  seconds to wait for each UI step (default 60)
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const EXTENSION_DIR = path.join(REPO, 'clients', 'vscode');
const ARTIFACTS = path.join(REPO, 'test-artifacts', 'vscode');
const SMOKE = process.argv.includes('--smoke');
const KEEP = process.argv.includes('--keep');
const STEP_TIMEOUT = Number(process.env.THREATMARK_E2E_TIMEOUT ?? 60) * 1000;

export const DEFAULT_CODE_SERVER_DIR = '/opt/code-server';
const RULE_ID = 'py-yaml-unsafe-load';
const FIX_TITLE = 'Use yaml.safe_load';
const VULNERABLE = 'import yaml\n\ndef load(text):\n    return yaml.load(text)\n';
const FIXED = 'import yaml\n\ndef load(text):\n    return yaml.safe_load(text)\n';

const t0 = Date.now();
const timings = [];
function log(message) {
    console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${message}`);
}
async function step(name, fn) {
    const start = Date.now();
    log(`${name} …`);
    const result = await fn();
    const seconds = (Date.now() - start) / 1000;
    timings.push({ step: name, seconds });
    log(`${name}: done in ${seconds.toFixed(1)} s`);
    return result;
}

function codeServerBinary() {
    const configured = process.env.THREATMARK_CODE_SERVER || DEFAULT_CODE_SERVER_DIR;
    const candidates = [path.join(configured, 'node_modules', '.bin', 'code-server'), configured];
    const found = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
    if (!found) {
        throw new Error(
            `code-server not found at ${configured}; install it with ` +
                `"bash /work/shared/tools/install-code-server.sh ${configured}" or set THREATMARK_CODE_SERVER`,
        );
    }
    return found;
}

function pythonExecutable() {
    if (process.env.THREATMARK_PYTHON) {
        return process.env.THREATMARK_PYTHON;
    }
    return execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
}

function run(command, args, options = {}) {
    log(`$ ${[command, ...args].join(' ')}`);
    execFileSync(command, args, { stdio: 'inherit', ...options });
}

function freePort() {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
        server.on('error', reject);
    });
}

async function waitFor(what, predicate, timeout = STEP_TIMEOUT, interval = 250) {
    const deadline = Date.now() + timeout;
    let last;
    while (Date.now() < deadline) {
        try {
            const value = await predicate();
            if (value) {
                return value;
            }
        } catch (error) {
            last = error;
        }
        await new Promise((r) => setTimeout(r, interval));
    }
    throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}${last ? ` (${last.message})` : ''}`);
}

function findFiles(dir, name) {
    if (!fs.existsSync(dir)) {
        return [];
    }
    return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name === name)
        .map((e) => path.join(e.parentPath ?? e.path, e.name));
}

/** The extension's output channel, as VS Code writes it to the logs folder. */
function extensionLog(userDataDir) {
    return findFiles(path.join(userDataDir, 'logs'), 'Threatmark.log')
        .map((f) => fs.readFileSync(f, 'utf8'))
        .join('\n');
}

/** `threatmark serve` processes in a process group, with their environment (Linux /proc). */
function serverProcesses(pgid) {
    const found = [];
    for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
        try {
            const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
            const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
            const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
            if (group === pgid && cmdline.includes('threatmark') && cmdline.includes('serve')) {
                const env = Object.fromEntries(
                    fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean)
                        .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
                );
                found.push({ pid: Number(pid), cmdline, env });
            }
        } catch {
            // the process ended meanwhile
        }
    }
    return found;
}

async function main() {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    for (const f of fs.readdirSync(ARTIFACTS)) {
        fs.rmSync(path.join(ARTIFACTS, f), { force: true, recursive: true });
    }
    const codeServer = codeServerBinary();
    const chromium = process.env.THREATMARK_CHROMIUM || '/usr/bin/chromium';
    const python = pythonExecutable();
    log(`code-server: ${codeServer}; chromium: ${chromium}; python: ${python}; mode: ${SMOKE ? 'smoke' : 'full'}`);

    await step('npm install (extension and e2e)', () => {
        for (const dir of [EXTENSION_DIR, HERE]) {
            if (!fs.existsSync(path.join(dir, 'node_modules'))) {
                run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir });
            }
        }
    });
    await step('build and package the .vsix', () => run('npm', ['run', 'package'], { cwd: EXTENSION_DIR }));
    const vsix = path.join(EXTENSION_DIR, 'threatmark.vsix');

    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'threatmark-e2e-'));
    const userData = path.join(tmp, 'user-data');
    const extensions = path.join(tmp, 'extensions');
    const workspace = path.join(tmp, 'workspace');
    const target = path.join(workspace, 'app.py');
    fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
    fs.mkdirSync(workspace, { recursive: true });
    fs.writeFileSync(target, VULNERABLE);
    const settings = {
        'threatmark.interpreter': python,
        'threatmark.trace.server': 'verbose',
        'security.workspace.trust.enabled': false,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'extensions.ignoreRecommendations': true,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'files.autoSave': 'off',
        'editor.lightbulb.enabled': 'on',
        'window.restoreWindows': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
    };
    fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
    fs.writeFileSync(path.join(tmp, 'config.yaml'), 'auth: none\ncert: false\n');

    await step('install the .vsix into code-server', () =>
        run(codeServer, ['--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix]),
    );

    const port = await freePort();
    const serverLog = fs.openSync(path.join(ARTIFACTS, 'code-server.log'), 'w');
    const args = [
        '--config', path.join(tmp, 'config.yaml'),
        '--user-data-dir', userData,
        '--extensions-dir', extensions,
        '--auth', 'none',
        '--bind-addr', `127.0.0.1:${port}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        workspace,
    ];
    log(`$ ${codeServer} ${args.join(' ')}`);
    // Its own process group, so stopping it by its id also stops the extension host and the server.
    const cs = spawn(codeServer, args, { stdio: ['ignore', serverLog, serverLog], detached: true });
    const stopCodeServer = () => {
        try {
            process.kill(-cs.pid, 'SIGTERM');
        } catch {
            // already gone
        }
    };
    process.on('exit', stopCodeServer);

    let browser;
    let page;
    const shot = async (name) => {
        if (page) {
            const file = path.join(ARTIFACTS, `${name}.png`);
            await page.screenshot({ path: file });
            log(`screenshot: ${path.relative(REPO, file)}`);
        }
    };
    try {
        await step('code-server answers /healthz', () =>
            waitFor('code-server /healthz', async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 30_000),
        );
        const { default: puppeteer } = await import('puppeteer-core');
        browser = await puppeteer.launch({
            executablePath: chromium,
            headless: true,
            args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--window-size=1400,900'],
            defaultViewport: { width: 1400, height: 900 },
        });
        page = await browser.newPage();
        page.setDefaultTimeout(STEP_TIMEOUT);
        page.on('pageerror', (e) => fs.appendFileSync(path.join(ARTIFACTS, 'browser-console.log'), `pageerror: ${e}\n`));
        page.on('console', (m) => fs.appendFileSync(path.join(ARTIFACTS, 'browser-console.log'), `${m.type()}: ${m.text()}\n`));
        const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;

        await step('workbench renders', async () => {
            await page.goto(url, { waitUntil: 'domcontentloaded' });
            await page.waitForSelector('.monaco-workbench .part.editor', { visible: true });
            await page.waitForSelector('.statusbar', { visible: true });
        });
        await shot('01-workbench');

        await step('open app.py (Ctrl+P)', async () => {
            await page.click('.monaco-workbench .part.editor');
            await page.keyboard.down('Control');
            await page.keyboard.press('KeyP');
            await page.keyboard.up('Control');
            await page.waitForSelector('.quick-input-widget input', { visible: true });
            await page.keyboard.type('app.py');
            await page.waitForSelector('.quick-input-list .monaco-list-row', { visible: true });
            await page.keyboard.press('Enter');
            await page.waitForSelector('.monaco-editor .view-lines', { visible: true });
            await waitFor('app.py in the editor', () =>
                page.$$eval('.monaco-editor .view-line', (ls) => ls.map((l) => l.textContent).join('\n').includes('yaml.load')),
            );
        });

        await step('the extension tries to start the server', () =>
            waitFor('"Starting the server" in the Threatmark output', () =>
                /Starting the server/.test(extensionLog(userData)),
            ),
        );
        await shot('02-file-open');
        if (SMOKE) {
            log('smoke mode: the extension loaded and tried to start the server');
            return;
        }

        await step('initializationOptions.settings in the traced initialize request', () =>
            waitFor('"initializationOptions" with settings in the LSP trace', () => {
                const trace = extensionLog(userData);
                return /"initializationOptions":\s*\{\s*"settings":\s*\{/.test(trace) && trace.includes(`"threatModelPath": "${target.replace(/app\.py$/, 'threatmodel.yaml')}"`);
            }),
        );
        await step('diagnostic squiggle in the editor', () =>
            page.waitForSelector('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info'),
        );
        const problemRows = () =>
            page.$$eval('.markers-panel .monaco-list-row', (rows) => rows.map((r) => r.textContent ?? ''));
        await step(`${RULE_ID} in the Problems panel (Ctrl+Shift+M)`, async () => {
            await page.keyboard.down('Control');
            await page.keyboard.down('Shift');
            await page.keyboard.press('KeyM');
            await page.keyboard.up('Shift');
            await page.keyboard.up('Control');
            await page.waitForSelector('.markers-panel', { visible: true });
            const rows = await waitFor(`a Problems row mentioning ${RULE_ID}`, async () => {
                const texts = await problemRows();
                return texts.some((t) => t.includes(RULE_ID)) ? texts : undefined;
            });
            log(`Problems: ${JSON.stringify(rows)}`);
        });
        await shot('03-problems');

        await step(`quick fix "${FIX_TITLE}…" from the light bulb`, async () => {
            // Put the cursor on the flagged call so the light bulb appears on that line.
            const squiggle = await page.$('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info');
            const box = await squiggle.boundingBox();
            await page.mouse.click(box.x + Math.min(8, box.width / 2), box.y + box.height / 2);
            let opened = false;
            try {
                const bulb = await page.waitForSelector('.lightBulbWidget', { visible: true, timeout: 15_000 });
                await shot('04-light-bulb');
                await bulb.click();
                opened = true;
            } catch (error) {
                log(`no light bulb (${error.message}); using Ctrl+. instead`);
            }
            if (!opened) {
                await page.keyboard.down('Control');
                await page.keyboard.press('Period');
                await page.keyboard.up('Control');
            }
            await page.waitForSelector('.action-widget .monaco-list-row', { visible: true });
            await shot('05-quick-fix-menu');
            const titles = await page.$$eval('.action-widget .monaco-list-row', (rows) => rows.map((r) => r.textContent ?? ''));
            log(`code actions: ${JSON.stringify(titles)}`);
            const rows = await page.$$('.action-widget .monaco-list-row');
            const index = titles.findIndex((t) => t.trim().startsWith(FIX_TITLE));
            if (index < 0) {
                throw new Error(`no code action starting with "${FIX_TITLE}" in ${JSON.stringify(titles)}`);
            }
            await rows[index].click();
            await waitFor('the fix applied in the editor', () =>
                page.$$eval('.monaco-editor .view-line', (ls) => ls.map((l) => l.textContent).join('\n').includes('yaml.safe_load(text)')),
            );
        });

        await step('save (Ctrl+S) and check the file on disk', async () => {
            await page.keyboard.down('Control');
            await page.keyboard.press('KeyS');
            await page.keyboard.up('Control');
            await waitFor('the fixed content on disk', () => fs.readFileSync(target, 'utf8') === FIXED);
        });

        await step(`${RULE_ID} gone from the Problems panel and the editor`, () =>
            waitFor('no diagnostic left', async () => {
                const texts = await problemRows();
                const squiggles = await page.$$('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning');
                return !texts.some((t) => t.includes(RULE_ID)) && squiggles.length === 0;
            }),
        );
        await shot('06-fixed');
        log(`app.py on disk:\n${fs.readFileSync(target, 'utf8')}`);

        const runCommand = async (title) => {
            await page.keyboard.press('F1');
            await page.waitForSelector('.quick-input-widget input', { visible: true });
            await page.keyboard.type(title);
            await waitFor(`"${title}" in the command palette`, () =>
                page.$$eval('.quick-input-list .monaco-list-row', (rows, t) => rows.some((r) => r.textContent.includes(t)), title),
            );
            await page.keyboard.press('Enter');
        };
        const toasts = () => page.$$eval('.notification-toast', (ts) => ts.map((t) => t.textContent ?? ''));
        await step('command: Threatmark: Scan Workspace', async () => {
            await runCommand('Threatmark: Scan Workspace');
            const done = await waitFor('the scan result notification', async () =>
                (await toasts()).find((t) => /finding\(s\)|scan finished/.test(t)),
            );
            log(`notification: ${done}`);
        });
        await shot('07-scan-workspace');
        await step('command: Threatmark: Show Rule Documentation', async () => {
            await runCommand('Threatmark: Show Rule Documentation');
            await page.waitForSelector('.quick-input-widget input', { visible: true });
            await page.keyboard.type(RULE_ID);
            await page.keyboard.press('Enter');
            await waitFor('the rule documentation preview tab', () =>
                page.$$eval('.tabs-container .tab', (tabs) => tabs.some((t) => /Preview/.test(t.textContent ?? ''))),
            );
            // The preview is a webview; code-server's own service worker can keep webviews blank
            // ("Found unexpected service worker controller"), so its content is checked softly.
            const rendered = await waitFor('the rendered rule documentation', async () => {
                for (const frame of page.frames().filter((f) => f !== page.mainFrame())) {
                    const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
                    if (text.includes(RULE_ID)) {
                        return text;
                    }
                }
                return undefined;
            }, 10_000).catch(() => undefined);
            log(rendered ? `rule docs rendered: ${JSON.stringify(rendered.slice(0, 200))}` : 'rule docs preview tab open; webview content not visible to the test');
        });
        await shot('08-rule-docs');

        const API_KEY = 'sk-e2e-not-a-real-key-0123456789';
        await step('command: Threatmark: Set LLM API Key (server restarts with THREATMARK_LLM_API_KEY)', async () => {
            const before = serverProcesses(cs.pid).map((p) => p.pid);
            log(`server processes before: ${JSON.stringify(before)}`);
            await runCommand('Threatmark: Set LLM API Key');
            await page.waitForSelector('.quick-input-widget input[type="password"]', { visible: true });
            await page.keyboard.type(API_KEY);
            await page.keyboard.press('Enter');
            const restarted = await waitFor('a new server process with the key in its environment', () => {
                const procs = serverProcesses(cs.pid).filter((p) => !before.includes(p.pid));
                return procs.find((p) => p.env.THREATMARK_LLM_API_KEY === API_KEY);
            });
            log(`server pid ${restarted.pid}: ${restarted.cmdline.join(' ')}`);
            await waitFor('the previous server process to exit', () =>
                serverProcesses(cs.pid).every((p) => !before.includes(p.pid)),
            );
            await waitFor('the restarted server running', () => /Starting the server \(API key changed\)/.test(extensionLog(userData)));
            const settingsText = fs.readFileSync(path.join(userData, 'User', 'settings.json'), 'utf8');
            if (settingsText.includes(API_KEY) || extensionLog(userData).includes(API_KEY)) {
                throw new Error('the API key leaked into settings.json or the output channel');
            }
        });

        // A settings change restarts the server; an interpreter without threatmark gets the
        // install notification with the exact command. Then the real interpreter again.
        const noThreatmark = path.join(tmp, 'python-without-threatmark');
        fs.writeFileSync(noThreatmark, `#!/bin/sh\necho "${noThreatmark}: No module named threatmark" >&2\nexit 1\n`, { mode: 0o755 });
        const statusText = () =>
            page.$$eval('.statusbar-item', (items) => items.map((i) => i.textContent ?? '').find((t) => t.includes('Threatmark')) ?? '');
        // Through the Settings editor, as a user would (code-server does not notice settings.json
        // being rewritten behind its back).
        const setSetting = async (key, value) => {
            if (!(await page.$('.settings-editor'))) {
                await runCommand('Preferences: Open User Settings');
                await page.waitForSelector('.settings-editor .suggest-input-container', { visible: true });
            }
            await page.click('.settings-editor .suggest-input-container');
            await page.keyboard.down('Control');
            await page.keyboard.press('KeyA');
            await page.keyboard.up('Control');
            await page.keyboard.type(key);
            const input = await page.waitForSelector(`.setting-item-contents[data-key="${key}"] input`, { visible: true });
            // Replace the value as one input event (typing races the editor's re-render of the row).
            await input.evaluate((el, v) => {
                el.focus();
                el.value = v;
                el.dispatchEvent(new Event('input', { bubbles: true }));
            }, value);
            await waitFor(`${key} written to settings.json`, () =>
                JSON.parse(fs.readFileSync(path.join(userData, 'User', 'settings.json'), 'utf8'))[key] === value,
            );
        };
        const restarts = () => (extensionLog(userData).match(/Starting the server \(settings changed\)/g) ?? []).length;
        await step('settings change → restart → install notification for an interpreter without threatmark', async () => {
            await setSetting('threatmark.interpreter', noThreatmark);
            const expected = `${noThreatmark} -m pip install threatmark`;
            const toast = await waitFor('the install notification', async () =>
                (await toasts()).find((t) => t.includes(expected)),
            );
            log(`notification: ${toast.slice(0, 200)}`);
            if (!/Install/.test(toast) || !/Copy Command/.test(toast)) {
                throw new Error('the notification offers no Install / Copy Command buttons');
            }
            await waitFor('no server process left', () => serverProcesses(cs.pid).length === 0);
        });
        await shot('09-install-notification');
        await step('settings change back → server running again', async () => {
            const before = restarts();
            await setSetting('threatmark.interpreter', python);
            await waitFor('another restart', () => restarts() > before);
            await waitFor('a server process again', () => serverProcesses(cs.pid).length === 1);
            await waitFor('the status bar showing the running server', async () => /Threatmark · LLM off/.test(await statusText()));
        });
        await shot('10-running-again');
    } catch (error) {
        await shot('failure').catch(() => undefined);
        throw error;
    } finally {
        fs.writeFileSync(path.join(ARTIFACTS, 'Threatmark-output.log'), extensionLog(userData));
        fs.writeFileSync(path.join(ARTIFACTS, 'timings.json'), JSON.stringify(timings, null, 2));
        await browser?.close().catch(() => undefined);
        stopCodeServer();
        if (!KEEP) {
            fs.rmSync(tmp, { recursive: true, force: true });
        } else {
            log(`kept ${tmp}`);
        }
    }
}

main().then(
    () => {
        log(`PASS (${SMOKE ? 'smoke' : 'full'}) in ${((Date.now() - t0) / 1000).toFixed(1)} s; artifacts in ${path.relative(REPO, ARTIFACTS)}/`);
        process.exit(0);
    },
    (error) => {
        log(`FAIL: ${error.stack ?? error}`);
        process.exit(1);
    },
);
