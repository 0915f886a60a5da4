import * as path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { configValues } from './vscodeapi.stub';

vi.mock('../src/common/vscodeapi', () => import('./vscodeapi.stub'));

const { DEFAULT_SETTINGS, expandVariables, needsRestart, readSettings, resolvePath, toServerSettings } = await import(
    '../src/common/settings'
);

const HOME = '/home/dev';
const FOLDER = '/work/project';

describe('readSettings', () => {
    beforeEach(() => configValues.clear());

    it('returns the defaults when nothing is set', () => {
        expect(readSettings()).toEqual(DEFAULT_SETTINGS);
    });

    it('reads every setting', () => {
        configValues.set('interpreter', ' /usr/bin/python3.12 ');
        configValues.set('run', 'onSave');
        configValues.set('minSeverity', 'high');
        configValues.set('ruleFolders', ['rules', '  ', '${workspaceFolder}/more']);
        configValues.set('threatModelPath', 'docs/threatmodel.yaml');
        configValues.set('llm.enabled', true);
        configValues.set('llm.endpoint', 'http://127.0.0.1:8080/v1');
        configValues.set('llm.model', 'gemma');
        expect(readSettings()).toEqual({
            interpreter: '/usr/bin/python3.12',
            run: 'onSave',
            minSeverity: 'high',
            ruleFolders: ['rules', '${workspaceFolder}/more'],
            threatModelPath: 'docs/threatmodel.yaml',
            llm: { enabled: true, endpoint: 'http://127.0.0.1:8080/v1', model: 'gemma' },
        });
    });

    it('falls back to defaults for values of the wrong type or outside the enum', () => {
        configValues.set('run', 'sometimes');
        configValues.set('minSeverity', 3);
        configValues.set('ruleFolders', 'rules');
        configValues.set('threatModelPath', 42);
        configValues.set('llm.enabled', 'yes');
        expect(readSettings()).toEqual(DEFAULT_SETTINGS);
    });
});

describe('paths', () => {
    it('expands variables and ~', () => {
        process.env.TM_TEST_DIR = '/opt/rules';
        expect(expandVariables('${workspaceFolder}/r', FOLDER, HOME)).toBe('/work/project/r');
        expect(expandVariables('${userHome}/r', FOLDER, HOME)).toBe('/home/dev/r');
        expect(expandVariables('~/r', FOLDER, HOME)).toBe('/home/dev/r');
        expect(expandVariables('${env:TM_TEST_DIR}/x', FOLDER, HOME)).toBe('/opt/rules/x');
        expect(expandVariables('${workspaceFolder}/r', undefined, HOME)).toBe('${workspaceFolder}/r');
    });

    it('joins relative paths to the workspace folder', () => {
        expect(resolvePath('rules', FOLDER, HOME)).toBe(path.join(FOLDER, 'rules'));
        expect(resolvePath('/abs/rules', FOLDER, HOME)).toBe('/abs/rules');
        expect(resolvePath('./a/../b', FOLDER, HOME)).toBe(path.join(FOLDER, 'b'));
    });
});

describe('toServerSettings', () => {
    const settings = {
        ...DEFAULT_SETTINGS,
        ruleFolders: ['rules', '~/shared-rules'],
        llm: { enabled: true, endpoint: '', model: 'm' },
    };

    it('sends camelCase keys, absolute paths and null for unset LLM values', () => {
        expect(toServerSettings(settings, FOLDER, false, HOME)).toEqual({
            run: 'onType',
            minSeverity: 'low',
            ruleFolders: ['/work/project/rules', '/home/dev/shared-rules'],
            threatModelPath: '/work/project/threatmodel.yaml',
            llm: { enabled: true, endpoint: null, model: 'm', apiKeyEnv: 'OPENAI_API_KEY' },
        });
    });

    it('names the variable holding the stored key, never the key itself', () => {
        const sent = toServerSettings(settings, FOLDER, true, HOME);
        expect(sent.llm.apiKeyEnv).toBe('THREATMARK_LLM_API_KEY');
        expect(JSON.stringify(sent)).not.toMatch(/apiKey"\s*:/);
    });

    it('sends null for an empty threat-model path', () => {
        expect(toServerSettings({ ...settings, threatModelPath: '' }, FOLDER, false, HOME).threatModelPath).toBeNull();
    });
});

describe('needsRestart', () => {
    const changed = (...keys: string[]) => ({
        affectsConfiguration: (section: string) => keys.some((k) => k === section || k.startsWith(`${section}.`)),
    });

    it('restarts for server settings and the interpreter', () => {
        expect(needsRestart(changed('threatmark.interpreter'))).toBe(true);
        expect(needsRestart(changed('threatmark.llm.model'))).toBe(true);
        expect(needsRestart(changed('threatmark.minSeverity'))).toBe(true);
    });

    it('does not restart for the trace level or other extensions', () => {
        expect(needsRestart(changed('threatmark.trace.server'))).toBe(false);
        expect(needsRestart(changed('python.defaultInterpreterPath'))).toBe(false);
    });
});
