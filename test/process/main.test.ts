import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';

import { SlackSimulator } from '../../src/simulator/index.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { closedPort } from '../helpers/fake-postgres.js';

// These tests run the compiled bot (`npm run build`, which `npm test` does first) as a real
// process, the way Heroku runs the worker.
const mainJs = path.resolve('dist/src/main.js');

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string | undefined>): Run {
  const base: Record<string, string | undefined> = { ...process.env };
  for (const name of ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'DATABASE_URL', 'SLACK_API_URL', 'LOG_LEVEL', 'MATE_DATA_DIR']) {
    delete base[name];
  }
  // Without this the child reads the developer's .env, which tests must not depend on.
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'mate-cwd-'));
  const child = spawn(process.execPath, [mainJs], {
    cwd,
    env: { ...base, NODE_OPTIONS: '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      rmSync(cwd, { recursive: true, force: true });
      resolve(code);
    });
  });

  return { child, stdout: () => out, stderr: () => err, exited };
}

async function waitForOutput(run: Run, pattern: RegExp, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(run.stdout()) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!pattern.test(run.stdout())) {
    throw new Error(`no ${pattern} in output:\n${run.stdout()}\n${run.stderr()}`);
  }
}

const runs: Run[] = [];

afterEach(async () => {
  for (const run of runs.splice(0)) {
    if (run.child.exitCode === null) {
      run.child.kill('SIGKILL');
      await run.exited;
    }
  }
});

describe('start-up errors', () => {
  test('missing tokens give one line and exit 1', async () => {
    const run = start({});
    runs.push(run);

    expect(await run.exited).toBe(1);
    expect(run.stderr().trim().split('\n')).toHaveLength(1);
    expect(run.stderr()).toMatch(/^mate: SLACK_BOT_TOKEN is not set\. .*OAuth & Permissions/);
  });

  test('malformed app token named', async () => {
    const run = start({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-oops-secret' });
    runs.push(run);

    expect(await run.exited).toBe(1);
    expect(run.stderr()).toMatch(/^mate: SLACK_APP_TOKEN is malformed/);
    expect(run.stderr()).not.toContain('secret');
    expect(run.stderr()).not.toMatch(/\n\s+at /);
  });

  test('refused database gives one line', async () => {
    const run = start({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      DATABASE_URL: `postgres://mate@127.0.0.1:${await closedPort()}/mate`,
    });
    runs.push(run);

    expect(await run.exited).toBe(1);
    expect(run.stderr()).toMatch(/^mate: Could not connect to Postgres at 127\.0\.0\.1:\d+: the connection was refused/);
    expect(run.stderr().trim().split('\n')).toHaveLength(1);
  });
});

describe('migrate script', () => {
  test('applies migrations once, then reports up to date', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mate-migrate-'));
    const migrate = (databaseUrl?: string) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const env: Record<string, string | undefined> = { ...process.env, NODE_OPTIONS: '' };
        delete env.DATABASE_URL;
        const child = spawn(process.execPath, [path.resolve('dist/scripts/migrate.js')], {
          cwd: dataDir,
          env: { ...env, MATE_DATA_DIR: path.join(dataDir, 'db'), LOG_LEVEL: 'warn', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
        });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
        });
        child.on('exit', (code) => resolve({ code, out }));
      });
    try {
      // On a server, a fresh database from the helper is already migrated, so only the embedded
      // database shows the first run applying them.
      const target = process.env.TEST_DATABASE_URL ? await openTestDatabase() : undefined;
      const first = await migrate(target?.url);
      const second = await migrate(target?.url);
      await target?.close();

      expect(first.code).toBe(0);
      expect(second.code).toBe(0);
      if (!target) {
        expect(first.out).toMatch(/applied 2 migration\(s\): 2026-12-04-001-sign-up-lists, 2026-12-04-002-rounds/);
      }
      expect(second.out).toMatch(/mate: database is up to date/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('running worker', () => {
  let sim: SlackSimulator;
  let dataDir: string;
  let database: TestDatabase;

  beforeAll(async () => {
    sim = await SlackSimulator.start();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'mate-data-'));
    // On a server the worker gets a database of its own; the embedded one lives in dataDir.
    database = await openTestDatabase();
  });

  afterAll(async () => {
    await sim.stop();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function env() {
    return {
      SLACK_BOT_TOKEN: sim.botToken,
      SLACK_APP_TOKEN: sim.appToken,
      SLACK_API_URL: sim.apiUrl,
      MATE_DATA_DIR: dataDir,
      ...(database.url ? { DATABASE_URL: database.url } : {}),
    };
  }

  test('rejected bot token gives one line', async () => {
    const run = start({ ...env(), SLACK_BOT_TOKEN: 'xoxb-your-bot-token' });
    runs.push(run);

    expect(await run.exited).toBe(1);
    expect(run.stderr()).toMatch(/^mate: Slack rejected SLACK_BOT_TOKEN \(invalid_auth\)\. Copy the Bot User OAuth Token/);
    expect(run.stderr().trim().split('\n')).toHaveLength(1);
  }, 30_000);

  test('rejected app token gives one line', async () => {
    const run = start({ ...env(), SLACK_APP_TOKEN: 'xapp-your-app-token' });
    runs.push(run);

    expect(await run.exited).toBe(1);
    expect(run.stderr()).toMatch(/^mate: Slack rejected SLACK_APP_TOKEN \(invalid_auth\)\. Create an app-level token/);
    expect(run.stderr().trim().split('\n')).toHaveLength(1);
  }, 30_000);

  test('unreachable Slack gives one line', async () => {
    const apiUrl = `http://127.0.0.1:${await closedPort()}/api/`;
    const run = start({ ...env(), SLACK_API_URL: apiUrl });
    runs.push(run);

    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain(`mate: Could not reach Slack at ${apiUrl}`);
    expect(run.stderr().trim().split('\n')).toHaveLength(1);
  }, 30_000);

  test('serves commands and stops cleanly on SIGTERM', async () => {
    const run = start(env());
    runs.push(run);
    await waitForOutput(run, /Mate is running/);
    const mark = sim.mark();
    await sim.sendSlashCommand({ user: 'alice', channel: 'general', text: 'register', timeoutMs: 10_000 });
    const reply = await sim.waitFor((m) => m.source === 'response_url', { since: mark });

    expect(reply.text).toMatch(/registered/);
    const stopping = Date.now();
    run.child.kill('SIGTERM');

    expect(await run.exited).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(10_000);
    expect(run.stdout()).toMatch(/"msg":"stopped"/);
    expect(run.stdout()).not.toContain(sim.botToken);
    expect(run.stdout()).not.toContain(sim.appToken);
  }, 60_000);

  const embeddedOnly = process.env.TEST_DATABASE_URL ? test.skip : test;


  embeddedOnly('second process on the same data folder is refused', async () => {
    const first = start(env());
    runs.push(first);
    await waitForOutput(first, /Mate is running/);
    const second = start(env());
    runs.push(second);

    expect(await second.exited).toBe(1);
    expect(second.stderr()).toMatch(/^mate: The embedded database in .* is already open in process \d+/);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  }, 60_000);
});
