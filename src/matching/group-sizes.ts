export const MIN_GROUP_SIZE = 2;
export const MAX_GROUP_SIZE = 8;

/**
 * Maximum members of one group. Mate introduces each group in a Slack group DM, which has at
 * most nine members, and the bot is one of them.
 */
export const MAX_GROUP_MEMBERS = 8;

/** Throws a RangeError unless `groupSize` is an integer from 2 to 8. */
export function validateGroupSize(groupSize: unknown): asserts groupSize is number {
  if (
    typeof groupSize !== 'number' ||
    !Number.isInteger(groupSize) ||
    groupSize < MIN_GROUP_SIZE ||
    groupSize > MAX_GROUP_SIZE
  ) {
    const valueText = typeof groupSize === 'string' ? `'${groupSize}'` : String(groupSize);
    throw new RangeError(
      `Invalid groupSize ${valueText}: it must be an integer from ${MIN_GROUP_SIZE} ` +
        `to ${MAX_GROUP_SIZE}.`,
    );
  }
}

/**
 * Returns how many groups `n` people form for a requested `groupSize`:
 * round(n / groupSize) with halves rounded up, at least 1, at least enough that no group has
 * more than MAX_GROUP_MEMBERS, and at most floor(n / 2) so that no group has a single member.
 * Returns 0 when n < 2.
 *
 * Examples: 3 people in pairs form one group of 3, 5 people in pairs form 3 + 2, and 7 people
 * in groups of 4 form 4 + 3. Because the count is rounded, a group can be larger than
 * `groupSize`, but never larger than floor(1.5 x groupSize) or MAX_GROUP_MEMBERS: 11 people in
 * groups of 8 form 6 + 5. Small rounds can also give smaller groups, down to a pair.
 */
export function countGroups(n: number, groupSize: number): number {
  if (n < 2) {
    return 0;
  }
  const rounded = Math.max(Math.round(n / groupSize), Math.ceil(n / MAX_GROUP_MEMBERS));

  return Math.max(1, Math.min(rounded, Math.floor(n / 2)));
}

/**
 * Returns the size of each group for `n` people: sizes differ by at most one and the larger
 * groups come first.
 */
export function planGroupSizes(n: number, groupSize: number): number[] {
  const count = countGroups(n, groupSize);
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    sizes.push(Math.floor(n / count) + (i < n % count ? 1 : 0));
  }

  return sizes;
}
