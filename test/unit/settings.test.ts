import { describe, expect, test } from '@jest/globals';

import {
  describeSettingError,
  longestRoundMs,
  type SettingError,
  validateSettings,
} from '../../src/rounds/settings.js';
import { roundMessagesFor } from '../../src/text/round-messages.js';

const now = new Date('2026-12-07T00:00:00Z');

function errorsFor(input: Record<string, string>) {
  const result = validateSettings(input, { timeZone: 'UTC' }, now);

  return 'errors' in result ? result.errors : [];
}

describe('validateSettings', () => {
  test.each(['3.0', '0x3', '3e0', ' ', '-2', '1', '9'])('size %j rejected', (size) => {
    expect(errorsFor({ close: 'daily 12:00', size }).map((e) => e.field)).toEqual(['size']);
  });

  test('size 2 to 8 accepted', () => {
    for (const size of ['2', '5', '8']) {
      expect(errorsFor({ close: 'daily 12:00', size })).toEqual([]);
    }
  });

  test('reminder longer than the round rejected', () => {
    const errors = errorsFor({ close: 'daily 12:00', open: 'daily 11:00', reminders: '120' });

    expect(errors).toHaveLength(1);
    expect(errors[0]?.field).toBe('reminders');
    expect(errors[0]?.fix).toEqual({ kind: 'reminder_too_early', roundMinutes: 60, minutes: [120] });
    expect(describeSettingError(roundMessagesFor('en'), errors[0] as SettingError)).toMatch(
      /Invalid reminders "120": rounds are open for at most 60 min, so a reminder 120 min/,
    );
    expect(describeSettingError(roundMessagesFor('ko'), errors[0] as SettingError)).toMatch(
      /reminders 값 "120"이\(가\) 올바르지 않아요: 라운드는 길어야 60분/,
    );
  });

  test('reminder at the opening accepted', () => {
    expect(errorsFor({ close: 'daily 12:00', open: 'daily 11:00', reminders: '60' })).toEqual([]);
  });

  test('reminder within a continuous daily round accepted', () => {
    expect(errorsFor({ close: 'daily 12:00', reminders: '120, 30' })).toEqual([]);
  });

  test('weekly round takes the longest gap', () => {
    // Closes Monday and Thursday: rounds last 4 days and 3 days, so 3.5 days fits.
    expect(errorsFor({ close: 'mon,thu 10:00', reminders: String(84 * 60) })).toEqual([]);
    expect(errorsFor({ close: 'mon,thu 10:00', reminders: String(100 * 60) })).toHaveLength(1);
  });
});

describe('longestRoundMs', () => {
  test('open to close', () => {
    expect(longestRoundMs('0 11 * * *', '0 12 * * *', 'UTC', now)).toBe(60 * 60_000);
  });

  test('close to close without an open', () => {
    expect(longestRoundMs(null, '0 12 * * *', 'UTC', now)).toBe(24 * 60 * 60_000);
  });
});
