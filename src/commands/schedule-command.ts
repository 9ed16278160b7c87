import {
  addOrganiser,
  createScheduledPost,
  deleteScheduledPost,
  listOrganisers,
  listScheduledPosts,
} from '../db/rounds.js';
import { resetCursor } from '../db/slot-runs.js';
import type { RoundSettings } from '../rounds/settings.js';
import { postScheduleId } from '../scheduler/jobs.js';
import {
  canonicalTimeZone,
  describeSchedule,
  isValidTimeZone,
  nextSlot,
  parseCronExpression,
  parseSchedule,
  ScheduleError,
  toCronExpression,
} from '../schedule/index.js';
import { unescapeText } from '../text/format.js';
import { roundMessagesFor } from '../text/round-messages.js';
import { slackDate } from '../text/time.js';
import { stripBotMention } from './parse.js';
import type { CommandResult, CommandScope } from './run-command.js';

/** Maximum length of one scheduled post, in characters. Slack itself allows 40,000. */
export const maxPostLength = 3_000;

/** `schedule list`, `schedule delete N` and `schedule <when> [tz=Zone] | <text>`. */
export async function scheduleCommand(
  scope: CommandScope,
  settings: RoundSettings | undefined,
): Promise<CommandResult> {
  const { db, deps, request, language } = scope;
  const rounds = roundMessagesFor(language);
  const { teamId, channelId, userId } = request;
  const rest = scope.rest;
  const [action, ...args] = rest.split(/\s+/).filter(Boolean);

  if (action === undefined || action.toLowerCase() === 'list') {
    const posts = await listScheduledPosts(db, { teamId, channelId });
    if (posts.length === 0) {
      return { outcome: 'no_posts', text: rounds.noPosts(deps.command) };
    }

    return {
      outcome: 'posts',
      text: rounds.postsList(
        posts.map((post) => ({
          id: post.id,
          when: `${describeSchedule(parseCronExpression(post.schedule), language)} (${post.time_zone})`,
          // Stored posts keep Slack's escaping, and the list quotes them through escapeText.
          text: unescapeText(post.text),
        })),
      ),
    };
  }
  if (!scope.allowed) {
    return { outcome: 'not_organiser', text: rounds.notOrganiser(await listOrganisers(db, teamId, channelId)) };
  }

  if (['delete', 'remove', '삭제'].includes(action.toLowerCase())) {
    const id = (args[0] ?? '').replace(/^#/, '');
    if (!/^\d+$/.test(id) || args.length !== 1) {
      return { outcome: 'schedule_usage', text: rounds.scheduleUsage(deps.command) };
    }
    // Ids beyond a bigint cannot exist, and Postgres would reject them as out of range.
    if (id.length > 18) {
      return { outcome: 'post_not_found', text: rounds.postNotFound(id) };
    }

    return (await deleteScheduledPost(db, teamId, channelId, id))
      ? { outcome: 'post_deleted', text: rounds.postDeleted(id) }
      : { outcome: 'post_not_found', text: rounds.postNotFound(id) };
  }

  const separator = rest.indexOf('|');
  if (separator < 0) {
    return { outcome: 'schedule_usage', text: rounds.scheduleUsage(deps.command) };
  }
  let when = rest.slice(0, separator).trim();
  // The post goes back to Slack as written, so it keeps Slack's own escaping and markup
  // (mentions, links) instead of the unescaped text the other commands work on. The leading
  // bot mention goes first, because a mention such as <@U123|mate> contains a | of its own.
  const raw = stripBotMention(request.text, deps.botUserId);
  const text = raw.slice(raw.indexOf('|') + 1).trim();
  let timeZone = settings?.timeZone ?? scope.userTimeZone ?? 'UTC';
  const zoneMatch = /(?:^|\s)tz=(\S+)/i.exec(when);
  if (zoneMatch) {
    timeZone = zoneMatch[1] as string;
    when = when.replace(zoneMatch[0], ' ').trim();
  }
  if (!isValidTimeZone(timeZone)) {
    return {
      outcome: 'invalid_time_zone',
      text: rounds.invalidSetting('tz', timeZone, rounds.settingFix({ kind: 'time_zone' })),
    };
  }
  timeZone = canonicalTimeZone(timeZone);
  if (text === '' || Array.from(text).length > maxPostLength) {
    return {
      outcome: 'invalid_post_text',
      text: rounds.invalidSetting(
        'text',
        text,
        rounds.settingFix({ kind: 'post_text', max: maxPostLength }),
      ),
    };
  }
  let cron: string;
  try {
    cron = toCronExpression(parseSchedule(when));
  } catch (err) {
    if (err instanceof ScheduleError) {
      return { outcome: 'invalid_schedule', text: rounds.settingProblem('schedule', err.message) };
    }
    throw err;
  }

  const post = await createScheduledPost(db, { teamId, channelId, text, schedule: cron, timeZone, createdBy: userId });
  const now = deps.clock.now();
  await resetCursor(db, postScheduleId(post.id), now);
  if ((await listOrganisers(db, teamId, channelId)).length === 0) {
    await addOrganiser(db, teamId, channelId, userId, userId);
  }
  const schedule = parseCronExpression(cron);
  const next = nextSlot(schedule, timeZone, now);

  return {
    outcome: 'post_scheduled',
    text: rounds.postScheduled(
      post.id,
      `${describeSchedule(schedule, language)} (${timeZone})`,
      next ? slackDate(next.at, timeZone, language) : undefined,
    ),
  };
}
