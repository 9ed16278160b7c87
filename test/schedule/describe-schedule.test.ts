import { describe, expect, test } from '@jest/globals';

import { describeSchedule, parseSchedule } from '../../src/schedule/index.js';

describe('describeSchedule', () => {
  const cases: [string, string, string][] = [
    ['weekdays 11:50', 'weekdays at 11:50', '평일 11:50'],
    ['daily 12:00', 'every day at 12:00', '매일 12:00'],
    ['주말 11:00', 'weekends at 11:00', '주말 11:00'],
    ['every monday 10:00', 'Mondays at 10:00', '매주 월 10:00'],
    ['mon,wed,fri 18:30', 'Mondays, Wednesdays and Fridays at 18:30', '매주 월, 수, 금 18:30'],
    ['sun,mon 9am', 'Mondays and Sundays at 09:00', '매주 월, 일 09:00'],
    ['0 9,18 * * 1-5', 'weekdays at 09:00 and 18:00', '평일 09:00, 18:00'],
    ['0 9 1 * *', 'on day 1 of each month at 09:00', '매월 1일 09:00'],
    ['0 9 1,15 * *', 'on days 1 and 15 of each month at 09:00', '매월 1, 15일 09:00'],
    ['0 9 29 2 *', 'every Feb 29 at 09:00', '매년 2월 29일 09:00'],
    ['*/15 * * * *', 'cron "*/15 * * * *"', 'cron */15 * * * *'],
    ['0 9 13 * 5', 'cron "0 9 13 * 5"', 'cron 0 9 13 * 5'],
    ['0 9 * 1-6 *', 'cron "0 9 * 1-6 *"', 'cron 0 9 * 1-6 *'],
  ];

  test.each(cases)('%s described', (text, english, korean) => {
    const schedule = parseSchedule(text);

    expect(describeSchedule(schedule, 'en')).toBe(english);
    expect(describeSchedule(schedule, 'ko')).toBe(korean);
  });
});
