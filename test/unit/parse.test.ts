import { describe, expect, test } from '@jest/globals';

import { parseCommand, stripBotMention } from '../../src/commands/parse.js';

describe('parseCommand', () => {
  test.each([
    ['register', 'register', undefined],
    ['join', 'register', undefined],
    ['등록', 'register', 'ko'],
    ['unregister', 'unregister', undefined],
    ['leave', 'unregister', undefined],
    ['취소', 'unregister', 'ko'],
    ['list', 'list', undefined],
    ['listup', 'list', undefined],
    ['ls', 'list', undefined],
    ['목록', 'list', 'ko'],
    ['help', 'help', undefined],
    ['도움말', 'help', 'ko'],
  ])('alias %s', (text, name, language) => {
    const parsed = parseCommand(text);

    expect(parsed).toMatchObject({ kind: 'command', name, rest: '' });
    expect(parsed.kind).toBe('command');
    expect(parsed.kind === 'command' ? parsed.language : 'none').toBe(language);
  });

  test('case and spacing ignored', () => {
    expect(parseCommand('  REGISTER  ')).toMatchObject({ kind: 'command', name: 'register' });
    expect(parseCommand('\tList\n')).toMatchObject({ kind: 'command', name: 'list' });
  });

  test('full-width letters normalised', () => {
    expect(parseCommand('ｒｅｇｉｓｔｅｒ')).toMatchObject({ kind: 'command', name: 'register' });
  });

  test('invisible characters dropped', () => {
    expect(parseCommand('reg\u200Bister')).toMatchObject({ kind: 'command', name: 'register' });
  });

  test('leading slash tolerated', () => {
    expect(parseCommand('/list')).toMatchObject({ kind: 'command', name: 'list' });
  });

  test('empty and blank text', () => {
    expect(parseCommand('')).toEqual({ kind: 'empty' });
    expect(parseCommand('   \n ')).toEqual({ kind: 'empty' });
  });

  test('unknown word kept for the reply', () => {
    expect(parseCommand('lunch now')).toEqual({
      kind: 'unknown',
      word: 'lunch',
      language: undefined,
    });
  });

  test('unknown Korean word detected as Korean', () => {
    expect(parseCommand('점심')).toMatchObject({ kind: 'unknown', language: 'ko' });
  });

  test('arguments kept as rest', () => {
    expect(parseCommand('register <@U2> please')).toMatchObject({
      kind: 'command',
      name: 'register',
      rest: '<@U2> please',
    });
  });
});

describe('stripBotMention', () => {
  test.each([
    ['<@UBOT> register', 'register'],
    ['<@UBOT|mate> register', 'register'],
    ['  <@UBOT>: list', 'list'],
    ['<@UBOT> <@UBOT> help', 'help'],
    ['<@UBOT>', ''],
  ])('%s', (text, expected) => {
    expect(stripBotMention(text, 'UBOT')).toBe(expected);
  });

  test('other mentions kept', () => {
    expect(stripBotMention('<@U2> register', 'UBOT')).toBe('<@U2> register');
    expect(stripBotMention('register <@UBOT>', 'UBOT')).toBe('register <@UBOT>');
  });
});

describe('slack escaping', () => {
  test('entities undone before parsing', () => {
    expect(parseCommand('&lt;b&gt;register&lt;/b&gt;')).toMatchObject({
      kind: 'unknown',
      word: '<b>register</b>',
    });
    expect(parseCommand('setup title="A &amp; B"')).toMatchObject({ rest: 'title="A & B"' });
  });
});
