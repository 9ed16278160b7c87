import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ViewOutput, types } from '@slack/bolt';

import { SlackApiError } from './api-error.js';
import { buildStateValues, findElement } from './block-elements.js';
import type { StateInput } from './block-elements.js';
import { FaultInjector } from './faults.js';
import type { Fault } from './faults.js';
import { API_PATH, createSimulatorServer } from './http-server.js';
import { IdSource, TsClock } from './ids.js';
import { Outbox } from './outbox.js';
import type { MessageContent } from './outbox.js';
import { PayloadBuilder, VERIFICATION_TOKEN } from './payloads.js';
import type { EventEnvelopeOptions } from './payloads.js';
import { ResponseUrlStore } from './response-urls.js';
import { DEFAULT_PING_INTERVAL_MS, SOCKET_PATH, SocketModeHub } from './socket-mode.js';
import type { ConnectionInfo, DisconnectReason, Envelope } from './socket-mode.js';
import type {
  AckResult,
  EventDeliveryResult,
  InteractionResult,
  RecordedCall,
  SimulatorLogger,
  SimulatorMessage,
  SlashCommandResult,
} from './types.js';
import { silentSimulatorLogger } from './types.js';
import { DEFAULT_TRIGGER_TTL_MS, TriggerStore, ViewStore } from './views.js';
import { WebApi } from './web-api.js';
import { Workspace, channelType } from './workspace.js';
import type { SimulatedChannel, StoredMessage, WorkspaceOptions } from './workspace.js';

export interface SimulatorOptions {
  /** TCP port on 127.0.0.1. The default, 0, lets the OS pick a free one. */
  port?: number;
  botToken?: string;
  appToken?: string;
  workspace?: WorkspaceOptions;
  /**
   * Clock mode. 'deterministic' (the default) makes ts strings start at `epochSeconds` and
   * advance 100 µs per message, and 'wall' follows the system clock, for interactive use. A
   * function returning milliseconds since the epoch is followed the way 'wall' follows the
   * system clock, for tests that move time by hand.
   */
  clock?: 'deterministic' | 'wall' | (() => number);
  /** Start of the deterministic clock, in Unix seconds. Defaults to 1765000000. */
  epochSeconds?: number;
  /** Milliseconds between WebSocket pings to each client, 0 for none. Defaults to 5000. */
  pingIntervalMs?: number;
  /** Milliseconds a send*() call waits for the app's ack. Defaults to 3000, Slack's limit. */
  ackTimeoutMs?: number;
  /** How long a trigger_id stays valid, in milliseconds. Defaults to 3000, as on Slack. */
  triggerTtlMs?: number;
  /** Receives start, stop, connection and error logs. A pino Logger fits. Defaults to none. */
  logger?: SimulatorLogger;
}

export interface WaitOptions {
  /** Defaults to 5000 ms. */
  timeoutMs?: number;
  /** Only consider entries at or after this index, such as a value from mark(). Defaults to 0. */
  since?: number;
}

export interface SendMessageInput {
  /** Sender, by user id or name. */
  user: string;
  /** Conversation id or channel name. Defaults to the sender's DM with the bot. */
  channel?: string;
  text: string;
  /** ts of the thread's parent message, to reply in a thread. */
  threadTs?: string;
  timeoutMs?: number;
}

export interface SendMessageResult {
  ts: string;
  channel: string;
  /**
   * One entry per delivered event (message, then app_mention). Empty when the bot is not in the
   * conversation.
   */
  deliveries: EventDeliveryResult[];
}

export interface SlashCommandInput {
  user: string;
  /** Conversation the command is typed in. Defaults to the user's DM with the bot. */
  channel?: string;
  /** Defaults to '/mate'. */
  command?: string;
  text?: string;
  timeoutMs?: number;
}

