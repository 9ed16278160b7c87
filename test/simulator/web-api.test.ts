import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { webApi } from '@slack/bolt';

import { SlackSimulator } from '../../src/simulator/index.js';
import { openAckingClient } from './socket-client.js';

let simulator: SlackSimulator;

beforeEach(async () => {
  simulator = await SlackSimulator.start();
});

afterEach(async () => {
  await simulator.stop();
});

interface CallOptions {
  token?: string | null;
  json?: boolean;
}

/** POSTs one Web API call the way @slack/web-api does: form-encoded, token in the header. */
async function callApi(
  method: string,
  args: Record<string, string> = {},
  options: CallOptions = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const token = options.token === undefined ? simulator.botToken : options.token;
  const headers: Record<string, string> = {
    'Content-Type': options.json ? 'application/json' : 'application/x-www-form-urlencoded',
  };
  if (token !== null) {
    headers['Authorization'] = `Bearer ${token}`;
  }
  const response = await fetch(`${simulator.apiUrl}${method}`, {
    method: 'POST',
    headers,
    body: options.json ? JSON.stringify(args) : new URLSearchParams(args).toString(),
  });
  const text = await response.text();
  const body = response.headers.get('content-type')?.startsWith('application/json')
    ? (JSON.parse(text) as Record<string, unknown>)
    : { text };

  return { status: response.status, body };
}

function channelId(name: string): string {
  return simulator.workspace.requireChannel(name).id;
}

function userId(name: string): string {
  return simulator.workspace.requireUser(name).id;
}

describe('authentication', () => {
  test('bad app token gives invalid_auth', async () => {
    const { status, body } = await callApi('apps.connections.open', {}, { token: 'xapp-1-wrong' });

    expect(status).toBe(200);
    expect(body).toEqual({ ok: false, error: 'invalid_auth' });
  });

  test('missing token gives not_authed', async () => {
    const { body } = await callApi('auth.test', {}, { token: null });

    expect(body['error']).toBe('not_authed');
  });

  test('bot token rejected for connections', async () => {
    const { body } = await callApi('apps.connections.open');

    expect(body['error']).toBe('not_allowed_token_type');
  });

  test('app token opens socket URL', async () => {
    const { body } = await callApi('apps.connections.open', {}, { token: simulator.appToken });

    expect(body['ok']).toBe(true);
    expect(body['url']).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=.+&app_id=A/);
  });

  test('unknown method gives unknown_method', async () => {
    const { body } = await callApi('chat.scheduleTeleport');

    expect(body).toEqual({ ok: false, error: 'unknown_method', req_method: 'chat.scheduleTeleport' });
  });

  test('auth.test describes the bot', async () => {
    const { body } = await callApi('auth.test');
    const { team, bot } = simulator.workspace;

    expect(body['user_id']).toBe(bot.userId);
    expect(body['bot_id']).toBe(bot.botId);
    expect(body['team_id']).toBe(team.id);
  });

  test('calls recorded without token', async () => {
    await callApi('chat.postMessage', { channel: channelId('general'), text: 'hi', token: 'x' });

    const [call] = simulator.calls;
    expect(call?.method).toBe('chat.postMessage');
    expect(call?.args).toEqual({ channel: channelId('general'), text: 'hi' });
    expect(call?.status).toBe(200);
    expect(JSON.stringify(simulator.calls)).not.toContain(simulator.botToken);
  });
});

