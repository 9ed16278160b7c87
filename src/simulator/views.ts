import type { ViewOutput, types } from '@slack/bolt';

import { SlackApiError, invalidArguments } from './api-error.js';
import type { IdSource } from './ids.js';

/** Slack lets a trigger_id open a view for 3 seconds after the interaction. */
export const DEFAULT_TRIGGER_TTL_MS = 3000;

/** Slack allows at most 3 views in one modal stack. */
const MAX_MODAL_STACK = 3;

interface IssuedTrigger {
  userId: string;
  issuedAt: number;
  used: boolean;
}

/** Trigger ids handed to the app with interactions, each usable once before it expires. */
export class TriggerStore {
  readonly #ids: IdSource;
  readonly #ttlMs: number;
  readonly #triggers = new Map<string, IssuedTrigger>();

  constructor(ids: IdSource, ttlMs: number) {
    this.#ids = ids;
    this.#ttlMs = ttlMs;
  }

  issue(userId: string): string {
    const id = this.#ids.nextTriggerId();
    this.#triggers.set(id, { userId, issuedAt: Date.now(), used: false });

    return id;
  }

  /** Marks a trigger used and returns its user, or throws Slack's trigger error. */
  consume(triggerId: unknown): string {
    if (typeof triggerId !== 'string' || triggerId === '') {
      throw invalidArguments('missing required field: trigger_id');
    }
    const trigger = this.#triggers.get(triggerId);
    if (!trigger) {
      throw new SlackApiError('invalid_trigger_id');
    }
    if (trigger.used) {
      throw new SlackApiError('exchanged_trigger_id');
    }
    if (Date.now() - trigger.issuedAt > this.#ttlMs) {
      throw new SlackApiError('expired_trigger_id');
    }
    trigger.used = true;

    return trigger.userId;
  }
}

/** A view the app opened, pushed or published, with the user who sees it. */
export interface StoredView {
  userId: string;
  view: ViewOutput;
  /** False once the modal was closed or replaced by an ack's response_action 'clear'. */
  isOpen: boolean;
}

/** Modals and Home tabs as views.open, views.push, views.update and views.publish leave them. */
export class ViewStore {
  readonly #ids: IdSource;
  readonly #team: { teamId: string; appId: string; botId: string };
  readonly #views = new Map<string, StoredView>();
  /** Open modal view ids per user, root first. */
  readonly #stacks = new Map<string, string[]>();
  readonly #homes = new Map<string, string>();
  #hashCount = 0;

  constructor(ids: IdSource, team: { teamId: string; appId: string; botId: string }) {
    this.#ids = ids;
    this.#team = team;
  }

  /** Opens a new modal for a user, replacing any modal stack the user had. */
  open(userId: string, view: unknown): ViewOutput {
    const input = validateView(view, 'modal');
    this.#requireUniqueExternalId(input);
    for (const id of this.#stacks.get(userId) ?? []) {
      this.#markClosed(id);
    }
    const output = this.#createOutput(input, null, null);
    this.#views.set(output.id, { userId, view: output, isOpen: true });
    this.#stacks.set(userId, [output.id]);

    return output;
  }

  /** Pushes a modal on top of the user's open modal. */
  push(userId: string, view: unknown): ViewOutput {
    const input = validateView(view, 'modal');
    this.#requireUniqueExternalId(input);
    const stack = this.#stacks.get(userId) ?? [];
    const top = stack.at(-1);
    if (top === undefined) {
      throw new SlackApiError('not_found');
    }
    if (stack.length >= MAX_MODAL_STACK) {
      throw new SlackApiError('push_limit_reached');
    }
    const output = this.#createOutput(input, stack[0] ?? top, top);
    this.#views.set(output.id, { userId, view: output, isOpen: true });
    stack.push(output.id);

    return output;
  }

  /** Replaces a view found by view id or external id. A stale `hash` fails with hash_conflict. */
  update(target: { viewId?: string; externalId?: string; hash?: string }, view: unknown): ViewOutput {
    const stored = this.#find(target);
    const input = validateView(view, stored.view.type === 'home' ? 'home' : 'modal');
    if (target.hash !== undefined && target.hash !== stored.view.hash) {
      throw new SlackApiError('hash_conflict');
    }
    const { id, root_view_id: rootId, previous_view_id: previousId } = stored.view;
    stored.view = this.#createOutput(input, rootId, previousId, id);

    return stored.view;
  }

  /** Publishes a user's Home tab, replacing the previous one. */
  publish(userId: string, view: unknown, hash?: string): ViewOutput {
    const input = validateView(view, 'home');
    const existingId = this.#homes.get(userId);
    if (existingId !== undefined) {
      return this.update({ viewId: existingId, hash }, input);
    }
    const output = this.#createOutput(input, null, null);
    this.#views.set(output.id, { userId, view: output, isOpen: true });
    this.#homes.set(userId, output.id);

    return output;
  }

