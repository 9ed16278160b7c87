import { randomUUID } from 'node:crypto';

import type { Kysely } from 'kysely';

import type { Language } from '../config.js';
import type { NewOutboxItem } from '../db/outbox.js';
import {
  copySignups,
  countActiveSignups,
  createRoundList,
  findLastClosedList,
  listSignupsWithSkips,
  markListClosed,
  recentGroupings,
  saveGroups,
  setListClose,
} from '../db/rounds.js';
import type { Database, ListRow, ScheduledPostRow } from '../db/schema.js';
import { findOpenList } from '../db/signups.js';
import { buildPairingHistory, formGroups } from '../matching/index.js';
import { roundMessagesFor } from '../text/round-messages.js';
import { slackDate } from '../text/time.js';
import { closedAnnouncement, openAnnouncement } from './announcement.js';
import { nextClose, type RoundSettings } from './settings.js';

/**
 * Maximum length of one channel post, in characters. Slack rejects text over 40,000 characters
 * and folds long messages, so a large round's results go out in several posts.
 */
export const maxPostLength = 3_500;

/** Splits text at line breaks into pieces of at most `max` characters each. */
export function splitLines(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    if (current !== '' && current.length + 1 + line.length > max) {
      pieces.push(current);
      current = line;
    } else {
      current = current === '' ? line : `${current}\n${line}`;
    }
  }
  pieces.push(current);

  return pieces;
}

/** Closed rounds the matcher looks back over; older pairings have decayed to little weight. */
export const historyRounds = 50;

export interface PlanContext {
  db: Kysely<Database>;
  now: Date;
  defaultLanguage: Language;
  command: string;
}

/** The decision of one slot: a short outcome for logs and replies, and the messages to send. */
export interface Plan {
  outcome: string;
  items: NewOutboxItem[];
  /** The list whose announcement post should be redrawn once the plan commits. */
  closedList?: { list: ListRow; count: number; groups: number };
  openedList?: ListRow;
  signedUp?: number;
  groups?: number;
}

export function languageOf(settings: RoundSettings, ctx: PlanContext): Language {
  return settings.language ?? ctx.defaultLanguage;
}

export function titleOf(settings: RoundSettings, language: Language): string {
  return settings.title ?? roundMessagesFor(language).defaultTitle;
}

/**
 * Opens the channel's next round, closing at the first close slot after now. A standing list
 * left from before rounds were set up becomes this round, keeping its sign-ups. In a
 * carry-over channel the new round starts with everyone from the last closed round.
 */
export async function planOpenRound(
  ctx: PlanContext,
  settings: RoundSettings,
  slotId: string,
): Promise<Plan> {
  const { db, now } = ctx;
  const close = nextClose(settings, now);
  if (!close) {
    return { outcome: 'no_close_scheduled', items: [] };
  }
  const existing = await findOpenList(db, settings.teamId, settings.channelId);
  if (existing && existing.closes_at !== null) {
    return { outcome: 'already_open', items: [], openedList: existing };
  }

  let list: ListRow;
  if (existing) {
    await setListClose(db, existing.id, close.at, close.key);
    list = { ...existing, closes_at: close.at, close_key: close.key };
  } else {
    list = await createRoundList(db, {
      teamId: settings.teamId,
      channelId: settings.channelId,
      closesAt: close.at,
      closeKey: close.key,
    });
    if (settings.carryOver) {
      const last = await findLastClosedList(db, settings.teamId, settings.channelId);
      if (last) {
        await copySignups(db, last.id, list.id);
      }
    }
  }
  const count = await countActiveSignups(db, list.id);
  const language = languageOf(settings, ctx);
  const post = openAnnouncement({
    listId: list.id,
    title: titleOf(settings, language),
    closesAt: close.at,
    timeZone: settings.timeZone,
    language,
    count,
  });

  return {
    outcome: existing ? 'opened_from_list' : 'opened',
    openedList: list,
    items: [
      {
        itemKey: `${slotId}|announce`,
        kind: 'announcement',
        payload: { channel: settings.channelId, ...post, announcementForList: list.id },
      },
    ],
  };
}

/** Posts a reminder for the round closing at `closeKey`, if that round is still open. */
export async function planReminder(
  ctx: PlanContext,
  settings: RoundSettings,
  slotId: string,
  closeKey: string,
): Promise<Plan> {
  const list = await findOpenList(ctx.db, settings.teamId, settings.channelId);
  if (!list || list.close_key !== closeKey || list.closes_at === null) {
    return { outcome: 'no_open_round', items: [] };
  }
  if (list.closes_at.getTime() <= ctx.now.getTime()) {
    return { outcome: 'round_already_closed', items: [] };
  }
  const count = await countActiveSignups(ctx.db, list.id);
  const language = languageOf(settings, ctx);
  const text = roundMessagesFor(language).reminder(
    titleOf(settings, language),
    list.closes_at.getTime() - ctx.now.getTime(),
    slackDate(list.closes_at, settings.timeZone, language),
    count,
    ctx.command,
  );

  return {
    outcome: 'reminded',
    items: [{ itemKey: `${slotId}|reminder`, kind: 'reminder', payload: { channel: settings.channelId, text } }],
  };
}

