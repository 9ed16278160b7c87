import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, expect, test } from '@jest/globals';

import { SlackSimulator } from '../../src/simulator/index.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';

// Runs the compiled bot (`npm test` builds it first) as real processes and kills one with
// SIGKILL in the middle of sending a round's group DMs.
const mainJs = path.resolve('dist/src/main.js');
const people = ['alice', 'bob', 'carol', 'dana', 'erin', 'frank', 'gina', 'hugo'];

let sim: SlackSimulator;
let dataDir: string;
let database: TestDatabase;
const children: ChildProcess[] = [];

beforeAll(async () => {
  sim = await SlackSimulator.start({ clock: 'wall' });
  for (const name of people.slice(3)) {
    sim.workspace.addUser({ name });
  }
  sim.workspace.addChannel({ name: 'lunch', botIsMember: true });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'mate-crash-'));
  // On a server the workers get a database of their own; the embedded one lives in dataDir.
  database = await openTestDatabase();
});

afterAll(async () => {
  for (const child of children) {
    child.kill('SIGKILL');
  }
  await sim.stop();
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function startWorker(): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [mainJs], {
    cwd: dataDir,
    env: {
      ...env,
      NODE_OPTIONS: '',
      SLACK_BOT_TOKEN: sim.botToken,
      SLACK_APP_TOKEN: sim.appToken,
      SLACK_API_URL: sim.apiUrl,
      MATE_DATA_DIR: path.join(dataDir, 'db'),
      MATE_WORKER_ID: 'worker.1',
      LOG_LEVEL: 'info',
      ...(database.url ? { DATABASE_URL: database.url } : {}),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  return { child, output: () => output, exited };
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function command(user: string, text: string): Promise<void> {
  const mark = sim.mark();
  const userId = sim.workspace.requireUser(user).id;
  await sim.sendSlashCommand({ user, channel: 'lunch', text, timeoutMs: 10_000 });
  await sim.waitFor((m) => m.source === 'response_url' && m.user === userId, {
    since: mark,
    timeoutMs: 15_000,
  });
}

const introductions = () =>
  sim.messages.filter((m) => m.kind === 'post' && /You're a group/.test(m.text ?? ''));

test('worker killed mid-announcement resumes without repeats', async () => {
  const first = startWorker();
  await until(() => /Mate is running/.test(first.output()), 'the first worker to start');
  await command('alice', 'setup close="weekdays 11:50" tz=Asia/Seoul size=2');
  for (const name of people) {
    await command(name, 'register');
  }

  // From the third introduction on, Slack responds slowly; the worker dies while it waits.
  const postsBefore = sim.callsTo('chat.postMessage').length;
  let slowed = false;
  sim.on('call', (call) => {
    if (!slowed && call.method === 'chat.postMessage' && sim.callsTo('chat.postMessage').length >= postsBefore + 3) {
      slowed = true;
      sim.setLatency('chat.postMessage', 1_000);
    }
  });
  await sim.sendSlashCommand({ user: 'alice', channel: 'lunch', text: 'close', timeoutMs: 10_000 });
  await until(
    () => slowed && sim.callsTo('chat.postMessage').length >= postsBefore + 4,
    'the fourth post to be in flight',
  );
  first.child.kill('SIGKILL');
  await first.exited;
  // The post that was in flight still reaches Slack, as it would after a crash.
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  sim.setLatency('chat.postMessage', 0);
  const beforeRestart = introductions().length;

  const second = startWorker();
  await until(() => introductions().length >= 4, 'the restarted worker to finish', 30_000);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const intros = introductions();

  expect(beforeRestart).toBeGreaterThanOrEqual(1);
  expect(beforeRestart).toBeLessThan(4);
  expect(intros).toHaveLength(4);
  expect(new Set(intros.map((m) => m.channel)).size).toBe(4);
  expect(sim.messages.filter((m) => m.kind === 'post' && /groups:/.test(m.text ?? ''))).toHaveLength(1);
  expect(second.output()).toMatch(/resuming an unfinished slot/);
  second.child.kill('SIGTERM');
  expect(await second.exited).toBe(0);
}, 90_000);
