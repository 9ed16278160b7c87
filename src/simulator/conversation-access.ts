import { SlackApiError } from './api-error.js';
import type { SimulatedChannel, Workspace } from './workspace.js';

/**
 * Finds a conversation that the bot token can access. Unknown and deleted conversations, and
 * private ones or DMs the bot is not in, all give channel_not_found, because Slack does not
 * reveal that they exist.
 *
 * With `acceptNames`, a channel name ('#general' or 'general') and a user id also resolve, as
 * chat.postMessage allows. A user id stands for the bot's DM with that user.
 */
export function findVisibleConversation(
  workspace: Workspace,
  idOrName: string | undefined,
  options: { acceptNames?: boolean } = {},
): SimulatedChannel {
  if (idOrName === undefined) {
    throw new SlackApiError('channel_not_found');
  }
  let channel = options.acceptNames
    ? workspace.findChannel(idOrName)
    : workspace.channels.find((candidate) => candidate.id === idOrName);
  if (!channel && options.acceptNames) {
    const user = workspace.findUser(idOrName);
    if (user && user.id === idOrName && !user.isBot && !user.deleted) {
      channel = workspace.directMessageWith(user.id);
    }
  }
  if (!channel || channel.isDeleted) {
    throw new SlackApiError('channel_not_found');
  }
  if (channel.kind !== 'public' && !workspace.isBotMember(channel)) {
    throw new SlackApiError('channel_not_found');
  }

  return channel;
}

/**
 * Checks that the bot may post in a conversation it can see: archived ones give is_archived and
 * public channels it has not joined give not_in_channel.
 */
export function requireWritable(workspace: Workspace, channel: SimulatedChannel): void {
  if (channel.isArchived) {
    throw new SlackApiError('is_archived');
  }
  if (!workspace.isBotMember(channel)) {
    throw new SlackApiError('not_in_channel');
  }
}

/** Checks that the bot may read a conversation's messages: it must be a member. */
export function requireReadable(workspace: Workspace, channel: SimulatedChannel): void {
  if (!workspace.isBotMember(channel)) {
    throw new SlackApiError('not_in_channel');
  }
}
