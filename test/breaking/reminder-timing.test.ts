import { afterEach, describe, expect, test } from '@jest/globals';

import { ManualClock } from '../helpers/clock.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { posts, slash, tickAt } from '../rounds/helpers.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Starts the bot on Monday 2026-12-07 01:00 UTC with a #lunch channel set up as `setup`. */
async function channelWith(
  setup: string,
): Promise<{ harness: Harness; clock: ManualClock; lunch: string }> {
  const clock = new ManualClock('2026-12-07T01:00:00Z');
  h = await startHarness({ clock });
  const lunch = h.sim.workspace.addChannel({ name: 'lunch', botIsMember: true }).id;
  const reply = await slash(h, 'alice', 'lunch', setup);
  expect(reply).toMatch(/^Saved\./);

  return { harness: h, clock, lunch };
}

describe('reminder at the start of a round', () => {
  test('lead equal to the gap is sent', async () => {
    // Rounds close daily at 12:00, and the next one opens at that close, so a 24-hour reminder
    // for the next round falls due at the same instant as the close and the open.
    const { harness, clock, lunch } = await channelWith(
      'setup close="daily 12:00" tz=UTC reminders=1440',
    );
    const texts = posts(await tickAt(harness, clock, '2026-12-07T12:00:00Z'), lunch).map(
      (message) => message.text ?? '',
    );

    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/is open!.*Tue 8 Dec, 12:00/);
    expect(texts[1]).toMatch(/closes in 24 h .*Tue 8 Dec, 12:00/);
  });

  test('reminder at the opening is sent', async () => {
    const { harness, clock, lunch } = await channelWith(
      'setup close="daily 12:00" open="daily 9:00" tz=UTC reminders=180',
    );
    const texts = posts(await tickAt(harness, clock, '2026-12-07T09:00:00Z'), lunch).map(
      (message) => message.text ?? '',
    );

    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/is open!/);
    expect(texts[1]).toMatch(/closes in 3 h /);
  });
});
