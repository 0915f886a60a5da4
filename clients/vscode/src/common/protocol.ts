// Every name and shape the extension shares with the Threatmark language server
// (`threatmark serve`, server/threatmark/lsp/). Keep in step with the server's definitions.

/** Section of `workspace/configuration` requests, and the prefix of every VS Code setting. */
export const CONFIGURATION_SECTION = 'threatmark';

/** `Diagnostic.source` of every server diagnostic. */
export const DIAGNOSTIC_SOURCE = 'threatmark';

/** Code action kind of "fix all verified safe fixes". */
export const FIX_ALL_KIND = 'source.fixAll.threatmark';

/** The environment variable through which the extension hands the stored API key to the server. */
export const API_KEY_ENV_VAR = 'THREATMARK_LLM_API_KEY';

/** The server's default key variable when no key is stored in VS Code. */
export const DEFAULT_API_KEY_ENV_VAR = 'OPENAI_API_KEY';

/** Commands the server executes on `workspace/executeCommand`. */
export const ServerCommand = {
    /** Scan every file of the workspace; reports `$/progress` on the request's work-done token. */
    scanWorkspace: 'threatmark.scanWorkspace',
    /** Draft a threat model from the code; writes `threatmodel.yaml` in a workspace folder. */
    initThreatModel: 'threatmark.initThreatModel',
    /** Empty the on-disk cache of LLM reviews. */
    clearLlmCache: 'threatmark.clearLlmCache',
    /** Markdown documentation of one rule. */
    showRuleDocs: 'threatmark.showRuleDocs',
} as const;
export type ServerCommandName = (typeof ServerCommand)[keyof typeof ServerCommand];

/** Arguments of each server command (the `arguments` array of `ExecuteCommandParams`). */
export interface ServerCommandArgs {
    [ServerCommand.scanWorkspace]: [];
    /** The URI of the workspace folder to write the threat model into. */
    [ServerCommand.initThreatModel]: [folderUri: string];
    [ServerCommand.clearLlmCache]: [];
    [ServerCommand.showRuleDocs]: [ruleId: string];
}

/** Results of each server command. Servers may add fields; clients read only these. */
export interface ServerCommandResults {
    [ServerCommand.scanWorkspace]: { files?: number; findings?: number } | null;
    /** The created file, as a URI or path string or an object holding either. */
    [ServerCommand.initThreatModel]: string | { uri?: string; path?: string } | null;
    [ServerCommand.clearLlmCache]: { removed?: number } | null;
    [ServerCommand.showRuleDocs]: string | null;
}

export type RunMode = 'onType' | 'onSave';
export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

/** The settings the server reads: `initializationOptions.settings` and `workspace/configuration` section "threatmark". */
export interface ServerSettings {
    run: RunMode;
    minSeverity: Severity;
    /** Absolute paths. */
    ruleFolders: string[];
    /** Absolute path, or null for the server's default lookup. */
    threatModelPath: string | null;
    llm: {
        enabled: boolean;
        /** Base URL of an OpenAI-compatible API; null for the server's default. */
        endpoint: string | null;
        /** null for the server's default. */
        model: string | null;
        /** The name (never the value) of the environment variable holding the API key. */
        apiKeyEnv: string;
    };
}

export interface InitializationOptions {
    settings: ServerSettings;
}
