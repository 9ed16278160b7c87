import type { SimulatedChannel, SimulatorMessage, Workspace } from '../simulator/index.js';
import { renderBlocks } from './blocks.js';
import { type NameLookup, renderMarkup } from './markup.js';
import { botDisplayName, offlineText } from './text.js';

/** Resolves user and channel ids through the simulated workspace. */
export function workspaceNames(workspace: Workspace): NameLookup {
  return {
    userName: (userId) => workspace.findUser(userId)?.name,
    channelName: (channelId) => {
      const channel = workspace.findChannel(channelId);
      if (!channel) {
        return undefined;
      }

      return channel.kind === 'im' || channel.kind === 'mpim' ? undefined : channel.name;
    },
  };
}

/** Names the members of a DM or group DM other than the bot. */
function humanMembers(channel: SimulatedChannel, workspace: Workspace): string[] {
  return [...channel.members]
    .filter((id) => id !== workspace.bot.userId)
    .map((id) => workspace.findUser(id)?.name ?? id);
}

/**
 * Names a conversation as the viewer would: `#general`, `DM` for the viewer's own DM with the
 * bot, `DM with bob` for someone else's, and `group DM with alice, bob`.
 */
export function describeConversation(
  channelId: string,
  workspace: Workspace,
  viewerId: string,
): string {
  const channel = workspace.findChannel(channelId);
  if (!channel) {
    return channelId;
  }
  switch (channel.kind) {
    case 'public':
    case 'private':
      return `#${channel.name}`;
    case 'im': {
      if (channel.members.has(viewerId)) {
        return offlineText.directMessage;
      }

      return offlineText.directMessageWith(humanMembers(channel, workspace).join(', '));
    }
    case 'mpim':
      return offlineText.groupDirectMessage(humanMembers(channel, workspace).join(', '));
  }
}

/** Returns the lines a message shows: its blocks when it has any, as Slack does, else its text. */
function messageBody(message: SimulatorMessage, names: NameLookup): string[] {
  if (message.blocks && message.blocks.length > 0) {
    const lines = renderBlocks(message.blocks, names);
    if (lines.length > 0) {
      return lines;
    }
  }
  if (message.text) {
    return [renderMarkup(message.text, names)];
  }
  const attachments = (message.attachments ?? [])
    .map((attachment) => attachment.text ?? attachment.fallback)
    .filter((text): text is string => Boolean(text))
    .map((text) => renderMarkup(text, names));

  return attachments.length > 0 ? attachments : [offlineText.emptyMessage];
}

/**
 * Formats one thing the bot did as terminal text, for example
 * `[#general] Mate (only you): You are on the list.` Lines after the first are indented by two
 * spaces, so a multi-line reply reads as one block.
 */
export function formatBotMessage(
  message: SimulatorMessage,
  workspace: Workspace,
  viewerId: string,
): string {
  const where = describeConversation(message.channel, workspace, viewerId);
  const place = message.threadTs ? `${where}, ${offlineText.thread}` : where;
  const tags: string[] = [];
  // Only ephemeral messages, and updates or deletions of them, carry a recipient.
  const recipient = message.user;
  if (recipient !== undefined) {
    tags.push(
      recipient === viewerId
        ? offlineText.onlyYou
        : offlineText.onlyUser(workspace.findUser(recipient)?.name ?? recipient),
    );
  }
  if (message.kind === 'update') {
    tags.push(offlineText.updated);
  }
  const head = `[${place}] ${botDisplayName}${tags.length > 0 ? ` (${tags.join(', ')})` : ''}`;
  if (message.kind === 'delete') {
    return `${head} ${offlineText.deleted}`;
  }
  const names = workspaceNames(workspace);
  const lines = messageBody(message, names).flatMap((line) => line.split('\n'));

  return `${head}: ${lines.map((line, index) => (index === 0 ? line : `  ${line}`)).join('\n')}`;
}
