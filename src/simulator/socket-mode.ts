import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

import { WebSocket, WebSocketServer } from 'ws';
import type { RawData } from 'ws';

import type { IdSource } from './ids.js';
import type { AckResult, SimulatorLogger } from './types.js';

/** Path of the Socket Mode WebSocket endpoint, as in Slack's wss://.../link/?ticket=... URLs. */
export const SOCKET_PATH = '/link/';

/**
 * Default interval between WebSocket pings to each client. @slack/socket-mode 3.1 closes the
 * connection when no ping arrives within serverPingTimeout (30 000 ms by default, counted from
 * the previous ping), so 5 s leaves a wide margin.
 */
export const DEFAULT_PING_INTERVAL_MS = 5000;

/** Host name reported in debug_info, like Slack's "applink-..." hosts. */
const DEBUG_HOST = 'applink-simulator';

export type DisconnectReason = 'refresh_requested' | 'warning' | 'link_disabled';

/** A Socket Mode envelope before it is sent: its type, id and payload. */
export interface Envelope {
  envelope_id: string;
  type: 'events_api' | 'slash_commands' | 'interactive';
  payload: object;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

export interface ConnectionInfo {
  connectionId: number;
  /** Open connections after this one opened or closed. */
  openConnections: number;
}

interface Connection {
  id: number;
  socket: WebSocket;
  /** Set once a disconnect message went out, after which Slack sends no more envelopes. */
  draining: boolean;
}

interface PendingAck {
  envelope: Envelope;
  connectionId: number;
  sentAt: number;
  timer: NodeJS.Timeout;
  resolve: (result: AckResult) => void;
  reject: (error: Error) => void;
}

interface HubEvents {
  connected: [ConnectionInfo];
  disconnected: [ConnectionInfo & { code: number }];
  ack: [AckResult];
}

/**
 * The Socket Mode side of the simulator: accepts WebSocket connections that present a ticket
 * from apps.connections.open, sends hello and pings, delivers envelopes to one connection each
 * (round robin, as Slack spreads envelopes over an app's connections) and matches the acks.
 */
export class SocketModeHub extends EventEmitter<HubEvents> {
  readonly acks: AckResult[] = [];
  readonly #appId: string;
  readonly #ids: IdSource;
  readonly #logger: SimulatorLogger;
  readonly #server = new WebSocketServer({ noServer: true, clientTracking: false });
  readonly #tickets = new Set<string>();
  readonly #connections: Connection[] = [];
  readonly #pending = new Map<string, PendingAck>();
  readonly #pingTimer: NodeJS.Timeout | undefined;
  readonly #closeTimers = new Set<NodeJS.Timeout>();
  #connectionsOpened = 0;
  #connectionsRefused = 0;
  #nextConnectionIndex = 0;
  #refuseUntil = 0;

  constructor(options: {
    appId: string;
    ids: IdSource;
    pingIntervalMs: number;
    logger: SimulatorLogger;
  }) {
    super();
    this.#appId = options.appId;
    this.#ids = options.ids;
    this.#logger = options.logger;
    if (options.pingIntervalMs > 0) {
      this.#pingTimer = setInterval(() => this.#pingAll(), options.pingIntervalMs);
      this.#pingTimer.unref();
    }
  }

  /** Number of open connections. */
  get openConnections(): number {
    return this.#connections.length;
  }

  /** Number of connections opened since the simulator started, closed ones included. */
  get connectionsOpened(): number {
    return this.#connectionsOpened;
  }

  /** Number of WebSocket upgrades rejected by refuseConnections(). */
  get connectionsRefused(): number {
    return this.#connectionsRefused;
  }

  /** Returns a one-use ticket for the WebSocket URL that apps.connections.open hands out. */
  issueTicket(): string {
    const ticket = this.#ids.nextTicket();
    this.#tickets.add(ticket);

    return ticket;
  }

  /** Rejects WebSocket upgrades with HTTP 503 for `ms` milliseconds. */
  refuseConnections(ms: number): void {
    this.#refuseUntil = Date.now() + ms;
  }

  acceptConnections(): void {
    this.#refuseUntil = 0;
  }

