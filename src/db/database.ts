import { mkdirSync } from 'node:fs';

import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

import type { Logger } from '../logger.js';
import { redactUrl } from '../logger.js';
import { describeConnectionError } from './connection-errors.js';
import { acquireDirectoryLock, type DirectoryLock } from './directory-lock.js';
import type { Database } from './schema.js';

export type DatabaseKind = 'postgres' | 'embedded';

/** An open database: the query builder and the one call that releases everything. */
export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseKind;
  /** A gzipped copy of the embedded database's files; undefined on a Postgres server. */
  readonly dumpDataDir: (() => Promise<Blob>) | undefined;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A Postgres URL; without one the embedded database is used. */
  databaseUrl?: string | undefined;
  /** Folder for the embedded database, or undefined for one kept only in memory. */
  dataDir?: string | undefined;
  /** A dump from PGlite's dumpDataDir() to start the in-memory database from. */
  loadDataDir?: Blob | File | undefined;
  logger: Logger;
  /** Pool size for a Postgres server. The embedded database always uses one connection. */
  poolSize?: number;
}

/** The server refused or could not be reached; the message names the cause and the fix. */
export class DatabaseConnectionError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DatabaseConnectionError';
  }
}

const localHosts = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '']);

/**
 * Chooses TLS settings for a connection string. Heroku Postgres requires TLS but presents a
 * certificate that does not verify against public roots, so remote hosts get TLS without
 * verification unless the URL sets sslmode. Local hosts and sockets get no TLS.
 */
export function poolConfigFor(databaseUrl: string): pg.PoolConfig {
  const url = new URL(databaseUrl);
  const sslMode = url.searchParams.get('sslmode') ?? process.env.PGSSLMODE;
  // pg would read sslmode itself and treat "require" as full verification.
  url.searchParams.delete('sslmode');
  const connectionString = url.toString();
  const socketHost = url.searchParams.get('host')?.startsWith('/') ?? false;
  const local = localHosts.has(url.hostname) || socketHost;

  if (sslMode === 'disable' || (local && sslMode === undefined)) {
    return { connectionString, ssl: false };
  }
  if (sslMode === 'verify-full' || sslMode === 'verify-ca') {
    return { connectionString, ssl: { rejectUnauthorized: true } };
  }
  if (sslMode === 'prefer' || sslMode === 'allow') {
    // pg has no "try TLS, fall back to plain" mode, so these behave like the local default.
    return { connectionString, ssl: local ? false : { rejectUnauthorized: false } };
  }

  return { connectionString, ssl: { rejectUnauthorized: false } };
}

function createKysely(pool: pg.Pool, logger: Logger): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log(event) {
      if (event.level === 'error') {
        // The SQL text is safe to log; parameters may hold user input, so they stay out.
        logger.debug(
          { err: event.error, sql: event.query.sql, ms: event.queryDurationMillis },
          'query failed',
        );
      }
    },
  });
}

async function openPostgres(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const databaseUrl = options.databaseUrl as string;
  const logger = options.logger.child({ db: 'postgres' });
  const pool = new pg.Pool({
    ...poolConfigFor(databaseUrl),
    max: options.poolSize ?? 5,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client whose connection the server drops emits 'error' on the pool. Without a
  // listener, Node treats that as an uncaught exception and ends the process.
  pool.on('error', (err) => {
    logger.warn({ err }, 'idle database connection closed by the server; the pool will reconnect');
  });

  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new DatabaseConnectionError(describeConnectionError(err, databaseUrl), { cause: err });
  }
  logger.info({ url: redactUrl(databaseUrl) }, 'connected to postgres');

  return {
    db: createKysely(pool, logger),
    kind: 'postgres',
    dumpDataDir: undefined,
    async close() {
      await pool.end();
    },
  };
}

async function openEmbedded(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const logger = options.logger.child({ db: 'embedded' });
  let lock: DirectoryLock | undefined;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    lock = acquireDirectoryLock(options.dataDir);
  }

  let pglite: PGlite;
  try {
    const started = Date.now();
    pglite = await PGlite.create(options.dataDir ?? 'memory://', {
      loadDataDir: options.loadDataDir,
    });
    logger.info(
      { dataDir: options.dataDir ?? 'memory', ms: Date.now() - started },
      'opened embedded database',
    );
  } catch (err) {
    lock?.release();
    throw err;
  }

  // PGlite serves one connection at a time; a larger pool fails with "unexpected parseComplete".
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  pool.on('error', (err) => {
    logger.warn({ err }, 'embedded database connection error');
  });

  return {
    db: createKysely(pool, logger),
    kind: 'embedded',
    dumpDataDir: () => pglite.dumpDataDir('gzip'),
    async close() {
      try {
        await pool.end();
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/**
 * Opens the database the configuration names: the Postgres server at `databaseUrl`, or the
 * embedded PGlite database in `dataDir`. Throws DatabaseConnectionError with a one-line cause
 * and fix when a server refuses the connection, and DirectoryLockError when another process
 * already has the embedded database open.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    return openPostgres(options);
  }

  return openEmbedded(options);
}
