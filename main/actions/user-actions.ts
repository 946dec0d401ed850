/**
 * Deactivate, reactivate and revoke-sso: find the user in the evidence store, and say how Zoom
 * is asked (PUT /users/{id}/status with a JSON `action`, B37; DELETE /users/{id}/token).
 */
import type { Db } from '../store/db.ts';
import { ExpectedError, UsageError } from '../errors.ts';
import { zoomPath } from '../zoom/paths.ts';
import type { ActionKind, UserTarget, ZoomCall } from './types.ts';
import { describeCall } from './zoom-call.ts';

export type UserActionKind = 'deactivate-user' | 'reactivate-user' | 'revoke-sso';

interface UserColumns {
  instance_id: number;
  user_id: string;
  email: string | null;
  display_name: string | null;
  status: string | null;
}

/** Resolves a user id or e-mail (case-insensitive) to the user as the last sync saw them. */
export function findUserTarget(db: Db, target: string, instanceId?: number): {
  instanceId: number;
  user: UserTarget;
} {
  const rows = db
    .prepare(
      `SELECT instance_id, user_id, email, display_name, status FROM users
       WHERE (user_id = ? OR lower(email) = lower(?))
       ${instanceId === undefined ? '' : 'AND instance_id = ?'} ORDER BY instance_id`,
    )
    .all(target, target, ...(instanceId === undefined ? [] : [instanceId])) as UserColumns[];

  if (rows.length === 0) throw userNotInStore(target);
  if (new Set(rows.map((r) => r.instance_id)).size > 1) {
    throw new UsageError(
      `User ${target} is stored for several connected accounts.`,
      'Name the account with --instance NAME.',
    );
  }
  const row = rows[0]!;
  return {
    instanceId: row.instance_id,
    user: { userId: row.user_id, email: row.email, displayName: row.display_name,
      status: row.status },
  };
}

/** GET of the user: the pre-action snapshot, the confirming re-fetch and the settling check. */
export function userFetchCall(user: UserTarget): ZoomCall {
  return { method: 'GET', path: zoomPath`/users/${user.userId}`, query: {} };
}

export function userChangeCall(kind: UserActionKind, user: UserTarget): ZoomCall {
  if (kind === 'revoke-sso') {
    return { method: 'DELETE', path: zoomPath`/users/${user.userId}/token`, query: {} };
  }
  const action = kind === 'deactivate-user' ? 'deactivate' : 'activate';
  return { method: 'PUT', path: zoomPath`/users/${user.userId}/status`, query: {},
    json: { action } };
}

export function describeUser(user: UserTarget): string {
  const name = user.displayName ? `${user.displayName} ` : '';
  return `user ${name}<${user.email ?? 'e-mail unknown'}> (id ${user.userId})`;
}

/** The plan's steps in words, naming the exact calls and what each answer will mean. */
export function userSteps(kind: UserActionKind, user: UserTarget, accountLabel: string): string[] {
  const fetch = describeCall(userFetchCall(user));
  const change = userChangeCall(kind, user);
  const body = change.json === undefined
    ? '(no body)'
    : `with JSON body ${JSON.stringify(change.json)} (Content-Type: application/json)`;
  return [
    `In Zoom account ${accountLabel}, fetch ${describeUser(user)} fresh (${fetch}) and keep ` +
      'the answer as evidence.',
    `${STEP_VERB[kind]}: ${describeCall(change)} ${body}. ${EXPECTED[kind]}`,
    kind === 'revoke-sso'
      ? 'Zoom shows no trace of the revocation; the answer is the only record of it.'
      : `Fetch the user again (${fetch}) to confirm the status really changed.`,
    "Record who, when, the request and Zoom's answer (with its tracking id) in the audit log.",
  ];
}

const STEP_VERB: Record<UserActionKind, string> = {
  'deactivate-user': 'Deactivate the user (blocks sign-in, frees the licence)',
  'reactivate-user': 'Reactivate the user',
  'revoke-sso': 'Revoke the user\'s SSO token (signs them out of the current Zoom session)',
};

const EXPECTED: Record<UserActionKind, string> = {
  'deactivate-user': 'Zoom answers 204 when done. A user already inactive is not touched.',
  'reactivate-user': 'Zoom answers 204 when done. A user already active is not touched.',
  'revoke-sso': 'Zoom answers 204 when done; revoking twice has the same effect as once.',
};

export function isUserAction(kind: ActionKind): kind is UserActionKind {
  return kind === 'deactivate-user' || kind === 'reactivate-user' || kind === 'revoke-sso';
}

function userNotInStore(target: string): ExpectedError {
  return new ExpectedError(
    `No user with id or e-mail "${target}" is in the evidence store.`,
    'Sync the users stream first (`sync --stream users`), or copy the id from `events`.',
  );
}
