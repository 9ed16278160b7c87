import { PassThrough } from 'node:stream';

import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import { WebClient } from '@slack/web-api';

import { setUpOfflineWorkspace } from '../../src/offline/default-workspace.js';
import { OfflinePrompt } from '../../src/offline/prompt.js';
import { SlackSimulator } from '../../src/simulator/index.js';
import { silentLogger } from '../helpers/logs.js';

/** Cursor moves and line clears that readline writes in terminal mode. */
const ansiEscape = /\x1b\[[0-9;]*[A-Za-z]/g;

let simulator: SlackSimulator;
let prompt: OfflinePrompt;
const input = new PassThrough();
// readline draws the prompt and edits the line in place only when the output is a terminal.
const output = Object.assign(new PassThrough(), { isTTY: true, columns: 120, rows: 40 });
let screen = '';

output.on('data', (chunk: Buffer) => {
  screen += chunk.toString('utf8');
});

/** Waits until the screen since `since`, without escape codes, contains `pattern`. */
async function waitForScreen(pattern: string | RegExp, since: number): Promise<string> {
  const started = Date.now();
  const matches = (text: string) =>
    typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
  while (!matches(screen.slice(since).replace(ansiEscape, ''))) {
    if (Date.now() - started > 5_000) {
      const shown = screen.slice(since);
      throw new Error(`"${pattern}" not shown within 5 s; the screen shows:\n${shown}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  return screen.slice(since).replace(ansiEscape, '');
}

beforeAll(async () => {
  simulator = await SlackSimulator.start({ clock: 'wall' });
  setUpOfflineWorkspace(simulator.workspace);
  const { workspace } = simulator;
  prompt = new OfflinePrompt({
    simulator,
    command: '/mate',
    input,
    output,
    logger: silentLogger(),
    start: {
      userId: workspace.requireUser('alice').id,
      channelId: workspace.requireChannel('general').id,
    },
  });
  prompt.start(jest.fn());
  await waitForScreen('alice in #general> ', 0);
});

afterAll(async () => {
  prompt?.stop();
  await simulator?.stop();
});

test('bot message keeps typed text', async () => {
  input.write('hel');
  await waitForScreen('alice in #general> hel', 0);
  const since = screen.length;

  const client = new WebClient(simulator.botToken, { slackApiUrl: simulator.apiUrl });
  await client.chat.postMessage({ channel: 'general', text: 'ping from the bot' });
  const shown = await waitForScreen('ping from the bot', since);

  expect(shown).toMatch(/^\[#general\] Mate: ping from the bot\n/m);
  const afterMessage = shown.slice(shown.indexOf('ping from the bot'));
  expect(afterMessage).toContain('alice in #general> hel');
});

test('line finished after message is whole', async () => {
  const general = simulator.workspace.requireChannel('general').id;
  const since = screen.length;
  input.write('lo there\r');
  // No bot is connected in this file, so the simulator stores the message but cannot deliver it.
  await waitForScreen('Error: ', since);

  const texts = simulator.workspace.history(general).map((message) => message.text);
  expect(texts).toContain('hello there');
});

test('delivery failure prints one line', async () => {
  const since = screen.length;
  input.write('@Mate list\r');
  const shown = await waitForScreen(/Error: [^\n]*\n[\s\S]*alice in #general> $/, since);

  const errorLines = shown.split('\n').filter((line) => line.startsWith('Error: '));
  expect(errorLines).toHaveLength(1);
  expect(errorLines[0]).toContain('no Socket Mode connection is open');
});
