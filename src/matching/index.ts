export { formGroups, DuplicateUserIdError } from './form-groups.js';
export type { FormGroupsOptions, GroupingResult } from './form-groups.js';
export {
  countGroups,
  planGroupSizes,
  MAX_GROUP_MEMBERS,
  MAX_GROUP_SIZE,
  MIN_GROUP_SIZE,
} from './group-sizes.js';
export {
  buildPairingHistory,
  countRepeatPairs,
  DEFAULT_HALF_LIFE_ROUNDS,
} from './history.js';
export type { PairingHistory, PastGrouping, PastRoundRow } from './history.js';
export type { StopReason } from './local-search.js';
export { createRandom } from './random.js';
export type { SeededRandom } from './random.js';
export { formRandomGroups } from './random-groups.js';
