import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { pino } from 'pino';
import { WebSocket } from 'ws';

import { SlackSimulator } from '../../src/simulator/index.js';
import type { SimulatorLogger } from '../../src/simulator/index.js';
import { openAckingClient } from './socket-client.js';
import type { RawSocketClient } from './socket-client.js';

let simulator: SlackSimulator;
const clients: RawSocketClient[] = [];

beforeEach(async () => {
  simulator = await SlackSimulator.start();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await simulator.stop();
});

async function connect(options: Parameters<typeof openAckingClient>[1] = {}) {
  const client = await openAckingClient(simulator, options);
  clients.push(client);

  return client;
}

function envelopes(client: RawSocketClient): Record<string, unknown>[] {
  return client.received.filter((message) => typeof message['envelope_id'] === 'string');
}

async function connectionsOpenUrl(): Promise<string> {
  const response = await fetch(`${simulator.apiUrl}apps.connections.open`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${simulator.appToken}` },
  });

  return ((await response.json()) as { url: string }).url;
}

/** Resolves with the HTTP status that rejected a WebSocket upgrade, or 101 if it opened. */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => {
      resolve(101);
      socket.close();
    });
    socket.once('error', () => undefined);
  });
}

const sampleEvent = {
  type: 'reaction_added',
  user: 'U00000002',
  reaction: 'tada',
  item: { type: 'message', channel: 'C00000001', ts: '1765000000.000100' },
  event_ts: '1765000000.000200',
};

describe('connection', () => {
  test('hello describes the connection', async () => {
    await connect();
    const second = await connect();

    expect(second.received[0]).toEqual({
      type: 'hello',
      num_connections: 2,
      debug_info: { host: 'applink-simulator', build_number: 1, approximate_connection_time: 18060 },
      connection_info: { app_id: simulator.workspace.bot.appId },
    });
  });

  test('ticket works only once', async () => {
    const url = await connectionsOpenUrl();

    expect(await upgradeStatus(url)).toBe(101);
    expect(await upgradeStatus(url)).toBe(401);
  });

  test('refused connections get 503', async () => {
    simulator.refuseConnections(60_000);
    const refused = await upgradeStatus(await connectionsOpenUrl());
    simulator.acceptConnections();
    const accepted = await upgradeStatus(await connectionsOpenUrl());

    expect(refused).toBe(503);
    expect(accepted).toBe(101);
  });

  test.each(['refresh_requested', 'warning', 'link_disabled'] as const)(
    'disconnect %s sent then closed',
    async (reason) => {
      const client = await connect();
      const serverSide = new Promise((resolve) => simulator.once('disconnected', resolve));
      simulator.disconnectAll(reason, { closeAfterMs: 50 });
      const code = await client.closed;
      await serverSide;

      expect(client.received.at(-1)).toEqual({
        type: 'disconnect',
        reason,
        debug_info: { host: 'applink-simulator' },
      });
      expect(code).toBe(1001);
      expect(simulator.openConnections).toBe(0);
    },
  );
});

describe('delivery', () => {
  test('envelopes alternate between clients', async () => {
    const first = await connect();
    const second = await connect();
    const results = [];
    for (let index = 0; index < 4; index += 1) {
      results.push(await simulator.sendEvent(sampleEvent));
    }

    expect(results.map((result) => result.connectionId)).toEqual([1, 2, 1, 2]);
    expect(envelopes(first)).toHaveLength(2);
    expect(envelopes(second)).toHaveLength(2);
  });

  test('events_api envelope matches Slack', async () => {
    const client = await connect();
    const result = await simulator.sendEvent(sampleEvent);
    const { team, bot } = simulator.workspace;

    const [envelope] = envelopes(client);
    expect(envelope).toMatchObject({
      envelope_id: result.envelopeId,
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: '',
      payload: {
        type: 'event_callback',
        team_id: team.id,
        api_app_id: bot.appId,
        event_id: result.eventId,
        event_time: 1765000000,
        event: sampleEvent,
        authorizations: [
          { enterprise_id: null, team_id: team.id, user_id: bot.userId, is_bot: true },
        ],
      },
    });
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(result.envelopeId).toMatch(uuid);
  });

  test('slash command payload matches Slack', async () => {
    const client = await connect();
    const result = await simulator.sendSlashCommand({
      user: 'bob',
      channel: 'general',
      text: 'join lunch',
    });

    const [envelope] = envelopes(client);
    expect(envelope).toMatchObject({
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        command: '/mate',
        text: 'join lunch',
        user_id: simulator.workspace.requireUser('bob').id,
        user_name: 'bob',
        channel_id: simulator.workspace.requireChannel('general').id,
        channel_name: 'general',
        team_id: simulator.workspace.team.id,
        api_app_id: simulator.workspace.bot.appId,
        response_url: result.responseUrl,
        trigger_id: result.triggerId,
      },
    });
    expect(result.responseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/respond\//);
  });

  test('ack payload returned', async () => {
    await connect({ ackPayload: () => ({ text: 'On it' }) });
    const result = await simulator.sendSlashCommand({ user: 'alice', channel: 'general' });

    expect(result.ackPayload).toEqual({ text: 'On it' });
    expect(simulator.messages.at(-1)).toMatchObject({ kind: 'ephemeral', text: 'On it' });
  });

  test('missing ack times out naming envelope', async () => {
    await connect({ autoAck: false });
    const sending = simulator.sendSlashCommand({
      user: 'alice',
      channel: 'general',
      command: '/lunch',
      timeoutMs: 200,
    });

    await expect(sending).rejects.toThrow(
      'envelope 00000000-0000-4000-8000-000000000001 (slash_commands /lunch) ' +
        'was not acknowledged within 200 ms',
    );
  });

  test('no connection rejects delivery', async () => {
    await expect(simulator.sendEvent(sampleEvent)).rejects.toThrow(/no Socket Mode connection/);
  });

  test('closed connection rejects pending ack', async () => {
    const client = await connect({ autoAck: false });
    const sending = simulator.sendEvent(sampleEvent, { timeoutMs: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    client.socket.close();

    await expect(sending).rejects.toThrow(/closed before envelope .* was acknowledged/);
  });
});

describe('response URLs', () => {
  async function commandResponseUrl(): Promise<string> {
    await connect();
    const result = await simulator.sendSlashCommand({ user: 'alice', channel: 'general' });

    return result.responseUrl;
  }

  async function post(url: string, body: object): Promise<number> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

    return response.status;
  }

  test('in_channel response becomes a post', async () => {
    const url = await commandResponseUrl();
    const status = await post(url, { response_type: 'in_channel', text: 'Round open' });

    expect(status).toBe(200);
    const [message] = simulator.messages;
    expect(message).toMatchObject({ kind: 'post', source: 'response_url', text: 'Round open' });
    const general = simulator.workspace.requireChannel('general').id;
    expect(simulator.workspace.findMessage(general, message?.ts ?? '')?.text).toBe('Round open');
  });

  test('sixth use rejected', async () => {
    const url = await commandResponseUrl();
    const statuses = [];
    for (let use = 0; use < 6; use += 1) {
      statuses.push(await post(url, { text: `reply ${use}` }));
    }

    expect(statuses).toEqual([200, 200, 200, 200, 200, 404]);
    expect(simulator.messages).toHaveLength(5);
  });

  test('response_url fault gives status', async () => {
    const url = await commandResponseUrl();
    simulator.failNext('response_url', 500);

    expect(await post(url, { text: 'x' })).toBe(500);
    expect(simulator.callsTo('response_url')[0]?.status).toBe(500);
    expect(simulator.messages).toHaveLength(0);
  });
});

describe('views', () => {
  const modal = {
    type: 'modal',
    callback_id: 'signup',
    title: { type: 'plain_text', text: 'Sign up' },
    submit: { type: 'plain_text', text: 'Join' },
    blocks: [
      {
        type: 'input',
        block_id: 'name',
        label: { type: 'plain_text', text: 'Name' },
        element: { type: 'plain_text_input', action_id: 'value' },
      },
      {
        type: 'actions',
        block_id: 'tools',
        elements: [
          { type: 'button', action_id: 'refresh', text: { type: 'plain_text', text: 'Refresh' } },
        ],
      },
    ],
  };

  /** Opens the modal for alice with the trigger of a slash command and returns its id. */
  async function openModal(): Promise<string> {
    const { triggerId } = await simulator.sendSlashCommand({ user: 'alice', channel: 'general' });
    const response = await fetch(`${simulator.apiUrl}views.open`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${simulator.botToken}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ trigger_id: triggerId, view: modal }),
    });
    const body = (await response.json()) as { view: { id: string } };

    return body.view.id;
  }

  test('errors ack keeps modal open', async () => {
    await connect({
      ackPayload: (envelope) =>
        (envelope['payload'] as { type?: string }).type === 'view_submission'
          ? { response_action: 'errors', errors: { name: 'Too short' } }
          : undefined,
    });
    const viewId = await openModal();
    const result = await simulator.sendViewSubmission({
      user: 'alice',
      viewId,
      values: { name: { value: 'A' } },
    });

    expect(result.ackPayload).toEqual({ response_action: 'errors', errors: { name: 'Too short' } });
    expect(result.openViews.map((view) => view.id)).toEqual([viewId]);
  });

  test('update ack replaces modal', async () => {
    const thanks = { ...modal, title: { type: 'plain_text', text: 'Thanks' }, blocks: [] };
    await connect({
      ackPayload: (envelope) =>
        (envelope['payload'] as { type?: string }).type === 'view_submission'
          ? { response_action: 'update', view: thanks }
          : undefined,
    });
    const viewId = await openModal();
    const result = await simulator.sendViewSubmission({
      user: 'alice',
      viewId,
      values: { name: { value: 'Alice' } },
    });

    expect(result.openViews.map((view) => view.id)).toEqual([viewId]);
    expect(result.openViews[0]?.title.text).toBe('Thanks');
  });

  test('submission carries typed state', async () => {
    const client = await connect();
    const viewId = await openModal();
    await simulator.sendViewSubmission({ user: 'alice', viewId, values: { name: { value: 'Al' } } });

    const submission = envelopes(client).at(-1)?.['payload'] as Record<string, unknown>;
    expect(submission['type']).toBe('view_submission');
    expect(submission['view']).toMatchObject({
      id: viewId,
      callback_id: 'signup',
      state: { values: { name: { value: { type: 'plain_text_input', value: 'Al' } } } },
    });
    expect(simulator.openModals('alice')).toEqual([]);
  });

  test('block action inside modal', async () => {
    const client = await connect();
    const viewId = await openModal();
    const result = await simulator.sendBlockAction({ user: 'alice', viewId, actionId: 'refresh' });

    const payload = envelopes(client).at(-1)?.['payload'] as Record<string, unknown>;
    expect(payload).toMatchObject({
      type: 'block_actions',
      container: { type: 'view', view_id: viewId },
      view: { id: viewId },
      trigger_id: result.triggerId,
      actions: [{ type: 'button', action_id: 'refresh', block_id: 'tools' }],
    });
    expect(payload).not.toHaveProperty('response_url');
    expect(result.responseUrl).toBeUndefined();
  });
});

describe('logging', () => {
  test('lifecycle reaches the logger', async () => {
    const lines: string[] = [];
    const keep = (level: string) => (_fields: object, message: string) => {
      lines.push(`${level} ${message}`);
    };
    const logger: SimulatorLogger = {
      debug: keep('debug'),
      info: keep('info'),
      warn: keep('warn'),
      error: keep('error'),
    };
    const logged = await SlackSimulator.start({ logger });
    const url = await (async () => {
      const response = await fetch(`${logged.apiUrl}apps.connections.open`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${logged.appToken}` },
      });
      return ((await response.json()) as { url: string }).url;
    })();
    logged.refuseConnections(60_000);
    await upgradeStatus(url);
    await logged.stop();

    expect(lines).toEqual([
      'info Slack simulator listening',
      'warn Socket Mode connection rejected with 503 because refuseConnections() is in effect',
      'info Slack simulator stopped',
    ]);
  });

  test('pino logger accepted', async () => {
    const logger: SimulatorLogger = pino({ level: 'silent' });
    const quiet = await SlackSimulator.start({ logger });
    await quiet.stop();

    expect(quiet.apiUrl).toMatch(/\/api\/$/);
  });
});
