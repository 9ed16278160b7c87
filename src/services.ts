import type { Kysely } from 'kysely';

import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Database } from './db/schema.js';
import type { InFlight } from './in-flight.js';
import type { KeyedQueue } from './keyed-queue.js';
import type { Logger } from './logger.js';
import type { Scheduler } from './scheduler/scheduler.js';
import type { UserDirectory } from './slack/user-directory.js';

/** The dependencies of the listeners, built once in createMateApp and passed to each group. */
export interface Services {
  readonly config: Config;
  readonly db: Kysely<Database>;
  readonly logger: Logger;
  readonly users: UserDirectory;
  readonly inFlight: InFlight;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** Orders each user's requests after their acks; see KeyedQueue. */
  readonly userQueue: KeyedQueue;
}
