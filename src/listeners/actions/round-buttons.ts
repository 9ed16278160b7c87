import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';

import { buttonSignup } from '../../commands/button-signup.js';
import { joinActionId, leaveActionId } from '../../rounds/announcement.js';
import { refreshAnnouncement } from '../../rounds/refresh-announcement.js';
import type { Services } from '../../services.js';
import { messagesFor } from '../../text/messages.js';
import { commandDeps } from '../command-deps.js';

type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

/** Join and Leave on a round's post: the same effect as register and unregister. */
export function createRoundButtonCallback(services: Services, join: boolean) {
  return async function roundButtonCallback({ ack, action, body, client, context, respond }: ButtonArgs) {
    await ack();
    const userId = body.user.id;
    const logger = services.logger.child({
      team: body.team?.id,
      channel: body.channel?.id,
      user: userId,
      listId: action.value,
    });
    const started = Date.now();
    let text: string;
    try {
      const reply = await services.userQueue.run(userId, () =>
        buttonSignup(commandDeps(services, context.botUserId), {
          listId: action.value ?? '',
          userId,
          join,
          dedupeKey: `action:${action.action_ts}:${userId}`,
        }),
      );
      if (reply === null) {
        logger.info('duplicate button delivery ignored');

        return;
      }
      logger.info(
        { source: 'button', outcome: reply.outcome, ms: Date.now() - started },
        'command handled',
      );
      if (reply.refreshListId) {
        await refreshAnnouncement(services, client, reply.refreshListId);
      }
      text = reply.text;
    } catch (err) {
      logger.error({ err, source: 'button' }, 'button failed');
      text = messagesFor(services.config.language).internalError();
    }
    try {
      await respond({ response_type: 'ephemeral', replace_original: false, text });
    } catch (err) {
      logger.error({ err }, 'could not reply to a button through response_url');
    }
  };
}

export function register(app: App, services: Services): void {
  app.action<BlockButtonAction>(joinActionId, createRoundButtonCallback(services, true));
  app.action<BlockButtonAction>(leaveActionId, createRoundButtonCallback(services, false));
}
