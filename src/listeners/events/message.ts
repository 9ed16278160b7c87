import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';

import type { Services } from '../../services.js';
import { handleMessageCommand } from './message-command.js';

type MessageArgs = AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>;

/**
 * Handles messages: in a DM with the bot every message is a command, with or without a
 * mention. In other conversations only a message that mentions the bot is one, and it
 * usually arrives as app_mention too; both paths share a dedupe key.
 */
export function createMessageCallback(services: Services) {
  return async function messageCallback({ message, body, context, client }: MessageArgs) {
    // Edits, deletions, joins and bot posts carry a subtype; only plain user messages count.
    if (message.subtype !== undefined || message.bot_id || !message.user) {
      return;
    }
    if (message.user === context.botUserId) {
      return;
    }
    const text = message.text ?? '';
    const isDirect = message.channel_type === 'im';
    const mentionsBot = context.botUserId !== undefined && text.includes(`<@${context.botUserId}`);
    if (!isDirect && !mentionsBot) {
      return;
    }
    await handleMessageCommand(services, client, {
      teamId: body.team_id,
      channelId: message.channel,
      userId: message.user,
      text,
      ts: message.ts,
      threadTs: message.thread_ts,
      botUserId: context.botUserId,
      source: isDirect ? 'message' : 'mention',
    });
  };
}
