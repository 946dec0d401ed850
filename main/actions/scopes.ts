/**
 * Which scopes each Zoom action needs, and whether the token has them. Apps created before
 * granular scopes keep classic ones, so each need lists its granular and classic names and any
 * one of them is enough (docs/zoom-api.md §1.1).
 */
import { ExpectedError, EXIT } from '../errors.ts';
import type { ZoomClient } from '../zoom/types.ts';
import type { ActionKind } from './types.ts';

/** Each inner list: equivalent names for one need (granular first, then classic). */
export const ACTION_SCOPES: Readonly<Record<ActionKind, string[][]>> = {
  'delete-message': [
    ['team_chat:read:user_message:admin', 'chat_message:read:admin'],
    ['team_chat:delete:user_message:admin', 'chat_message:write:admin'],
  ],
  'deactivate-user': [
    ['user:read:user:admin', 'user:read:admin'],
    ['user:update:status:admin', 'user:write:admin'],
  ],
  'reactivate-user': [
    ['user:read:user:admin', 'user:read:admin'],
    ['user:update:status:admin', 'user:write:admin'],
  ],
  'revoke-sso': [
    ['user:read:user:admin', 'user:read:admin'],
    ['user:delete:token:admin', 'user:write:admin'],
  ],
  'remove-member': [
    ['team_chat:read:list_members:admin', 'chat_channel:read:admin'],
    ['team_chat:delete:member:admin', 'chat_channel:write:admin'],
  ],
};

export interface ScopeCheck {
  ok: boolean;
  /** One entry per unmet need: the granular name first, then its classic equivalent. */
  missing: string[][];
}

/** Compares granted scopes with one action's needs; `:master` variants count too. */
export function checkScopes(kind: ActionKind, granted: readonly string[]): ScopeCheck {
  const have = new Set(granted.flatMap((s) => [s, s.replace(/:master$/, ':admin')]));
  const missing = ACTION_SCOPES[kind].filter((names) => !names.some((n) => have.has(n)));
  return { ok: missing.length === 0, missing };
}

/** Every Zoom action with whether the token allows it: what a screen offers. */
export async function availableActions(
  zoom: ZoomClient,
): Promise<Record<ActionKind, ScopeCheck>> {
  const granted = await zoom.grantedScopes();
  const entries = Object.keys(ACTION_SCOPES).map((kind) => {
    return [kind, checkScopes(kind as ActionKind, granted)] as const;
  });
  return Object.fromEntries(entries) as Record<ActionKind, ScopeCheck>;
}

/** The refusal an action without its scope gets: it names what to add in Marketplace. */
export function missingScopeError(kind: ActionKind, missing: string[][]): ExpectedError {
  const names = missing.map((alts) => alts.join(' (or classic ') + ')').join(', ');
  return new ExpectedError(
    `Refused: ${kind} needs the scope ${names}, which this account's app was not granted. ` +
      'Nothing was sent.',
    'Add the scope to the Server-to-Server app in the Zoom App Marketplace, activate it, ' +
      'then run the action again.',
    EXIT.zoomRefused,
  );
}