describe('chat methods', () => {
  test('form blocks and metadata parsed', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Lunch*' } }];
    const metadata = { event_type: 'round_opened', event_payload: { id: 7 } };
    const { body } = await callApi('chat.postMessage', {
      channel: '#general',
      text: 'Lunch',
      blocks: JSON.stringify(blocks),
      metadata: JSON.stringify(metadata),
    });

    expect(body['ok']).toBe(true);
    expect(body['channel']).toBe(channelId('general'));
    const [recorded] = simulator.messages;
    expect(recorded?.blocks).toEqual(blocks);
    expect(recorded?.metadata).toEqual(metadata);
    expect(recorded?.ts).toBe(body['ts']);
  });

  test('JSON body accepted', async () => {
    const { body } = await callApi(
      'chat.postMessage',
      { channel: channelId('general'), text: 'json' },
      { json: true },
    );

    expect(body['ok']).toBe(true);
    expect(simulator.messages[0]?.text).toBe('json');
  });

  test('malformed blocks give invalid_blocks_format', async () => {
    const { body } = await callApi('chat.postMessage', {
      channel: channelId('general'),
      blocks: '[{',
    });

    expect(body['error']).toBe('invalid_blocks_format');
  });

  test('empty message gives no_text', async () => {
    const { body } = await callApi('chat.postMessage', { channel: channelId('general') });

    expect(body['error']).toBe('no_text');
  });

  test('conversation errors', async () => {
    const secret = simulator.workspace.addChannel({ name: 'secret', isPrivate: true });
    const closed = simulator.workspace.addChannel({ name: 'closed', botIsMember: true });
    simulator.workspace.archiveChannel('closed');
    const deleted = simulator.workspace.addChannel({ name: 'gone', botIsMember: true });
    simulator.workspace.deleteChannel('gone');
    const cases = [
      { channel: 'C0MISSING', error: 'channel_not_found' },
      { channel: channelId('random'), error: 'not_in_channel' },
      { channel: secret.id, error: 'channel_not_found' },
      { channel: closed.id, error: 'is_archived' },
      { channel: deleted.id, error: 'channel_not_found' },
    ];

    for (const { channel, error } of cases) {
      const { body } = await callApi('chat.postMessage', { channel, text: 'x' });
      expect({ channel, error: body['error'] }).toEqual({ channel, error });
    }
  });

  test('removed bot gets not_in_channel', async () => {
    simulator.workspace.removeBotFromChannel('general');
    const { body } = await callApi('chat.postMessage', { channel: channelId('general'), text: 'x' });

    expect(body['error']).toBe('not_in_channel');
  });

  test('user id posts to bot DM', async () => {
    const { body } = await callApi('chat.postMessage', { channel: userId('bob'), text: 'hey' });

    expect(body['channel']).toBe(simulator.workspace.directMessageWith('bob').id);
    expect(String(body['channel'])).toMatch(/^D/);
  });

  test('thread reply counted on parent', async () => {
    const parent = await callApi('chat.postMessage', { channel: channelId('general'), text: 'p' });
    const parentTs = String(parent.body['ts']);
    await callApi('chat.postMessage', {
      channel: channelId('general'),
      text: 'r',
      thread_ts: parentTs,
    });
    const stored = simulator.workspace.findMessage(channelId('general'), parentTs);

    expect(stored?.reply_count).toBe(1);
    expect(simulator.messages[1]?.threadTs).toBe(parentTs);
  });

  test('postEphemeral checks user membership', async () => {
    const outsider = simulator.workspace.addUser({ name: 'dave' });
    const denied = await callApi('chat.postEphemeral', {
      channel: channelId('general'),
      user: outsider.id,
      text: 'psst',
    });
    const delivered = await callApi('chat.postEphemeral', {
      channel: channelId('general'),
      user: userId('alice'),
      text: 'psst',
    });

    expect(denied.body['error']).toBe('user_not_in_channel');
    expect(delivered.body['message_ts']).toMatch(/^\d+\.\d{6}$/);
    expect(simulator.messages.at(-1)).toMatchObject({
      kind: 'ephemeral',
      user: userId('alice'),
      text: 'psst',
    });
  });

  test('update and delete recorded', async () => {
    const posted = await callApi('chat.postMessage', { channel: channelId('general'), text: 'v1' });
    const ts = String(posted.body['ts']);
    const updated = await callApi('chat.update', { channel: channelId('general'), ts, text: 'v2' });
    const deleted = await callApi('chat.delete', { channel: channelId('general'), ts });

    expect(updated.body['text']).toBe('v2');
    expect(deleted.body['ok']).toBe(true);
    expect(simulator.messages.map((message) => message.kind)).toEqual(['post', 'update', 'delete']);
    expect(simulator.messages.map((message) => message.ts)).toEqual([ts, ts, ts]);
    expect(simulator.workspace.findMessage(channelId('general'), ts)).toBeUndefined();
  });

  test('user messages cannot be updated', async () => {
    const sent = await simulator.sendMessage({ user: 'alice', channel: 'random', text: 'mine' });
    const missing = await callApi('chat.update', {
      channel: channelId('random'),
      ts: '1765000099.000100',
      text: 'x',
    });
    const foreign = await callApi('chat.update', {
      channel: channelId('random'),
      ts: sent.ts,
      text: 'x',
    });

    expect(missing.body['error']).toBe('message_not_found');
    expect(foreign.body['error']).toBe('cant_update_message');
  });
});

