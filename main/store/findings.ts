/**
 * Findings and the events that evidence them. Detection upserts them; triage (status and note)
 * belongs to the investigator and is never touched by a re-run. A finding a later run no longer
 * produces is kept and marked as no longer holding.
 */
import type {
  Finding,
  FindingStatus,
  FindingWithEvidence,
  Severity,
  Technique,
} from '../../shared/findings.ts';
import { ExpectedError } from '../errors.ts';
import type { Db } from './db.ts';
import { cachedStatements } from './statements.ts';

/** A finding as a detection run computed it, before the store adds triage and times. */
export interface NewFinding {
  id: string;
  detectorId: string;
  detectorVersion: number;
  severity: Severity;
  technique: Technique | null;
  title: string;
  explanation: string;
  values: Record<string, unknown>;
  subject: string | null;
  firstEventAt: number;
  lastEventAt: number;
  evidenceEventIds: readonly string[];
}

export interface UpsertOutcome {
  inserted: number;
  updated: number;
  /** Findings of this detector that held before this run and no longer do. */
  noLongerHolding: number;
}

/**
 * Stores the complete output of one detector for one instance: new findings are inserted,
 * existing ones refreshed (triage kept), and the detector's other findings marked as no
 * longer holding. Call inside a transaction.
 */
export function upsertFindings(
  db: Db,
  instanceId: number,
  detectorId: string,
  findings: readonly NewFinding[],
  now: number,
): UpsertOutcome {
  const statements = prepared(db);
  const outcome: UpsertOutcome = { inserted: 0, updated: 0, noLongerHolding: 0 };

  for (const finding of findings) {
    const existed = statements.exists.get(finding.id) !== undefined;
    statements.upsert.run(toColumns(instanceId, finding, now));
    for (const eventId of finding.evidenceEventIds) statements.evidence.run(finding.id, eventId);
    if (existed) outcome.updated += 1;
    else outcome.inserted += 1;
  }

  outcome.noLongerHolding = markOthersNotHolding(db, instanceId, detectorId, findings);
  return outcome;
}

export interface FindingFilter {
  instanceId?: number;
  detectorId?: string;
  status?: FindingStatus;
  severity?: Severity;
  /** Only findings that still hold (true) or only those that no longer do (false). */
  stillHolds?: boolean;
  limit?: number;
}

/** Findings, most recent evidence first. */
export function listFindings(db: Db, filter: FindingFilter = {}): Finding[] {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: filter.limit ?? 1000 };

  if (filter.instanceId !== undefined) {
    where.push('instance_id = @instanceId');
    params.instanceId = filter.instanceId;
  }
  if (filter.detectorId !== undefined) {
    where.push('detector_id = @detectorId');
    params.detectorId = filter.detectorId;
  }
  if (filter.status !== undefined) {
    where.push('status = @status');
    params.status = filter.status;
  }
  if (filter.severity !== undefined) {
    where.push('severity = @severity');
    params.severity = filter.severity;
  }
  if (filter.stillHolds !== undefined) {
    where.push('still_holds = @stillHolds');
    params.stillHolds = filter.stillHolds ? 1 : 0;
  }

  const sql = `SELECT * FROM findings ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY last_event_at DESC, id LIMIT @limit`;
  return (db.prepare(sql).all(params) as FindingColumns[]).map(fromColumns);
}

/** One finding with the ids of its evidence events, or null. */
export function getFinding(db: Db, id: string): FindingWithEvidence | null {
  const row = db.prepare('SELECT * FROM findings WHERE id = ?').get(id) as
    | FindingColumns
    | undefined;
  if (!row) return null;

  const evidence = db
    .prepare('SELECT event_id FROM finding_evidence WHERE finding_id = ? ORDER BY event_id')
    .all(id) as Array<{ event_id: string }>;
  return { ...fromColumns(row), evidenceEventIds: evidence.map((e) => e.event_id) };
}

/** Records the investigator's verdict on a finding. */
export function triageFinding(
  db: Db,
  id: string,
  status: FindingStatus,
  note: string | null,
  now = Date.now(),
): FindingWithEvidence {
  const result = db
    // Without a new note the earlier one stays: a status change must not erase the case notes.
    .prepare(
      `UPDATE findings SET status = ?, triage_note = coalesce(?, triage_note), triaged_at = ?
       WHERE id = ?`,
    )
    .run(status, note, now, id);
  if (result.changes === 0) {
    throw new ExpectedError(`No finding with id ${id}.`, 'List findings to see their ids.');
  }
  return getFinding(db, id)!;
}

