import { hasPartners, weightBetween } from './history.js';
import type { PairWeights } from './history.js';
import type { SeededRandom } from './random.js';

/**
 * Reason the search stopped. `local-optimum` means that no swap of two people lowered the cost
 * and that MAX_STALE_KICKS random perturbations in a row found no lower cost either.
 */
export type StopReason = 'no-repeats' | 'local-optimum' | 'evaluation-limit' | 'time-limit';

export interface SearchLimits {
  /** Maximum number of swap evaluations. */
  maxEvaluations: number;
  /** Time, in performance.now() milliseconds, after which the search stops. */
  deadline: number;
}

export interface SearchOutcome {
  /** Members of each group, as person indices. */
  groups: number[][];
  /** Summed integer weight of the pairs that share a group. */
  cost: number;
  evaluations: number;
  stoppedBy: StopReason;
}

// Perturbations in a row that may fail to lower the cost before the search gives up.
const MAX_STALE_KICKS = 50;
// Each perturbation makes 1 to this many swaps, each moving a person with a repeat partner.
const MAX_KICK_SWAPS = 3;
// The clock is read once per this many evaluations, which keeps it out of the inner loop.
const CLOCK_CHECK_INTERVAL = 1024;

/**
 * Swaps people between groups to lower the summed weight of pairs that share a group.
 *
 * The search starts from `initialGroups` and keeps every group's size. For each person with a
 * repeat partner, it scans the others from a random start and makes the first swap that lowers
 * the cost. When no swap helps, it perturbs the grouping with a few random swaps, descends
 * again, and keeps the result unless the cost went up (iterated local search). It stops when no
 * pair is a repeat, or at a limit in `limits`. All choices come from `random`, so the outcome
 * depends only on the inputs, unless the time limit cuts the search short.
 */
export function searchGroups(
  initialGroups: readonly (readonly number[])[],
  weights: PairWeights,
  random: SeededRandom,
  limits: SearchLimits,
): SearchOutcome {
  const search = new GroupingSearch(initialGroups, weights, random, limits);
  const stoppedBy = search.run();

  return {
    groups: search.groupsAsArrays(),
    cost: search.cost,
    evaluations: search.evaluations,
    stoppedBy,
  };
}

type ImproveResult = 'improved' | 'stuck' | StopReason;

class GroupingSearch {
  cost = 0;
  evaluations = 0;

  readonly #weights: PairWeights;
  readonly #random: SeededRandom;
  readonly #limits: SearchLimits;
  readonly #peopleCount: number;
  readonly #groupCount: number;
  // All group members in one flat array: group g is members[groupStart[g] .. groupStart[g + 1]).
  readonly #members: Int32Array;
  readonly #groupStart: Int32Array;
  readonly #groupOf: Int32Array;
  readonly #slotOf: Int32Array;
  // Summed weight between a person and the others in their group. Integers, so exact.
  readonly #personCost: Float64Array;
  // People whose personCost is above 0, as a sparse set: positions are -1 when absent.
  readonly #conflicted: Int32Array;
  readonly #conflictedPosition: Int32Array;
  #conflictedCount = 0;
  // 1 for a person whose last scan found no improving swap and whose group has not changed.
  readonly #skip: Uint8Array;
  // Swaps made since the last perturbation, so that a worse outcome can be undone.
  readonly #swapLog: number[] = [];
  #logging = false;

  constructor(
    initialGroups: readonly (readonly number[])[],
    weights: PairWeights,
    random: SeededRandom,
    limits: SearchLimits,
  ) {
    this.#weights = weights;
    this.#random = random;
    this.#limits = limits;
    this.#groupCount = initialGroups.length;
    this.#peopleCount = initialGroups.reduce((total, group) => total + group.length, 0);

    const n = this.#peopleCount;
    this.#members = new Int32Array(n);
    this.#groupStart = new Int32Array(this.#groupCount + 1);
    this.#groupOf = new Int32Array(n);
    this.#slotOf = new Int32Array(n);
    this.#personCost = new Float64Array(n);
    this.#conflicted = new Int32Array(n);
    this.#conflictedPosition = new Int32Array(n).fill(-1);
    this.#skip = new Uint8Array(n);

    let slot = 0;
    initialGroups.forEach((group, groupIndex) => {
      this.#groupStart[groupIndex] = slot;
      for (const person of group) {
        this.#members[slot] = person;
        this.#groupOf[person] = groupIndex;
        this.#slotOf[person] = slot;
        slot++;
      }
    });
    this.#groupStart[this.#groupCount] = slot;

    let doubledCost = 0;
    for (let person = 0; person < n; person++) {
      const personCost = this.#weightToGroup(person, this.#groupOf[person], -1);
      this.#setPersonCost(person, personCost);
      doubledCost += personCost;
    }
    this.cost = doubledCost / 2;
  }

