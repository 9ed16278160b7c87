import { describe, expect, test } from '@jest/globals';

import {
  createRandom,
  DuplicateUserIdError,
  formGroups,
  formRandomGroups,
} from '../../src/matching/index.js';
import type { GroupingResult, PairingHistory } from '../../src/matching/index.js';
import { countRepeats, makeUserIds, scoreRepeats } from './helpers.js';

const SIZES = [2, 3, 4, 5, 6, 7, 8];

/** Makes three random past rounds of `ids` and five people who have not signed up now. */
function makeHistory(ids: string[], groupSize: number, seed: string): PairingHistory {
  const everyone = [...ids, ...makeUserIds(5, 'GONE')];

  return [1, 2, 3].map((roundsAgo) => ({
    roundsAgo,
    groups: formRandomGroups(everyone, groupSize, `${seed}-history-${roundsAgo}`),
  }));
}

function sizesOf(result: GroupingResult): number[] {
  return result.groups.map((group) => group.length);
}

const propertyCases = SIZES.flatMap((groupSize) =>
  Array.from({ length: 61 }, (_, n) => [n, groupSize] as const),
);

describe('formGroups properties', () => {
  test.each(propertyCases)('%i people, size %i', (n, groupSize) => {
    const ids = makeUserIds(n);
    const history = makeHistory(ids, groupSize, `case-${n}-${groupSize}`);
    const seed = `seed-${n}-${groupSize}`;
    const result = formGroups(ids, { groupSize, seed, history });

    const placed = [...result.groups.flat(), ...result.alone];
    expect(placed).toHaveLength(n);
    expect(new Set(placed)).toEqual(new Set(ids));

    const sizes = sizesOf(result);
    if (n >= 2) {
      expect(result.alone).toEqual([]);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(2);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(Math.floor(1.5 * groupSize));
      // A Slack group DM holds eight people besides the bot.
      expect(Math.max(...sizes)).toBeLessThanOrEqual(8);
    } else {
      expect(result.groups).toEqual([]);
      expect(result.alone).toEqual(ids);
    }

    expect(result.repeatPairs).toBe(countRepeats(result.groups, history));
    expect(result.repeatScore).toBeCloseTo(scoreRepeats(result.groups, history), 4);
    expect(result.stoppedBy === 'no-repeats').toBe(result.repeatPairs === 0);

    const replay = formGroups(ids, { groupSize, seed, history });
    expect(replay.groups).toEqual(result.groups);
  });
});

describe('formGroups group sizes', () => {
  test.each([
    [0, 2, []],
    [1, 4, []],
    [2, 8, [2]],
    [3, 2, [3]],
    [5, 2, [3, 2]],
    [9, 2, [3, 2, 2, 2]],
    [5, 4, [5]],
    [6, 4, [3, 3]],
    [7, 4, [4, 3]],
    [13, 4, [5, 4, 4]],
    [11, 8, [6, 5]],
    [9, 8, [5, 4]],
    [8, 8, [8]],
    [12, 8, [6, 6]],
    [30, 4, [4, 4, 4, 4, 4, 4, 3, 3]],
  ])('%i people, size %i', (n, groupSize, expected) => {
    const result = formGroups(makeUserIds(n), { groupSize, seed: 'sizes' });

    expect(sizesOf(result)).toEqual(expected);
  });

  test('one person is alone', () => {
    const result = formGroups(['U1'], { groupSize: 2, seed: 1 });

    expect(result.groups).toEqual([]);
    expect(result.alone).toEqual(['U1']);
  });

  test('no people, no groups', () => {
    const result = formGroups([], { groupSize: 2, seed: 1 });

    expect(result.groups).toEqual([]);
    expect(result.alone).toEqual([]);
  });
});

