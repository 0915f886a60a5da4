// The LLM API key lives in VS Code's SecretStorage (the OS keychain), never in settings.json.
import type { Disposable, SecretStorage } from './vscodeapi';

export const API_KEY_SECRET = 'threatmark.llm.apiKey';

export class ApiKeyStore {
    constructor(private readonly storage: SecretStorage) {}

    async get(): Promise<string | undefined> {
        const value = await this.storage.get(API_KEY_SECRET);
        return value ? value : undefined;
    }

    /** Stores the key; an empty value deletes it. */
    async set(value: string): Promise<void> {
        if (value) {
            await this.storage.store(API_KEY_SECRET, value);
        } else {
            await this.storage.delete(API_KEY_SECRET);
        }
    }

    onDidChange(listener: () => unknown): Disposable {
        return this.storage.onDidChange((e) => {
            if (e.key === API_KEY_SECRET) {
                listener();
            }
        });
    }
}