  run(): StopReason {
    if (this.#groupCount < 2) {
      return this.cost === 0 ? 'no-repeats' : 'local-optimum';
    }

    const first = this.#descend();
    if (first !== 'local-optimum') {
      return first;
    }

    let bestCost = this.cost;
    let staleKicks = 0;
    while (staleKicks < MAX_STALE_KICKS) {
      this.#swapLog.length = 0;
      this.#logging = true;
      this.#kick();
      const result = this.#descend();
      this.#logging = false;

      if (this.cost > bestCost) {
        this.#undoLoggedSwaps();
      }
      if (result !== 'local-optimum') {
        return result;
      }
      if (this.cost < bestCost) {
        bestCost = this.cost;
        staleKicks = 0;
      } else {
        staleKicks++;
      }
    }

    return 'local-optimum';
  }

  groupsAsArrays(): number[][] {
    const groups: number[][] = [];
    for (let group = 0; group < this.#groupCount; group++) {
      const start = this.#groupStart[group];
      const end = this.#groupStart[group + 1];
      groups.push(Array.from(this.#members.subarray(start, end)));
    }

    return groups;
  }

  /**
   * Makes improving swaps until none is left, the cost is 0, or a limit is reached.
   * A person with no improving swap is skipped until a swap changes their group ("don't look"
   * bits), so the descent after a perturbation does not rescan everyone. The cost: a swap that
   * a change in some other group made possible for a skipped person can be missed.
   */
  #descend(): StopReason {
    for (;;) {
      if (this.cost === 0) {
        return 'no-repeats';
      }

      const candidates: number[] = [];
      for (let i = 0; i < this.#conflictedCount; i++) {
        const person = this.#conflicted[i];
        if (this.#skip[person] === 0) {
          candidates.push(person);
        }
      }
      if (candidates.length === 0) {
        return 'local-optimum';
      }

      for (const person of this.#random.shuffle(candidates)) {
        if (this.#personCost[person] === 0 || this.#skip[person] === 1) {
          continue;
        }
        const result = this.#improvePerson(person);
        if (result === 'stuck') {
          this.#skip[person] = 1;
        } else if (result !== 'improved') {
          return result;
        } else if (this.cost === 0) {
          return 'no-repeats';
        }
      }
    }
  }

  /** Makes the first swap of `person` that lowers the cost, scanning from a random start. */
  #improvePerson(person: number): ImproveResult {
    const n = this.#peopleCount;
    const group = this.#groupOf[person];
    const start = this.#random.nextInt(n);

    for (let step = 0; step < n; step++) {
      let other = start + step;
      if (other >= n) {
        other -= n;
      }
      if (this.#groupOf[other] === group) {
        continue;
      }

      const limit = this.#countEvaluation();
      if (limit !== undefined) {
        return limit;
      }
      if (this.#swapDelta(person, other) < 0) {
        this.#swap(person, other);
        return 'improved';
      }
    }

    return 'stuck';
  }

  #countEvaluation(): StopReason | undefined {
    this.evaluations++;
    if (this.evaluations >= this.#limits.maxEvaluations) {
      return 'evaluation-limit';
    }
    if (
      this.evaluations % CLOCK_CHECK_INTERVAL === 0 &&
      performance.now() >= this.#limits.deadline
    ) {
      return 'time-limit';
    }

