import { SlackApiError } from './api-error.js';
import type { ApiArgs } from './args.js';
import type { Outbox } from './outbox.js';
import type { TriggerStore, ViewStore } from './views.js';
import { chatMethods } from './web-api-chat.js';
import { conversationMethods } from './web-api-conversations.js';
import { userAndViewMethods } from './web-api-users-views.js';
import type { Workspace } from './workspace.js';

/** State the Web API methods read and change. */
export interface WebApiContext {
  workspace: Workspace;
  outbox: Outbox;
  views: ViewStore;
  triggers: TriggerStore;
  /** Issues a one-use Socket Mode URL, as apps.connections.open does. */
  openSocketUrl(): string;
}

/** The kind of token a method accepts: bot tokens (xoxb-) or app-level tokens (xapp-). */
export type TokenKind = 'bot' | 'app';

export interface MethodSpec {
  token: TokenKind;
  /** Returns the response fields besides `ok`, or throws SlackApiError. */
  run(args: ApiArgs, context: WebApiContext): Record<string, unknown>;
}

export type MethodTable = Record<string, MethodSpec>;

/** An HTTP response for a Web API call. Slack returns method errors with status 200. */
export interface ApiResponse {
  status: number;
  body: Record<string, unknown>;
}

const connectionMethods: MethodTable = {
  'auth.test': {
    token: 'bot',
    run: (_args, { workspace }) => ({
      url: `https://${workspace.team.domain}.slack.com/`,
      team: workspace.team.name,
      user: workspace.bot.name,
      team_id: workspace.team.id,
      user_id: workspace.bot.userId,
      bot_id: workspace.bot.botId,
      is_enterprise_install: false,
    }),
  },
  'apps.connections.open': {
    token: 'app',
    run: (_args, context) => ({ url: context.openSocketUrl() }),
  },
};

const METHODS: MethodTable = {
  ...connectionMethods,
  ...chatMethods,
  ...conversationMethods,
  ...userAndViewMethods,
};

/** Names of the Web API methods the simulator implements. */
export const SUPPORTED_METHODS: readonly string[] = Object.keys(METHODS).sort();

/** Checks tokens and dispatches Web API calls to the method handlers. */
export class WebApi {
  readonly #context: WebApiContext;
  readonly #tokens: Record<TokenKind, string>;

  constructor(context: WebApiContext, tokens: Record<TokenKind, string>) {
    this.#context = context;
    this.#tokens = tokens;
  }

  /**
   * Runs one method call. Errors come back as Slack does it: HTTP 200 with `ok: false` and the
   * error string. Unknown methods give unknown_method before any token check, as on Slack.
   */
  call(method: string, args: ApiArgs, token: string | undefined): ApiResponse {
    const spec = METHODS[method];
    if (!spec) {
      return failure('unknown_method', { req_method: method });
    }
    const tokenError = this.#checkToken(spec.token, token);
    if (tokenError !== undefined) {
      return failure(tokenError);
    }
    try {
      return { status: 200, body: { ok: true, ...spec.run(args, this.#context) } };
    } catch (error) {
      if (error instanceof SlackApiError) {
        return failure(error.slackError, error.extra);
      }
      throw error;
    }
  }

  #checkToken(expected: TokenKind, token: string | undefined): string | undefined {
    if (token === undefined || token === '') {
      return 'not_authed';
    }
    const kind = (Object.keys(this.#tokens) as TokenKind[]).find(
      (candidate) => this.#tokens[candidate] === token,
    );
    if (kind === undefined) {
      return 'invalid_auth';
    }
    if (kind !== expected) {
      return 'not_allowed_token_type';
    }

    return undefined;
  }
}

function failure(error: string, extra: Record<string, unknown> = {}): ApiResponse {
  return { status: 200, body: { ok: false, error, ...extra } };
}
