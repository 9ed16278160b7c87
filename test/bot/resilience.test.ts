import { afterEach, describe, expect, test } from '@jest/globals';
import { sql } from 'kysely';
import pg from 'pg';

import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

/**
 * Keeps the database busy for `ms`. On a server, a second connection locks the table that every
 * command writes to. On the embedded database, a transaction takes its only connection.
 */
async function holdDatabase(harness: Harness, ms: number): Promise<Promise<void>> {
  if (harness.database.url) {
    const client = new pg.Client({ connectionString: harness.database.url });
    await client.connect();
    await client.query('begin');
    await client.query('lock table processed_events in access exclusive mode');

    return new Promise<void>((resolve) => setTimeout(resolve, ms)).then(async () => {
      await client.query('commit');
      await client.end();
    });
  }
  let started!: () => void;
  const holding = new Promise<void>((resolve) => {
    started = resolve;
  });
  const done = harness.database.db.transaction().execute(async (trx) => {
    await sql`select 1`.execute(trx);
    started();
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
  await holding;

  return done;
}

describe('slow database', () => {
  test('ack arrives before the database answers', async () => {
    h = await startHarness();
    const released = await holdDatabase(h, 4_000);
    const mark = h.sim.mark();
    const alice = h.sim.workspace.requireUser('alice').id;
    const { ackMs } = await h.sim.sendSlashCommand({ user: 'alice', channel: 'general', text: 'register' });

    expect(ackMs).toBeLessThan(1_000);
    await released;
    const reply = await h.sim.waitFor((m) => m.user === alice, { since: mark, timeoutMs: 10_000 });
    expect(reply.text).toMatch(/You're registered/);
  });
});

describe('concurrency', () => {
  test('simultaneous registers keep one entry', async () => {
    h = await startHarness();
    const harness = h;
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        harness.sim.sendSlashCommand({ user: 'alice', channel: 'general', text: 'register' }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rows = await harness.database.db.selectFrom('signups').select('user_id').execute();
    const replies = harness.sim.messages.filter((m) => m.source === 'response_url');

    expect(results).toHaveLength(5);
    expect(rows).toHaveLength(1);
    expect(replies.filter((m) => /You're registered/.test(m.text ?? ''))).toHaveLength(1);
    expect(replies.filter((m) => /already registered/.test(m.text ?? ''))).toHaveLength(4);
    expect(harness.logs.text()).not.toMatch(/command failed/);
  });

  test('several users in several channels', async () => {
    h = await startHarness();
    const harness = h;
    harness.sim.workspace.addChannel({ name: 'coffee', botIsMember: true });
    const users = ['alice', 'bob', 'carol'];
    await Promise.all(
      users.flatMap((user) =>
        ['general', 'coffee'].map((channel) =>
          harness.sim.sendSlashCommand({ user, channel, text: 'register' }),
        ),
      ),
    );
    // Acks come before the work, so wait for the six replies before bob leaves again.
    for (let i = 0; i < 50 && harness.sim.messages.length < 6; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await harness.sim.sendSlashCommand({ user: 'bob', channel: 'coffee', text: 'unregister' });
    for (let i = 0; i < 50 && harness.sim.messages.length < 7; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const rows = await harness.database.db
      .selectFrom('signups')
      .innerJoin('lists', 'lists.id', 'signups.list_id')
      .select(['lists.channel_id', 'signups.user_id'])
      .execute();
    const general = harness.sim.workspace.requireChannel('general').id;
    const coffee = harness.sim.workspace.requireChannel('coffee').id;

    expect(rows.filter((row) => row.channel_id === general)).toHaveLength(3);
    expect(rows.filter((row) => row.channel_id === coffee)).toHaveLength(2);
  });
});

describe('socket', () => {
  test('reconnects after a refresh request', async () => {
    h = await startHarness();
    const opened = h.sim.connectionsOpened;
    h.sim.disconnectAll('refresh_requested');
    await h.sim.waitForConnection({ since: opened, timeoutMs: 15_000 });
    const mark = h.sim.mark();
    await h.sim.sendSlashCommand({ user: 'bob', channel: 'general', text: 'register', timeoutMs: 10_000 });
    const bob = h.sim.workspace.requireUser('bob').id;
    const reply = await h.sim.waitFor((m) => m.user === bob, { since: mark });

    expect(reply.text).toMatch(/You're registered/);
  }, 30_000);
});

describe('logs', () => {
  test('tokens never appear, even at trace level', async () => {
    h = await startHarness({ env: { LOG_LEVEL: 'trace' } });
    await h.sim.sendSlashCommand({ user: 'alice', channel: 'general', text: 'register' });
    await h.sim.sendMessage({ user: 'alice', channel: 'general', text: `<@${h.sim.workspace.bot.userId}> list` });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const text = h.logs.text();

    expect(text).toMatch(/command handled/);
    expect(text).not.toContain(h.sim.botToken);
    expect(text).not.toContain(h.sim.appToken);
    expect(text).not.toMatch(/xox[bp]-|xapp-/);
  });

  test('each command logged with ids, outcome and time', async () => {
    h = await startHarness();
    await h.sim.sendSlashCommand({ user: 'alice', channel: 'general', text: 'register' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const record = h.logs.records().find((r) => r.msg === 'command handled');

    expect(record).toMatchObject({
      team: h.sim.workspace.team.id,
      channel: h.sim.workspace.requireChannel('general').id,
      user: h.sim.workspace.requireUser('alice').id,
      source: 'slash',
      outcome: 'registered',
    });
    expect(typeof record?.ms).toBe('number');
  });
});

describe('shutdown', () => {
  test('in-flight command finishes before stop returns', async () => {
    h = await startHarness();
    const released = await holdDatabase(h, 1_500);
    const mark = h.sim.mark();
    await h.sim.sendSlashCommand({ user: 'carol', channel: 'general', text: 'register' });
    const stopping = h.mate.stop(10_000);
    await released;
    await stopping;
    const carol = h.sim.workspace.requireUser('carol').id;
    const replies = h.sim.messages.slice(mark).filter((m) => m.user === carol);

    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toMatch(/You're registered/);
    // The close handshake may still be finishing on the simulator's side.
    for (let i = 0; i < 20 && h.sim.openConnections > 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(h.sim.openConnections).toBe(0);
  });
});
