import type { Kysely } from 'kysely';

import type { Clock } from '../clock.js';
import type { Language } from '../config.js';
import { claimEvent } from '../db/processed-events.js';
import { findRoundConfig } from '../db/rounds.js';
import type { Database } from '../db/schema.js';
import { settingsFromRow } from '../rounds/settings.js';
import type { SlotResult } from '../scheduler/scheduler.js';
import { escapeText } from '../text/format.js';
import { type Messages, messagesFor } from '../text/messages.js';
import { canOrganise } from './permissions.js';
import { organiserCommand } from './organiser-commands.js';
import { organisersCommand } from './organisers-command.js';
import { organiserCommands, parseCommand, selfCommands, stripBotMention } from './parse.js';
import { scheduleCommand } from './schedule-command.js';
import { signupCommand } from './signup-commands.js';

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

export interface CommandReply {
  text: string;
  language: Language;
  outcome: string;
  /** A round whose post shows a sign-up count that this command changed. */
  refreshListId?: string;
  /** The command asked for the setup form, which only a slash command can open. */
  openSetupModal?: boolean;
}

/** The scheduler calls a command needs; absent where rounds are not running. */
export interface ManualRounds {
  runManual(
    kind: 'manual-open' | 'manual-close',
    teamId: string,
    channelId: string,
    listId?: string,
  ): Promise<SlotResult>;
}

export interface CommandDeps {
  db: Kysely<Database>;
  /** The slash command, shown in help and error replies. */
  command: string;
  defaultLanguage: Language;
  botUserId: string | undefined;
  clock: Clock;
  /**
   * Display names for user ids. Lists posted in a channel use names, because a `<@U…>`
   * mention there would notify everyone on the list.
   */
  displayNames(userIds: string[]): Promise<Map<string, string>>;
  /** Whether Slack marks the user as a workspace admin or owner. */
  isWorkspaceAdmin(userId: string): Promise<boolean>;
  /** The user's Slack time zone, used as the default for a new channel configuration. */
  userTimeZone(userId: string): Promise<string | undefined>;
  rounds: ManualRounds | undefined;
}

/** The decision of a command body inside the transaction. */
export interface CommandResult {
  outcome: string;
  text?: string;
  refreshListId?: string;
  openSetupModal?: boolean;
  /** Work to run after the transaction commits, returning the reply text. */
  after?: () => Promise<{ outcome: string; text: string }>;
  /** User ids of a list reply; names are looked up after the commit. */
  listed?: { header: string; userIds: string[]; skipped: { header: string; userIds: string[] } | undefined };
}

export interface CommandScope {
  db: Kysely<Database>;
  deps: CommandDeps;
  request: CommandRequest;
  language: Language;
  messages: Messages;
  word: string;
  rest: string;
  /** Known only for organiser commands, where it was checked before the transaction. */
  allowed: boolean;
  /** The user's Slack time zone, looked up only for setting up a new channel. */
  userTimeZone: string | undefined;
}

/**
 * A command failed after its transaction committed (while opening or closing a round through
 * the scheduler), so part of it took effect. `cause` is the original error.
 */
export class PartialCommandError extends Error {
  constructor(cause: unknown) {
    super('command failed after its changes were saved', { cause });
    this.name = 'PartialCommandError';
  }
}

/**
 * Returns the reply for a command that threw: "part of it was saved" after a commit, otherwise
 * "nothing was changed".
 */
export function failureReply(err: unknown, language: Language, command: string): string {
  const messages = messagesFor(language);

  return err instanceof PartialCommandError
    ? messages.partialError(command)
    : messages.internalError();
}

/** Upper bound on names in one reply, so a huge list stays inside Slack's message limit. */
const maxListed = 200;

async function formatNames(deps: CommandDeps, userIds: string[], source: CommandSource): Promise<string[]> {
  const shown = userIds.slice(0, maxListed);
  // Slash command replies are ephemeral, and mentions in them send no notifications.
  const names = source === 'slash' ? new Map<string, string>() : await deps.displayNames(shown);
  const lines = shown.map((userId, index) => {
    const name = names.get(userId);

    return `${index + 1}. ${name ? escapeText(name) : `<@${userId}>`}`;
  });
  if (userIds.length > shown.length) {
    lines.push(`… +${userIds.length - shown.length}`);
  }

  return lines;
}

