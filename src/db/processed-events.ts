import { type Kysely, sql } from 'kysely';

import type { Database } from './schema.js';

/**
 * Records that the request identified by `key` is being handled. Returns false when it was
 * recorded before, which means this delivery is a duplicate and must have no effect. Call it
 * inside the transaction that makes the request's changes, so a failed attempt leaves no
 * record and a redelivery can still succeed.
 */
export async function claimEvent(db: Kysely<Database>, key: string): Promise<boolean> {
  const inserted = await db
    .insertInto('processed_events')
    .values({ key })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();

  return inserted !== undefined;
}

/** Deletes records older than `maxAgeHours`; Slack stops redelivering long before that. */
export async function pruneProcessedEvents(
  db: Kysely<Database>,
  maxAgeHours: number,
): Promise<number> {
  const result = await db
    .deleteFrom('processed_events')
    .where('received_at', '<', sql<Date>`now() - make_interval(hours => ${maxAgeHours})`)
    .executeTakeFirst();

  return Number(result.numDeletedRows);
}
