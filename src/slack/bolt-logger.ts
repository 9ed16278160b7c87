import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';

import type { Logger } from '../logger.js';

/** Slack token shapes, so that a token inside a library's log string never reaches output. */
const tokenPattern = /\bx(?:ox[abpors]|app)-[A-Za-z0-9-]+/g;
/** The legacy verification token that Slack puts in every payload body. */
const verificationTokenPattern = /("token"\s*:\s*")[^"]*(")/g;

export function scrubTokens(text: string): string {
  return text.replace(tokenPattern, '[redacted]').replace(verificationTokenPattern, '$1[redacted]$2');
}

function toText(parts: unknown[]): string {
  return scrubTokens(
    parts
      .map((part) => {
        if (typeof part === 'string') {
          return part;
        }
        if (part instanceof Error) {
          return part.stack ?? part.message;
        }
        try {
          return JSON.stringify(part);
        } catch {
          return String(part);
        }
      })
      .join(' '),
  );
}

/**
 * Adapts pino to the logger interface Bolt and its Socket Mode client take. Their debug output
 * includes raw payloads, so it goes to pino's trace level, and every line passes through
 * scrubTokens first.
 */
export function createBoltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  let level: LogLevel = LogLevel.INFO;

  return {
    debug: (...parts: unknown[]) => child.trace(toText(parts)),
    info: (...parts: unknown[]) => child.info(toText(parts)),
    warn: (...parts: unknown[]) => child.warn(toText(parts)),
    error: (...parts: unknown[]) => child.error(toText(parts)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