async function formatListed(
  deps: CommandDeps,
  listed: NonNullable<CommandResult['listed']>,
  source: CommandSource,
): Promise<string> {
  const lines = [listed.header, ...(await formatNames(deps, listed.userIds, source))];
  if (listed.skipped && listed.skipped.userIds.length > 0) {
    lines.push(listed.skipped.header, ...(await formatNames(deps, listed.skipped.userIds, source)));
  }

  return lines.join('\n');
}

/**
 * Runs one command from a slash command, a mention or a DM. Returns the reply to show, or
 * null when `dedupeKey` was already handled (a redelivery). The claim on the key and the
 * command's changes commit together, so a failure leaves the request free to be retried.
 * Slack calls (permission checks, names, the scheduler's messages) happen outside the
 * transaction, so no database connection waits on the network.
 */
export async function runCommand(deps: CommandDeps, request: CommandRequest): Promise<CommandReply | null> {
  const text = stripBotMention(request.text, deps.botUserId);
  const parsed = parseCommand(text);
  let language = (parsed.kind === 'empty' ? undefined : parsed.language) ?? deps.defaultLanguage;
  const configRow = await findRoundConfig(deps.db, request.teamId, request.channelId);
  if (configRow?.language && (parsed.kind === 'empty' || !parsed.language)) {
    language = configRow.language;
  }
  const messages = messagesFor(language);
  let allowed = false;
  if (parsed.kind === 'command' && (organiserCommands.has(parsed.name) || parsed.name === 'organisers' || parsed.name === 'schedule')) {
    allowed = await canOrganise(deps, request, configRow !== undefined);
  }
  // A new configuration or post defaults to the user's own Slack time zone.
  const needsZone =
    parsed.kind === 'command' &&
    allowed &&
    !configRow &&
    (parsed.name === 'setup' || (parsed.name === 'schedule' && parsed.rest.includes('|')));
  const userTimeZone = needsZone ? await deps.userTimeZone(request.userId) : undefined;

  const result = await deps.db.transaction().execute(async (trx): Promise<CommandResult | null> => {
    if (!(await claimEvent(trx, request.dedupeKey))) {
      return null;
    }
    if (parsed.kind === 'empty') {
      return { outcome: 'empty', text: messages.emptyCommand(deps.command) };
    }
    if (parsed.kind === 'unknown') {
      return { outcome: 'unknown', text: messages.unknownCommand(parsed.word, deps.command) };
    }
    if (parsed.name === 'help') {
      const botMention = deps.botUserId ? `<@${deps.botUserId}>` : '@Mate';

      return { outcome: 'help', text: messages.help(deps.command, botMention) };
    }
    if (selfCommands.has(parsed.name) && parsed.rest !== '') {
      return {
        outcome: 'bad_arguments',
        text: messages.unexpectedArguments(parsed.word, parsed.rest, deps.command),
      };
    }
    const row = await findRoundConfig(trx, request.teamId, request.channelId);
    const scope: CommandScope = {
      db: trx,
      deps,
      request,
      language,
      messages,
      word: parsed.word,
      rest: parsed.rest,
      allowed,
      userTimeZone,
    };
    const settings = row ? settingsFromRow(row) : undefined;
    switch (parsed.name) {
      case 'register':
      case 'unregister':
      case 'list':
      case 'skip':
        return signupCommand(scope, parsed.name, settings);
      case 'organisers':
        return organisersCommand(scope, settings);
      case 'schedule':
        return scheduleCommand(scope, settings);
      default:
        return organiserCommand(scope, parsed.name, settings);
    }
  });

  if (result === null) {
    return null;
  }
  let replyText = result.text ?? '';
  let outcome = result.outcome;
  if (result.after) {
    let done: { outcome: string; text: string };
    try {
      done = await result.after();
    } catch (err) {
      throw new PartialCommandError(err);
    }
    replyText = done.text;
    outcome = done.outcome;
  }
  if (result.listed) {
    replyText = await formatListed(deps, result.listed, request.source);
  }

  return {
    text: replyText,
    language,
    outcome,
    ...(result.refreshListId ? { refreshListId: result.refreshListId } : {}),
    ...(result.openSetupModal ? { openSetupModal: true } : {}),
  };
}
