import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { ManualClock } from '../helpers/clock.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { directPosts, membersOf, posts, slash, tickAt } from './helpers.js';

// Monday 2026-12-07. Seoul is UTC+9 with no daylight saving; London is UTC+0 in December.
const clock = new ManualClock('2026-12-06T23:00:00Z');
let h: Harness;
let lunch: string;
let coffee: string;

beforeAll(async () => {
  h = await startHarness({ clock });
  for (const name of ['dana', 'erin', 'frank']) {
    h.sim.workspace.addUser({ name, tz: 'Asia/Seoul' });
  }
  lunch = h.sim.workspace.addChannel({ name: 'lunch', botIsMember: true }).id;
  coffee = h.sim.workspace.addChannel({ name: 'coffee', botIsMember: true }).id;
});

afterAll(async () => {
  await h.close();
});

describe('daily lunch round in Asia/Seoul', () => {
  test('setup saves and makes the user organiser', async () => {
    const reply = await slash(
      h,
      'alice',
      'lunch',
      'setup close="weekdays 11:50" open="weekdays 9:00" tz=Asia/Seoul reminders=30,10 size=2 carryover=no title="Lunch"',
    );
    const organisers = await h.database.db.selectFrom('organisers').select('user_id').execute();

    expect(reply).toMatch(/^Saved\./);
    expect(reply).toContain('Asia/Seoul');
    expect(reply).toContain('30 min, 10 min before closing');
    expect(organisers.map((row) => row.user_id)).toEqual([h.sim.workspace.requireUser('alice').id]);
  });

  test('register before the round opens says when', async () => {
    const reply = await slash(h, 'bob', 'lunch', 'register');

    expect(reply).toMatch(/No round is open.*next one opens/);
  });

  test('round opens at 09:00 local with buttons', async () => {
    expect(posts(await tickAt(h, clock, '2026-12-06T23:59:00Z'))).toHaveLength(0);
    const messages = await tickAt(h, clock, '2026-12-07T00:00:30Z');
    const announcement = posts(messages, lunch);

    expect(announcement).toHaveLength(1);
    expect(announcement[0]?.text).toMatch(/\*Lunch\* is open/);
    const actions = JSON.stringify(announcement[0]?.blocks);
    expect(actions).toContain('mate_round_join');
    expect(actions).toContain('mate_round_leave');
  });

  test('a tick in the same minute posts nothing again', async () => {
    expect(posts(await tickAt(h, clock, '2026-12-07T00:00:50Z'))).toHaveLength(0);
  });

  test('register names the close and updates the count', async () => {
    const reply = await slash(h, 'bob', 'lunch', 'register');
    const updates = h.sim.messages.filter((m) => m.kind === 'update' && m.channel === lunch);

    expect(reply).toMatch(/registered for the round that closes .*11:50/);
    expect(JSON.stringify(updates.at(-1)?.blocks)).toContain('1 person signed up');
  });

  test('join button signs up and leave button removes', async () => {
    const announcement = posts(h.sim.messages, lunch)[0];
    const ts = announcement?.ts as string;
    await h.sim.sendBlockAction({ user: 'carol', actionId: 'mate_round_join', channel: lunch, messageTs: ts });
    await h.sim.sendBlockAction({ user: 'dana', actionId: 'mate_round_join', channel: lunch, messageTs: ts });
    await h.sim.sendBlockAction({ user: 'erin', actionId: 'mate_round_join', channel: lunch, messageTs: ts });
    await h.sim.sendBlockAction({ user: 'erin', actionId: 'mate_round_leave', channel: lunch, messageTs: ts });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const list = await slash(h, 'carol', 'lunch', 'list');

    expect(list).toMatch(/3 people registered/);
    const updates = h.sim.messages.filter((m) => m.kind === 'update' && m.channel === lunch);
    expect(JSON.stringify(updates.at(-1)?.blocks)).toContain('3 people signed up');
  });

  test('reminders at 30 and 10 minutes before close', async () => {
    const thirty = posts(await tickAt(h, clock, '2026-12-07T02:20:00Z'), lunch);
    const ten = posts(await tickAt(h, clock, '2026-12-07T02:40:10Z'), lunch);

    expect(thirty).toHaveLength(1);
    expect(thirty[0]?.text).toMatch(/closes in 30 min.*3 people have signed up/);
    expect(ten).toHaveLength(1);
    expect(ten[0]?.text).toMatch(/closes in 10 min/);
  });

  test('close at 11:50 posts groups and introduces them', async () => {
    const messages = await tickAt(h, clock, '2026-12-07T02:50:05Z');
    const results = posts(messages, lunch);
    const dms = directPosts(h, messages);

    expect(results).toHaveLength(1);
    expect(results[0]?.text).toMatch(/\*Lunch\* groups:\n1\. <@U\w+>, <@U\w+>, <@U\w+>/);
    // Three people in pairs make one group of three, so nobody is alone.
    expect(dms).toHaveLength(1);
    const group = membersOf(h, dms[0]?.channel as string);
    const signedUp = ['bob', 'carol', 'dana'].map((n) => h.sim.workspace.requireUser(n).id).sort();
    expect(group).toEqual(signedUp);
    expect(dms[0]?.text).toMatch(/You're a group for \*Lunch\* from <#/);
    const closed = h.sim.messages.filter((m) => m.kind === 'update' && m.channel === lunch).at(-1);
    expect(closed?.text).toMatch(/is closed: 3 signed up, 1 group/);
  });

  test('unregister after close changes nothing', async () => {
    const reply = await slash(h, 'bob', 'lunch', 'unregister');
    const members = await h.database.db.selectFrom('group_members').select('user_id').execute();

    expect(reply).toMatch(/weren't registered/);
    expect(members).toHaveLength(3);
  });

  test('button on a closed round says so', async () => {
    // A client that has not redrawn the post still shows the old buttons.
    const announcement = posts(h.sim.messages, lunch)[0];
    const oldButtons = JSON.stringify(announcement?.blocks);
    const listId = /"value":"(\d+)"/.exec(oldButtons)?.[1] as string;
    const mark = h.sim.mark();
    await h.sim.sendBlockAction({
      user: 'frank',
      actionId: 'mate_round_join',
      channel: lunch,
      messageTs: announcement?.ts as string,
      blockId: `round_${listId}`,
      value: listId,
    });
    const reply = await h.sim.waitFor((m) => m.source === 'response_url', { since: mark });

    expect(reply.text).toMatch(/round has closed/);
  });

  test('next day opens an empty round', async () => {
    const messages = await tickAt(h, clock, '2026-12-08T00:00:20Z');

    expect(posts(messages, lunch)).toHaveLength(1);
    expect(await slash(h, 'bob', 'lunch', 'list')).toMatch(/Nobody has registered yet/);
  });

  test('single sign-up gets a DM saying so', async () => {
    await slash(h, 'frank', 'lunch', 'register');
    const messages = await tickAt(h, clock, '2026-12-08T02:50:00Z');
    const dms = directPosts(h, messages);

    expect(dms).toHaveLength(1);
    expect(membersOf(h, dms[0]?.channel as string)).toEqual([h.sim.workspace.requireUser('frank').id]);
    expect(dms[0]?.text).toMatch(/only one signed up/);
    expect(posts(messages, lunch)[0]?.text).toMatch(/nobody else signed up/);
  });
});

describe('weekly coffee in Europe/London beside it', () => {
  test('continuous carry-over round opens at setup', async () => {
    clock.set('2026-12-08T03:00:00Z');
    const mark = h.sim.mark();
    const reply = await slash(h, 'bob', 'coffee', 'setup close="mondays 10:00" tz=Europe/London size=2 carryover=yes title="Coffee"');
    const announcement = posts(h.sim.messages.slice(mark), coffee);

    expect(reply).toMatch(/Saved/);
    expect(announcement).toHaveLength(1);
    expect(announcement[0]?.text).toMatch(/\*Coffee\* is open/);
  });

  test('weekly close draws pairs and keeps sign-ups', async () => {
    for (const user of ['alice', 'bob', 'carol', 'dana']) {
      await slash(h, user, 'coffee', 'register');
    }
    await slash(h, 'dana', 'coffee', 'skip');
    // The lunch round of Monday 14 December closes at 02:50 UTC and opens at 00:00; coffee
    // closes at 10:00 London, which is 10:00 UTC in winter.
    const before = await tickAt(h, clock, '2026-12-14T09:59:00Z');
    const messages = await tickAt(h, clock, '2026-12-14T10:00:00Z');
    const dms = directPosts(h, messages);

    expect(posts(before, coffee)).toHaveLength(0);
    expect(posts(messages, coffee)[0]?.text).toMatch(/\*Coffee\* groups:/);
    // dana skipped, so three people: one group of three.
    expect(dms).toHaveLength(1);
    expect(membersOf(h, dms[0]?.channel as string)).not.toContain(h.sim.workspace.requireUser('dana').id);
    // The next round opened right away with everyone carried over, dana included.
    expect(posts(messages, coffee).some((m) => /is open/.test(m.text ?? ''))).toBe(true);
    expect(await slash(h, 'alice', 'coffee', 'list')).toMatch(/4 people registered/);
  });

  test('lunch slots older than the catch-up limit were dropped', async () => {
    const opens = posts(h.sim.messages, lunch).filter((m) => /is open/.test(m.text ?? ''));
    const reminders = posts(h.sim.messages, lunch).filter((m) => /closes in/.test(m.text ?? ''));

    // Nothing ticked from Tuesday 8 to Monday 14 10:00 UTC. Wednesday to Friday are older than
    // the 48-hour limit, and Monday's round would have opened and closed before 10:00, so
    // only the openings of Monday 7 and Tuesday 8 happened.
    expect(opens).toHaveLength(2);
    expect(reminders).toHaveLength(2);
    expect(h.logs.text()).toMatch(/older slots are dropped/);
  });
});
