/** Planning: what an action will do, worked out from the evidence store before anything runs. */
import { getActionByKey } from '../store/actions.ts';
import type { Db } from '../store/db.ts';
import { sha256Hex } from '../store/hash.ts';
import { getInstanceById } from '../store/instances.ts';
import { canonicalJson } from './audit.ts';
import {
  deleteSteps,
  describeMessage,
  findMessageTarget,
  messageDeleteCall,
  messageFetchCall,
} from './delete-message.ts';
import {
  describeMember,
  findMemberTarget,
  memberRemoveCall,
  membersFetchCall,
  removeSteps,
} from './remove-member.ts';
import { ACTION_SCOPES } from './scopes.ts';
import type { ActionInput, ActionKind, ActionPlan, ZoomCall, ZoomTarget } from './types.ts';
import {
  describeUser,
  findUserTarget,
  userChangeCall,
  userFetchCall,
  userSteps,
} from './user-actions.ts';
import type { UserActionKind } from './user-actions.ts';

/** Works out exactly what an action will do; sends nothing and writes nothing. */
export function planAction(db: Db, input: ActionInput): ActionPlan {
  switch (input.kind) {
    case 'delete-message':
      return planDeleteMessage(db, input);
    case 'deactivate-user':
    case 'reactivate-user':
    case 'revoke-sso':
      return planUserAction(db, input, input.kind);
    case 'remove-member':
      return planRemoveMember(db, input);
  }
}

/** One key per intended effect: the same action on the same target is the same row. */
export function actionKey(kind: string, instanceId: number, target: string): string {
  return sha256Hex(canonicalJson([kind, instanceId, target]));
}

interface PlanParts {
  kind: ActionKind;
  instanceId: number;
  keyTarget: string;
  target: ZoomTarget;
  targetLabel: string;
  snapshotCall: ZoomCall;
  call: ZoomCall;
  steps: (accountLabel: string) => string[];
}

function assemble(db: Db, parts: PlanParts): ActionPlan {
  const instance = getInstanceById(db, parts.instanceId);
  const idempotencyKey = actionKey(parts.kind, parts.instanceId, parts.keyTarget);
  const previous = getActionByKey(db, idempotencyKey);

  return {
    kind: parts.kind,
    idempotencyKey,
    instance: {
      id: instance.id,
      name: instance.name,
      accountId: instance.accountId,
      isDemo: instance.isDemo,
    },
    target: parts.target,
    targetLabel: parts.targetLabel,
    snapshotCall: parts.snapshotCall,
    call: parts.call,
    steps: parts.steps(`${instance.name} (${instance.accountId})`),
    previous: previous ? { status: previous.status, updatedAt: previous.updatedAt } : null,
    requiredScopes: ACTION_SCOPES[parts.kind],
  };
}

function planDeleteMessage(db: Db, input: ActionInput): ActionPlan {
  const { instanceId, message } = findMessageTarget(db, input.target, input.instanceId);
  return assemble(db, {
    kind: 'delete-message',
    instanceId,
    keyTarget: message.messageId,
    target: message,
    targetLabel: describeMessage(message),
    snapshotCall: messageFetchCall(message),
    call: messageDeleteCall(message),
    steps: (account) => deleteSteps(message, account),
  });
}

/**
 * Deactivating and reactivating the same user alternate, so a status key carries the last
 * status change done on that user: a deactivation after a reactivation is a new intended
 * effect, while a rerun after a crash finds the same row.
 */
function planUserAction(db: Db, input: ActionInput, kind: UserActionKind): ActionPlan {
  const { instanceId, user } = findUserTarget(db, input.target, input.instanceId);
  const keyTarget = kind === 'revoke-sso'
    ? user.userId
    : `${user.userId}\u0000${lastStatusChange(db, instanceId, user.userId)}`;
  return assemble(db, {
    kind,
    instanceId,
    keyTarget,
    target: user,
    targetLabel: describeUser(user),
    snapshotCall: userFetchCall(user),
    call: userChangeCall(kind, user),
    steps: (account) => userSteps(kind, user, account),
  });
}

function planRemoveMember(db: Db, input: ActionInput): ActionPlan {
  const { instanceId, member } = findMemberTarget(db, input.target, input.instanceId);
  return assemble(db, {
    kind: 'remove-member',
    instanceId,
    keyTarget: `${member.channelId}\u0000${member.identifier.toLowerCase()}`,
    target: member,
    targetLabel: describeMember(member),
    snapshotCall: membersFetchCall(member),
    call: memberRemoveCall(member),
    steps: (account) => removeSteps(member, account),
  });
}

/** The id of the last completed deactivate or reactivate of this user; 0 when none. */
function lastStatusChange(db: Db, instanceId: number, userId: string): number {
  const row = db
    .prepare(
      `SELECT max(id) AS id FROM actions WHERE instance_id = ? AND status = 'done'
       AND kind IN ('deactivate-user', 'reactivate-user')
       AND json_extract(target_json, '$.userId') = ?`,
    )
    .get(instanceId, userId) as { id: number | null };
  return row.id ?? 0;
}
