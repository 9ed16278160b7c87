import { type Kysely, sql } from 'kysely';

import type { Database, OutboxPayload, OutboxRow, OutboxStatus } from './schema.js';

type Db = Kysely<Database>;

export interface NewOutboxItem {
  /** Unique across all slots; the message metadata carries it so a resend can be detected. */
  itemKey: string;
  kind: string;
  payload: OutboxPayload;
}

/** Records a slot's messages; items already recorded (same key) are left as they are. */
export async function enqueueOutbox(db: Db, slotId: string, items: NewOutboxItem[]): Promise<void> {
  if (items.length === 0) {
    return;
  }
  await db
    .insertInto('outbox')
    .values(
      items.map((item) => ({
        slot_id: slotId,
        item_key: item.itemKey,
        kind: item.kind,
        payload: JSON.stringify(item.payload),
      })),
    )
    .onConflict((oc) => oc.column('item_key').doNothing())
    .execute();
}

/** Returns the slot's messages not yet sent or given up on, in the order they were planned. */
export async function undeliveredItems(db: Db, slotId: string): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('slot_id', '=', slotId)
    .where('status', 'in', ['pending', 'sending'])
    .orderBy('id')
    .execute();
}

export async function outboxForSlot(db: Db, slotId: string): Promise<OutboxRow[]> {
  return db.selectFrom('outbox').selectAll().where('slot_id', '=', slotId).orderBy('id').execute();
}

/**
 * Marks an item as being sent, if it is still in the status the caller read. Returns false
 * when another process changed it in between, which means this one must not send it.
 */
export async function beginSend(
  db: Db,
  id: string,
  expected: OutboxStatus,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'sending', attempted_at: now, attempts: sql<number>`attempts + 1` })
    .where('id', '=', id)
    .where('status', '=', expected)
    .executeTakeFirst();

  return result.numUpdatedRows > 0n;
}

export async function setOutboxChannel(db: Db, id: string, channelId: string): Promise<void> {
  await db.updateTable('outbox').set({ channel_id: channelId }).where('id', '=', id).execute();
}

export async function markSent(
  db: Db,
  id: string,
  channelId: string,
  messageTs: string,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'sent', channel_id: channelId, message_ts: messageTs, error: null })
    .where('id', '=', id)
    .execute();
}

export async function markFailed(db: Db, id: string, error: string): Promise<void> {
  await db.updateTable('outbox').set({ status: 'failed', error }).where('id', '=', id).execute();
}

/**
 * Marks the slot's messages that are not sent yet as failed with `reason`, for a resumed slot
 * whose messages would now be wrong. Returns how many it marked.
 */
export async function expireUndelivered(db: Db, slotId: string, reason: string): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'failed', error: reason })
    .where('slot_id', '=', slotId)
    .where('status', 'in', ['pending', 'sending'])
    .executeTakeFirst();

  return Number(result.numUpdatedRows);
}
