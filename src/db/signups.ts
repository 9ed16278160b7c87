import type { Kysely } from 'kysely';

import type { Database, ListRow } from './schema.js';

type Db = Kysely<Database>;

export interface Signup {
  userId: string;
  createdAt: Date;
}

export async function findOpenList(
  db: Db,
  teamId: string,
  channelId: string,
): Promise<ListRow | undefined> {
  return db
    .selectFrom('lists')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .where('status', '=', 'open')
    .executeTakeFirst();
}

/**
 * Returns the channel's open list and holds a share lock on it until the transaction ends, so
 * a close of that list that has not committed yet finishes first. A sign-up change made under
 * this lock therefore lands in the round before its draw or in the round after it.
 */
export async function lockOpenList(
  db: Db,
  teamId: string,
  channelId: string,
): Promise<ListRow | undefined> {
  // A statement that waited for a close skips the list it closed, and its snapshot predates
  // the round that the close opened, so a second statement looks for that round.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const list = await db
      .selectFrom('lists')
      .selectAll()
      .where('team_id', '=', teamId)
      .where('channel_id', '=', channelId)
      .where('status', '=', 'open')
      .forShare()
      .executeTakeFirst();
    if (list) {
      return list;
    }
  }

  return undefined;
}

/**
 * Returns a list by id and holds a share lock on it until the transaction ends. When a close
 * of the list was in progress, the row returned is the closed one.
 */
export async function lockList(db: Db, listId: string): Promise<ListRow | undefined> {
  return db.selectFrom('lists').selectAll().where('id', '=', listId).forShare().executeTakeFirst();
}

/**
 * Returns the channel's open list, creating it first when there is none. Two callers racing
 * here both get the same list, because the insert yields to the unique index on open lists.
 */
export async function getOrCreateOpenList(
  db: Db,
  teamId: string,
  channelId: string,
): Promise<ListRow> {
  const existing = await findOpenList(db, teamId, channelId);
  if (existing) {
    return existing;
  }
  await db
    .insertInto('lists')
    .values({ team_id: teamId, channel_id: channelId })
    .onConflict((oc) =>
      oc.columns(['team_id', 'channel_id']).where('status', '=', 'open').doNothing(),
    )
    .execute();
  const list = await findOpenList(db, teamId, channelId);
  if (!list) {
    throw new Error(`open list for channel ${channelId} vanished right after it was created`);
  }

  return list;
}

/** Adds a sign-up; returns false when the user was already on the list. */
export async function addSignup(db: Db, listId: string, userId: string): Promise<boolean> {
  const inserted = await db
    .insertInto('signups')
    .values({ list_id: listId, user_id: userId })
    .onConflict((oc) => oc.columns(['list_id', 'user_id']).doNothing())
    .returning('id')
    .executeTakeFirst();

  return inserted !== undefined;
}

/** Removes a sign-up; returns false when the user was not on the list. */
export async function removeSignup(db: Db, listId: string, userId: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom('signups')
    .where('list_id', '=', listId)
    .where('user_id', '=', userId)
    .returning('id')
    .executeTakeFirst();

  return deleted !== undefined;
}

/** Returns the list's sign-ups, oldest first. The serial id breaks ties between equal timestamps. */
export async function listSignups(db: Db, listId: string): Promise<Signup[]> {
  const rows = await db
    .selectFrom('signups')
    .select(['user_id', 'created_at'])
    .where('list_id', '=', listId)
    .orderBy('id')
    .execute();

  return rows.map((row) => ({ userId: row.user_id, createdAt: row.created_at }));
}

export async function countSignups(db: Db, listId: string): Promise<number> {
  const row = await db
    .selectFrom('signups')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('list_id', '=', listId)
    .executeTakeFirstOrThrow();

  return Number(row.count);
}
