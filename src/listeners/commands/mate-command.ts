import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';

import { runCommand } from '../../commands/run-command.js';
import type { Services } from '../../services.js';
import { messagesFor } from '../../text/messages.js';

type CommandArgs = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

/**
 * Handles the slash command (`/mate` by default). It acknowledges first, because Slack shows
 * the user an error when no ack arrives within 3 seconds, then runs the command and replies
 * through the response_url. That URL works in every conversation, including channels the bot
 * has not joined and DMs between other people.
 */
export function createMateCommandCallback(services: Services) {
  return async function mateCommandCallback({ ack, command, context, respond }: CommandArgs) {
    const { config, db, logger: baseLogger, userNames, inFlight } = services;
    const ids = {
      team: command.team_id,
      channel: command.channel_id,
      user: command.user_id,
    };
    const logger = baseLogger.child(ids);
    if (inFlight.draining) {
      await ack({
        response_type: 'ephemeral',
        text: messagesFor(config.language).restarting(),
      });

      return;
    }
    await ack();

    const started = Date.now();
    let text: string;
    try {
      const reply = await runCommand(
        {
          db,
          command: config.command,
          defaultLanguage: config.language,
          botUserId: context.botUserId,
          displayNames: (userIds) => userNames.lookup(userIds),
        },
        {
          teamId: command.team_id,
          channelId: command.channel_id,
          userId: command.user_id,
          text: command.text ?? '',
          // trigger_id is unique to one invocation, so a redelivered envelope repeats it.
          dedupeKey: `command:${command.trigger_id}`,
          source: 'slash',
        },
      );
      if (reply === null) {
        logger.info({ source: 'slash' }, 'duplicate command delivery ignored');

        return;
      }
      logger.info(
        { source: 'slash', outcome: reply.outcome, ms: Date.now() - started },
        'command handled',
      );
      text = reply.text;
    } catch (err) {
      logger.error({ err, source: 'slash', ms: Date.now() - started }, 'command failed');
      text = messagesFor(config.language).internalError();
    }

    try {
      await respond({ response_type: 'ephemeral', text });
    } catch (err) {
      logger.error({ err }, 'could not reply through response_url');
    }
  };
}
