import { describe, expect, test } from '@jest/globals';

import {
  TimeZoneError,
  assertTimeZone,
  canonicalTimeZone,
  isValidTimeZone,
  nextSlot,
  parseSchedule,
} from '../../src/schedule/index.js';

describe('isValidTimeZone', () => {
  test.each([
    'Asia/Seoul',
    'America/New_York',
    'Europe/London',
    'Australia/Sydney',
    'America/Los_Angeles',
    'UTC',
    'Etc/GMT-9',
    'asia/seoul',
  ])('%s accepted', (name) => {
    expect(isValidTimeZone(name)).toBe(true);
  });

  test.each(['KST', '', 'Mars/Base', '+09:00', 'UTC+9', 'Z', ' Asia/Seoul', 'Asia/Seoul '])(
    '%j rejected',
    (name) => {
      expect(isValidTimeZone(name)).toBe(false);
    },
  );

  test('non-string rejected', () => {
    expect(isValidTimeZone(undefined as unknown as string)).toBe(false);
    expect(isValidTimeZone(9 as unknown as string)).toBe(false);
  });
});

describe('TimeZoneError', () => {
  test('assertTimeZone names value', () => {
    let caught: unknown;
    try {
      assertTimeZone('KST');
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(TimeZoneError);
    const error = caught as TimeZoneError;
    expect(error.timeZone).toBe('KST');
    expect(error.code).toBe('invalid_time_zone');
    expect(error.message).toContain('"KST"');
    expect(error.message).toContain('Asia/Seoul');
  });

  test('slot functions reject invalid zone', () => {
    const schedule = parseSchedule('weekdays 11:50');

    expect(() => nextSlot(schedule, 'Mars/Base', new Date())).toThrow(TimeZoneError);
    expect(() => nextSlot(schedule, '', new Date())).toThrow(TimeZoneError);
  });
});

describe('canonicalTimeZone', () => {
  test('fixes case', () => {
    expect(canonicalTimeZone('asia/seoul')).toBe('Asia/Seoul');
    expect(canonicalTimeZone('america/new_york')).toBe('America/New_York');
  });

  test('rejects invalid name', () => {
    expect(() => canonicalTimeZone('KST')).toThrow(TimeZoneError);
  });
});
