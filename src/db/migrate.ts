import { type Kysely, type MigrationResultSet, Migrator } from 'kysely';

import { migrations } from '../../db/migrations/index.js';
import type { Logger } from '../logger.js';

/** A migration failed; `results` lists what ran before it. */
export class MigrationError extends Error {
  readonly results: MigrationResultSet['results'];

  constructor(message: string, results: MigrationResultSet['results'], cause: unknown) {
    super(message, { cause });
    this.name = 'MigrationError';
    this.results = results;
  }
}

/**
 * Applies every pending migration. Kysely's Migrator takes an advisory lock, so processes
 * starting together apply each migration once. Throws MigrationError naming the migration that
 * failed, because the Migrator reports failures instead of throwing them.
 */
export async function migrateToLatest(db: Kysely<any>, logger: Logger): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  for (const result of results) {
    if (result.status === 'Success') {
      logger.info({ migration: result.migrationName }, 'applied migration');
    } else if (result.status === 'Error') {
      logger.error({ migration: result.migrationName }, 'migration failed');
    }
  }
  if (error) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName;
    const detail = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      `Migration ${failed ?? '(unknown)'} failed: ${detail}`,
      results,
      error,
    );
  }

  return results.filter((result) => result.status === 'Success').map((r) => r.migrationName);
}
