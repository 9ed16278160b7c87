/** The groups of one past round. */
export interface PastGrouping {
  /** Age of the round: 1 for the most recent closed round, 2 for the one before, and so on. */
  roundsAgo: number;
  groups: readonly (readonly string[])[];
}

/** Past groupings, in any order. Entries with the same `roundsAgo` are treated as one round. */
export type PairingHistory = readonly PastGrouping[];

/** A closed round as stored: its number or its closing time, and its groups of user ids. */
export interface PastRoundRow {
  roundNumber?: number | null;
  closedAt?: Date | string | null;
  groups: readonly (readonly string[])[];
}

/** Rounds until a past pairing counts half as much as one from the most recent round. */
export const DEFAULT_HALF_LIFE_ROUNDS = 4;

// Weights are integers in units of 2^-20, so sums are exact and do not depend on the order in
// which the history is added up. Exact sums keep a seed's result independent of history order.
const WEIGHT_SCALE = 2 ** 20;

/**
 * Converts stored rounds into a PairingHistory, ranking them by `roundNumber` when every row
 * has one, otherwise by `closedAt`. The latest round gets roundsAgo 1, and rows that share a
 * number or time share an age. Rounds that the rows skip do not count towards the age.
 * Throws if some row has neither key, or if a key is not a finite number or a valid date.
 */
export function buildPairingHistory(rows: readonly PastRoundRow[]): PairingHistory {
  const keys = rankKeys(rows);
  const distinctKeys = [...new Set(keys)].sort((x, y) => y - x);
  const roundsAgoByKey = new Map(distinctKeys.map((key, rank) => [key, rank + 1]));

  return rows.map((row, i) => ({
    roundsAgo: roundsAgoByKey.get(keys[i]) as number,
    groups: row.groups,
  }));
}

function rankKeys(rows: readonly PastRoundRow[]): number[] {
  const withoutNumber = rows.findIndex(
    (row) => row.roundNumber === undefined || row.roundNumber === null,
  );
  if (withoutNumber < 0) {
    return rows.map((row, i) => {
      const value = row.roundNumber as number;
      if (!Number.isFinite(value)) {
        throw new RangeError(`Invalid roundNumber ${value} in history row ${i}.`);
      }

      return value;
    });
  }

  return rows.map((row, i) => {
    if (row.closedAt === undefined || row.closedAt === null) {
      const missing =
        row.roundNumber === undefined || row.roundNumber === null
          ? `row ${i} has neither`
          : `row ${withoutNumber} has no roundNumber and row ${i} has no closedAt`;
      throw new TypeError(
        `Missing history keys: ${missing}. Give every row a roundNumber, or every row a closedAt.`,
      );
    }
    const time = new Date(row.closedAt).getTime();
    if (Number.isNaN(time)) {
      throw new RangeError(`Invalid closedAt ${String(row.closedAt)} in history row ${i}.`);
    }

    return time;
  });
}

/** Returns the integer weight of one past pairing: 2^20 x 0.5^((roundsAgo - 1) / halfLife). */
export function pairingWeight(roundsAgo: number, halfLifeRounds: number): number {
  const decayed = Math.round(WEIGHT_SCALE * 0.5 ** ((roundsAgo - 1) / halfLifeRounds));

  // Every pairing in the history stays a repeat, however old, so its weight never reaches 0.
  return Math.max(1, decayed);
}

/** Converts an integer weight sum back to units where a pairing from last round weighs 1. */
export function weightToScore(weight: number): number {
  return weight / WEIGHT_SCALE;
}

/** Throws a RangeError unless `halfLifeRounds` is a positive finite number. */
export function validateHalfLife(halfLifeRounds: number): void {
  if (typeof halfLifeRounds !== 'number' || !(halfLifeRounds > 0) || halfLifeRounds === Infinity) {
    throw new RangeError(
      `Invalid halfLifeRounds ${String(halfLifeRounds)}: it must be a positive finite number.`,
    );
  }
}

/**
 * Per-person sparse weights in compressed sparse row form. The past partners of person p are
 * partners[start[p] .. start[p + 1]), sorted ascending, and weights[k] is the summed integer
 * weight of p's pairings with partners[k].
 */
export interface PairWeights {
  readonly start: Int32Array;
  readonly partners: Int32Array;
  readonly weights: Float64Array;
}

/**
 * Builds the pair weights among the signed-up people, indexed as in `indexById`. Ids in the
 * history that are not signed up are skipped. Throws a RangeError on an invalid roundsAgo.
 */
