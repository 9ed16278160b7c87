// Applies pending migrations and exits: the Heroku release phase runs this before new workers
// start. Prints one line per migration and exits 1 when one fails.
import { ConfigError, loadConfig, loadDotEnv } from '../src/config.js';
import { DatabaseConnectionError, openDatabase } from '../src/db/database.js';
import { DirectoryLockError } from '../src/db/directory-lock.js';
import { MigrationError, migrateToLatest } from '../src/db/migrate.js';
import { createLogger } from '../src/logger.js';

async function main(): Promise<number> {
  loadDotEnv();
  const config = loadConfig(process.env, Boolean(process.stdout.isTTY));
  const logger = createLogger(config);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    logger,
  });
  try {
    const applied = await migrateToLatest(database.db, logger);
    console.log(
      applied.length === 0
        ? 'mate: database is up to date'
        : `mate: applied ${applied.length} migration(s): ${applied.join(', ')}`,
    );

    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const known =
      err instanceof ConfigError ||
      err instanceof DatabaseConnectionError ||
      err instanceof DirectoryLockError ||
      err instanceof MigrationError;
    console.error(known ? `mate: ${(err as Error).message}` : err);
    process.exit(1);
  },
);
