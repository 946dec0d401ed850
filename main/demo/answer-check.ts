/**
 * Grades detection against the demo tenant's answer key: every planted incident must be found
 * by its detector, on evidence that includes each of its records, and no benign look-alike may
 * be flagged by the detector it imitates. The records are matched to stored events by the
 * fields Zoom sent, not by our ids, so the check does not trust the code it checks.
 */
import type { Db } from '../store/db.ts';
import type { AnswerKey, AnswerKeyEntry, RecordRef } from './model.ts';

export interface IncidentGrade {
  id: string;
  detector: string;
  subject: string;
  /** Event ids each record resolved to (empty: the record never reached the store). */
  recordEvents: string[][];
  findingIds: string[];
  found: boolean;
}

export interface BenignGrade {
  id: string;
  detector: string;
  subject: string;
  recordEvents: string[][];
  flaggedBy: string[];
  flagged: boolean;
}

export interface AnswerGrade {
  incidents: IncidentGrade[];
  benign: BenignGrade[];
  allFound: boolean;
  noneFlagged: boolean;
}

export function gradeAnswerKey(db: Db, instanceId: number, key: AnswerKey): AnswerGrade {
  const incidents = key.incidents.map((entry) => gradeIncident(db, instanceId, entry));
  const benign = key.benign.map((entry) => gradeBenign(db, instanceId, entry));

  return {
    incidents,
    benign,
    allFound: incidents.every((i) => i.found),
    noneFlagged: benign.every((b) => !b.flagged),
  };
}

function gradeIncident(db: Db, instanceId: number, entry: AnswerKeyEntry): IncidentGrade {
  const recordEvents = entry.records.map((ref) => eventsForRef(db, instanceId, ref));
  const evidence = evidenceByFinding(db, instanceId, entry.detector);

  // Found: each record is evidence of some finding of the expected detector.
  const covering = new Set<string>();
  const everyRecordCovered = recordEvents.every((ids) => {
    const hits = [...evidence].filter(([, events]) => ids.some((id) => events.has(id)));
    hits.forEach(([findingId]) => covering.add(findingId));
    return hits.length > 0;
  });

  return {
    id: entry.id,
    detector: entry.detector,
    subject: entry.subject,
    recordEvents,
    findingIds: [...covering],
    found: recordEvents.length > 0 && everyRecordCovered,
  };
}

function gradeBenign(db: Db, instanceId: number, entry: AnswerKeyEntry): BenignGrade {
  const recordEvents = entry.records.map((ref) => eventsForRef(db, instanceId, ref));
  const ids = new Set(recordEvents.flat());
  const evidence = evidenceByFinding(db, instanceId, entry.detector);

  const flaggedBy = [...evidence]
    .filter(([, events]) => [...events].some((id) => ids.has(id)))
    .map(([findingId]) => findingId);
  return {
    id: entry.id,
    detector: entry.detector,
    subject: entry.subject,
    recordEvents,
    flaggedBy,
    flagged: flaggedBy.length > 0,
  };
}

/** Finding id → its evidence event ids, for the findings of one detector that still hold. */
function evidenceByFinding(db: Db, instanceId: number, detectorId: string) {
  const rows = db
    .prepare(
      `SELECT f.id AS finding, e.event_id AS event FROM findings f
       JOIN finding_evidence e ON e.finding_id = f.id
       WHERE f.instance_id = ? AND f.detector_id = ? AND f.still_holds = 1`,
    )
    .all(instanceId, detectorId) as Array<{ finding: string; event: string }>;

  const map = new Map<string, Set<string>>();
  for (const row of rows) {
    const events = map.get(row.finding) ?? new Set<string>();
    events.add(row.event);
    map.set(row.finding, events);
  }
  return map;
}

/** The stored events that a wire record became, found by the fields Zoom sent. */
export function eventsForRef(db: Db, instanceId: number, ref: RecordRef): string[] {
  const ids = (sql: string, ...params: unknown[]): string[] =>
    (db.prepare(sql).all(instanceId, ...params) as Array<{ id: string }>).map((r) => r.id);

  switch (ref.stream) {
    case 'activities':
      return ids(
        `SELECT id FROM events WHERE instance_id = ? AND kind = ? AND actor_email = ?
         COLLATE NOCASE AND occurred_at = ?`,
        ref.type === 'Sign in' ? 'auth.sign_in' : 'auth.sign_out',
        ref.email,
        Date.parse(ref.time),
      );
    case 'operation_logs':
      return ids(
        `SELECT id FROM events WHERE instance_id = ? AND kind LIKE 'admin.%'
         AND actor_email = ? COLLATE NOCASE AND occurred_at = ? AND text = ?`,
        ref.operator,
        Date.parse(ref.time),
        ref.operation_detail,
      );
    case 'chat':
      return ids(
        `SELECT id FROM events WHERE instance_id = ? AND message_id = ? AND kind IN (${
          ref.version === 'sent' ? "'chat.message_sent', 'chat.message_replied'"
            : ref.version === 'updated' ? "'chat.message_updated'" : "'chat.message_deleted'"
        })`,
        ref.message_id,
      );
    case 'webhook':
      return ids(
        `SELECT DISTINCT ev.event_id AS id FROM raw_records r
         JOIN event_evidence ev ON ev.raw_id = r.id
         JOIN events e ON e.id = ev.event_id
         WHERE e.instance_id = ? AND r.json LIKE ? AND r.json LIKE ? AND r.json LIKE ?`,
        `%"event":"${ref.event}"%`,
        `%"event_ts":${ref.event_ts}%`,
        `%"id":"${ref.object_id}"%`,
      );
  }
}
