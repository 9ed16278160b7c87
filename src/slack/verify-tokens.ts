import { ErrorCode, WebClient } from '@slack/web-api';

import { appTokenHelp, botTokenHelp } from '../config.js';
import type { Logger } from '../logger.js';
import { createBoltLogger } from './bolt-logger.js';
import { slackErrorCode } from './errors.js';

/** Slack rejected a token, or could not be reached to check it; the message names the fix. */
export class SlackTokenError extends Error {
  readonly variable: string | undefined;

  constructor(variable: string | undefined, message: string) {
    super(message);
    this.name = 'SlackTokenError';
    this.variable = variable;
  }
}

function rejected(variable: string, help: string, err: unknown): SlackTokenError | undefined {
  const code = slackErrorCode(err);
  if (code) {
    return new SlackTokenError(variable, `Slack rejected ${variable} (${code}). ${help}`);
  }

  return undefined;
}

function unreachable(apiUrl: string, err: unknown): SlackTokenError {
  const coded = err as { code?: string; original?: { message?: string }; message?: string };
  const detail =
    coded.code === ErrorCode.RequestError
      ? (coded.original?.message ?? coded.message)
      : coded.message;

  return new SlackTokenError(
    undefined,
    `Could not reach Slack at ${apiUrl}: ${detail}. Check the network, or SLACK_API_URL if it is set.`,
  );
}

/**
 * Checks both tokens with Slack before the app starts: auth.test for the bot token and
 * apps.connections.open for the app token. Bolt would print a stack for a rejected bot token
 * and retry a rejected app token forever, so a wrong token fails here with one clear line.
 */
export async function verifyTokens(options: {
  botToken: string;
  appToken: string;
  slackApiUrl: string | undefined;
  logger: Logger;
}): Promise<void> {
  const apiUrl = options.slackApiUrl ?? 'https://slack.com/api/';
  const clientOptions = {
    slackApiUrl: options.slackApiUrl,
    logger: createBoltLogger(options.logger),
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2000 },
    timeout: 10_000,
  };
  try {
    await new WebClient(options.botToken, clientOptions).auth.test();
  } catch (err) {
    throw rejected('SLACK_BOT_TOKEN', botTokenHelp, err) ?? unreachable(apiUrl, err);
  }
  try {
    // The connection URL it returns is left unused, because Bolt requests its own.
    await new WebClient(options.appToken, clientOptions).apps.connections.open();
  } catch (err) {
    throw rejected('SLACK_APP_TOKEN', appTokenHelp, err) ?? unreachable(apiUrl, err);
  }
}