describe('conversations', () => {
  test('open returns same DM for same user', async () => {
    const first = await callApi('conversations.open', { users: userId('alice') });
    const second = await callApi('conversations.open', { users: userId('alice') });
    const other = await callApi('conversations.open', { users: userId('bob') });

    const firstId = (first.body['channel'] as { id: string }).id;
    expect(firstId).toMatch(/^D/);
    expect((second.body['channel'] as { id: string }).id).toBe(firstId);
    expect(second.body['already_open']).toBe(true);
    expect((other.body['channel'] as { id: string }).id).not.toBe(firstId);
  });

  test('open rejects unknown users', async () => {
    const unknown = await callApi('conversations.open', { users: 'U0NOBODY' });
    const empty = await callApi('conversations.open', {});

    expect(unknown.body['error']).toBe('user_not_found');
    expect(empty.body['error']).toBe('users_list_not_supplied');
  });

  test('history newest first with bounds', async () => {
    const timestamps: string[] = [];
    for (const text of ['one', 'two', 'three', 'four']) {
      const { body } = await callApi('chat.postMessage', { channel: channelId('general'), text });
      timestamps.push(String(body['ts']));
    }
    const [first, second, third, fourth] = timestamps;
    const all = await callApi('conversations.history', { channel: channelId('general') });
    const bounded = await callApi('conversations.history', {
      channel: channelId('general'),
      oldest: first ?? '',
      latest: fourth ?? '',
    });
    const inclusive = await callApi('conversations.history', {
      channel: channelId('general'),
      oldest: first ?? '',
      latest: fourth ?? '',
      inclusive: 'true',
    });

    const tsOf = (body: Record<string, unknown>): string[] =>
      (body['messages'] as { ts: string }[]).map((message) => message.ts);
    expect(tsOf(all.body)).toEqual([fourth, third, second, first]);
    expect(tsOf(bounded.body)).toEqual([third, second]);
    expect(tsOf(inclusive.body)).toEqual([fourth, third, second, first]);
  });

  test('history pages with cursor', async () => {
    for (const text of ['a', 'b', 'c']) {
      await callApi('chat.postMessage', { channel: channelId('general'), text });
    }
    const client = new webApi.WebClient(simulator.botToken, { slackApiUrl: simulator.apiUrl });
    const texts: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.conversations.history({
        channel: channelId('general'),
        limit: 2,
        cursor,
      });
      texts.push(...(page.messages ?? []).map((message) => message.text ?? ''));
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor !== undefined);

    expect(texts).toEqual(['c', 'b', 'a']);
  });

  test('history omits metadata unless asked', async () => {
    const metadata = { event_type: 'round_opened', event_payload: { id: 1 } };
    await callApi('chat.postMessage', {
      channel: channelId('general'),
      text: 'x',
      metadata: JSON.stringify(metadata),
    });
    const plain = await callApi('conversations.history', { channel: channelId('general') });
    const full = await callApi('conversations.history', {
      channel: channelId('general'),
      include_all_metadata: 'true',
    });

    const [plainMessage] = plain.body['messages'] as Record<string, unknown>[];
    const [fullMessage] = full.body['messages'] as Record<string, unknown>[];
    expect(plainMessage?.['metadata']).toBeUndefined();
    expect(fullMessage?.['metadata']).toEqual(metadata);
  });

  test('history needs membership', async () => {
    const { body } = await callApi('conversations.history', { channel: channelId('random') });

    expect(body['error']).toBe('not_in_channel');
  });

  test('info and members', async () => {
    const info = await callApi('conversations.info', {
      channel: channelId('general'),
      include_num_members: 'true',
    });
    const members = await callApi('conversations.members', { channel: channelId('general') });

    expect(info.body['channel']).toMatchObject({
      id: channelId('general'),
      name: 'general',
      is_channel: true,
      is_private: false,
      is_member: true,
      num_members: 4,
    });
    expect(members.body['members']).toEqual([
      userId('alice'),
      userId('bob'),
      userId('carol'),
      simulator.workspace.bot.userId,
    ]);
  });
});

describe('users.info', () => {
  test('returns profile and locale', async () => {
    const { body } = await callApi('users.info', { user: userId('alice'), include_locale: 'true' });

    expect(body['user']).toMatchObject({
      id: userId('alice'),
      name: 'alice',
      real_name: 'Alice Kim',
      tz: 'Asia/Seoul',
      tz_offset: 32400,
      locale: 'ko-KR',
      is_admin: true,
      is_owner: true,
      is_bot: false,
    });
  });

  test('locale only on request', async () => {
    const { body } = await callApi('users.info', { user: userId('bob') });

    expect(body['user']).not.toHaveProperty('locale');
    expect(body['user']).toMatchObject({ tz: 'America/New_York', tz_offset: -18000 });
  });

  test('unknown user gives user_not_found', async () => {
    const { body } = await callApi('users.info', { user: 'U0NOBODY' });

    expect(body['error']).toBe('user_not_found');
  });
});

