/**
 * Response actions from the app: a preview that names the exact target and Zoom call, then the
 * run, its outcome and the audit row it wrote. Execution requires the renderer's explicit
 * confirmation flag, which the schema already demanded.
 */
import type { ActionPreview, AuditEntry } from '../../../shared/ipc.ts';
import { listAudit } from '../../actions/audit.ts';
import type { AuditRow } from '../../actions/audit.ts';
import { executeAction } from '../../actions/execute.ts';
import { planAction } from '../../actions/plan.ts';
import type { ActionPlan } from '../../actions/types.ts';
import { describeCall } from '../../actions/zoom-call.ts';
import { getInstanceById } from '../../store/instances.ts';
import { createZoomClient } from '../../zoom/client.ts';
import type { HandlerTable } from './types.ts';

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    osUser: row.os_user,
    action: row.action,
    target: row.target,
    outcome: row.outcome,
    reason: row.reason,
    request: row.request_json,
    response: row.response_json,
    hash: row.hash,
  };
}

function previewOf(plan: ActionPlan, apiBaseUrl: string, target: string): ActionPreview {
  const base = new URL(apiBaseUrl);
  return {
    kind: plan.kind,
    target,
    instanceName: plan.instance.name,
    targetLabel: plan.targetLabel,
    zoomCall: `${plan.call.method} ${base.host}${base.pathname}${describeCall(plan.call)
      .slice(plan.call.method.length + 1)}`,
    steps: plan.steps,
    previous: plan.previous
      ? `An earlier run of this action is ${plan.previous.status} ` +
        `(${new Date(plan.previous.updatedAt).toISOString()}).`
      : null,
  };
}

export const actionHandlers: HandlerTable = {
  'actions.preview': ({ ctx }, request) => {
    const plan = planAction(ctx.db, { kind: 'delete-message', target: request.target });
    const instance = getInstanceById(ctx.db, plan.instance.id);
    return previewOf(plan, instance.apiBaseUrl, request.target);
  },

  'actions.execute': async ({ ctx }, request) => {
    const plan = planAction(ctx.db, { kind: 'delete-message', target: request.target });
    const instance = getInstanceById(ctx.db, plan.instance.id);
    const zoom = createZoomClient(instance, ctx.credentials);

    const result = await executeAction({ db: ctx.db, zoom, now: ctx.now }, plan, {
      confirmed: request.confirmed,
      dryRun: false,
      reason: request.reason,
    });
    const row = listAudit(ctx.db, { idempotencyKey: plan.idempotencyKey, limit: 1 })[0];
    return {
      ok: result.ok,
      outcome: result.outcome,
      message: result.message,
      zoomStatus: result.zoomStatus,
      audit: row ? toAuditEntry(row) : null,
    };
  },

  'audit.list': ({ ctx }, request) =>
    listAudit(ctx.db, { limit: request.limit }).reverse().map(toAuditEntry),
};
