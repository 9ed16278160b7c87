import type { WebClient } from '@slack/web-api';

import type { Logger } from '../logger.js';

interface CachedName {
  name: string;
  expiresAt: number;
}

/**
 * Looks up display names with users.info and keeps them for `ttlMs`, so listing a channel
 * again costs no Slack calls. A failed lookup leaves the id out of the result, and the caller
 * falls back to a mention.
 */
export class UserNames {
  readonly #client: WebClient;
  readonly #logger: Logger;
  readonly #ttlMs: number;
  readonly #cache = new Map<string, CachedName>();

  constructor(client: WebClient, logger: Logger, ttlMs = 60 * 60 * 1000) {
    this.#client = client;
    this.#logger = logger;
    this.#ttlMs = ttlMs;
  }

  async lookup(userIds: string[]): Promise<Map<string, string>> {
    const now = Date.now();
    const names = new Map<string, string>();
    const missing: string[] = [];
    for (const userId of new Set(userIds)) {
      const cached = this.#cache.get(userId);
      if (cached && cached.expiresAt > now) {
        names.set(userId, cached.name);
      } else {
        missing.push(userId);
      }
    }
    // A few lookups at a time keeps a long list inside users.info's rate limit.
    for (let start = 0; start < missing.length; start += 10) {
      const batch = missing.slice(start, start + 10);
      await Promise.all(batch.map((userId) => this.#fetch(userId, names, now)));
    }

    return names;
  }

  async #fetch(userId: string, names: Map<string, string>, now: number): Promise<void> {
    try {
      const result = await this.#client.users.info({ user: userId });
      const profile = result.user?.profile;
      const name = profile?.display_name || profile?.real_name || result.user?.name;
      if (name) {
        names.set(userId, name);
        this.#cache.set(userId, { name, expiresAt: now + this.#ttlMs });
      }
    } catch (err) {
      this.#logger.warn({ err, userId }, 'users.info failed; showing a mention instead');
    }
  }
}
