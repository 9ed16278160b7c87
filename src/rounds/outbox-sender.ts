import { ErrorCode, type WebClient } from '@slack/web-api';
import type { Kysely } from 'kysely';

import type { Clock } from '../clock.js';
import {
  beginSend,
  markFailed,
  markSent,
  setOutboxChannel,
  undeliveredItems,
} from '../db/outbox.js';
import { setAnnouncement, suspendChannel } from '../db/rounds.js';
import type { Database, OutboxRow } from '../db/schema.js';
import type { Logger } from '../logger.js';
import { slackErrorCode } from '../slack/errors.js';

/** Slack's message metadata event type that marks messages sent from the outbox. */
export const outboxEventType = 'mate_outbox';

/**
 * Slack errors that no retry can fix: the conversation or person is gone, or the bot may not
 * post there. The item is marked failed and the rest of the slot goes on.
 */
const permanentErrors = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'user_not_found',
  'user_disabled',
  'users_not_found',
  'cannot_dm_bot',
  'messages_tab_disabled',
  'restricted_action',
  'invalid_blocks',
  'msg_too_long',
  'no_text',
  'too_many_users',
  'not_enough_users',
]);

/** conversations.open errors caused by one member, which a smaller group can avoid. */
const memberErrors = new Set(['user_not_found', 'user_disabled', 'users_not_found']);

/** Errors that mean the channel itself is gone, so its schedules should stop. */
const channelGoneErrors = new Set(['is_archived', 'channel_not_found']);

export type DeliveryResult = 'complete' | 'incomplete';

export interface OutboxSenderOptions {
  db: Kysely<Database>;
  /** A client that rejects rate-limited calls, so this sender can wait and keep its order. */
  client: WebClient;
  logger: Logger;
  clock: Clock;
  /** Waits between rate-limited attempts; tests may pass a faster one. */
  sleep?: (ms: number) => Promise<void>;
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Sends a slot's recorded messages, each exactly once as far as Slack lets a client know. An
 * item is marked 'sending' before the call and 'sent' with its ts after. If the process dies
 * in between, the next attempt looks for the item's key in the conversation's recent history
 * (every message carries it as metadata) and only sends when it is not there.
 */
export class OutboxSender {
  readonly #db: Kysely<Database>;
  readonly #client: WebClient;
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(options: OutboxSenderOptions) {
    this.#db = options.db;
    this.#client = options.client;
    this.#logger = options.logger;
    this.#clock = options.clock;
    this.#sleep = options.sleep ?? defaultSleep;
  }

