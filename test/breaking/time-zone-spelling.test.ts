import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { ManualClock } from '../helpers/clock.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { slash } from '../rounds/helpers.js';

// Monday 2026-12-07, 10:00 in Seoul.
const clock = new ManualClock('2026-12-07T01:00:00Z');
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ clock });
  h.sim.workspace.addChannel({ name: 'lunch', botIsMember: true });
  h.sim.workspace.addChannel({ name: 'standup', botIsMember: true });
});

afterAll(async () => {
  await h.close();
});

describe('time zone spelling', () => {
  test.each([
    ['asia/seoul', 'Asia/Seoul'],
    ['ASIA/SEOUL', 'Asia/Seoul'],
    ['europe/london', 'Europe/London'],
    ['utc', 'UTC'],
    // ICU resolves these to older aliases (Asia/Calcutta, America/Los_Angeles).
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['US/Pacific', 'US/Pacific'],
  ])('setup stores %s as %s', async (typed, canonical) => {
    const reply = await slash(h, 'alice', 'lunch', `setup close="weekdays 11:50" tz=${typed}`);
    const row = await h.database.db.selectFrom('round_configs').select('time_zone').executeTakeFirst();

    expect(reply).toMatch(/^Saved\./);
    expect(reply).toContain(`Time zone: ${canonical}`);
    expect(row?.time_zone).toBe(canonical);
  });

  test('schedule stores the canonical zone', async () => {
    const reply = await slash(h, 'alice', 'standup', 'schedule daily 8:00 tz=america/santiago | Hola');
    const row = await h.database.db
      .selectFrom('scheduled_posts')
      .select('time_zone')
      .orderBy('id', 'desc')
      .executeTakeFirst();

    expect(reply).toContain('(America/Santiago)');
    expect(row?.time_zone).toBe('America/Santiago');
  });
});
