/** What a queued Zoom action keeps so that it can be planned again after a restart. */
import type { ActionPlan, MemberTarget, MessageTarget, QueuedInput, UserTarget } from './types.ts';

export function queuedInputOf(plan: ActionPlan, why: string, now: number): QueuedInput {
  return {
    kind: plan.kind,
    input: { kind: plan.kind, target: inputTarget(plan), instanceId: plan.instance.id },
    confirmedTarget: { ...plan.target },
    targetLabel: plan.targetLabel,
    queuedAt: now,
    why,
  };
}

/** The target as planAction takes it back. */
function inputTarget(plan: ActionPlan): string {
  switch (plan.kind) {
    case 'delete-message':
      return (plan.target as MessageTarget).messageId;
    case 'remove-member': {
      const member = plan.target as MemberTarget;
      return `${member.channelId}/${member.identifier}`;
    }
    default:
      return (plan.target as UserTarget).userId;
  }
}
