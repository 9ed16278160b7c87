import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { ManualClock } from '../helpers/clock.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { slash } from './helpers.js';

const clock = new ManualClock('2027-03-11T12:00:00Z');
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ clock });
  h.sim.workspace.addChannel({ name: 'nyc', botIsMember: true });
  h.sim.workspace.addChannel({ name: 'night', botIsMember: true });
  h.sim.workspace.addChannel({ name: 'london', botIsMember: true });
  await slash(h, 'alice', 'nyc', 'setup close="daily 11:50" tz=America/New_York size=2');
  await slash(h, 'alice', 'night', 'setup close="daily 2:30" tz=America/New_York size=2');
  await slash(h, 'alice', 'london', 'setup close="daily 11:50" tz=Europe/London size=2');
  // Tick every 20 minutes from Thursday 11 March to Thursday 1 April 2027. New York moves to
  // daylight saving time on Sunday 14 March, London on Sunday 28 March.
  const end = new Date('2027-04-01T12:00:00Z').getTime();
  while (clock.now().getTime() < end) {
    clock.advance(20 * 60_000);
    await h.mate.services.scheduler.tick();
  }
}, 120_000);

afterAll(async () => {
  await h.close();
});

async function closes(channel: string): Promise<Array<{ key: string; at: string }>> {
  const channelId = h.sim.workspace.requireChannel(channel).id;
  const rows = await h.database.db
    .selectFrom('slot_runs')
    .select(['slot_id', 'due_at', 'outcome'])
    .where('kind', '=', 'round-close')
    .where('slot_id', 'like', `%|${channelId}|%`)
    .orderBy('due_at')
    .execute();

  return rows.map((row) => ({
    key: row.slot_id.split('|').at(-1) as string,
    at: row.due_at.toISOString(),
  }));
}

describe('daylight saving', () => {
  test('new york 11:50 fires once a day', async () => {
    const runs = await closes('nyc');
    const days = runs.map((run) => run.key.slice(0, 10));

    expect(new Set(days).size).toBe(runs.length);
    expect(runs).toHaveLength(21);
    expect(runs.find((run) => run.key === '2027-03-13T11:50')?.at).toBe('2027-03-13T16:50:00.000Z');
    expect(runs.find((run) => run.key === '2027-03-14T11:50')?.at).toBe('2027-03-14T15:50:00.000Z');
  });

  test('time in the spring gap fires once, after it', async () => {
    const runs = await closes('night');
    const gapDay = runs.filter((run) => run.key.startsWith('2027-03-14'));

    expect(gapDay).toEqual([{ key: '2027-03-14T02:30', at: '2027-03-14T07:00:00.000Z' }]);
    expect(runs.find((run) => run.key === '2027-03-15T02:30')?.at).toBe('2027-03-15T06:30:00.000Z');
    expect(new Set(runs.map((run) => run.key.slice(0, 10))).size).toBe(runs.length);
  });

  test('london moves an hour on its own date', async () => {
    const runs = await closes('london');

    expect(runs).toHaveLength(21);
    expect(runs.find((run) => run.key === '2027-03-27T11:50')?.at).toBe('2027-03-27T11:50:00.000Z');
    expect(runs.find((run) => run.key === '2027-03-28T11:50')?.at).toBe('2027-03-28T10:50:00.000Z');
  });

  test('every daily round opened again after each close', async () => {
    const opened = h.sim.messages.filter((m) => m.kind === 'post' && /is open/.test(m.text ?? ''));

    // One opening at setup and one after each of the 21 closes, for three channels.
    expect(opened).toHaveLength(3 * 22);
  });
});