export interface BlockActionInput {
  user: string;
  actionId: string;
  /** For an element in a message: the conversation and the message ts. */
  channel?: string;
  messageTs?: string;
  /** For an element in a modal or Home tab: the view id. */
  viewId?: string;
  /** Needed only when several blocks hold elements with the same action_id. */
  blockId?: string;
  /** Overrides the element's own value. */
  value?: string;
  /** Extra action fields, such as selected_option for selects. */
  action?: Record<string, unknown>;
  /** State of the view's or message's inputs at click time. */
  state?: Record<string, Record<string, StateInput>>;
  timeoutMs?: number;
}

export interface ViewSubmissionInput {
  user: string;
  viewId: string;
  /** Input values by block_id and action_id. Strings are converted for the element type. */
  values?: Record<string, Record<string, StateInput>>;
  timeoutMs?: number;
}

export interface ViewSubmissionResult extends InteractionResult {
  /** The user's open modals after Slack applied the ack's response_action. */
  openViews: ViewOutput[];
}

/** Origin of a block action: the blocks that contain the element and the payload fields. */
interface ActionSource {
  blocks: (types.KnownBlock | types.Block)[] | undefined;
  view: ViewOutput | undefined;
  /** Names the message or view in error messages. */
  description: string;
  container: Record<string, unknown>;
  /** Payload fields only message actions have: channel, message and response_url. */
  fields: Record<string, unknown>;
}

interface SimulatorEvents {
  message: [SimulatorMessage];
  call: [RecordedCall];
  connected: [ConnectionInfo];
  disconnected: [ConnectionInfo & { code: number }];
  ack: [AckResult];
}

const DEFAULT_EPOCH_SECONDS = 1765000000;
const DEFAULT_ACK_TIMEOUT_MS = 3000;
const DEFAULT_WAIT_MS = 5000;
/** How long stop() waits for WebSocket clients to finish the close handshake. */
const STOP_GRACE_MS = 2000;
const ACK_ORIGIN = { source: 'ack', method: 'slash_commands' } as const;

/**
 * A local stand-in for Slack: the Web API over HTTP, response URLs, and Socket Mode over a real
 * WebSocket, all on 127.0.0.1. Point a Bolt App at it with
 * `clientOptions: { slackApiUrl: simulator.apiUrl }`, then drive users through send*() and
 * observe what the bot did through `messages`, `calls` and the 'message' event.
 */
export class SlackSimulator extends EventEmitter<SimulatorEvents> {
  readonly workspace: Workspace;
  readonly botToken: string;
  readonly appToken: string;
  readonly #ids: IdSource;
  readonly #clock: TsClock;
  readonly #outbox: Outbox;
  readonly #views: ViewStore;
  readonly #triggers: TriggerStore;
  readonly #responseUrls: ResponseUrlStore;
  readonly #payloads: PayloadBuilder;
  readonly #hub: SocketModeHub;
  readonly #faults = new FaultInjector();
  readonly #calls: RecordedCall[] = [];
  readonly #server: Server;
  readonly #ackTimeoutMs: number;
  readonly #logger: SimulatorLogger;
  #baseUrl = '';
  #stopped = false;

