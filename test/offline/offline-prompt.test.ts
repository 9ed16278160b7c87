import { PassThrough } from 'node:stream';

import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';

import { createMateApp, type MateApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { type OfflineSession, startOfflineMode } from '../../src/offline/start-offline-mode.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { silentLogger } from '../helpers/logs.js';

/** The prompt that ends each answer, such as `alice in #general> `. */
const promptAtEnd = /\n?[a-z]+ in [^\n]*> $/;

let database: TestDatabase;
let session: OfflineSession;
let mate: MateApp;
const input = new PassThrough();
const output = new PassThrough();
let screen = '';
const onExit = jest.fn();

output.on('data', (chunk: Buffer) => {
  screen += chunk.toString('utf8');
});

async function waitForScreen(
  predicate: (text: string) => boolean,
  since: number,
  timeoutMs = 10_000,
): Promise<string> {
  const started = Date.now();
  while (!predicate(screen.slice(since))) {
    if (Date.now() - started > timeoutMs) {
      const shown = screen.slice(since);
      throw new Error(`screen did not match within ${timeoutMs} ms; it shows:\n${shown}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  return screen.slice(since);
}

/** Types a line and returns what the prompt printed for it, without the next prompt. */
async function type(line: string): Promise<string> {
  const since = screen.length;
  input.write(`${line}\n`);
  const shown = await waitForScreen((text) => promptAtEnd.test(text), since);

  return shown.replace(promptAtEnd, '');
}

/** Returns the prompt line currently shown, such as `bob in #random> `. */
function currentPrompt(): string {
  return screen.slice(screen.lastIndexOf('\n') + 1);
}

beforeAll(async () => {
  database = await openTestDatabase();
  const logger = silentLogger();
  session = await startOfflineMode(loadConfig({}), logger, { input, output });
  mate = createMateApp({
    config: session.config,
    botToken: session.tokens.botToken,
    appToken: session.tokens.appToken,
    db: database.db,
    logger,
    runSchedules: false,
  });
  await mate.start();
  session.startPrompt(onExit);
  await waitForScreen((text) => promptAtEnd.test(text), 0);
});

afterAll(async () => {
  await session?.stop();
  await mate?.stop(5_000);
  await database?.close();
});

describe('offline prompt', () => {
  test('welcome names users and help', () => {
    expect(screen).toContain('alice (admin), bob, carol, dana');
    expect(screen).toContain('#random (no Mate)');
    expect(screen).toContain(':help');
    expect(currentPrompt()).toBe('alice in #general> ');
  });

  test('session config points at simulator', () => {
    expect(session.config.slackApiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    expect(session.tokens.botToken).toMatch(/^xoxb-/);
    expect(session.tokens.appToken).toMatch(/^xapp-/);
  });

  test('slash command registers alice', async () => {
    const shown = await type('/mate register');

    expect(shown).toMatch(/^\[#general\] Mate \(only you\): .*register/im);
  });

  test(':as switches user', async () => {
    const shown = await type(':as bob');

    expect(shown).toContain('You are now bob, in #general.');
    expect(currentPrompt()).toBe('bob in #general> ');
  });

  test('mention registers bob in channel', async () => {
    const shown = await type('@Mate register');

    // A mention gets a reply everyone in the channel sees, not an ephemeral one.
    expect(shown).toMatch(/^\[#general\] Mate: .*register/im);
    expect(shown).not.toContain('only you');
  });

  test('/mate list shows both', async () => {
    const shown = await type('/mate list');

    expect(shown).toMatch(/^\[#general\] Mate \(only you\):/m);
    expect(shown).toMatch(/alice/i);
    expect(shown).toMatch(/bob/i);
    expect(shown).not.toMatch(/<@U/);
  });

  test('mention in #random gets nothing', async () => {
    expect(await type(':in #random')).toContain('You are now in #random.');

    const since = screen.length;
    const shown = await type('@Mate list');
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(shown).toContain('Mate is not in #random');
    expect(screen.slice(since)).not.toContain('] Mate');
  });

  test('slash command in #random answers', async () => {
    const shown = await type('/mate list');

    expect(shown).toMatch(/^\[#random\] Mate \(only you\):/m);
  });

  test('unknown prompt command named', async () => {
    const shown = await type(':foo');

    expect(shown).toContain('":foo"');
    expect(shown).toContain(':help');
    expect(currentPrompt()).toBe('bob in #random> ');
  });

  test('unknown user named', async () => {
    const shown = await type(':as zed');

    expect(shown).toContain('User "zed" not found');
    expect(shown).toContain('alice, bob, carol, dana');
  });

  test('other slash command explained', async () => {
    const shown = await type('/invite @Mate');

    expect(shown).toContain('/invite is not a command');
  });

  test('line in DM is a command', async () => {
    expect(await type(':dm')).toContain('DM with Mate');
    expect(currentPrompt()).toBe('bob in DM> ');

    const shown = await type('help');

    expect(shown).toMatch(/^\[DM\] Mate: /m);
    expect(shown).toContain('/mate register');
  });

  test('plain channel message ignored', async () => {
    await type(':in #general');
    const since = screen.length;
    const shown = await type('good morning');
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(shown).toContain('Posted.');
    expect(screen.slice(since)).not.toContain('] Mate');
  });

  test('setup form explained offline', async () => {
    await type(':as alice');
    await type(':in #lunch');
    const shown = await type('/mate setup');

    expect(shown).toContain('opened a form');
    expect(shown).toContain('/mate setup close="weekdays 11:50" tz=Asia/Seoul size=2');
  });

  test('one-line setup posts round', async () => {
    const shown = await type('/mate setup close="weekdays 11:50" tz=Asia/Seoul size=2');

    expect(shown).toMatch(/^\[#lunch\] Mate: /m);
    expect(shown).toContain('[Join] [Leave]');
    // The close time is a Slack date token; its fallback text is what shows.
    expect(shown).not.toContain('<!date');
  });

  test(':join clicks round button', async () => {
    await type(':as carol');
    const shown = await type(':join');

    expect(shown).toMatch(/^\[#lunch\] Mate \(updated\): /m);
    expect(shown).toMatch(/^\[#lunch\] Mate \(only you\): /m);
  });

  test(':join without round post', async () => {
    await type(':in #general');
    const shown = await type(':join');

    expect(shown).toContain('No round post with Join and Leave buttons in #general');
  });

  test(':quit calls onExit once', async () => {
    const since = screen.length;
    input.write(':quit\n');
    await waitForScreen((text) => text.includes('Leaving offline mode.'), since);

    expect(onExit).toHaveBeenCalledTimes(1);
  });
});
