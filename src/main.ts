import path from 'node:path';

import { pino } from 'pino';

import { createMateApp, type MateApp } from './app.js';
import {
  type Config,
  ConfigError,
  loadConfig,
  loadDotEnv,
  requireTokens,
} from './config.js';
import { DatabaseConnectionError, type DatabaseHandle, openDatabase } from './db/database.js';
import { DirectoryLockError } from './db/directory-lock.js';
import { MigrationError, migrateToLatest } from './db/migrate.js';
import { pruneProcessedEvents } from './db/processed-events.js';
import { createLogger, type Logger } from './logger.js';
import { SlackTokenError, verifyTokens } from './slack/verify-tokens.js';
import { type OfflineSession, startOfflineMode } from './offline/start-offline-mode.js';

/** Heroku sends SIGKILL 30 s after SIGTERM; everything must be closed well before that. */
const shutdownBudgetMs = 25_000;

/** Errors a user can fix by changing the environment; they print as one line, no stack. */
function isSetupError(err: unknown): err is Error {
  return (
    err instanceof ConfigError ||
    err instanceof DatabaseConnectionError ||
    err instanceof DirectoryLockError ||
    err instanceof MigrationError ||
    err instanceof SlackTokenError
  );
}

function exitWithSetupError(err: Error): never {
  console.error(`mate: ${err.message}`);
  process.exit(1);
}

function readConfig(): Config {
  loadDotEnv();
  try {
    return loadConfig(process.env, Boolean(process.stdout.isTTY));
  } catch (err) {
    if (err instanceof ConfigError) {
      exitWithSetupError(err);
    }
    throw err;
  }
}

function installShutdown(logger: Logger, mate: MateApp, database: DatabaseHandle, stopExtra: () => Promise<void>): void {
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal during shutdown; exiting now');
      process.exit(1);
    }
    stopping = true;
    const started = Date.now();
    logger.info({ signal }, 'shutting down');
    const forceExit = setTimeout(() => {
      logger.error({ ms: Date.now() - started }, 'shutdown took too long; exiting');
      process.exit(1);
    }, shutdownBudgetMs + 2_000);
    forceExit.unref();
    try {
      await stopExtra();
      await mate.stop(shutdownBudgetMs - 5_000);
      await database.close();
      logger.info({ ms: Date.now() - started }, 'stopped');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));
}

async function main(): Promise<void> {
  let config = readConfig();
  const offline =
    !config.slackBotToken && !config.slackAppToken && Boolean(process.stdin.isTTY);
  // Log lines would break up the chat prompt, so offline mode writes them to a file instead.
  const offlineLog = path.join(config.dataDir, 'offline.log');
  const logger = offline
    ? createLogger(
        { ...config, prettyLogs: false },
        // Synchronous, so a setup error can exit at once without losing or breaking the log.
        pino.destination({ dest: offlineLog, mkdir: true, sync: true }),
      )
    : createLogger(config);
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection');
  });

  let tokens: { botToken: string; appToken: string } | undefined;
  if (!offline) {
    try {
      tokens = requireTokens(config);
    } catch (err) {
      exitWithSetupError(err as Error);
    }
  }

  let database: DatabaseHandle;
  try {
    database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      logger,
    });
    await migrateToLatest(database.db, logger);
  } catch (err) {
    if (isSetupError(err)) {
      exitWithSetupError(err);
    }
    throw err;
  }

  let session: OfflineSession | undefined;
  if (offline) {
    session = await startOfflineMode(config, logger);
    config = session.config;
    tokens = session.tokens;
  }
  const { botToken, appToken } = tokens as { botToken: string; appToken: string };
  try {
    await verifyTokens({ botToken, appToken, slackApiUrl: config.slackApiUrl, logger });
  } catch (err) {
    await database.close();
    if (isSetupError(err)) {
      exitWithSetupError(err);
    }
    throw err;
  }

  const mate = createMateApp({ config, botToken, appToken, db: database.db, logger });
  const pruneTimer = setInterval(
    () => {
      pruneProcessedEvents(database.db, 24).catch((err: unknown) => {
        logger.warn({ err }, 'could not prune processed events');
      });
    },
    60 * 60 * 1000,
  );
  pruneTimer.unref();
  installShutdown(logger, mate, database, async () => {
    clearInterval(pruneTimer);
    await session?.stop();
  });

  await mate.start();
  logger.info({ database: database.kind, offline }, 'Mate is running');
  if (session) {
    console.log(`Offline mode: the bot's logs go to ${offlineLog}`);
    // Quitting the prompt shuts down the same way as Ctrl-C in a terminal.
    session.startPrompt(() => process.kill(process.pid, 'SIGINT'));
  }
}

main().catch((err: unknown) => {
  console.error('mate: start-up failed:', err);
  process.exit(1);
});
