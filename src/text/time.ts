import type { Language } from '../config.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, timeZone: string): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(language === 'ko' ? 'ko-KR' : 'en-GB', {
      timeZone,
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, cached);
  }

  return cached;
}

/** Formats a time in the channel's zone, such as "Fri 4 Dec, 11:50 (Asia/Seoul)". */
export function formatLocalTime(at: Date, timeZone: string, language: Language): string {
  return `${formatter(language, timeZone).format(at)} (${timeZone})`;
}

/**
 * Formats a Slack date token. Slack shows each reader the time in their own time zone, and
 * clients that cannot render the token show the channel-zone text instead.
 */
export function slackDate(at: Date, timeZone: string, language: Language): string {
  const unix = Math.floor(at.getTime() / 1000);

  return `<!date^${unix}^{date_short_pretty} {time}|${formatLocalTime(at, timeZone, language)}>`;
}

/** Formats a duration in whole minutes, such as "2 h 5 min" or "2시간 5분". */
export function formatDuration(ms: number, language: Language): string {
  const totalMinutes = Math.max(0, Math.round(ms / 60_000));
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (language === 'ko') {
    return [hours > 0 ? `${hours}시간` : '', minutes > 0 || hours === 0 ? `${minutes}분` : '']
      .filter(Boolean)
      .join(' ');
  }
  const parts: string[] = [];
  if (hours > 0) {
    parts.push(`${hours} h`);
  }
  if (minutes > 0 || hours === 0) {
    parts.push(`${minutes} min`);
  }

  return parts.join(' ');
}
