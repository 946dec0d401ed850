/**
 * Users: list by status, get one, activate/deactivate, revoke the SSO token.
 */
import { pageOf } from './paging.ts';
import { findUser, requireUser } from './lookup.ts';
import { invalidField, invalidRequest, json, NO_CONTENT, zoomError } from './wire.ts';
import type { Route, RouteContext, WireResult } from './wire.ts';

const STATUSES = ['active', 'inactive', 'pending'] as const;

const OWNER_STATUS_REFUSED =
  "Zoom Room and Admin users' status can not be activated or deactivated.";

export const USER_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: '/users',
    category: 'Medium',
    scope: 'user:read:list_users:admin',
    handle: listUsers,
  },
  {
    method: 'GET',
    pattern: '/users/:userId',
    category: 'Light',
    scope: 'user:read:user:admin',
    handle: getUser,
  },
  {
    method: 'PUT',
    pattern: '/users/:userId/status',
    category: 'Light',
    scope: 'user:update:status:admin',
    handle: updateStatus,
  },
  {
    method: 'DELETE',
    pattern: '/users/:userId/token',
    category: 'Light',
    scope: 'user:delete:token:admin',
    handle: revokeSsoToken,
  },
];

function listUsers(ctx: RouteContext): WireResult {
  const status = ctx.query.get('status') || 'active';
  if (!(STATUSES as readonly string[]).includes(status)) {
    throw invalidRequest(`Invalid status: ${status}.`);
  }

  const matching = ctx.data.users.filter((u) => u.status === status);
  const page = pageOf(ctx, matching, { max: 300, default: 30 });
  return json(200, { ...page.fields, users: page.items.map((u) => ({ ...u })) });
}

function getUser(ctx: RouteContext): WireResult {
  const user = requireUser(ctx.data, param(ctx, 'userId'));
  return json(200, {
    ...user,
    account_id: ctx.data.accountId,
    role_name: user.role_id === '0' ? 'Owner' : user.role_id === '1' ? 'Admin' : 'Member',
    login_types: [100],
    group_ids: [],
  });
}

function updateStatus(ctx: RouteContext): WireResult {
  const user = requireUser(ctx.data, param(ctx, 'userId'));
  const action = statusAction(ctx);

  if (user.role_id === '0') {
    throw zoomError(400, 200, OWNER_STATUS_REFUSED);
  }
  if (action === 'activate' && user.status === 'pending') {
    throw zoomError(400, 3412, 'The user has not accepted the invitation yet.');
  }

  user.status = action === 'deactivate' ? 'inactive' : 'active';
  return NO_CONTENT;
}

/** Zoom wants a JSON object with `action`; form data and a missing field are refused. */
function statusAction(ctx: RouteContext): 'activate' | 'deactivate' {
  let body: unknown;
  try {
    body = JSON.parse(ctx.bodyText);
  } catch {
    throw invalidRequest('Request Body should be a valid JSON object.');
  }

  const action = (body as { action?: unknown } | null)?.action;
  if (action !== 'activate' && action !== 'deactivate') throw invalidField('action');
  return action;
}

function revokeSsoToken(ctx: RouteContext): WireResult {
  const userId = param(ctx, 'userId');
  if (!findUser(ctx.data, userId)) throw zoomError(404, 1001, `User does not exist: ${userId}.`);
  return NO_CONTENT;
}

export function param(ctx: RouteContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined) throw new Error(`route has no :${name} parameter`);
  return value;
}
