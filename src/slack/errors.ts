import { ErrorCode } from '@slack/web-api';

import type { Logger } from '../logger.js';

interface CodedError extends Error {
  code?: string;
  data?: { error?: string; response_metadata?: { messages?: string[] } };
  retryAfter?: number;
  statusCode?: number;
  original?: unknown;
}

/** Returns the Slack error string of a Web API platform error, such as "not_in_channel". */
export function slackErrorCode(err: unknown): string | undefined {
  const coded = err as CodedError | undefined;
  if (coded?.code === ErrorCode.PlatformError && typeof coded.data?.error === 'string') {
    return coded.data.error;
  }

  return undefined;
}

/**
 * Logs an error that reached Bolt's global error handler, telling apart Slack platform
 * errors, rate limits, HTTP failures and everything else. Bodies stay out of the log, because
 * they can hold tokens.
 */
export function logSlackError(logger: Logger, error: unknown): void {
  const coded = error as CodedError;
  // Bolt wraps listener errors; the original carries the Web API code.
  const cause = (coded.original as CodedError | undefined) ?? coded;
  switch (cause.code) {
    case ErrorCode.PlatformError:
      logger.error(
        { slackError: cause.data?.error, details: cause.data?.response_metadata?.messages },
        'Slack API call failed',
      );
      break;
    case ErrorCode.RateLimitedError:
      logger.warn({ retryAfter: cause.retryAfter }, 'Slack API rate limit reached');
      break;
    case ErrorCode.HTTPError:
      logger.error({ statusCode: cause.statusCode }, 'Slack API returned an HTTP error');
      break;
    case ErrorCode.RequestError:
      logger.error({ err: cause.original ?? cause }, 'Slack API request did not complete');
      break;
    default:
      logger.error({ err: cause, code: coded.code }, 'unhandled error in a Slack listener');
  }
}
