import { type DestinationStream, type Logger, pino } from 'pino';

import type { Config } from './config.js';

export type { Logger } from 'pino';

/**
 * Paths that could carry a token if a Slack body or an HTTP request ever reaches a log call.
 * pino replaces their values, so a token is never written even at debug level.
 */
const redactPaths = [
  'token',
  '*.token',
  '*.*.token',
  'botToken',
  'appToken',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'config.slackBotToken',
  'config.slackAppToken',
  'databaseUrl',
  '*.databaseUrl',
];

/**
 * Creates the process logger: JSON lines on stdout, or pino-pretty's readable lines when
 * `prettyLogs` is set (a terminal). Heroku collects stdout, so nothing writes log files.
 */
export function createLogger(
  config: Pick<Config, 'logLevel' | 'prettyLogs'>,
  destination?: DestinationStream,
): Logger {
  const options = {
    level: config.logLevel,
    base: { app: 'mate' },
    redact: { paths: redactPaths, censor: '[redacted]' },
  };
  if (destination) {
    return pino(options, destination);
  }
  if (config.prettyLogs) {
    return pino({
      ...options,
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, ignore: 'pid,hostname,app', translateTime: 'SYS:HH:MM:ss' },
      },
    });
  }

  return pino(options);
}

/** Removes the password from a Postgres URL so the URL can be logged. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) {
      parsed.password = '***';
    }

    return parsed.toString();
  } catch {
    return '[unparsable url]';
  }
}
