import type { Migration } from 'kysely';

import * as signUpLists from './2026-12-04-001-sign-up-lists.js';
import * as rounds from './2026-12-04-002-rounds.js';

/**
 * Every migration, keyed by name. Kysely applies them in name order, so names start with the
 * date and a sequence number. Listing them here, instead of reading the folder at run time,
 * works the same under jest and in the compiled build.
 */
export const migrations: Record<string, Migration> = {
  '2026-12-04-001-sign-up-lists': signUpLists,
  '2026-12-04-002-rounds': rounds,
};
