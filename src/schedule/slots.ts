import { compileSchedule, matchesDate } from './schedule.js';
import type { CompiledSchedule, Schedule } from './schedule.js';
import { DAY_MS, assertTimeZone, segmentsForDay, wallTimeToInstant } from './time-zone.js';

/** One firing of a schedule. */
export interface Slot {
  /** The instant it fires. */
  readonly at: Date;
  /**
   * The scheduled local wall time in the schedule's zone, `YYYY-MM-DDTHH:mm`. It is unique per
   * schedule and zone, and stays the scheduled time when a gap moves `at` later.
   */
  readonly key: string;
}

/**
 * Maximum number of consecutive local days searched without finding a slot. It covers the
 * 8-year wait for February 29 across 2100, which is not a leap year.
 */
export const MAX_SEARCH_DAYS = 8 * 366;

const MINUTE_MS = 60_000;

/**
 * Return the first slot that fires strictly after `after`, or null when none fires within
 * MAX_SEARCH_DAYS.
 *
 * Daylight saving: a local time that does not exist fires once, at the first instant after the
 * gap, keeping its own key, so several keys can share one `at`. A local time that occurs twice
 * fires once, at its first occurrence. So a daily schedule fires exactly once per local day.
 *
 * @throws TimeZoneError for an invalid zone, TypeError for an invalid Date or Schedule.
 */
export function nextSlot(schedule: Schedule, timeZone: string, after: Date): Slot | null {
  const compiled = compileSchedule(schedule);
  assertTimeZone(timeZone);
  const first = slotsAfter(compiled, timeZone, toEpochMs(after, 'after')).next();

  return first.done === true ? null : first.value;
}

/**
 * Return the slots with `fromExclusive < at <= toInclusive`, oldest first, at most `limit` of
 * them. Slots that share an instant come in order of their keys. Daylight saving is handled as
 * in nextSlot.
 *
 * @throws TimeZoneError for an invalid zone, TypeError for an invalid Date, Schedule or limit.
 */
export function slotsBetween(
  schedule: Schedule,
  timeZone: string,
  fromExclusive: Date,
  toInclusive: Date,
  limit: number,
): Slot[] {
  if (!Number.isInteger(limit) || limit < 0) {
    throw new TypeError(`limit must be a non-negative integer, got ${String(limit)}`);
  }

  const compiled = compileSchedule(schedule);
  assertTimeZone(timeZone);
  const fromMs = toEpochMs(fromExclusive, 'fromExclusive');
  const toMs = toEpochMs(toInclusive, 'toInclusive');
  const slots: Slot[] = [];
  if (limit === 0 || toMs <= fromMs) {
    return slots;
  }

  for (const slot of slotsAfter(compiled, timeZone, fromMs)) {
    if (slot.at.getTime() > toMs) {
      break;
    }
    slots.push(slot);
    if (slots.length === limit) {
      break;
    }
  }

  return slots;
}

/**
 * Return the latest slot that fires at or before `before`, or null when none fires within
 * MAX_SEARCH_DAYS before it. When several keys share that instant (a daylight-saving gap), the
 * latest key wins. Daylight saving is otherwise handled as in nextSlot.
 *
 * @throws TimeZoneError for an invalid zone, TypeError for an invalid Date or Schedule.
 */
export function previousSlot(schedule: Schedule, timeZone: string, before: Date): Slot | null {
  const compiled = compileSchedule(schedule);
  assertTimeZone(timeZone);
  const beforeMs = toEpochMs(before, 'before');
  // A local date is at most one day off the UTC date of the same instant, and an overlap that
  // spans local midnight can fire a key dated one day later, so the walk starts two days out.
  let dayNumber = Math.floor(beforeMs / DAY_MS) + 2;

  for (let searched = 0; searched <= MAX_SEARCH_DAYS; searched++, dayNumber--) {
    const date = civilDate(dayNumber);
    if (!compiled.months[date.month]) {
      // Land on the last day of the previous month once the loop steps back.
      dayNumber -= date.day - 1;
      searched += date.day - 1;
      continue;
    }
    if (!matchesDate(compiled, date.month, date.day, date.weekday)) {
      continue;
    }

    const segments = segmentsForDay(timeZone, dayNumber);
    const times = compiled.minutesOfDay;
    for (let index = times.length - 1; index >= 0; index--) {
      const wallMs = dayNumber * DAY_MS + (times[index] ?? 0) * MINUTE_MS;
      const at = wallTimeToInstant(segments, wallMs);
      if (at <= beforeMs) {
        return { at: new Date(at), key: formatKey(wallMs) };
      }
    }
  }

  return null;
}

// Yields every slot with at > afterMs in order, until MAX_SEARCH_DAYS pass without one. Walking
// keys in local order gives instants in order too, because wallTimeToInstant never decreases as
// the wall time grows.
function* slotsAfter(
  schedule: CompiledSchedule,
  timeZone: string,
  afterMs: number,
): Generator<Slot, void, undefined> {
  const times = schedule.minutesOfDay;
  // A local date is at most one day off the UTC date of the same instant. One more day is a
  // margin for daylight-saving changes that span local midnight.
  let dayNumber = Math.floor(afterMs / DAY_MS) - 2;

  for (let idleDays = 0; idleDays <= MAX_SEARCH_DAYS; idleDays++, dayNumber++) {
    const date = civilDate(dayNumber);
    if (!schedule.months[date.month]) {
      // Land on the first day of the next month once the loop steps forward.
      const rest = daysInMonth(date.year, date.month) - date.day;
      dayNumber += rest;
      idleDays += rest;
      continue;
    }
    if (!matchesDate(schedule, date.month, date.day, date.weekday)) {
      continue;
    }

    const segments = segmentsForDay(timeZone, dayNumber);
    const midnight = dayNumber * DAY_MS;
    let index = 0;
    // With one offset all day, jump straight to the first time after `afterMs`.
    if (segments.offsets.length === 1) {
      const afterWallMs = afterMs + (segments.offsets[0] ?? 0);
      index = lowerBound(times, Math.floor((afterWallMs - midnight) / MINUTE_MS) + 1);
    }

    for (; index < times.length; index++) {
      const wallMs = midnight + (times[index] ?? 0) * MINUTE_MS;
      const at = wallTimeToInstant(segments, wallMs);
      if (at > afterMs) {
        idleDays = 0;
        yield { at: new Date(at), key: formatKey(wallMs) };
      }
    }
  }
}

function lowerBound(sorted: readonly number[], target: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? 0) < target) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }

  return low;
}

function civilDate(dayNumber: number): {
  year: number;
  month: number;
  day: number;
  weekday: number;
} {
  const date = new Date(dayNumber * DAY_MS);

  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    weekday: date.getUTCDay(),
  };
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the following month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// The wall time is encoded as a UTC timestamp, so the UTC fields are the local fields.
function formatKey(wallMs: number): string {
  return new Date(wallMs).toISOString().slice(0, 16);
}

function toEpochMs(value: Date, name: string): number {
  const epochMs = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(epochMs)) {
    throw new TypeError(`${name} must be a valid Date, got ${String(value)}`);
  }

  return epochMs;
}
