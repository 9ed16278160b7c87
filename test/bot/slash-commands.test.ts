import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

async function slash(user: string, channel: string, text: string) {
  const mark = h.sim.mark();
  const result = await h.sim.sendSlashCommand({ user, channel, text });
  const reply = await h.sim.waitFor(
    (message) => message.source === 'response_url' && message.user === h.sim.workspace.requireUser(user).id,
    { since: mark, timeoutMs: 5_000 },
  );

  return { ...result, reply };
}

async function signupRows(channel: string) {
  const channelId = h.sim.workspace.requireChannel(channel).id;

  return h.database.db
    .selectFrom('signups')
    .innerJoin('lists', 'lists.id', 'signups.list_id')
    .select(['signups.user_id'])
    .where('lists.channel_id', '=', channelId)
    .where('lists.status', '=', 'open')
    .orderBy('signups.id')
    .execute();
}

describe('slash command', () => {
  test('register acks fast and replies ephemerally', async () => {
    const { ackMs, ackPayload, reply } = await slash('alice', 'general', 'register');

    expect(ackMs).toBeLessThan(3_000);
    expect(ackPayload).toEqual({});
    expect(reply.kind).toBe('ephemeral');
    expect(reply.text).toMatch(/You're registered/);
    expect(await signupRows('general')).toHaveLength(1);
  });

  test('register twice keeps one entry', async () => {
    const { reply } = await slash('alice', 'general', 'register');

    expect(reply.text).toMatch(/already registered, so nothing changed/);
    expect(await signupRows('general')).toHaveLength(1);
  });

  test('list shows sign-up order and count', async () => {
    await slash('bob', 'general', 'join');
    const { reply } = await slash('carol', 'general', 'ls');
    const alice = h.sim.workspace.requireUser('alice').id;
    const bob = h.sim.workspace.requireUser('bob').id;

    expect(reply.text).toContain('2 people registered');
    expect(reply.text).toContain(`1. <@${alice}>\n2. <@${bob}>`);
  });

  test('unregister removes and reports', async () => {
    const { reply } = await slash('bob', 'general', 'leave');

    expect(reply.text).toMatch(/off the list. 1 person still registered/);
    expect(await signupRows('general')).toHaveLength(1);
  });

  test('unregister when absent says so', async () => {
    const { reply } = await slash('carol', 'general', 'unregister');

    expect(reply.text).toMatch(/weren't registered/);
  });

  test('korean aliases reply in korean', async () => {
    const registered = await slash('carol', 'general', '등록');
    const listed = await slash('carol', 'general', '목록');
    const cancelled = await slash('carol', 'general', '취소');

    expect(registered.reply.text).toMatch(/등록했어요/);
    expect(listed.reply.text).toMatch(/신청자 2명/);
    expect(cancelled.reply.text).toMatch(/신청을 취소했어요/);
  });

  test('listup alias lists', async () => {
    const { reply } = await slash('carol', 'general', 'listup');

    expect(reply.text).toContain('1 person registered');
  });

  test('help lists the commands', async () => {
    const { reply } = await slash('carol', 'general', 'help');

    expect(reply.text).toContain('/mate register');
    expect(reply.text).toContain('listup');
    expect(reply.text).toContain('/mate config');
    expect(reply.text).toContain('/mate skip');
    expect(reply.text).toContain('/mate setup');
  });

  test('channel the bot has not joined answers', async () => {
    const { reply } = await slash('alice', 'random', 'register');

    expect(reply.text).toMatch(/You're registered/);
    expect(await signupRows('random')).toHaveLength(1);
  });

  test('dm with the bot answers', async () => {
    const dm = h.sim.workspace.openConversation([
      h.sim.workspace.requireUser('alice').id,
      h.sim.workspace.bot.userId,
    ]).channel.id;
    const { reply } = await slash('alice', dm, 'list');

    expect(reply.text).toMatch(/Nobody has registered/);
  });

  test('private channel keeps its own list', async () => {
    h.sim.workspace.addChannel({ name: 'secret', isPrivate: true, members: ['alice', 'bob'] });
    const { reply } = await slash('bob', 'secret', 'register');

    expect(reply.text).toMatch(/You are the first one/);
    expect(await signupRows('secret')).toHaveLength(1);
  });
});

describe('bad input', () => {
  test.each([
    ['', /No command given/],
    ['   ', /No command given/],
    ['lunch', /don't know the command "lunch"/],
    ["register'; drop table signups; --", /don't know the command "register';"/],
    ["register '; drop table signups; --", /takes no arguments/],
    ['<!channel>', /don't know the command "&lt;!channel&gt;"/],
    ['register <@U0BOB>', /takes no arguments/],
    ['register @bob', /takes no arguments/],
    ['ｒｅｇｉｓｔｅｒ now', /takes no arguments/],
    ['점심', /모르는 명령/],
  ])('%j gets a clear reply', async (text, expected) => {
    const before = await signupRows('general');
    const { reply } = await slash('carol', 'general', text);

    expect(reply.text).toMatch(expected);
    expect(await signupRows('general')).toEqual(before);
  });

  test('very long text is shortened in the reply', async () => {
    const word = 'x'.repeat(5_000);
    const { reply } = await slash('carol', 'general', word);

    expect(reply.text).toContain(`"${'x'.repeat(40)}…"`);
    expect((reply.text ?? '').length).toBeLessThan(300);
  });

  test('sql-looking text changes nothing', async () => {
    const before = await h.database.db.selectFrom('signups').select('id').execute();
    await slash('carol', 'general', "'; delete from signups; --");
    const after = await h.database.db.selectFrom('signups').select('id').execute();

    expect(before.length).toBeGreaterThan(0);
    expect(after).toEqual(before);
  });
});
