import type { types } from '@slack/bolt';

import { compareTs } from './ids.js';
import type { IdSource, TsClock } from './ids.js';

/** A workspace member as the simulator stores it. */
export interface SimulatedUser {
  id: string;
  teamId: string;
  name: string;
  realName: string;
  /** IANA time zone name, as in users.info `tz`. */
  tz: string;
  tzLabel: string;
  /** Offset from UTC in seconds at the simulated date, as in users.info `tz_offset`. */
  tzOffset: number;
  locale: string;
  isAdmin: boolean;
  isOwner: boolean;
  isBot: boolean;
  deleted: boolean;
}

/**
 * Conversation kinds. Each maps to the `channel_type` Slack puts on message events: public
 * channels are 'channel', private channels 'group', DMs 'im' and group DMs 'mpim'.
 */
export type ConversationKind = 'public' | 'private' | 'im' | 'mpim';

/** A conversation: public or private channel, DM or group DM. */
export interface SimulatedChannel {
  id: string;
  /** Channel name without '#'. DMs have no name in Slack, so this is the other user's id. */
  name: string;
  kind: ConversationKind;
  created: number;
  creator: string;
  /** User ids of the members, the bot user included when the bot is a member. */
  members: Set<string>;
  topic: string;
  purpose: string;
  isArchived: boolean;
  isDeleted: boolean;
}

/** A message as conversations.history returns it. */
export interface StoredMessage {
  type: 'message';
  ts: string;
  user: string;
  text: string;
  team: string;
  blocks?: (types.KnownBlock | types.Block)[];
  attachments?: types.MessageAttachment[];
  thread_ts?: string;
  parent_user_id?: string;
  reply_count?: number;
  reply_users?: string[];
  reply_users_count?: number;
  latest_reply?: string;
  bot_id?: string;
  app_id?: string;
  client_msg_id?: string;
  metadata?: types.MessageMetadata;
  edited?: { user: string; ts: string };
}

export interface NewUser {
  name: string;
  id?: string;
  realName?: string;
  tz?: string;
  locale?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  isBot?: boolean;
}

export interface NewChannel {
  name: string;
  id?: string;
  isPrivate?: boolean;
  /** Gives a private channel an older G id. By default it gets a C id, as in current Slack. */
  legacyGroupId?: boolean;
  /** Members by id or name. Defaults to every human user for public channels, none otherwise. */
  members?: string[];
  /** Whether the bot is a member. Defaults to false, because Slack apps join channels explicitly. */
  botIsMember?: boolean;
  topic?: string;
  purpose?: string;
}

export interface WorkspaceOptions {
  teamName?: string;
  teamDomain?: string;
  botName?: string;
  /** Adds alice, bob and carol and the channels #general (bot joined) and #random (bot not in it). */
  withDefaults?: boolean;
}

/** Largest group DM Slack allows, the bot included. */
const MAX_GROUP_DM_MEMBERS = 9;

/**
 * The simulated workspace: team, bot, users, conversations, membership and message history.
 * It contains no network state, so tests and the Web API handlers share one model.
 */
export class Workspace {
  readonly team: { id: string; name: string; domain: string };
  readonly bot: { userId: string; botId: string; appId: string; name: string };
  readonly #ids: IdSource;
  readonly #clock: TsClock;
  readonly #users = new Map<string, SimulatedUser>();
  readonly #channels = new Map<string, SimulatedChannel>();
  readonly #history = new Map<string, StoredMessage[]>();
  /** Sorted member ids (bot excluded) joined by ',' to the DM or group DM id, for reuse. */
  readonly #directMessages = new Map<string, string>();

