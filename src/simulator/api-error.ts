/**
 * A Web API method failure. The HTTP layer turns it into Slack's `{ ok: false, error }` body,
 * with `extra` fields (such as `response_metadata`) merged in.
 */
export class SlackApiError extends Error {
  readonly slackError: string;
  readonly extra: Record<string, unknown>;

  constructor(slackError: string, extra: Record<string, unknown> = {}) {
    super(`Slack API error: ${slackError}`);
    this.slackError = slackError;
    this.extra = extra;
  }
}

/** Builds an `invalid_arguments` error with Slack's response_metadata.messages list. */
export function invalidArguments(...messages: string[]): SlackApiError {
  return new SlackApiError('invalid_arguments', {
    response_metadata: { messages: messages.map((message) => `[ERROR] ${message}`) },
  });
}
