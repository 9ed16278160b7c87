import { afterEach, expect, test } from '@jest/globals';

import { ManualClock } from '../helpers/clock.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { posts, slash, tickAt } from '../rounds/helpers.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function pausedFlag(harness: Harness): Promise<boolean | undefined> {
  const row = await harness.database.db.selectFrom('round_configs').select('paused').executeTakeFirst();

  return row?.paused;
}

test('setup change keeps rounds paused', async () => {
  const clock = new ManualClock('2026-12-07T01:00:00Z');
  h = await startHarness({ clock });
  const lunch = h.sim.workspace.addChannel({ name: 'lunch', botIsMember: true }).id;
  await slash(h, 'alice', 'lunch', 'setup close="daily 12:00" tz=UTC');
  await slash(h, 'bob', 'lunch', 'register');
  await slash(h, 'carol', 'lunch', 'register');
  expect(await slash(h, 'alice', 'lunch', 'pause')).toMatch(/^Paused/);
  const reply = await slash(h, 'alice', 'lunch', 'setup size=3');
  const closing = posts(await tickAt(h, clock, '2026-12-07T12:00:00Z'), lunch);

  expect(reply).toMatch(/^Saved\./);
  expect(reply).toContain('(paused)');
  expect(reply).toContain('Group size: 3');
  expect(await pausedFlag(h)).toBe(true);
  expect(closing).toHaveLength(0);
});

test('setup while paused opens no round', async () => {
  const clock = new ManualClock('2026-12-07T01:00:00Z');
  h = await startHarness({ clock });
  const lunch = h.sim.workspace.addChannel({ name: 'lunch', botIsMember: true }).id;
  // With an opening time, no round is open until 9:00, which is still ahead.
  await slash(h, 'alice', 'lunch', 'setup close="daily 12:00" open="daily 9:00" tz=UTC');
  await slash(h, 'alice', 'lunch', 'pause');
  const mark = h.sim.mark();
  // Without one, saving would open a round at once.
  const reply = await slash(h, 'alice', 'lunch', 'setup open=none');
  const lists = await h.database.db.selectFrom('lists').select('id').execute();

  expect(reply).toMatch(/^Saved\./);
  expect(posts(h.sim.messages.slice(mark), lunch)).toHaveLength(0);
  expect(lists).toHaveLength(0);
  expect(await pausedFlag(h)).toBe(true);
});
