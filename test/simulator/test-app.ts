import { App, LogLevel, SocketModeReceiver } from '@slack/bolt';
import type { Logger } from '@slack/bolt';

import type { SlackSimulator } from '../../src/simulator/index.js';

/** Creates a Bolt logger that keeps warnings and errors in memory instead of printing them. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  let level = LogLevel.WARN;
  const keep =
    (name: string) =>
    (...parts: unknown[]): void => {
      lines.push(`${name} ${parts.map(String).join(' ')}`);
    };

  return {
    lines,
    debug: () => undefined,
    info: () => undefined,
    warn: keep('warn'),
    error: keep('error'),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/** What the test app's listeners saw, for assertions. */
export interface Seen {
  messages: Record<string, unknown>[];
  mentions: Record<string, unknown>[];
  retries: { eventId: string; retryNum?: number; retryReason?: string }[];
  submissions: Record<string, unknown>[];
}

export interface TestApp {
  app: App;
  seen: Seen;
  logger: ReturnType<typeof memoryLogger>;
}

function slackError(error: unknown): string {
  const data = (error as { data?: { error?: string } }).data;

  return data?.error ?? String(error);
}

/**
 * Builds a small Bolt app in Socket Mode against the simulator.
 * - `/mate ping` responds 'pong'.
 * - `/mate post <channel>` posts there and responds with the ts or the Slack error.
 * - `/mate meta <channel>` posts with metadata, and `/mate button` posts a button.
 * - `/mate modal` opens a modal, and `/mate say <text>` acks with that text.
 * - app_mention replies in the mention's thread.
 * - Message events and event retries are recorded in `seen`.
 * - The 'approve' button replaces its message, and the 'signup' modal records its values.
 */
export function createTestApp(
  simulator: SlackSimulator,
  options: { serverPingTimeout?: number } = {},
): TestApp {
  const logger = memoryLogger();
  const clientOptions = { slackApiUrl: simulator.apiUrl };
  const receiver =
    options.serverPingTimeout === undefined
      ? undefined
      : new SocketModeReceiver({
          appToken: simulator.appToken,
          logger,
          serverPingTimeout: options.serverPingTimeout,
          installerOptions: { clientOptions },
        });
  const app = new App({
    token: simulator.botToken,
    ...(receiver ? { receiver } : { appToken: simulator.appToken, socketMode: true }),
    clientOptions,
    logger,
  });
  const seen: Seen = { messages: [], mentions: [], retries: [], submissions: [] };

  app.use(async ({ body, context, next }) => {
    const eventId = (body as { event_id?: string }).event_id;
    if (eventId !== undefined) {
      seen.retries.push({ eventId, retryNum: context.retryNum, retryReason: context.retryReason });
    }
    await next();
  });

  app.command('/mate', async ({ command, ack, respond, client }) => {
    const [verb = '', ...rest] = command.text.trim().split(/\s+/);
    const argument = rest.join(' ');
    if (verb === 'say') {
      await ack(argument);
      return;
    }
    await ack();
    if (verb === 'ping') {
      await respond('pong');
    } else if (verb === 'post') {
      try {
        const result = await client.chat.postMessage({ channel: argument, text: 'hello' });
        await respond(`posted ${result.ts}`);
      } catch (error) {
        await respond(`error ${slackError(error)}`);
      }
    } else if (verb === 'meta') {
      await client.chat.postMessage({
        channel: argument,
        text: 'Lunch round open',
        metadata: { event_type: 'round_opened', event_payload: { round_id: 'r-1', seats: 4 } },
      });
    } else if (verb === 'button') {
      await client.chat.postMessage({
        channel: command.channel_id,
        text: 'Approve?',
        blocks: [
          {
            type: 'actions',
            block_id: 'decision',
            elements: [
              {
                type: 'button',
                action_id: 'approve',
                value: 'yes',
                text: { type: 'plain_text', text: 'Approve' },
              },
            ],
          },
        ],
      });
    } else if (verb === 'modal') {
      await client.views.open({
        trigger_id: command.trigger_id,
        view: {
          type: 'modal',
          callback_id: 'signup',
          title: { type: 'plain_text', text: 'Sign up' },
          submit: { type: 'plain_text', text: 'Join' },
          blocks: [
            {
              type: 'input',
              block_id: 'diet',
              label: { type: 'plain_text', text: 'Diet' },
              element: {
                type: 'static_select',
                action_id: 'choice',
                options: [
                  { text: { type: 'plain_text', text: 'Vegetarian' }, value: 'veg' },
                  { text: { type: 'plain_text', text: 'Anything' }, value: 'any' },
                ],
              },
            },
          ],
        },
      });
    }
  });

  app.event('app_mention', async ({ event, say }) => {
    seen.mentions.push(event as unknown as Record<string, unknown>);
    await say({ text: `hi <@${event.user}>`, thread_ts: event.ts });
  });

  app.message(async ({ message }) => {
    seen.messages.push(message as unknown as Record<string, unknown>);
  });

  app.action('approve', async ({ ack, respond }) => {
    await ack();
    await respond({ replace_original: true, text: 'Approved' });
  });

  app.view('signup', async ({ ack, view }) => {
    await ack();
    seen.submissions.push(view.state.values as Record<string, unknown>);
  });

  return { app, seen, logger };
}
