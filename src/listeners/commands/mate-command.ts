import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';

import { failureReply, runCommand } from '../../commands/run-command.js';
import { refreshAnnouncement } from '../../rounds/refresh-announcement.js';
import type { Services } from '../../services.js';
import { messagesFor } from '../../text/messages.js';
import { commandDeps } from '../command-deps.js';
import { openSetupModal } from '../views/round-setup.js';

type CommandArgs = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

/**
 * Handles the slash command (`/mate` by default). It acknowledges first, because Slack shows
 * the user an error when no ack arrives within 3 seconds, then runs the command and replies
 * through the response_url. That URL works in every conversation, including channels the bot
 * has not joined and DMs between other people.
 */
export function createMateCommandCallback(services: Services) {
  return async function mateCommandCallback({ ack, command, context, client, respond }: CommandArgs) {
    const { config, logger: baseLogger, inFlight } = services;
    const logger = baseLogger.child({
      team: command.team_id,
      channel: command.channel_id,
      user: command.user_id,
    });
    if (inFlight.draining) {
      await ack({ response_type: 'ephemeral', text: messagesFor(config.language).restarting() });

      return;
    }
    await ack();

    const started = Date.now();
    let text: string;
    try {
      const reply = await services.userQueue.run(command.user_id, () =>
        runCommand(commandDeps(services, context.botUserId), {
          teamId: command.team_id,
          channelId: command.channel_id,
          userId: command.user_id,
          text: command.text ?? '',
          // trigger_id is unique to one invocation, so a redelivered envelope repeats it.
          dedupeKey: `command:${command.trigger_id}`,
          source: 'slash',
        }),
      );
      if (reply === null) {
        logger.info({ source: 'slash' }, 'duplicate command delivery ignored');

        return;
      }
      logger.info(
        { source: 'slash', outcome: reply.outcome, ms: Date.now() - started },
        'command handled',
      );
      if (reply.refreshListId) {
        await refreshAnnouncement(services, client, reply.refreshListId);
      }
      if (reply.openSetupModal) {
        const opened = await openSetupModal(services, client, {
          triggerId: command.trigger_id,
          teamId: command.team_id,
          channelId: command.channel_id,
          userId: command.user_id,
          responseUrl: command.response_url,
          language: reply.language,
        });
        if (opened) {
          return;
        }
      }
      text = reply.text;
    } catch (err) {
      logger.error({ err, source: 'slash', ms: Date.now() - started }, 'command failed');
      text = failureReply(err, config.language, config.command);
    }

    try {
      await respond({ response_type: 'ephemeral', text });
    } catch (err) {
      logger.error({ err }, 'could not reply through response_url');
    }
  };
}
