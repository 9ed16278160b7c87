import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { ManualClock } from '../helpers/clock.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { slash } from './helpers.js';

const clock = new ManualClock('2026-12-07T00:00:00Z');
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ clock });
  h.sim.workspace.addChannel({ name: 'lunch', botIsMember: true });
});

afterAll(async () => {
  await h.close();
});

async function openForm(user: string) {
  await h.sim.sendSlashCommand({ user, channel: 'lunch', text: 'setup' });
  for (let i = 0; i < 50 && h.sim.openModals(user).length === 0; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const modal = h.sim.openModals(user).at(-1);
  if (!modal) {
    throw new Error('the setup form did not open');
  }

  return modal;
}

const values = (fields: Record<string, string>) =>
  Object.fromEntries(Object.entries(fields).map(([block, value]) => [block, { value }]));

describe('setup form', () => {
  test('opens with the user time zone filled in', async () => {
    const modal = await openForm('alice');
    const alice = h.sim.workspace.requireUser('alice');

    expect(modal.callback_id).toBe('mate_round_setup');
    expect(JSON.stringify(modal.blocks)).toContain(`"initial_value":"${alice.tz}"`);
  });

  test('invalid fields come back as form errors', async () => {
    const modal = h.sim.openModals('alice').at(-1);
    const result = await h.sim.sendViewSubmission({
      user: 'alice',
      viewId: modal?.id as string,
      values: values({ close: 'sometime', tz: 'Nowhere/City', reminders: '-5', size: '2', carryover: 'no' }),
    });
    const errors = result.ackPayload.errors as Record<string, string>;

    expect(result.ackPayload.response_action).toBe('errors');
    expect(errors.close).toMatch(/^close: Invalid schedule "sometime"/);
    expect(errors.tz).toMatch(/Invalid tz "Nowhere\/City"/);
    expect(errors.reminders).toMatch(/Invalid reminders "-5"/);
    // The form stays open with what the user typed.
    expect(result.openViews).toHaveLength(1);
    expect(await h.database.db.selectFrom('round_configs').selectAll().execute()).toHaveLength(0);
  });

  test('valid form saves and confirms', async () => {
    const modal = h.sim.openModals('alice').at(-1);
    const mark = h.sim.mark();
    const result = await h.sim.sendViewSubmission({
      user: 'alice',
      viewId: modal?.id as string,
      values: values({
        title: 'Lunch',
        close: 'weekdays 11:50',
        open: '',
        tz: 'Asia/Seoul',
        reminders: '30, 10',
        size: '4',
        carryover: 'yes',
      }),
    });
    const alice = h.sim.workspace.requireUser('alice').id;
    const confirmation = await h.sim.waitFor((m) => m.source === 'response_url' && m.user === alice, {
      since: mark,
    });
    const row = await h.database.db.selectFrom('round_configs').selectAll().executeTakeFirstOrThrow();

    expect(result.openViews).toHaveLength(0);
    expect(confirmation.text).toMatch(/^Saved\./);
    expect(row).toMatchObject({
      close_schedule: '50 11 * * 1-5',
      open_schedule: null,
      time_zone: 'Asia/Seoul',
      reminder_minutes: [30, 10],
      group_size: 4,
      carry_over: true,
      title: 'Lunch',
    });
    // No open schedule: the first round opened when the settings were saved.
    expect(h.sim.messages.slice(mark).some((m) => /\*Lunch\* is open/.test(m.text ?? ''))).toBe(true);
  });

  test('form shows saved settings next time', async () => {
    const modal = await openForm('alice');
    const blocks = JSON.stringify(modal.blocks);

    expect(blocks).toContain('"initial_value":"50 11 * * 1-5"');
    expect(blocks).toContain('"initial_value":"30, 10"');
  });

  test('non-organiser cannot save the form', async () => {
    const modal = await openForm('carol').catch(() => undefined);
    const reply = modal ? undefined : await slash(h, 'carol', 'lunch', 'setup');

    // Carol is refused before any form opens.
    expect(modal).toBeUndefined();
    expect(reply).toMatch(/Only this channel's organisers/);
  });
});
