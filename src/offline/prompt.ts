import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';

import type { Logger } from '../logger.js';
import type { RecordedCall, SimulatorMessage, SlackSimulator } from '../simulator/index.js';
import { formatBotMessage } from './format-message.js';
import { encodeUserText, mentionsUser, parseLine } from './parse-line.js';
import {
  currentPlace,
  findRoundPost,
  listChannels,
  listUsers,
  printHelp,
  type PromptContext,
  type PromptPosition,
  roundActionId,
  switchChannel,
  switchToDirectMessage,
  switchUser,
  welcomeLines,
} from './prompt-commands.js';
import { offlineText } from './text.js';

export interface OfflinePromptOptions {
  simulator: SlackSimulator;
  /** The bot's slash command, with its slash. */
  command: string;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  logger: Logger;
  /** The user and conversation the prompt starts in. */
  start: PromptPosition;
  /** How long to wait for the bot's first reply before showing the prompt again. */
  replyTimeoutMs?: number;
  /** How long the bot must stay quiet after a reply before the prompt is shown again. */
  quietMs?: number;
}

const defaultReplyTimeoutMs = 4000;
const defaultQuietMs = 250;

/** Prompt commands, by the word after ':'. */
const promptCommands = new Set([
  'help',
  'as',
  'in',
  'dm',
  'users',
  'channels',
  'join',
  'leave',
  'quit',
]);

/** Other spellings people type out of habit from other tools. */
const promptAliases = new Map([
  ['h', 'help'],
  ['?', 'help'],
  ['q', 'quit'],
  ['exit', 'quit'],
]);

/**
 * A chat prompt on a terminal in which the person plays Slack users against the simulator:
 * each line becomes a slash command, a message or a button click, and everything the bot
 * sends is printed as it arrives. Lines are handled one at a time, in the order typed.
 */
export class OfflinePrompt implements PromptContext {
  readonly simulator: SlackSimulator;
  readonly command: string;
  position: PromptPosition;
  readonly #input: NodeJS.ReadableStream;
  readonly #output: NodeJS.WritableStream;
  readonly #logger: Logger;
  readonly #replyTimeoutMs: number;
  readonly #quietMs: number;
  #readline: Interface | undefined;
  #queue: Promise<void> = Promise.resolve();
  #promptShown = false;
  #inputClosed = false;
  #stopped = false;
  #plainHintShown = false;
  /** Number of bot messages and forms shown so far, which reply waits compare against. */
  #botOutputs = 0;
  readonly #outputListeners = new Set<() => void>();
  readonly #cleanups: (() => void)[] = [];

  constructor(options: OfflinePromptOptions) {
    this.simulator = options.simulator;
    this.command = options.command;
    this.position = options.start;
    this.#input = options.input;
    this.#output = options.output;
    this.#logger = options.logger;
    this.#replyTimeoutMs = options.replyTimeoutMs ?? defaultReplyTimeoutMs;
    this.#quietMs = options.quietMs ?? defaultQuietMs;
  }

  /** Prints the welcome, shows the prompt and calls `onExit` once the person quits. */
  start(onExit: () => void): void {
    if (this.#readline || this.#stopped) {
      return;
    }
    const readline = createInterface({
      input: this.#input,
      output: this.#output,
      terminal: Boolean((this.#output as { isTTY?: boolean }).isTTY),
      completer: (line: string) => this.#complete(line),
    });
    this.#readline = readline;
    this.#cleanups.push(this.simulator.onMessage((message) => this.#showBotMessage(message)));
    const onCall = (call: RecordedCall) => this.#showFormCall(call);
    this.simulator.on('call', onCall);
    this.#cleanups.push(() => this.simulator.off('call', onCall));

    readline.on('line', (line) => {
      this.#promptShown = false;
      this.#enqueue(() => this.#handleLine(line));
    });
    // In a terminal readline takes Ctrl-C itself, so it quits here as it would anywhere else.
    readline.on('SIGINT', () => readline.close());
    readline.on('close', () => {
      // Ctrl-D and Ctrl-C leave the cursor on the prompt line, after anything typed there.
      const endLine = this.#promptShown ? '\n' : '';
      this.#inputClosed = true;
      this.#promptShown = false;
      this.#enqueue(async () => {
        if (!this.#stopped) {
          this.#output.write(endLine);
          this.#writeLines([offlineText.goodbye]);
          onExit();
        }
      });
    });

    this.#writeLines(welcomeLines(this));
    this.#showPrompt();
  }

