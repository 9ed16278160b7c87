import { planGroupSizes, validateGroupSize } from './group-sizes.js';
import { createRandom } from './random.js';

/**
 * Splits `userIds` into groups by a seeded shuffle alone, ignoring history, with the same group
 * sizes as formGroups. Tests and the benchmark use it as the baseline that formGroups must beat.
 * Returns no groups for fewer than two people.
 */
export function formRandomGroups(
  userIds: readonly string[],
  groupSize: number,
  seed: string | number,
): string[][] {
  validateGroupSize(groupSize);
  const shuffled = createRandom(seed).shuffle([...userIds]);
  const groups: string[][] = [];
  let next = 0;
  for (const size of planGroupSizes(shuffled.length, groupSize)) {
    groups.push(shuffled.slice(next, next + size));
    next += size;
  }

  return groups;
}
