import type { SimulatedChannel, SimulatedUser, StoredMessage, Workspace } from './workspace.js';

/**
 * Builds the conversation object that conversations.info, conversations.list and
 * conversations.open (with return_im) return.
 */
export function conversationObject(
  workspace: Workspace,
  channel: SimulatedChannel,
  options: { includeNumMembers?: boolean; includeLocale?: boolean } = {},
): Record<string, unknown> {
  const teamId = workspace.team.id;
  const common = {
    id: channel.id,
    created: channel.created,
    updated: channel.created * 1000,
    is_archived: channel.isArchived,
    is_org_shared: false,
    context_team_id: teamId,
    ...(options.includeLocale && { locale: 'en-US' }),
  };

  if (channel.kind === 'im') {
    const otherUser = [...channel.members].find((id) => id !== workspace.bot.userId) ?? '';
    return {
      ...common,
      is_im: true,
      user: otherUser,
      is_user_deleted: workspace.findUser(otherUser)?.deleted ?? false,
      priority: 0,
    };
  }

  const isPrivate = channel.kind !== 'public';
  // Slack reports private channels with G ids, and group DMs, as groups, and private channels
  // with C ids as channels.
  const isGroup = channel.kind === 'mpim' || (isPrivate && channel.id.startsWith('G'));

  return {
    ...common,
    name: channel.name,
    name_normalized: channel.name,
    is_channel: !isGroup,
    is_group: isGroup,
    is_im: false,
    is_mpim: channel.kind === 'mpim',
    is_private: isPrivate,
    is_general: channel.kind === 'public' && channel.name === 'general',
    is_shared: false,
    is_ext_shared: false,
    is_pending_ext_shared: false,
    unlinked: 0,
    creator: channel.creator,
    is_member: workspace.isBotMember(channel),
    topic: { value: channel.topic, creator: '', last_set: 0 },
    purpose: { value: channel.purpose, creator: '', last_set: 0 },
    previous_names: [],
    ...(options.includeNumMembers && { num_members: channel.members.size }),
  };
}

/** Builds the user object that users.info and users.list return. */
export function userObject(
  workspace: Workspace,
  user: SimulatedUser,
  options: { includeLocale?: boolean } = {},
): Record<string, unknown> {
  const isBotUser = user.id === workspace.bot.userId;

  return {
    id: user.id,
    team_id: user.teamId,
    name: user.name,
    deleted: user.deleted,
    color: '9f69e7',
    real_name: user.realName,
    tz: user.tz,
    tz_label: user.tzLabel,
    tz_offset: user.tzOffset,
    profile: {
      real_name: user.realName,
      real_name_normalized: user.realName,
      display_name: user.name,
      display_name_normalized: user.name,
      team: user.teamId,
      ...(isBotUser && { bot_id: workspace.bot.botId, api_app_id: workspace.bot.appId }),
    },
    is_admin: user.isAdmin,
    is_owner: user.isOwner,
    is_primary_owner: user.isOwner,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: user.isBot,
    is_app_user: false,
    updated: 1700000000,
    ...(options.includeLocale && { locale: user.locale }),
  };
}

/** Copies a stored message for an API response, dropping metadata unless it is asked for. */
export function messageObject(message: StoredMessage, includeMetadata: boolean): StoredMessage {
  const copy: StoredMessage = structuredClone(message);
  if (!includeMetadata) {
    delete copy.metadata;
  }

  return copy;
}
