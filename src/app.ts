import { App, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { Kysely } from 'kysely';

import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import type { Database } from './db/schema.js';
import { InFlight } from './in-flight.js';
import { KeyedQueue } from './keyed-queue.js';
import { registerListeners } from './listeners/index.js';
import type { Logger } from './logger.js';
import { OutboxSender } from './rounds/outbox-sender.js';
import { Scheduler } from './scheduler/scheduler.js';
import type { Services } from './services.js';
import { createBoltLogger } from './slack/bolt-logger.js';
import { logSlackError } from './slack/errors.js';
import { UserDirectory } from './slack/user-directory.js';

export interface MateAppOptions {
  config: Config;
  botToken: string;
  appToken: string;
  db: Kysely<Database>;
  logger: Logger;
  /** The time source of schedules; tests pass a clock they move by hand. */
  clock?: Clock;
  /**
   * Start the once-a-minute schedule tick with the app (the default). Tests turn it off and
   * call `services.scheduler.tick()` themselves after moving their clock.
   */
  runSchedules?: boolean;
  /** How long one Slack call of a scheduled send may take, in milliseconds (default 15 s). */
  scheduledSendTimeoutMs?: number;
}

export interface MateApp {
  readonly app: App;
  readonly services: Services;
  /** Connects to Slack over Socket Mode; resolves once the connection is open. */
  start(): Promise<void>;
  /**
   * Stops taking new requests, closes the socket, then waits up to `timeoutMs` for the
   * requests being handled. They have been acknowledged already and reply over HTTP, so they
   * can finish without the socket. Closing the database is the caller's job.
   */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Web API calls made while handling a request retry a few times with backoff and give up
 * within about half a minute. Bolt's Socket Mode client would otherwise retry up to 100 times
 * and hold a handler for minutes when Slack returns server errors.
 */
const webApiRetries = { retries: 3, factor: 2, minTimeout: 1000, maxTimeout: 8000 };

export function createMateApp(options: MateAppOptions): MateApp {
  const { config, logger } = options;
  const boltLogger = createBoltLogger(logger);
  const clientOptions = {
    slackApiUrl: config.slackApiUrl,
    retryConfig: webApiRetries,
    timeout: 15_000,
  };
  const receiver = new SocketModeReceiver({
    appToken: options.appToken,
    logger: boltLogger,
    logLevel: LogLevel.INFO,
    // Its own copy: the Socket Mode client writes its retry defaults into the object it gets.
    installerOptions: {
      clientOptions: { ...clientOptions, retryConfig: { retries: 10, factor: 1.6 } },
    },
  });
  const app = new App({
    token: options.botToken,
    receiver,
    logger: boltLogger,
    logLevel: LogLevel.INFO,
    clientOptions,
  });
  const inFlight = new InFlight();
  const clock = options.clock ?? systemClock;
  // Scheduled messages get a client of their own. It hands rate limits back to the outbox,
  // which waits and resends without losing its place. It never retries by itself, because a
  // retried post could appear twice, while the outbox checks whether a failed post arrived.
  const outboxClient = new WebClient(options.botToken, {
    slackApiUrl: config.slackApiUrl,
    logger: boltLogger,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: options.scheduledSendTimeoutMs ?? 15_000,
  });
  const scheduler = new Scheduler({
    db: options.db,
    clock,
    logger,
    sender: new OutboxSender({ db: options.db, client: outboxClient, logger, clock }),
    client: app.client,
    command: config.command,
    defaultLanguage: config.language,
    owner: config.workerId,
  });
  const services: Services = {
    config,
    db: options.db,
    logger,
    users: new UserDirectory(app.client, logger),
    inFlight,
    clock,
    scheduler,
    userQueue: new KeyedQueue(),
  };

  // Every request passes through here, so shutdown can wait for the ones still running.
  app.use(async ({ next }) => {
    await inFlight.track(next);
  });
  registerListeners(app, services);
  app.error(async (error) => {
    logSlackError(logger, error);
  });

  receiver.client.on('connected', () => logger.info('connected to Slack over Socket Mode'));
  receiver.client.on('reconnecting', () => logger.warn('Socket Mode connection lost; reconnecting'));
  receiver.client.on('disconnected', () => logger.info('Socket Mode connection closed'));

  return {
    app,
    services,
    async start() {
      logger.info({ command: config.command }, 'starting Socket Mode connection');
      await app.start();
      if (options.runSchedules ?? true) {
        scheduler.start();
      }
    },
    async stop(timeoutMs = 20_000) {
      inFlight.startDraining();
      await scheduler.stop();
      await app.stop();
      const stillRunning = await inFlight.drain(timeoutMs);
      if (stillRunning > 0) {
        logger.warn({ stillRunning }, 'stopped with requests still in flight');
      }
    },
  };
}
