import { ScheduleError } from './errors.js';
import { createSchedule, fullRange } from './schedule.js';
import type { Schedule } from './schedule.js';

/** A plain schedule text with the cron expression that toCronExpression gives for it. */
export interface PlainScheduleExample {
  readonly text: string;
  readonly cron: string;
}

/**
 * Every shape of plain schedule that parsePlainSchedule accepts, with the cron expression it
 * becomes. The grammar, after trimming, lower-casing and joining runs of spaces:
 *
 *   schedule = days " " time
 *   days     = "daily" | "every day" | "weekdays" | "every weekday" | "weekends"
 *            | "every weekend" | "every " day-list | day-list
 *            | "매일" | "평일" | "주말" | "매주 " ko-day-list | ko-day-list
 *   day-list = day ("," day)*   where day is a weekday name ("monday", "mon") and, without
 *              "every", a plural full name ("mondays")
 *   ko-day-list = ko-day ("," ko-day)*   where ko-day is 월 화 수 목 금 토 일, or the same with 요일
 *   time     = H:MM (0:00-23:59) | H[:MM]am | H[:MM]pm (H 1-12, space before am/pm allowed)
 *            | 오전 H:MM | 오후 H:MM (H 1-12)
 *
 * Spaces after commas are allowed. Text is NFKC-normalized first, so full-width digits and
 * colons typed with a Korean keyboard parse too. Anything else is rejected.
 */
export const PLAIN_SCHEDULE_EXAMPLES: readonly PlainScheduleExample[] = [
  { text: 'daily 12:00', cron: '0 12 * * *' },
  { text: 'every day 9:30', cron: '30 9 * * *' },
  { text: 'weekdays 11:50', cron: '50 11 * * 1-5' },
  { text: 'every weekday 8:05', cron: '5 8 * * 1-5' },
  { text: 'weekends 11:00', cron: '0 11 * * 0,6' },
  { text: 'every weekend 10:00', cron: '0 10 * * 0,6' },
  { text: 'mondays 10:00', cron: '0 10 * * 1' },
  { text: 'every monday 10:00', cron: '0 10 * * 1' },
  { text: 'mon,wed,fri 18:30', cron: '30 18 * * 1,3,5' },
  { text: 'every tue, thu 7:00', cron: '0 7 * * 2,4' },
  { text: 'tue 9am', cron: '0 9 * * 2' },
  { text: 'fri 6:30pm', cron: '30 18 * * 5' },
  { text: 'sunday 12am', cron: '0 0 * * 0' },
  { text: 'saturdays 12:15 pm', cron: '15 12 * * 6' },
  { text: '매일 12:00', cron: '0 12 * * *' },
  { text: '평일 11:50', cron: '50 11 * * 1-5' },
  { text: '주말 11:00', cron: '0 11 * * 0,6' },
  { text: '매주 월 10:00', cron: '0 10 * * 1' },
  { text: '매주 금요일 17:00', cron: '0 17 * * 5' },
  { text: '월,수,금 18:30', cron: '30 18 * * 1,3,5' },
  { text: '화요일 오후 6:30', cron: '30 18 * * 2' },
  { text: '평일 오전 9:00', cron: '0 9 * * 1-5' },
];

const EVERY_DAY = fullRange('daysOfWeek');
const WEEKDAYS = [1, 2, 3, 4, 5];
const WEEKENDS = [0, 6];

const DAY_WORDS = new Map<string, readonly number[]>([
  ['daily', EVERY_DAY],
  ['every day', EVERY_DAY],
  ['weekdays', WEEKDAYS],
  ['every weekday', WEEKDAYS],
  ['weekends', WEEKENDS],
  ['every weekend', WEEKENDS],
  ['매일', EVERY_DAY],
  ['평일', WEEKDAYS],
  ['주말', WEEKENDS],
]);

const ENGLISH_WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday',
  'saturday'];
const KOREAN_WEEKDAYS = ['일', '월', '화', '수', '목', '금', '토'];

const TIME_24_HOUR = /^(\d{1,2}):(\d{2})$/;
const TIME_12_HOUR = /^(\d{1,2})(?::(\d{2}))?(am|pm)$/;
const TIME_KOREAN = /^(오전|오후) (\d{1,2}):(\d{2})$/;

/**
 * Parse a plain schedule such as "weekdays 11:50" or "매주 월 10:00", using the grammar
 * documented on PLAIN_SCHEDULE_EXAMPLES.
 *
 * @param input the user's text, quoted in error messages.
 * @throws ScheduleError 'invalid_time' when only the time is wrong, 'invalid_days' when only
 *   the days are wrong, and 'invalid_schedule' otherwise.
 */
