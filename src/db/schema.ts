import type { ColumnType, Generated, Insertable, JSONColumnType, Selectable } from 'kysely';

/** A bigint column: pg returns int8 as a string so that no precision is lost. */
type BigId = ColumnType<string, string | number | bigint, string | number | bigint>;

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

type Timestamp = ColumnType<Date, Date | string, Date | string>;

type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;

export interface ListTable {
  id: Generated<string>;
  team_id: string;
  channel_id: string;
  status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>;
  created_at: CreatedAt;
  closed_at: NullableTimestamp;
  /** When a scheduled round closes; null for a channel's standing list. */
  closes_at: NullableTimestamp;
  /** The close slot's local wall time, such as 2026-12-04T11:50. */
  close_key: string | null;
  announcement_channel: string | null;
  announcement_ts: string | null;
  match_seed: string | null;
}

export interface SignupTable {
  id: Generated<string>;
  list_id: BigId;
  user_id: string;
  created_at: CreatedAt;
  skipped: Generated<boolean>;
}

export interface ProcessedEventTable {
  key: string;
  received_at: CreatedAt;
}

export interface RoundConfigTable {
  team_id: string;
  channel_id: string;
  open_schedule: string | null;
  close_schedule: string;
  time_zone: string;
  reminder_minutes: ColumnType<number[], number[] | undefined, number[]>;
  group_size: number;
  carry_over: boolean;
  paused: Generated<boolean>;
  title: string | null;
  language: 'en' | 'ko' | null;
  created_by: string;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface OrganiserTable {
  team_id: string;
  channel_id: string;
  user_id: string;
  added_by: string;
  created_at: CreatedAt;
}

export interface GroupMemberTable {
  list_id: BigId;
  group_number: number;
  user_id: string;
}

export interface ScheduledPostTable {
  id: Generated<string>;
  team_id: string;
  channel_id: string;
  text: string;
  schedule: string;
  time_zone: string;
  created_by: string;
  created_at: CreatedAt;
  deleted_at: NullableTimestamp;
}

export interface SlotRunTable {
  slot_id: string;
  kind: string;
  due_at: Timestamp;
  status: 'running' | 'done';
  owner: string | null;
  lease_until: NullableTimestamp;
  attempts: Generated<number>;
  outcome: string | null;
  created_at: CreatedAt;
  finished_at: NullableTimestamp;
}

export interface ScheduleCursorTable {
  schedule_id: string;
  checked_through: Timestamp;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxPayload {
  /** Destination channel id; absent when `users` names a DM or group DM to open. */
  channel?: string;
  users?: string[];
  text: string;
  blocks?: unknown[];
  /** Text for a group DM that ends up with one person, because the others left Slack. */
  soloText?: string;
  /** Store the posted message as the list's announcement, so its count can be updated. */
  announcementForList?: string;
}

export interface OutboxTable {
  id: Generated<string>;
  slot_id: string;
  item_key: string;
  kind: string;
  payload: JSONColumnType<OutboxPayload>;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: Generated<number>;
  attempted_at: NullableTimestamp;
  channel_id: string | null;
  message_ts: string | null;
  error: string | null;
  created_at: CreatedAt;
}

export interface Database {
  lists: ListTable;
  signups: SignupTable;
  processed_events: ProcessedEventTable;
  round_configs: RoundConfigTable;
  organisers: OrganiserTable;
  group_members: GroupMemberTable;
  scheduled_posts: ScheduledPostTable;
  slot_runs: SlotRunTable;
  schedule_cursors: ScheduleCursorTable;
  outbox: OutboxTable;
}

export type ListRow = Selectable<ListTable>;
export type NewList = Insertable<ListTable>;
export type SignupRow = Selectable<SignupTable>;
export type RoundConfigRow = Selectable<RoundConfigTable>;
export type ScheduledPostRow = Selectable<ScheduledPostTable>;
export type OutboxRow = Selectable<OutboxTable>;
