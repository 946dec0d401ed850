/** The ordered list of schema migrations. Append only: a shipped migration never changes. */
import * as initial from './0001_initial.ts';
import * as eventHourCounts from './0002_event_hour_counts.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, ...initial },
  { version: 2, ...eventHourCounts },
];
