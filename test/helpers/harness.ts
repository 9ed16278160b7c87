import { createMateApp, type MateApp } from '../../src/app.js';
import type { Clock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import type { Logger } from '../../src/logger.js';
import { SlackSimulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { openTestDatabase, type TestDatabase } from './database.js';
import { captureLogs, type CapturedLogs } from './logs.js';

export interface Harness {
  sim: SlackSimulator;
  mate: MateApp;
  database: TestDatabase;
  logs: CapturedLogs;
  /**
   * Starts one more bot process against the same simulator and database. On a server it gets a
   * connection pool of its own, as a second process would.
   */
  startAnother(options?: { clock?: Clock; workerId?: string }): Promise<MateApp>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  clock?: Clock;
  simulator?: SimulatorOptions;
  /** Reuse a database, for tests that restart the bot on the same data. */
  database?: TestDatabase;
  workerId?: string;
  scheduledSendTimeoutMs?: number;
}

function botConfig(sim: SlackSimulator, env: Record<string, string> = {}) {
  return loadConfig({
    SLACK_BOT_TOKEN: sim.botToken,
    SLACK_APP_TOKEN: sim.appToken,
    SLACK_API_URL: sim.apiUrl,
    LOG_LEVEL: 'debug',
    ...env,
  });
}

async function startMate(
  sim: SlackSimulator,
  db: DatabaseHandle['db'],
  logger: Logger,
  options: Pick<HarnessOptions, 'env' | 'clock' | 'workerId' | 'scheduledSendTimeoutMs'>,
): Promise<MateApp> {
  const config = botConfig(sim, {
    MATE_WORKER_ID: options.workerId ?? 'worker.1',
    ...options.env,
  });
  const mate = createMateApp({
    config,
    botToken: sim.botToken,
    appToken: sim.appToken,
    db,
    logger,
    runSchedules: false,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.scheduledSendTimeoutMs
      ? { scheduledSendTimeoutMs: options.scheduledSendTimeoutMs }
      : {}),
  });
  const connected = sim.waitForConnection({ since: sim.connectionsOpened, timeoutMs: 10_000 });
  await mate.start();
  await connected;

  return mate;
}

/**
 * Starts the simulator, a fresh database and the real Mate app connected over Socket Mode,
 * with schedules driven by hand (`mate.services.scheduler.tick()`).
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  // Slack's timestamps follow the test's clock, as the real ones follow real time.
  const clock = options.clock;
  const sim = await SlackSimulator.start({
    ...(clock ? { clock: () => clock.now().getTime() } : {}),
    ...options.simulator,
  });
  const database = options.database ?? (await openTestDatabase());
  const logs = captureLogs('debug');
  const mate = await startMate(sim, database.db, logs.logger, options);
  const others: MateApp[] = [];
  const extraHandles: DatabaseHandle[] = [];

  return {
    sim,
    mate,
    database,
    logs,
    async startAnother(extra = {}) {
      let db = database.db;
      if (database.url) {
        const handle = await openDatabase({ databaseUrl: database.url, logger: logs.logger });
        extraHandles.push(handle);
        db = handle.db;
      }
      const other = await startMate(sim, db, logs.logger, { ...options, ...extra });
      others.push(other);

      return other;
    },
    async close() {
      for (const app of [mate, ...others]) {
        await app.stop(2_000);
      }
      for (const handle of extraHandles) {
        await handle.close();
      }
      await sim.stop();
      if (!options.database) {
        await database.close();
      }
    },
  };
}
