import { ScheduleError } from './errors.js';
import {
  SCHEDULE_FIELDS,
  compileSchedule,
  createSchedule,
  isUnrestricted,
} from './schedule.js';
import type { Schedule, ScheduleField } from './schedule.js';

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov',
  'dec'];
const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Maximum day number of each month, counting February 29. */
const MAX_DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const ITEM_PATTERN = /^(\*|[a-z0-9]+(?:-[a-z0-9]+)?)(?:\/([0-9]+))?$/i;

/**
 * Parse a standard 5-field cron expression: minute, hour, day-of-month, month, day-of-week.
 *
 * Each field takes `*`, values, ranges (`1-5`), steps after `*` or a range (`1-5/2`) and comma
 * lists of these. Months and weekdays also take three-letter English names in any
 * case, and day-of-week 7 is Sunday. When both day fields are restricted, a day matching either
 * one fires, as in Vixie cron.
 *
 * @param input the user's text, quoted in error messages.
 * @throws ScheduleError 'unsupported_seconds' for 6 fields, 'invalid_schedule' for any other
 *   field count, 'invalid_cron_field' for a malformed or out-of-range field and 'never_fires'
 *   for day and month combinations that no calendar has, such as February 30.
 */
export function parseCronExpression(expression: string, input: string = expression): Schedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length === 6) {
    throw new ScheduleError(
      'unsupported_seconds',
      input,
      `Invalid schedule ${JSON.stringify(input)}: it has 6 fields, but a seconds field ` +
        'is not supported. Use 5 fields: minute hour day-of-month month day-of-week.',
    );
  }
  if (parts.length !== 5) {
    throw new ScheduleError(
      'invalid_schedule',
      input,
      `Invalid schedule ${JSON.stringify(input)}: a cron expression needs 5 fields ` +
        `(minute hour day-of-month month day-of-week), but it has ${parts.length}.`,
    );
  }

  const values = {} as Record<ScheduleField, number[]>;
  SCHEDULE_FIELDS.forEach((spec, index) => {
    values[spec.field] = parseField(parts[index] ?? '', spec.field, input);
  });
  const schedule = createSchedule(values);
  assertSomeDateExists(schedule, input);

  return schedule;
}

function parseField(text: string, field: ScheduleField, input: string): number[] {
  const spec = SCHEDULE_FIELDS.find((candidate) => candidate.field === field)!;
  const reject = (reason: string): ScheduleError =>
    new ScheduleError(
      'invalid_cron_field',
      input,
      `Invalid ${spec.label} field ${JSON.stringify(text)} in ${JSON.stringify(input)}: ` +
        `${reason}.`,
    );
  // Day-of-week also accepts 7, which parseValue maps to 0.
  const max = field === 'daysOfWeek' ? 7 : spec.max;
  const values: number[] = [];

  for (const item of text.split(',')) {
    const match = ITEM_PATTERN.exec(item);
    if (match === null) {
      const problem = item === '' ? 'an empty list item' : JSON.stringify(item);
      throw reject(`${problem} is not a value, range or step`);
    }

    const [, base = '', stepText] = match;
    let start = spec.min;
    let end = spec.max;
    if (base !== '*') {
      const [startText = '', endText] = base.split('-');
      start = parseValue(startText, field, reject, spec.min, max);
      end = endText === undefined ? start : parseValue(endText, field, reject, spec.min, max);
      if (end < start) {
        throw reject(`the range ${base} runs backwards`);
      }
      if (stepText !== undefined && endText === undefined) {
        throw reject(`a step needs * or a range before it, such as */${stepText}`);
      }
    }

    let step = 1;
    if (stepText !== undefined) {
      step = Number(stepText);
      if (step < 1 || step > spec.max - spec.min) {
        throw reject(`the step ${stepText} must be 1-${spec.max - spec.min}`);
      }
    }

    for (let value = start; value <= end; value += step) {
      values.push(field === 'daysOfWeek' && value === 7 ? 0 : value);
    }
  }

  return values;
}

function parseValue(
  text: string,
  field: ScheduleField,
  reject: (reason: string) => ScheduleError,
  min: number,
  max: number,
): number {
  let names: string[] = [];
  if (field === 'months') {
    names = MONTH_NAMES;
  } else if (field === 'daysOfWeek') {
    names = WEEKDAY_NAMES;
  }
  const nameIndex = names.indexOf(text.toLowerCase());
  if (nameIndex !== -1) {
    return field === 'months' ? nameIndex + 1 : nameIndex;
  }

  if (!/^[0-9]{1,2}$/.test(text)) {
    const expected =
      names.length > 0 ? `${min}-${max} or a three-letter English name` : `a number ${min}-${max}`;
    throw reject(`${JSON.stringify(text)} is not ${expected}`);
  }

  const value = Number(text);
  if (value < min || value > max) {
    throw reject(`${value} is out of range ${min}-${max}`);
  }

  return value;
}

// Only day-of-month combined with month can rule out every date, and only when day-of-week is
// unrestricted, because a restricted day-of-week fires every week under the either-matches rule.
function assertSomeDateExists(schedule: Schedule, input: string): void {
  if (!isUnrestricted(schedule, 'daysOfWeek')) {
    return;
  }

  const lastDay = Math.max(...schedule.months.map((month) => MAX_DAYS_IN_MONTH[month] ?? 0));
  if (schedule.daysOfMonth.some((day) => day <= lastDay)) {
    return;
  }

  throw new ScheduleError(
    'never_fires',
    input,
    `Invalid schedule ${JSON.stringify(input)}: no month it names has day ` +
      `${schedule.daysOfMonth.join(', ')}, so it would never fire.`,
  );
}

/**
 * Format a schedule as a 5-field cron expression with numeric values, which parseSchedule
 * turns back into an equal Schedule. Fields that cover their range print as `*`.
 */
export function toCronExpression(schedule: Schedule): string {
  compileSchedule(schedule);

  return SCHEDULE_FIELDS.map((spec) => formatField(schedule[spec.field], spec.min, spec.max))
    .join(' ');
}

function formatField(values: readonly number[], min: number, max: number): string {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const first = sorted[0] ?? min;
  const last = sorted[sorted.length - 1] ?? max;
  if (sorted.length === max - min + 1) {
    return '*';
  }

  const step = sorted.length > 2 ? (sorted[1] ?? 0) - first : 0;
  const isProgression = step > 1 && sorted.every((value, index) => value === first + index * step);
  if (isProgression && first === min && last + step > max) {
    return `*/${step}`;
  }
  if (isProgression && sorted.length > 3) {
    return `${first}-${last}/${step}`;
  }

  const items: string[] = [];
  let runStart = first;
  sorted.forEach((value, index) => {
    const next = sorted[index + 1];
    if (next === value + 1) {
      return;
    }
    if (value - runStart >= 2) {
      items.push(`${runStart}-${value}`);
    } else {
      for (let item = runStart; item <= value; item++) {
        items.push(String(item));
      }
    }
    if (next !== undefined) {
      runStart = next;
    }
  });

  return items.join(',');
}
