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
import type { ActionInput, ActionKind, ActionPlan } from './types.ts';

/** Works out exactly what an action will do; sends nothing and writes nothing. */
export function planAction(db: Db, input: ActionInput): ActionPlan {
  switch (input.kind) {
    case 'delete-message':
      return planDeleteMessage(db, input);
  }
}

/** One key per intended effect: the same action on the same target is the same row. */
export function actionKey(kind: ActionKind, instanceId: number, target: string): string {
  return sha256Hex(canonicalJson([kind, instanceId, target]));
}

function planDeleteMessage(db: Db, input: ActionInput): ActionPlan {
  const { instanceId, message } = findMessageTarget(db, input.target, input.instanceId);
  const instance = getInstanceById(db, instanceId);
  const idempotencyKey = actionKey('delete-message', instanceId, message.messageId);
  const previous = getActionByKey(db, idempotencyKey);

  return {
    kind: 'delete-message',
    idempotencyKey,
    instance: {
      id: instance.id,
      name: instance.name,
      accountId: instance.accountId,
      isDemo: instance.isDemo,
    },
    target: message,
    targetLabel: describeMessage(message),
    snapshotCall: messageFetchCall(message),
    call: messageDeleteCall(message),
    steps: deleteSteps(message, `${instance.name} (${instance.accountId})`),
    previous: previous ? { status: previous.status, updatedAt: previous.updatedAt } : null,
  };
}
