import cron, { type ScheduledTask } from 'node-cron';

/**
 * Calls `onTick` at the start of every minute through node-cron, never two at once. The time
 * zone does not matter for a per-minute pattern; the schedules themselves are evaluated in each
 * channel's zone by the scheduler, which also catches up minutes a late timer skipped.
 */
export function startMinuteTicker(onTick: () => Promise<void>): ScheduledTask {
  return cron.schedule('* * * * *', () => onTick(), {
    name: 'mate-scheduler',
    noOverlap: true,
    timezone: 'UTC',
  });
}
