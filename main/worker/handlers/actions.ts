/**
 * Response actions from the app: a preview that names the exact target and Zoom call, then the
 * run, its outcome and the audit row it wrote. Execution requires the renderer's explicit
 * confirmation flag, which the schema already demanded.
 */
import type { FindingWithEvidence } from '../../../shared/findings.ts';
import type { ActionOutcome, ActionPreview, AuditEntry } from '../../../shared/ipc.ts';
import { openIncident } from '../../actions/incidents.ts';
import { ExpectedError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import { getFinding } from '../../store/findings.ts';
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

/** The preview of a delete-message plan (the one Zoom action the app offers so far). */
function previewOf(plan: ActionPlan, apiBaseUrl: string, target: string): ActionPreview {
  const base = new URL(apiBaseUrl);
  return {
    kind: 'delete-message',
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

/** An incident is a local record: the preview says so, and names the anomaly it covers. */
function incidentPreview(db: Db, findingId: string): ActionPreview {
  const finding = requireFinding(db, findingId);
  return {
    kind: 'incident',
    target: findingId,
    instanceName: getInstanceById(db, finding.instanceId).name,
    targetLabel: `anomaly "${finding.title}" (${finding.severity}) about ${finding.subject ?? '—'}`,
    zoomCall: 'none: an incident is a local record; Zoom is not called',
    steps: [
      `Open an incident titled "${incidentTitle(finding)}" linking this anomaly and its ` +
        `${finding.evidenceEventIds.length} evidence events.`,
      'Record who and when in the audit log. Opening the same incident again changes nothing.',
    ],
    previous: null,
  };
}

function requireFinding(db: Db, id: string): FindingWithEvidence {
  const finding = getFinding(db, id);
  if (!finding) throw new ExpectedError(`No anomaly with id ${id}.`, 'Run detection again.');
  return finding;
}

function incidentTitle(finding: FindingWithEvidence): string {
  return `${finding.title}: ${finding.subject ?? finding.id}`.slice(0, 200);
}

function openIncidentFor(db: Db, findingId: string, now: number): ActionOutcome {
  const finding = requireFinding(db, findingId);
  const { incident, created } = openIncident(db, {
    title: incidentTitle(finding),
    severity: finding.severity,
    instanceId: finding.instanceId,
    findingIds: [finding.id],
    eventIds: finding.evidenceEventIds,
  }, now);

  const row = listAudit(db, { action: 'incident.open', limit: 1 })[0];
  return {
    ok: true,
    outcome: created ? 'created' : 'existing',
    message: `${created ? 'Opened' : 'Already open:'} incident #${incident.id} ` +
      `"${incident.title}".`,
    zoomStatus: null,
    audit: row ? toAuditEntry(row) : null,
  };
}

export const actionHandlers: HandlerTable = {
  'actions.preview': ({ ctx }, request) => {
    if (request.kind === 'incident') return incidentPreview(ctx.db, request.target);

    const plan = planAction(ctx.db, { kind: 'delete-message', target: request.target });
    const instance = getInstanceById(ctx.db, plan.instance.id);
    return previewOf(plan, instance.apiBaseUrl, request.target);
  },

  'actions.execute': async ({ ctx }, request) => {
    if (request.kind === 'incident') return openIncidentFor(ctx.db, request.target, ctx.now());

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
