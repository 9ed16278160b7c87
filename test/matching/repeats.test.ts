import { describe, expect, test } from '@jest/globals';

import { formGroups, formRandomGroups } from '../../src/matching/index.js';
import type { PairingHistory } from '../../src/matching/index.js';
import {
  countRepeats,
  historyFromRounds,
  makeUserIds,
  pastPairWeights,
  scoreGroups,
} from './helpers.js';

type Grouper = (ids: string[], history: PairingHistory, seed: string) => string[][];

interface Simulation {
  /** Pairs per round who had shared a group in any earlier round. */
  repeatsPerRound: number[];
  /** Pairs per round who had shared a group in one of the five rounds before. */
  recentRepeatsPerRound: number[];
}

const RECENT_ROUNDS = 5;

/** Runs `rounds` rounds of the same people, feeding each round's groups back as history. */
function simulate(n: number, rounds: number, group: Grouper, seed: string): Simulation {
  const ids = makeUserIds(n);
  const past: string[][][] = [];
  const simulation: Simulation = { repeatsPerRound: [], recentRepeatsPerRound: [] };

  for (let round = 0; round < rounds; round++) {
    const history = historyFromRounds(past);
    const recent = history.filter((entry) => entry.roundsAgo <= RECENT_ROUNDS);
    const groups = group(ids, history, `${seed}-${round}`);
    simulation.repeatsPerRound.push(countRepeats(groups, history));
    simulation.recentRepeatsPerRound.push(countRepeats(groups, recent));
    past.push(groups);
  }

  return simulation;
}

function byMate(groupSize: number): Grouper {
  return (ids, history, seed) => formGroups(ids, { groupSize, seed, history }).groups;
}

function byRandom(groupSize: number): Grouper {
  return (ids, _history, seed) => formRandomGroups(ids, groupSize, seed);
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

const SEEDS = ['alpha', 'beta', 'gamma'];

describe('repeats against random grouping', () => {
  // 30 people in pairs, 25 rounds. A round-robin schedule has no repeat for 29 rounds, so all
  // repeats here are avoidable. Measured with these seeds: Mate 0 per run, random 118 to 126.
  // The bound allows Mate 10% of random's count.
  test.each(SEEDS)('pairs of 30, seed %s', (seed) => {
    const mate = simulate(30, 25, byMate(2), seed);
    const random = simulate(30, 25, byRandom(2), seed);
    console.log(
      `pairs of 30, 25 rounds, seed ${seed}: repeats Mate ${sum(mate.repeatsPerRound)}, ` +
        `random ${sum(random.repeatsPerRound)}`,
    );

    expect(sum(random.repeatsPerRound)).toBeGreaterThan(60);
    expect(sum(mate.repeatsPerRound)).toBeLessThanOrEqual(0.1 * sum(random.repeatsPerRound));
  });

  // 30 people in groups of 4 (six of 4, two of 3) meet 42 pairs a round out of 435, so after
  // about ten rounds every pair has met and repeats are unavoidable for any grouping. What the
  // matcher can still do is avoid recent partners, so the bound is on repeats of the five
  // rounds before. Measured with these seeds: Mate 14 to 19, random 365 to 373. The bound
  // allows Mate 20%.
  test.each(SEEDS)('groups of 4 from 30, seed %s', (seed) => {
    const mate = simulate(30, 25, byMate(4), seed);
    const random = simulate(30, 25, byRandom(4), seed);
    const mateRecent = sum(mate.recentRepeatsPerRound);
    const randomRecent = sum(random.recentRepeatsPerRound);
    console.log(
      `groups of 4 from 30, 25 rounds, seed ${seed}: repeats of the last ${RECENT_ROUNDS} ` +
        `rounds Mate ${mateRecent}, random ${randomRecent}; repeats of any round Mate ` +
        `${sum(mate.repeatsPerRound)}, random ${sum(random.repeatsPerRound)}; Mate per round ` +
        mate.repeatsPerRound.join(','),
    );

    expect(randomRecent).toBeGreaterThan(200);
    expect(mateRecent).toBeLessThanOrEqual(0.2 * randomRecent);
    // Measured: no repeat at all before round 7.
    expect(mate.repeatsPerRound.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
  });
});

/** Lists every way to split `ids` (an even number of them) into pairs. */
function allPairings(ids: readonly string[]): string[][][] {
  if (ids.length === 0) {
    return [[]];
  }
  const [first, ...rest] = ids;
  const pairings: string[][][] = [];
  rest.forEach((partner, i) => {
    const remaining = rest.filter((_, j) => j !== i);
    for (const pairing of allPairings(remaining)) {
      pairings.push([[first, partner], ...pairing]);
    }
  });

  return pairings;
}

describe('repeats when none are needed', () => {
  // A round-robin schedule pairs 8 people for 7 rounds, and 12 people for 11, without a
  // repeat. Mate plans one round at a time, so earlier rounds can leave a later round with no
  // repeat-free pairing. Over 50 seeds, 8 runs of 8 people had 2 repeats by round 7, the first
  // in round 6. For 12 people, 19 runs had 2 or 3 repeats by round 11, the first in round 10.
  // In all 660 rounds checked against every possible pairing, the search found the lowest
  // score. These tests check that, and that the early rounds have no repeat.
  test.each([
    [8, 9, 5],
    [12, 13, 8],
  ])('%i people in pairs, %i rounds', (n, rounds, repeatFreeRounds) => {
    const ids = makeUserIds(n);
    const pairings = allPairings(ids);

    for (const seed of SEEDS) {
      const past: string[][][] = [];
      for (let round = 0; round < rounds; round++) {
        const history = historyFromRounds(past);
        const result = formGroups(ids, { groupSize: 2, seed: `${seed}-${round}`, history });
        const weights = pastPairWeights(history);
        const lowest = Math.min(...pairings.map((pairing) => scoreGroups(pairing, weights)));

        expect(scoreGroups(result.groups, weights)).toBeCloseTo(lowest, 6);
        if (round < repeatFreeRounds) {
          expect(result.repeatPairs).toBe(0);
        }
        past.push(result.groups);
      }
    }
  });

  test('first round never repeats', () => {
    for (const groupSize of [2, 3, 4, 5, 6, 7, 8]) {
      const ids = makeUserIds(50);
      const result = formGroups(ids, { groupSize, seed: 'first' });

      expect(result.repeatPairs).toBe(0);
      expect(result.stoppedBy).toBe('no-repeats');
    }
  });
});