  /**
   * Delivers every undelivered item of the slot, in order. Returns 'incomplete' when it stopped
   * on an error worth retrying later (a server error or a timeout); the caller tries again on
   * a later tick. `shouldStop` lets shutdown end the loop between items. `keepClaim` runs
   * before each item and returns false once another process has taken the slot over, which
   * ends the loop so that no item is sent by two processes.
   */
  async deliverSlot(
    slotId: string,
    shouldStop: () => boolean = () => false,
    keepClaim: () => Promise<boolean> = async () => true,
  ): Promise<DeliveryResult> {
    const items = await undeliveredItems(this.#db, slotId);
    for (const item of items) {
      if (shouldStop()) {
        return 'incomplete';
      }
      if (!(await keepClaim())) {
        this.#logger.warn({ slotId }, 'lost the claim on a slot to another process; stopping');

        return 'incomplete';
      }
      const delivered = await this.#deliverItem(item, shouldStop);
      if (!delivered) {
        return 'incomplete';
      }
    }

    return 'complete';
  }

  /** Returns false when the item is still undelivered and the slot should be retried later. */
  async #deliverItem(item: OutboxRow, shouldStop: () => boolean): Promise<boolean> {
    const logger = this.#logger.child({ slotId: item.slot_id, itemKey: item.item_key });
    if (item.status === 'sending' && item.channel_id) {
      const found = await this.#findSent(item.channel_id, item, logger);
      if (found) {
        await markSent(this.#db, item.id, item.channel_id, found);
        await this.#afterSent(item, item.channel_id, found);
        logger.info({ ts: found }, 'found message from an interrupted attempt; not sending again');

        return true;
      }
    }

    for (;;) {
      if (!(await beginSend(this.#db, item.id, item.status, this.#clock.now()))) {
        logger.info('another process took this message over');

        return true;
      }
      // The status is now 'sending' whatever it was before.
      item = { ...item, status: 'sending' };
      try {
        let text = item.payload.text;
        let channel = item.channel_id;
        if (channel === null) {
          const resolved = await this.#resolveChannel(item, logger);
          channel = resolved.channel;
          // NOTE: a resend after a crash here uses the group text, not the solo text.
          text = resolved.solo && item.payload.soloText ? item.payload.soloText : text;
          await setOutboxChannel(this.#db, item.id, channel);
          item = { ...item, channel_id: channel };
        }
        const result = await this.#client.chat.postMessage({
          channel,
          text,
          ...(item.payload.blocks ? { blocks: item.payload.blocks as never } : {}),
          metadata: { event_type: outboxEventType, event_payload: { item_key: item.item_key } },
          unfurl_links: false,
        });
        const ts = result.ts as string;
        await markSent(this.#db, item.id, channel, ts);
        await this.#afterSent(item, channel, ts);
        logger.info({ channel, kind: item.kind, ts }, 'sent scheduled message');

        return true;
      } catch (err) {
        const coded = err as { code?: string; retryAfter?: number };
        if (coded.code === ErrorCode.RateLimitedError) {
          const waitMs = Math.max(1, coded.retryAfter ?? 1) * 1000;
          logger.warn({ retryAfterMs: waitMs }, 'rate limited by Slack; waiting before resending');
          // Slack may ask for a wait longer than shutdown allows, so the wait ends early on stop.
          for (let waited = 0; waited < waitMs && !shouldStop(); waited += 1000) {
            await this.#sleep(Math.min(1000, waitMs - waited));
          }
          if (shouldStop()) {
            return false;
          }
          continue;
        }
        const slackError = slackErrorCode(err);
        if (slackError && permanentErrors.has(slackError)) {
          await markFailed(this.#db, item.id, slackError);
          logger.warn(
            { channel: item.channel_id ?? item.payload.channel, users: item.payload.users, slackError },
            'cannot deliver scheduled message; giving up on it',
          );
          if (item.payload.channel && channelGoneErrors.has(slackError)) {
            const stopped = await suspendChannel(this.#db, item.payload.channel);
            logger.warn(
              { channel: item.payload.channel, slackError, ...stopped },
              'channel is archived or deleted; paused its rounds and removed its scheduled posts',
            );
          }

          return true;
        }
        logger.error({ err }, 'sending scheduled message failed; will retry');

        return false;
      }
    }
  }

  /**
   * Finds where an item goes: its channel, or a DM or group DM opened with its users. `solo` is
   * true when only one member of a group could be reached.
   */
  async #resolveChannel(item: OutboxRow, logger: Logger): Promise<{ channel: string; solo: boolean }> {
    if (item.payload.channel) {
      return { channel: item.payload.channel, solo: false };
    }
    const users = item.payload.users ?? [];
    try {
      return { channel: await this.#openConversation(users), solo: false };
    } catch (err) {
      const slackError = slackErrorCode(err);
      if (users.length < 2 || !slackError || !memberErrors.has(slackError)) {
        throw err;
      }
      // A member left the workspace after signing up. The rest of the group still meets.
      const active = await this.#activeUsers(users);
      if (active.length === 0 || active.length === users.length) {
        throw err;
      }
      logger.warn(
        { users, active, slackError },
        'left deactivated members out of a group DM',
      );

      return { channel: await this.#openConversation(active), solo: active.length === 1 };
    }
  }

  async #openConversation(users: string[]): Promise<string> {
    const opened = await this.#client.conversations.open({ users: users.join(',') });

    return opened.channel?.id as string;
  }

  /** Returns the users Slack still lists as active people, in the same order. */
  async #activeUsers(users: string[]): Promise<string[]> {
    const active: string[] = [];
    for (const user of users) {
      try {
        const info = await this.#client.users.info({ user });
        if (info.user && !info.user.deleted) {
          active.push(user);
        }
      } catch (err) {
        if (slackErrorCode(err) !== 'user_not_found') {
          throw err;
        }
      }
    }

    return active;
  }

  async #afterSent(item: OutboxRow, channel: string, ts: string): Promise<void> {
    if (item.payload.announcementForList) {
      await setAnnouncement(this.#db, item.payload.announcementForList, channel, ts);
    }
  }

  /** Looks for the item's key in messages posted since shortly before the last attempt. */
  async #findSent(channel: string, item: OutboxRow, logger: Logger): Promise<string | undefined> {
    const since = (item.attempted_at ?? item.created_at).getTime() - 60_000;
    let cursor: string | undefined;
    try {
      // Five pages of 200 messages since the attempt; a channel busier than that is not searched
      // further, and the item is sent again.
      for (let page = 0; page < 5; page += 1) {
        const history = await this.#client.conversations.history({
          channel,
          oldest: (since / 1000).toFixed(6),
          include_all_metadata: true,
          limit: 200,
          cursor,
        });
        for (const message of history.messages ?? []) {
          const payload = message.metadata?.event_payload as { item_key?: unknown } | undefined;
          if (message.metadata?.event_type === outboxEventType && payload?.item_key === item.item_key) {
            return message.ts;
          }
        }
        cursor = history.response_metadata?.next_cursor || undefined;
        if (!history.has_more || !cursor) {
          return undefined;
        }
      }
    } catch (err) {
      // Without history the bot cannot tell; sending again risks one duplicate, which is
      // better than losing a group's introduction.
      logger.warn({ err, channel }, 'could not read history to check an interrupted send');
    }

    return undefined;
  }
}
