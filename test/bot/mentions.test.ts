import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import type { SimulatorMessage } from '../../src/simulator/index.js';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let bot: string;

beforeAll(async () => {
  h = await startHarness();
  bot = h.sim.workspace.bot.userId;
  h.sim.workspace.addChannel({ name: 'lunch', botIsMember: true });
});

afterAll(async () => {
  await h.close();
});

/** Posts as `user` and returns the bot's posts that followed within `settleMs`. */
async function say(user: string, channel: string, text: string, options: { threadTs?: string } = {}) {
  const mark = h.sim.mark();
  const sent = await h.sim.sendMessage({ user, channel, text, ...options });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const replies = h.sim.messages
    .slice(mark)
    .filter((message: SimulatorMessage) => message.kind === 'post');

  return { sent, replies };
}

async function countSignups(channel: string): Promise<number> {
  const channelId = h.sim.workspace.requireChannel(channel).id;
  const rows = await h.database.db
    .selectFrom('signups')
    .innerJoin('lists', 'lists.id', 'signups.list_id')
    .select('signups.id')
    .where('lists.channel_id', '=', channelId)
    .execute();

  return rows.length;
}

describe('mentions', () => {
  test('mention arriving twice gets one reply', async () => {
    const { sent, replies } = await say('alice', 'lunch', `<@${bot}> register`);

    // Slack delivers both a message and an app_mention event for this one message.
    expect(sent.deliveries.map((delivery) => delivery.type)).toHaveLength(2);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.channel).toBe(sent.channel);
    expect(replies[0]?.text).toMatch(/You're registered/);
    expect(await countSignups('lunch')).toBe(1);
  });

  test('reply goes to the thread', async () => {
    const parent = await h.sim.sendMessage({ user: 'bob', channel: 'lunch', text: 'who is in?' });
    const { replies } = await say('bob', 'lunch', `<@${bot}> list`, { threadTs: parent.ts });

    expect(replies).toHaveLength(1);
    expect(replies[0]?.threadTs).toBe(parent.ts);
    expect(replies[0]?.text).toContain('1 person registered');
  });

  test('channel list uses names, not mentions', async () => {
    const { replies } = await say('bob', 'lunch', `<@${bot}> list`);
    const alice = h.sim.workspace.requireUser('alice');

    expect(replies[0]?.text).not.toContain(`<@${alice.id}>`);
    expect(replies[0]?.text).toMatch(/1\. \S/);
  });

  test('mention with a display name', async () => {
    const { replies } = await say('bob', 'lunch', `<@${bot}|mate> join`);

    expect(replies[0]?.text).toMatch(/2 people are in/);
  });

  test('unknown word named in the reply', async () => {
    const { replies } = await say('bob', 'lunch', `<@${bot}> dance`);

    expect(replies[0]?.text).toMatch(/don't know the command "dance"/);
  });

  test('plain chatter gets no reply', async () => {
    const { replies } = await say('bob', 'lunch', 'register');

    expect(replies).toHaveLength(0);
  });

  test('dm without a mention is a command', async () => {
    const { replies } = await say('carol', h.sim.workspace.openConversation([
      h.sim.workspace.requireUser('carol').id,
      bot,
    ]).channel.id, 'help');

    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain('register');
  });
});

describe('redelivery and bots', () => {
  test('redelivered event has no second effect', async () => {
    const channel = h.sim.workspace.requireChannel('lunch').id;
    const carol = h.sim.workspace.requireUser('carol').id;
    const event = {
      type: 'app_mention',
      user: carol,
      text: `<@${bot}> register`,
      ts: '1765000999.000100',
      channel,
      event_ts: '1765000999.000100',
    };
    const before = await countSignups('lunch');
    const mark = h.sim.mark();
    await h.sim.sendEvent(event, { eventId: 'Ev0REDELIVER' });
    await h.sim.sendEvent(event, { eventId: 'Ev0REDELIVER', retryAttempt: 1, retryReason: 'timeout' });
    await h.sim.sendEvent(event, { eventId: 'Ev0REDELIVER', retryAttempt: 2, retryReason: 'timeout' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const replies = h.sim.messages.slice(mark).filter((message) => message.kind === 'post');

    expect(await countSignups('lunch')).toBe(before + 1);
    expect(replies).toHaveLength(1);
  });

  test('other bots are ignored', async () => {
    const channel = h.sim.workspace.requireChannel('lunch').id;
    const mark = h.sim.mark();
    await h.sim.sendEvent({
      type: 'message',
      subtype: 'bot_message',
      bot_id: 'B0OTHER',
      text: `<@${bot}> register`,
      ts: '1765001000.000100',
      channel,
      channel_type: 'channel',
    });
    await h.sim.sendEvent({
      type: 'app_mention',
      bot_id: 'B0OTHER',
      user: 'U0OTHERBOT',
      text: `<@${bot}> register`,
      ts: '1765001000.000200',
      channel,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(h.sim.messages.slice(mark)).toHaveLength(0);
  });

  test('own messages are ignored', async () => {
    const channel = h.sim.workspace.requireChannel('lunch').id;
    const mark = h.sim.mark();
    await h.sim.sendEvent({
      type: 'message',
      user: bot,
      bot_id: h.sim.workspace.bot.botId,
      text: `<@${bot}> register`,
      ts: '1765001001.000100',
      channel,
      channel_type: 'channel',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(h.sim.messages.slice(mark)).toHaveLength(0);
  });
});

describe('unreachable channels', () => {
  test('not_in_channel on reply is logged, not fatal', async () => {
    h.sim.failNext('chat.postMessage', 'not_in_channel');
    const { replies } = await say('alice', 'lunch', `<@${bot}> list`);

    expect(replies).toHaveLength(0);
    expect(h.logs.text()).toMatch(/"slackError":"not_in_channel".*cannot reply in this channel/);
    // The bot still replies afterwards.
    const again = await say('alice', 'lunch', `<@${bot}> list`);
    expect(again.replies).toHaveLength(1);
  });

  test('channel_not_found on reply is logged, not fatal', async () => {
    h.sim.failNext('chat.postMessage', 'channel_not_found');
    await say('alice', 'lunch', `<@${bot}> list`);

    expect(h.logs.text()).toMatch(/"slackError":"channel_not_found"/);
  });
});
