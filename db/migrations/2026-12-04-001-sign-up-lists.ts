import { type Kysely, sql } from 'kysely';

// Migrations take Kysely<any> because they must keep working after the typed schema in
// src/db/schema.ts has moved on.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('lists')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('open'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('closed_at', 'timestamptz')
    .addCheckConstraint('lists_status_check', sql`status in ('open', 'closed')`)
    .execute();

  // At most one open list per channel; a concurrent get-or-create relies on this index.
  await db.schema
    .createIndex('lists_one_open_per_channel')
    .on('lists')
    .columns(['team_id', 'channel_id'])
    .unique()
    .where(sql.ref('status'), '=', 'open')
    .execute();

  await db.schema
    .createTable('signups')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('list_id', 'bigint', (col) =>
      col.notNull().references('lists.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('signups_one_per_user', ['list_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('processed_events')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('received_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createIndex('processed_events_received_at')
    .on('processed_events')
    .column('received_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('processed_events').execute();
  await db.schema.dropTable('signups').execute();
  await db.schema.dropTable('lists').execute();
}
