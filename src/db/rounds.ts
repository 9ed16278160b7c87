import type { Insertable, Kysely, Updateable } from 'kysely';

import { addSignup, removeSignup } from './signups.js';
import type {
  Database,
  ListRow,
  RoundConfigRow,
  RoundConfigTable,
  ScheduledPostRow,
} from './schema.js';

type Db = Kysely<Database>;

export async function findRoundConfig(
  db: Db,
  teamId: string,
  channelId: string,
): Promise<RoundConfigRow | undefined> {
  return db
    .selectFrom('round_configs')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
}

export async function listRoundConfigs(db: Db): Promise<RoundConfigRow[]> {
  return db.selectFrom('round_configs').selectAll().orderBy('channel_id').execute();
}

/** Inserts or replaces a channel's configuration; `created_by` survives a replacement. */
export async function saveRoundConfig(
  db: Db,
  config: Insertable<RoundConfigTable>,
): Promise<RoundConfigRow> {
  const { team_id: _team, channel_id: _channel, created_by: _by, ...changes } = config;
  const updates: Updateable<RoundConfigTable> = { ...changes, updated_at: new Date() };

  return db
    .insertInto('round_configs')
    .values(config)
    .onConflict((oc) => oc.columns(['team_id', 'channel_id']).doUpdateSet(updates))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setPaused(
  db: Db,
  teamId: string,
  channelId: string,
  paused: boolean,
): Promise<boolean> {
  const result = await db
    .updateTable('round_configs')
    .set({ paused, updated_at: new Date() })
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();

  return result.numUpdatedRows > 0n;
}

export async function deleteRoundConfig(db: Db, teamId: string, channelId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('round_configs')
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();

  return result.numDeletedRows > 0n;
}

/**
 * Pauses a channel's rounds and deletes its scheduled posts, for a channel that was archived or
 * deleted. Returns how many of each it stopped. An organiser can resume the rounds later.
 */
export async function suspendChannel(
  db: Db,
  channelId: string,
): Promise<{ pausedRounds: number; deletedPosts: number }> {
  const rounds = await db
    .updateTable('round_configs')
    .set({ paused: true, updated_at: new Date() })
    .where('channel_id', '=', channelId)
    .where('paused', '=', false)
    .executeTakeFirst();
  const posts = await db
    .updateTable('scheduled_posts')
    .set({ deleted_at: new Date() })
    .where('channel_id', '=', channelId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

  return { pausedRounds: Number(rounds.numUpdatedRows), deletedPosts: Number(posts.numUpdatedRows) };
}

export async function isOrganiser(
  db: Db,
  teamId: string,
  channelId: string,
  userId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('organisers')
    .select('user_id')
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .where('user_id', '=', userId)
    .executeTakeFirst();

  return row !== undefined;
}

export async function listOrganisers(db: Db, teamId: string, channelId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('organisers')
    .select('user_id')
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .orderBy('created_at')
    .orderBy('user_id')
    .execute();

  return rows.map((row) => row.user_id);
}

/** Adds an organiser; returns false when the user already was one. */
export async function addOrganiser(
  db: Db,
  teamId: string,
  channelId: string,
  userId: string,
  addedBy: string,
): Promise<boolean> {
  const inserted = await db
    .insertInto('organisers')
    .values({ team_id: teamId, channel_id: channelId, user_id: userId, added_by: addedBy })
    .onConflict((oc) => oc.columns(['team_id', 'channel_id', 'user_id']).doNothing())
    .returning('user_id')
    .executeTakeFirst();

  return inserted !== undefined;
}

export async function removeOrganiser(
  db: Db,
  teamId: string,
  channelId: string,
  userId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('organisers')
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .where('user_id', '=', userId)
    .executeTakeFirst();

  return result.numDeletedRows > 0n;
}

export async function findListById(db: Db, listId: string): Promise<ListRow | undefined> {
  return db.selectFrom('lists').selectAll().where('id', '=', listId).executeTakeFirst();
}

/** Returns the channel's most recently closed list, whose sign-ups a carry-over round copies. */
export async function findLastClosedList(
  db: Db,
  teamId: string,
  channelId: string,
): Promise<ListRow | undefined> {
  return db
    .selectFrom('lists')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .where('status', '=', 'closed')
    .orderBy('closed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function createRoundList(
  db: Db,
  values: { teamId: string; channelId: string; closesAt: Date; closeKey: string },
): Promise<ListRow> {
  return db
    .insertInto('lists')
    .values({
      team_id: values.teamId,
      channel_id: values.channelId,
      closes_at: values.closesAt,
      close_key: values.closeKey,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setListClose(
  db: Db,
  listId: string,
  closesAt: Date | null,
  closeKey: string | null,
): Promise<void> {
  await db
    .updateTable('lists')
    .set({ closes_at: closesAt, close_key: closeKey })
    .where('id', '=', listId)
    .execute();
}

/** Closes an open list; returns false when another caller closed it first. */
export async function markListClosed(
  db: Db,
  listId: string,
  closedAt: Date,
  seed: string,
): Promise<boolean> {
  const result = await db
    .updateTable('lists')
    .set({ status: 'closed', closed_at: closedAt, match_seed: seed })
    .where('id', '=', listId)
    .where('status', '=', 'open')
    .executeTakeFirst();

  return result.numUpdatedRows > 0n;
}

export async function setAnnouncement(
  db: Db,
  listId: string,
  channelId: string,
  ts: string,
): Promise<void> {
  await db
    .updateTable('lists')
    .set({ announcement_channel: channelId, announcement_ts: ts })
    .where('id', '=', listId)
    .execute();
}

/** Copies every sign-up of one list into another, in the original order, none skipped. */
export async function copySignups(db: Db, fromListId: string, toListId: string): Promise<number> {
  const rows = await db
    .selectFrom('signups')
    .select('user_id')
    .where('list_id', '=', fromListId)
    .orderBy('id')
    .execute();
  if (rows.length === 0) {
    return 0;
  }
  const inserted = await db
    .insertInto('signups')
    .values(rows.map((row) => ({ list_id: toListId, user_id: row.user_id })))
    .onConflict((oc) => oc.columns(['list_id', 'user_id']).doNothing())
    .returning('id')
    .execute();

  return inserted.length;
}

/** Sets or clears a sign-up's skip flag; returns false when the user is not signed up. */
export async function setSkipped(
  db: Db,
  listId: string,
  userId: string,
  skipped: boolean,
): Promise<boolean> {
  const result = await db
    .updateTable('signups')
    .set({ skipped })
    .where('list_id', '=', listId)
    .where('user_id', '=', userId)
    .executeTakeFirst();

  return result.numUpdatedRows > 0n;
}

/** Counts the sign-ups that take part in the next draw, leaving out those who skip it. */
export async function countActiveSignups(db: Db, listId: string): Promise<number> {
  const row = await db
    .selectFrom('signups')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('list_id', '=', listId)
    .where('skipped', '=', false)
    .executeTakeFirstOrThrow();

  return Number(row.count);
}

/**
 * Signs a user up for a round, or brings back one who chose to skip it. Returns whether
 * anything changed and the count of active sign-ups after the change.
 */
export async function joinRound(
  db: Db,
  listId: string,
  userId: string,
): Promise<{ changed: boolean; count: number }> {
  const added = await addSignup(db, listId, userId);
  const unskipped = !added && (await setSkipped(db, listId, userId, false));

  return { changed: added || unskipped, count: await countActiveSignups(db, listId) };
}

/** Takes a user off a round. Returns whether they were on it and the active count after. */
export async function leaveRound(
  db: Db,
  listId: string,
  userId: string,
): Promise<{ changed: boolean; count: number }> {
  const removed = await removeSignup(db, listId, userId);

  return { changed: removed, count: await countActiveSignups(db, listId) };
}

export async function listSignupsWithSkips(
  db: Db,
  listId: string,
): Promise<Array<{ userId: string; skipped: boolean }>> {
  const rows = await db
    .selectFrom('signups')
    .select(['user_id', 'skipped'])
    .where('list_id', '=', listId)
    .orderBy('id')
    .execute();

  return rows.map((row) => ({ userId: row.user_id, skipped: row.skipped }));
}

export async function saveGroups(db: Db, listId: string, groups: string[][]): Promise<void> {
  const rows = groups.flatMap((members, index) =>
    members.map((userId) => ({ list_id: listId, group_number: index + 1, user_id: userId })),
  );
  if (rows.length > 0) {
    await db.insertInto('group_members').values(rows).execute();
  }
}

/** Returns the groups of the channel's last `limit` closed rounds, newest round first. */
export async function recentGroupings(
  db: Db,
  teamId: string,
  channelId: string,
  limit: number,
): Promise<Array<{ listId: string; closedAt: Date; groups: string[][] }>> {
  const lists = await db
    .selectFrom('lists')
    .select(['id', 'closed_at'])
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .where('status', '=', 'closed')
    .orderBy('closed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  if (lists.length === 0) {
    return [];
  }
  const members = await db
    .selectFrom('group_members')
    .select(['list_id', 'group_number', 'user_id'])
    .where(
      'list_id',
      'in',
      lists.map((list) => list.id),
    )
    .orderBy('list_id')
    .orderBy('group_number')
    .execute();
  const byList = new Map<string, Map<number, string[]>>();
  for (const member of members) {
    const groups = byList.get(member.list_id) ?? new Map<number, string[]>();
    const group = groups.get(member.group_number) ?? [];
    group.push(member.user_id);
    groups.set(member.group_number, group);
    byList.set(member.list_id, groups);
  }

  return lists.map((list) => ({
    listId: list.id,
    closedAt: list.closed_at as Date,
    groups: [...(byList.get(list.id)?.values() ?? [])],
  }));
}

export async function createScheduledPost(
  db: Db,
  values: {
    teamId: string;
    channelId: string;
    text: string;
    schedule: string;
    timeZone: string;
    createdBy: string;
  },
): Promise<ScheduledPostRow> {
  return db
    .insertInto('scheduled_posts')
    .values({
      team_id: values.teamId,
      channel_id: values.channelId,
      text: values.text,
      schedule: values.schedule,
      time_zone: values.timeZone,
      created_by: values.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listScheduledPosts(
  db: Db,
  filter?: { teamId: string; channelId: string },
): Promise<ScheduledPostRow[]> {
  let query = db.selectFrom('scheduled_posts').selectAll().where('deleted_at', 'is', null);
  if (filter) {
    query = query
      .where('team_id', '=', filter.teamId)
      .where('channel_id', '=', filter.channelId);
  }

  return query.orderBy('id').execute();
}

/** Marks a channel's scheduled post deleted; returns false when no such post is active. */
export async function deleteScheduledPost(
  db: Db,
  teamId: string,
  channelId: string,
  id: string,
): Promise<boolean> {
  const result = await db
    .updateTable('scheduled_posts')
    .set({ deleted_at: new Date() })
    .where('id', '=', id)
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

  return result.numUpdatedRows > 0n;
}
