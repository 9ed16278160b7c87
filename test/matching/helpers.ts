import type { PairingHistory } from '../../src/matching/index.js';

/** Returns `count` distinct Slack-like user ids: U00000, U00001, ... */
export function makeUserIds(count: number, prefix = 'U'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`);
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/**
 * Counts pairs that share a group in `groups` and shared one in `history`. Written apart from
 * src/matching so that the tests do not check the matcher against its own bookkeeping.
 */
export function countRepeats(groups: readonly string[][], history: PairingHistory): number {
  const pastPairs = new Set<string>();
  for (const round of history) {
    for (const group of round.groups) {
      for (let i = 0; i < group.length; i++) {
        for (let j = i + 1; j < group.length; j++) {
          pastPairs.add(pairKey(group[i], group[j]));
        }
      }
    }
  }

  let repeats = 0;
  for (const group of groups) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        if (pastPairs.has(pairKey(group[i], group[j]))) {
          repeats++;
        }
      }
    }
  }

  return repeats;
}

/** Maps each pair key to the sum of 0.5^((roundsAgo - 1) / halfLifeRounds) over its rounds. */
export function pastPairWeights(history: PairingHistory, halfLifeRounds = 4): Map<string, number> {
  const weights = new Map<string, number>();
  for (const round of history) {
    const weight = 0.5 ** ((round.roundsAgo - 1) / halfLifeRounds);
    for (const group of round.groups) {
      for (let i = 0; i < group.length; i++) {
        for (let j = i + 1; j < group.length; j++) {
          const key = pairKey(group[i], group[j]);
          weights.set(key, (weights.get(key) ?? 0) + weight);
        }
      }
    }
  }

  return weights;
}

/** Sums the past weights of every pair that shares a group in `groups`. */
export function scoreGroups(
  groups: readonly string[][],
  pastWeights: ReadonlyMap<string, number>,
): number {
  let score = 0;
  for (const group of groups) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        score += pastWeights.get(pairKey(group[i], group[j])) ?? 0;
      }
    }
  }

  return score;
}

/** Scores `groups` against `history` the way formGroups defines its repeat score. */
export function scoreRepeats(
  groups: readonly string[][],
  history: PairingHistory,
  halfLifeRounds = 4,
): number {
  return scoreGroups(groups, pastPairWeights(history, halfLifeRounds));
}

/** Turns the groups of consecutive rounds, oldest first, into a history seen from the next. */
export function historyFromRounds(rounds: readonly string[][][]): PairingHistory {
  return rounds.map((groups, i) => ({ roundsAgo: rounds.length - i, groups }));
}
