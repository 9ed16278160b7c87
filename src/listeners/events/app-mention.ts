import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';

import type { Services } from '../../services.js';
import { handleMessageCommand } from './message-command.js';

type AppMentionArgs = AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_mention'>;

/** Handles `@Mate <command>` in channels. Bolt has already acknowledged the event. */
export function createAppMentionCallback(services: Services) {
  return async function appMentionCallback({ event, body, context, client }: AppMentionArgs) {
    // Other bots, and this one, can mention Mate too. Only people get replies.
    if (event.bot_id || !event.user || event.user === context.botUserId) {
      return;
    }
    await handleMessageCommand(services, client, {
      teamId: body.team_id,
      channelId: event.channel,
      userId: event.user,
      text: event.text,
      ts: event.ts,
      threadTs: event.thread_ts,
      botUserId: context.botUserId,
      source: 'mention',
    });
  };
}