describe('formGroups seeds', () => {
  const ids = makeUserIds(40);
  const history = makeHistory(ids, 4, 'seeds');

  test('same seed replays', () => {
    const first = formGroups(ids, { groupSize: 4, seed: 'replay', history });
    const second = formGroups(ids, { groupSize: 4, seed: 'replay', history });

    expect(second).toEqual(first);
  });

  test('number seed replays', () => {
    const first = formGroups(ids, { groupSize: 3, seed: 12345, history });
    const second = formGroups(ids, { groupSize: 3, seed: 12345, history });

    expect(second.groups).toEqual(first.groups);
  });

  test('different seeds differ', () => {
    const first = formGroups(ids, { groupSize: 4, seed: 'one', history });
    const second = formGroups(ids, { groupSize: 4, seed: 'two', history });

    expect(second.groups).not.toEqual(first.groups);
  });

  test('input order does not matter', () => {
    for (let trial = 0; trial < 20; trial++) {
      const shuffled = createRandom(`order-${trial}`).shuffle([...ids]);
      const seed = `order-seed-${trial}`;
      const fromSorted = formGroups(ids, { groupSize: 4, seed, history });
      const fromShuffled = formGroups(shuffled, { groupSize: 4, seed, history });

      expect(new Set(fromShuffled.groups.flat())).toEqual(new Set(ids));
      expect(fromShuffled.groups).toEqual(fromSorted.groups);
    }
  });

  test('input order keeps groups valid', () => {
    for (const groupSize of SIZES) {
      for (const n of [2, 7, 23, 60]) {
        const sample = makeUserIds(n);
        const shuffled = createRandom(`valid-${n}-${groupSize}`).shuffle([...sample]);
        const sizes = sizesOf(formGroups(shuffled, { groupSize, seed: 'valid' }));

        expect(sizes.reduce((total, size) => total + size, 0)).toBe(n);
        expect(Math.min(...sizes)).toBeGreaterThanOrEqual(2);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
  });

  test('never worse than seeded shuffle', () => {
    for (let trial = 0; trial < 30; trial++) {
      const groupSize = SIZES[trial % SIZES.length];
      const sample = makeUserIds(10 + trial);
      const dense: PairingHistory = Array.from({ length: 12 }, (_, i) => ({
        roundsAgo: i + 1,
        groups: formRandomGroups(sample, groupSize, `dense-${trial}-${i}`),
      }));
      const seed = `start-${trial}`;
      const searched = formGroups(sample, { groupSize, seed, history: dense });
      const start = formGroups(sample, { groupSize, seed });

      expect(scoreRepeats(searched.groups, dense)).toBeLessThanOrEqual(
        scoreRepeats(start.groups, dense) + 1e-9,
      );
    }
  });
});

describe('formGroups limits', () => {
  const ids = makeUserIds(200);
  const history: PairingHistory = Array.from({ length: 30 }, (_, i) => ({
    roundsAgo: i + 1,
    groups: formRandomGroups(ids, 8, `limits-${i}`),
  }));

  test('evaluation limit stops search', () => {
    const result = formGroups(ids, { groupSize: 8, seed: 'limit', history, maxEvaluations: 500 });

    expect(result.stoppedBy).toBe('evaluation-limit');
    expect(result.evaluations).toBe(500);
    expect(result.repeatPairs).toBe(countRepeats(result.groups, history));
  });

  test('time limit stops search', () => {
    const started = performance.now();
    const result = formGroups(ids, { groupSize: 8, seed: 'time', history, timeLimitMs: 1 });

    expect(result.stoppedBy).toBe('time-limit');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(new Set(result.groups.flat())).toEqual(new Set(ids));
  });
});

describe('formGroups bad input', () => {
  const ids = makeUserIds(10);

  test.each([1, 9, 2.5, NaN, 0, -2, Infinity])('group size %p', (groupSize) => {
    const call = () => formGroups(ids, { groupSize, seed: 1 });

    expect(call).toThrow(RangeError);
    expect(call).toThrow(`Invalid groupSize ${groupSize}`);
  });

  test('group size as string', () => {
    const groupSize = '4' as unknown as number;

    expect(() => formGroups(ids, { groupSize, seed: 1 })).toThrow("Invalid groupSize '4'");
  });

  test('bad size with no people', () => {
    expect(() => formGroups([], { groupSize: 9, seed: 1 })).toThrow(RangeError);
  });

  test('duplicate user id', () => {
    const call = () => formGroups(['U1', 'U2', 'U3', 'U2'], { groupSize: 2, seed: 1 });

    expect(call).toThrow(DuplicateUserIdError);
    expect(call).toThrow('Duplicate user id U2');
  });

  test('duplicate id names it', () => {
    let caught: unknown;
    try {
      formGroups(['U9', 'U9'], { groupSize: 2, seed: 1 });
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(DuplicateUserIdError);
    expect((caught as DuplicateUserIdError).userId).toBe('U9');
  });

  test('non-finite number seed', () => {
    expect(() => formGroups(ids, { groupSize: 2, seed: NaN })).toThrow(RangeError);
  });

  test.each([0, -1, NaN])('half-life %p', (halfLifeRounds) => {
    expect(() => formGroups(ids, { groupSize: 2, seed: 1, halfLifeRounds })).toThrow(
      'Invalid halfLifeRounds',
    );
  });

  test.each([0, -1, NaN])('limit %p', (limit) => {
    expect(() => formGroups(ids, { groupSize: 2, seed: 1, maxEvaluations: limit })).toThrow(
      'Invalid maxEvaluations',
    );
    expect(() => formGroups(ids, { groupSize: 2, seed: 1, timeLimitMs: limit })).toThrow(
      'Invalid timeLimitMs',
    );
  });

  test.each([0, 0.5, -3, NaN])('roundsAgo %p', (roundsAgo) => {
    const history = [{ roundsAgo, groups: [['U00000', 'U00001']] }];

    expect(() => formGroups(ids, { groupSize: 2, seed: 1, history })).toThrow(
      `Invalid roundsAgo ${roundsAgo}`,
    );
  });
});