  /** Handles an HTTP upgrade request for the Socket Mode path. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (Date.now() < this.#refuseUntil) {
      this.#connectionsRefused += 1;
      this.#logger.warn(
        { refusedCount: this.#connectionsRefused },
        'Socket Mode connection rejected with 503 because refuseConnections() is in effect',
      );
      rejectUpgrade(socket, 503, 'Service Unavailable');
      return;
    }
    const ticket = url.searchParams.get('ticket');
    if (ticket === null || !this.#tickets.delete(ticket)) {
      this.#logger.warn(
        { ticket },
        'Socket Mode connection rejected with 401: unknown or used ticket, call apps.connections.open',
      );
      rejectUpgrade(socket, 401, 'Unauthorized');
      return;
    }
    this.#server.handleUpgrade(request, socket, head, (webSocket) => this.#accept(webSocket));
  }

  #accept(socket: WebSocket): void {
    this.#connectionsOpened += 1;
    const connection: Connection = { id: this.#connectionsOpened, socket, draining: false };
    this.#connections.push(connection);
    socket.on('message', (data, isBinary) => this.#onMessage(connection, data, isBinary));
    socket.on('close', (code) => this.#onClose(connection, code));
    // A reset from the client also ends in 'close', so this listener only stops ws from throwing.
    socket.on('error', (error) => {
      this.#logger.debug({ err: error, connectionId: connection.id }, 'Socket Mode socket error');
    });
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.#connections.length,
        debug_info: { host: DEBUG_HOST, build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.#appId },
      }),
    );
    const info = { connectionId: connection.id, openConnections: this.openConnections };
    this.#logger.info(info, 'Socket Mode connection opened');
    this.emit('connected', info);
  }

  #onMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    if (isBinary) {
      return;
    }
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(rawDataToString(data)) as typeof message;
    } catch {
      return;
    }
    if (typeof message.envelope_id !== 'string') {
      return;
    }
    const pending = this.#pending.get(message.envelope_id);
    if (!pending) {
      return;
    }
    this.#pending.delete(message.envelope_id);
    clearTimeout(pending.timer);
    const ackPayload =
      typeof message.payload === 'object' && message.payload !== null
        ? (message.payload as Record<string, unknown>)
        : {};
    const result: AckResult = {
      envelopeId: pending.envelope.envelope_id,
      type: pending.envelope.type,
      ackPayload,
      ackMs: performance.now() - pending.sentAt,
      connectionId: connection.id,
    };
    this.acks.push(result);
    this.emit('ack', result);
    pending.resolve(result);
  }

  #onClose(connection: Connection, code: number): void {
    const index = this.#connections.indexOf(connection);
    if (index < 0) {
      return;
    }
    this.#connections.splice(index, 1);
    for (const [envelopeId, pending] of this.#pending) {
      if (pending.connectionId === connection.id) {
        this.#pending.delete(envelopeId);
        clearTimeout(pending.timer);
        pending.reject(
          new Error(
            `Socket Mode connection ${connection.id} closed before envelope ${envelopeId} ` +
              `(${pending.envelope.type}) was acknowledged`,
          ),
        );
      }
    }
    const info = { connectionId: connection.id, openConnections: this.openConnections, code };
    this.#logger.info(info, 'Socket Mode connection closed');
    this.emit('disconnected', info);
  }

  /**
   * Sends an envelope to one open connection and resolves with the ack. Rejects at once when no
   * connection is open, and after `timeoutMs` without an ack. The errors name the envelope by
   * `description`.
   */
  deliver(envelope: Envelope, timeoutMs: number, description: string): Promise<AckResult> {
    const connection = this.#pickConnection();
    if (!connection) {
      return Promise.reject(
        new Error(
          `cannot deliver envelope ${envelope.envelope_id} (${description}): no Socket Mode ` +
            'connection is open; start the app and await waitForConnection() first',
        ),
      );
    }

    return new Promise<AckResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(envelope.envelope_id);
        this.#logger.warn(
          { envelopeId: envelope.envelope_id, description, timeoutMs },
          'Socket Mode envelope not acknowledged in time',
        );
        reject(
          new Error(
            `envelope ${envelope.envelope_id} (${description}) was not acknowledged ` +
              `within ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      this.#pending.set(envelope.envelope_id, {
        envelope,
        connectionId: connection.id,
        sentAt: performance.now(),
        timer,
        resolve,
        reject,
      });
      connection.socket.send(JSON.stringify(envelope));
    });
  }

  #pickConnection(): Connection | undefined {
    const open = this.#connections.filter(
      (item) => !item.draining && item.socket.readyState === WebSocket.OPEN,
    );
    if (open.length === 0) {
      return undefined;
    }
    const connection = open[this.#nextConnectionIndex % open.length];
    this.#nextConnectionIndex += 1;

    return connection;
  }

  /**
   * Sends a `disconnect` message to every open connection, then closes the ones still open
   * after `closeAfterMs`. No envelope goes to a connection after its disconnect message.
   * @slack/socket-mode 3.1 closes its side at once on any disconnect message and reconnects
   * after its reconnect delay (clientPingTimeout, 5000 ms by default).
   */
  disconnectAll(reason: DisconnectReason, closeAfterMs: number): void {
    this.#logger.info(
      { reason, openConnections: this.openConnections },
      'Sending disconnect to every Socket Mode connection',
    );
    for (const connection of [...this.#connections]) {
      const message = { type: 'disconnect', reason, debug_info: { host: DEBUG_HOST } };
      connection.draining = true;
      connection.socket.send(JSON.stringify(message));
      const timer = setTimeout(() => {
        this.#closeTimers.delete(timer);
        if (connection.socket.readyState === WebSocket.OPEN) {
          connection.socket.close(1001, reason);
        }
      }, closeAfterMs);
      this.#closeTimers.add(timer);
    }
  }

  /** Resolves once more than `since` connections have been opened and one is still open. */
  waitForConnection(timeoutMs: number, since = 0): Promise<ConnectionInfo> {
    const current = this.#connections.at(-1);
    if (current && this.#connectionsOpened > since) {
      return Promise.resolve({ connectionId: current.id, openConnections: this.openConnections });
    }

    return new Promise((resolve, reject) => {
      const onConnected = (info: ConnectionInfo): void => {
        if (info.connectionId > since) {
          clearTimeout(timer);
          this.off('connected', onConnected);
          resolve(info);
        }
      };
      const timer = setTimeout(() => {
        this.off('connected', onConnected);
        reject(new Error(`no Socket Mode connection opened within ${timeoutMs} ms`));
      }, timeoutMs);
      this.on('connected', onConnected);
    });
  }

  #pingAll(): void {
    for (const connection of this.#connections) {
      if (connection.socket.readyState === WebSocket.OPEN) {
        connection.socket.ping(Buffer.from(`ping ${Date.now()}`));
      }
    }
  }

  /**
   * Closes every connection with a close handshake (code 1001), rejects pending acks and stops
   * the timers. Connections that have not finished the handshake after `graceMs` are dropped.
   *
   * The handshake matters: when the socket is dropped while @slack/socket-mode 3.1 is closing
   * its side, the client starts a second 30-second close timer and loses the handle of the first,
   * which keeps the process (and jest) alive for 30 s.
   */
  async close(graceMs: number): Promise<void> {
    clearInterval(this.#pingTimer);
    for (const timer of this.#closeTimers) {
      clearTimeout(timer);
    }
    this.#closeTimers.clear();
    for (const [envelopeId, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(new Error(`simulator stopped before envelope ${envelopeId} was acknowledged`));
    }
    this.#pending.clear();
    const closing = this.#connections.map(
      (connection) =>
        new Promise<void>((resolve) => {
          const { socket } = connection;
          if (socket.readyState === WebSocket.CLOSED) {
            resolve();
            return;
          }
          const timer = setTimeout(() => socket.terminate(), graceMs);
          socket.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          if (socket.readyState === WebSocket.OPEN) {
            socket.close(1001, 'simulator stopped');
          }
        }),
    );
    await Promise.all(closing);
    this.#server.close();
  }
}

function rejectUpgrade(socket: Duplex, status: number, statusText: string): void {
  socket.end(`HTTP/1.1 ${status} ${statusText}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function rawDataToString(data: RawData): string {
  if (Array.isArray(data)) {
    return Buffer.concat(data).toString('utf8');
  }
  if (data instanceof ArrayBuffer) {
    return Buffer.from(data).toString('utf8');
  }

  return data.toString('utf8');
}
