import { describe, expect, test } from '@jest/globals';

import { ConfigError, loadConfig, requireTokens } from '../../src/config.js';

const tokens = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_APP_TOKEN: 'xapp-1-A1-2-def' };

function configError(env: Record<string, string>): ConfigError {
  try {
    requireTokens(loadConfig(env));
  } catch (err) {
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  test('defaults', () => {
    const config = loadConfig(tokens);

    expect(config.command).toBe('/mate');
    expect(config.logLevel).toBe('info');
    expect(config.language).toBe('en');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.slackApiUrl).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  test('command name configurable', () => {
    expect(loadConfig({ MATE_COMMAND: '/lunch' }).command).toBe('/lunch');
    expect(loadConfig({ MATE_COMMAND: 'Coffee' }).command).toBe('/coffee');
  });

  test('invalid command name rejected', () => {
    const err = configError({ ...tokens, MATE_COMMAND: '/two words' });

    expect(err.variable).toBe('MATE_COMMAND');
    expect(err.message).toContain('/two words');
  });

  test('api url gets a trailing slash', () => {
    expect(loadConfig({ SLACK_API_URL: 'http://127.0.0.1:9/api' }).slackApiUrl).toBe(
      'http://127.0.0.1:9/api/',
    );
  });

  test('api url must be http', () => {
    expect(configError({ ...tokens, SLACK_API_URL: 'ftp://x/' }).variable).toBe('SLACK_API_URL');
    expect(configError({ ...tokens, SLACK_API_URL: 'not a url' }).variable).toBe('SLACK_API_URL');
  });

  test('missing bot token named with the fix', () => {
    const err = configError({ SLACK_APP_TOKEN: tokens.SLACK_APP_TOKEN });

    expect(err.variable).toBe('SLACK_BOT_TOKEN');
    expect(err.message).toMatch(/SLACK_BOT_TOKEN is not set/);
    expect(err.message).toMatch(/OAuth & Permissions/);
  });

  test('missing app token named with the fix', () => {
    const err = configError({ SLACK_BOT_TOKEN: tokens.SLACK_BOT_TOKEN });

    expect(err.variable).toBe('SLACK_APP_TOKEN');
    expect(err.message).toMatch(/connections:write/);
  });

  test('swapped tokens rejected without echoing them', () => {
    const err = configError({
      SLACK_BOT_TOKEN: 'xapp-1-A1-2-secretpart',
      SLACK_APP_TOKEN: tokens.SLACK_APP_TOKEN,
    });

    expect(err.variable).toBe('SLACK_BOT_TOKEN');
    expect(err.message).toMatch(/must start with "xoxb-"/);
    expect(err.message).not.toContain('secretpart');
  });

  test('malformed app token rejected', () => {
    const err = configError({ ...tokens, SLACK_APP_TOKEN: 'xoxb-wrong-kind' });

    expect(err.variable).toBe('SLACK_APP_TOKEN');
  });

  test('log format validated', () => {
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).prettyLogs).toBe(true);
    expect(loadConfig({ LOG_FORMAT: 'json' }, true).prettyLogs).toBe(false);
    expect(loadConfig({}, true).prettyLogs).toBe(true);
    expect(configError({ ...tokens, LOG_FORMAT: 'text' }).message).toMatch(/LOG_FORMAT "text" is invalid: use pretty or json/);
  });

  test('bad log level and language rejected', () => {
    expect(configError({ ...tokens, LOG_LEVEL: 'loud' }).variable).toBe('LOG_LEVEL');
    expect(configError({ ...tokens, MATE_LANGUAGE: 'fr' }).variable).toBe('MATE_LANGUAGE');
  });

  test('database url must be postgres', () => {
    expect(configError({ ...tokens, DATABASE_URL: 'mysql://x/y' }).variable).toBe('DATABASE_URL');
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/d' }).databaseUrl).toBe('postgres://u@h/d');
  });
});
