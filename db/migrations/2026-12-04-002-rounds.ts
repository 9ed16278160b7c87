import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One row per channel that runs scheduled rounds. Schedules are stored as 5-field cron
  // expressions; a null open_schedule means each round opens as the previous one closes.
  await db.schema
    .createTable('round_configs')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('open_schedule', 'text')
    .addColumn('close_schedule', 'text', (col) => col.notNull())
    .addColumn('time_zone', 'text', (col) => col.notNull())
    .addColumn('reminder_minutes', sql`integer[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('group_size', 'integer', (col) => col.notNull())
    .addColumn('carry_over', 'boolean', (col) => col.notNull())
    .addColumn('paused', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('title', 'text')
    .addColumn('language', 'text')
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('round_configs_pk', ['team_id', 'channel_id'])
    .addCheckConstraint('round_configs_group_size', sql`group_size between 2 and 8`)
    .execute();

  await db.schema
    .createTable('organisers')
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('added_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('organisers_pk', ['team_id', 'channel_id', 'user_id'])
    .execute();

  // A round is a list with a closing time. close_key is the close slot's local wall time,
  // which names the round in reminders and scheduler runs.
  await db.schema
    .alterTable('lists')
    .addColumn('closes_at', 'timestamptz')
    .addColumn('close_key', 'text')
    .addColumn('announcement_channel', 'text')
    .addColumn('announcement_ts', 'text')
    .addColumn('match_seed', 'text')
    .execute();

  // A carry-over member who skips sits out the next draw but stays signed up.
  await db.schema
    .alterTable('signups')
    .addColumn('skipped', 'boolean', (col) => col.notNull().defaultTo(false))
    .execute();

  // Who was grouped with whom, for the history the matcher avoids repeating.
  await db.schema
    .createTable('group_members')
    .addColumn('list_id', 'bigint', (col) =>
      col.notNull().references('lists.id').onDelete('cascade'),
    )
    .addColumn('group_number', 'integer', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('group_members_pk', ['list_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('scheduled_posts')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('schedule', 'text', (col) => col.notNull())
    .addColumn('time_zone', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('deleted_at', 'timestamptz')
    .execute();

  // One row per schedule slot that some process has taken on. The primary key is what makes
  // each slot run once across processes; the lease lets another process resume a slot whose
  // owner died.
  await db.schema
    .createTable('slot_runs')
    .addColumn('slot_id', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('due_at', 'timestamptz', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('owner', 'text')
    .addColumn('lease_until', 'timestamptz')
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('outcome', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addCheckConstraint('slot_runs_status', sql`status in ('running', 'done')`)
    .execute();

  // How far each schedule has been checked, so a restart catches up from there.
  await db.schema
    .createTable('schedule_cursors')
    .addColumn('schedule_id', 'text', (col) => col.primaryKey())
    .addColumn('checked_through', 'timestamptz', (col) => col.notNull())
    .execute();

  // Messages a slot must send. Each is recorded before it is sent, and marked sent with its ts
  // after; one left in 'sending' by a crash is looked up in the conversation before any resend.
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('slot_id', 'text', (col) => col.notNull())
    .addColumn('item_key', 'text', (col) => col.notNull().unique())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('payload', 'jsonb', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('attempted_at', 'timestamptz')
    .addColumn('channel_id', 'text')
    .addColumn('message_ts', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('outbox_status', sql`status in ('pending', 'sending', 'sent', 'failed')`)
    .execute();

  await db.schema.createIndex('outbox_slot').on('outbox').column('slot_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox').execute();
  await db.schema.dropTable('schedule_cursors').execute();
  await db.schema.dropTable('slot_runs').execute();
  await db.schema.dropTable('scheduled_posts').execute();
  await db.schema.dropTable('group_members').execute();
  await db.schema.alterTable('signups').dropColumn('skipped').execute();
  await db.schema
    .alterTable('lists')
    .dropColumn('closes_at')
    .dropColumn('close_key')
    .dropColumn('announcement_channel')
    .dropColumn('announcement_ts')
    .dropColumn('match_seed')
    .execute();
  await db.schema.dropTable('organisers').execute();
  await db.schema.dropTable('round_configs').execute();
}
