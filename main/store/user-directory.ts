/** Reads of the users snapshot that detectors need: status, time zone and role by e-mail. */
import type { Db } from './db.ts';

export interface DirectoryUser {
  userId: string;
  email: string;
  /** Zoom's status: `active`, `inactive` (deactivated) or `pending` (invited). */
  status: string | null;
  /** IANA time zone from the user's profile; null when Zoom gave none. */
  timezone: string | null;
  roleId: string | null;
}

/** Every user of one instance with an e-mail, keyed by the lower-case e-mail. */
export function usersByEmail(db: Db, instanceId: number): Map<string, DirectoryUser> {
  const rows = db
    .prepare(
      `SELECT user_id AS userId, email, status, timezone, role_id AS roleId FROM users
       WHERE instance_id = ? AND email IS NOT NULL ORDER BY user_id`,
    )
    .all(instanceId) as Array<DirectoryUser & { email: string }>;

  const users = new Map<string, DirectoryUser>();
  for (const row of rows) users.set(row.email.trim().toLowerCase(), row);
  return users;
}
