import { STATUS_CODES, createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

import type { ApiArgs } from './args.js';
import type { Fault, FaultInjector } from './faults.js';
import type { ResponseOutcome } from './response-urls.js';
import { RESPONSE_URL_PATH } from './response-urls.js';
import { SOCKET_PATH } from './socket-mode.js';
import type { RecordedCall, SimulatorLogger } from './types.js';
import type { ApiResponse } from './web-api.js';

/** Path prefix of the Web API, which ends the base URL given to Bolt. */
export const API_PATH = '/api/';

/** Request bodies above this size get HTTP 413, so a runaway client cannot exhaust memory. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** Callbacks through which the HTTP server reaches the rest of the simulator. */
export interface HttpHandlers {
  faults: FaultInjector;
  logger: SimulatorLogger;
  callApi(method: string, args: ApiArgs, token: string | undefined): ApiResponse;
  respond(id: string, body: unknown): ResponseOutcome;
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /**
   * Records a call when its request has been read, before it has any effect, so a message the
   * call produces is never visible before the call itself. Returns the entry to complete later.
   */
  startCall(call: RecordedCall): RecordedCall;
  /** Reports a call whose status (and error) have been filled in. */
  finishCall(call: RecordedCall): void;
}

interface Reply {
  status: number;
  body: Record<string, unknown> | string;
  headers?: Record<string, string>;
}

/**
 * Creates the simulator's HTTP server: the Web API under /api/, response URLs under /respond/
 * and the Socket Mode WebSocket under /link/. Faults and latency apply to both HTTP routes.
 */
export function createSimulatorServer(handlers: HttpHandlers): Server {
  const server = createServer((request, response) => {
    handleRequest(handlers, request, response).catch((error: unknown) => {
      handlers.logger.error(
        { err: error, url: request.url },
        'Slack simulator failed to handle a request; answered 500',
      );
      const message = error instanceof Error ? error.message : String(error);
      send(response, { status: 500, body: { ok: false, error: 'internal_error', detail: message } });
    });
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === SOCKET_PATH || `${path}/` === SOCKET_PATH) {
      handlers.upgrade(request, socket, head);
      return;
    }
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  return server;
}

async function handleRequest(
  handlers: HttpHandlers,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname.startsWith(API_PATH)) {
    const method = url.pathname.slice(API_PATH.length);
    send(response, await handleApiCall(handlers, method, url, request));
    return;
  }
  if (url.pathname.startsWith(RESPONSE_URL_PATH) && request.method === 'POST') {
    const id = url.pathname.slice(RESPONSE_URL_PATH.length);
    send(response, await handleResponseUrl(handlers, id, request));
    return;
  }
  send(response, { status: 404, body: 'Not Found' });
}

async function handleApiCall(
  handlers: HttpHandlers,
  method: string,
  url: URL,
  request: IncomingMessage,
): Promise<Reply> {
  const at = Date.now();
  let args: ApiArgs;
  try {
    args = { ...Object.fromEntries(url.searchParams), ...(await readArgs(request)) };
  } catch (error) {
    return replyToUnreadable(handlers, method, at, error);
  }
  const token = bearerToken(request) ?? takeBodyToken(args);
  delete args['token'];
  const call = handlers.startCall({ method, args, at, status: 0 });

  return applyFaultOr(handlers, call, () => {
    const result = handlers.callApi(method, args, token);
    return { status: result.status, body: result.body };
  });
}

async function handleResponseUrl(
  handlers: HttpHandlers,
  id: string,
  request: IncomingMessage,
): Promise<Reply> {
  const method = 'response_url';
  const at = Date.now();
  let body: ApiArgs;
  try {
    body = await readArgs(request);
  } catch (error) {
    return replyToUnreadable(handlers, method, at, error);
  }
  const args = { ...body, response_url_id: id };
  const call = handlers.startCall({ method, args, at, status: 0 });

  return applyFaultOr(handlers, call, () => handlers.respond(id, body));
}

function replyToUnreadable(
  handlers: HttpHandlers,
  method: string,
  at: number,
  error: unknown,
): Reply {
  const tooLarge = error instanceof BodyTooLargeError;
  const reply: Reply = tooLarge
    ? { status: 413, body: 'Payload Too Large' }
    : { status: 200, body: { ok: false, error: 'invalid_json' } };
  finishCall(handlers, handlers.startCall({ method, args: {}, at, status: 0 }), reply);

  return reply;
}

/**
 * Waits the method's latency, then returns the queued fault's reply or runs `handle`. The call
 * is completed in the same tick as `handle`, so code that observes the call's effects also
 * finds its status set.
 */
async function applyFaultOr(
  handlers: HttpHandlers,
  call: RecordedCall,
  handle: () => Reply,
): Promise<Reply> {
  const fault = handlers.faults.take(call.method);
  const latency = handlers.faults.latencyOf(call.method);
  if (latency > 0) {
    await sleep(latency);
  }
  const reply = fault === undefined ? handle() : faultReply(fault);
  finishCall(handlers, call, reply);

  return reply;
}

function faultReply(fault: Fault): Reply {
  if (typeof fault === 'string') {
    return { status: 200, body: { ok: false, error: fault } };
  }
  const status = typeof fault === 'number' ? fault : fault.status;
  const retryAfter = typeof fault === 'object' ? fault.retryAfter : undefined;
  if (status === 429) {
    return {
      status,
      body: { ok: false, error: 'ratelimited' },
      headers: retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
    };
  }

  return {
    status,
    body: STATUS_CODES[status] ?? 'Error',
    headers: retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
  };
}

/** Fills in the response of a call recorded at arrival, then reports it as finished. */
function finishCall(handlers: HttpHandlers, call: RecordedCall, reply: Reply): void {
  call.status = reply.status;
  if (typeof reply.body === 'object' && reply.body['ok'] === false) {
    call.error = String(reply.body['error']);
  }
  handlers.finishCall(call);
}

function send(response: ServerResponse, reply: Reply): void {
  const isJson = typeof reply.body === 'object';
  const text = typeof reply.body === 'object' ? JSON.stringify(reply.body) : reply.body;
  response.writeHead(reply.status, {
    'Content-Type': isJson ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...reply.headers,
  });
  response.end(text);
}

function bearerToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);

  return match?.[1];
}

/** Slack also accepts the token as a form field, which older clients send. */
function takeBodyToken(args: ApiArgs): string | undefined {
  const token = args['token'];

  return typeof token === 'string' && token !== '' ? token : undefined;
}

class BodyTooLargeError extends Error {}

/** Reads a form-encoded or JSON body into an object. Other content types give `{}`. */
async function readArgs(request: IncomingMessage): Promise<ApiArgs> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      throw new BodyTooLargeError(`request body exceeds ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') {
    return {};
  }
  const contentType = (request.headers['content-type'] ?? '').toLowerCase();
  if (contentType.startsWith('application/json')) {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new SyntaxError('JSON body must be an object');
    }
    return parsed as ApiArgs;
  }
  if (contentType.startsWith('application/x-www-form-urlencoded') || contentType === '') {
    return Object.fromEntries(new URLSearchParams(text));
  }

  return {};
}
