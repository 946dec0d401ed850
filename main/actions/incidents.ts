/**
 * Incidents: the investigator's local case record (title, severity, status, owner, notes,
 * links to findings and events). Nothing here talks to Zoom; every change is audited.
 */
import { UsageError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { getEventsByIds } from '../store/events.ts';
import { sha256Hex } from '../store/hash.ts';
import {
  INCIDENT_STATUSES,
  insertIncident,
  linkIncident,
  selectIncident,
  selectIncidents,
  updateIncidentRow,
} from '../store/incidents.ts';
import type { IncidentFields, IncidentRecord, IncidentStatus } from '../store/incidents.ts';
import { appendAudit, canonicalJson } from './audit.ts';

export type Incident = IncidentRecord;
export type { IncidentStatus } from '../store/incidents.ts';

export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

export interface OpenIncidentInput {
  title: string;
  severity: IncidentSeverity;
  instanceId?: number | null;
  owner?: string | null;
  notes?: string | null;
  findingIds?: string[];
  eventIds?: string[];
}

export interface IncidentPatch {
  title?: string;
  severity?: IncidentSeverity;
  status?: IncidentStatus;
  owner?: string | null;
  /** Replaces the notes. */
  notes?: string | null;
  /** Appends one dated line to the notes. */
  addNote?: string;
  addFindingIds?: string[];
  addEventIds?: string[];
  reason?: string;
}

const MAX_TITLE_CHARS = 200;

/**
 * Opens an incident, or returns the one already opened with the same title and links: the
 * key is the title plus the sorted linked ids, so a repeated command creates nothing new.
 */
export function openIncident(
  db: Db,
  input: OpenIncidentInput,
  now = Date.now(),
): { incident: Incident; created: boolean } {
  const title = checkTitle(input.title);
  checkSeverity(input.severity);
  const findingIds = uniqueSorted(input.findingIds);
  const eventIds = uniqueSorted(input.eventIds);
  checkLinks(db, findingIds, eventIds);

  const idempotencyKey = incidentKey(title, findingIds, eventIds);
  const { id, created } = db.transaction(() => {
    const row = insertIncident(db, newRecord(input, title, idempotencyKey), now);
    if (row.created) addLinks(db, row.id, findingIds, eventIds);
    return row;
  }).immediate();

  const incident = selectIncident(db, id)!;
  auditIncident(db, 'incident.open', incident, created ? 'created' : 'existing', now, {
    title, severity: input.severity, findingIds, eventIds,
  });
  return { incident, created };
}

/** Changes an incident's fields or adds links; the audit row keeps the before and after. */
export function updateIncident(
  db: Db,
  id: number,
  patch: IncidentPatch,
  now = Date.now(),
): Incident {
  const before = getIncident(db, id);
  const fields = checkedFields(before, patch, now);
  const findingIds = uniqueSorted(patch.addFindingIds);
  const eventIds = uniqueSorted(patch.addEventIds);
  checkLinks(db, findingIds, eventIds);

  db.transaction(() => {
    updateIncidentRow(db, id, fields, now);
    addLinks(db, id, findingIds, eventIds);
  }).immediate();

  const after = getIncident(db, id);
  auditIncident(db, 'incident.update', after, 'updated', now, {
    changes: fields, addFindingIds: findingIds, addEventIds: eventIds,
    before: summary(before), after: summary(after),
  }, patch.reason);
  return after;
}

export function getIncident(db: Db, id: number): Incident {
  const incident = selectIncident(db, id);
  if (!incident) {
    throw new UsageError(`There is no incident ${id}.`, 'Run `incident list` to see them.');
  }
  return incident;
}

export function listIncidents(
  db: Db,
  filter: { status?: IncidentStatus; instanceId?: number } = {},
): Incident[] {
  if (filter.status !== undefined) checkStatus(filter.status);
  return selectIncidents(db, filter);
}

export function incidentKey(title: string, findingIds: string[], eventIds: string[]): string {
  return sha256Hex(canonicalJson({ title, findings: findingIds, events: eventIds }));
}

function newRecord(input: OpenIncidentInput, title: string, idempotencyKey: string) {
  return {
    instanceId: input.instanceId ?? null,
    title,
    severity: input.severity,
    owner: input.owner ?? null,
    notes: input.notes ?? null,
    idempotencyKey,
  };
}

function checkedFields(before: Incident, patch: IncidentPatch, now: number): IncidentFields {
  if (patch.severity !== undefined) checkSeverity(patch.severity);
  if (patch.status !== undefined) checkStatus(patch.status);

  const notes = patch.addNote === undefined
    ? patch.notes
    : appendNote(patch.notes ?? before.notes, patch.addNote, now);
  return {
    title: patch.title === undefined ? undefined : checkTitle(patch.title),
    severity: patch.severity,
    status: patch.status,
    owner: patch.owner,
    notes,
  };
}

function appendNote(notes: string | null, line: string, now: number): string {
  const stamp = new Date(now).toISOString().replace('T', ' ').slice(0, 16);
  const entry = `[${stamp} UTC] ${line.trim()}`;
  return notes ? `${notes}\n${entry}` : entry;
}

function addLinks(db: Db, id: number, findingIds: string[], eventIds: string[]): void {
  for (const findingId of findingIds) linkIncident(db, id, 'finding', findingId);
  for (const eventId of eventIds) linkIncident(db, id, 'event', eventId);
}

/** Links must point at stored evidence: a typo would otherwise become a dangling link. */
function checkLinks(db: Db, findingIds: string[], eventIds: string[]): void {
  const knownEvents = new Set(getEventsByIds(db, eventIds).map((e) => e.id));
  const unknownEvents = eventIds.filter((id) => !knownEvents.has(id));

  const findingStatement = db.prepare('SELECT 1 FROM findings WHERE id = ?');
  const unknownFindings = findingIds.filter((id) => findingStatement.get(id) === undefined);

  const unknown = [...unknownFindings.map((id) => `finding ${id}`),
    ...unknownEvents.map((id) => `event ${id}`)];
  if (unknown.length > 0) {
    throw new UsageError(
      `These are not in the evidence store: ${unknown.join(', ')}.`,
      'Copy ids from `finding list` or `events`, and check the instance.',
    );
  }
}

function checkTitle(title: string): string {
  const trimmed = title.trim();
  if (trimmed === '' || trimmed.length > MAX_TITLE_CHARS) {
    throw new UsageError(`An incident needs a title of 1–${MAX_TITLE_CHARS} characters.`);
  }
  return trimmed;
}

function checkSeverity(severity: string): void {
  if (!(INCIDENT_SEVERITIES as readonly string[]).includes(severity)) {
    throw new UsageError(
      `"${severity}" is not a severity.`,
      `Use one of ${INCIDENT_SEVERITIES.join(', ')}.`,
    );
  }
}

function checkStatus(status: string): void {
  if (!(INCIDENT_STATUSES as readonly string[]).includes(status)) {
    throw new UsageError(`"${status}" is not an incident status.`,
      `Use one of ${INCIDENT_STATUSES.join(', ')}.`);
  }
}

function uniqueSorted(ids: string[] | undefined): string[] {
  return [...new Set(ids ?? [])].sort();
}

function summary(incident: Incident): Record<string, unknown> {
  const { title, severity, status, owner, notes, findingIds, eventIds } = incident;
  return { title, severity, status, owner, notes, findingIds, eventIds };
}

function auditIncident(
  db: Db,
  action: string,
  incident: Incident,
  outcome: string,
  now: number,
  request: Record<string, unknown>,
  reason?: string,
): void {
  appendAudit(db, {
    action,
    target: `incident ${incident.id} "${incident.title}"`,
    outcome,
    instanceId: incident.instanceId,
    idempotencyKey: incident.idempotencyKey,
    reason: reason ?? null,
    request,
    response: { id: incident.id, status: incident.status },
    at: now,
  });
}
