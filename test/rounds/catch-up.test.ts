import { afterEach, describe, expect, test } from '@jest/globals';

import { ManualClock } from '../helpers/clock.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { directPosts, posts, slash, tickAt } from './helpers.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Lunch in Seoul: opens weekdays 09:00 (00:00 UTC), closes 11:50 (02:50 UTC), reminders 30 and 10. */
async function lunch(clock: ManualClock): Promise<{ harness: Harness; channel: string }> {
  const harness = await startHarness({ clock });
  const channel = harness.sim.workspace.addChannel({ name: 'lunch', botIsMember: true }).id;
  await slash(
    harness,
    'alice',
    'lunch',
    'setup open="weekdays 9:00" close="weekdays 11:50" tz=Asia/Seoul reminders=30,10 size=2',
  );

  return { harness, channel };
}

describe('after downtime', () => {
  test('missed close runs late and skips stale reminders', async () => {
    const clock = new ManualClock('2026-12-06T23:00:00Z');
    const { harness, channel } = await lunch(clock);
    h = harness;
    await tickAt(harness, clock, '2026-12-07T00:01:00Z');
    await slash(harness, 'bob', 'lunch', 'register');
    await slash(harness, 'carol', 'lunch', 'register');
    // Down from 09:01 to 12:30 Seoul time: both reminders and the close were missed.
    const messages = await tickAt(harness, clock, '2026-12-07T03:30:00Z');

    expect(posts(messages, channel).map((m) => m.text)).toEqual([expect.stringMatching(/groups:/)]);
    expect(directPosts(harness, messages)).toHaveLength(1);
    const runs = await harness.database.db.selectFrom('slot_runs').select(['kind', 'outcome']).execute();
    expect(runs.filter((r) => r.kind === 'round-remind').map((r) => r.outcome)).toEqual([
      'round_already_closed',
      'round_already_closed',
    ]);
    expect(harness.logs.text()).toMatch(/catching up a missed slot/);
  });

  test('missed open still opens before its close', async () => {
    const clock = new ManualClock('2026-12-06T23:00:00Z');
    const { harness, channel } = await lunch(clock);
    h = harness;
    // Down from 08:00 to 10:00 Seoul time: the 09:00 opening is late but still useful.
    const messages = await tickAt(harness, clock, '2026-12-07T01:00:00Z');

    expect(posts(messages, channel)).toHaveLength(1);
    expect(posts(messages, channel)[0]?.text).toMatch(/is open/);
  });

  test('open whose close has passed is skipped', async () => {
    const clock = new ManualClock('2026-12-06T23:00:00Z');
    const { harness, channel } = await lunch(clock);
    h = harness;
    const messages = await tickAt(harness, clock, '2026-12-07T04:00:00Z');
    const runs = await harness.database.db.selectFrom('slot_runs').select(['kind', 'outcome']).execute();

    expect(posts(messages, channel)).toHaveLength(0);
    expect(runs.find((r) => r.kind === 'round-open')?.outcome).toBe('missed_open');
  });
});

describe('after a Slack outage', () => {
  test('reminder not sent after its close', async () => {
    const clock = new ManualClock('2026-12-06T23:00:00Z');
    const { harness, channel } = await lunch(clock);
    h = harness;
    await tickAt(harness, clock, '2026-12-07T00:01:00Z');
    await slash(harness, 'bob', 'lunch', 'register');
    await slash(harness, 'carol', 'lunch', 'register');
    // Slack fails both reminders, the 11:20 one twice, and is back after the 11:50 close.
    harness.sim.failNext('chat.postMessage', 500, 3);
    const failed = await tickAt(harness, clock, '2026-12-07T02:20:00Z');
    expect(posts(failed, channel)).toHaveLength(0);
    await tickAt(harness, clock, '2026-12-07T02:40:00Z');

    const messages = await tickAt(harness, clock, '2026-12-07T03:30:00Z');
    const texts = posts(messages, channel).map((m) => m.text ?? '');

    expect(texts.filter((text) => /closes in/.test(text))).toEqual([]);
    expect(texts.filter((text) => /groups:/.test(text))).toHaveLength(1);
    const runs = await harness.database.db
      .selectFrom('slot_runs')
      .select(['kind', 'status'])
      .where('kind', '=', 'round-remind')
      .execute();
    expect(runs.map((run) => run.status)).toEqual(['done', 'done']);
  });
});

