import { claimEvent } from '../db/processed-events.js';
import { findRoundConfig } from '../db/rounds.js';
import { lockList } from '../db/signups.js';
import { settingsFromRow } from '../rounds/settings.js';
import { roundMessagesFor } from '../text/round-messages.js';
import { slackDate } from '../text/time.js';
import type { CommandDeps, CommandReply } from './run-command.js';
import { changeRoundSignup } from './signup-commands.js';

/**
 * Joins or leaves the round a post's button names. The button carries the list id, so an old
 * post can never sign someone up for a different round. A closed round gets a reply that it
 * closed instead.
 * Returns null for a redelivered click.
 */
export async function buttonSignup(
  deps: CommandDeps,
  request: { listId: string; userId: string; join: boolean; dedupeKey: string },
): Promise<CommandReply | null> {
  return deps.db.transaction().execute(async (trx) => {
    if (!(await claimEvent(trx, request.dedupeKey))) {
      return null;
    }
    const list = /^\d{1,18}$/.test(request.listId) ? await lockList(trx, request.listId) : undefined;
    const row = list ? await findRoundConfig(trx, list.team_id, list.channel_id) : undefined;
    const language = row?.language ?? deps.defaultLanguage;
    const rounds = roundMessagesFor(language);
    if (!list || list.status !== 'open' || !list.closes_at || !row) {
      return { outcome: 'round_closed', text: rounds.roundClosedButton(), language };
    }
    const settings = settingsFromRow(row);
    const closesAt = slackDate(list.closes_at, settings.timeZone, language);
    const result = await changeRoundSignup(trx, list.id, request.userId, request.join, language, closesAt);

    return {
      text: result.text ?? '',
      language,
      outcome: result.outcome,
      ...(result.refreshListId ? { refreshListId: result.refreshListId } : {}),
    };
  });
}
