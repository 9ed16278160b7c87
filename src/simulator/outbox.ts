import type { types } from '@slack/bolt';

import type { TsClock } from './ids.js';
import type { SimulatorMessage } from './types.js';
import type { SimulatedChannel, StoredMessage, Workspace } from './workspace.js';

/** Message fields the bot can set, whichever way it sends the message. */
export interface MessageContent {
  text?: string;
  blocks?: (types.KnownBlock | types.Block)[];
  attachments?: types.MessageAttachment[];
  metadata?: types.MessageMetadata;
  threadTs?: string;
}

/** Source of a bot message (delivery path and method), copied onto the SimulatorMessage. */
export interface MessageOrigin {
  source: SimulatorMessage['source'];
  method: string;
}

export interface EphemeralMessage {
  channel: string;
  user: string;
  ts: string;
  content: MessageContent;
}

/**
 * Applies what the bot sends (posts, ephemerals, updates, deletes) to the workspace history and
 * records each one in `messages`, whether it came from the Web API, a response_url or an ack.
 */
export class Outbox {
  readonly messages: SimulatorMessage[] = [];
  readonly #workspace: Workspace;
  readonly #clock: TsClock;
  readonly #onRecord: (message: SimulatorMessage) => void;
  /** Ephemeral messages by "channel/ts", so interactions and replace_original can find them. */
  readonly #ephemerals = new Map<string, EphemeralMessage>();

  constructor(
    workspace: Workspace,
    clock: TsClock,
    onRecord: (message: SimulatorMessage) => void,
  ) {
    this.#workspace = workspace;
    this.#clock = clock;
    this.#onRecord = onRecord;
  }

  /**
   * Posts a bot message visible to everyone in the conversation and returns it.
   * NOTE: Slack also sends the bot's own posts back to the app as message events, which Bolt's
   * ignoreSelf middleware drops. The simulator sends no such events.
   */
  post(channel: SimulatedChannel, content: MessageContent, origin: MessageOrigin): StoredMessage {
    const { bot, team } = this.#workspace;
    const message: StoredMessage = {
      type: 'message',
      ts: this.#clock.nextTs(),
      user: bot.userId,
      bot_id: bot.botId,
      app_id: bot.appId,
      team: team.id,
      text: content.text ?? '',
      ...(content.blocks !== undefined && { blocks: content.blocks }),
      ...(content.attachments !== undefined && { attachments: content.attachments }),
      ...(content.metadata !== undefined && { metadata: content.metadata }),
      ...(content.threadTs !== undefined && { thread_ts: content.threadTs }),
    };
    if (content.threadTs !== undefined) {
      const parent = this.#workspace.findMessage(channel.id, content.threadTs);
      if (parent) {
        message.parent_user_id = parent.user;
      }
    }
    this.#workspace.appendMessage(channel.id, message);
    this.#record({ kind: 'post', channel: channel.id, ts: message.ts, ...origin }, content);

    return message;
  }

  /** Shows a message to one user only and returns its ts. */
  postEphemeral(
    channel: SimulatedChannel,
    userId: string,
    content: MessageContent,
    origin: MessageOrigin,
  ): string {
    const ts = this.#clock.nextTs();
    this.#ephemerals.set(`${channel.id}/${ts}`, { channel: channel.id, user: userId, ts, content });
    this.#record({ kind: 'ephemeral', channel: channel.id, user: userId, ts, ...origin }, content);

    return ts;
  }

  /** Replaces the given fields of a stored bot message and returns the new version. */
  update(
    channel: SimulatedChannel,
    message: StoredMessage,
    content: MessageContent,
    origin: MessageOrigin,
  ): StoredMessage {
    if (content.text !== undefined) {
      message.text = content.text;
    }
    if (content.blocks !== undefined) {
      message.blocks = content.blocks;
    }
    if (content.attachments !== undefined) {
      message.attachments = content.attachments;
    }
    if (content.metadata !== undefined) {
      message.metadata = content.metadata;
    }
    message.edited = { user: this.#workspace.bot.userId, ts: this.#clock.nextTs() };
    const recorded: MessageContent = {
      text: message.text,
      blocks: message.blocks,
      attachments: message.attachments,
      metadata: message.metadata,
      threadTs: message.thread_ts,
    };
    this.#record({ kind: 'update', channel: channel.id, ts: message.ts, ...origin }, recorded);

    return message;
  }

  /** Replaces an ephemeral message, as replace_original does for an action on one. */
  updateEphemeral(ephemeral: EphemeralMessage, content: MessageContent, origin: MessageOrigin): void {
    ephemeral.content = { ...content, threadTs: ephemeral.content.threadTs };
    const { channel, user, ts } = ephemeral;
    this.#record({ kind: 'update', channel, user, ts, ...origin }, ephemeral.content);
  }

  /** Removes a stored message from the history. */
  delete(channel: SimulatedChannel, ts: string, origin: MessageOrigin): void {
    const removed = this.#workspace.removeMessage(channel.id, ts);
    const threadTs = removed?.thread_ts;
    this.#record({ kind: 'delete', channel: channel.id, ts, ...origin }, { threadTs });
  }

  deleteEphemeral(ephemeral: EphemeralMessage, origin: MessageOrigin): void {
    this.#ephemerals.delete(`${ephemeral.channel}/${ephemeral.ts}`);
    const { channel, user, ts } = ephemeral;
    this.#record({ kind: 'delete', channel, user, ts, ...origin }, {});
  }

  findEphemeral(channelId: string, ts: string): EphemeralMessage | undefined {
    return this.#ephemerals.get(`${channelId}/${ts}`);
  }

  #record(
    head: Pick<SimulatorMessage, 'kind' | 'channel' | 'ts' | 'user' | 'source' | 'method'>,
    content: MessageContent,
  ): void {
    const message: SimulatorMessage = {
      seq: this.messages.length,
      ...head,
      ...(content.text !== undefined && { text: content.text }),
      ...(content.blocks !== undefined && { blocks: content.blocks }),
      ...(content.attachments !== undefined && { attachments: content.attachments }),
      ...(content.metadata !== undefined && { metadata: content.metadata }),
      ...(content.threadTs !== undefined && { threadTs: content.threadTs }),
    };
    if (message.user === undefined) {
      delete message.user;
    }
    this.messages.push(message);
    this.#onRecord(message);
  }
}
