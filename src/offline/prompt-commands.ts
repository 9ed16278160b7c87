import { joinActionId, leaveActionId } from '../rounds/announcement.js';
import type { SimulatedChannel, SlackSimulator, StoredMessage } from '../simulator/index.js';
import { describeConversation } from './format-message.js';
import { offlineText } from './text.js';

/** The user that the person at the prompt plays, and the conversation they type in. */
export interface PromptPosition {
  userId: string;
  /** The conversation lines are posted in: a channel, or the user's DM with the bot. */
  channelId: string;
}

/** The prompt state and output that prompt commands read and change. */
export interface PromptContext {
  readonly simulator: SlackSimulator;
  readonly command: string;
  position: PromptPosition;
  print(...lines: string[]): void;
}

function userNames(context: PromptContext): string {
  return context.simulator.workspace.humans.map((user) => user.name).join(', ');
}

function channelNames(context: PromptContext): string {
  return namedChannels(context)
    .map((channel) => `#${channel.name}`)
    .join(', ');
}

function namedChannels(context: PromptContext): SimulatedChannel[] {
  return context.simulator.workspace.channels.filter(
    (channel) => (channel.kind === 'public' || channel.kind === 'private') && !channel.isDeleted,
  );
}

/** Names the current conversation for the prompt and for status lines. */
export function currentPlace(context: PromptContext): string {
  const { userId, channelId } = context.position;

  return describeConversation(channelId, context.simulator.workspace, userId);
}

/**
 * Makes sure the user can post in a conversation: members can, and a public channel is joined
 * on the way in, as Slack's "Join channel" button does. Returns false for a private channel or
 * a DM the user is not in.
 */
function enter(context: PromptContext, channel: SimulatedChannel, userId: string): boolean {
  if (channel.members.has(userId)) {
    return true;
  }
  if (channel.kind !== 'public') {
    return false;
  }
  const { workspace } = context.simulator;
  workspace.addMember(channel.id, userId);
  context.print(offlineText.joinedChannel(workspace.requireUser(userId).name, channel.name));

  return true;
}

/** `:as bob` or `:as U123`: plays another user, in the same channel or in their own DM. */
export function switchUser(context: PromptContext, argument: string): void {
  const { workspace } = context.simulator;
  const name = argument.trim().replace(/^@/, '');
  if (name === '') {
    context.print(offlineText.missingUser);

    return;
  }
  const user = workspace.findUser(name) ?? workspace.findUser(name.toLowerCase());
  if (!user || user.deleted) {
    context.print(offlineText.unknownUser(name, userNames(context)));

    return;
  }
  if (user.isBot) {
    context.print(offlineText.botIsNotAUser);

    return;
  }
  const current = workspace.findChannel(context.position.channelId);
  let channelId: string;
  if (current && current.kind !== 'im' && enter(context, current, user.id)) {
    channelId = current.id;
  } else {
    channelId = workspace.directMessageWith(user.id).id;
  }
  context.position = { userId: user.id, channelId };
  context.print(offlineText.switchedUser(user.name, currentPlace(context)));
}

/** `:in #lunch`: moves to a channel by name or id. `:in dm` is the same as `:dm`. */
export function switchChannel(context: PromptContext, argument: string): void {
  const { workspace } = context.simulator;
  const name = argument.trim();
  if (name === '') {
    context.print(offlineText.missingChannel);

    return;
  }
  if (name.toLowerCase() === 'dm') {
    switchToDirectMessage(context);

    return;
  }
  const channel = workspace.findChannel(name) ?? workspace.findChannel(name.toLowerCase());
  if (!channel || channel.isDeleted) {
    context.print(offlineText.unknownChannel(name, channelNames(context)));

    return;
  }
  const { userId } = context.position;
  if (!enter(context, channel, userId)) {
    context.print(offlineText.privateChannel(channel.name));

    return;
  }
  context.position = { userId, channelId: channel.id };
  context.print(offlineText.switchedChannel(currentPlace(context)));
}

/** `:dm`: moves to the current user's direct message with the bot. */
export function switchToDirectMessage(context: PromptContext): void {
  const { userId } = context.position;
  const channel = context.simulator.workspace.directMessageWith(userId);
  context.position = { userId, channelId: channel.id };
  context.print(offlineText.switchedToDirectMessage);
}

export function listUsers(context: PromptContext): void {
  const lines = context.simulator.workspace.humans.map((user) => {
    const marker = user.id === context.position.userId ? offlineText.currentMarker : ' ';
    const extras = [user.tz, ...(user.isAdmin ? [offlineText.adminTag] : [])].join(', ');

    return offlineText.userLine(marker, user.name, user.realName, user.id, extras);
  });
  context.print(offlineText.usersHeader, ...lines);
}

export function listChannels(context: PromptContext): void {
  const { workspace } = context.simulator;
  const lines = namedChannels(context).map((channel) => {
    const marker = channel.id === context.position.channelId ? offlineText.currentMarker : ' ';
    const humans = [...channel.members].filter((id) => id !== workspace.bot.userId).length;

    return offlineText.channelLine(
      marker,
      channel.name,
      channel.id,
      humans,
      workspace.isBotMember(channel),
    );
  });
  context.print(offlineText.channelsHeader, ...lines);
}

function hasAction(message: StoredMessage, actionId: string): boolean {
  return (message.blocks ?? []).some((block) => {
    const elements = (block as { elements?: unknown }).elements;

    return (
      Array.isArray(elements) &&
      elements.some((element) => (element as { action_id?: unknown }).action_id === actionId)
    );
  });
}

/**
 * Finds the newest bot post in the current conversation with the round's Join or Leave
 * button, or undefined when there is none.
 */
export function findRoundPost(context: PromptContext, join: boolean): StoredMessage | undefined {
  const { workspace } = context.simulator;
  const actionId = join ? joinActionId : leaveActionId;
  const history = workspace.history(context.position.channelId);

  return [...history]
    .reverse()
    .find((message) => message.user === workspace.bot.userId && hasAction(message, actionId));
}

/** Returns the action id of the round button that `:join` or `:leave` clicks. */
export function roundActionId(join: boolean): string {
  return join ? joinActionId : leaveActionId;
}

export function printHelp(context: PromptContext): void {
  context.print(...offlineText.help(context.command));
}

/** Lists the people and channels for the welcome text. */
export function welcomeLines(context: PromptContext): string[] {
  const { workspace } = context.simulator;
  const users = workspace.humans
    .map((user) => (user.isAdmin ? `${user.name}${offlineText.adminSuffix}` : user.name))
    .join(', ');
  const channels = namedChannels(context)
    .map((channel) => {
      const suffix = workspace.isBotMember(channel) ? '' : offlineText.noBotSuffix;

      return `#${channel.name}${suffix}`;
    })
    .join(', ');

  return offlineText.welcome(context.command, users, channels);
}