    return undefined;
  }

  /** Swaps a few people who have repeat partners with random people from other groups. */
  #kick(): void {
    const swaps = 1 + this.#random.nextInt(MAX_KICK_SWAPS);
    for (let i = 0; i < swaps && this.#conflictedCount > 0; i++) {
      const person = this.#conflicted[this.#random.nextInt(this.#conflictedCount)];
      const group = this.#groupOf[person];
      const groupSize = this.#groupStart[group + 1] - this.#groupStart[group];
      // Picks uniformly among the people outside the group by skipping over its slots.
      let slot = this.#random.nextInt(this.#peopleCount - groupSize);
      if (slot >= this.#groupStart[group]) {
        slot += groupSize;
      }
      this.#swap(person, this.#members[slot]);
    }
  }

  #undoLoggedSwaps(): void {
    const log = this.#swapLog;
    for (let i = log.length - 2; i >= 0; i -= 2) {
      this.#swap(log[i], log[i + 1]);
    }
    log.length = 0;
  }

  /** Returns the change in cost if `person` and `other`, in different groups, swapped. */
  #swapDelta(person: number, other: number): number {
    const personGroup = this.#groupOf[person];
    const otherGroup = this.#groupOf[other];
    const after =
      this.#weightToGroup(person, otherGroup, other) +
      this.#weightToGroup(other, personGroup, person);

    return after - this.#personCost[person] - this.#personCost[other];
  }

  #swap(person: number, other: number): void {
    const personGroup = this.#groupOf[person];
    const otherGroup = this.#groupOf[other];
    const personCost = this.#weightToGroup(person, otherGroup, other);
    const otherCost = this.#weightToGroup(other, personGroup, person);
    this.cost +=
      personCost + otherCost - this.#personCost[person] -
      this.#personCost[other];

    // The people who stay see one partner leave and another arrive.
    this.#shiftGroupCosts(personGroup, person, other);
    this.#shiftGroupCosts(otherGroup, other, person);
    this.#setPersonCost(person, personCost);
    this.#setPersonCost(other, otherCost);

    const personSlot = this.#slotOf[person];
    const otherSlot = this.#slotOf[other];
    this.#members[personSlot] = other;
    this.#members[otherSlot] = person;
    this.#slotOf[person] = otherSlot;
    this.#slotOf[other] = personSlot;
    this.#groupOf[person] = otherGroup;
    this.#groupOf[other] = personGroup;
    this.#clearSkips(personGroup);
    this.#clearSkips(otherGroup);

    if (this.#logging) {
      this.#swapLog.push(person, other);
    }
  }

  #shiftGroupCosts(group: number, leaving: number, arriving: number): void {
    const end = this.#groupStart[group + 1];
    for (let slot = this.#groupStart[group]; slot < end; slot++) {
      const member = this.#members[slot];
      if (member === leaving) {
        continue;
      }
      const change = this.#weight(member, arriving) - this.#weight(member, leaving);
      if (change !== 0) {
        this.#setPersonCost(member, this.#personCost[member] + change);
      }
    }
  }

  #clearSkips(group: number): void {
    const end = this.#groupStart[group + 1];
    for (let slot = this.#groupStart[group]; slot < end; slot++) {
      this.#skip[this.#members[slot]] = 0;
    }
  }

  /** Sums the weights between `person` and the members of `group`, except `skipped`. */
  #weightToGroup(person: number, group: number, skipped: number): number {
    if (!hasPartners(this.#weights, person)) {
      return 0;
    }
    let total = 0;
    const end = this.#groupStart[group + 1];
    for (let slot = this.#groupStart[group]; slot < end; slot++) {
      const member = this.#members[slot];
      if (member !== person && member !== skipped) {
        total += weightBetween(this.#weights, person, member);
      }
    }

    return total;
  }

  #weight(person: number, other: number): number {
    return weightBetween(this.#weights, person, other);
  }

  #setPersonCost(person: number, cost: number): void {
    this.#personCost[person] = cost;
    const position = this.#conflictedPosition[person];
    if (cost > 0 && position < 0) {
      this.#conflicted[this.#conflictedCount] = person;
      this.#conflictedPosition[person] = this.#conflictedCount;
      this.#conflictedCount++;
    } else if (cost === 0 && position >= 0) {
      // Moves the last entry into the freed position, keeping the set dense.
      const last = this.#conflicted[this.#conflictedCount - 1];
      this.#conflicted[position] = last;
      this.#conflictedPosition[last] = position;
      this.#conflictedPosition[person] = -1;
      this.#conflictedCount--;
    }
  }
}
