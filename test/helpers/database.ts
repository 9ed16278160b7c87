import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';

import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { Logger } from '../../src/logger.js';
import { silentLogger } from './logs.js';

/** Which database the suite runs on: the embedded one, or the server in TEST_DATABASE_URL. */
export const testDatabaseKind = process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded';

export interface TestDatabase extends DatabaseHandle {
  /** A connection string for the same database, or undefined for the embedded one. */
  readonly url: string | undefined;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;

  return url.toString();
}

async function createServerDatabase(serverUrl: string): Promise<string> {
  const name = `mate_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }

  return name;
}

async function dropServerDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

const migrationsDir = path.resolve('db/migrations');

/**
 * Returns a gzipped dump of a migrated embedded database, building it on first use. The file
 * name carries a hash of the migration sources, so a changed migration builds a new one. Loading
 * a dump takes about 0.4 s, against about 3 s for initdb and the migrations.
 */
async function migratedTemplate(logger: Logger): Promise<Blob> {
  const hash = createHash('sha256');
  for (const file of (await readdir(migrationsDir)).sort()) {
    hash.update(file).update(await readFile(path.join(migrationsDir, file)));
  }
  const templatePath = path.join(
    os.tmpdir(),
    `mate-test-template-${hash.digest('hex').slice(0, 16)}.tar.gz`,
  );
  try {
    return new Blob([await readFile(templatePath)]);
  } catch {
    // Not built yet: build it below.
  }
  const handle = await openDatabase({ logger });
  try {
    await migrateToLatest(handle.db, logger);
    const dump = await (handle.dumpDataDir as () => Promise<Blob>)();
    // Two jest workers may build it at once; the rename makes each write whole.
    const partial = `${templatePath}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, templatePath);

    return dump;
  } finally {
    await handle.close();
  }
}

/**
 * Opens a fresh, migrated database for one test file. On a server it creates a database with a
 * unique name and drops it on close, so parallel jest workers never share rows. The embedded
 * one starts in memory from the migrated template.
 */
export async function openTestDatabase(logger: Logger = silentLogger()): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = await createServerDatabase(serverUrl);
    const url = withDatabase(serverUrl, name);
    const handle = await openDatabase({ databaseUrl: url, logger });
    await migrateToLatest(handle.db, logger);

    return {
      ...handle,
      url,
      async close() {
        await handle.close();
        await dropServerDatabase(serverUrl, name);
      },
    };
  }

  const handle = await openDatabase({ logger, loadDataDir: await migratedTemplate(logger) });

  return { ...handle, url: undefined };
}
