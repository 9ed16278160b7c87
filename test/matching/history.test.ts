import { describe, expect, test } from '@jest/globals';

import {
  buildPairingHistory,
  countRepeatPairs,
  createRandom,
  formGroups,
  formRandomGroups,
} from '../../src/matching/index.js';
import type { PairingHistory } from '../../src/matching/index.js';
import { countRepeats, makeUserIds } from './helpers.js';

function sortedGroups(groups: string[][]): string[][] {
  return groups.map((group) => [...group].sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

describe('buildPairingHistory', () => {
  test('ranks by round number', () => {
    const history = buildPairingHistory([
      { roundNumber: 5, groups: [['A', 'B']] },
      { roundNumber: 7, groups: [['A', 'C']] },
      { roundNumber: 6, groups: [['A', 'D']] },
    ]);

    expect(history.map((round) => round.roundsAgo)).toEqual([3, 1, 2]);
    expect(history[1].groups).toEqual([['A', 'C']]);
  });

  test('skipped numbers do not age', () => {
    const history = buildPairingHistory([
      { roundNumber: 10, groups: [] },
      { roundNumber: 2, groups: [] },
    ]);

    expect(history.map((round) => round.roundsAgo)).toEqual([1, 2]);
  });

  test('equal keys share an age', () => {
    const history = buildPairingHistory([
      { roundNumber: 3, groups: [['A', 'B']] },
      { roundNumber: 3, groups: [['C', 'D']] },
      { roundNumber: 1, groups: [['A', 'C']] },
    ]);

    expect(history.map((round) => round.roundsAgo)).toEqual([1, 1, 2]);
  });

  test('ranks by closing time', () => {
    const history = buildPairingHistory([
      { closedAt: new Date('2026-11-02T12:00:00Z'), groups: [] },
      { closedAt: '2026-11-16T12:00:00Z', groups: [] },
      { closedAt: new Date('2026-11-09T12:00:00Z'), groups: [] },
    ]);

    expect(history.map((round) => round.roundsAgo)).toEqual([3, 1, 2]);
  });

  test('closing time when a number is missing', () => {
    const history = buildPairingHistory([
      { roundNumber: 1, closedAt: '2026-11-16T12:00:00Z', groups: [] },
      { roundNumber: null, closedAt: '2026-11-09T12:00:00Z', groups: [] },
    ]);

    expect(history.map((round) => round.roundsAgo)).toEqual([1, 2]);
  });

  test('row with neither key', () => {
    const rows = [{ closedAt: '2026-11-16T12:00:00Z', groups: [] }, { groups: [] }];

    expect(() => buildPairingHistory(rows)).toThrow('row 1 has neither');
  });

  test('rows with different keys', () => {
    const rows = [{ roundNumber: 1, groups: [] }, { closedAt: '2026-11-16', groups: [] }];

    expect(() => buildPairingHistory(rows)).toThrow(
      'row 1 has no roundNumber and row 0 has no closedAt',
    );
  });

  test('invalid closing time', () => {
    expect(() => buildPairingHistory([{ closedAt: 'last week', groups: [] }])).toThrow(
      'Invalid closedAt last week in history row 0',
    );
  });

  test('non-finite round number', () => {
    expect(() => buildPairingHistory([{ roundNumber: NaN, groups: [] }])).toThrow(
      'Invalid roundNumber NaN in history row 0',
    );
  });

  test('no rows', () => {
    expect(buildPairingHistory([])).toEqual([]);
  });
});

describe('formGroups history weighting', () => {
  // Every pairing of four people repeats one earlier round, so the oldest one must win.
  const history = buildPairingHistory([
    { roundNumber: 3, groups: [['A', 'B'], ['C', 'D']] },
    { roundNumber: 2, groups: [['A', 'C'], ['B', 'D']] },
    { roundNumber: 1, groups: [['A', 'D'], ['B', 'C']] },
  ]);

  test('oldest repeat wins', () => {
    for (let seed = 0; seed < 25; seed++) {
      const result = formGroups(['A', 'B', 'C', 'D'], { groupSize: 2, seed, history });

      expect(sortedGroups(result.groups)).toEqual([['A', 'D'], ['B', 'C']]);
      expect(result.repeatPairs).toBe(2);
    }
  });

  test('repeated pairing weighs more', () => {
    const twice: PairingHistory = [
      { roundsAgo: 1, groups: [['A', 'B'], ['C', 'D']] },
      { roundsAgo: 2, groups: [['A', 'C'], ['B', 'D']] },
      { roundsAgo: 3, groups: [['A', 'D'], ['B', 'C']] },
      { roundsAgo: 4, groups: [['A', 'D'], ['B', 'C']] },
      { roundsAgo: 5, groups: [['A', 'D'], ['B', 'C']] },
    ];

    for (let seed = 0; seed < 25; seed++) {
      const result = formGroups(['A', 'B', 'C', 'D'], { groupSize: 2, seed, history: twice });

      expect(sortedGroups(result.groups)).toEqual([['A', 'C'], ['B', 'D']]);
    }
  });

  test('half-life changes the choice', () => {
    // A-D met three and four rounds ago, A-C once two rounds ago. A short half-life discounts
    // the older pairings faster, so it prefers A-D, and a long one prefers A-C.
    const mixed: PairingHistory = [
      { roundsAgo: 1, groups: [['A', 'B'], ['C', 'D']] },
      { roundsAgo: 2, groups: [['A', 'C'], ['B', 'D']] },
      { roundsAgo: 3, groups: [['A', 'D'], ['B', 'C']] },
      { roundsAgo: 4, groups: [['A', 'D'], ['B', 'C']] },
    ];
    const options = { groupSize: 2, seed: 'half-life', history: mixed };
    const short = formGroups(['A', 'B', 'C', 'D'], { ...options, halfLifeRounds: 0.5 });
    const long = formGroups(['A', 'B', 'C', 'D'], { ...options, halfLifeRounds: 50 });

    expect(sortedGroups(short.groups)).toEqual([['A', 'D'], ['B', 'C']]);
    expect(sortedGroups(long.groups)).toEqual([['A', 'C'], ['B', 'D']]);
  });

  test('people not signed up are ignored', () => {
    const past: PairingHistory = [{ roundsAgo: 1, groups: [['A', 'GONE', 'B']] }];
    const result = formGroups(['A', 'B', 'C', 'D'], { groupSize: 2, seed: 3, history: past });

    expect(result.repeatPairs).toBe(0);
    expect(result.groups.flat().sort()).toEqual(['A', 'B', 'C', 'D']);
  });

  test('history order does not matter', () => {
    const ids = makeUserIds(30);
    const rounds: PairingHistory = Array.from({ length: 15 }, (_, i) => ({
      roundsAgo: i + 1,
      groups: formRandomGroups(ids, 4, `order-${i}`),
    }));

    for (let trial = 0; trial < 10; trial++) {
      const random = createRandom(`history-order-${trial}`);
      const reordered = random.shuffle(
        rounds.map((round) => ({
          roundsAgo: round.roundsAgo,
          groups: random.shuffle(round.groups.map((group) => random.shuffle([...group]))),
        })),
      );
      const seed = `history-seed-${trial}`;
      const original = formGroups(ids, { groupSize: 4, seed, history: rounds });
      const shuffled = formGroups(ids, { groupSize: 4, seed, history: reordered });

      expect(shuffled.groups).toEqual(original.groups);
      expect(shuffled.repeatScore).toBe(original.repeatScore);
    }
  });
});

describe('countRepeatPairs', () => {
  test('matches an independent count', () => {
    const ids = makeUserIds(50);
    const history: PairingHistory = Array.from({ length: 10 }, (_, i) => ({
      roundsAgo: i + 1,
      groups: formRandomGroups(ids, 5, `count-${i}`),
    }));

    for (let trial = 0; trial < 10; trial++) {
      const groups = formRandomGroups(ids, 5, `count-trial-${trial}`);

      expect(countRepeatPairs(groups, history)).toBe(countRepeats(groups, history));
    }
  });

  test('self pairing is not a repeat', () => {
    const history: PairingHistory = [{ roundsAgo: 1, groups: [['A', 'A', 'B']] }];

    expect(countRepeatPairs([['A', 'C']], history)).toBe(0);
    expect(countRepeatPairs([['A', 'B']], history)).toBe(1);
  });
});
