/** Settings as JSON values under (scope, key): `global`, `instance:<id>`, one key per feature. */
import type { Db } from './db.ts';

/** The parsed value stored under scope and key, or null when none is stored. */
export function getSetting(db: Db, scope: string, key: string): unknown {
  const row = db.prepare('SELECT value_json FROM settings WHERE scope = ? AND key = ?').get(
    scope,
    key,
  ) as { value_json: string } | undefined;
  return row ? (JSON.parse(row.value_json) as unknown) : null;
}

/** Stores a JSON-serialisable value, replacing what was there. */
export function setSetting(db: Db, scope: string, key: string, value: unknown): void {
  db.prepare(
    `INSERT INTO settings (scope, key, value_json) VALUES (?, ?, ?)
     ON CONFLICT (scope, key) DO UPDATE SET value_json = excluded.value_json`,
  ).run(scope, key, JSON.stringify(value));
}

export function instanceScope(instanceId: number): string {
  return `instance:${instanceId}`;
}
