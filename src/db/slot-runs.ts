import { type Kysely, sql } from 'kysely';

import type { Database } from './schema.js';

type Db = Kysely<Database>;

export interface SlotClaim {
  slotId: string;
  /** True when an earlier attempt already recorded the slot's plan (its outbox items). */
  planned: boolean;
  attempts: number;
}

/**
 * Takes a slot for `owner` until `leaseUntil`. Returns undefined when the slot is done, or
 * when another owner holds a lease that has not expired. The insert and the takeover are one
 * statement, so two processes racing for a slot cannot both win.
 */
export async function claimSlot(
  db: Db,
  values: { slotId: string; kind: string; dueAt: Date; owner: string; now: Date; leaseUntil: Date },
): Promise<SlotClaim | undefined> {
  const row = await db
    .insertInto('slot_runs')
    .values({
      slot_id: values.slotId,
      kind: values.kind,
      due_at: values.dueAt,
      status: 'running',
      owner: values.owner,
      lease_until: values.leaseUntil,
      attempts: 1,
    })
    .onConflict((oc) =>
      oc
        .column('slot_id')
        .doUpdateSet({
          owner: values.owner,
          lease_until: values.leaseUntil,
          attempts: sql<number>`slot_runs.attempts + 1`,
        })
        .where('slot_runs.status', '=', 'running')
        .where((eb) =>
          eb.or([
            eb('slot_runs.lease_until', '<', values.now),
            eb('slot_runs.owner', '=', values.owner),
          ]),
        ),
    )
    .returning(['slot_id', 'outcome', 'attempts'])
    .executeTakeFirst();
  if (!row) {
    return undefined;
  }

  return { slotId: row.slot_id, planned: row.outcome !== null, attempts: row.attempts };
}

/** Extends the lease while the owner is still working, so no other process takes the slot. */
export async function renewSlotLease(
  db: Db,
  slotId: string,
  owner: string,
  leaseUntil: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('slot_runs')
    .set({ lease_until: leaseUntil })
    .where('slot_id', '=', slotId)
    .where('owner', '=', owner)
    .where('status', '=', 'running')
    .executeTakeFirst();

  return result.numUpdatedRows > 0n;
}

/** Records the plan's outcome; later attempts then deliver instead of planning again. */
export async function markSlotPlanned(db: Db, slotId: string, outcome: string): Promise<void> {
  await db.updateTable('slot_runs').set({ outcome }).where('slot_id', '=', slotId).execute();
}

export async function markSlotDone(db: Db, slotId: string, finishedAt: Date): Promise<void> {
  await db
    .updateTable('slot_runs')
    .set({ status: 'done', finished_at: finishedAt, lease_until: null })
    .where('slot_id', '=', slotId)
    .execute();
}

export async function findSlotRun(db: Db, slotId: string) {
  return db.selectFrom('slot_runs').selectAll().where('slot_id', '=', slotId).executeTakeFirst();
}

/** Slots some process started and did not finish, for resuming after a crash. */
export async function unfinishedSlots(db: Db): Promise<Array<{ slotId: string; kind: string; dueAt: Date }>> {
  const rows = await db
    .selectFrom('slot_runs')
    .select(['slot_id', 'kind', 'due_at'])
    .where('status', '=', 'running')
    .orderBy('due_at')
    .execute();

  return rows.map((row) => ({ slotId: row.slot_id, kind: row.kind, dueAt: row.due_at }));
}

export async function readCursor(db: Db, scheduleId: string): Promise<Date | undefined> {
  const row = await db
    .selectFrom('schedule_cursors')
    .select('checked_through')
    .where('schedule_id', '=', scheduleId)
    .executeTakeFirst();

  return row?.checked_through;
}

/** Moves a schedule's cursor forward; a cursor never moves back. */
export async function advanceCursor(db: Db, scheduleId: string, checkedThrough: Date): Promise<void> {
  await db
    .insertInto('schedule_cursors')
    .values({ schedule_id: scheduleId, checked_through: checkedThrough })
    .onConflict((oc) =>
      oc.column('schedule_id').doUpdateSet({
        checked_through: sql<Date>`greatest(schedule_cursors.checked_through, excluded.checked_through)`,
      }),
    )
    .execute();
}

/** Sets a cursor even backwards or forwards, used when a schedule is replaced. */
export async function resetCursor(db: Db, scheduleId: string, checkedThrough: Date): Promise<void> {
  await db
    .insertInto('schedule_cursors')
    .values({ schedule_id: scheduleId, checked_through: checkedThrough })
    .onConflict((oc) => oc.column('schedule_id').doUpdateSet({ checked_through: checkedThrough }))
    .execute();
}