  /** Closes the prompt without calling `onExit`, and stops printing bot messages. */
  stop(): void {
    if (this.#stopped) {
      return;
    }
    this.#stopped = true;
    for (const cleanup of this.#cleanups.splice(0)) {
      cleanup();
    }
    for (const listener of [...this.#outputListeners]) {
      listener();
    }
    this.#readline?.close();
  }

  /** Prints lines above the prompt, keeping what the person has typed so far. */
  print(...lines: string[]): void {
    if (this.#stopped) {
      return;
    }
    const readline = this.#readline;
    if (!this.#promptShown || !readline) {
      this.#writeLines(lines);

      return;
    }
    if (readline.terminal) {
      clearLine(this.#output, 0);
      cursorTo(this.#output, 0);
      this.#writeLines(lines);
      readline.prompt(true);

      return;
    }
    this.#output.write('\n');
    this.#writeLines(lines);
    readline.prompt();
  }

  #writeLines(lines: readonly string[]): void {
    this.#output.write(lines.map((line) => `${line}\n`).join(''));
  }

  #showPrompt(): void {
    const readline = this.#readline;
    if (!readline || this.#inputClosed || this.#stopped) {
      return;
    }
    const user = this.simulator.workspace.findUser(this.position.userId)?.name ?? '?';
    readline.setPrompt(offlineText.prompt(user, currentPlace(this)));
    readline.prompt();
    this.#promptShown = true;
  }

  #enqueue(task: () => Promise<void>): void {
    this.#queue = this.#queue.then(task).catch((err: unknown) => {
      // #handleLine catches what a line can throw, so this catch only keeps a bug from ending
      // the prompt.
      this.#logger.error({ err }, 'offline prompt task failed');
    });
  }

  #showBotMessage(message: SimulatorMessage): void {
    this.print(formatBotMessage(message, this.simulator.workspace, this.position.userId));
    this.#noteBotOutput();
  }

  #showFormCall(call: RecordedCall): void {
    if (call.method !== 'views.open') {
      return;
    }
    if (call.error !== undefined || call.status !== 200) {
      this.print(offlineText.formRejected(call.error ?? `HTTP ${call.status}`));
    } else {
      this.print(...offlineText.formOpened(viewTitle(call.args['view']), this.command));
    }
    this.#noteBotOutput();
  }

  #noteBotOutput(): void {
    this.#botOutputs += 1;
    for (const listener of [...this.#outputListeners]) {
      listener();
    }
  }

  async #handleLine(line: string): Promise<void> {
    if (this.#stopped) {
      return;
    }
    // Lines typed ahead wait in the queue, so the prompt on screen belongs to an earlier line.
    this.#promptShown = false;
    try {
      await this.#dispatch(line);
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      this.#logger.info({ err, user: this.position.userId }, 'offline prompt line failed');
      this.print(offlineText.failed(detail));
    }
    this.#showPrompt();
  }

  async #dispatch(line: string): Promise<void> {
    const intent = parseLine(line, this.command);
    switch (intent.kind) {
      case 'empty':
        return;
      case 'prompt':
        await this.#runPromptCommand(intent.word, intent.argument);
        return;
      case 'other-slash':
        this.print(offlineText.otherSlashCommand(intent.word, this.command));
        return;
      case 'slash':
        await this.#sendSlashCommand(intent.text);
        return;
      case 'message':
        await this.#sendMessage(intent.text);
        return;
    }
  }

  async #runPromptCommand(typed: string, argument: string): Promise<void> {
    const word = promptAliases.get(typed) ?? typed;
    if (!promptCommands.has(word)) {
      this.print(offlineText.unknownPromptCommand(typed));

      return;
    }
    switch (word) {
      case 'help':
        printHelp(this);
        return;
      case 'as':
        switchUser(this, argument);
        return;
      case 'in':
        switchChannel(this, argument);
        return;
      case 'dm':
        switchToDirectMessage(this);
        return;
      case 'users':
        listUsers(this);
        return;
      case 'channels':
        listChannels(this);
        return;
      case 'join':
      case 'leave':
        await this.#clickRoundButton(word === 'join');
        return;
      case 'quit':
        this.#readline?.close();
        return;
    }
  }

  async #sendSlashCommand(text: string): Promise<void> {
    const { workspace } = this.simulator;
    const since = this.#botOutputs;
    await this.simulator.sendSlashCommand({
      user: this.position.userId,
      channel: this.position.channelId,
      command: this.command,
      text: encodeUserText(text, workspace, { forSlashCommand: true }),
    });
    await this.#waitForReplies(since);
  }

  async #sendMessage(typed: string): Promise<void> {
    const { workspace } = this.simulator;
    const { userId, channelId } = this.position;
    const channel = workspace.requireChannel(channelId);
    if (!channel.members.has(userId)) {
      this.print(offlineText.notAMember(workspace.requireUser(userId).name, currentPlace(this)));

      return;
    }
    const text = encodeUserText(typed, workspace, { forSlashCommand: false });
    const isDirect = channel.kind === 'im';
    const forBot = isDirect || mentionsUser(text, workspace.bot.userId);
    const since = this.#botOutputs;
    const result = await this.simulator.sendMessage({ user: userId, channel: channelId, text });
    if (!forBot) {
      if (!this.#plainHintShown) {
        this.#plainHintShown = true;
        this.print(offlineText.plainMessageHint(this.command));
      }

      return;
    }
    if (result.deliveries.length === 0) {
      this.print(offlineText.botNotInChannel(channel.name, this.command));

      return;
    }
    await this.#waitForReplies(since);
  }

  async #clickRoundButton(join: boolean): Promise<void> {
    const post = findRoundPost(this, join);
    if (!post) {
      this.print(offlineText.noRoundPost(currentPlace(this), this.command));

      return;
    }
    const since = this.#botOutputs;
    await this.simulator.sendBlockAction({
      user: this.position.userId,
      actionId: roundActionId(join),
      channel: this.position.channelId,
      messageTs: post.ts,
    });
    await this.#waitForReplies(since);
  }

  /**
   * Waits until the bot has shown something since `since` and then stayed quiet for a moment,
   * so its replies print before the next prompt. Gives up after the reply timeout, and prints
   * later replies as they come.
   */
  #waitForReplies(since: number): Promise<void> {
    return new Promise((resolve) => {
      let quietTimer: NodeJS.Timeout | undefined;
      const finish = (answered: boolean): void => {
        clearTimeout(deadline);
        clearTimeout(quietTimer);
        this.#outputListeners.delete(onOutput);
        if (!answered && !this.#stopped) {
          this.print(offlineText.noAnswer(this.#replyTimeoutMs));
        }
        resolve();
      };
      const onOutput = (): void => {
        if (this.#stopped) {
          finish(true);

          return;
        }
        if (this.#botOutputs > since) {
          clearTimeout(deadline);
          clearTimeout(quietTimer);
          quietTimer = setTimeout(() => finish(true), this.#quietMs);
        }
      };
      const deadline = setTimeout(() => finish(false), this.#replyTimeoutMs);
      this.#outputListeners.add(onOutput);
      onOutput();
    });
  }

  #complete(line: string): [string[], string] {
    const { workspace } = this.simulator;
    const word = /\S*$/.exec(line)?.[0] ?? '';
    const candidates = [
      ...[...promptCommands].map((command) => `:${command}`),
      this.command,
      '@Mate',
      ...workspace.humans.map((user) => user.name),
      ...workspace.humans.map((user) => `@${user.name}`),
      ...workspace.channels
        .filter((channel) => channel.kind === 'public' || channel.kind === 'private')
        .map((channel) => `#${channel.name}`),
    ];
    const hits = candidates.filter((candidate) => candidate.startsWith(word));

    return [hits, word];
  }
}

/** Reads a modal's title from views.open arguments, where the view arrives as JSON text. */
function viewTitle(view: unknown): string | undefined {
  let parsed: unknown = view;
  if (typeof view === 'string') {
    try {
      parsed = JSON.parse(view);
    } catch {
      return undefined;
    }
  }
  const title = (parsed as { title?: { text?: unknown } } | undefined)?.title?.text;

  return typeof title === 'string' ? title : undefined;
}
