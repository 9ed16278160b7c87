import type { Language } from '../config.js';
import type { RoundConfigRow } from '../db/schema.js';
import type { RoundMessages } from '../text/round-messages.js';
import {
  canonicalTimeZone,
  isValidTimeZone,
  nextSlot,
  parseCronExpression,
  parseSchedule,
  previousSlot,
  type Schedule,
  ScheduleError,
  type Slot,
  toCronExpression,
} from '../schedule/index.js';

/** A channel's round configuration with its schedules parsed. */
export interface RoundSettings {
  teamId: string;
  channelId: string;
  /** Null: each round opens as the previous one closes. */
  openSchedule: Schedule | null;
  closeSchedule: Schedule;
  timeZone: string;
  /** Minutes before the close, largest first. */
  reminderMinutes: number[];
  groupSize: number;
  carryOver: boolean;
  paused: boolean;
  title: string | null;
  language: Language | null;
  updatedAt: Date;
}

export function settingsFromRow(row: RoundConfigRow): RoundSettings {
  return {
    teamId: row.team_id,
    channelId: row.channel_id,
    openSchedule: row.open_schedule ? parseCronExpression(row.open_schedule) : null,
    closeSchedule: parseCronExpression(row.close_schedule),
    timeZone: row.time_zone,
    reminderMinutes: [...row.reminder_minutes].sort((a, b) => b - a),
    groupSize: row.group_size,
    carryOver: row.carry_over,
    paused: row.paused,
    title: row.title,
    language: row.language,
    updatedAt: row.updated_at,
  };
}

export function nextClose(settings: RoundSettings, after: Date): Slot | null {
  return nextSlot(settings.closeSchedule, settings.timeZone, after);
}

export function nextOpen(settings: RoundSettings, after: Date): Slot | null {
  return settings.openSchedule ? nextSlot(settings.openSchedule, settings.timeZone, after) : null;
}

/** Maximum reminder lead time, in minutes: one week. */
export const maxReminderMinutes = 7 * 24 * 60;

/** Maximum length of a round title, in characters. */
export const maxTitleLength = 80;

/** How to fix a rejected setting; src/text renders it in the reply's language. */
export type SettingFix =
  | { kind: 'missing_close' }
  /** A schedule parser message, a whole sentence that already names the value. */
  | { kind: 'schedule'; message: string }
  | { kind: 'time_zone' }
  | { kind: 'reminder_range'; max: number }
  | { kind: 'reminder_too_early'; roundMinutes: number; minutes: number[] }
  | { kind: 'group_size' }
  | { kind: 'carry_over' }
  | { kind: 'title_length'; max: number }
  | { kind: 'unclosed_quote' }
  | { kind: 'repeated_key' }
  | { kind: 'unknown_keys'; keys: string[] }
  | { kind: 'post_text'; max: number };

/** One rejected setting: which field, the value as typed, and how to fix it. */
export interface SettingError {
  field: 'open' | 'close' | 'tz' | 'reminders' | 'size' | 'carryover' | 'title';
  value: string;
  fix: SettingFix;
}

/** Renders one rejected setting in the reply's language. */
export function describeSettingError(rounds: RoundMessages, error: SettingError): string {
  return error.fix.kind === 'schedule'
    ? rounds.settingProblem(error.field, error.fix.message)
    : rounds.invalidSetting(error.field, error.value, rounds.settingFix(error.fix));
}

/** Raw setting values as typed in the command or the modal. */
export interface SettingsInput {
  open?: string | undefined;
  close?: string | undefined;
  tz?: string | undefined;
  reminders?: string | undefined;
  size?: string | undefined;
  carryover?: string | undefined;
  title?: string | undefined;
}

export interface ValidSettings {
  openSchedule: string | null;
  closeSchedule: string;
  timeZone: string;
  reminderMinutes: number[];
  groupSize: number;
  carryOver: boolean;
  title: string | null;
}

const yes = new Set(['yes', 'y', 'true', 'on', '1', '예', '네']);
const no = new Set(['no', 'n', 'false', 'off', '0', '아니오', '아니요']);

function parseScheduleField(
  field: 'open' | 'close',
  value: string,
  errors: SettingError[],
): string | null {
  try {
    return toCronExpression(parseSchedule(value));
  } catch (err) {
    if (err instanceof ScheduleError) {
      errors.push({ field, value, fix: { kind: 'schedule', message: err.message } });

      return null;
    }
    throw err;
  }
}

/**
 * Checks every field and returns either the settings to store or every error at once, so the
 * user can fix them all in one go. `defaults` fills fields the input leaves out.
 */
