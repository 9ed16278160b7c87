import type { WebClient } from '@slack/web-api';

import { countActiveSignups, findListById, findRoundConfig } from '../db/rounds.js';
import type { Services } from '../services.js';
import { openAnnouncement } from './announcement.js';
import { titleOf } from './plan.js';
import { settingsFromRow } from './settings.js';

/**
 * Redraws an open round's post with the current sign-up count. It reads the count right before
 * the update, so of two updates racing, the later one shows the latest count. Failures are
 * logged and otherwise ignored: the count is a convenience and the sign-up itself is saved.
 */
export async function refreshAnnouncement(
  services: Pick<Services, 'db' | 'logger' | 'config'>,
  client: WebClient,
  listId: string,
): Promise<void> {
  const { db, logger, config } = services;
  try {
    const list = await findListById(db, listId);
    if (!list || list.status !== 'open' || !list.closes_at) {
      return;
    }
    if (!list.announcement_channel || !list.announcement_ts) {
      return;
    }
    const row = await findRoundConfig(db, list.team_id, list.channel_id);
    if (!row) {
      return;
    }
    const settings = settingsFromRow(row);
    const count = await countActiveSignups(db, list.id);
    const language = settings.language ?? config.language;
    const post = openAnnouncement({
      listId: list.id,
      title: titleOf(settings, language),
      closesAt: list.closes_at,
      timeZone: settings.timeZone,
      language,
      count,
    });
    await client.chat.update({
      channel: list.announcement_channel,
      ts: list.announcement_ts,
      text: post.text,
      blocks: post.blocks as never,
    });
  } catch (err) {
    logger.warn({ err, listId }, 'could not update the round post count');
  }
}
