import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';

import { SlackSimulator } from '../../src/simulator/index.js';
import { createTestApp } from './test-app.js';
import type { TestApp } from './test-app.js';

let simulator: SlackSimulator;
let testApp: TestApp;

beforeEach(async () => {
  simulator = await SlackSimulator.start();
  testApp = createTestApp(simulator);
  await testApp.app.start();
  await simulator.waitForConnection();
});

afterEach(async () => {
  await testApp.app.stop();
  await simulator.stop();
});

function channelId(name: string): string {
  return simulator.workspace.requireChannel(name).id;
}

function userId(name: string): string {
  return simulator.workspace.requireUser(name).id;
}

describe('slash commands', () => {
  test('round trip records ack time', async () => {
    const result = await simulator.sendSlashCommand({
      user: 'alice',
      channel: 'general',
      text: 'ping',
    });

    expect(result.type).toBe('slash_commands');
    expect(result.ackPayload).toEqual({});
    expect(result.ackMs).toBeGreaterThan(0);
    expect(result.ackMs).toBeLessThan(3000);
    expect(simulator.acks.map((ack) => ack.envelopeId)).toContain(result.envelopeId);
  });

  test('respond recorded as ephemeral', async () => {
    const mark = simulator.mark();
    const result = await simulator.sendSlashCommand({
      user: 'alice',
      channel: 'general',
      text: 'ping',
    });
    const reply = await simulator.waitFor((message) => message.text === 'pong', { since: mark });

    expect(reply.kind).toBe('ephemeral');
    expect(reply.source).toBe('response_url');
    expect(reply.user).toBe(userId('alice'));
    expect(reply.channel).toBe(channelId('general'));
    const responseCall = await simulator.waitForCall('response_url');
    expect(responseCall.args['response_url_id']).toBe(result.responseUrl.split('/').at(-1));
  });

  test('ack text shown as ephemeral', async () => {
    await simulator.sendSlashCommand({ user: 'bob', channel: 'general', text: 'say on it' });

    const ackMessage = simulator.messages.at(-1);
    expect(ackMessage?.kind).toBe('ephemeral');
    expect(ackMessage?.source).toBe('ack');
    expect(ackMessage?.text).toBe('on it');
    expect(ackMessage?.user).toBe(userId('bob'));
  });

  test('post to unjoined channel fails not_in_channel', async () => {
    const mark = simulator.mark();
    await simulator.sendSlashCommand({
      user: 'alice',
      channel: 'general',
      text: `post ${channelId('random')}`,
    });
    const reply = await simulator.waitFor((message) => message.source === 'response_url', {
      since: mark,
    });

    expect(reply.text).toBe('error not_in_channel');
    expect(simulator.callsTo('chat.postMessage').at(-1)?.error).toBe('not_in_channel');
  });

  test('post to unknown channel fails channel_not_found', async () => {
    const mark = simulator.mark();
    await simulator.sendSlashCommand({ user: 'alice', channel: 'general', text: 'post C0NOPE' });
    const reply = await simulator.waitFor((message) => message.source === 'response_url', {
      since: mark,
    });

    expect(reply.text).toBe('error channel_not_found');
  });
});

describe('events', () => {
  test('mention gets threaded reply', async () => {
    const { bot } = simulator.workspace;
    const sent = await simulator.sendMessage({
      user: 'alice',
      channel: 'general',
      text: `<@${bot.userId}> lunch?`,
    });
    const reply = await simulator.waitFor((message) => message.kind === 'post');

    expect(sent.deliveries).toHaveLength(2);
    expect(testApp.seen.mentions[0]?.['ts']).toBe(sent.ts);
    expect(testApp.seen.messages[0]?.['ts']).toBe(sent.ts);
    expect(reply.threadTs).toBe(sent.ts);
    expect(reply.text).toBe(`hi <@${userId('alice')}>`);
    expect(reply.channel).toBe(channelId('general'));
  });

  test('message in unjoined channel not delivered', async () => {
    const sent = await simulator.sendMessage({ user: 'alice', channel: 'random', text: 'hi' });

    expect(sent.deliveries).toEqual([]);
    expect(testApp.seen.messages).toEqual([]);
  });

  test('direct message has channel_type im', async () => {
    const sent = await simulator.sendMessage({ user: 'carol', text: 'hello bot' });

    expect(sent.deliveries).toHaveLength(1);
    expect(sent.channel).toMatch(/^D/);
    expect(testApp.seen.messages[0]?.['channel_type']).toBe('im');
    expect(testApp.seen.messages[0]?.['channel']).toBe(sent.channel);
  });

  test('redelivered event carries retry_attempt', async () => {
    const event = {
      type: 'message',
      user: userId('bob'),
      text: 'again',
      ts: '1765000000.999900',
      event_ts: '1765000000.999900',
      channel: channelId('general'),
      channel_type: 'channel',
    };
    const first = await simulator.sendEvent(event);
    await simulator.sendEvent(event, {
      eventId: first.eventId,
      retryAttempt: 1,
      retryReason: 'timeout',
    });

    expect(testApp.seen.retries).toEqual([
      { eventId: first.eventId, retryNum: 0, retryReason: '' },
      { eventId: first.eventId, retryNum: 1, retryReason: 'timeout' },
    ]);
  });
});

