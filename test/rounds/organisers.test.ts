import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { ManualClock } from '../helpers/clock.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { directPosts, posts, slash, tickAt } from './helpers.js';

const clock = new ManualClock('2026-12-07T00:00:00Z');
let h: Harness;
let lunch: string;

beforeAll(async () => {
  h = await startHarness({ clock });
  h.sim.workspace.addUser({ name: 'boss', isAdmin: true });
  h.sim.workspace.addUser({ name: 'dana' });
  lunch = h.sim.workspace.addChannel({ name: 'lunch', botIsMember: true }).id;
});

afterAll(async () => {
  await h.close();
});

const id = (name: string) => h.sim.workspace.requireUser(name).id;

describe('organiser controls', () => {
  test('channels without rounds keep the plain list', async () => {
    expect(await slash(h, 'bob', 'lunch', 'register')).toMatch(/You are the first one/);
    expect(await slash(h, 'bob', 'lunch', 'config')).toMatch(/no scheduled rounds.*\/mate setup/);
    expect(await slash(h, 'bob', 'lunch', 'skip')).toMatch(/`skip` is for channels/);
  });

  test('invalid settings named with every fix', async () => {
    const reply = await slash(h, 'alice', 'lunch', 'setup close="someday" tz=KST size=9 reminders=abc carryover=maybe colour=red');

    expect(reply).toMatch(/Invalid setting "colour": use key=value pairs with these keys: open, close, tz/);
    const fields = await slash(h, 'alice', 'lunch', 'setup close="someday" tz=KST size=9 reminders=abc carryover=maybe');
    expect(fields).toMatch(/close: Invalid schedule "someday": expected days and a time/);
    expect(fields).not.toMatch(/Invalid close/);
    expect(fields).toMatch(/Invalid tz "KST"/);
    expect(fields).toMatch(/Invalid size "9": use a whole number from 2 to 8/);
    expect(fields).toMatch(/Invalid reminders "abc"/);
    expect(fields).toMatch(/Invalid carryover "maybe"/);
    expect(await h.database.db.selectFrom('round_configs').selectAll().execute()).toHaveLength(0);
  });

  test('korean setup errors are korean', async () => {
    const reply = await slash(h, 'alice', 'lunch', '설정 close="평일 12:00" size=9 carryover=글쎄');

    expect(reply).toMatch(/size 값 "9"이\(가\) 올바르지 않아요: 2부터 8 사이의 정수를 쓰세요/);
    expect(reply).toMatch(/carryover 값 "글쎄"이\(가\) 올바르지 않아요: yes\(다음 라운드로 신청 유지\)/);
    expect(reply).not.toMatch(/use a whole number/);
  });

  test('setup without a time zone uses the user\'s', async () => {
    // alice's Slack profile in the simulator has a time zone; a missing tz= takes it.
    const reply = await slash(h, 'alice', 'lunch', 'setup close="weekdays 12:00" size=3 carryover=yes');
    const row = await h.database.db.selectFrom('round_configs').selectAll().executeTakeFirstOrThrow();
    const alice = h.sim.workspace.requireUser('alice');

    expect(reply).toMatch(/Saved/);
    expect(row.time_zone).toBe(alice.tz);
    // The standing list became the first round, with bob still on it.
    expect(await slash(h, 'bob', 'lunch', 'list')).toMatch(/1 person registered\* for the round/);
  });

  test('others are refused with the organisers named', async () => {
    for (const text of ['setup close="daily 9:00"', 'open', 'close', 'pause', 'resume', 'setup off']) {
      const reply = await slash(h, 'carol', 'lunch', text);

      expect(reply).toMatch(/Only this channel's organisers and workspace admins/);
      expect(reply).toContain(`<@${id('alice')}>`);
    }
    const add = await slash(h, 'carol', 'lunch', `organisers add <@${id('carol')}>`);
    expect(add).toMatch(/Only this channel's organisers/);
  });

  test('anyone can see the configuration', async () => {
    const reply = await slash(h, 'carol', 'lunch', 'config');

    expect(reply).toMatch(/Group size: 3/);
    expect(reply).toMatch(/carry over/);
    expect(reply).toContain(`<@${id('alice')}>`);
  });

  test('workspace admin is always an organiser', async () => {
    expect(await slash(h, 'boss', 'lunch', 'pause')).toMatch(/^Paused/);
    expect(await slash(h, 'boss', 'lunch', 'pause')).toMatch(/already paused/);
    expect(await slash(h, 'boss', 'lunch', 'resume')).toMatch(/^Resumed/);
  });

  test('organiser adds and removes another', async () => {
    expect(await slash(h, 'alice', 'lunch', `organisers add <@${id('carol')}|carol>`)).toMatch(/is now an organiser/);
    expect(await slash(h, 'alice', 'lunch', `organisers add <@${id('carol')}>`)).toMatch(/already is an organiser/);
    expect(await slash(h, 'carol', 'lunch', 'pause')).toMatch(/^Paused/);
    expect(await slash(h, 'carol', 'lunch', 'resume')).toMatch(/^Resumed/);
    expect(await slash(h, 'alice', 'lunch', `organisers remove <@${id('carol')}>`)).toMatch(/no longer an organiser/);
    expect(await slash(h, 'alice', 'lunch', `organisers remove <@${id('alice')}>`)).toMatch(/can't remove the last organiser/);
    expect(await slash(h, 'alice', 'lunch', 'organisers add @carol')).toMatch(/organisers add @person/);
  });

  test('open now and close now draw at once', async () => {
    for (const name of ['alice', 'carol', 'dana']) {
      await slash(h, name, 'lunch', 'register');
    }
    const mark = h.sim.mark();
    const reply = await slash(h, 'alice', 'lunch', 'close');
    const messages = h.sim.messages.slice(mark);

    expect(reply).toMatch(/Closed the round: 4 signed up, 1 group/);
    expect(posts(messages, lunch).some((m) => /groups:/.test(m.text ?? ''))).toBe(true);
    expect(directPosts(h, messages)).toHaveLength(1);
    // Continuous rounds reopen at once, with everyone carried over.
    expect(await slash(h, 'alice', 'lunch', 'open')).toMatch(/A round is already open/);
    expect(await slash(h, 'bob', 'lunch', 'list')).toMatch(/4 people registered/);
  });

  test('skip sits out one draw only', async () => {
    expect(await slash(h, 'dana', 'lunch', 'skip')).toMatch(/sit out the round/);
    expect(await slash(h, 'dana', 'lunch', 'skip')).toMatch(/already sit out/);
    const list = await slash(h, 'dana', 'lunch', 'list');
    expect(list).toMatch(/3 people registered/);
    expect(list).toMatch(/Sitting out this round \(1\)/);
    await slash(h, 'alice', 'lunch', 'close');
    const members = await h.database.db
      .selectFrom('group_members')
      .innerJoin('lists', 'lists.id', 'group_members.list_id')
      .select('user_id')
      .orderBy('lists.id', 'desc')
      .execute();
    expect(members.slice(0, 3).map((m) => m.user_id)).not.toContain(id('dana'));
    expect(await slash(h, 'dana', 'lunch', 'list')).toMatch(/4 people registered/);
  });

  test('paused channel runs no slots', async () => {
    await slash(h, 'alice', 'lunch', 'pause');
    const messages = await tickAt(h, clock, '2026-12-08T06:00:00Z');

    expect(posts(messages, lunch)).toHaveLength(0);
    await slash(h, 'alice', 'lunch', 'resume');
    // Slots that passed while paused are not caught up after resuming.
    expect(posts(await tickAt(h, clock, '2026-12-08T06:01:00Z'), lunch)).toHaveLength(0);
  });

  test('setup off leaves a plain list', async () => {
    expect(await slash(h, 'alice', 'lunch', 'setup off')).toMatch(/Removed the scheduled rounds/);
    expect(await slash(h, 'bob', 'lunch', 'list')).toMatch(/4 people registered\*, in sign-up order/);
  });
});
