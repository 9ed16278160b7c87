import { afterEach, expect, test } from '@jest/globals';

import { ManualClock } from '../helpers/clock.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { directPosts, slash, tickAt } from '../rounds/helpers.js';

// Rounds whose channel or members change under them in Slack, and settings that could never work.

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(): Promise<{ harness: Harness; clock: ManualClock }> {
  const clock = new ManualClock('2026-12-07T01:00:00Z');
  h = await startHarness({ clock });
  h.sim.workspace.addChannel({ name: 'lunch', botIsMember: true });

  return { harness: h, clock };
}

// The group DM cannot open with a deactivated member. The sender leaves that member out, and
// bob, now alone, gets the message for someone without a group.
test('deactivated member leaves partner a DM', async () => {
  const { harness, clock } = await start();
  await slash(harness, 'alice', 'lunch', 'setup close="daily 12:00" tz=UTC size=2');
  await slash(harness, 'bob', 'lunch', 'register');
  await slash(harness, 'carol', 'lunch', 'register');
  harness.sim.workspace.requireUser('carol').deleted = true;
  const messages = await tickAt(harness, clock, '2026-12-07T12:00:00Z');
  const bob = harness.sim.workspace.requireUser('bob').id;
  const toBob = directPosts(harness, messages).filter((m) =>
    harness.sim.workspace.requireChannel(m.channel).members.has(bob),
  );

  expect(toBob).toHaveLength(1);
  expect(toBob[0]?.text).toMatch(/only one signed up/);
});

// Rounds are open from 11:00 to 12:00, so a reminder two hours before the close could never be
// sent; setup rejects it.
test('reminder longer than every round is rejected', async () => {
  const { harness } = await start();
  const reply = await slash(
    harness,
    'alice',
    'lunch',
    'setup close="daily 12:00" open="daily 11:00" tz=UTC reminders=120',
  );

  expect(reply).not.toMatch(/^Saved\./);
  expect(reply).toContain('"120"');
});

// In an archived channel every post fails with is_archived. The first failure pauses the
// channel's rounds, so no new round opens and fails every day.
test('archived channel stops its rounds', async () => {
  const { harness, clock } = await start();
  await slash(harness, 'alice', 'lunch', 'setup close="daily 12:00" tz=UTC size=2');
  harness.sim.workspace.archiveChannel('lunch');
  await tickAt(harness, clock, '2026-12-07T12:00:00Z');
  await tickAt(harness, clock, '2026-12-08T12:00:00Z');
  const row = await harness.database.db.selectFrom('round_configs').select('paused').executeTakeFirst();
  const lists = await harness.database.db.selectFrom('lists').select('id').execute();

  expect(row?.paused).toBe(true);
  expect(lists.length).toBeLessThanOrEqual(2);
});