describe('views', () => {
  const modal = {
    type: 'modal',
    callback_id: 'pick',
    title: { type: 'plain_text', text: 'Pick' },
    blocks: [],
  };

  test('unknown trigger gives invalid_trigger_id', async () => {
    const { body } = await callApi('views.open', {
      trigger_id: '1.2.3',
      view: JSON.stringify(modal),
    });

    expect(body['error']).toBe('invalid_trigger_id');
  });

  test('open, push and update with hash', async () => {
    const opened = await openModalWithTrigger(modal);
    const view = opened['view'] as { id: string; hash: string; root_view_id: string };
    const stale = await callApi('views.update', {
      view_id: view.id,
      hash: 'stale',
      view: JSON.stringify(modal),
    });
    const fresh = await callApi('views.update', {
      view_id: view.id,
      hash: view.hash,
      view: JSON.stringify({ ...modal, title: { type: 'plain_text', text: 'Picked' } }),
    });

    const pushed = await callApi('views.push', {
      trigger_id: await startCommandForTrigger(),
      view: JSON.stringify({ ...modal, callback_id: 'details' }),
    });
    const pushedView = pushed.body['view'] as { id: string; root_view_id: string };

    expect(view.id).toMatch(/^V/);
    expect(view.root_view_id).toBe(view.id);
    expect(stale.body['error']).toBe('hash_conflict');
    expect((fresh.body['view'] as { title: { text: string } }).title.text).toBe('Picked');
    expect(pushedView.root_view_id).toBe(view.id);
    expect(simulator.openModals('alice').map((open) => open.id)).toEqual([view.id, pushedView.id]);
  });

  test('trigger used twice rejected', async () => {
    const command = await startCommandForTrigger();
    const view = JSON.stringify(modal);
    const first = await callApi('views.open', { trigger_id: command, view });
    const second = await callApi('views.open', { trigger_id: command, view });

    expect(first.body['ok']).toBe(true);
    expect(second.body['error']).toBe('exchanged_trigger_id');
  });

  /** Acks a slash command from a raw WebSocket client and returns its trigger_id. */
  async function startCommandForTrigger(): Promise<string> {
    const client = await openAckingClient(simulator);
    try {
      const result = await simulator.sendSlashCommand({ user: 'alice', channel: 'general' });
      return result.triggerId;
    } finally {
      await client.close();
    }
  }

  async function openModalWithTrigger(view: object): Promise<Record<string, unknown>> {
    const triggerId = await startCommandForTrigger();
    const { body } = await callApi('views.open', {
      trigger_id: triggerId,
      view: JSON.stringify(view),
    });

    return body;
  }
});

describe('faults', () => {
  test('failNext returns Slack error once', async () => {
    simulator.failNext('auth.test', 'ratelimited');
    const failed = await callApi('auth.test');
    const recovered = await callApi('auth.test');

    expect(failed.body).toEqual({ ok: false, error: 'ratelimited' });
    expect(recovered.body['ok']).toBe(true);
  });

  test('HTTP status fault recorded', async () => {
    simulator.failNext('chat.postMessage', 500, 2);
    const first = await callApi('chat.postMessage', { channel: channelId('general'), text: 'x' });
    const second = await callApi('chat.postMessage', { channel: channelId('general'), text: 'x' });
    const third = await callApi('chat.postMessage', { channel: channelId('general'), text: 'x' });

    expect([first.status, second.status, third.status]).toEqual([500, 500, 200]);
    expect(simulator.callsTo('chat.postMessage').map((call) => call.status)).toEqual([500, 500, 200]);
    expect(simulator.messages).toHaveLength(1);
  });

  test('429 carries Retry-After header', async () => {
    simulator.failNext('users.info', { status: 429, retryAfter: 7 });
    const response = await fetch(`${simulator.apiUrl}users.info`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${simulator.botToken}` },
    });

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
  });

  test('latency delays the response', async () => {
    simulator.setLatency('auth.test', 300);
    const started = performance.now();
    await callApi('auth.test');
    const elapsed = performance.now() - started;

    expect(elapsed).toBeGreaterThanOrEqual(290);
  });
});

describe('determinism', () => {
  test('same calls give same ids and ts', async () => {
    async function run(target: SlackSimulator): Promise<string[]> {
      const client = new webApi.WebClient(target.botToken, { slackApiUrl: target.apiUrl });
      const general = target.workspace.requireChannel('general').id;
      const first = await client.chat.postMessage({ channel: general, text: 'a' });
      const second = await client.chat.postMessage({ channel: general, text: 'b' });
      const dm = await client.conversations.open({
        users: target.workspace.requireUser('bob').id,
      });

      return [general, first.ts ?? '', second.ts ?? '', dm.channel?.id ?? ''];
    }
    const other = await SlackSimulator.start();
    try {
      const ours = await run(simulator);
      const theirs = await run(other);

      expect(ours).toEqual(theirs);
      expect(ours[1]).toBe('1765000000.000100');
      expect(Number(ours[2])).toBeGreaterThan(Number(ours[1]));
    } finally {
      await other.stop();
    }
  });
});

describe('start', () => {
  test('busy port rejects start', async () => {
    await expect(SlackSimulator.start({ port: simulator.port })).rejects.toThrow(/EADDRINUSE/);
  });
});
