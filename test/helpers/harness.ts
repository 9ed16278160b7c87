import { createMateApp, type MateApp } from '../../src/app.js';
import type { Clock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import type { Logger } from '../../src/logger.js';
import { SlackSimulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { openTestDatabase, type TestDatabase } from './database.js';
import { captureLogs, type CapturedLogs } from './logs.js';

export interface Harness {
  sim: SlackSimulator;
  mate: MateApp;
  database: TestDatabase;
  logs: CapturedLogs;
  /** Starts one more bot process against the same simulator and database. */
  startAnother(options?: { clock?: Clock; owner?: string }): Promise<MateApp>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  clock?: Clock;
  simulator?: SimulatorOptions;
  /** Reuse a database, for tests that restart the bot on the same data. */
  database?: TestDatabase;
  owner?: string;
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
  database: TestDatabase,
  logger: Logger,
  options: { env?: Record<string, string>; clock?: Clock; owner?: string },
): Promise<MateApp> {
  const config = botConfig(sim, options.env);
  const mate = createMateApp({
    config,
    botToken: sim.botToken,
    appToken: sim.appToken,
    db: database.db,
    logger,
    runSchedules: false,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.owner ? { schedulerOwner: options.owner } : {}),
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
  const sim = await SlackSimulator.start(options.simulator);
  const database = options.database ?? (await openTestDatabase());
  const logs = captureLogs('debug');
  const mate = await startMate(sim, database, logs.logger, options);
  const others: MateApp[] = [];

  return {
    sim,
    mate,
    database,
    logs,
    async startAnother(extra = {}) {
      const other = await startMate(sim, database, logs.logger, { ...options, ...extra });
      others.push(other);

      return other;
    },
    async close() {
      for (const app of [mate, ...others]) {
        await app.stop(2_000);
      }
      await sim.stop();
      if (!options.database) {
        await database.close();
      }
    },
  };
}