  private constructor(options: SimulatorOptions) {
    super();
    // Outside the deterministic clock, trigger ids carry the start time so they differ per run.
    const deterministic = (options.clock ?? 'deterministic') === 'deterministic';
    this.#ids = new IdSource(deterministic ? 0 : Math.floor(Date.now() / 1000));
    this.#clock = new TsClock(
      options.epochSeconds ?? DEFAULT_EPOCH_SECONDS,
      options.clock ?? 'deterministic',
    );
    this.workspace = new Workspace(this.#ids, this.#clock, options.workspace);
    const { team, bot } = this.workspace;
    this.botToken = options.botToken ?? `xoxb-${team.id}-${bot.userId}-simulator`;
    this.appToken = options.appToken ?? `xapp-1-${bot.appId}-simulator`;
    this.#ackTimeoutMs = options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
    this.#logger = options.logger ?? silentSimulatorLogger;
    this.#outbox = new Outbox(this.workspace, this.#clock, (message) => {
      this.emit('message', message);
    });
    this.#views = new ViewStore(this.#ids, { teamId: team.id, appId: bot.appId, botId: bot.botId });
    this.#triggers = new TriggerStore(this.#ids, options.triggerTtlMs ?? DEFAULT_TRIGGER_TTL_MS);
    this.#responseUrls = new ResponseUrlStore(this.#ids, this.workspace, this.#outbox);
    this.#payloads = new PayloadBuilder(this.workspace, this.#ids, this.#clock);
    this.#hub = new SocketModeHub({
      appId: bot.appId,
      ids: this.#ids,
      pingIntervalMs: options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS,
      logger: this.#logger,
    });
    this.#hub.on('connected', (info) => this.emit('connected', info));
    this.#hub.on('disconnected', (info) => this.emit('disconnected', info));
    this.#hub.on('ack', (result) => this.emit('ack', result));

    const webApi = new WebApi(
      {
        workspace: this.workspace,
        outbox: this.#outbox,
        views: this.#views,
        triggers: this.#triggers,
        openSocketUrl: () => this.#socketUrl(),
      },
      { bot: this.botToken, app: this.appToken },
    );
    this.#server = createSimulatorServer({
      faults: this.#faults,
      logger: this.#logger,
      callApi: (method, args, token) => webApi.call(method, args, token),
      respond: (id, body) => this.#responseUrls.handle(id, body),
      upgrade: (request, socket, head) => this.#hub.handleUpgrade(request, socket, head),
      startCall: (call) => {
        this.#calls.push(call);
        return call;
      },
      finishCall: (call) => this.emit('call', call),
    });
  }

  /** Starts a simulator listening on 127.0.0.1. */
  static async start(options: SimulatorOptions = {}): Promise<SlackSimulator> {
    const simulator = new SlackSimulator(options);
    try {
      await simulator.#listen(options.port ?? 0);
    } catch (error) {
      await simulator.#hub.close(0);
      throw error;
    }

    return simulator;
  }

  async #listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, '127.0.0.1', () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    const address = this.#server.address() as AddressInfo;
    this.#baseUrl = `http://127.0.0.1:${address.port}`;
    this.#responseUrls.setBaseUrl(this.#baseUrl);
    this.#logger.info({ apiUrl: this.apiUrl }, 'Slack simulator listening');
  }

  /** Base URL of the Web API, ending in '/api/', for Bolt's `clientOptions.slackApiUrl`. */
  get apiUrl(): string {
    return `${this.#baseUrl}${API_PATH}`;
  }

  get port(): number {
    return Number(new URL(this.#baseUrl).port);
  }

  /** Everything the bot made users see, in order. */
  get messages(): readonly SimulatorMessage[] {
    return this.#outbox.messages;
  }

  /**
   * Every HTTP call to the Web API and to response URLs, in order of arrival. A call in flight
   * (waiting out a latency, for instance) has status 0.
   */
  get calls(): readonly RecordedCall[] {
    return this.#calls;
  }

  /** Every ack received over Socket Mode, in order. */
  get acks(): readonly AckResult[] {
    return this.#hub.acks;
  }

  /** Number of open Socket Mode connections. */
  get openConnections(): number {
    return this.#hub.openConnections;
  }

  /** Number of Socket Mode connections opened so far, closed ones included. */
  get connectionsOpened(): number {
    return this.#hub.connectionsOpened;
  }

  /** Number of WebSocket upgrades rejected while refuseConnections() was in effect. */
  get connectionsRefused(): number {
    return this.#hub.connectionsRefused;
  }

  /** Returns the current length of `messages`, to pass as `since` to waitFor(). */
  mark(): number {
    return this.#outbox.messages.length;
  }

  /** Returns the calls recorded for one method. */
  callsTo(method: string): RecordedCall[] {
    return this.#calls.filter((call) => call.method === method);
  }

  /** Calls `listener` for each new message and returns a function that removes it. */
  onMessage(listener: (message: SimulatorMessage) => void): () => void {
    this.on('message', listener);

    return () => {
      this.off('message', listener);
    };
  }

  /**
   * Resolves with the first message at or after `since` that matches, waiting for new ones
   * until `timeoutMs` passes.
   */
  waitFor(
    predicate: (message: SimulatorMessage) => boolean,
    options: WaitOptions = {},
  ): Promise<SimulatorMessage> {
    return waitForEntry(this, 'message', this.#outbox.messages, predicate, options, 'message');
  }

  /** Resolves with the first finished call at or after `since` that matches. */
  waitForCall(
    predicate: string | ((call: RecordedCall) => boolean),
    options: WaitOptions = {},
  ): Promise<RecordedCall> {
    const test =
      typeof predicate === 'string' ? (call: RecordedCall) => call.method === predicate : predicate;
    const finished = (call: RecordedCall): boolean => call.status !== 0 && test(call);

    return waitForEntry(this, 'call', this.#calls, finished, options, 'call');
  }

  /**
   * Resolves once a Socket Mode connection is open. With `since` (a connectionsOpened value),
   * waits for a connection opened after that point, such as a reconnect.
   */
  waitForConnection(options: { timeoutMs?: number; since?: number } = {}): Promise<ConnectionInfo> {
    return this.#hub.waitForConnection(options.timeoutMs ?? 10_000, options.since ?? 0);
  }

  /** Delivers a slash command and resolves when the app acks it. */
  async sendSlashCommand(input: SlashCommandInput): Promise<SlashCommandResult> {
    const user = this.workspace.requireUser(input.user);
    const channel = this.#senderChannel(user.id, input.channel);
    const command = input.command ?? '/mate';
    if (!command.startsWith('/')) {
      throw new Error(`invalid command "${command}": slash commands start with '/'`);
    }
    const triggerId = this.#triggers.issue(user.id);
    const responseUrl = this.#responseUrls.issue({ channelId: channel.id, userId: user.id });
    const envelope = this.#payloads.slashCommandEnvelope({
      user,
      channel,
      command,
      text: input.text ?? '',
      responseUrl,
      triggerId,
    });
    const description = `slash_commands ${command}`;
    const ack = await this.#deliver(envelope, input.timeoutMs, description);
    this.#showAckMessage(channel, user.id, ack.ackPayload);

    return { ...ack, triggerId, responseUrl };
  }

  #deliver(envelope: Envelope, timeoutMs: number | undefined, description: string) {
    return this.#hub.deliver(envelope, timeoutMs ?? this.#ackTimeoutMs, description);
  }

  /** Slack shows a slash command's ack body to the user, like a response_url post. */
  #showAckMessage(
    channel: SimulatedChannel,
    userId: string,
    payload: Record<string, unknown>,
  ): void {
    const content = payload as MessageContent & { response_type?: string };
    const hasContent = typeof content.text === 'string' || Array.isArray(content.blocks);
    if (!hasContent) {
      return;
    }
    const message: MessageContent = {
      ...(content.text !== undefined && { text: content.text }),
      ...(content.blocks !== undefined && { blocks: content.blocks }),
      ...(content.attachments !== undefined && { attachments: content.attachments }),
    };
    if (content.response_type === 'in_channel') {
      this.#outbox.post(channel, message, ACK_ORIGIN);
    } else {
      this.#outbox.postEphemeral(channel, userId, message, ACK_ORIGIN);
    }
  }

  /**
   * Records a user's message and delivers the events Slack would: a `message` event when the bot
   * is in the conversation, and an `app_mention` event for the same ts when the text mentions the
   * bot outside a DM. Resolves when the app has acked every delivered event.
   */
  async sendMessage(input: SendMessageInput): Promise<SendMessageResult> {
    const user = this.workspace.requireUser(input.user);
    const channel = this.#senderChannel(user.id, input.channel);
    if (channel.isArchived) {
      throw new Error(`cannot post in ${channel.id}: the channel is archived`);
    }
    const ts = this.#clock.nextTs();
    const message: StoredMessage = {
      type: 'message',
      ts,
      user: user.id,
      text: input.text,
      team: this.workspace.team.id,
      client_msg_id: this.#ids.nextClientMessageId(),
    };
    if (input.threadTs !== undefined) {
      const parent = this.workspace.findMessage(channel.id, input.threadTs);
      if (!parent) {
        throw new Error(`no message with ts ${input.threadTs} in ${channel.id} to reply to`);
      }
      message.thread_ts = parent.thread_ts ?? parent.ts;
      message.parent_user_id = parent.user;
    }
    this.workspace.appendMessage(channel.id, message);

    const deliveries: EventDeliveryResult[] = [];
    if (!this.workspace.isBotMember(channel)) {
      return { ts, channel: channel.id, deliveries };
    }
    const timeoutMs = input.timeoutMs ?? this.#ackTimeoutMs;
    const { type: _type, ...fields } = message;
    const messageEvent = {
      type: 'message',
      ...fields,
      channel: channel.id,
      event_ts: ts,
      channel_type: channelType(channel.kind),
    };
    deliveries.push(await this.sendEvent(messageEvent, { timeoutMs }));
    if (channel.kind !== 'im' && this.#mentionsBot(input.text)) {
      const { channel_type: _channelType, ...mentionFields } = messageEvent;
      const mention = { ...mentionFields, type: 'app_mention' };
      deliveries.push(await this.sendEvent(mention, { timeoutMs }));
    }

    return { ts, channel: channel.id, deliveries };
  }

  #mentionsBot(text: string): boolean {
    return new RegExp(`<@${this.workspace.bot.userId}(?:\\|[^>]*)?>`).test(text);
  }

  /**
   * Delivers a raw event in an events_api envelope. Pass the eventId of an earlier delivery with
   * retryAttempt 1 and a retryReason to simulate Slack's redelivery.
   * NOTE: Slack redelivers an unacknowledged event by itself, up to three times. The simulator
   * rejects the promise instead, and tests redeliver with this method.
   */
  async sendEvent(
    event: { type: string } & Record<string, unknown>,
    options: EventEnvelopeOptions & { timeoutMs?: number } = {},
  ): Promise<EventDeliveryResult> {
    const { envelope, eventId } = this.#payloads.eventEnvelope(event, options);
    const description = `events_api ${event.type} ${eventId}`;
    const ack = await this.#deliver(envelope, options.timeoutMs, description);

    return { ...ack, eventId };
  }

  /** Delivers a block_actions payload for an element in a message or a view. */
  async sendBlockAction(input: BlockActionInput): Promise<InteractionResult> {
    const user = this.workspace.requireUser(input.user);
    const triggerId = this.#triggers.issue(user.id);
    const source =
      input.viewId !== undefined
        ? this.#viewSource(input.viewId, user.id)
        : this.#messageSource(input, user.id);
    const found = findElement(source.blocks, input.actionId, input.blockId);
    if (!found && input.blockId === undefined) {
      throw new Error(`no element with action_id "${input.actionId}" in ${source.description}`);
    }
    const element = found?.element ?? {};
    const value = input.value ?? element['value'];
    const action = {
      type: typeof element['type'] === 'string' ? element['type'] : 'button',
      action_id: input.actionId,
      block_id: found?.blockId ?? input.blockId,
      ...(element['text'] !== undefined && { text: element['text'] }),
      ...(value !== undefined && { value }),
      ...(element['style'] !== undefined && { style: element['style'] }),
      ...input.action,
      action_ts: this.#clock.nextTs(),
    };
    const view = source.view;
    const stateValues = buildStateValues(source.blocks, input.state ?? {}, source.description);
    const payload = {
      type: 'block_actions',
      user: this.#payloads.userObject(user),
      api_app_id: this.workspace.bot.appId,
      token: VERIFICATION_TOKEN,
      container: source.container,
      trigger_id: triggerId,
      team: this.#payloads.teamObject(),
      enterprise: null,
      is_enterprise_install: false,
      ...source.fields,
      ...(view && { view: { ...view, state: { values: stateValues } } }),
      ...(!view && { state: { values: stateValues } }),
      actions: [action],
    };
    const envelope = this.#payloads.interactiveEnvelope(payload);
    const description = `block_actions ${input.actionId}`;
    const ack = await this.#deliver(envelope, input.timeoutMs, description);
    const responseUrl = source.fields['response_url'];

    return { ...ack, triggerId, ...(typeof responseUrl === 'string' && { responseUrl }) };
  }

  #viewSource(viewId: string, userId: string): ActionSource {
    const stored = this.#views.get(viewId);
    if (!stored || stored.userId !== userId) {
      throw new Error(`view ${viewId} is not open for user ${userId}`);
    }

    return {
      blocks: stored.view.blocks,
      view: stored.view,
      description: `view ${viewId}`,
      container: { type: 'view', view_id: viewId },
      fields: {},
    };
  }

  #messageSource(input: BlockActionInput, userId: string): ActionSource {
    if (input.channel === undefined || input.messageTs === undefined) {
      throw new Error('sendBlockAction needs either viewId, or channel and messageTs');
    }
    const channel = this.workspace.requireChannel(input.channel);
    const messageTs = input.messageTs;
    const ephemeral = this.#outbox.findEphemeral(channel.id, messageTs);
    const stored = this.workspace.findMessage(channel.id, messageTs);
    if (!ephemeral && !stored) {
      throw new Error(`no message with ts ${messageTs} in ${channel.id}`);
    }
    if (ephemeral && ephemeral.user !== userId) {
      throw new Error(
        `ephemeral message ${messageTs} was shown to ${ephemeral.user}, not to ${userId}`,
      );
    }
    const responseUrl = this.#responseUrls.issue({
      channelId: channel.id,
      userId,
      messageTs,
      messageIsEphemeral: ephemeral !== undefined,
    });
    const fields: Record<string, unknown> = {
      channel: { id: channel.id, name: channel.kind === 'im' ? 'directmessage' : channel.name },
      response_url: responseUrl,
      // Slack leaves `message` out of actions on ephemeral messages.
      ...(stored && !ephemeral && { message: structuredClone(stored) }),
    };

    return {
      blocks: ephemeral ? ephemeral.content.blocks : stored?.blocks,
      view: undefined,
      description: `message ${messageTs} in ${channel.id}`,
      container: {
        type: 'message',
        message_ts: messageTs,
        channel_id: channel.id,
        is_ephemeral: ephemeral !== undefined,
        ...(stored?.thread_ts !== undefined && { thread_ts: stored.thread_ts }),
      },
      fields,
    };
  }

  /**
   * Delivers a view_submission for an open modal and applies the ack's response_action:
   * 'errors' keeps the modal open, 'update' replaces it, 'push' adds one, 'clear' closes all,
   * and an empty ack closes the submitted modal.
   */
  async sendViewSubmission(input: ViewSubmissionInput): Promise<ViewSubmissionResult> {
    const user = this.workspace.requireUser(input.user);
    const stored = this.#views.get(input.viewId);
    if (!stored || stored.userId !== user.id || !stored.isOpen || stored.view.type !== 'modal') {
      throw new Error(`no open modal ${input.viewId} for user ${user.id}`);
    }
    const description = `view ${input.viewId}`;
    const values = buildStateValues(stored.view.blocks, input.values ?? {}, description);
    this.#views.setState(input.viewId, values);
    const triggerId = this.#triggers.issue(user.id);
    const payload = {
      type: 'view_submission',
      team: this.#payloads.teamObject(),
      user: this.#payloads.userObject(user),
      api_app_id: this.workspace.bot.appId,
      token: VERIFICATION_TOKEN,
      trigger_id: triggerId,
      view: { ...stored.view, state: { values } },
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
    const envelope = this.#payloads.interactiveEnvelope(payload);
    const callbackId = stored.view.callback_id || input.viewId;
    const ack = await this.#deliver(envelope, input.timeoutMs, `view_submission ${callbackId}`);
    this.#applyResponseAction(user.id, input.viewId, ack.ackPayload);

    return { ...ack, triggerId, openViews: this.#views.openModals(user.id) };
  }

  #applyResponseAction(userId: string, viewId: string, payload: Record<string, unknown>): void {
    const action = payload['response_action'];
    try {
      switch (action) {
        case 'errors':
          return;
        case 'update':
          this.#views.update({ viewId }, payload['view']);
          return;
        case 'push':
          this.#views.push(userId, payload['view']);
          return;
        case 'clear':
          this.#views.clearStack(userId);
          return;
        default:
          this.#views.closeTop(viewId);
      }
    } catch (error) {
      if (error instanceof SlackApiError) {
        const reason = error.slackError;
        throw new Error(`ack response_action '${String(action)}' was rejected: ${reason}`);
      }
      throw error;
    }
  }

  /** Returns the user's open modals, root first. */
  openModals(userIdOrName: string): ViewOutput[] {
    return this.#views.openModals(this.workspace.requireUser(userIdOrName).id);
  }

  /** Returns the user's published Home tab, or undefined. */
  homeView(userIdOrName: string): ViewOutput | undefined {
    return this.#views.home(this.workspace.requireUser(userIdOrName).id);
  }

  #senderChannel(userId: string, idOrName: string | undefined): SimulatedChannel {
    if (idOrName === undefined) {
      return this.workspace.directMessageWith(userId);
    }
    const channel = this.workspace.requireChannel(idOrName);
    if (!channel.members.has(userId)) {
      throw new Error(`user ${userId} is not a member of ${channel.id}`);
    }

    return channel;
  }

  #socketUrl(): string {
    const ticket = this.#hub.issueTicket();
    const wsBase = this.#baseUrl.replace(/^http/, 'ws');

    return `${wsBase}${SOCKET_PATH}?ticket=${ticket}&app_id=${this.workspace.bot.appId}`;
  }

  /** Makes the next `times` calls of a Web API method (or 'response_url', or '*') fail. */
  failNext(method: string, fault: Fault, times = 1): void {
    this.#faults.failNext(method, fault, times);
  }

  /** Delays responses of a Web API method (or 'response_url', or '*') by `ms` milliseconds. */
  setLatency(method: string, ms: number): void {
    this.#faults.setLatency(method, ms);
  }

  /**
   * Sends a `disconnect` message with `reason` to every connection, and closes those still open
   * after `closeAfterMs` (default 1000).
   */
  disconnectAll(reason: DisconnectReason, options: { closeAfterMs?: number } = {}): void {
    this.#hub.disconnectAll(reason, options.closeAfterMs ?? 1000);
  }

  /** Rejects new WebSocket connections with HTTP 503 for `ms` milliseconds. */
  refuseConnections(ms: number): void {
    this.#hub.refuseConnections(ms);
  }

  acceptConnections(): void {
    this.#hub.acceptConnections();
  }

  /**
   * Closes all connections, with a close handshake so clients shut down cleanly, and the server.
   * Safe to call more than once.
   */
  async stop(): Promise<void> {
    if (this.#stopped) {
      return;
    }
    this.#stopped = true;
    await this.#hub.close(STOP_GRACE_MS);
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
    this.#logger.info({ apiUrl: this.apiUrl }, 'Slack simulator stopped');
    this.removeAllListeners();
  }
}

function waitForEntry<T, K extends 'message' | 'call'>(
  emitter: SlackSimulator,
  eventName: K,
  entries: readonly T[],
  predicate: (entry: T) => boolean,
  options: WaitOptions,
  label: string,
): Promise<T> {
  const since = options.since ?? 0;
  const existing = entries.slice(since).find(predicate);
  if (existing !== undefined) {
    return Promise.resolve(existing);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_MS;

  return new Promise<T>((resolve, reject) => {
    const listener = (entry: T): void => {
      if (predicate(entry)) {
        clearTimeout(timer);
        emitter.off(eventName, listener as never);
        resolve(entry);
      }
    };
    const timer = setTimeout(() => {
      emitter.off(eventName, listener as never);
      reject(
        new Error(
          `no matching ${label} within ${timeoutMs} ms; ${entries.length - since} ${label}s ` +
            `recorded since index ${since}`,
        ),
      );
    }, timeoutMs);
    emitter.on(eventName, listener as never);
  });
}
