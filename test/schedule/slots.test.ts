import { describe, expect, test } from '@jest/globals';

import {
  createSchedule,
  nextSlot,
  parseSchedule,
  previousSlot,
  slotsBetween,
} from '../../src/schedule/index.js';
import type { Schedule, Slot } from '../../src/schedule/index.js';

const ZONES = ['Asia/Seoul', 'America/New_York', 'Europe/London', 'Australia/Sydney'];
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

// The daylight-saving transitions of 2026 and 2027, as UTC instants.
const TRANSITIONS: Record<string, string[]> = {
  'America/New_York': [
    '2026-03-08T07:00:00Z',
    '2026-11-01T06:00:00Z',
    '2027-03-14T07:00:00Z',
    '2027-11-07T06:00:00Z',
  ],
  'Europe/London': [
    '2026-03-29T01:00:00Z',
    '2026-10-25T01:00:00Z',
    '2027-03-28T01:00:00Z',
    '2027-10-31T01:00:00Z',
  ],
  'Australia/Sydney': [
    '2026-04-04T16:00:00Z',
    '2026-10-03T16:00:00Z',
    '2027-04-03T16:00:00Z',
    '2027-10-02T16:00:00Z',
  ],
};

const wallFormatters = new Map<string, Intl.DateTimeFormat>();

/** Local wall time of an instant as `YYYY-MM-DDTHH:mm`, read through a Swedish-locale Intl. */
function wallKey(timeZone: string, epochMs: number): string {
  let formatter = wallFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    wallFormatters.set(timeZone, formatter);
  }

  return formatter.format(epochMs).replace(' ', 'T');
}

function keyMatches(schedule: Schedule, key: string): boolean {
  const [year, month, day, hour, minute] = key.split(/[-T:]/).map(Number) as number[];
  const weekday = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day)).getUTCDay();
  const dayOfMonthMatches = schedule.daysOfMonth.includes(day ?? 0);
  const dayOfWeekMatches = schedule.daysOfWeek.includes(weekday);
  const bothRestricted = schedule.daysOfMonth.length < 31 && schedule.daysOfWeek.length < 7;
  const dayMatches = bothRestricted
    ? dayOfMonthMatches || dayOfWeekMatches
    : dayOfMonthMatches && dayOfWeekMatches;

  return (
    dayMatches &&
    schedule.months.includes(month ?? 0) &&
    schedule.hours.includes(hour ?? 0) &&
    schedule.minutes.includes(minute ?? 0)
  );
}

/**
 * Slots found by reading the wall clock at every minute from startMs to endMs: a key fires at
 * the first minute showing it, and a key the clock skips fires at the minute after the jump.
 */
function bruteForceSlots(
  schedule: Schedule,
  timeZone: string,
  startMs: number,
  endMs: number,
): { at: string; key: string }[] {
  const slots: { at: string; key: string }[] = [];
  const seen = new Set<string>();
  let previousWall: number | undefined;

  for (let at = startMs; at <= endMs; at += MINUTE_MS) {
    const key = wallKey(timeZone, at);
    const wallMs = Date.parse(`${key}Z`);
    const skipped: string[] = [];
    if (previousWall !== undefined) {
      for (let wall = previousWall + MINUTE_MS; wall < wallMs; wall += MINUTE_MS) {
        skipped.push(new Date(wall).toISOString().slice(0, 16));
      }
    }
    previousWall = wallMs;

    for (const candidate of [...skipped, key]) {
      if (!seen.has(candidate) && keyMatches(schedule, candidate)) {
        seen.add(candidate);
        slots.push({ at: new Date(at).toISOString(), key: candidate });
      }
    }
  }

  return slots;
}

