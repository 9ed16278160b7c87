import cron, { type ScheduledTask } from 'node-cron';

import type { Logger } from '../logger.js';

/**
 * Calls `onTick` at the start of every minute through node-cron, never two at once. The time
 * zone does not matter for a per-minute pattern. The scheduler evaluates each schedule in its
 * channel's zone, and it also catches up minutes that a late timer skipped.
 */
export function startMinuteTicker(onTick: () => Promise<void>, logger: Logger): ScheduledTask {
  const cronLogger = logger.child({ component: 'node-cron' });

  return cron.schedule('* * * * *', () => onTick(), {
    name: 'mate-scheduler',
    noOverlap: true,
    timezone: 'UTC',
    // node-cron prints to the console by default; its notes (such as a skipped minute while a
    // tick still runs) belong in the bot's own log.
    logger: {
      info: (message) => cronLogger.info(message),
      warn: (message) => cronLogger.warn(message),
      error: (message, err) => cronLogger.error({ err: err ?? message }, String(message)),
      debug: (message, err) => cronLogger.debug({ err }, String(message)),
    },
  });
}
