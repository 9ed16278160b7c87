import { afterEach, expect, test } from '@jest/globals';
import { sql } from 'kysely';

import { ManualClock } from '../helpers/clock.js';
import { testDatabaseKind } from '../helpers/database.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { directPosts, posts, slash } from '../rounds/helpers.js';

// The test stretches one transaction's commit so that another can run meanwhile. PGlite serves
// a single connection, so its transactions never interleave and the test needs a server.
const onServer = testDatabaseKind === 'postgres' ? test : test.skip;

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Makes every transaction that handles a request wait `seconds` before its commit. */
async function slowRequestCommits(harness: Harness, seconds: number): Promise<void> {
  await sql
    .raw(
      `create function slow_commit() returns trigger language plpgsql as $$
       begin
         perform pg_sleep(${seconds});
         return null;
       end $$`,
    )
    .execute(harness.database.db);
  await sql
    .raw(
      `create constraint trigger slow_commit after insert on processed_events
       deferrable initially deferred for each row execute function slow_commit()`,
    )
    .execute(harness.database.db);
}

onServer('close command racing the scheduled close draws once', async () => {
  const clock = new ManualClock('2026-12-07T01:00:00Z');
  h = await startHarness({ clock });
  const harness = h;
  const lunch = h.sim.workspace.addChannel({ name: 'lunch', botIsMember: true }).id;
  await slash(h, 'alice', 'lunch', 'setup close="daily 12:00" tz=UTC size=2 carryover=yes');
  for (const user of ['alice', 'bob', 'carol']) {
    await slash(h, user, 'lunch', 'register');
  }
  await slowRequestCommits(h, 1);

  // alice asks to close Monday's round. While her request commits, the scheduled close draws
  // that round and opens Tuesday's, into which everyone carries over.
  clock.set('2026-12-07T12:00:00Z');
  const reply = slash(harness, 'alice', 'lunch', 'close');
  await new Promise((resolve) => setTimeout(resolve, 300));
  await harness.mate.services.scheduler.tick();
  const text = await reply;
  const results = posts(harness.sim.messages, lunch).filter((m) => /groups:/.test(m.text ?? ''));
  const introductions = directPosts(harness, harness.sim.messages);
  const open = await harness.database.db
    .selectFrom('lists')
    .select(['id', 'closes_at'])
    .where('status', '=', 'open')
    .execute();

  expect(text).not.toMatch(/Closed the round/);
  expect(text).toMatch(/closed on schedule just before your request/);
  expect(results).toHaveLength(1);
  expect(introductions).toHaveLength(1);
  expect(open).toHaveLength(1);
  expect(open[0]?.closes_at?.toISOString()).toBe('2026-12-08T12:00:00.000Z');
}, 30_000);
