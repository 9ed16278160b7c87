/**
 * A parsed schedule: the set of values each cron field matches, sorted ascending with no
 * duplicates. Days of week run 0-6 with 0 as Sunday. Parsing normalizes every accepted spelling
 * to this form, so two texts that fire at the same local times give equal values.
 */
export interface Schedule {
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly daysOfMonth: readonly number[];
  readonly months: readonly number[];
  readonly daysOfWeek: readonly number[];
}

export type ScheduleField = keyof Schedule;

/** Field order of a 5-field cron expression, with the range each field accepts once parsed. */
export const SCHEDULE_FIELDS: readonly {
  readonly field: ScheduleField;
  readonly label: string;
  readonly min: number;
  readonly max: number;
}[] = [
  { field: 'minutes', label: 'minute', min: 0, max: 59 },
  { field: 'hours', label: 'hour', min: 0, max: 23 },
  { field: 'daysOfMonth', label: 'day-of-month', min: 1, max: 31 },
  { field: 'months', label: 'month', min: 1, max: 12 },
  { field: 'daysOfWeek', label: 'day-of-week', min: 0, max: 6 },
];

/** Schedule fields as lookup tables, built once per Schedule object. */
export interface CompiledSchedule {
  /** Minutes after local midnight at which the schedule fires, ascending. */
  readonly minutesOfDay: readonly number[];
  readonly months: readonly boolean[];
  readonly daysOfMonth: readonly boolean[];
  readonly daysOfWeek: readonly boolean[];
  /** True when both day fields are restricted, so a day matching either one fires. */
  readonly eitherDayMatches: boolean;
}

const compiled = new WeakMap<Schedule, CompiledSchedule>();

/** Build a frozen Schedule from value lists in any order, dropping duplicates. */
export function createSchedule(fields: Record<ScheduleField, Iterable<number>>): Schedule {
  const normalize = (values: Iterable<number>): readonly number[] =>
    Object.freeze([...new Set(values)].sort((a, b) => a - b));

  return Object.freeze({
    minutes: normalize(fields.minutes),
    hours: normalize(fields.hours),
    daysOfMonth: normalize(fields.daysOfMonth),
    months: normalize(fields.months),
    daysOfWeek: normalize(fields.daysOfWeek),
  });
}

/** Return the whole range of a field, which is what `*` means. */
export function fullRange(field: ScheduleField): number[] {
  const spec = fieldSpec(field);
  const values: number[] = [];
  for (let value = spec.min; value <= spec.max; value++) {
    values.push(value);
  }

  return values;
}

export function fieldSpec(field: ScheduleField): (typeof SCHEDULE_FIELDS)[number] {
  const spec = SCHEDULE_FIELDS.find((candidate) => candidate.field === field);
  if (spec === undefined) {
    throw new TypeError(`Unknown schedule field ${JSON.stringify(field)}`);
  }

  return spec;
}

/** True when the field covers its whole range, which is how `*` parses. */
export function isUnrestricted(schedule: Schedule, field: ScheduleField): boolean {
  const spec = fieldSpec(field);
  const values = new Set(schedule[field]);
  for (let value = spec.min; value <= spec.max; value++) {
    if (!values.has(value)) {
      return false;
    }
  }

  return true;
}

// A day field counts as restricted when it does not cover its whole range. Vixie cron instead
// checks whether the field text starts with `*`, so there `0 9 */2 * 1` fires on odd days that
// are Mondays, while here it fires on odd days and on Mondays. They differ only for a day field
// that starts with `*` but skips values, or covers its whole range without `*` (such as `1-31`).

/**
 * Build the lookup tables for a schedule, caching them per object.
 *
 * @throws TypeError when a field is empty or contains a value outside its range.
 */
export function compileSchedule(schedule: Schedule): CompiledSchedule {
  const cached = compiled.get(schedule);
  if (cached !== undefined) {
    return cached;
  }

  const tables = {} as Record<ScheduleField, boolean[]>;
  for (const spec of SCHEDULE_FIELDS) {
    const values = schedule[spec.field];
    if (!Array.isArray(values) || values.length === 0) {
      throw new TypeError(`Schedule field ${spec.field} must be a non-empty array`);
    }

    const table = new Array<boolean>(spec.max + 1).fill(false);
    for (const value of values) {
      if (!Number.isInteger(value) || value < spec.min || value > spec.max) {
        throw new TypeError(
          `Schedule field ${spec.field} has ${String(value)}, expected ${spec.min}-${spec.max}`,
        );
      }
      table[value] = true;
    }
    tables[spec.field] = table;
  }

  const minutesOfDay: number[] = [];
  for (let hour = 0; hour < 24; hour++) {
    for (let minute = 0; minute < 60; minute++) {
      if (tables.hours[hour] && tables.minutes[minute]) {
        minutesOfDay.push(hour * 60 + minute);
      }
    }
  }

  const result: CompiledSchedule = {
    minutesOfDay,
    months: tables.months,
    daysOfMonth: tables.daysOfMonth,
    daysOfWeek: tables.daysOfWeek,
    eitherDayMatches:
      !isUnrestricted(schedule, 'daysOfMonth') && !isUnrestricted(schedule, 'daysOfWeek'),
  };
  compiled.set(schedule, result);

  return result;
}

/** True when the compiled schedule fires on this calendar date (month 1-12, weekday 0-6). */
export function matchesDate(
  schedule: CompiledSchedule,
  month: number,
  day: number,
  weekday: number,
): boolean {
  if (!schedule.months[month]) {
    return false;
  }

  const dayOfMonth = schedule.daysOfMonth[day] === true;
  const dayOfWeek = schedule.daysOfWeek[weekday] === true;

  return schedule.eitherDayMatches ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek;
}