  constructor(ids: IdSource, clock: TsClock, options: WorkspaceOptions = {}) {
    this.#ids = ids;
    this.#clock = clock;
    this.team = {
      id: ids.next('T'),
      name: options.teamName ?? 'Mate Simulator',
      domain: options.teamDomain ?? 'mate-simulator',
    };
    const botName = options.botName ?? 'mate';
    const botUser = this.addUser({ name: botName, realName: 'Mate', isBot: true });
    this.bot = { userId: botUser.id, botId: ids.next('B'), appId: ids.next('A'), name: botName };

    if (options.withDefaults ?? true) {
      this.#addDefaults();
    }
  }

  #addDefaults(): void {
    this.addUser({
      name: 'alice',
      realName: 'Alice Kim',
      tz: 'Asia/Seoul',
      locale: 'ko-KR',
      isAdmin: true,
      isOwner: true,
    });
    this.addUser({ name: 'bob', realName: 'Bob Smith', tz: 'America/New_York', locale: 'en-US' });
    this.addUser({ name: 'carol', realName: 'Carol Weber', tz: 'Europe/Berlin', locale: 'de-DE' });
    this.addChannel({ name: 'general', botIsMember: true, purpose: 'Company-wide announcements' });
    this.addChannel({ name: 'random' });
  }

  get users(): SimulatedUser[] {
    return [...this.#users.values()];
  }

  get channels(): SimulatedChannel[] {
    return [...this.#channels.values()];
  }

  /** Human users, without bots. */
  get humans(): SimulatedUser[] {
    return this.users.filter((user) => !user.isBot && !user.deleted);
  }

  addUser(input: NewUser): SimulatedUser {
    if (this.findUser(input.name)) {
      throw new Error(`user name "${input.name}" is already taken in the simulated workspace`);
    }
    const id = input.id ?? this.#ids.next('U');
    if (this.#users.has(id)) {
      throw new Error(`user id ${id} already exists in the simulated workspace`);
    }
    const tz = input.tz ?? 'UTC';
    const at = new Date(this.#clock.nowSeconds() * 1000);
    const user: SimulatedUser = {
      id,
      teamId: this.team.id,
      name: input.name,
      realName: input.realName ?? input.name,
      tz,
      tzLabel: timeZoneLabel(tz, at),
      tzOffset: timeZoneOffsetSeconds(tz, at),
      locale: input.locale ?? 'en-US',
      isAdmin: input.isAdmin ?? false,
      isOwner: input.isOwner ?? false,
      isBot: input.isBot ?? false,
      deleted: false,
    };
    this.#users.set(id, user);

    return user;
  }

  addChannel(input: NewChannel): SimulatedChannel {
    const name = input.name.replace(/^#/, '');
    if (!/^[a-z0-9][a-z0-9_-]{0,79}$/.test(name)) {
      throw new Error(
        `invalid channel name "${input.name}": use up to 80 lowercase letters, digits, - and _`,
      );
    }
    if (this.findChannel(name)) {
      throw new Error(`channel name "${name}" is already taken in the simulated workspace`);
    }
    const isPrivate = input.isPrivate ?? false;
    const prefix = isPrivate && input.legacyGroupId ? 'G' : 'C';
    const id = input.id ?? this.#ids.next(prefix);
    const memberNames = input.members ?? (isPrivate ? [] : this.humans.map((user) => user.id));
    const members = new Set(memberNames.map((member) => this.requireUser(member).id));
    if (input.botIsMember) {
      members.add(this.bot.userId);
    }
    const channel: SimulatedChannel = {
      id,
      name,
      kind: isPrivate ? 'private' : 'public',
      created: this.#clock.nowSeconds(),
      creator: this.humans[0]?.id ?? this.bot.userId,
      members,
      topic: input.topic ?? '',
      purpose: input.purpose ?? '',
      isArchived: false,
      isDeleted: false,
    };
    this.#channels.set(id, channel);
    this.#history.set(id, []);

    return channel;
  }

  /** Finds a user by id or by name (with or without '@'). Deleted users are found too. */
  findUser(idOrName: string): SimulatedUser | undefined {
    const byId = this.#users.get(idOrName);
    if (byId) {
      return byId;
    }
    const name = idOrName.replace(/^@/, '');

    return this.users.find((user) => user.name === name);
  }

  requireUser(idOrName: string): SimulatedUser {
    const user = this.findUser(idOrName);
    if (!user) {
      throw new Error(`user "${idOrName}" not found in the simulated workspace`);
    }

    return user;
  }

  /** Finds a conversation by id or by channel name (with or without '#'), deleted ones included. */
  findChannel(idOrName: string): SimulatedChannel | undefined {
    const byId = this.#channels.get(idOrName);
    if (byId) {
      return byId;
    }
    const name = idOrName.replace(/^#/, '');

    return this.channels.find(
      (channel) => (channel.kind === 'public' || channel.kind === 'private') && channel.name === name,
    );
  }

  requireChannel(idOrName: string): SimulatedChannel {
    const channel = this.findChannel(idOrName);
    if (!channel || channel.isDeleted) {
      throw new Error(`channel "${idOrName}" not found in the simulated workspace`);
    }

    return channel;
  }

  isBotMember(channel: SimulatedChannel): boolean {
    return channel.members.has(this.bot.userId);
  }

  addMember(channelIdOrName: string, userIdOrName: string): void {
    const channel = this.requireChannel(channelIdOrName);
    this.#requireMultiParty(channel, 'add members to');
    channel.members.add(this.requireUser(userIdOrName).id);
  }

  removeMember(channelIdOrName: string, userIdOrName: string): void {
    const channel = this.requireChannel(channelIdOrName);
    this.#requireMultiParty(channel, 'remove members from');
    channel.members.delete(this.requireUser(userIdOrName).id);
  }

  addBotToChannel(channelIdOrName: string): void {
    this.addMember(channelIdOrName, this.bot.userId);
  }

  /** Removes the bot, as when someone kicks it: later posts fail with not_in_channel. */
  removeBotFromChannel(channelIdOrName: string): void {
    this.removeMember(channelIdOrName, this.bot.userId);
  }

  archiveChannel(channelIdOrName: string): void {
    const channel = this.requireChannel(channelIdOrName);
    this.#requireMultiParty(channel, 'archive');
    channel.isArchived = true;
  }

  unarchiveChannel(channelIdOrName: string): void {
    const channel = this.requireChannel(channelIdOrName);
    channel.isArchived = false;
  }

  /** Deletes a channel, after which every Web API method returns channel_not_found for it. */
  deleteChannel(channelIdOrName: string): void {
    const channel = this.requireChannel(channelIdOrName);
    this.#requireMultiParty(channel, 'delete');
    channel.isDeleted = true;
  }

  #requireMultiParty(channel: SimulatedChannel, action: string): void {
    if (channel.kind === 'im' || channel.kind === 'mpim') {
      throw new Error(`cannot ${action} ${channel.id}: it is a direct message, not a channel`);
    }
  }

  /**
   * Returns the DM (one user) or group DM (several users) between the bot and these users,
   * creating it on first use. The same set of users always gets the same conversation, in any
   * order. Throws ConversationOpenError with the Slack error string when users are invalid.
   */
  openConversation(userIds: string[]): { channel: SimulatedChannel; created: boolean } {
    const humans = [...new Set(userIds)].filter((id) => id !== this.bot.userId).sort();
    if (humans.length === 0) {
      throw new ConversationOpenError('cannot_dm_bot');
    }
    if (humans.length + 1 > MAX_GROUP_DM_MEMBERS) {
      throw new ConversationOpenError('too_many_users');
    }
    for (const id of humans) {
      const user = this.#users.get(id);
      if (!user) {
        throw new ConversationOpenError('user_not_found');
      }
      if (user.deleted) {
        throw new ConversationOpenError('user_disabled');
      }
    }
    const key = humans.join(',');
    const existing = this.#directMessages.get(key);
    if (existing) {
      return { channel: this.requireChannel(existing), created: false };
    }
    const isDirect = humans.length === 1;
    const id = this.#ids.next(isDirect ? 'D' : 'G');
    const names = humans.map((userId) => this.requireUser(userId).name);
    const channel: SimulatedChannel = {
      id,
      name: isDirect ? (humans[0] ?? '') : `mpdm-${[this.bot.name, ...names].join('--')}-1`,
      kind: isDirect ? 'im' : 'mpim',
      created: this.#clock.nowSeconds(),
      creator: this.bot.userId,
      members: new Set([this.bot.userId, ...humans]),
      topic: '',
      purpose: '',
      isArchived: false,
      isDeleted: false,
    };
    this.#channels.set(id, channel);
    this.#history.set(id, []);
    this.#directMessages.set(key, id);

    return { channel, created: true };
  }

  /** Returns the bot's DM with one user, creating it on first use. */
  directMessageWith(userIdOrName: string): SimulatedChannel {
    return this.openConversation([this.requireUser(userIdOrName).id]).channel;
  }

  /** Appends a message to a conversation's history and updates its thread parent, if any. */
  appendMessage(channelId: string, message: StoredMessage): void {
    const history = this.#historyOf(channelId);
    history.push(message);
    history.sort((a, b) => compareTs(a.ts, b.ts));
    if (message.thread_ts === undefined || message.thread_ts === message.ts) {
      return;
    }
    const parent = history.find((candidate) => candidate.ts === message.thread_ts);
    if (!parent) {
      return;
    }
    const replyUsers = new Set(parent.reply_users ?? []);
    replyUsers.add(message.user);
    parent.thread_ts = parent.ts;
    parent.reply_count = (parent.reply_count ?? 0) + 1;
    parent.reply_users = [...replyUsers];
    parent.reply_users_count = replyUsers.size;
    parent.latest_reply = message.ts;
  }

  findMessage(channelId: string, ts: string): StoredMessage | undefined {
    return this.#history.get(channelId)?.find((message) => message.ts === ts);
  }

  /** Removes a message and returns it, or undefined when no message has that ts. */
  removeMessage(channelId: string, ts: string): StoredMessage | undefined {
    const history = this.#historyOf(channelId);
    const index = history.findIndex((message) => message.ts === ts);
    if (index < 0) {
      return undefined;
    }
    const [removed] = history.splice(index, 1);

    return removed;
  }

  /** Returns all stored messages of a conversation, thread replies included, oldest first. */
  history(channelId: string): readonly StoredMessage[] {
    return this.#historyOf(channelId);
  }

  #historyOf(channelId: string): StoredMessage[] {
    const history = this.#history.get(channelId);
    if (!history) {
      throw new Error(`conversation ${channelId} has no history in the simulated workspace`);
    }

    return history;
  }
}

/** A conversations.open failure, carrying the Slack error string to return. */
export class ConversationOpenError extends Error {
  readonly slackError: string;

  constructor(slackError: string) {
    super(`conversations.open failed: ${slackError}`);
    this.slackError = slackError;
  }
}

/** Returns the `channel_type` that Slack's message events carry for a conversation kind. */
export function channelType(kind: ConversationKind): 'channel' | 'group' | 'im' | 'mpim' {
  switch (kind) {
    case 'public':
      return 'channel';
    case 'private':
      return 'group';
    case 'im':
      return 'im';
    case 'mpim':
      return 'mpim';
  }
}

function timeZoneLabel(timeZone: string, at: Date): string {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'long' });
  const parts = format.formatToParts(at);

  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

function timeZoneOffsetSeconds(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at);
  const offset = parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  // 'GMT' alone means UTC. Other offsets have the form 'GMT+09:00' or 'GMT-05:30'.
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!match) {
    return 0;
  }
  const [, sign, hours = '0', minutes = '0'] = match;
  const seconds = Number(hours) * 3600 + Number(minutes) * 60;

  return sign === '-' ? -seconds : seconds;
}
