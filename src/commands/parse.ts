import type { Language } from '../config.js';
import { unescapeText } from '../text/format.js';

export type CommandName =
  | 'register'
  | 'unregister'
  | 'list'
  | 'skip'
  | 'help'
  | 'setup'
  | 'config'
  | 'open'
  | 'close'
  | 'pause'
  | 'resume'
  | 'organisers'
  | 'schedule';

/** Commands that change a channel's rounds or posts, which only organisers may use. */
export const organiserCommands: ReadonlySet<CommandName> = new Set([
  'setup',
  'open',
  'close',
  'pause',
  'resume',
]);

/** Commands that take no arguments, because they only act on the person who types them. */
export const selfCommands: ReadonlySet<CommandName> = new Set([
  'register',
  'unregister',
  'list',
  'skip',
]);

/** The command that a line of user text requests. */
export type ParsedCommand =
  | {
      kind: 'command';
      name: CommandName;
      /** The word as typed (normalised), used when a reply quotes it. */
      word: string;
      /** The rest of the line after the command word, trimmed; empty when there is none. */
      rest: string;
      /** The language of the word, when the word alone determines it. */
      language: Language | undefined;
    }
  | { kind: 'empty' }
  | { kind: 'unknown'; word: string; language: Language | undefined };

interface Alias {
  name: CommandName;
  language?: Language;
}

const aliases: ReadonlyMap<string, Alias> = new Map<string, Alias>([
  ['register', { name: 'register' }],
  ['join', { name: 'register' }],
  ['등록', { name: 'register', language: 'ko' }],
  ['unregister', { name: 'unregister' }],
  ['leave', { name: 'unregister' }],
  ['취소', { name: 'unregister', language: 'ko' }],
  ['list', { name: 'list' }],
  ['listup', { name: 'list' }],
  ['ls', { name: 'list' }],
  ['목록', { name: 'list', language: 'ko' }],
  ['skip', { name: 'skip' }],
  ['건너뛰기', { name: 'skip', language: 'ko' }],
  ['help', { name: 'help' }],
  ['도움말', { name: 'help', language: 'ko' }],
  ['setup', { name: 'setup' }],
  ['configure', { name: 'setup' }],
  ['설정', { name: 'setup', language: 'ko' }],
  ['config', { name: 'config' }],
  ['show', { name: 'config' }],
  ['settings', { name: 'config' }],
  ['설정보기', { name: 'config', language: 'ko' }],
  ['open', { name: 'open' }],
  ['열기', { name: 'open', language: 'ko' }],
  ['close', { name: 'close' }],
  ['draw', { name: 'close' }],
  ['마감', { name: 'close', language: 'ko' }],
  ['pause', { name: 'pause' }],
  ['일시정지', { name: 'pause', language: 'ko' }],
  ['resume', { name: 'resume' }],
  ['재개', { name: 'resume', language: 'ko' }],
  ['organisers', { name: 'organisers' }],
  ['organizers', { name: 'organisers' }],
  ['운영자', { name: 'organisers', language: 'ko' }],
  ['schedule', { name: 'schedule' }],
  ['예약', { name: 'schedule', language: 'ko' }],
]);

/** Characters that render as nothing but would stop a word from matching. */
const invisible = /[\u200B-\u200D\u2060\uFEFF]/g;

const hangul = /[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7AF]/;

/**
 * Removes leading mentions of the bot (`<@U123>` or `<@U123|name>`) from message text, so
 * "@Mate register" and "/mate register" parse alike. Other mentions stay, because they are
 * part of what the user typed.
 */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  if (!botUserId) {
    return text;
  }
  const mention = new RegExp(`^\\s*<@${botUserId}(\\|[^>]*)?>[\\s,:]*`);
  let result = text;
  while (mention.test(result)) {
    result = result.replace(mention, '');
  }

  return result;
}

/**
 * Parses the text after the slash command or the bot mention. Undoes Slack's `&amp;` escaping,
 * normalises Unicode (NFKC, so full-width letters match), drops invisible characters, ignores
 * case and a leading "/" or "!" that people sometimes type out of habit.
 */
export function parseCommand(text: string): ParsedCommand {
  const normalised = unescapeText(text).normalize('NFKC').replace(invisible, '').trim();
  if (normalised === '') {
    return { kind: 'empty' };
  }
  const match = /^(\S+)\s*([\s\S]*)$/.exec(normalised) as RegExpExecArray;
  const word = (match[1] as string).replace(/^[/!]+(?=\S)/, '');
  const rest = (match[2] as string).trim();
  const alias = aliases.get(word.toLowerCase());
  const language: Language | undefined = hangul.test(word) ? 'ko' : undefined;
  if (!alias) {
    return { kind: 'unknown', word, language };
  }

  return {
    kind: 'command',
    name: alias.name,
    word: word.toLowerCase(),
    rest,
    language: alias.language ?? language,
  };
}
