import { afterEach, expect, test } from '@jest/globals';
import { sql } from 'kysely';

import { ManualClock } from '../helpers/clock.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { posts, slash } from '../rounds/helpers.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

/**
 * Makes every new list of one channel fail to insert, the way a full disk or a broken row
 * would fail that channel's close while other channels are fine.
 */
async function breakListsOf(harness: Harness, channelId: string): Promise<void> {
  await sql
    .raw(
      `create function reject_list() returns trigger language plpgsql as $$
       begin
         if new.channel_id = '${channelId}' then
           raise exception 'simulated storage failure for %', new.channel_id;
         end if;
         return new;
       end $$`,
    )
    .execute(harness.database.db);
  await sql
    .raw(
      'create trigger reject_list before insert on lists for each row execute function reject_list()',
    )
    .execute(harness.database.db);
}

test('failing channel leaves others running', async () => {
  const clock = new ManualClock('2026-12-07T01:00:00Z');
  h = await startHarness({ clock });
  // Channels are checked in id order, so the failing one comes first.
  const broken = h.sim.workspace.addChannel({ name: 'broken', botIsMember: true }).id;
  const lunch = h.sim.workspace.addChannel({ name: 'lunch', botIsMember: true }).id;
  for (const channel of ['broken', 'lunch']) {
    await slash(h, 'alice', channel, 'setup close="daily 12:00" tz=UTC size=2');
    await slash(h, 'alice', channel, 'register');
    await slash(h, 'bob', channel, 'register');
  }
  await breakListsOf(h, broken);

  clock.set('2026-12-07T12:00:00Z');
  const first = await h.mate.services.scheduler.tick().then(
    () => 'completed',
    (err: unknown) => `rejected: ${String(err)}`,
  );
  clock.set('2026-12-07T12:01:00Z');
  await h.mate.services.scheduler.tick().catch(() => undefined);
  const results = posts(h.sim.messages, lunch).filter((m) => /groups:/.test(m.text ?? ''));

  expect(first).toBe('completed');
  expect(results).toHaveLength(1);
  expect(h.logs.text()).toMatch(/simulated storage failure/);
});
