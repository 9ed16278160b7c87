import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { sql } from 'kysely';

import { claimEvent, pruneProcessedEvents } from '../../src/db/processed-events.js';
import {
  addSignup,
  countSignups,
  findOpenList,
  getOrCreateOpenList,
  listSignups,
  removeSignup,
} from '../../src/db/signups.js';
import { openTestDatabase, type TestDatabase, testDatabaseKind } from '../helpers/database.js';

describe(`sign-up lists (${testDatabaseKind})`, () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase();
  });

  afterAll(async () => {
    await database.close();
  });

  beforeEach(async () => {
    await sql`truncate lists, signups, processed_events restart identity cascade`.execute(
      database.db,
    );
  });

  test('open list created once per channel', async () => {
    const first = await getOrCreateOpenList(database.db, 'T1', 'C1');
    const second = await getOrCreateOpenList(database.db, 'T1', 'C1');
    const other = await getOrCreateOpenList(database.db, 'T1', 'C2');

    expect(second.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
  });

  test('concurrent get-or-create yields one list', async () => {
    const lists = await Promise.all(
      Array.from({ length: 8 }, () => getOrCreateOpenList(database.db, 'T1', 'C1')),
    );
    const ids = new Set(lists.map((list) => list.id));
    const rows = await database.db.selectFrom('lists').select('id').execute();

    expect(ids.size).toBe(1);
    expect(rows).toHaveLength(1);
  });

  test('same user added twice keeps one row', async () => {
    const list = await getOrCreateOpenList(database.db, 'T1', 'C1');

    expect(await addSignup(database.db, list.id, 'U1')).toBe(true);
    expect(await addSignup(database.db, list.id, 'U1')).toBe(false);
    expect(await countSignups(database.db, list.id)).toBe(1);
  });

  test('concurrent adds by one user do not fail', async () => {
    const list = await getOrCreateOpenList(database.db, 'T1', 'C1');
    const results = await Promise.all(
      Array.from({ length: 10 }, () => addSignup(database.db, list.id, 'U1')),
    );

    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await countSignups(database.db, list.id)).toBe(1);
  });

  test('unique constraint rejects a raw duplicate insert', async () => {
    const list = await getOrCreateOpenList(database.db, 'T1', 'C1');
    await addSignup(database.db, list.id, 'U1');
    const duplicate = database.db
      .insertInto('signups')
      .values({ list_id: list.id, user_id: 'U1' })
      .execute();

    await expect(duplicate).rejects.toThrow(/signups_one_per_user/);
  });

  test('list keeps sign-up order', async () => {
    const list = await getOrCreateOpenList(database.db, 'T1', 'C1');
    for (const userId of ['U3', 'U1', 'U2']) {
      await addSignup(database.db, list.id, userId);
    }
    const signups = await listSignups(database.db, list.id);

    expect(signups.map((signup) => signup.userId)).toEqual(['U3', 'U1', 'U2']);
  });

  test('remove reports whether a row existed', async () => {
    const list = await getOrCreateOpenList(database.db, 'T1', 'C1');
    await addSignup(database.db, list.id, 'U1');

    expect(await removeSignup(database.db, list.id, 'U1')).toBe(true);
    expect(await removeSignup(database.db, list.id, 'U1')).toBe(false);
    expect(await countSignups(database.db, list.id)).toBe(0);
  });

  test('channels in other teams are separate', async () => {
    await getOrCreateOpenList(database.db, 'T1', 'C1');

    expect(await findOpenList(database.db, 'T2', 'C1')).toBeUndefined();
  });

  test('event claimed only once', async () => {
    expect(await claimEvent(database.db, 'message:C1:1.0')).toBe(true);
    expect(await claimEvent(database.db, 'message:C1:1.0')).toBe(false);
  });

  test('claim rolled back with its transaction', async () => {
    const failing = database.db.transaction().execute(async (trx) => {
      await claimEvent(trx, 'command:T1');
      throw new Error('work failed');
    });

    await expect(failing).rejects.toThrow('work failed');
    expect(await claimEvent(database.db, 'command:T1')).toBe(true);
  });

  test('prune removes only old claims', async () => {
    await claimEvent(database.db, 'old');
    await claimEvent(database.db, 'new');
    await database.db
      .updateTable('processed_events')
      .set({ received_at: sql`now() - interval '2 days'` } as never)
      .where('key', '=', 'old')
      .execute();

    expect(await pruneProcessedEvents(database.db, 24)).toBe(1);
    expect(await claimEvent(database.db, 'new')).toBe(false);
    expect(await claimEvent(database.db, 'old')).toBe(true);
  });
});
