import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, test } from '@jest/globals';
import pg from 'pg';

import {
  DatabaseConnectionError,
  openDatabase,
  poolConfigFor,
} from '../../src/db/database.js';
import { acquireDirectoryLock, DirectoryLockError } from '../../src/db/directory-lock.js';
import { captureLogs, silentLogger } from '../helpers/logs.js';
import { closedPort, startFakePostgres } from '../helpers/fake-postgres.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const onServer = serverUrl ? test : test.skip;

async function connectionError(databaseUrl: string): Promise<DatabaseConnectionError> {
  try {
    const handle = await openDatabase({ databaseUrl, logger: silentLogger() });
    await handle.close();
  } catch (err) {
    return err as DatabaseConnectionError;
  }
  throw new Error(`expected ${databaseUrl} to fail`);
}

const stops: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (stops.length > 0) {
    await (stops.pop() as () => Promise<void>)();
  }
});

describe('connection failures', () => {
  test('refused connection names the fix', async () => {
    const err = await connectionError(`postgres://u@127.0.0.1:${await closedPort()}/db`);

    expect(err).toBeInstanceOf(DatabaseConnectionError);
    expect(err.message).toMatch(/connection was refused/);
    expect(err.message).toMatch(/unset DATABASE_URL/);
  });

  test('missing cleartext password names the fix', async () => {
    const fake = await startFakePostgres({ kind: 'cleartext-password' });
    stops.push(fake.stop);
    const err = await connectionError(fake.url);

    expect(err.message).toMatch(/requires a password and DATABASE_URL has none/);
    expect(err.message).toMatch(/local socket/);
  });

  test('missing scram password names the fix', async () => {
    const fake = await startFakePostgres({ kind: 'sasl' });
    stops.push(fake.stop);
    const err = await connectionError(fake.url);

    expect(err.message).toMatch(/requires a password/);
  });

  test('wrong password named without echoing it', async () => {
    const fake = await startFakePostgres({
      kind: 'error',
      code: '28P01',
      message: 'password authentication failed for user "mate"',
    });
    stops.push(fake.stop);
    const url = fake.url.replace('mate@', 'mate:hunter2@');
    const err = await connectionError(url);

    expect(err.message).toMatch(/rejected the password for user "mate"/);
    expect(err.message).not.toContain('hunter2');
  });

  test('unknown role names pg_hba', async () => {
    const fake = await startFakePostgres({
      kind: 'error',
      code: '28000',
      message: 'role "ghost" does not exist',
    });
    stops.push(fake.stop);
    const err = await connectionError(fake.url);

    expect(err.message).toMatch(/rejected user "mate"/);
    expect(err.message).toMatch(/role "ghost" does not exist/);
  });

  onServer('unknown database names createdb', async () => {
    const url = new URL(serverUrl as string);
    url.pathname = '/mate_no_such_database';
    const err = await connectionError(url.toString());

    expect(err.message).toMatch(/Database "mate_no_such_database" does not exist/);
    expect(err.message).toMatch(/createdb mate_no_such_database/);
  });

  test('unknown host named', async () => {
    const err = await connectionError('postgres://u@no-such-host.invalid:5432/db');

    expect(err.message).toMatch(/host "no-such-host.invalid" was not found/);
  });
});

describe('dropped idle connections', () => {
  test('fake server drop is logged, not fatal', async () => {
    const fake = await startFakePostgres({ kind: 'ok-then-drop', dropAfterMs: 50 });
    stops.push(fake.stop);
    const logs = captureLogs('info');
    const handle = await openDatabase({ databaseUrl: fake.url, logger: logs.logger });
    stops.push(() => handle.close());
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(logs.text()).toMatch(/idle database connection closed by the server/);
  });

  onServer('terminated backend is replaced', async () => {
    const logs = captureLogs('info');
    const handle = await openDatabase({ databaseUrl: serverUrl, logger: logs.logger });
    stops.push(() => handle.close());
    const { rows } = await (
      await import('kysely')
    ).sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db);
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query('select pg_terminate_backend($1)', [rows[0]?.pid]);
    await admin.end();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await (await import('kysely')).sql<{ one: number }>`select 1 as one`.execute(
      handle.db,
    );

    expect(again.rows[0]?.one).toBe(1);
    expect(logs.text()).toMatch(/idle database connection closed by the server/);
  });
});

describe('poolConfigFor', () => {
  test('local host gets no TLS', () => {
    expect(poolConfigFor('postgres://u@127.0.0.1:5432/db').ssl).toBe(false);
    expect(poolConfigFor('postgres://u@localhost/db').ssl).toBe(false);
  });

  test('remote host gets TLS without verification', () => {
    expect(poolConfigFor('postgres://u:p@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d').ssl).toEqual(
      { rejectUnauthorized: false },
    );
  });

  test('sslmode in the URL wins', () => {
    const disabled = poolConfigFor('postgres://u@db.example.com/d?sslmode=disable');
    const verified = poolConfigFor('postgres://u@db.example.com/d?sslmode=verify-full');
    const required = poolConfigFor('postgres://u@127.0.0.1/d?sslmode=require');

    expect(disabled.ssl).toBe(false);
    expect(verified.ssl).toEqual({ rejectUnauthorized: true });
    expect(required.ssl).toEqual({ rejectUnauthorized: false });
    expect(required.connectionString).not.toContain('sslmode');
  });
});

describe('embedded directory lock', () => {
  let dataDir: string;

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('second owner rejected while first holds it', () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'mate-lock-'));
    const lock = acquireDirectoryLock(dataDir);

    expect(() => acquireDirectoryLock(dataDir)).toThrow(DirectoryLockError);
    lock.release();
    expect(() => acquireDirectoryLock(dataDir).release()).not.toThrow();
  });

  test('stale lock of a dead process taken over', () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'mate-lock-'));
    // Process ids near the kernel's limit are not in use on a test machine.
    writeFileSync(path.join(dataDir, 'mate.lock'), '4194303');
    const lock = acquireDirectoryLock(dataDir);

    lock.release();
  });

  test('live owner named in the error', () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'mate-lock-'));
    // The parent of this jest worker is alive for the whole test.
    writeFileSync(path.join(dataDir, 'mate.lock'), String(process.ppid));

    expect(() => acquireDirectoryLock(dataDir)).toThrow(
      new RegExp(`already open in process ${process.ppid}.*MATE_DATA_DIR`),
    );
  });
});
