import type { Kysely } from 'kysely';

import type { Language } from '../config.js';
import { claimEvent } from '../db/processed-events.js';
import type { Database } from '../db/schema.js';
import {
  addSignup,
  countSignups,
  findOpenList,
  getOrCreateOpenList,
  listSignups,
  removeSignup,
} from '../db/signups.js';
import { escapeText } from '../text/format.js';
import { type Messages, messagesFor } from '../text/messages.js';
import { parseCommand, stripBotMention } from './parse.js';

export type CommandSource = 'slash' | 'mention' | 'message';

export interface CommandRequest {
  teamId: string;
  channelId: string;
  userId: string;
  text: string;
  /** Identifies this delivery; a second request with the same key has no effect. */
  dedupeKey: string;
  source: CommandSource;
}

export type CommandOutcome =
  | 'registered'
  | 'already_registered'
  | 'unregistered'
  | 'not_registered'
  | 'listed'
  | 'help'
  | 'empty'
  | 'unknown'
  | 'bad_arguments';

export interface CommandReply {
  text: string;
  language: Language;
  outcome: CommandOutcome;
}

export interface CommandDeps {
  db: Kysely<Database>;
  /** The slash command, shown in help and error replies. */
  command: string;
  defaultLanguage: Language;
  botUserId: string | undefined;
  /**
   * Display names for user ids. Lists posted in a channel use names, because a `<@U…>`
   * mention there would notify everyone on the list.
   */
  displayNames(userIds: string[]): Promise<Map<string, string>>;
}

/** Upper bound on names in one reply, so a huge list stays inside Slack's message limit. */
const maxListed = 200;

async function formatList(
  deps: CommandDeps,
  messages: Messages,
  userIds: string[],
  source: CommandSource,
): Promise<string> {
  if (userIds.length === 0) {
    return messages.listEmpty();
  }
  const shown = userIds.slice(0, maxListed);
  // Slash command replies are ephemeral, and mentions in them notify nobody.
  const names =
    source === 'slash' ? new Map<string, string>() : await deps.displayNames(shown);
  const lines = shown.map((userId, index) => {
    const name = names.get(userId);

    return `${index + 1}. ${name ? escapeText(name) : `<@${userId}>`}`;
  });
  if (userIds.length > shown.length) {
    lines.push(`… +${userIds.length - shown.length}`);
  }

  return [messages.listHeader(userIds.length), ...lines].join('\n');
}

/**
 * Runs one command from a slash command, a mention or a DM. Returns the reply to show, or
 * null when `dedupeKey` was already handled (a redelivery). The claim on the key and the
 * sign-up change commit together, so a failure leaves the request free to be retried.
 */
export async function runCommand(
  deps: CommandDeps,
  request: CommandRequest,
): Promise<CommandReply | null> {
  const text = stripBotMention(request.text, deps.botUserId);
  const parsed = parseCommand(text);
  const language =
    (parsed.kind === 'empty' ? undefined : parsed.language) ?? deps.defaultLanguage;
  const messages = messagesFor(language);
  const reply = (outcome: CommandOutcome, replyText: string): CommandReply => ({
    text: replyText,
    language,
    outcome,
  });

  // A list reply needs display names from Slack, which are fetched after the transaction so
  // that no connection is held during a network call.
  const result = await deps.db.transaction().execute(async (trx) => {
    if (!(await claimEvent(trx, request.dedupeKey))) {
      return null;
    }
    if (parsed.kind === 'empty') {
      return reply('empty', messages.emptyCommand(deps.command));
    }
    if (parsed.kind === 'unknown') {
      return reply('unknown', messages.unknownCommand(parsed.word, deps.command));
    }
    if (parsed.name === 'help') {
      const botMention = deps.botUserId ? `<@${deps.botUserId}>` : '@Mate';

      return reply('help', messages.help(deps.command, botMention));
    }
    if (parsed.rest !== '') {
      return reply(
        'bad_arguments',
        messages.unexpectedArguments(parsed.word, parsed.rest, deps.command),
      );
    }

    const { teamId, channelId, userId } = request;
    switch (parsed.name) {
      case 'register': {
        const list = await getOrCreateOpenList(trx, teamId, channelId);
        const added = await addSignup(trx, list.id, userId);
        const count = await countSignups(trx, list.id);

        return added
          ? reply('registered', messages.registered(count))
          : reply('already_registered', messages.alreadyRegistered(count));
      }
      case 'unregister': {
        const list = await findOpenList(trx, teamId, channelId);
        const removed = list ? await removeSignup(trx, list.id, userId) : false;
        if (!list || !removed) {
          return reply('not_registered', messages.notRegistered());
        }

        return reply('unregistered', messages.unregistered(await countSignups(trx, list.id)));
      }
      case 'list': {
        const list = await findOpenList(trx, teamId, channelId);
        const signups = list ? await listSignups(trx, list.id) : [];

        return { listed: signups.map((signup) => signup.userId) };
      }
    }
  });
  if (result === null || 'text' in result) {
    return result;
  }

  return reply('listed', await formatList(deps, messages, result.listed, request.source));
}
