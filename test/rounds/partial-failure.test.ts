import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { sql } from 'kysely';

import { ManualClock } from '../helpers/clock.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { slash } from './helpers.js';

const clock = new ManualClock('2026-12-07T01:00:00Z');
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ clock });
  h.sim.workspace.addChannel({ name: 'lunch', botIsMember: true });
  await slash(h, 'alice', 'lunch', 'setup close="daily 12:00" tz=UTC size=2');
});

afterAll(async () => {
  await h.close();
});

test('failure after saving says so', async () => {
  // Without its outbox table the scheduler cannot plan the close, after the command itself
  // has already been recorded.
  await sql`alter table outbox rename to outbox_hidden`.execute(h.database.db);
  let reply: string;
  try {
    reply = await slash(h, 'alice', 'lunch', 'close');
  } finally {
    await sql`alter table outbox_hidden rename to outbox`.execute(h.database.db);
  }

  expect(reply).toMatch(/after part of that was saved\. Check with `\/mate config`/);
  expect(reply).not.toMatch(/nothing was changed/);
  expect(h.logs.text()).toMatch(/"msg":"command failed"/);
});

test('failure before saving says nothing changed', async () => {
  await sql`alter table processed_events rename to processed_events_hidden`.execute(h.database.db);
  let reply: string;
  try {
    reply = await slash(h, 'bob', 'lunch', 'register');
  } finally {
    await sql`alter table processed_events_hidden rename to processed_events`.execute(h.database.db);
  }

  expect(reply).toMatch(/nothing was changed/);
});
