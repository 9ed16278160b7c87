import type { types } from '@slack/bolt';

/**
 * A message the bot showed to users, or a change to one. `kind` is one of:
 * - 'post', a new message in a conversation, with its ts,
 * - 'ephemeral', a message shown only to `user`,
 * - 'update', an existing message (`ts`) replaced,
 * - 'delete', an existing message (`ts`) removed.
 */
export interface SimulatorMessage {
  /** Position in SlackSimulator.messages, starting at 0. */
  seq: number;
  kind: 'post' | 'ephemeral' | 'update' | 'delete';
  /** Delivery path: a Web API call, a POST to a response_url, or an ack payload. */
  source: 'web_api' | 'response_url' | 'ack';
  /** The Web API method, 'response_url' or the acknowledged envelope type. */
  method: string;
  channel: string;
  /** Recipient of an ephemeral message, or the user whose ephemeral message was replaced. */
  user?: string;
  text?: string;
  blocks?: (types.KnownBlock | types.Block)[];
  attachments?: types.MessageAttachment[];
  threadTs?: string;
  ts?: string;
  metadata?: types.MessageMetadata;
}

/** One HTTP call to the simulator, recorded when its request has been read. */
export interface RecordedCall {
  /** Web API method name, or 'response_url' for a POST to a response_url. */
  method: string;
  /** Parsed request arguments, without the token. */
  args: Record<string, unknown>;
  /** Wall-clock time of the request, in milliseconds since the Unix epoch. */
  at: number;
  /** HTTP status of the response, or 0 while the call is in flight. */
  status: number;
  /** Slack's `error` string when the response was `ok: false`. */
  error?: string;
}

/** The app's acknowledgement of one Socket Mode envelope. */
export interface AckResult {
  envelopeId: string;
  /** Envelope type: 'events_api', 'slash_commands' or 'interactive'. */
  type: string;
  /** The `payload` of the ack message, or `{}` when the app acked without a body. */
  ackPayload: Record<string, unknown>;
  /** Time from sending the envelope to receiving the ack, in milliseconds. */
  ackMs: number;
  /** Id of the WebSocket connection that received and acknowledged the envelope. */
  connectionId: number;
}

/** An acknowledged slash command, with the ids the app received. */
export interface SlashCommandResult extends AckResult {
  triggerId: string;
  responseUrl: string;
}

/** An acknowledged events_api envelope. */
export interface EventDeliveryResult extends AckResult {
  eventId: string;
}

/** An acknowledged interactive payload (block action or view submission). */
export interface InteractionResult extends AckResult {
  triggerId: string;
  /** Set for block actions on messages, which carry a response_url. */
  responseUrl?: string;
}

/**
 * Logger the simulator writes to, shaped like pino's methods (fields first, then the message),
 * so a pino Logger fits. The default discards everything.
 */
export interface SimulatorLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export const silentSimulatorLogger: SimulatorLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
