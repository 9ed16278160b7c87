import { describe, expect, test } from '@jest/globals';

import {
  MAX_SCHEDULE_LENGTH,
  PLAIN_SCHEDULE_EXAMPLES,
  ScheduleError,
  parseSchedule,
  toCronExpression,
} from '../../src/schedule/index.js';
import type { Schedule, ScheduleErrorCode } from '../../src/schedule/index.js';

function range(start: number, end: number, step = 1): number[] {
  const values: number[] = [];
  for (let value = start; value <= end; value += step) {
    values.push(value);
  }

  return values;
}

function catchScheduleError(text: string): ScheduleError {
  try {
    parseSchedule(text);
  } catch (error) {
    if (error instanceof ScheduleError) {
      return error;
    }
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('plain schedules', () => {
  const cases: [string, string][] = [
    ['weekdays 11:50', '50 11 * * 1-5'],
    ['daily 12:00', '0 12 * * *'],
    ['every day 9:30', '30 9 * * *'],
    ['mondays 10:00', '0 10 * * 1'],
    ['every monday 10:00', '0 10 * * 1'],
    ['mon,wed,fri 18:30', '30 18 * * 1,3,5'],
    ['weekends 11:00', '0 11 * * 0,6'],
    ['tue 9am', '0 9 * * 2'],
    ['fri 6:30pm', '30 18 * * 5'],
    ['평일 11:50', '50 11 * * 1-5'],
    ['매일 12:00', '0 12 * * *'],
    ['매주 월 10:00', '0 10 * * 1'],
    ['월,수,금 18:30', '30 18 * * 1,3,5'],
    ['주말 11:00', '0 11 * * 0,6'],
    ['WEEKDAYS 11:50', '50 11 * * 1-5'],
    ['Every Monday 10:00', '0 10 * * 1'],
    ['FRI 6:30PM', '30 18 * * 5'],
    ['  weekdays   11:50  ', '50 11 * * 1-5'],
    ['mon, wed , fri 18:30', '30 18 * * 1,3,5'],
    ['fri 6:30 pm', '30 18 * * 5'],
    ['sun 12am', '0 0 * * 0'],
    ['sun 12pm', '0 12 * * 0'],
    ['sun 12:30am', '30 0 * * 0'],
    ['sat 11:59pm', '59 23 * * 6'],
    ['daily 0:00', '0 0 * * *'],
    ['daily 23:59', '59 23 * * *'],
    ['daily 09:05', '5 9 * * *'],
    ['wednesday,friday 8:00', '0 8 * * 3,5'],
    ['mondays,thursdays 8:00', '0 8 * * 1,4'],
    ['every sat,sun 10:00', '0 10 * * 0,6'],
    ['mon,mon 10:00', '0 10 * * 1'],
    ['월요일 10:00', '0 10 * * 1'],
    ['매주 월,수 10:00', '0 10 * * 1,3'],
    ['매주 일요일 9:00', '0 9 * * 0'],
    ['평일 오후 6:30', '30 18 * * 1-5'],
    ['평일 오전 12:10', '10 0 * * 1-5'],
    ['평일 １１：５０', '50 11 * * 1-5'],
  ];

  test.each(cases)('%s parses', (text, cron) => {
    expect(toCronExpression(parseSchedule(text))).toBe(cron);
  });

  test.each(PLAIN_SCHEDULE_EXAMPLES.map((example) => [example.text, example.cron]))(
    'documented example %s parses',
    (text, cron) => {
      expect(toCronExpression(parseSchedule(text))).toBe(cron);
    },
  );

  test('plain form fills unrestricted fields', () => {
    const schedule = parseSchedule('weekdays 11:50');

    expect(schedule.minutes).toEqual([50]);
    expect(schedule.hours).toEqual([11]);
    expect(schedule.daysOfMonth).toEqual(range(1, 31));
    expect(schedule.months).toEqual(range(1, 12));
    expect(schedule.daysOfWeek).toEqual([1, 2, 3, 4, 5]);
  });

  test('English and Korean forms agree', () => {
    expect(parseSchedule('평일 11:50')).toEqual(parseSchedule('weekdays 11:50'));
    expect(parseSchedule('매주 월 10:00')).toEqual(parseSchedule('every monday 10:00'));
    expect(parseSchedule('주말 11:00')).toEqual(parseSchedule('weekends 11:00'));
  });
});

describe('cron expressions', () => {
  const cases: [string, Partial<Record<keyof Schedule, number[]>>][] = [
    ['* * * * *', { minutes: range(0, 59), daysOfWeek: range(0, 6) }],
    ['*/15 * * * *', { minutes: [0, 15, 30, 45] }],
    ['0 */6 * * *', { hours: [0, 6, 12, 18] }],
    ['0 9-17/4 * * *', { hours: [9, 13, 17] }],
    ['0 9 1-5/2 * *', { daysOfMonth: [1, 3, 5] }],
    ['0,30 9,18 * * *', { minutes: [0, 30], hours: [9, 18] }],
    ['0 9 1-3,10,20-21 * *', { daysOfMonth: [1, 2, 3, 10, 20, 21] }],
    ['0 9 * jan,JUL *', { months: [1, 7] }],
    ['0 9 * Mar-May *', { months: [3, 4, 5] }],
    ['0 9 * * MON-FRI', { daysOfWeek: [1, 2, 3, 4, 5] }],
    ['0 9 * * mon,Wed,FRI', { daysOfWeek: [1, 3, 5] }],
    ['0 9 * * 7', { daysOfWeek: [0] }],
    ['0 9 * * 5-7', { daysOfWeek: [0, 5, 6] }],
    ['0 9 * * 0-7', { daysOfWeek: range(0, 6) }],
    ['0 9 * * SUN', { daysOfWeek: [0] }],
    ['0 9 * * */2', { daysOfWeek: [0, 2, 4, 6] }],
    ['00 09 * * *', { minutes: [0], hours: [9] }],
    ['  5   4  *  *  * ', { minutes: [5], hours: [4] }],
    ['0 9 29 2 *', { daysOfMonth: [29], months: [2] }],
    ['0 0 31 2 1', { daysOfMonth: [31], months: [2], daysOfWeek: [1] }],
    ['59 23 31 12 6', { minutes: [59], hours: [23], daysOfMonth: [31], months: [12] }],
  ];

  test.each(cases)('%s parses', (text, expected) => {
    const schedule = parseSchedule(text);
    for (const [field, values] of Object.entries(expected)) {
      expect({ field, values: schedule[field as keyof Schedule] }).toEqual({ field, values });
    }
  });

  test('full range equals star', () => {
    expect(parseSchedule('0-59 0-23 1-31 1-12 0-6')).toEqual(parseSchedule('* * * * *'));
    expect(parseSchedule('0 9 1-31 * 1-5')).toEqual(parseSchedule('0 9 * * 1-5'));
  });
});

describe('rejections', () => {
  const cases: [string, ScheduleErrorCode][] = [
    ['', 'invalid_schedule'],
    ['   ', 'invalid_schedule'],
    ['hello', 'invalid_schedule'],
    ['weekdays', 'invalid_schedule'],
    ['lunch time please', 'invalid_schedule'],
    ['0 9 * *', 'invalid_schedule'],
    ['0 0 9 * * 1 2027', 'invalid_schedule'],
    ['* * * * * *', 'unsupported_seconds'],
    ['0 0 9 * * 1', 'unsupported_seconds'],
    ['60 * * * *', 'invalid_cron_field'],
    ['* 24 * * *', 'invalid_cron_field'],
    ['* * 0 * *', 'invalid_cron_field'],
    ['* * 32 * *', 'invalid_cron_field'],
    ['* * * 0 *', 'invalid_cron_field'],
    ['* * * 13 *', 'invalid_cron_field'],
    ['* * * * 8', 'invalid_cron_field'],
    ['*/0 * * * *', 'invalid_cron_field'],
    ['*/60 * * * *', 'invalid_cron_field'],
    ['5/15 * * * *', 'invalid_cron_field'],
    ['5-1 * * * *', 'invalid_cron_field'],
    ['1,,2 * * * *', 'invalid_cron_field'],
    ['1, * * * *', 'invalid_cron_field'],
    ['-1 * * * *', 'invalid_cron_field'],
    ['1.5 * * * *', 'invalid_cron_field'],
    ['007 * * * *', 'invalid_cron_field'],
    ['0 9 ? * *', 'invalid_cron_field'],
    ['0 9 L * *', 'invalid_cron_field'],
    ['0 9 * * 1#2', 'invalid_cron_field'],
    ['0 9 * * MONDAY', 'invalid_cron_field'],
    ['0 9 * FOO *', 'invalid_cron_field'],
    ['0 9 MON * *', 'invalid_cron_field'],
    ['0 9 * * JAN', 'invalid_cron_field'],
    ['0 0 30 2 *', 'never_fires'],
    ['0 0 31 4,6,9,11 *', 'never_fires'],
    ['weekdays 25:00', 'invalid_time'],
    ['weekdays 24:00', 'invalid_time'],
    ['weekdays 11:60', 'invalid_time'],
    ['weekdays 11:5', 'invalid_time'],
    ['weekdays 115', 'invalid_time'],
    ['weekdays noon', 'invalid_time'],
    ['tue 13pm', 'invalid_time'],
    ['tue 0am', 'invalid_time'],
    ['tue 18:30pm', 'invalid_time'],
    ['평일 오후 13:00', 'invalid_time'],
    ['funday 10:00', 'invalid_days'],
    ['11:50', 'invalid_days'],
    ['every mondays 10:00', 'invalid_days'],
    ['mons 10:00', 'invalid_days'],
    ['mon;wed 10:00', 'invalid_days'],
    ['mon wed 10:00', 'invalid_days'],
    ['everyday 10:00', 'invalid_days'],
    ['constructor 10:00', 'invalid_days'],
    ['매주 10:00', 'invalid_days'],
    ['매주 mon 10:00', 'invalid_days'],
    ['every 월 10:00', 'invalid_days'],
    ['오후 6:30', 'invalid_days'],
  ];

  test.each(cases)('%j rejected', (text, code) => {
    const error = catchScheduleError(text);

    expect(error.code).toBe(code);
    expect(error.input).toBe(text);
  });

  test('text over maximum length', () => {
    const text = `weekdays 11:50${' '.repeat(MAX_SCHEDULE_LENGTH)}`;
    const error = catchScheduleError(text);

    expect(error.code).toBe('invalid_schedule');
    expect(error.message).toContain(String(MAX_SCHEDULE_LENGTH));
  });

  test('non-string input', () => {
    expect(() => parseSchedule(undefined as unknown as string)).toThrow(ScheduleError);
  });

  test('message names value and field', () => {
    const error = catchScheduleError('0 9 32 * *');

    expect(error.message).toContain('"0 9 32 * *"');
    expect(error.message).toContain('day-of-month');
    expect(error.message).toContain('1-31');
    expect(error.name).toBe('ScheduleError');
    expect(error).toBeInstanceOf(Error);
  });

  test('message names invalid time', () => {
    const error = catchScheduleError('weekdays 25:00');

    expect(error.message).toContain('"25:00"');
    expect(error.message).toContain('"weekdays 25:00"');
  });

  test('message examples all parse', () => {
    const messages = cases.map(([text]) => catchScheduleError(text).message);
    for (const message of messages) {
      const examples = [...message.matchAll(/Examples: (.*)$/g)].flatMap((match) =>
        [...(match[1] ?? '').matchAll(/"([^"]+)"/g)].map((quoted) => quoted[1] ?? ''),
      );

      expect(examples).toHaveLength(3);
      for (const example of examples) {
        expect(() => parseSchedule(example)).not.toThrow();
      }
    }
  });
});