describe('scheduled posts', () => {
  test('post fires on time, once', async () => {
    const clock = new ManualClock('2026-12-07T00:00:00Z');
    h = await startHarness({ clock });
    const general = h.sim.workspace.requireChannel('general').id;
    const reply = await slash(h, 'alice', 'general', 'schedule weekdays 9:55 tz=Asia/Seoul | Stand-up in 5 minutes!');

    expect(reply).toMatch(/Scheduled post #1: weekdays at 09:55 \(Asia\/Seoul\)/);
    expect(posts(await tickAt(h, clock, '2026-12-07T00:54:00Z'), general)).toHaveLength(0);
    const fired = posts(await tickAt(h, clock, '2026-12-07T00:55:00Z'), general);
    expect(fired.map((m) => m.text)).toEqual(['Stand-up in 5 minutes!']);
    expect(posts(await tickAt(h, clock, '2026-12-07T00:56:00Z'), general)).toHaveLength(0);
  });

  test('list and delete', async () => {
    const clock = new ManualClock('2026-12-07T00:00:00Z');
    h = await startHarness({ clock });
    await slash(h, 'alice', 'general', 'schedule daily 18:00 tz=Europe/London | Time to go home');
    const listed = await slash(h, 'bob', 'general', 'schedule list');
    const deleted = await slash(h, 'alice', 'general', 'schedule delete 1');
    const general = h.sim.workspace.requireChannel('general').id;

    expect(listed).toMatch(/#1 every day at 18:00 \(Europe\/London\): "Time to go home"/);
    expect(deleted).toMatch(/Deleted scheduled post #1/);
    expect(posts(await tickAt(h, clock, '2026-12-07T18:00:00Z'), general)).toHaveLength(0);
    expect(await slash(h, 'alice', 'general', 'schedule delete 1')).toMatch(/No scheduled post #1/);
    expect(await slash(h, 'alice', 'general', `schedule delete ${'9'.repeat(30)}`)).toMatch(
      /No scheduled post #9{30} in this channel/,
    );
  });

  test('missed post sent only while timely', async () => {
    const clock = new ManualClock('2026-12-07T00:00:00Z');
    h = await startHarness({ clock });
    const general = h.sim.workspace.requireChannel('general').id;
    await slash(h, 'alice', 'general', 'schedule daily 9:00 tz=UTC | Morning');

    // 20 minutes late: still sent. The next day, 3 hours late: skipped and logged.
    expect(posts(await tickAt(h, clock, '2026-12-07T09:20:00Z'), general)).toHaveLength(1);
    expect(posts(await tickAt(h, clock, '2026-12-08T12:00:00Z'), general)).toHaveLength(0);
    expect(h.logs.text()).toMatch(/skipped a missed scheduled post/);
  });

  test('failed post not resent hours later', async () => {
    const clock = new ManualClock('2026-12-07T00:00:00Z');
    h = await startHarness({ clock });
    const general = h.sim.workspace.requireChannel('general').id;
    await slash(h, 'alice', 'general', 'schedule daily 9:00 tz=UTC | Morning');
    h.sim.failNext('chat.postMessage', 500, 1);

    expect(posts(await tickAt(h, clock, '2026-12-07T09:00:00Z'), general)).toHaveLength(0);
    expect(posts(await tickAt(h, clock, '2026-12-07T11:00:00Z'), general)).toHaveLength(0);
    const outbox = await h.database.db.selectFrom('outbox').select(['status', 'error']).execute();
    expect(outbox).toEqual([{ status: 'failed', error: 'too_late' }]);
  });

  test('bad schedule input gets a clear reply', async () => {
    const clock = new ManualClock('2026-12-07T00:00:00Z');
    h = await startHarness({ clock });

    expect(await slash(h, 'alice', 'general', 'schedule someday | hi')).toMatch(/^schedule: Invalid schedule "someday"/);
    expect(await slash(h, 'alice', 'general', 'schedule daily 9:00 tz=Mars/Base | hi')).toMatch(/Invalid tz "Mars\/Base"/);
    expect(await slash(h, 'alice', 'general', 'schedule daily 9:00 |   ')).toMatch(/Invalid text/);
    expect(await slash(h, 'alice', 'general', 'schedule daily 9:00')).toMatch(/schedule list/);
    const rows = await h.database.db.selectFrom('scheduled_posts').select('id').execute();
    expect(rows).toHaveLength(0);
  });
});

describe('escaping', () => {
  test('post text keeps slack markup as written', async () => {
    const clock = new ManualClock('2026-12-07T00:00:00Z');
    h = await startHarness({ clock });
    const general = h.sim.workspace.requireChannel('general').id;
    const bob = h.sim.workspace.requireUser('bob').id;
    await slash(h, 'alice', 'general', `schedule daily 9:00 tz=UTC | Fish &amp; chips with <@${bob}>`);
    const fired = posts(await tickAt(h, clock, '2026-12-07T09:00:00Z'), general);

    expect(fired.map((m) => m.text)).toEqual([`Fish &amp; chips with <@${bob}>`]);
  });

  test('title is escaped once', async () => {
    const clock = new ManualClock('2026-12-07T00:00:00Z');
    h = await startHarness({ clock });
    const mark = h.sim.mark();
    await slash(h, 'alice', 'general', 'setup close="daily 12:00" tz=UTC title="Fish &amp; chips"');
    const opened = posts(h.sim.messages.slice(mark)).find((m) => /is open/.test(m.text ?? ''));

    expect(opened?.text).toContain('*Fish &amp; chips* is open');
  });
});
