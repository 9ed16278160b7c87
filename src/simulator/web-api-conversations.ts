import { SlackApiError } from './api-error.js';
import { flag, idList, optionalInteger, optionalString, paginate, requiredString } from './args.js';
import type { ApiArgs } from './args.js';
import { findVisibleConversation, requireReadable } from './conversation-access.js';
import { compareTs, tsToMicros } from './ids.js';
import { conversationObject, messageObject } from './serializers.js';
import type { MethodTable } from './web-api.js';
import { ConversationOpenError } from './workspace.js';
import type { SimulatedChannel, StoredMessage } from './workspace.js';

/** Slack caps conversations.history and conversations.replies pages at 999 messages. */
const MAX_HISTORY_LIMIT = 999;

/**
 * Filters messages by oldest and latest, the way conversations.history does: both bounds are
 * exclusive unless `inclusive` is set. Invalid ts strings give invalid_ts_oldest or
 * invalid_ts_latest.
 */
function filterByTime(messages: readonly StoredMessage[], args: ApiArgs): StoredMessage[] {
  const inclusive = flag(args, 'inclusive');
  const oldest = parseBound(optionalString(args, 'oldest'), 'invalid_ts_oldest');
  const latest = parseBound(optionalString(args, 'latest'), 'invalid_ts_latest');

  return messages.filter((message) => {
    const ts = tsToMicros(message.ts);
    if (oldest !== undefined && (inclusive ? ts < oldest : ts <= oldest)) {
      return false;
    }
    if (latest !== undefined && (inclusive ? ts > latest : ts >= latest)) {
      return false;
    }
    return true;
  });
}

function parseBound(value: string | undefined, error: string): bigint | undefined {
  if (value === undefined) {
    return undefined;
  }
  try {
    return tsToMicros(value);
  } catch {
    throw new SlackApiError(error);
  }
}

function historyLimit(args: ApiArgs): number {
  return Math.min(optionalInteger(args, 'limit', 100) || 100, MAX_HISTORY_LIMIT);
}

function isTopLevel(message: StoredMessage): boolean {
  return message.thread_ts === undefined || message.thread_ts === message.ts;
}

function describeOpened(
  channel: SimulatedChannel,
  created: boolean,
  returnFull: boolean,
  context: Parameters<MethodTable[string]['run']>[1],
): Record<string, unknown> {
  const body = returnFull ? conversationObject(context.workspace, channel) : { id: channel.id };

  return created ? { channel: body } : { no_op: true, already_open: true, channel: body };
}

