/** Response actions, incidents and the audit chain: the surface the CLI and the app use. */
export { appendAudit, auditHead, listAudit, verifyAuditChain } from './audit.ts';
export type { AuditEntry, AuditRow, AuditVerification } from './audit.ts';
export { executeAction, listInterruptedActions } from './execute.ts';
export { actionKey, planAction } from './plan.ts';
export { getIncident, listIncidents, openIncident, updateIncident } from './incidents.ts';
export type { Incident, IncidentPatch, OpenIncidentInput } from './incidents.ts';
export { ACTION_KINDS, DELETED_BY_RESPONSE_ACTION } from './types.ts';
export type {
  ActionContext,
  ActionInput,
  ActionKind,
  ActionOutcome,
  ActionPlan,
  ActionResult,
  ExecuteOptions,
  MessageTarget,
  ZoomCall,
} from './types.ts';
