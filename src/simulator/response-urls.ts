import type { types } from '@slack/bolt';

import type { IdSource } from './ids.js';
import type { MessageContent, MessageOrigin, Outbox } from './outbox.js';
import type { Workspace } from './workspace.js';

/** Slack accepts up to 5 posts to one response_url within 30 minutes of the interaction. */
const MAX_USES = 5;
const LIFETIME_MS = 30 * 60 * 1000;

/** Path prefix of response URLs on the simulator. */
export const RESPONSE_URL_PATH = '/respond/';

/** The interaction a response_url belongs to. */
export interface ResponseTarget {
  channelId: string;
  userId: string;
  /** ts of the clicked message, which replace_original and delete_original change. */
  messageTs?: string;
  /** Whether that message was ephemeral. */
  messageIsEphemeral?: boolean;
}

interface IssuedUrl {
  target: ResponseTarget;
  issuedAt: number;
  uses: number;
}

/** Body that Bolt's respond() posts, as JSON. */
interface ResponseBody {
  text?: string;
  blocks?: (types.KnownBlock | types.Block)[];
  attachments?: types.MessageAttachment[];
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean | string;
  delete_original?: boolean | string;
  thread_ts?: string;
  metadata?: types.MessageMetadata;
}

export interface ResponseOutcome {
  status: number;
  body: Record<string, unknown>;
}

const ORIGIN: MessageOrigin = { source: 'response_url', method: 'response_url' };

/** Issues response URLs and applies what the app posts to them. */
export class ResponseUrlStore {
  readonly #ids: IdSource;
  readonly #workspace: Workspace;
  readonly #outbox: Outbox;
  readonly #urls = new Map<string, IssuedUrl>();
  #baseUrl = '';

  constructor(ids: IdSource, workspace: Workspace, outbox: Outbox) {
    this.#ids = ids;
    this.#workspace = workspace;
    this.#outbox = outbox;
  }

  /** Sets the origin ('http://127.0.0.1:PORT') once the server listens. */
  setBaseUrl(baseUrl: string): void {
    this.#baseUrl = baseUrl;
  }

  issue(target: ResponseTarget): string {
    const id = this.#ids.nextResponseUrlId();
    this.#urls.set(id, { target, issuedAt: Date.now(), uses: 0 });

    return `${this.#baseUrl}${RESPONSE_URL_PATH}${id}`;
  }

  /**
   * Applies one POST: an ephemeral reply to the user by default, a channel message with
   * response_type 'in_channel', or a change to the clicked message with replace_original or
   * delete_original.
   */
  handle(id: string, rawBody: unknown): ResponseOutcome {
    // Slack does not document the bodies of these rejections. Bolt's respond() reads only the
    // status, so the error strings here are descriptive, not Slack's.
    const issued = this.#urls.get(id);
    if (!issued) {
      return { status: 404, body: { ok: false, error: 'invalid_url' } };
    }
    if (Date.now() - issued.issuedAt > LIFETIME_MS) {
      return { status: 404, body: { ok: false, error: 'expired_url' } };
    }
    if (issued.uses >= MAX_USES) {
      return { status: 404, body: { ok: false, error: 'used_url' } };
    }
    if (typeof rawBody !== 'object' || rawBody === null) {
      return { status: 400, body: { ok: false, error: 'invalid_payload' } };
    }
    issued.uses += 1;
    this.#apply(issued.target, rawBody as ResponseBody);

    return { status: 200, body: { ok: true } };
  }

  #apply(target: ResponseTarget, body: ResponseBody): void {
    const channel = this.#workspace.findChannel(target.channelId);
    if (!channel) {
      return;
    }
    const content: MessageContent = {
      ...(body.text !== undefined && { text: body.text }),
      ...(body.blocks !== undefined && { blocks: body.blocks }),
      ...(body.attachments !== undefined && { attachments: body.attachments }),
      ...(body.metadata !== undefined && { metadata: body.metadata }),
      ...(body.thread_ts !== undefined && { threadTs: body.thread_ts }),
    };
    const original = target.messageTs;

    if (isTrue(body.delete_original) && original !== undefined) {
      const ephemeral = this.#outbox.findEphemeral(channel.id, original);
      if (ephemeral) {
        this.#outbox.deleteEphemeral(ephemeral, ORIGIN);
      } else if (!target.messageIsEphemeral) {
        this.#outbox.delete(channel, original, ORIGIN);
      }
      return;
    }
    if (isTrue(body.replace_original) && original !== undefined) {
      const ephemeral = this.#outbox.findEphemeral(channel.id, original);
      const stored = this.#workspace.findMessage(channel.id, original);
      if (ephemeral) {
        this.#outbox.updateEphemeral(ephemeral, content, ORIGIN);
        return;
      }
      if (stored) {
        this.#outbox.update(channel, stored, content, ORIGIN);
        return;
      }
    }
    if (body.response_type === 'in_channel') {
      this.#outbox.post(channel, content, ORIGIN);
      return;
    }
    this.#outbox.postEphemeral(channel, target.userId, content, ORIGIN);
  }
}

function isTrue(value: boolean | string | undefined): boolean {
  return value === true || value === 'true';
}
