import { planGroupSizes, validateGroupSize } from './group-sizes.js';
import {
  DEFAULT_HALF_LIFE_ROUNDS,
  buildPairWeights,
  validateHalfLife,
  weightBetween,
  weightToScore,
} from './history.js';
import type { PairWeights, PairingHistory } from './history.js';
import { searchGroups } from './local-search.js';
import type { StopReason } from './local-search.js';
import { createRandom } from './random.js';

export interface FormGroupsOptions {
  /** Requested group size, an integer from 2 to 8. See countGroups for the sizes formed. */
  groupSize: number;
  /**
   * Seed for every random choice. Production passes crypto.randomUUID() and stores it, so that
   * the round can be replayed.
   */
  seed: string | number;
  /** Past groupings whose pairs should not meet again. Defaults to none. */
  history?: PairingHistory;
  /** Rounds after which a past pairing weighs half as much. Defaults to 4. */
  halfLifeRounds?: number;
  /** Maximum number of swap evaluations in the search. Defaults to 1,000,000. */
  maxEvaluations?: number;
  /**
   * Maximum search time in milliseconds, checked every 1,024 evaluations. Building the history
   * index before the search is not limited. Defaults to 3,000.
   */
  timeLimitMs?: number;
}

export interface GroupingResult {
  groups: string[][];
  /** People who could not be grouped: the only sign-up of a round with one person. */
  alone: string[];
  /** Pairs of people in the same group who were also grouped together in the history. */
  repeatPairs: number;
  /** Summed history weight of those pairs, where one pairing from last round weighs 1. */
  repeatScore: number;
  /** Number of swaps the search evaluated. */
  evaluations: number;
  stoppedBy: StopReason;
}

/** Error for a user id that appears more than once in one round's sign-ups. */
export class DuplicateUserIdError extends Error {
  readonly userId: string;

  constructor(userId: string) {
    super(`Duplicate user id ${userId} in the sign-ups: each person can sign up once per round.`);
    this.name = 'DuplicateUserIdError';
    this.userId = userId;
  }
}

// With 50 rounds of history, 10,000 people reach zero repeats within a few thousand
// evaluations (scripts/bench-matching.ts). The limits bind when repeats cannot all be avoided:
// for 200 people in groups of 8 who have all met, 1,000,000 evaluations took 0.7 s on the
// 2-core machine of docs/benchmarks.md. Tripling them lowered the repeat score by 6% there,
// and by 21% for 500 people in groups of 8.
const DEFAULT_MAX_EVALUATIONS = 1_000_000;
const DEFAULT_TIME_LIMIT_MS = 3_000;

/**
 * Splits the signed-up `userIds` into random groups that avoid repeat pairings.
 *
 * Group count: max(1, min(round(n / groupSize), floor(n / 2))) groups for n >= 2 people, with
 * sizes that differ by at most one, so no group has one member (see countGroups). One person
 * is returned in `alone`, and zero people give no groups.
 *
 * The grouping starts from a seeded shuffle and then lowers its cost by swapping people
 * between groups. The cost sums, over every pair that shares a group, the weight of their past
 * pairings: 0.5^((roundsAgo - 1) / halfLifeRounds) for each past round they shared, rounded to
 * a multiple of 2^-20 and never below it. The search stops early once no pair is a repeat.
 * It never ends with a higher cost than its start, which is the grouping that the same seed
 * gives without history.
 *
 * The result depends only on the seed, the set of user ids (not their order), the history (not
 * its order) and the options. The one exception: when the time limit stops the search, which
 * `stoppedBy: 'time-limit'` reports, a replay can give a different grouping.
 *
 * Throws a RangeError for an invalid groupSize, seed, halfLifeRounds or roundsAgo, and a
 * DuplicateUserIdError for an id listed twice.
 */
export function formGroups(
  userIds: readonly string[],
  options: FormGroupsOptions,
): GroupingResult {
  validateGroupSize(options.groupSize);
  const halfLifeRounds = options.halfLifeRounds ?? DEFAULT_HALF_LIFE_ROUNDS;
  validateHalfLife(halfLifeRounds);
  const maxEvaluations = options.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS;
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  validateLimit('maxEvaluations', maxEvaluations);
  validateLimit('timeLimitMs', timeLimitMs);
  const random = createRandom(options.seed);
  const sortedIds = sortUniqueIds(userIds);
  const indexById = new Map(sortedIds.map((id, index) => [id, index]));
  const weights = buildPairWeights(options.history ?? [], indexById, halfLifeRounds);

  if (sortedIds.length < 2) {
    return {
      groups: [],
      alone: sortedIds,
      repeatPairs: 0,
      repeatScore: 0,
      evaluations: 0,
      stoppedBy: 'no-repeats',
    };
  }

  const order = random.shuffle(sortedIds.map((_, index) => index));
  const initialGroups: number[][] = [];
  let next = 0;
  for (const size of planGroupSizes(order.length, options.groupSize)) {
    initialGroups.push(order.slice(next, next + size));
    next += size;
  }

  const outcome = searchGroups(initialGroups, weights, random, {
    maxEvaluations,
    deadline: performance.now() + timeLimitMs,
  });

  return {
    groups: outcome.groups.map((group) => group.map((index) => sortedIds[index])),
    alone: [],
    repeatPairs: countRepeatIndexPairs(outcome.groups, weights),
    repeatScore: weightToScore(outcome.cost),
    evaluations: outcome.evaluations,
    stoppedBy: outcome.stoppedBy,
  };
}

function validateLimit(name: string, value: number): void {
  if (typeof value !== 'number' || !(value > 0)) {
    throw new RangeError(`Invalid ${name} ${String(value)}: it must be a number above 0.`);
  }
}

/** Sorts the ids by UTF-16 code units, so that the input order cannot change the result. */
function sortUniqueIds(userIds: readonly string[]): string[] {
  const sorted = [...userIds].sort(compareCodeUnits);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) {
      throw new DuplicateUserIdError(sorted[i]);
    }
  }

  return sorted;
}

function compareCodeUnits(a: string, b: string): number {
  if (a < b) {
    return -1;
  }

  return a > b ? 1 : 0;
}

function countRepeatIndexPairs(
  groups: readonly (readonly number[])[],
  weights: PairWeights,
): number {
  let repeats = 0;
  for (const group of groups) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        if (weightBetween(weights, group[i], group[j]) > 0) {
          repeats++;
        }
      }
    }
  }

  return repeats;
}
