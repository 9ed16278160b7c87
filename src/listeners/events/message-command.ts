import type { WebClient } from '@slack/web-api';

import { type CommandSource, failureReply, runCommand } from '../../commands/run-command.js';
import { refreshAnnouncement } from '../../rounds/refresh-announcement.js';
import type { Services } from '../../services.js';
import { commandDeps } from '../command-deps.js';
import { slackErrorCode } from '../../slack/errors.js';

export interface MessageCommand {
  teamId: string;
  channelId: string;
  userId: string;
  text: string;
  ts: string;
  threadTs: string | undefined;
  botUserId: string | undefined;
  source: CommandSource;
}

/** Slack errors that mean the bot cannot post in this conversation; they are not bugs. */
const unreachableErrors = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'restricted_action',
]);

/**
 * Runs a command typed in a message (a mention or a DM) and replies in the same channel, or in
 * the thread when the message was in one. A message that arrives both as `message` and as
 * `app_mention` shares one dedupe key, its channel and ts, so it gets one effect and one reply.
 */
export async function handleMessageCommand(
  services: Services,
  client: WebClient,
  message: MessageCommand,
): Promise<void> {
  const { config } = services;
  const logger = services.logger.child({
    team: message.teamId,
    channel: message.channelId,
    user: message.userId,
    ts: message.ts,
  });
  const started = Date.now();
  let text: string;
  try {
    const reply = await services.userQueue.run(message.userId, () => runCommand(
      commandDeps(services, message.botUserId),
      {
        teamId: message.teamId,
        channelId: message.channelId,
        userId: message.userId,
        text: message.text,
        dedupeKey: `message:${message.channelId}:${message.ts}`,
        source: message.source,
      },
    ));
    if (reply === null) {
      logger.info({ source: message.source }, 'duplicate message delivery ignored');

      return;
    }
    logger.info(
      { source: message.source, outcome: reply.outcome, ms: Date.now() - started },
      'command handled',
    );
    if (reply.refreshListId) {
      await refreshAnnouncement(services, client, reply.refreshListId);
    }
    text = reply.text;
  } catch (err) {
    logger.error({ err, source: message.source, ms: Date.now() - started }, 'command failed');
    text = failureReply(err, config.language, config.command);
  }

  try {
    await client.chat.postMessage({
      channel: message.channelId,
      text,
      thread_ts: message.threadTs,
      // Names in list replies are plain text; this keeps Slack from turning them into links.
      link_names: false,
      unfurl_links: false,
    });
  } catch (err) {
    const code = slackErrorCode(err);
    if (code && unreachableErrors.has(code)) {
      logger.warn({ slackError: code }, 'cannot reply in this channel');

      return;
    }
    logger.error({ err }, 'reply to message failed');
  }
}