export const conversationMethods: MethodTable = {
  'conversations.open': {
    token: 'bot',
    run(args, context) {
      const returnFull = flag(args, 'return_im');
      const channelId = optionalString(args, 'channel');
      const users = idList(args, 'users');
      if (channelId !== undefined && users === undefined) {
        const channel = findVisibleConversation(context.workspace, channelId);
        if (channel.kind !== 'im' && channel.kind !== 'mpim') {
          throw new SlackApiError('method_not_supported_for_channel_type');
        }
        return describeOpened(channel, false, returnFull, context);
      }
      if (users === undefined || users.length === 0) {
        throw new SlackApiError('users_list_not_supplied');
      }
      try {
        const { channel, created } = context.workspace.openConversation(users);
        return describeOpened(channel, created, returnFull, context);
      } catch (error) {
        if (error instanceof ConversationOpenError) {
          throw new SlackApiError(error.slackError);
        }
        throw error;
      }
    },
  },

  'conversations.info': {
    token: 'bot',
    run(args, { workspace }) {
      const channel = findVisibleConversation(workspace, optionalString(args, 'channel'));
      const options = {
        includeNumMembers: flag(args, 'include_num_members'),
        includeLocale: flag(args, 'include_locale'),
      };

      return { channel: conversationObject(workspace, channel, options) };
    },
  },

  'conversations.history': {
    token: 'bot',
    run(args, { workspace }) {
      const channel = findVisibleConversation(workspace, optionalString(args, 'channel'));
      requireReadable(workspace, channel);
      // NOTE: metadata is returned only with include_all_metadata. Slack's documentation does
      // not say whether an app receives its own metadata without the flag, so callers should
      // set it.
      const includeMetadata = flag(args, 'include_all_metadata');
      const newestFirst = filterByTime(workspace.history(channel.id).filter(isTopLevel), args)
        .sort((a, b) => compareTs(b.ts, a.ts));
      const { page, nextCursor } = paginate(newestFirst, { ...args, limit: historyLimit(args) }, 100);

      return {
        messages: page.map((message) => messageObject(message, includeMetadata)),
        has_more: nextCursor !== '',
        pin_count: 0,
        channel_actions_ts: null,
        channel_actions_count: 0,
        ...(nextCursor !== '' && { response_metadata: { next_cursor: nextCursor } }),
      };
    },
  },

  'conversations.replies': {
    token: 'bot',
    run(args, { workspace }) {
      const channel = findVisibleConversation(workspace, optionalString(args, 'channel'));
      requireReadable(workspace, channel);
      const ts = requiredString(args, 'ts');
      const history = workspace.history(channel.id);
      const parent = history.find((message) => message.ts === ts);
      if (!parent) {
        throw new SlackApiError('thread_not_found');
      }
      const threadTs = parent.thread_ts ?? parent.ts;
      const thread = history.filter(
        (message) => message.ts === threadTs || message.thread_ts === threadTs,
      );
      const includeMetadata = flag(args, 'include_all_metadata');
      const filtered = filterByTime(thread, args);
      const { page, nextCursor } = paginate(filtered, { ...args, limit: historyLimit(args) }, 100);

      return {
        messages: page.map((message) => messageObject(message, includeMetadata)),
        has_more: nextCursor !== '',
        ...(nextCursor !== '' && { response_metadata: { next_cursor: nextCursor } }),
      };
    },
  },

  'conversations.members': {
    token: 'bot',
    run(args, { workspace }) {
      const channel = findVisibleConversation(workspace, optionalString(args, 'channel'));
      const { page, nextCursor } = paginate([...channel.members], args, 100);

      return { members: page, response_metadata: { next_cursor: nextCursor } };
    },
  },

  'conversations.join': {
    token: 'bot',
    run(args, { workspace }) {
      const channel = findVisibleConversation(workspace, optionalString(args, 'channel'));
      if (channel.kind !== 'public') {
        throw new SlackApiError('method_not_supported_for_channel_type');
      }
      if (channel.isArchived) {
        throw new SlackApiError('is_archived');
      }
      const alreadyMember = workspace.isBotMember(channel);
      channel.members.add(workspace.bot.userId);

      return {
        channel: conversationObject(workspace, channel),
        ...(alreadyMember && {
          warning: 'already_in_channel',
          response_metadata: { warnings: ['already_in_channel'] },
        }),
      };
    },
  },

  'conversations.list': {
    token: 'bot',
    run(args, { workspace }) {
      const requested = optionalString(args, 'types') ?? 'public_channel';
      const types = new Set(requested.split(',').map((type) => type.trim()));
      const kindToType = {
        public: 'public_channel',
        private: 'private_channel',
        mpim: 'mpim',
        im: 'im',
      } as const;
      const excludeArchived = flag(args, 'exclude_archived');
      const visible = workspace.channels.filter(
        (channel) =>
          !channel.isDeleted &&
          types.has(kindToType[channel.kind]) &&
          !(excludeArchived && channel.isArchived) &&
          (channel.kind === 'public' || workspace.isBotMember(channel)),
      );
      const { page, nextCursor } = paginate(visible, args, 100);

      return {
        channels: page.map((channel) => conversationObject(workspace, channel)),
        response_metadata: { next_cursor: nextCursor },
      };
    },
  },
};