function plain(slots: readonly Slot[]): { at: string; key: string }[] {
  return slots.map((slot) => ({ at: slot.at.toISOString(), key: slot.key }));
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function slotsOnLocalDay(schedule: Schedule, timeZone: string, date: string): Slot[] {
  const noon = Date.parse(`${date}T12:00:00Z`);
  const all = slotsBetween(schedule, timeZone, new Date(noon - 2 * DAY_MS),
    new Date(noon + 2 * DAY_MS), 10_000);

  return all.filter((slot) => slot.key.startsWith(date));
}

describe('daily schedule', () => {
  test.each(ZONES)('one slot per local day in %s', (timeZone) => {
    const schedule = parseSchedule('daily 11:50');
    const slots = slotsBetween(
      schedule,
      timeZone,
      new Date('2025-12-31T00:00:00Z'),
      new Date('2027-12-31T00:00:00Z'),
      1000,
    );
    const first = slots[0]?.key.slice(0, 10) ?? '';

    expect(first).toBe('2025-12-31');
    expect(slots.length).toBeGreaterThanOrEqual(729);
    slots.forEach((slot, index) => {
      expect(slot.key).toBe(`${addDays(first, index)}T11:50`);
      expect(wallKey(timeZone, slot.at.getTime())).toBe(slot.key);
    });
  });

  test('Seoul offset is constant', () => {
    const slots = slotsBetween(parseSchedule('평일 11:50'), 'Asia/Seoul',
      new Date('2026-01-01T00:00:00Z'), new Date('2028-01-01T00:00:00Z'), 1000);

    // 2026 and 2027 both start on a weekday and have 261 weekdays each.
    expect(slots.length).toBe(522);
    for (const slot of slots) {
      expect(slot.at.getTime()).toBe(Date.parse(`${slot.key}Z`) - 9 * HOUR_MS);
    }
  });
});

describe('daylight saving in New York', () => {
  const timeZone = 'America/New_York';

  test('02:30 in spring gap', () => {
    const slots = slotsOnLocalDay(parseSchedule('daily 2:30'), timeZone, '2026-03-08');

    expect(plain(slots)).toEqual([{ at: '2026-03-08T07:00:00.000Z', key: '2026-03-08T02:30' }]);
    expect(wallKey(timeZone, slots[0]?.at.getTime() ?? 0)).toBe('2026-03-08T03:00');
  });

  test('02:30 in 2027 spring gap', () => {
    const slots = slotsOnLocalDay(parseSchedule('daily 2:30'), timeZone, '2027-03-14');

    expect(plain(slots)).toEqual([{ at: '2027-03-14T07:00:00.000Z', key: '2027-03-14T02:30' }]);
  });

  test('01:30 at fall-back fires first', () => {
    const slots = slotsOnLocalDay(parseSchedule('daily 1:30'), timeZone, '2026-11-01');

    expect(plain(slots)).toEqual([{ at: '2026-11-01T05:30:00.000Z', key: '2026-11-01T01:30' }]);
  });

  test('02:30 at fall-back fires once', () => {
    const slots = slotsOnLocalDay(parseSchedule('daily 2:30'), timeZone, '2026-11-01');

    expect(plain(slots)).toEqual([{ at: '2026-11-01T07:30:00.000Z', key: '2026-11-01T02:30' }]);
  });

  test('gap keys share instant', () => {
    const slots = slotsOnLocalDay(parseSchedule('0,30 2,3 * * *'), timeZone, '2026-03-08');

    expect(plain(slots)).toEqual([
      { at: '2026-03-08T07:00:00.000Z', key: '2026-03-08T02:00' },
      { at: '2026-03-08T07:00:00.000Z', key: '2026-03-08T02:30' },
      { at: '2026-03-08T07:00:00.000Z', key: '2026-03-08T03:00' },
      { at: '2026-03-08T07:30:00.000Z', key: '2026-03-08T03:30' },
    ]);
  });

  test('nextSlot from inside second 01:30', () => {
    // 06:45Z is 01:45 EST, after both 01:30s of 2026-11-01 have passed.
    const slot = nextSlot(parseSchedule('daily 1:30'), timeZone, new Date('2026-11-01T06:45:00Z'));

    expect(slot?.key).toBe('2026-11-02T01:30');
  });
});

describe('hourly schedules across transitions', () => {
  const cases: [string, string, string, number, number][] = [
    ['America/New_York', '0 * * * *', '2026-11-01', 24, 24],
    ['America/New_York', '0 * * * *', '2026-03-08', 24, 23],
    ['America/New_York', '*/30 * * * *', '2026-11-01', 48, 48],
    ['America/New_York', '*/30 * * * *', '2026-03-08', 48, 46],
    ['Europe/London', '0 * * * *', '2026-10-25', 24, 24],
    ['Europe/London', '0 * * * *', '2027-03-28', 24, 23],
    ['Australia/Sydney', '0 * * * *', '2026-04-05', 24, 24],
    ['Australia/Sydney', '0 * * * *', '2026-10-04', 24, 23],
    ['Asia/Seoul', '0 * * * *', '2026-11-01', 24, 24],
  ];

  test.each(cases)('%s %s on %s', (timeZone, text, date, keyCount, instantCount) => {
    const slots = slotsOnLocalDay(parseSchedule(text), timeZone, date);

    expect(new Set(slots.map((slot) => slot.key)).size).toBe(keyCount);
    expect(slots.length).toBe(keyCount);
    expect(new Set(slots.map((slot) => slot.at.getTime())).size).toBe(instantCount);
  });
});

/** Offset changes in a year, found by comparing wall clocks an hour apart. */
function findTransitions(timeZone: string, year: number): string[] {
  const found: string[] = [];
  const offsetAt = (at: number): number => Date.parse(`${wallKey(timeZone, at)}Z`) - at;
  let previous = offsetAt(Date.UTC(year, 0, 1));
  for (let at = Date.UTC(year, 0, 1) + HOUR_MS; at < Date.UTC(year + 1, 0, 1); at += HOUR_MS) {
    const offset = offsetAt(at);
    if (offset !== previous) {
      found.push(new Date(at).toISOString());
    }
    previous = offset;
  }

  return found;
}

describe('brute-force comparison', () => {
  const schedules = ['*/15 * * * *', '30 2 * * *', '30 1 * * *', '0 0-4 * * *', '59 1 * * *',
    '0 3 * * *', '0,45 2 * * 0', '30 23 * * *', '15 0 * * *'];
  // Santiago changes at local midnight, and Lord Howe moves its clocks by 30 minutes.
  const transitions = {
    ...TRANSITIONS,
    'America/Santiago': findTransitions('America/Santiago', 2026),
    'Australia/Lord_Howe': findTransitions('Australia/Lord_Howe', 2026),
  };
  const cases = Object.entries(transitions).flatMap(([timeZone, instants]) =>
    instants.flatMap((instant) => schedules.map((text) => [timeZone, instant, text] as const)),
  );

  test('transitions found', () => {
    expect(transitions['America/Santiago']).toHaveLength(2);
    expect(transitions['Australia/Lord_Howe']).toHaveLength(2);
  });

  test.each(cases)('%s around %s for %s', (timeZone, instant, text) => {
    const schedule = parseSchedule(text);
    const startMs = Date.parse(instant) - 30 * HOUR_MS;
    const endMs = Date.parse(instant) + 30 * HOUR_MS;
    const expected = bruteForceSlots(schedule, timeZone, startMs, endMs);
    const actual = slotsBetween(schedule, timeZone, new Date(startMs - 1), new Date(endMs), 10_000);

    expect(expected.length).toBeGreaterThan(0);
    expect(plain(actual)).toEqual(expected);
    // previousSlot at each instant returns the latest key that fires then.
    expected.forEach((slot, index) => {
      if (expected[index + 1]?.at === slot.at) {
        return;
      }
      const previous = previousSlot(schedule, timeZone, new Date(slot.at));

      expect(previous?.key).toBe(slot.key);
      expect(previous?.at.toISOString()).toBe(slot.at);
    });
  });
});

describe('weekly and monthly', () => {
  test('weekly Mondays in Seoul', () => {
    const slots = slotsBetween(parseSchedule('every monday 10:00'), 'Asia/Seoul',
      new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'), 100);

    expect(slots.length).toBe(52);
    expect(slots[0]?.key).toBe('2026-01-05T10:00');
    slots.forEach((slot, index) => {
      expect(new Date(`${slot.key}Z`).getUTCDay()).toBe(1);
      if (index > 0) {
        expect(slot.at.getTime() - (slots[index - 1]?.at.getTime() ?? 0)).toBe(7 * DAY_MS);
      }
    });
  });

  test('weekly across London change', () => {
    const slots = slotsBetween(parseSchedule('mondays 9:00'), 'Europe/London',
      new Date('2026-03-20T00:00:00Z'), new Date('2026-04-10T00:00:00Z'), 10);

    expect(plain(slots)).toEqual([
      { at: '2026-03-23T09:00:00.000Z', key: '2026-03-23T09:00' },
      { at: '2026-03-30T08:00:00.000Z', key: '2026-03-30T09:00' },
      { at: '2026-04-06T08:00:00.000Z', key: '2026-04-06T09:00' },
    ]);
  });

  test('day 31 skips short months', () => {
    const slots = slotsBetween(parseSchedule('0 9 31 * *'), 'America/New_York',
      new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'), 100);

    expect(slots.map((slot) => slot.key.slice(0, 10))).toEqual([
      '2026-01-31',
      '2026-03-31',
      '2026-05-31',
      '2026-07-31',
      '2026-08-31',
      '2026-10-31',
      '2026-12-31',
    ]);
  });

  test('first of month for two years', () => {
    const slots = slotsBetween(parseSchedule('0 9 1 * *'), 'Australia/Sydney',
      new Date('2026-01-01T00:00:00Z'), new Date('2028-01-01T00:00:00Z'), 100);

    expect(slots.length).toBe(24);
    for (const slot of slots) {
      expect(slot.key.slice(8)).toBe('01T09:00');
      expect(wallKey('Australia/Sydney', slot.at.getTime())).toBe(slot.key);
    }
  });
});

describe('leap day', () => {
  const schedule = parseSchedule('0 9 29 2 *');

  test('next leap day', () => {
    const slot = nextSlot(schedule, 'Asia/Seoul', new Date('2026-03-01T00:00:00Z'));

    expect(slot?.key).toBe('2028-02-29T09:00');
    expect(slot?.at.toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });

  test('skips 2100', () => {
    const slot = nextSlot(schedule, 'Asia/Seoul', new Date('2096-03-01T00:00:00Z'));

    expect(slot?.key).toBe('2104-02-29T09:00');
  });

  test('previous leap day', () => {
    const slot = previousSlot(schedule, 'Asia/Seoul', new Date('2028-02-28T00:00:00Z'));

    expect(slot?.key).toBe('2024-02-29T09:00');
  });

  test('yearly nextSlot is fast', () => {
    const started = performance.now();
    for (let year = 2026; year < 2046; year++) {
      nextSlot(schedule, 'America/New_York', new Date(`${year}-03-01T00:00:00Z`));
    }
    const perCallMs = (performance.now() - started) / 20;

    expect(perCallMs).toBeLessThan(5);
  });
});

describe('either day field matches', () => {
  function keysIn2026(text: string): string[] {
    return slotsBetween(parseSchedule(text), 'UTC', new Date('2026-01-01T00:00:00Z'),
      new Date('2026-12-31T23:59:00Z'), 1000).map((slot) => slot.key.slice(0, 10));
  }

  function datesIn2026(predicate: (day: number, weekday: number) => boolean): string[] {
    const dates: string[] = [];
    for (let date = '2026-01-01'; date < '2027-01-01'; date = addDays(date, 1)) {
      const parsed = new Date(`${date}T00:00:00Z`);
      if (predicate(parsed.getUTCDate(), parsed.getUTCDay())) {
        dates.push(date);
      }
    }

    return dates;
  }

  test('13th or Friday', () => {
    const expected = datesIn2026((day, weekday) => day === 13 || weekday === 5);

    expect(keysIn2026('0 9 13 * 5')).toEqual(expected);
    expect(expected.length).toBe(12 + 52 - 3);
  });

  test('13th only', () => {
    expect(keysIn2026('0 9 13 * *')).toEqual(datesIn2026((day) => day === 13));
  });

  test('Friday only', () => {
    const fridays = datesIn2026((_, weekday) => weekday === 5);

    expect(keysIn2026('0 9 * * fri')).toEqual(fridays);
    expect(keysIn2026('0 9 1-31 * 5')).toEqual(fridays);
  });

  test('restricted day field ignored by month', () => {
    const expected = datesIn2026((day, weekday) => day === 1 || weekday === 1)
      .filter((date) => date.startsWith('2026-02'));

    expect(keysIn2026('0 9 1 2 mon')).toEqual(expected);
  });
});

describe('slot boundaries', () => {
  const schedule = parseSchedule('*/20 0-3 * * *');
  const timeZone = 'America/New_York';

  test('nextSlot strictly after', () => {
    const first = nextSlot(schedule, timeZone, new Date('2026-06-01T00:00:00Z'));
    const second = nextSlot(schedule, timeZone, first?.at ?? new Date(0));

    expect(first?.key).toBe('2026-06-01T00:00');
    expect(second?.key).toBe('2026-06-01T00:20');
  });

  test('previousSlot at or before', () => {
    const at = new Date('2026-06-01T04:20:00Z');

    expect(previousSlot(schedule, timeZone, at)?.key).toBe('2026-06-01T00:20');
    expect(previousSlot(schedule, timeZone, new Date(at.getTime() - 1))?.key).toBe(
      '2026-06-01T00:00',
    );
  });

  test('previousSlot picks latest shared key', () => {
    const slot = previousSlot(parseSchedule('0,30 2,3 * * *'), timeZone,
      new Date('2026-03-08T07:10:00Z'));

    expect(slot?.key).toBe('2026-03-08T03:00');
    expect(slot?.at.toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });

  test('previous and next bracket instants', () => {
    const startMs = Date.parse('2026-01-01T00:00:00Z');
    for (let index = 0; index < 600; index++) {
      // Spread instants over 2026, with extra weight on the New York transition nights.
      const offsetMs = (index * 7_919 * MINUTE_MS) % (365 * DAY_MS);
      const base = index % 3 === 0 ? Date.parse('2026-11-01T04:00:00Z') : startMs;
      const instant = new Date(base + (index % 3 === 0 ? (index * 7 * MINUTE_MS) % (5 * HOUR_MS)
        : offsetMs));
      const previous = previousSlot(schedule, timeZone, instant);
      const next = nextSlot(schedule, timeZone, instant);

      expect(previous).not.toBeNull();
      expect(next).not.toBeNull();
      expect(previous!.at.getTime()).toBeLessThanOrEqual(instant.getTime());
      expect(next!.at.getTime()).toBeGreaterThan(instant.getTime());
      expect(slotsBetween(schedule, timeZone, instant, next!.at, 10)[0]).toEqual(next);
      expect(slotsBetween(schedule, timeZone, new Date(previous!.at.getTime() - 1), instant, 1000)
        .at(-1)).toEqual(previous);
    }
  });

  test('slotsBetween matches nextSlot chain', () => {
    const from = new Date('2026-10-30T00:00:00Z');
    const slots = slotsBetween(schedule, timeZone, from, new Date('2026-11-30T00:00:00Z'), 10_000);
    const chain: Slot[] = [];
    let cursor: Slot | null = nextSlot(schedule, timeZone, from);
    while (cursor !== null && chain.length < slots.length) {
      chain.push(cursor);
      cursor = nextSlot(schedule, timeZone, cursor.at);
    }

    expect(slots.length).toBe(31 * 12);
    expect(chain).toEqual(slots);
  });

  test('slotsBetween honors limit', () => {
    const from = new Date('2026-06-01T00:00:00Z');
    const to = new Date('2026-06-10T00:00:00Z');

    expect(slotsBetween(schedule, timeZone, from, to, 5).map((slot) => slot.key)).toEqual([
      '2026-06-01T00:00',
      '2026-06-01T00:20',
      '2026-06-01T00:40',
      '2026-06-01T01:00',
      '2026-06-01T01:20',
    ]);
    expect(slotsBetween(schedule, timeZone, from, to, 0)).toEqual([]);
    expect(slotsBetween(schedule, timeZone, to, from, 5)).toEqual([]);
    expect(slotsBetween(schedule, timeZone, from, from, 5)).toEqual([]);
  });

  test('invalid arguments', () => {
    const from = new Date('2026-06-01T00:00:00Z');

    expect(() => slotsBetween(schedule, timeZone, from, from, -1)).toThrow(TypeError);
    expect(() => slotsBetween(schedule, timeZone, from, from, 1.5)).toThrow(TypeError);
    expect(() => nextSlot(schedule, timeZone, new Date(Number.NaN))).toThrow(TypeError);
    expect(() => previousSlot(schedule, timeZone, '2026-06-01' as unknown as Date)).toThrow(
      TypeError,
    );
  });

  test('impossible schedule returns null', () => {
    const never = createSchedule({
      ...parseSchedule('0 9 * * *'),
      daysOfMonth: [30],
      months: [2],
    });
    const started = performance.now();

    expect(nextSlot(never, 'Asia/Seoul', new Date('2026-01-01T00:00:00Z'))).toBeNull();
    expect(previousSlot(never, 'Asia/Seoul', new Date('2026-01-01T00:00:00Z'))).toBeNull();
    expect(slotsBetween(never, 'Asia/Seoul', new Date('2026-01-01T00:00:00Z'),
      new Date('2100-01-01T00:00:00Z'), 10)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('performance', () => {
  test('10,000 nextSlot calls', () => {
    const schedules = ['daily 11:50', 'weekdays 9:00', '*/15 * * * *', '0 9 29 2 *',
      '0 9 31 * *', '0 * * * *', '0 9 13 * 5', 'mon,wed,fri 18:30'].map(parseSchedule);
    const zones = [...ZONES, 'America/Los_Angeles', 'UTC'];
    const startMs = Date.parse('2026-01-01T00:00:00Z');
    let found = 0;

    const started = performance.now();
    for (let index = 0; index < 10_000; index++) {
      const schedule = schedules[index % schedules.length]!;
      const timeZone = zones[index % zones.length]!;
      const after = new Date(startMs + ((index * 104_729 * MINUTE_MS) % (2 * 365 * DAY_MS)));
      if (nextSlot(schedule, timeZone, after) !== null) {
        found++;
      }
    }
    const elapsedMs = performance.now() - started;

    expect(found).toBe(10_000);
    expect(elapsedMs).toBeLessThan(1000);
  });
});
