import type { ScheduledPostRow } from '../db/schema.js';
import { parseCronExpression, slotsBetween } from '../schedule/index.js';
import { nextClose, type RoundSettings } from '../rounds/settings.js';

/** One action a schedule requests at one moment. The slot id names it across processes. */
export type Job =
  | { kind: 'round-open'; slotId: string; dueAt: Date; teamId: string; channelId: string }
  | { kind: 'round-close'; slotId: string; dueAt: Date; teamId: string; channelId: string }
  | {
      kind: 'round-remind';
      slotId: string;
      dueAt: Date;
      teamId: string;
      channelId: string;
      closeKey: string;
      closeAt: Date;
    }
  | { kind: 'post'; slotId: string; dueAt: Date; postId: string }
  | {
      kind: 'manual-open' | 'manual-close';
      slotId: string;
      dueAt: Date;
      teamId: string;
      channelId: string;
      /** The round a manual close was requested for; unknown when resumed from a slot id. */
      listId?: string | undefined;
    };

/** Most slots one schedule may produce in one check, so a per-minute cron cannot flood. */
const maxSlotsPerCheck = 2_000;

/**
 * Order of jobs due at the same instant: the close, then the next open, then reminders. A
 * reminder leads its close by at least a minute, so one due at a close or an open is for the
 * round that the open starts.
 */
const kindOrder: Record<Job['kind'], number> = {
  'round-close': 0,
  'manual-close': 0,
  'round-open': 1,
  'manual-open': 1,
  'round-remind': 2,
  post: 3,
};

export function compareJobs(a: Job, b: Job): number {
  return a.dueAt.getTime() - b.dueAt.getTime() || kindOrder[a.kind] - kindOrder[b.kind];
}

export function roundScheduleId(teamId: string, channelId: string): string {
  return `round|${teamId}|${channelId}`;
}

export function postScheduleId(postId: string): string {
  return `post|${postId}`;
}

/**
 * Returns the round jobs due in (from, to]: opens, closes, and each reminder, which fires its lead
 * time before a close. Slot ids use the local wall time of the slot, so a daylight-saving
 * repeat of the same local time maps to the same id and runs once.
 */
export function roundJobsBetween(settings: RoundSettings, from: Date, to: Date): Job[] {
  const { teamId, channelId, timeZone } = settings;
  const jobs: Job[] = [];
  if (settings.openSchedule) {
    for (const slot of slotsBetween(settings.openSchedule, timeZone, from, to, maxSlotsPerCheck)) {
      jobs.push({
        kind: 'round-open',
        slotId: `round-open|${teamId}|${channelId}|${slot.key}`,
        dueAt: slot.at,
        teamId,
        channelId,
      });
    }
  }
  for (const slot of slotsBetween(settings.closeSchedule, timeZone, from, to, maxSlotsPerCheck)) {
    jobs.push({
      kind: 'round-close',
      slotId: `round-close|${teamId}|${channelId}|${slot.key}`,
      dueAt: slot.at,
      teamId,
      channelId,
    });
  }
  const longest = settings.reminderMinutes[0];
  if (longest !== undefined) {
    // A reminder due in (from, to] belongs to a close in (from, to + longest lead].
    const lastClose = new Date(to.getTime() + longest * 60_000);
    for (const close of slotsBetween(settings.closeSchedule, timeZone, from, lastClose, maxSlotsPerCheck)) {
      for (const minutes of settings.reminderMinutes) {
        const dueAt = new Date(close.at.getTime() - minutes * 60_000);
        if (dueAt > from && dueAt <= to) {
          jobs.push({
            kind: 'round-remind',
            slotId: `round-remind|${teamId}|${channelId}|${close.key}|${minutes}`,
            dueAt,
            teamId,
            channelId,
            closeKey: close.key,
            closeAt: close.at,
          });
        }
      }
    }
  }

  return jobs.sort(compareJobs);
}

export function postJobsBetween(post: ScheduledPostRow, from: Date, to: Date): Job[] {
  const schedule = parseCronExpression(post.schedule);

  return slotsBetween(schedule, post.time_zone, from, to, maxSlotsPerCheck).map((slot) => ({
    kind: 'post' as const,
    slotId: `post|${post.id}|${slot.key}`,
    dueAt: slot.at,
    postId: post.id,
  }));
}

/**
 * Rebuilds a job from its slot id, for resuming a slot whose owner died before finishing.
 * Returns undefined for an id this version does not know.
 */
export function jobFromSlotId(slotId: string, dueAt: Date): Job | undefined {
  const parts = slotId.split('|');
  const [prefix, teamId, channelId] = parts;
  switch (prefix) {
    case 'round-open':
    case 'round-close':
      return teamId && channelId ? { kind: prefix, slotId, dueAt, teamId, channelId } : undefined;
    case 'manual-open':
    case 'manual-close':
      return teamId && channelId ? { kind: prefix, slotId, dueAt, teamId, channelId } : undefined;
    case 'round-remind': {
      const closeKey = parts[3];
      const minutes = Number(parts[4]);
      if (!teamId || !channelId || !closeKey || !Number.isFinite(minutes)) {
        return undefined;
      }

      return {
        kind: 'round-remind',
        slotId,
        dueAt,
        teamId,
        channelId,
        closeKey,
        closeAt: new Date(dueAt.getTime() + minutes * 60_000),
      };
    }
    case 'post':
      return teamId ? { kind: 'post', slotId, dueAt, postId: teamId } : undefined;
    default:
      return undefined;
  }
}

/** True when a missed open still leads to a round: its close has not passed yet. */
export function openStillMeaningful(settings: RoundSettings, dueAt: Date, now: Date): boolean {
  const close = nextClose(settings, dueAt);

  return close !== null && close.at.getTime() > now.getTime();
}