function markOthersNotHolding(
  db: Db,
  instanceId: number,
  detectorId: string,
  findings: readonly NewFinding[],
): number {
  // A temporary table keeps this one statement however many findings a detector produced.
  db.exec('CREATE TEMP TABLE IF NOT EXISTS detect_current (id TEXT PRIMARY KEY)');
  db.exec('DELETE FROM temp.detect_current');
  const insert = db.prepare('INSERT OR IGNORE INTO temp.detect_current (id) VALUES (?)');
  for (const finding of findings) insert.run(finding.id);

  const result = db
    .prepare(
      `UPDATE findings SET still_holds = 0
       WHERE instance_id = ? AND detector_id = ? AND still_holds = 1
         AND id NOT IN (SELECT id FROM temp.detect_current)`,
    )
    .run(instanceId, detectorId);
  return result.changes;
}

interface FindingColumns {
  id: string;
  instance_id: number;
  detector_id: string;
  detector_version: number;
  severity: Severity;
  technique: string | null;
  title: string;
  explanation: string;
  values_json: string;
  subject: string | null;
  first_event_at: number;
  last_event_at: number;
  detected_at: number;
  still_holds: number;
  status: FindingStatus;
  triage_note: string | null;
  triaged_at: number | null;
}

function toColumns(instanceId: number, finding: NewFinding, now: number) {
  return {
    id: finding.id,
    instance_id: instanceId,
    detector_id: finding.detectorId,
    detector_version: finding.detectorVersion,
    severity: finding.severity,
    technique: finding.technique ? `${finding.technique.id} ${finding.technique.name}` : null,
    title: finding.title,
    explanation: finding.explanation,
    values_json: JSON.stringify(finding.values),
    subject: finding.subject,
    first_event_at: finding.firstEventAt,
    last_event_at: finding.lastEventAt,
    detected_at: now,
  };
}

function fromColumns(row: FindingColumns): Finding {
  return {
    id: row.id,
    instanceId: row.instance_id,
    detectorId: row.detector_id,
    detectorVersion: row.detector_version,
    severity: row.severity,
    technique: parseTechnique(row.technique),
    title: row.title,
    explanation: row.explanation,
    values: JSON.parse(row.values_json) as Record<string, unknown>,
    subject: row.subject,
    firstEventAt: row.first_event_at,
    lastEventAt: row.last_event_at,
    detectedAt: row.detected_at,
    stillHolds: row.still_holds === 1,
    status: row.status,
    triageNote: row.triage_note,
    triagedAt: row.triaged_at,
  };
}

/** The column holds "T1078 Valid Accounts": the id, a space, the name. */
function parseTechnique(text: string | null): Technique | null {
  if (!text) return null;

  const space = text.indexOf(' ');
  if (space < 0) return { id: text, name: '' };
  return { id: text.slice(0, space), name: text.slice(space + 1) };
}

const prepared = cachedStatements(prepareStatements);

function prepareStatements(db: Db) {
  return {
    exists: db.prepare('SELECT 1 FROM findings WHERE id = ?'),
    // detected_at keeps the first detection; triage columns are never written here.
    upsert: db.prepare(
      `INSERT INTO findings (id, instance_id, detector_id, detector_version, severity, technique,
         title, explanation, values_json, subject, first_event_at, last_event_at, detected_at,
         still_holds)
       VALUES (@id, @instance_id, @detector_id, @detector_version, @severity, @technique,
         @title, @explanation, @values_json, @subject, @first_event_at, @last_event_at,
         @detected_at, 1)
       ON CONFLICT (id) DO UPDATE SET
         detector_version = excluded.detector_version,
         severity = excluded.severity,
         technique = excluded.technique,
         title = excluded.title,
         explanation = excluded.explanation,
         values_json = excluded.values_json,
         subject = excluded.subject,
         first_event_at = excluded.first_event_at,
         last_event_at = excluded.last_event_at,
         still_holds = 1`,
    ),
    evidence: db.prepare(
      'INSERT INTO finding_evidence (finding_id, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
    ),
  };
}