export function validateSettings(
  input: SettingsInput,
  defaults: ValidSettings | { timeZone: string },
  now: Date = new Date(),
): { settings: ValidSettings } | { errors: SettingError[] } {
  const errors: SettingError[] = [];
  const base = 'closeSchedule' in defaults ? defaults : undefined;

  const closeText = input.close?.trim();
  let closeSchedule = base?.closeSchedule ?? null;
  if (closeText) {
    closeSchedule = parseScheduleField('close', closeText, errors);
  } else if (!base) {
    errors.push({
      field: 'close',
      value: '',
      fix: { kind: 'missing_close' },
    });
  }

  const openText = input.open?.trim();
  let openSchedule = base?.openSchedule ?? null;
  if (openText !== undefined) {
    const none = ['', 'none', 'continuous', '없음'].includes(openText.toLowerCase());
    openSchedule = none ? null : parseScheduleField('open', openText, errors);
  }

  let timeZone = input.tz?.trim() || defaults.timeZone;
  if (isValidTimeZone(timeZone)) {
    // Intl accepts any letter case, but replies and stored rows use the IANA spelling.
    timeZone = canonicalTimeZone(timeZone);
  } else {
    errors.push({
      field: 'tz',
      value: timeZone,
      fix: { kind: 'time_zone' },
    });
  }

  let reminderMinutes = base?.reminderMinutes ?? [];
  if (input.reminders !== undefined) {
    const text = input.reminders.trim();
    const parts = ['', 'none', '없음'].includes(text.toLowerCase())
      ? []
      : text.split(/[\s,]+/).filter(Boolean);
    const minutes = parts.map((part) => Number(part.replace(/(m|min|분)$/i, '')));
    if (minutes.some((m) => !Number.isInteger(m) || m < 1 || m > maxReminderMinutes)) {
      errors.push({
        field: 'reminders',
        value: text,
        fix: { kind: 'reminder_range', max: maxReminderMinutes },
      });
    } else {
      reminderMinutes = [...new Set(minutes)].sort((a, b) => b - a);
    }
  }

  let groupSize = base?.groupSize ?? 2;
  if (input.size !== undefined) {
    const text = input.size.trim();
    const size = /^\d{1,2}$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isInteger(size) || size < 2 || size > 8) {
      errors.push({ field: 'size', value: input.size, fix: { kind: 'group_size' } });
    } else {
      groupSize = size;
    }
  }

  let carryOver = base?.carryOver ?? false;
  if (input.carryover !== undefined) {
    const text = input.carryover.trim().toLowerCase();
    if (yes.has(text)) {
      carryOver = true;
    } else if (no.has(text)) {
      carryOver = false;
    } else {
      errors.push({
        field: 'carryover',
        value: input.carryover,
        fix: { kind: 'carry_over' },
      });
    }
  }

  let title = base?.title ?? null;
  if (input.title !== undefined) {
    const text = input.title.trim();
    if (Array.from(text).length > maxTitleLength) {
      errors.push({ field: 'title', value: text, fix: { kind: 'title_length', max: maxTitleLength } });
    } else {
      title = text === '' ? null : text;
    }
  }

  if (errors.length > 0 || closeSchedule === null) {
    return { errors };
  }
  const longest = longestRoundMs(openSchedule, closeSchedule, timeZone, now);
  // A reminder due exactly when a round opens is still sent, right after the opening post.
  const tooEarly = reminderMinutes.filter((m) => longest !== undefined && m * 60_000 > longest);
  if (tooEarly.length > 0) {
    return {
      errors: [
        {
          field: 'reminders',
          value: input.reminders?.trim() ?? reminderMinutes.join(','),
          fix: {
            kind: 'reminder_too_early',
            roundMinutes: Math.round((longest as number) / 60_000),
            minutes: tooEarly,
          },
        },
      ],
    };
  }

  return {
    settings: { openSchedule, closeSchedule, timeZone, reminderMinutes, groupSize, carryOver, title },
  };
}

/** Upcoming rounds that longestRoundMs looks at. */
const roundsChecked = 8;

/**
 * Returns the longest of the next few rounds, from its opening (or the previous close, when
 * rounds open as the previous one closes) to its close, in milliseconds. A reminder longer
 * than this before the close would fall before every round opens.
 */
export function longestRoundMs(
  openCron: string | null,
  closeCron: string,
  timeZone: string,
  now: Date,
): number | undefined {
  const close = parseCronExpression(closeCron);
  const open = openCron ? parseCronExpression(openCron) : null;
  let longest: number | undefined;
  let after = now;
  for (let i = 0; i < roundsChecked; i += 1) {
    const end = nextSlot(close, timeZone, after);
    if (!end) {
      break;
    }
    const justBefore = new Date(end.at.getTime() - 1);
    const start = previousSlot(open ?? close, timeZone, justBefore);
    if (start) {
      longest = Math.max(longest ?? 0, end.at.getTime() - start.at.getTime());
    }
    after = end.at;
  }

  return longest;
}

/**
 * Splits `key=value` pairs, where a value may be quoted with straight or curly double quotes
 * (Slack clients often turn " into curly quotes). Returns separately the words that are not
 * pairs, the keys given more than once and the keys whose quoted value has no closing quote.
 */
export function parseKeyValues(text: string): {
  values: Record<string, string>;
  unknown: string[];
  repeated: string[];
  unclosed: string[];
} {
  const values: Record<string, string> = {};
  const unknown: string[] = [];
  const repeated: string[] = [];
  const unclosed: string[] = [];
  const pattern = /([^\s=]+)\s*=\s*(?:["“”]([^"“”]*)["“”]|(\S*))|(\S+)/g;
  for (const match of text.matchAll(pattern)) {
    if (match[4] !== undefined) {
      unknown.push(match[4]);
      continue;
    }
    const key = (match[1] as string).toLowerCase();
    const unquoted = match[3];
    // A quoted value that closes matches the quoted branch, so a quote here was never closed.
    if (unquoted !== undefined && /^["“”]/.test(unquoted)) {
      unclosed.push(key);
    }
    if (key in values && !repeated.includes(key)) {
      repeated.push(key);
    }
    values[key] = match[2] ?? unquoted ?? '';
  }

  return { values, unknown, repeated, unclosed };
}