export function parsePlainSchedule(text: string, input: string = text): Schedule {
  const normalized = text
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/ ?, ?/g, ',')
    .replace(/(\d) (am|pm)$/, '$1$2');
  const tokens = normalized.split(' ');
  const timeTokenCount = tokens.length >= 3 && /^(오전|오후)$/.test(tokens.at(-2) ?? '') ? 2 : 1;
  const timeText = tokens.slice(-timeTokenCount).join(' ');
  const daysText = tokens.slice(0, -timeTokenCount).join(' ');

  const time = parseTime(timeText);
  const daysOfWeek = parseDays(daysText);
  const quoted = JSON.stringify(input);
  if (time === undefined && daysOfWeek === undefined) {
    throw new ScheduleError(
      'invalid_schedule',
      input,
      `Invalid schedule ${quoted}: expected days and a time, or a 5-field cron expression.`,
    );
  }
  if (time === undefined) {
    throw new ScheduleError(
      'invalid_time',
      input,
      `Invalid time ${JSON.stringify(timeText)} in ${quoted}: expected 24-hour H:MM ` +
        '(such as 18:30) or a 12-hour time with am or pm (such as 6:30pm).',
    );
  }
  if (daysOfWeek === undefined) {
    const problem =
      daysText === ''
        ? `Missing days in ${quoted}`
        : `Invalid days ${JSON.stringify(daysText)} in ${quoted}`;
    throw new ScheduleError(
      'invalid_days',
      input,
      `${problem}: expected daily, weekdays, weekends or weekday names such as "mon,wed,fri" ` +
        'before the time.',
    );
  }

  return createSchedule({
    minutes: [time.minute],
    hours: [time.hour],
    daysOfMonth: fullRange('daysOfMonth'),
    months: fullRange('months'),
    daysOfWeek,
  });
}

function parseTime(text: string): { hour: number; minute: number } | undefined {
  const match24 = TIME_24_HOUR.exec(text);
  if (match24 !== null) {
    return checkedTime(Number(match24[1]), Number(match24[2]));
  }

  const match12 = TIME_12_HOUR.exec(text);
  if (match12 !== null) {
    return fromTwelveHour(Number(match12[1]), Number(match12[2] ?? 0), match12[3] === 'pm');
  }

  const matchKorean = TIME_KOREAN.exec(text);
  if (matchKorean !== null) {
    return fromTwelveHour(Number(matchKorean[2]), Number(matchKorean[3]), matchKorean[1] === '오후');
  }

  return undefined;
}

function fromTwelveHour(
  hour: number,
  minute: number,
  afternoon: boolean,
): { hour: number; minute: number } | undefined {
  if (hour < 1 || hour > 12) {
    return undefined;
  }

  // 12am is midnight and 12pm is noon.
  const hour24 = (hour % 12) + (afternoon ? 12 : 0);

  return checkedTime(hour24, minute);
}

function checkedTime(hour: number, minute: number): { hour: number; minute: number } | undefined {
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}

function parseDays(text: string): readonly number[] | undefined {
  const named = DAY_WORDS.get(text);
  if (named !== undefined) {
    return named;
  }

  if (text.startsWith('every ')) {
    return parseDayList(text.slice('every '.length), parseEnglishDay);
  }
  if (text.startsWith('매주 ')) {
    return parseDayList(text.slice('매주 '.length), parseKoreanDay);
  }

  return (
    parseDayList(text, (word) => parseEnglishDay(word) ?? parseEnglishPlural(word)) ??
    parseDayList(text, parseKoreanDay)
  );
}

function parseDayList(
  text: string,
  parseDay: (word: string) => number | undefined,
): number[] | undefined {
  const days: number[] = [];
  for (const word of text.split(',')) {
    const day = parseDay(word);
    if (day === undefined) {
      return undefined;
    }
    days.push(day);
  }

  return days;
}

function parseEnglishDay(word: string): number | undefined {
  const index = ENGLISH_WEEKDAYS.findIndex((name) => word === name || word === name.slice(0, 3));

  return index === -1 ? undefined : index;
}

function parseEnglishPlural(word: string): number | undefined {
  const index = ENGLISH_WEEKDAYS.findIndex((name) => word === `${name}s`);

  return index === -1 ? undefined : index;
}

function parseKoreanDay(word: string): number | undefined {
  const short = word.endsWith('요일') ? word.slice(0, -'요일'.length) : word;
  const index = KOREAN_WEEKDAYS.indexOf(short);

  return index === -1 ? undefined : index;
}
