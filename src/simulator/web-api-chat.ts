import type { types } from '@slack/bolt';

import { SlackApiError } from './api-error.js';
import { optionalJson, optionalString, requiredString } from './args.js';
import type { ApiArgs } from './args.js';
import { findVisibleConversation, requireWritable } from './conversation-access.js';
import type { MessageContent } from './outbox.js';
import { messageObject } from './serializers.js';
import type { MethodTable } from './web-api.js';
import type { SimulatedChannel, StoredMessage, Workspace } from './workspace.js';

const WEB_API = 'web_api' as const;

/**
 * Reads text, blocks, attachments, metadata and thread_ts. Blocks, attachments and metadata may
 * be JSON strings inside a form, as @slack/web-api sends them.
 */
export function readMessageContent(args: ApiArgs): MessageContent {
  const blocks = optionalJson(args, 'blocks', 'invalid_blocks_format');
  if (blocks !== undefined && !Array.isArray(blocks)) {
    throw new SlackApiError('invalid_blocks');
  }
  const attachments = optionalJson(args, 'attachments', 'invalid_attachments');
  if (attachments !== undefined && !Array.isArray(attachments)) {
    throw new SlackApiError('invalid_attachments');
  }
  const metadata = optionalJson(args, 'metadata', 'invalid_metadata_format');
  if (metadata !== undefined && !isMessageMetadata(metadata)) {
    throw new SlackApiError('invalid_metadata_format');
  }
  const text = optionalString(args, 'text');
  const threadTs = optionalString(args, 'thread_ts');

  return {
    ...(text !== undefined && { text }),
    ...(blocks !== undefined && { blocks: blocks as (types.KnownBlock | types.Block)[] }),
    ...(attachments !== undefined && { attachments: attachments as types.MessageAttachment[] }),
    ...(metadata !== undefined && { metadata }),
    ...(threadTs !== undefined && { threadTs }),
  };
}

function isMessageMetadata(value: unknown): value is types.MessageMetadata {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const candidate = value as Partial<types.MessageMetadata>;

  return typeof candidate.event_type === 'string' && typeof candidate.event_payload === 'object';
}

function requireSomeContent(content: MessageContent): void {
  const hasBlocks = content.blocks !== undefined && content.blocks.length > 0;
  const hasAttachments = content.attachments !== undefined && content.attachments.length > 0;
  if (content.text === undefined && !hasBlocks && !hasAttachments) {
    throw new SlackApiError('no_text');
  }
}

/**
 * Finds the message that chat.update or chat.delete names, with Slack's errors for an archived
 * channel, an unknown ts, and a message the bot did not post.
 */
function findOwnMessage(
  workspace: Workspace,
  args: ApiArgs,
  notOwnError: 'cant_update_message' | 'cant_delete_message',
): { channel: SimulatedChannel; message: StoredMessage } {
  const channel = findVisibleConversation(workspace, optionalString(args, 'channel'));
  if (channel.isArchived) {
    throw new SlackApiError('is_archived');
  }
  const message = workspace.findMessage(channel.id, requiredString(args, 'ts'));
  if (!message) {
    throw new SlackApiError('message_not_found');
  }
  if (message.bot_id !== workspace.bot.botId) {
    throw new SlackApiError(notOwnError);
  }

  return { channel, message };
}

export const chatMethods: MethodTable = {
  'chat.postMessage': {
    token: 'bot',
    run(args, { workspace, outbox }) {
      const channel = findVisibleConversation(workspace, optionalString(args, 'channel'), {
        acceptNames: true,
      });
      requireWritable(workspace, channel);
      const content = readMessageContent(args);
      requireSomeContent(content);
      const method = 'chat.postMessage';
      const message = outbox.post(channel, content, { source: WEB_API, method });

      return { channel: channel.id, ts: message.ts, message: messageObject(message, true) };
    },
  },

  'chat.postEphemeral': {
    token: 'bot',
    run(args, { workspace, outbox }) {
      const channel = findVisibleConversation(workspace, optionalString(args, 'channel'), {
        acceptNames: true,
      });
      requireWritable(workspace, channel);
      const user = workspace.findUser(requiredString(args, 'user'));
      if (!user || user.deleted) {
        throw new SlackApiError('user_not_found');
      }
      if (!channel.members.has(user.id)) {
        throw new SlackApiError('user_not_in_channel');
      }
      const content = readMessageContent(args);
      requireSomeContent(content);
      const method = 'chat.postEphemeral';
      const ts = outbox.postEphemeral(channel, user.id, content, { source: WEB_API, method });

      return { message_ts: ts };
    },
  },

  'chat.update': {
    token: 'bot',
    run(args, { workspace, outbox }) {
      const { channel, message } = findOwnMessage(workspace, args, 'cant_update_message');
      const content = readMessageContent(args);
      const method = 'chat.update';
      const updated = outbox.update(channel, message, content, { source: WEB_API, method });

      return {
        channel: channel.id,
        ts: updated.ts,
        text: updated.text,
        message: messageObject(updated, true),
      };
    },
  },

  'chat.delete': {
    token: 'bot',
    run(args, { workspace, outbox }) {
      const { channel, message } = findOwnMessage(workspace, args, 'cant_delete_message');
      const ts = message.ts;
      outbox.delete(channel, ts, { source: WEB_API, method: 'chat.delete' });

      return { channel: channel.id, ts };
    },
  },
};
