import { afterEach, describe, expect, test } from '@jest/globals';

import { ManualClock } from '../helpers/clock.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { directPosts, posts, slash } from './helpers.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

const people = ['alice', 'bob', 'carol', 'dana', 'erin', 'frank', 'gina', 'hugo'];

/** Sets up a continuous round closing weekdays 12:00 Seoul, with eight sign-ups. */
async function lunchWithEightPeople(harness: Harness): Promise<string> {
  for (const name of people.slice(3)) {
    harness.sim.workspace.addUser({ name });
  }
  const lunch = harness.sim.workspace.addChannel({ name: 'lunch', botIsMember: true }).id;
  await slash(harness, 'alice', 'lunch', 'setup close="weekdays 12:00" tz=Asia/Seoul size=2');
  for (const name of people) {
    await slash(harness, name, 'lunch', 'register');
  }

  return lunch;
}

function introductions(harness: Harness) {
  return directPosts(harness, harness.sim.messages).filter((m) => /You're a group/.test(m.text ?? ''));
}

describe('two processes', () => {
  test('each slot posts once', async () => {
    const clock = new ManualClock('2026-12-07T01:00:00Z');
    h = await startHarness({ clock, workerId: 'worker.1' });
    const harness = h;
    const lunch = await lunchWithEightPeople(harness);
    const second = await harness.startAnother({ clock, workerId: 'worker.2' });
    clock.set('2026-12-07T03:00:00Z');
    await Promise.all([
      harness.mate.services.scheduler.tick(),
      second.services.scheduler.tick(),
      harness.mate.services.scheduler.tick(),
      second.services.scheduler.tick(),
    ]);
    const results = posts(harness.sim.messages, lunch).filter((m) => /groups:/.test(m.text ?? ''));
    const runs = await harness.database.db.selectFrom('slot_runs').selectAll().execute();

    expect(results).toHaveLength(1);
    expect(introductions(harness)).toHaveLength(4);
    expect(runs.filter((run) => run.kind === 'round-close')).toHaveLength(1);
    expect(runs.every((run) => run.status === 'done')).toBe(true);
  });
});

describe('long deliveries', () => {
  test('lease renewed while a slot sends', async () => {
    const clock = new ManualClock('2026-12-07T01:00:00Z');
    h = await startHarness({ clock, workerId: 'worker.1' });
    const harness = h;
    await lunchWithEightPeople(harness);
    const second = await harness.startAnother({ clock, workerId: 'worker.2' });
    // Each post takes two minutes of the test's clock, so the five posts of the close outlast
    // the five-minute lease. Halfway, the other worker checks whether it may take over.
    let posts = 0;
    let secondTick: Promise<unknown> | undefined;
    const slowClock = (call: { method: string }) => {
      if (call.method !== 'chat.postMessage') {
        return;
      }
      posts += 1;
      clock.advance(2 * 60_000);
      if (posts === 3) {
        secondTick = second.services.scheduler.tick();
      }
    };
    harness.sim.on('call', slowClock);
    clock.set('2026-12-07T03:00:00Z');
    await harness.mate.services.scheduler.tick();
    await secondTick;
    harness.sim.off('call', slowClock);

    expect(secondTick).toBeDefined();
    expect(introductions(harness)).toHaveLength(4);
    expect(new Set(introductions(harness).map((m) => m.channel)).size).toBe(4);
    const run = await harness.database.db
      .selectFrom('slot_runs')
      .select(['owner', 'attempts', 'status'])
      .where('kind', '=', 'round-close')
      .executeTakeFirstOrThrow();
    expect(run).toEqual({ owner: 'worker.1', attempts: 1, status: 'done' });
  });
});

describe('interrupted sends', () => {
  test('timeout after Slack accepted is not sent twice', async () => {
    const clock = new ManualClock('2026-12-07T01:00:00Z');
    h = await startHarness({ clock, workerId: 'worker.1', scheduledSendTimeoutMs: 500 });
    const harness = h;
    await lunchWithEightPeople(harness);
    // The results post and the first introduction go through. Then Slack takes longer than
    // the client waits: the third post arrives at Slack but its response never reaches the bot,
    // the way a process killed mid-call would leave it.
    let posted = 0;
    const slowAfterSecondPost = (call: { method: string }) => {
      if (call.method === 'chat.postMessage') {
        posted += 1;
        if (posted === 2) {
          harness.sim.setLatency('chat.postMessage', 1_500);
        }
      }
    };
    harness.sim.on('call', slowAfterSecondPost);
    clock.set('2026-12-07T03:00:00Z');
    const first = await harness.mate.services.scheduler.tick();
    harness.sim.setLatency('chat.postMessage', 0);
    harness.sim.off('call', slowAfterSecondPost);
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    expect(first.results.find((r) => r.kind === 'round-close')?.delivered).toBe('incomplete');
    const stuck = await harness.database.db
      .selectFrom('outbox')
      .select(['item_key', 'status'])
      .where('status', '=', 'sending')
      .execute();
    expect(stuck).toHaveLength(1);

    // A restarted worker.1 resumes the slot on its next tick.
    const restarted = await harness.startAnother({ clock, workerId: 'worker.1' });
    clock.advance(60_000);
    await restarted.services.scheduler.tick();

    const intros = introductions(harness);
    expect(intros).toHaveLength(4);
    expect(new Set(intros.map((m) => m.channel)).size).toBe(4);
    const outbox = await harness.database.db.selectFrom('outbox').select('status').execute();
    expect(outbox.every((row) => row.status === 'sent')).toBe(true);
    expect(harness.logs.text()).toMatch(/found message from an interrupted attempt/);
  }, 30_000);

  test('server error leaves the rest for a later tick', async () => {
    const clock = new ManualClock('2026-12-07T01:00:00Z');
    h = await startHarness({ clock });
    const harness = h;
    await lunchWithEightPeople(harness);
    harness.sim.failNext('conversations.open', 500, 1);
    clock.set('2026-12-07T03:00:00Z');
    const first = await harness.mate.services.scheduler.tick();

    expect(first.results.find((r) => r.kind === 'round-close')?.delivered).toBe('incomplete');
    expect(introductions(harness)).toHaveLength(0);
    clock.advance(60_000);
    await harness.mate.services.scheduler.tick();
    clock.advance(60_000);
    await harness.mate.services.scheduler.tick();

    expect(introductions(harness)).toHaveLength(4);
    const results = posts(harness.sim.messages).filter((m) => /groups:/.test(m.text ?? ''));
    expect(results).toHaveLength(1);
  });

  test('another worker takes over after the lease expires', async () => {
    const clock = new ManualClock('2026-12-07T01:00:00Z');
    h = await startHarness({ clock, workerId: 'worker.1' });
    const harness = h;
    await lunchWithEightPeople(harness);
    harness.sim.failNext('conversations.open', 500, 1);
    clock.set('2026-12-07T03:00:00Z');
    await harness.mate.services.scheduler.tick();
    const other = await harness.startAnother({ clock, workerId: 'worker.2' });

    // Within worker.1's lease, worker.2 leaves the slot alone.
    clock.advance(60_000);
    await other.services.scheduler.tick();
    expect(introductions(harness)).toHaveLength(0);

    clock.advance(5 * 60_000);
    await other.services.scheduler.tick();
    expect(introductions(harness)).toHaveLength(4);
  });
});

describe('rate limits', () => {
  test('429 slows sending but loses nothing', async () => {
    const clock = new ManualClock('2026-12-07T01:00:00Z');
    h = await startHarness({ clock });
    const harness = h;
    await lunchWithEightPeople(harness);
    harness.sim.failNext('chat.postMessage', { status: 429, retryAfter: 1 }, 2);
    clock.set('2026-12-07T03:00:00Z');
    const started = Date.now();
    const tick = await harness.mate.services.scheduler.tick();

    expect(tick.results.find((r) => r.kind === 'round-close')?.delivered).toBe('complete');
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    expect(introductions(harness)).toHaveLength(4);
    expect(posts(harness.sim.messages).filter((m) => /groups:/.test(m.text ?? ''))).toHaveLength(1);
    expect(harness.logs.text()).toMatch(/rate limited by Slack/);
  });
});

describe('shutdown', () => {
  test('stop cuts a rate-limit wait short', async () => {
    const clock = new ManualClock('2026-12-07T01:00:00Z');
    h = await startHarness({ clock });
    const harness = h;
    await lunchWithEightPeople(harness);
    harness.sim.failNext('chat.postMessage', { status: 429, retryAfter: 30 }, 1);
    clock.set('2026-12-07T03:00:00Z');
    const tick = harness.mate.services.scheduler.tick();
    const rateLimited = () => /rate limited by Slack/.test(harness.logs.text());
    for (let waited = 0; waited < 5_000 && !rateLimited(); waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const started = Date.now();
    await harness.mate.services.scheduler.stop();
    const summary = await tick;

    expect(rateLimited()).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(summary.results.find((r) => r.kind === 'round-close')?.delivered).toBe('incomplete');
  }, 60_000);
});

describe('removed from the channel', () => {
  test('channel post fails, group DMs still go out', async () => {
    const clock = new ManualClock('2026-12-07T01:00:00Z');
    h = await startHarness({ clock });
    const harness = h;
    const lunch = await lunchWithEightPeople(harness);
    harness.sim.workspace.removeBotFromChannel(lunch);
    clock.set('2026-12-07T03:00:00Z');
    const tick = await harness.mate.services.scheduler.tick();
    const failed = await harness.database.db
      .selectFrom('outbox')
      .select(['kind', 'error'])
      .where('status', '=', 'failed')
      .execute();

    expect(tick.results.find((r) => r.kind === 'round-close')?.delivered).toBe('complete');
    expect(introductions(harness)).toHaveLength(4);
    expect(failed.map((row) => row.kind)).toContain('results');
    expect(harness.logs.text()).toMatch(/cannot deliver scheduled message/);
  });
});

describe('large rounds', () => {
  test('results split into posts Slack accepts', async () => {
    const clock = new ManualClock('2026-12-07T01:00:00Z');
    h = await startHarness({ clock });
    const harness = h;
    const names = Array.from({ length: 240 }, (_, i) => `person${i}`);
    for (const name of names) {
      harness.sim.workspace.addUser({ name });
    }
    const lunch = harness.sim.workspace.addChannel({ name: 'lunch', botIsMember: true }).id;
    await slash(harness, 'alice', 'lunch', 'setup close="weekdays 12:00" tz=Asia/Seoul size=2');
    const ts = posts(harness.sim.messages, lunch)[0]?.ts as string;
    for (const name of names) {
      await harness.sim.sendBlockAction({ user: name, actionId: 'mate_round_join', channel: lunch, messageTs: ts });
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    clock.set('2026-12-07T03:00:00Z');
    await harness.mate.services.scheduler.tick();
    const results = posts(harness.sim.messages, lunch).filter((m) => /^(:tada:|\d+\. )/.test(m.text ?? ''));
    const listed = results.flatMap((m) => (m.text ?? '').match(/<@U\w+>/g) ?? []);

    expect(results.length).toBeGreaterThan(1);
    expect(results.every((m) => (m.text ?? '').length <= 3_500)).toBe(true);
    expect(new Set(listed).size).toBe(240);
    expect(introductions(harness)).toHaveLength(120);
  }, 60_000);
});

describe('one process', () => {
  test('tick during a close request', async () => {
    const clock = new ManualClock('2026-12-07T01:00:00Z');
    h = await startHarness({ clock, workerId: 'worker.1' });
    const harness = h;
    const lunch = await lunchWithEightPeople(harness);
    // The close request sends five posts slowly. The once-a-minute tick of the same process
    // comes while they go out, and finds the request's slot unfinished under its own name.
    harness.sim.setLatency('chat.postMessage', 400);
    const reply = slash(harness, 'alice', 'lunch', 'close');
    for (let waited = 0; waited < 5_000; waited += 50) {
      const sending = await harness.database.db
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'sending')
        .execute();
      if (sending.length > 0) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await harness.mate.services.scheduler.tick();
    const text = await reply;
    harness.sim.setLatency('chat.postMessage', 0);
    const results = posts(harness.sim.messages, lunch).filter((m) => /groups:/.test(m.text ?? ''));

    expect(text).toMatch(/Closed the round/);
    expect(results).toHaveLength(1);
    expect(introductions(harness)).toHaveLength(4);
    expect(new Set(introductions(harness).map((m) => m.channel)).size).toBe(4);
  }, 30_000);
});