export function buildPairWeights(
  history: PairingHistory,
  indexById: ReadonlyMap<string, number>,
  halfLifeRounds: number,
): PairWeights {
  const n = indexById.size;
  const pastGroups = collectPastGroups(history, indexById, halfLifeRounds);
  const { members, groupEnds } = pastGroups;

  const degree = new Int32Array(n);
  let groupStart = 0;
  for (const groupEnd of groupEnds) {
    for (let i = groupStart; i < groupEnd; i++) {
      degree[members[i]] += groupEnd - groupStart - 1;
    }
    groupStart = groupEnd;
  }
  const offsets = new Int32Array(n + 1);
  for (let person = 0; person < n; person++) {
    offsets[person + 1] = offsets[person] + degree[person];
  }
  const entryCount = offsets[n];

  // Two counting-sort passes replace a comparison sort of each person's partners. The first
  // pass files every directed pairing under one person in history order. The second walks the
  // people in ascending order and files each pairing under the other person, so every list
  // ends up sorted by partner.
  const unsortedPartners = new Int32Array(entryCount);
  const unsortedGroups = new Int32Array(entryCount);
  const next = offsets.slice(0, n);
  groupStart = 0;
  groupEnds.forEach((groupEnd, group) => {
    for (let i = groupStart; i < groupEnd; i++) {
      for (let j = groupStart; j < groupEnd; j++) {
        if (i !== j) {
          const slot = next[members[i]]++;
          unsortedPartners[slot] = members[j];
          unsortedGroups[slot] = group;
        }
      }
    }
    groupStart = groupEnd;
  });

  const sortedPartners = new Int32Array(entryCount);
  const sortedGroups = new Int32Array(entryCount);
  next.set(offsets.subarray(0, n));
  for (let person = 0; person < n; person++) {
    for (let k = offsets[person]; k < offsets[person + 1]; k++) {
      const slot = next[unsortedPartners[k]]++;
      sortedPartners[slot] = person;
      sortedGroups[slot] = unsortedGroups[k];
    }
  }

  return mergeRepeatedPartners(sortedPartners, sortedGroups, offsets, pastGroups.groupWeights);
}

interface PastGroups {
  /** Signed-up members of each past group, one group after another. */
  members: Int32Array;
  /** End offset in `members` of each past group with two or more signed-up members. */
  groupEnds: Int32Array;
  groupWeights: Float64Array;
}

function collectPastGroups(
  history: PairingHistory,
  indexById: ReadonlyMap<string, number>,
  halfLifeRounds: number,
): PastGroups {
  const members: number[] = [];
  const groupEnds: number[] = [];
  const groupWeights: number[] = [];

  for (const round of history) {
    if (!Number.isFinite(round.roundsAgo) || round.roundsAgo < 1) {
      throw new RangeError(
        `Invalid roundsAgo ${round.roundsAgo} in history: it must be a finite number >= 1.`,
      );
    }
    const weight = pairingWeight(round.roundsAgo, halfLifeRounds);

    for (const group of round.groups) {
      const groupStart = members.length;
      for (const id of group) {
        const index = indexById.get(id);
        // A history group that lists someone twice must not make them their own partner.
        if (index !== undefined && !members.includes(index, groupStart)) {
          members.push(index);
        }
      }
      if (members.length - groupStart < 2) {
        members.length = groupStart;
      } else {
        groupEnds.push(members.length);
        groupWeights.push(weight);
      }
    }
  }

  return {
    members: Int32Array.from(members),
    groupEnds: Int32Array.from(groupEnds),
    groupWeights: Float64Array.from(groupWeights),
  };
}

/** Collapses each person's sorted partner list, summing the weights of repeated partners. */
function mergeRepeatedPartners(
  sortedPartners: Int32Array,
  sortedGroups: Int32Array,
  offsets: Int32Array,
  groupWeights: Float64Array,
): PairWeights {
  const n = offsets.length - 1;
  const start = new Int32Array(n + 1);
  const weights = new Float64Array(sortedPartners.length);
  // Merging in place is safe because the write position never passes the read position.
  const partners = sortedPartners;
  let size = 0;

  for (let person = 0; person < n; person++) {
    start[person] = size;
    let previous = -1;
    for (let k = offsets[person]; k < offsets[person + 1]; k++) {
      const partner = sortedPartners[k];
      const weight = groupWeights[sortedGroups[k]];
      if (partner === previous) {
        weights[size - 1] += weight;
      } else {
        partners[size] = partner;
        weights[size] = weight;
        size++;
        previous = partner;
      }
    }
  }
  start[n] = size;

  return {
    start,
    partners: partners.slice(0, size),
    weights: weights.slice(0, size),
  };
}

/** Returns the summed weight of past pairings of `person` and `other`, 0 if there were none. */
export function weightBetween(pairWeights: PairWeights, person: number, other: number): number {
  const { partners } = pairWeights;
  let low = pairWeights.start[person];
  let high = pairWeights.start[person + 1] - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const partner = partners[middle];
    if (partner < other) {
      low = middle + 1;
    } else if (partner > other) {
      high = middle - 1;
    } else {
      return pairWeights.weights[middle];
    }
  }

  return 0;
}

/** Returns whether `person` has any past partner among the signed-up people. */
export function hasPartners(pairWeights: PairWeights, person: number): boolean {
  return pairWeights.start[person] !== pairWeights.start[person + 1];
}

/** Counts the pairs of people who share a group in `groups` and also shared one in `history`. */
export function countRepeatPairs(
  groups: readonly (readonly string[])[],
  history: PairingHistory,
): number {
  const indexById = new Map<string, number>();
  for (const group of groups) {
    for (const id of group) {
      if (!indexById.has(id)) {
        indexById.set(id, indexById.size);
      }
    }
  }
  const weights = buildPairWeights(history, indexById, DEFAULT_HALF_LIFE_ROUNDS);

  let repeats = 0;
  for (const group of groups) {
    for (let i = 0; i < group.length; i++) {
      const person = indexById.get(group[i]) as number;
      for (let j = i + 1; j < group.length; j++) {
        const other = indexById.get(group[j]) as number;
        if (weightBetween(weights, person, other) > 0) {
          repeats++;
        }
      }
    }
  }

  return repeats;
}
