import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** A bigint column: pg returns int8 as a string so that no precision is lost. */
type BigId = ColumnType<string, string | number | bigint, string | number | bigint>;

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface ListTable {
  id: Generated<string>;
  team_id: string;
  channel_id: string;
  status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>;
  created_at: CreatedAt;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface SignupTable {
  id: Generated<string>;
  list_id: BigId;
  user_id: string;
  created_at: CreatedAt;
}

export interface ProcessedEventTable {
  key: string;
  received_at: CreatedAt;
}

export interface Database {
  lists: ListTable;
  signups: SignupTable;
  processed_events: ProcessedEventTable;
}

export type ListRow = Selectable<ListTable>;
export type NewList = Insertable<ListTable>;
export type SignupRow = Selectable<SignupTable>;
