import type { WebClient } from '@slack/web-api';

import type { Logger } from '../logger.js';

/** The facts Mate uses about a Slack user. */
export interface UserInfo {
  name: string | undefined;
  timeZone: string | undefined;
  isAdmin: boolean;
}

interface CachedUser {
  info: UserInfo;
  expiresAt: number;
}

/**
 * Looks users up with users.info and keeps each result for `ttlMs`, so listing a channel or
 * checking an organiser again costs no Slack calls. A failed lookup is logged and returns
 * undefined; callers fall back to a mention, UTC, or "not an admin".
 */
export class UserDirectory {
  readonly #client: WebClient;
  readonly #logger: Logger;
  readonly #ttlMs: number;
  readonly #cache = new Map<string, CachedUser>();

  constructor(client: WebClient, logger: Logger, ttlMs = 10 * 60 * 1000) {
    this.#client = client;
    this.#logger = logger;
    this.#ttlMs = ttlMs;
  }

  async get(userId: string): Promise<UserInfo | undefined> {
    const cached = this.#cache.get(userId);
    if (cached && cached.expiresAt > Date.now()) {
      return cached.info;
    }
    try {
      const result = await this.#client.users.info({ user: userId });
      const user = result.user;
      const info: UserInfo = {
        name: user?.profile?.display_name || user?.profile?.real_name || user?.name || undefined,
        timeZone: user?.tz || undefined,
        isAdmin: Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner),
      };
      this.#cache.set(userId, { info, expiresAt: Date.now() + this.#ttlMs });

      return info;
    } catch (err) {
      this.#logger.warn({ err, userId }, 'users.info failed');

      return undefined;
    }
  }

  /** Display names of the users whose lookup succeeded, ten lookups at a time. */
  async names(userIds: string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    const unique = [...new Set(userIds)];
    for (let start = 0; start < unique.length; start += 10) {
      const batch = unique.slice(start, start + 10);
      const infos = await Promise.all(batch.map((userId) => this.get(userId)));
      batch.forEach((userId, index) => {
        const name = infos[index]?.name;
        if (name) {
          names.set(userId, name);
        }
      });
    }

    return names;
  }
}
