import { describe, expect, it, vi } from 'vitest';
import { Command, OWN_COMMANDS, threatModelFile } from '../src/common/commands';
import { ServerCommand } from '../src/common/protocol';
import manifest from '../package.json';

vi.mock('../src/common/vscodeapi', () => import('./vscodeapi.stub'));

describe('commands', () => {
    it('contributes exactly the commands the extension registers', () => {
        const contributed = manifest.contributes.commands.map((c) => c.command).sort();
        expect(contributed).toEqual([...OWN_COMMANDS].sort());
    });

    it('registers its own handlers for the server commands it wraps', () => {
        for (const name of [ServerCommand.scanWorkspace, ServerCommand.clearLlmCache, ServerCommand.showRuleDocs]) {
            expect(OWN_COMMANDS.has(name)).toBe(true);
        }
        expect(Command.createThreatModel).not.toBe(ServerCommand.initThreatModel);
    });

    it('contributes a description and a default for every setting', () => {
        const properties = manifest.contributes.configuration.properties as Record<
            string,
            { description?: string; markdownDescription?: string; default?: unknown }
        >;
        expect(Object.keys(properties).sort()).toEqual(
            [
                'interpreter',
                'llm.enabled',
                'llm.endpoint',
                'llm.model',
                'minSeverity',
                'ruleFolders',
                'run',
                'threatModelPath',
                'trace.server',
            ].map((k) => `threatmark.${k}`),
        );
        for (const [key, p] of Object.entries(properties)) {
            expect(p.description ?? p.markdownDescription, key).toBeTruthy();
            expect(p.default, key).not.toBeUndefined();
        }
        expect(JSON.stringify(properties)).not.toMatch(/apiKey/i);
    });
});

describe('threatModelFile', () => {
    it('opens the file the server reports', () => {
        expect(threatModelFile('file:///ws/threatmodel.yaml', '/ws', 'threatmodel.yaml')).toEqual({
            uri: 'file:///ws/threatmodel.yaml',
        });
        expect(threatModelFile({ path: 'security/threatmodel.yaml' }, '/ws', 'x')).toEqual({
            path: '/ws/security/threatmodel.yaml',
        });
        expect(threatModelFile({ uri: 'file:///ws/t.yaml' }, '/ws', 'x')).toEqual({ uri: 'file:///ws/t.yaml' });
    });

    it('falls back to the configured path', () => {
        expect(threatModelFile(null, '/ws', 'docs/tm.yaml')).toEqual({ path: '/ws/docs/tm.yaml' });
        expect(threatModelFile(null, '/ws', '')).toEqual({ path: '/ws/threatmodel.yaml' });
    });
});
