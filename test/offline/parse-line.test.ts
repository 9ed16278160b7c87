import { describe, expect, test } from '@jest/globals';

import { setUpOfflineWorkspace } from '../../src/offline/default-workspace.js';
import { encodeUserText, parseLine } from '../../src/offline/parse-line.js';
import { IdSource, TsClock } from '../../src/simulator/ids.js';
import { Workspace } from '../../src/simulator/index.js';

function offlineWorkspace(): Workspace {
  const workspace = new Workspace(new IdSource(), new TsClock(1765000000, 'deterministic'));
  setUpOfflineWorkspace(workspace);

  return workspace;
}

describe('parseLine', () => {
  test.each([
    ['', { kind: 'empty' }],
    ['   ', { kind: 'empty' }],
    [':help', { kind: 'prompt', word: 'help', argument: '' }],
    [':AS  bob ', { kind: 'prompt', word: 'as', argument: 'bob' }],
    [':in #lunch', { kind: 'prompt', word: 'in', argument: '#lunch' }],
    [':', { kind: 'prompt', word: '', argument: '' }],
    ['/mate register', { kind: 'slash', text: 'register' }],
    ['/MATE list', { kind: 'slash', text: 'list' }],
    ['/mate', { kind: 'slash', text: '' }],
    ['/mate setup close="weekdays 11:50"', { kind: 'slash', text: 'setup close="weekdays 11:50"' }],
    ['/mates list', { kind: 'other-slash', word: '/mates' }],
    ['/invite @Mate', { kind: 'other-slash', word: '/invite' }],
    ['@Mate register', { kind: 'message', text: '@Mate register' }],
    [':tada: we did it', { kind: 'message', text: ':tada: we did it' }],
    ['  hello  ', { kind: 'message', text: 'hello' }],
  ])('line %j', (line, expected) => {
    expect(parseLine(line, '/mate')).toEqual(expected);
  });

  test('custom command name', () => {
    expect(parseLine('/lunch ls', '/lunch')).toEqual({ kind: 'slash', text: 'ls' });
    expect(parseLine('/mate ls', '/lunch')).toEqual({ kind: 'other-slash', word: '/mate' });
  });
});

describe('encodeUserText', () => {
  const workspace = offlineWorkspace();
  const bot = workspace.bot.userId;
  const bob = workspace.requireUser('bob').id;
  const lunch = workspace.requireChannel('lunch').id;

  test.each([
    ['@Mate register', `<@${bot}> register`],
    ['@mate register', `<@${bot}> register`],
    ['hey @MATE, list', `hey <@${bot}>, list`],
    ['ask @bob.', `ask <@${bob}>.`],
    ['ask @Bob', `ask <@${bob}>`],
    ['ask @nobody', 'ask @nobody'],
    ['mail a@bob.example', 'mail a@bob.example'],
    ['in #lunch today', `in <#${lunch}|lunch> today`],
    ['in #nowhere', 'in #nowhere'],
    ['A & B <c>', 'A &amp; B &lt;c&gt;'],
  ])('message %j', (typed, expected) => {
    expect(encodeUserText(typed, workspace, { forSlashCommand: false })).toBe(expected);
  });

  test('slash command mention has name', () => {
    const encoded = encodeUserText('organisers add @bob', workspace, { forSlashCommand: true });

    expect(encoded).toBe(`organisers add <@${bob}|bob>`);
  });
});

describe('setUpOfflineWorkspace', () => {
  const workspace = offlineWorkspace();

  test('four people, one admin', () => {
    const people = workspace.humans;

    expect(people.map((user) => user.name)).toEqual(['alice', 'bob', 'carol', 'dana']);
    expect(people.filter((user) => user.isAdmin).map((user) => user.name)).toEqual(['alice']);
  });

  test('bot membership per channel', () => {
    const membership = ['general', 'lunch', 'random'].map((name) =>
      workspace.isBotMember(workspace.requireChannel(name)),
    );

    expect(membership).toEqual([true, true, false]);
  });

  test('everyone in every channel', () => {
    for (const name of ['general', 'lunch', 'random']) {
      const members = workspace.requireChannel(name).members;
      for (const person of workspace.humans) {
        expect(members.has(person.id)).toBe(true);
      }
    }
  });
});
