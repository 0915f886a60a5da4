// Reads the `threatmark.*` settings and turns them into what the server receives.
import * as os from 'node:os';
import * as path from 'node:path';
import {
    API_KEY_ENV_VAR,
    CONFIGURATION_SECTION,
    DEFAULT_API_KEY_ENV_VAR,
    type RunMode,
    type ServerSettings,
    type Severity,
} from './protocol';
import { getConfiguration, type ConfigurationChangeEvent, type Uri } from './vscodeapi';

export const RUN_MODES: readonly RunMode[] = ['onType', 'onSave'];
export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** The settings as the user wrote them (after type checks), for one scope. */
export interface ExtensionSettings {
    interpreter: string;
    run: RunMode;
    minSeverity: Severity;
    ruleFolders: string[];
    threatModelPath: string;
    llm: { enabled: boolean; endpoint: string; model: string };
}

export const DEFAULT_SETTINGS: ExtensionSettings = {
    interpreter: '',
    run: 'onType',
    minSeverity: 'low',
    ruleFolders: [],
    threatModelPath: 'threatmodel.yaml',
    llm: { enabled: false, endpoint: '', model: '' },
};

/** Settings whose change needs a new server process (everything but the trace level). */
export const RESTART_SETTINGS: readonly string[] = [
    'interpreter',
    'run',
    'minSeverity',
    'ruleFolders',
    'threatModelPath',
    'llm',
].map((key) => `${CONFIGURATION_SECTION}.${key}`);

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
    return allowed.includes(value as T) ? (value as T) : fallback;
}

function text(value: unknown, fallback: string): string {
    return typeof value === 'string' ? value.trim() : fallback;
}

/** Reads and type-checks the settings; invalid values fall back to the defaults. */
export function readSettings(scope?: Uri): ExtensionSettings {
    const config = getConfiguration(CONFIGURATION_SECTION, scope);
    const d = DEFAULT_SETTINGS;
    const folders = config.get<unknown>('ruleFolders', d.ruleFolders);
    return {
        interpreter: text(config.get<unknown>('interpreter', d.interpreter), d.interpreter),
        run: oneOf(config.get<unknown>('run', d.run), RUN_MODES, d.run),
        minSeverity: oneOf(config.get<unknown>('minSeverity', d.minSeverity), SEVERITIES, d.minSeverity),
        ruleFolders: Array.isArray(folders)
            ? folders.filter((f): f is string => typeof f === 'string' && f.trim() !== '').map((f) => f.trim())
            : [],
        threatModelPath: text(config.get<unknown>('threatModelPath', d.threatModelPath), d.threatModelPath),
        llm: {
            enabled: config.get<unknown>('llm.enabled', d.llm.enabled) === true,
            endpoint: text(config.get<unknown>('llm.endpoint', d.llm.endpoint), d.llm.endpoint),
            model: text(config.get<unknown>('llm.model', d.llm.model), d.llm.model),
        },
    };
}

/** Expands `${workspaceFolder}`, `${userHome}`, `${env:NAME}` and a leading `~`. */
export function expandVariables(value: string, folder: string | undefined, home: string = os.homedir()): string {
    let result = value.replace(/\$\{(workspaceFolder|userHome|env:([^}]+))\}/g, (match, name: string, env?: string) => {
        if (name === 'workspaceFolder') {
            return folder ?? match;
        }
        if (name === 'userHome') {
            return home;
        }
        return process.env[env ?? ''] ?? '';
    });
    if (result === '~' || result.startsWith('~/') || result.startsWith('~\\')) {
        result = home + result.slice(1);
    }
    return result;
}

/** An absolute path for a setting value: variables expanded, relative paths joined to the folder. */
export function resolvePath(value: string, folder: string | undefined, home: string = os.homedir()): string {
    const expanded = expandVariables(value, folder, home);
    if (path.isAbsolute(expanded) || folder === undefined) {
        return path.normalize(expanded);
    }
    return path.join(folder, expanded);
}

/** The server's view of the settings for a workspace folder (`folder` is its file-system path). */
export function toServerSettings(
    settings: ExtensionSettings,
    folder: string | undefined,
    hasApiKey: boolean,
    home: string = os.homedir(),
): ServerSettings {
    return {
        run: settings.run,
        minSeverity: settings.minSeverity,
        ruleFolders: settings.ruleFolders.map((f) => resolvePath(f, folder, home)),
        threatModelPath: settings.threatModelPath ? resolvePath(settings.threatModelPath, folder, home) : null,
        llm: {
            enabled: settings.llm.enabled,
            endpoint: settings.llm.endpoint || null,
            model: settings.llm.model || null,
            apiKeyEnv: hasApiKey ? API_KEY_ENV_VAR : DEFAULT_API_KEY_ENV_VAR,
        },
    };
}

/** True when a configuration change needs the server restarted. */
export function needsRestart(event: Pick<ConfigurationChangeEvent, 'affectsConfiguration'>): boolean {
    return RESTART_SETTINGS.some((key) => event.affectsConfiguration(key));
}