describe('Web API through the app', () => {
  test('rate limit retried and recorded twice', async () => {
    simulator.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const { bot } = simulator.workspace;
    await simulator.sendMessage({ user: 'bob', channel: 'general', text: `<@${bot.userId}> hi` });
    const reply = await simulator.waitFor((message) => message.kind === 'post', {
      timeoutMs: 10_000,
    });

    const calls = simulator.callsTo('chat.postMessage');
    expect(calls.map((call) => call.status)).toEqual([429, 200]);
    const [limited, retried] = calls;
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(reply.text).toBe(`hi <@${userId('bob')}>`);
  });

  test('history returns posted metadata', async () => {
    await simulator.sendSlashCommand({
      user: 'alice',
      channel: 'general',
      text: `meta ${channelId('general')}`,
    });
    const posted = await simulator.waitFor((message) => message.kind === 'post');
    const history = await testApp.app.client.conversations.history({
      channel: channelId('general'),
      include_all_metadata: true,
    });

    expect(history.messages?.[0]?.ts).toBe(posted.ts);
    expect(history.messages?.[0]?.metadata).toEqual({
      event_type: 'round_opened',
      event_payload: { round_id: 'r-1', seats: 4 },
    });
  });

  test('conversations.open reuses group DM', async () => {
    const users = [userId('alice'), userId('bob')];
    const first = await testApp.app.client.conversations.open({ users: users.join(',') });
    const second = await testApp.app.client.conversations.open({
      users: [...users].reverse().join(','),
    });

    expect(first.channel?.id).toMatch(/^G/);
    expect(second.channel?.id).toBe(first.channel?.id);
    expect(second.already_open).toBe(true);
  });
});

describe('interactivity', () => {
  test('button respond replaces message', async () => {
    await simulator.sendSlashCommand({ user: 'alice', channel: 'general', text: 'button' });
    const posted = await simulator.waitFor((message) => message.kind === 'post');
    const mark = simulator.mark();
    const result = await simulator.sendBlockAction({
      user: 'alice',
      channel: 'general',
      messageTs: posted.ts ?? '',
      actionId: 'approve',
    });
    const update = await simulator.waitFor((message) => message.kind === 'update', {
      since: mark,
    });

    expect(result.type).toBe('interactive');
    expect(result.responseUrl).toMatch(/\/respond\/R/);
    expect(update.ts).toBe(posted.ts);
    expect(update.text).toBe('Approved');
    const stored = simulator.workspace.findMessage(channelId('general'), posted.ts ?? '');
    expect(stored?.text).toBe('Approved');
  });

  test('modal submission closes modal', async () => {
    await simulator.sendSlashCommand({ user: 'carol', channel: 'general', text: 'modal' });
    await simulator.waitForCall('views.open');
    const [modal] = simulator.openModals('carol');
    expect(modal?.callback_id).toBe('signup');

    const result = await simulator.sendViewSubmission({
      user: 'carol',
      viewId: modal?.id ?? '',
      values: { diet: { choice: 'veg' } },
    });

    expect(result.openViews).toEqual([]);
    expect(testApp.seen.submissions).toEqual([
      {
        diet: {
          choice: {
            type: 'static_select',
            selected_option: { text: { type: 'plain_text', text: 'Vegetarian' }, value: 'veg' },
          },
        },
      },
    ]);
  });
});

describe('connection lifecycle', () => {
  test('refresh_requested reconnects the client', async () => {
    const before = simulator.connectionsOpened;
    simulator.disconnectAll('refresh_requested');
    await simulator.waitForConnection({ since: before, timeoutMs: 15_000 });
    const result = await simulator.sendSlashCommand({
      user: 'bob',
      channel: 'general',
      text: 'ping',
    });

    expect(simulator.connectionsOpened).toBe(before + 1);
    expect(simulator.openConnections).toBe(1);
    expect(result.connectionId).toBe(before + 1);
  }, 20_000);

  test('refused reconnect retried later', async () => {
    const before = simulator.connectionsOpened;
    simulator.refuseConnections(6000);
    simulator.disconnectAll('warning');
    await simulator.waitForConnection({ since: before, timeoutMs: 25_000 });
    const result = await simulator.sendSlashCommand({
      user: 'bob',
      channel: 'general',
      text: 'ping',
    });

    expect(simulator.connectionsRefused).toBeGreaterThanOrEqual(1);
    expect(simulator.openConnections).toBe(1);
    expect(result.connectionId).toBe(before + 1);
  }, 30_000);
});
