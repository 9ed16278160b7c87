import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { ManualClock } from '../helpers/clock.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { slash } from '../rounds/helpers.js';

// Monday 2026-12-07, 10:00 in Seoul.
const clock = new ManualClock('2026-12-07T01:00:00Z');
let h: Harness;
let bot: string;

beforeAll(async () => {
  h = await startHarness({ clock });
  bot = h.sim.workspace.bot.userId;
  h.sim.workspace.addChannel({ name: 'standup', botIsMember: true });
});

afterAll(async () => {
  await h.close();
});

/** Posts a message as `user` and returns the bot's posts that followed. */
async function mention(user: string, channel: string, text: string): Promise<string[]> {
  const mark = h.sim.mark();
  await h.sim.sendMessage({ user, channel, text });
  await new Promise((resolve) => setTimeout(resolve, 300));

  return h.sim.messages
    .slice(mark)
    .filter((message) => message.kind === 'post')
    .map((message) => message.text ?? '');
}

async function storedPostTexts(): Promise<string[]> {
  const rows = await h.database.db.selectFrom('scheduled_posts').select('text').orderBy('id').execute();

  return rows.map((row) => row.text);
}

describe('scheduled post text', () => {
  test('mention with a label keeps the text', async () => {
    // Slack clients may send a mention as <@U123|name>, with a | inside it.
    const replies = await mention('alice', 'standup', `<@${bot}|mate> schedule daily 9:00 | Stand-up!`);

    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(/Scheduled post #\d+/);
    expect(await storedPostTexts()).toEqual(['Stand-up!']);
  });

  test('plain mention keeps the text', async () => {
    await mention('alice', 'standup', `<@${bot}> schedule daily 9:30 | Demo & tea`);

    expect((await storedPostTexts()).at(-1)).toBe('Demo & tea');
  });
});

describe('scheduled post list', () => {
  test('list quotes text escaped once', async () => {
    // Slack escapes &, < and > in slash command text, and the post is stored that way.
    await slash(h, 'alice', 'standup', 'schedule daily 16:00 | Tea &amp; cake for &lt;everyone&gt;');
    const reply = await slash(h, 'alice', 'standup', 'schedule list');

    expect(reply).toContain('"Tea &amp; cake for &lt;everyone&gt;"');
    expect(reply).not.toContain('&amp;amp;');
  });
});
