import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { ManualClock } from '../helpers/clock.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { slash } from '../rounds/helpers.js';

const clock = new ManualClock('2026-12-07T01:00:00Z');
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ clock });
  h.sim.workspace.addChannel({ name: 'lunch', botIsMember: true });
  await slash(h, 'alice', 'lunch', 'setup close="weekdays 11:50" tz=Asia/Seoul size=2');
});

afterAll(async () => {
  await h.close();
});

async function storedConfig() {
  return h.database.db
    .selectFrom('round_configs')
    .select(['close_schedule', 'group_size', 'title'])
    .executeTakeFirst();
}

describe('setup key=value input', () => {
  test.each([
    ['setup close="daily 9:00 size=3', /quote/],
    ['setup title=“Lunch size=3', /quote/],
    ['setup close="daily 9:00" size=3 close="daily 10:00"', /"close".*more than once/],
    ['setup size=3 SIZE=4', /"size".*more than once/],
  ])('%s is rejected', async (text, expected) => {
    const before = await storedConfig();
    const reply = await slash(h, 'alice', 'lunch', text);

    expect(reply).toMatch(/^Invalid setting/);
    expect(reply).toMatch(expected);
    expect(await storedConfig()).toEqual(before);
  });

  test('closed curly quotes still parse', async () => {
    const reply = await slash(h, 'alice', 'lunch', 'setup title=“Lunch & learn” size=3');

    expect(reply).toMatch(/^Saved\./);
    expect(await storedConfig()).toEqual({
      close_schedule: '50 11 * * 1-5',
      group_size: 3,
      title: 'Lunch & learn',
    });
  });
});