  get(viewId: string): StoredView | undefined {
    return this.#views.get(viewId);
  }

  /** Stores submitted state values on a view, as Slack shows them in later payloads. */
  setState(viewId: string, values: ViewOutput['state']['values']): void {
    const stored = this.#views.get(viewId);
    if (stored) {
      stored.view = { ...stored.view, state: { values } };
    }
  }

  /** Closes the top modal of the view's stack, as a submission acked without a body does. */
  closeTop(viewId: string): void {
    const stored = this.#views.get(viewId);
    if (!stored) {
      return;
    }
    const stack = this.#stacks.get(stored.userId) ?? [];
    if (stored.view.clear_on_close) {
      this.clearStack(stored.userId);
      return;
    }
    const index = stack.indexOf(viewId);
    if (index >= 0) {
      stack.splice(index);
    }
    this.#markClosed(viewId);
  }

  /** Closes every modal of a user, as response_action 'clear' does. */
  clearStack(userId: string): void {
    for (const id of this.#stacks.get(userId) ?? []) {
      this.#markClosed(id);
    }
    this.#stacks.delete(userId);
  }

  /** Returns the user's open modals, root first. */
  openModals(userId: string): ViewOutput[] {
    const stack = this.#stacks.get(userId) ?? [];

    return stack.flatMap((id) => {
      const stored = this.#views.get(id);
      return stored ? [stored.view] : [];
    });
  }

  home(userId: string): ViewOutput | undefined {
    const id = this.#homes.get(userId);

    return id === undefined ? undefined : this.#views.get(id)?.view;
  }

  #find(target: { viewId?: string; externalId?: string }): StoredView {
    if (target.viewId === undefined && target.externalId === undefined) {
      throw invalidArguments('missing required field: view_id or external_id');
    }
    for (const stored of this.#views.values()) {
      const matches =
        target.viewId !== undefined
          ? stored.view.id === target.viewId
          : stored.view.external_id === target.externalId;
      if (matches) {
        return stored;
      }
    }
    throw new SlackApiError('not_found');
  }

  #requireUniqueExternalId(view: types.View): void {
    if (view.external_id === undefined) {
      return;
    }
    for (const stored of this.#views.values()) {
      if (stored.view.external_id === view.external_id) {
        throw new SlackApiError('duplicate_external_id');
      }
    }
  }

  #markClosed(viewId: string): void {
    const stored = this.#views.get(viewId);
    if (stored) {
      stored.isOpen = false;
    }
  }

  #createOutput(
    input: types.View,
    rootId: string | null,
    previousId: string | null,
    id = this.#ids.next('V'),
  ): ViewOutput {
    this.#hashCount += 1;
    const modal = input.type === 'modal' ? input : undefined;

    return {
      id,
      team_id: this.#team.teamId,
      app_installed_team_id: this.#team.teamId,
      app_id: this.#team.appId,
      bot_id: this.#team.botId,
      type: input.type,
      callback_id: input.callback_id ?? '',
      private_metadata: input.private_metadata ?? '',
      external_id: input.external_id,
      blocks: input.blocks,
      title: modal ? { ...modal.title, emoji: modal.title.emoji ?? true } : plainText('', false),
      close: modal?.close ? { ...modal.close, emoji: modal.close.emoji ?? true } : null,
      submit: modal?.submit ? { ...modal.submit, emoji: modal.submit.emoji ?? true } : null,
      clear_on_close: modal?.clear_on_close ?? false,
      notify_on_close: modal?.notify_on_close ?? false,
      state: { values: {} },
      hash: `${1700000000 + this.#hashCount}.${this.#hashCount.toString(16).padStart(8, '0')}`,
      root_view_id: rootId ?? id,
      previous_view_id: previousId,
    };
  }
}

function plainText(text: string, emoji: boolean): ViewOutput['title'] {
  return { type: 'plain_text', text, emoji };
}

/** Checks the parts of a view that Slack rejects with invalid_arguments. */
function validateView(view: unknown, expectedType: 'modal' | 'home'): types.View {
  if (typeof view !== 'object' || view === null) {
    throw invalidArguments('missing required field: view');
  }
  const candidate = view as Partial<types.ModalView>;
  if (candidate.type !== expectedType) {
    throw invalidArguments(`view type must be '${expectedType}' [json-pointer:/view/type]`);
  }
  if (!Array.isArray(candidate.blocks)) {
    throw invalidArguments('missing required field: blocks [json-pointer:/view/blocks]');
  }
  if (expectedType === 'modal') {
    if (typeof candidate.title?.text !== 'string') {
      throw invalidArguments('missing required field: title [json-pointer:/view/title]');
    }
    const hasInput = candidate.blocks.some((block) => block.type === 'input');
    if (hasInput && candidate.submit === undefined) {
      throw invalidArguments(
        'a view with input blocks must have a submit button [json-pointer:/view/submit]',
      );
    }
  }

  return view as types.View;
}
