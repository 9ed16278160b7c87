/** Reasons a schedule text is rejected, for callers that map them to localized replies. */
export type ScheduleErrorCode =
  | 'invalid_schedule'
  | 'invalid_time'
  | 'invalid_days'
  | 'invalid_cron_field'
  | 'unsupported_seconds'
  | 'never_fires';

/** One valid input of each accepted form, appended to every ScheduleError message. */
export const SCHEDULE_FORM_EXAMPLES =
  'Examples: "weekdays 11:50", "평일 11:50", or the cron expression "50 11 * * 1-5".';

/** Error raised when user text is not a valid schedule. */
export class ScheduleError extends Error {
  readonly code: ScheduleErrorCode;
  /** The text as the user typed it. */
  readonly input: string;

  constructor(code: ScheduleErrorCode, input: string, reason: string) {
    super(`${reason} ${SCHEDULE_FORM_EXAMPLES}`);
    this.name = 'ScheduleError';
    this.code = code;
    this.input = input;
  }
}

/** Error raised when a name is not an IANA time zone that Intl supports. */
export class TimeZoneError extends Error {
  readonly code = 'invalid_time_zone';
  /** The rejected value. */
  readonly timeZone: string;

  constructor(timeZone: string) {
    super(
      `Invalid time zone ${JSON.stringify(timeZone)}: ` +
        'use an IANA name such as "Asia/Seoul" or "America/New_York".',
    );
    this.name = 'TimeZoneError';
    this.timeZone = timeZone;
  }
}
