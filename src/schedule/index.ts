export { parseCronExpression, toCronExpression } from './cron-expression.js';
export { SCHEDULE_FORM_EXAMPLES, ScheduleError, TimeZoneError } from './errors.js';
export type { ScheduleErrorCode } from './errors.js';
export { MAX_SCHEDULE_LENGTH, parseSchedule } from './parse-schedule.js';
export { PLAIN_SCHEDULE_EXAMPLES, parsePlainSchedule } from './plain-schedule.js';
export type { PlainScheduleExample } from './plain-schedule.js';
export { createSchedule } from './schedule.js';
export type { Schedule, ScheduleField } from './schedule.js';