/**
 * Closes the open round: forms groups that avoid recent pairings, records them, and plans the
 * channel post, one group DM per group and a DM to anyone left alone. A scheduled close
 * (`manual` false) leaves a round whose own close time is still ahead alone. With `listId`,
 * only that round is closed, so a close requested while it was open leaves the next one alone.
 * When rounds open as the previous one closes, the next round opens in the same plan.
 */
export async function planCloseRound(
  ctx: PlanContext,
  settings: RoundSettings,
  slotId: string,
  options: { manual: boolean; seed?: string; listId?: string | undefined },
): Promise<Plan> {
  const { db, now } = ctx;
  const list = await findOpenList(db, settings.teamId, settings.channelId);
  if (options.listId !== undefined && list?.id !== options.listId) {
    return { outcome: 'already_closed', items: [] };
  }
  if (!list) {
    if (settings.openSchedule === null) {
      // Continuous rounds with none open (the first one, or after a removal): open one.
      return planOpenRound(ctx, settings, slotId);
    }

    return { outcome: 'no_open_round', items: [] };
  }
  if (!options.manual && list.closes_at !== null && list.closes_at.getTime() > now.getTime()) {
    return { outcome: 'round_closes_later', items: [] };
  }

  // The history is read while this round is still open, so it leaves the round out.
  const past = await recentGroupings(db, settings.teamId, settings.channelId, historyRounds);
  const seed = options.seed ?? randomUUID();
  // Closing first waits for sign-up changes that hold a lock on the list (see lockOpenList) and
  // makes later ones find it closed, so the sign-ups read next are final.
  if (!(await markListClosed(db, list.id, now, seed))) {
    return { outcome: 'already_closed', items: [] };
  }
  const signups = await listSignupsWithSkips(db, list.id);
  const eligible = signups.filter((signup) => !signup.skipped).map((signup) => signup.userId);
  const result = formGroups(eligible, {
    groupSize: settings.groupSize,
    seed,
    history: buildPairingHistory(past.map((round) => ({ closedAt: round.closedAt, groups: round.groups }))),
  });
  await saveGroups(db, list.id, result.groups);

  const language = languageOf(settings, ctx);
  const messages = roundMessagesFor(language);
  const title = titleOf(settings, language);
  const channel = settings.channelId;
  // A round without sign-ups closes quietly. Its post is redrawn as closed, because a daily
  // "no sign-ups" message would only be noise.
  const resultsPost: NewOutboxItem[] =
    eligible.length === 0
      ? []
      : splitLines(messages.results(title, result.groups, result.alone), maxPostLength).map(
          (text, index) => ({
            itemKey: index === 0 ? `${slotId}|results` : `${slotId}|results|${index + 1}`,
            kind: 'results',
            payload: { channel, text },
          }),
        );
  const items: NewOutboxItem[] = [
    ...resultsPost,
    ...result.groups.map((members, index) => ({
      itemKey: `${slotId}|group|${index + 1}`,
      kind: 'introduction',
      payload: {
        users: members,
        text: messages.introduction(title, channel, members),
        soloText: messages.alone(title, channel),
      },
    })),
    ...result.alone.map((userId) => ({
      itemKey: `${slotId}|alone|${userId}`,
      kind: 'alone',
      payload: { users: [userId], text: messages.alone(title, channel) },
    })),
  ];
  const plan: Plan = {
    outcome: 'closed',
    items,
    closedList: { list, count: eligible.length, groups: result.groups.length },
    signedUp: eligible.length,
    groups: result.groups.length,
  };

  if (settings.openSchedule === null && !settings.paused) {
    const next = await planOpenRound(ctx, settings, `${slotId}|next`);
    plan.items.push(...next.items);
    if (next.openedList) {
      plan.openedList = next.openedList;
    }
  }

  return plan;
}

/** Builds the closed post that replaces a round's announcement once its plan has committed. */
export function closedAnnouncementFor(
  settings: RoundSettings,
  ctx: Pick<PlanContext, 'defaultLanguage'>,
  count: number,
  groups: number,
): { text: string; blocks: unknown[] } {
  const language = settings.language ?? ctx.defaultLanguage;

  return closedAnnouncement(titleOf(settings, language), language, count, groups);
}

export function planScheduledPost(post: ScheduledPostRow, slotId: string): Plan {
  return {
    outcome: 'posted',
    items: [
      {
        itemKey: `${slotId}|post`,
        kind: 'scheduled_post',
        payload: { channel: post.channel_id, text: post.text },
      },
    ],
  };
}
