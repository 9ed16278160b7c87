import { describe, expect, test } from '@jest/globals';
import cron from 'node-cron';

import {
  PLAIN_SCHEDULE_EXAMPLES,
  createSchedule,
  parseSchedule,
  toCronExpression,
} from '../../src/schedule/index.js';
import type { Schedule } from '../../src/schedule/index.js';

// Deterministic generator (mulberry32), so a failing case can be reproduced from the seed.
function randomGenerator(seed: number): () => number {
  let state = seed >>> 0;

  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;

    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

function randomSubset(random: () => number, min: number, max: number): number[] {
  const shape = random();
  if (shape < 0.25) {
    return [];
  }
  if (shape < 0.5) {
    const step = 2 + Math.floor(random() * 5);
    const start = min + Math.floor(random() * step);
    const values: number[] = [];
    for (let value = start; value <= max; value += step) {
      values.push(value);
    }

    return values;
  }

  const chance = random();
  const values: number[] = [];
  for (let value = min; value <= max; value++) {
    if (random() < chance) {
      values.push(value);
    }
  }

  return values.length > 0 ? values : [min + Math.floor(random() * (max - min + 1))];
}

function orFull(values: number[], min: number, max: number): number[] {
  if (values.length > 0) {
    return values;
  }

  return Array.from({ length: max - min + 1 }, (_, index) => min + index);
}

function randomSchedule(random: () => number): Schedule {
  const daysOfMonth = orFull(randomSubset(random, 1, 31), 1, 31);
  // Every month has day 28, so adding it keeps schedules such as "31 of February" out.
  if (daysOfMonth.every((day) => day > 28)) {
    daysOfMonth.push(28);
  }

  return createSchedule({
    minutes: orFull(randomSubset(random, 0, 59), 0, 59),
    hours: orFull(randomSubset(random, 0, 23), 0, 23),
    daysOfMonth,
    months: orFull(randomSubset(random, 1, 12), 1, 12),
    daysOfWeek: orFull(randomSubset(random, 0, 6), 0, 6),
  });
}

const acceptedTexts = [
  ...PLAIN_SCHEDULE_EXAMPLES.map((example) => example.text),
  '*/15 * * * *',
  '0 9-17/4 * * *',
  '0 9 1-5/2 * *',
  '0 9 * jan,JUL *',
  '0 9 * * 5-7',
  '0 9 * * MON-FRI',
  '0 9 29 2 *',
  '0 9 13 * 5',
  '0,30 9,18 * * *',
  '1,2,4,5,6,9 0 1 1 *',
];

describe('toCronExpression', () => {
  test.each(acceptedTexts)('%s round trips', (text) => {
    const schedule = parseSchedule(text);

    expect(parseSchedule(toCronExpression(schedule))).toEqual(schedule);
  });

  test.each(acceptedTexts)('%s accepted by node-cron', (text) => {
    const expression = toCronExpression(parseSchedule(text));

    expect({ expression, valid: cron.validate(expression) }).toEqual({ expression, valid: true });
  });

  test('random schedules round trip', () => {
    const random = randomGenerator(20260308);
    for (let index = 0; index < 2000; index++) {
      const schedule = randomSchedule(random);
      const expression = toCronExpression(schedule);

      expect({ expression, parsed: parseSchedule(expression) }).toEqual({
        expression,
        parsed: schedule,
      });
      expect({ expression, valid: cron.validate(expression) }).toEqual({ expression, valid: true });
    }
  });

  test('compact field forms', () => {
    const cases: [string, string][] = [
      ['0,15,30,45 * * * *', '*/15 * * * *'],
      ['0 0,6,12,18 * * *', '0 */6 * * *'],
      ['0 1,3,5,7,9 * * *', '0 1-9/2 * * *'],
      ['0 9 * * 1,3,5', '0 9 * * 1,3,5'],
      ['0 9 1,2,3,4,10 * *', '0 9 1-4,10 * *'],
      ['0 9 1,2 * *', '0 9 1,2 * *'],
      ['0 9 * * 0,1,2,3,4,5,6,7', '0 9 * * *'],
    ];
    for (const [input, expected] of cases) {
      expect({ input, output: toCronExpression(parseSchedule(input)) }).toEqual({
        input,
        output: expected,
      });
    }
  });

  test('malformed schedule rejected', () => {
    const outOfRange = { ...parseSchedule('0 9 * * *'), hours: [24] };
    const empty = { ...parseSchedule('0 9 * * *'), minutes: [] };

    expect(() => toCronExpression(outOfRange)).toThrow(TypeError);
    expect(() => toCronExpression(empty)).toThrow(TypeError);
  });
});
