import type { Workspace } from '../simulator/index.js';
import { escapeEntities } from './markup.js';

/** The intent of one line typed at the offline prompt. */
export type LineIntent =
  | { kind: 'empty' }
  /** A prompt command such as `:as bob`: the word without ':' and the rest of the line. */
  | { kind: 'prompt'; word: string; argument: string }
  /** The bot's slash command, with the text after it. */
  | { kind: 'slash'; text: string }
  /** Some other slash command, which the simulated workspace does not have. */
  | { kind: 'other-slash'; word: string }
  | { kind: 'message'; text: string };

/** An emoji code such as `:tada:` starts a message, not a prompt command. */
const leadingEmoji = /^:[a-z0-9_+'-]+:/i;

/** Splits a typed line into a prompt command, a slash command or a message. */
export function parseLine(line: string, command: string): LineIntent {
  const trimmed = line.trim();
  if (trimmed === '') {
    return { kind: 'empty' };
  }
  if (trimmed.startsWith(':') && !leadingEmoji.test(trimmed)) {
    const match = /^:(\S*)\s*(.*)$/s.exec(trimmed) as RegExpExecArray;

    return { kind: 'prompt', word: (match[1] ?? '').toLowerCase(), argument: match[2] ?? '' };
  }
  const slash = /^(\/\S+)(?:\s+(.*))?$/s.exec(trimmed);
  if (slash) {
    const word = slash[1] as string;
    if (word.toLowerCase() === command.toLowerCase()) {
      return { kind: 'slash', text: (slash[2] ?? '').trim() };
    }

    return { kind: 'other-slash', word };
  }

  return { kind: 'message', text: trimmed };
}

/** Encodes `@name` and `#channel` as Slack does for each kind of text it delivers. */
export interface EncodeOptions {
  /**
   * Slash command text with escaping turned on (`should_escape` in the app manifest) carries
   * user mentions as `<@U123|name>`. Message text carries them as `<@U123>`.
   */
  forSlashCommand: boolean;
}

const mentionPattern = /(^|[\s(,;])@([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)/g;
const channelPattern = /(^|[\s(,;])#([a-z0-9_-]+)/g;

/**
 * Turns what a person types into the text Slack delivers: `&`, `<` and `>` escaped, `@Mate`
 * (any case) and `@name` of a workspace member turned into mentions, and `#name` of a channel
 * into a channel link. Names that match nobody stay as typed, as in Slack.
 */
export function encodeUserText(text: string, workspace: Workspace, options: EncodeOptions): string {
  const { bot } = workspace;
  const botNames = new Set(['mate', bot.name.toLowerCase()]);
  const escaped = escapeEntities(text);
  const withMentions = escaped.replace(mentionPattern, (whole, before: string, name: string) => {
    if (botNames.has(name.toLowerCase())) {
      return `${before}<@${bot.userId}>`;
    }
    const user = workspace.findUser(name) ?? workspace.findUser(name.toLowerCase());
    if (!user || user.deleted || user.isBot) {
      return whole;
    }

    return options.forSlashCommand
      ? `${before}<@${user.id}|${user.name}>`
      : `${before}<@${user.id}>`;
  });

  return withMentions.replace(channelPattern, (whole, before: string, name: string) => {
    const channel = workspace.findChannel(name);
    const isNamedChannel = channel?.kind === 'public' || channel?.kind === 'private';
    if (!channel || channel.isDeleted || !isNamedChannel) {
      return whole;
    }

    return `${before}<#${channel.id}|${channel.name}>`;
  });
}

/** Tests whether Slack message text mentions the user with this id. */
export function mentionsUser(text: string, userId: string): boolean {
  return text.includes(`<@${userId}>`) || text.includes(`<@${userId}|`);
}
