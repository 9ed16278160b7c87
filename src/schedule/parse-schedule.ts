import { parseCronExpression } from './cron-expression.js';
import { ScheduleError } from './errors.js';
import { parsePlainSchedule } from './plain-schedule.js';
import type { Schedule } from './schedule.js';

/** Maximum text length in characters, far above any real schedule, so pasted text fails fast. */
export const MAX_SCHEDULE_LENGTH = 200;

/**
 * Parse user text as a 5-field cron expression or as a plain English or Korean schedule.
 *
 * Text with 5 or more words (counting a comma list as one word), or with `*` or `/` in it, is
 * read as cron, because no plain form has either. Everything else is read with the plain
 * grammar.
 *
 * @throws ScheduleError with a code naming what is wrong and a message quoting the text.
 */
export function parseSchedule(text: string): Schedule {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new ScheduleError(
      'invalid_schedule',
      typeof text === 'string' ? text : String(text),
      'Missing schedule: expected days and a time, or a 5-field cron expression.',
    );
  }
  if (text.length > MAX_SCHEDULE_LENGTH) {
    throw new ScheduleError(
      'invalid_schedule',
      text,
      `Invalid schedule: the text has ${text.length} characters, ` +
        `more than the maximum of ${MAX_SCHEDULE_LENGTH}.`,
    );
  }

  const normalized = text.normalize('NFKC').trim();
  const words = normalized.replace(/\s*,\s*/g, ',').split(/\s+/);
  if (words.length >= 5 || /[*/]/.test(normalized)) {
    return parseCronExpression(normalized, text);
  }

  return parsePlainSchedule(normalized, text);
}
