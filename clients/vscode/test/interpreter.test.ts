import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_INTERPRETER, getPythonApi, PYTHON_EXTENSION_ID, resolveInterpreter } from '../src/common/interpreter';
import type { PythonExtensionApi } from '../src/common/interpreter';
import { extensionApis } from './vscodeapi.stub';

vi.mock('../src/common/vscodeapi', () => import('./vscodeapi.stub'));

function pythonApi(executable: string | undefined, fail = false): PythonExtensionApi {
    return {
        environments: {
            getActiveEnvironmentPath: () => {
                if (fail) {
                    throw new Error('no environment');
                }
                return { id: 'env', path: '/envs/app' };
            },
            resolveEnvironment: async (env) => {
                expect(env).toEqual({ id: 'env', path: '/envs/app' });
                return executable ? { executable: { uri: { fsPath: executable } } } : undefined;
            },
            onDidChangeActiveEnvironmentPath: () => ({ dispose() {} }),
        },
    };
}

describe('resolveInterpreter', () => {
    it('prefers threatmark.interpreter, resolving variables and relative paths', async () => {
        const api = pythonApi('/envs/app/bin/python');
        expect(await resolveInterpreter('/opt/py/bin/python', '/ws', api)).toEqual({
            path: '/opt/py/bin/python',
            source: 'setting',
        });
        expect(await resolveInterpreter('${workspaceFolder}/.venv/bin/python', '/ws', api)).toEqual({
            path: '/ws/.venv/bin/python',
            source: 'setting',
        });
        expect(await resolveInterpreter('.venv/bin/python', '/ws', api)).toEqual({
            path: '/ws/.venv/bin/python',
            source: 'setting',
        });
    });

    it('keeps a bare command name for PATH lookup', async () => {
        expect(await resolveInterpreter('python3.12', '/ws', undefined)).toEqual({ path: 'python3.12', source: 'setting' });
    });

    it("uses the Python extension's selected interpreter when the setting is empty", async () => {
        expect(await resolveInterpreter('', '/ws', pythonApi('/envs/app/bin/python'))).toEqual({
            path: '/envs/app/bin/python',
            source: 'python-extension',
        });
    });

    it('falls back to python3 without the Python extension or when it cannot resolve', async () => {
        const fallback = { path: DEFAULT_INTERPRETER, source: 'default' };
        expect(await resolveInterpreter('', '/ws', undefined)).toEqual(fallback);
        expect(await resolveInterpreter('', '/ws', pythonApi(undefined))).toEqual(fallback);
        expect(await resolveInterpreter('', '/ws', pythonApi('/x', true))).toEqual(fallback);
    });
});

describe('getPythonApi', () => {
    beforeEach(() => extensionApis.clear());

    it('is undefined when the Python extension is missing or fails to activate', async () => {
        expect(await getPythonApi()).toBeUndefined();
        extensionApis.set(PYTHON_EXTENSION_ID, new Error('activation failed'));
        expect(await getPythonApi()).toBeUndefined();
        extensionApis.set(PYTHON_EXTENSION_ID, { somethingElse: true });
        expect(await getPythonApi()).toBeUndefined();
    });

    it("returns the extension's API", async () => {
        const api = pythonApi('/p');
        extensionApis.set(PYTHON_EXTENSION_ID, api);
        expect(await getPythonApi()).toBe(api);
    });
});
