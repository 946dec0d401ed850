/** What every action's audit rows share, whether the action calls Zoom or sends e-mail. */

interface PlannedAction {
  kind: string;
  targetLabel: string;
  instance: { id: number };
  idempotencyKey: string;
}

/** The run's clock: the context's when given (tests, the worker), else the system's. */
export function clock(ctx: { now?: () => number }): number {
  return ctx.now?.() ?? Date.now();
}

/** The fields of an action's audit entry that do not depend on its outcome. */
export function auditBase(
  ctx: { now?: () => number },
  plan: PlannedAction,
  options: { reason?: string },
) {
  return {
    action: `action.${plan.kind}`,
    target: plan.targetLabel,
    instanceId: plan.instance.id,
    idempotencyKey: plan.idempotencyKey,
    reason: options.reason ?? null,
    at: clock(ctx),
  };
}
