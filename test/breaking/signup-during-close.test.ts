import { afterEach, describe, expect, test } from '@jest/globals';
import pg from 'pg';

import { ManualClock } from '../helpers/clock.js';
import { testDatabaseKind } from '../helpers/database.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { posts, slash } from '../rounds/helpers.js';

// These tests hold a table lock from a connection of their own to stop one transaction at a
// known step while another runs. PGlite serves a single connection, so its transactions never
// interleave and the tests run only against a PostgreSQL server.
const onServer = testDatabaseKind === 'postgres' ? test : test.skip;

let h: Harness | undefined;
let blocker: pg.Client | undefined;

afterEach(async () => {
  await blocker?.end();
  blocker = undefined;
  await h?.close();
  h = undefined;
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the bot with a #lunch channel whose rounds close daily at 12:00 UTC, each opening the
 * next, and signs alice and bob up for the round of Monday 2026-12-07.
 */
async function lunchWithTwo(): Promise<{ harness: Harness; clock: ManualClock; lunch: string }> {
  const clock = new ManualClock('2026-12-07T01:00:00Z');
  h = await startHarness({ clock });
  const lunch = h.sim.workspace.addChannel({ name: 'lunch', botIsMember: true }).id;
  await slash(h, 'alice', 'lunch', 'setup close="daily 12:00" tz=UTC size=2');
  await slash(h, 'alice', 'lunch', 'register');
  await slash(h, 'bob', 'lunch', 'register');

  return { harness: h, clock, lunch };
}

/** Opens a connection that holds `lock` (an SQL LOCK TABLE statement) until released. */
async function holdLock(harness: Harness, lock: string): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: harness.database.url });
  blocker = client;
  await client.connect();
  await client.query('begin');
  await client.query(lock);

  return async () => {
    await client.query('commit');
  };
}

async function signupsOf(harness: Harness, user: string) {
  const userId = harness.sim.workspace.requireUser(user).id;

  return harness.database.db
    .selectFrom('signups')
    .innerJoin('lists', 'lists.id', 'signups.list_id')
    .select(['lists.id', 'lists.status'])
    .where('signups.user_id', '=', userId)
    .execute();
}

async function groupedUsers(harness: Harness): Promise<string[]> {
  const rows = await harness.database.db.selectFrom('group_members').select('user_id').execute();

  return rows.map((row) => row.user_id).sort();
}

describe('sign-up racing a close', () => {
  onServer('register after the close began joins the next round', async () => {
    const { harness, clock } = await lunchWithTwo();
    // The close stops at saving its groups, after it has read the sign-ups.
    const release = await holdLock(harness, 'lock table group_members in access exclusive mode');
    clock.set('2026-12-07T12:00:00Z');
    const tick = harness.mate.services.scheduler.tick();
    await pause(500);
    const reply = slash(harness, 'carol', 'lunch', 'register');
    await pause(1_000);
    await release();
    const text = await reply;
    await tick;
    const carol = await signupsOf(harness, 'carol');

    expect(text).toMatch(/registered for the round that closes .*Tue 8 Dec, 12:00/);
    expect(carol).toHaveLength(1);
    expect(carol[0]?.status).toBe('open');
    expect(await groupedUsers(harness)).toHaveLength(2);
  }, 30_000);

  onServer('close waits for a register in progress', async () => {
    const { harness, clock, lunch } = await lunchWithTwo();
    // carol's register stops at adding her sign-up, after it found the open round.
    const release = await holdLock(harness, 'lock table signups in share mode');
    const reply = slash(harness, 'carol', 'lunch', 'register');
    await pause(500);
    clock.set('2026-12-07T12:00:00Z');
    const tick = harness.mate.services.scheduler.tick();
    await pause(1_000);
    await release();
    const text = await reply;
    await tick;
    const carolId = harness.sim.workspace.requireUser('carol').id;
    const results = posts(harness.sim.messages, lunch).filter((m) => /groups:/.test(m.text ?? ''));

    expect(text).toMatch(/registered for the round that closes .*Mon 7 Dec, 12:00/);
    expect(await groupedUsers(harness)).toContain(carolId);
    expect(results).toHaveLength(1);
    expect(results[0]?.text).toContain(`<@${carolId}>`);
  }, 30_000);

  onServer('join button after the close began says closed', async () => {
    const { harness, clock, lunch } = await lunchWithTwo();
    const announcement = posts(harness.sim.messages, lunch).find((m) => /is open/.test(m.text ?? ''));
    const release = await holdLock(harness, 'lock table group_members in access exclusive mode');
    clock.set('2026-12-07T12:00:00Z');
    const tick = harness.mate.services.scheduler.tick();
    await pause(500);
    const mark = harness.sim.mark();
    await harness.sim.sendBlockAction({
      user: 'carol',
      actionId: 'mate_round_join',
      channel: lunch,
      messageTs: announcement?.ts as string,
    });
    await pause(1_000);
    await release();
    await tick;
    const reply = await harness.sim.waitFor((m) => m.source === 'response_url', { since: mark });

    expect(reply.text).toMatch(/round has closed/);
    expect(await signupsOf(harness, 'carol')).toHaveLength(0);
  }, 30_000);
});
