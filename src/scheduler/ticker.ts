import cron, { type ScheduledTask } from 'node-cron';

/**
 * Calls `onTick` at the start of every minute through node-cron, never two at once. The time
 * zone does not matter for a per-minute pattern. The scheduler evaluates each schedule in its
 * channel's zone, and it also catches up minutes that a late timer skipped.
 */
export function startMinuteTicker(onTick: () => Promise<void>): ScheduledTask {
  return cron.schedule('* * * * *', () => onTick(), {
    name: 'mate-scheduler',
    noOverlap: true,
    timezone: 'UTC',
  });
}
