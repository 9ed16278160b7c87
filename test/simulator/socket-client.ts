import { WebSocket } from 'ws';

import type { SlackSimulator } from '../../src/simulator/index.js';

/** A bare Socket Mode client over `ws`, for tests that need to see the raw frames. */
export interface RawSocketClient {
  socket: WebSocket;
  /** Every JSON message received, hello first. */
  received: Record<string, unknown>[];
  /** Resolves when the server closes the connection, with the close code. */
  closed: Promise<number>;
  close(): Promise<void>;
}

export interface RawClientOptions {
  /** Whether to ack envelopes. Defaults to true. */
  autoAck?: boolean;
  /** Payload sent with each ack. */
  ackPayload?: (envelope: Record<string, unknown>) => Record<string, unknown> | undefined;
}

/** Opens a Socket Mode connection through apps.connections.open and waits for hello. */
export async function openAckingClient(
  simulator: SlackSimulator,
  options: RawClientOptions = {},
): Promise<RawSocketClient> {
  const response = await fetch(`${simulator.apiUrl}apps.connections.open`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${simulator.appToken}` },
  });
  const { url } = (await response.json()) as { url: string };
  const socket = new WebSocket(url);
  const received: Record<string, unknown>[] = [];
  const closed = new Promise<number>((resolve) => socket.once('close', resolve));
  const hello = new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      received.push(message);
      if (message['type'] === 'hello') {
        resolve();
        return;
      }
      const envelopeId = message['envelope_id'];
      if (typeof envelopeId === 'string' && options.autoAck !== false) {
        const payload = options.ackPayload?.(message);
        socket.send(JSON.stringify({ envelope_id: envelopeId, ...(payload && { payload }) }));
      }
    });
  });
  await hello;

  return {
    socket,
    received,
    closed,
    async close() {
      if (socket.readyState === WebSocket.OPEN) {
        socket.close(1000);
      }
      if (socket.readyState !== WebSocket.CLOSED) {
        await closed;
      }
    },
  };
}
