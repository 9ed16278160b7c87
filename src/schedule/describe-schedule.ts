import { toCronExpression } from './cron-expression.js';
import { compileSchedule, isUnrestricted } from './schedule.js';
import type { Schedule } from './schedule.js';

export type DescriptionLocale = 'en' | 'ko';

const ENGLISH_PLURAL_DAYS = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays',
  'Fridays', 'Saturdays'];
const KOREAN_DAYS = ['일', '월', '화', '수', '목', '금', '토'];
const ENGLISH_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct',
  'Nov', 'Dec'];

/** Maximum number of times of day, and of days of month, listed in words instead of cron. */
const MAX_LISTED = 4;

/**
 * Describe a schedule in a short phrase for replies, such as "weekdays at 11:50" or
 * "평일 11:50". Weekly schedules, days of the month and single yearly dates get words. Other
 * shapes, and those with more than four times a day, fall back to the cron expression.
 * The time zone is not included.
 */
export function describeSchedule(schedule: Schedule, locale: DescriptionLocale): string {
  const times = compileSchedule(schedule).minutesOfDay.map(formatMinuteOfDay);
  const days = describeDays(schedule, locale);
  const cron = toCronExpression(schedule);
  if (days === undefined || times.length > MAX_LISTED) {
    return locale === 'ko' ? `cron ${cron}` : `cron "${cron}"`;
  }

  return locale === 'ko' ? `${days} ${times.join(', ')}` : `${days} at ${joinEnglish(times)}`;
}

function describeDays(schedule: Schedule, locale: DescriptionLocale): string | undefined {
  const anyMonth = isUnrestricted(schedule, 'months');
  const anyDayOfMonth = isUnrestricted(schedule, 'daysOfMonth');
  const anyWeekday = isUnrestricted(schedule, 'daysOfWeek');

  if (anyMonth && anyDayOfMonth) {
    return describeWeekdays(schedule.daysOfWeek, locale);
  }
  if (!anyWeekday || anyDayOfMonth || schedule.daysOfMonth.length > MAX_LISTED) {
    return undefined;
  }

  const daysOfMonth = schedule.daysOfMonth;
  if (anyMonth) {
    if (locale === 'ko') {
      return `매월 ${daysOfMonth.join(', ')}일`;
    }
    const noun = daysOfMonth.length === 1 ? 'day' : 'days';

    return `on ${noun} ${joinEnglish(daysOfMonth.map(String))} of each month`;
  }

  const [month] = schedule.months;
  const [day] = daysOfMonth;
  if (schedule.months.length !== 1 || daysOfMonth.length !== 1 || month === undefined) {
    return undefined;
  }

  return locale === 'ko'
    ? `매년 ${month}월 ${day}일`
    : `every ${ENGLISH_MONTHS[month - 1]} ${day}`;
}

function describeWeekdays(daysOfWeek: readonly number[], locale: DescriptionLocale): string {
  const key = daysOfWeek.join(',');
  if (key === '0,1,2,3,4,5,6') {
    return locale === 'ko' ? '매일' : 'every day';
  }
  if (key === '1,2,3,4,5') {
    return locale === 'ko' ? '평일' : 'weekdays';
  }
  if (key === '0,6') {
    return locale === 'ko' ? '주말' : 'weekends';
  }

  // Weeks read Monday first in both languages, so Sunday goes last.
  const mondayFirst = [...daysOfWeek].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
  if (locale === 'ko') {
    return `매주 ${mondayFirst.map((day) => KOREAN_DAYS[day]).join(', ')}`;
  }

  return joinEnglish(mondayFirst.map((day) => ENGLISH_PLURAL_DAYS[day] ?? String(day)));
}

function formatMinuteOfDay(minuteOfDay: number): string {
  const hours = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
  const minutes = String(minuteOfDay % 60).padStart(2, '0');

  return `${hours}:${minutes}`;
}

function joinEnglish(items: readonly string[]): string {
  if (items.length <= 1) {
    return items.join('');
  }

  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
