import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type Language = 'en' | 'ko';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

const logLevels: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

/** Settings read once from the environment at start-up. */
export interface Config {
  /** Bot token (xoxb-...), or undefined in offline mode before the simulator provides one. */
  readonly slackBotToken: string | undefined;
  /** App-level token with connections:write (xapp-...). */
  readonly slackAppToken: string | undefined;
  /** Base URL of Slack's Web API, ending in a slash; undefined means Slack's own. */
  readonly slackApiUrl: string | undefined;
  /** The slash command the bot listens to, with its leading slash. */
  readonly command: string;
  /** Postgres connection string; undefined selects the embedded database. */
  readonly databaseUrl: string | undefined;
  /** Folder of the embedded database's files. */
  readonly dataDir: string;
  readonly logLevel: LogLevel;
  /** Language of replies when the user's own words do not pick one. */
  readonly language: Language;
  /** Pretty-print logs, which pino-pretty does when stdout is a terminal. */
  readonly prettyLogs: boolean;
  /**
   * Names this process in scheduled-slot leases. A restarted process with the same name resumes
   * its own unfinished slots at once instead of waiting for the lease to expire, so it must be
   * unique among running processes: Heroku's DYNO (worker.1) is, and so is host plus pid.
   */
  readonly workerId: string;
}

/** A setting that is missing or malformed; the message names the variable and the fix. */
export class ConfigError extends Error {
  readonly variable: string;

  constructor(variable: string, message: string) {
    super(message);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

type Env = Record<string, string | undefined>;

export const botTokenHelp =
  'Copy the Bot User OAuth Token (xoxb-...) from your Slack app\'s "OAuth & Permissions" page.';
export const appTokenHelp =
  'Create an app-level token with the connections:write scope under "Basic Information" > ' +
  '"App-Level Tokens" in your Slack app and copy it (xapp-...).';

function readToken(
  env: Env,
  variable: string,
  prefix: string,
  help: string,
): string | undefined {
  const value = env[variable]?.trim();
  if (!value) {
    return undefined;
  }
  if (!value.startsWith(prefix) || /\s/.test(value)) {
    // Show only the first characters: the rest is a secret even when malformed.
    const shown = `${value.slice(0, 5)}...`;
    throw new ConfigError(
      variable,
      `${variable} is malformed: it starts with "${shown}" but must start with "${prefix}". ${help}`,
    );
  }

  return value;
}

function readCommand(env: Env): string {
  const raw = env.MATE_COMMAND?.trim() || '/mate';
  const command = raw.startsWith('/') ? raw : `/${raw}`;
  if (!/^\/[a-z0-9_\-\u3131-\uD79D]{1,31}$/i.test(command)) {
    throw new ConfigError(
      'MATE_COMMAND',
      `MATE_COMMAND "${raw}" is invalid: use a slash and up to 31 letters, digits, "-" or "_", ` +
        'for example /mate or /lunch.',
    );
  }

  return command.toLowerCase();
}

function readApiUrl(env: Env): string | undefined {
  const raw = env.SLACK_API_URL?.trim();
  if (!raw) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      'SLACK_API_URL',
      `SLACK_API_URL "${raw}" is not a URL: use a base such as https://slack.com/api/ or leave it unset.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(
      'SLACK_API_URL',
      `SLACK_API_URL "${raw}" must start with http:// or https://.`,
    );
  }

  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

function readDatabaseUrl(env: Env): string | undefined {
  const raw = env.DATABASE_URL?.trim();
  if (!raw) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      'DATABASE_URL',
      'DATABASE_URL is not a URL: use postgres://USER:PASSWORD@HOST:5432/DATABASE, ' +
        'or unset it to use the embedded database.',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(
      'DATABASE_URL',
      `DATABASE_URL must start with postgres:// or postgresql://, not "${url.protocol}//".`,
    );
  }

  return raw;
}

function readLogLevel(env: Env): LogLevel {
  const raw = env.LOG_LEVEL?.trim().toLowerCase() || 'info';
  if (!(logLevels as readonly string[]).includes(raw)) {
    throw new ConfigError(
      'LOG_LEVEL',
      `LOG_LEVEL "${raw}" is invalid: use one of ${logLevels.join(', ')}.`,
    );
  }

  return raw as LogLevel;
}

function readLogFormat(env: Env, isTerminal: boolean): boolean {
  const raw = env.LOG_FORMAT?.trim().toLowerCase();
  if (!raw) {
    return isTerminal;
  }
  if (raw !== 'pretty' && raw !== 'json') {
    throw new ConfigError('LOG_FORMAT', `LOG_FORMAT "${raw}" is invalid: use pretty or json.`);
  }

  return raw === 'pretty';
}

function readLanguage(env: Env): Language {
  const raw = env.MATE_LANGUAGE?.trim().toLowerCase() || 'en';
  if (raw !== 'en' && raw !== 'ko') {
    throw new ConfigError('MATE_LANGUAGE', `MATE_LANGUAGE "${raw}" is invalid: use en or ko.`);
  }

  return raw;
}

/**
 * Reads the configuration from `env`. Throws ConfigError on the first invalid value. Missing
 * tokens are allowed here because offline mode runs without them; `requireTokens` checks them.
 */
export function loadConfig(env: Env = process.env, isTerminal = false): Config {
  return Object.freeze({
    slackBotToken: readToken(env, 'SLACK_BOT_TOKEN', 'xoxb-', botTokenHelp),
    slackAppToken: readToken(env, 'SLACK_APP_TOKEN', 'xapp-', appTokenHelp),
    slackApiUrl: readApiUrl(env),
    command: readCommand(env),
    databaseUrl: readDatabaseUrl(env),
    dataDir: path.resolve(env.MATE_DATA_DIR?.trim() || '.mate-data'),
    logLevel: readLogLevel(env),
    language: readLanguage(env),
    prettyLogs: readLogFormat(env, isTerminal),
    workerId: env.MATE_WORKER_ID?.trim() || env.DYNO?.trim() || `${os.hostname()}-${process.pid}`,
  });
}

/** Throws ConfigError naming the first missing token and where to get it. */
export function requireTokens(config: Config): { botToken: string; appToken: string } {
  if (!config.slackBotToken) {
    throw new ConfigError('SLACK_BOT_TOKEN', `SLACK_BOT_TOKEN is not set. ${botTokenHelp}`);
  }
  if (!config.slackAppToken) {
    throw new ConfigError('SLACK_APP_TOKEN', `SLACK_APP_TOKEN is not set. ${appTokenHelp}`);
  }

  return { botToken: config.slackBotToken, appToken: config.slackAppToken };
}

/** Loads `.env` from the working folder into process.env without overriding set variables. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) {
    process.loadEnvFile(file);
  }
}
