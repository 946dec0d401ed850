/**
 * What detectors that judge changes to evidence need from earlier findings: which chat
 * messages a finding cites, and which messages our own response actions deleted.
 */
import { errorMessage } from '../errors.ts';
import { createLogger } from '../log/logger.ts';
import type { Db } from '../store/db.ts';

const log = createLogger('detect');

/** A finding that names one version of a chat message as evidence. */
export interface Citation {
  findingId: string;
  detectorId: string;
  detectedAt: number;
  /** The cited event (a send or an edit of the message) and when it happened. */
  eventId: string;
  eventAt: number;
}

/** Message id → the findings (still holding) that cite a version of it, oldest event first. */
export function citedMessages(db: Db, instanceId: number): Map<string, Citation[]> {
  const rows = db
    .prepare(
      `SELECT e.message_id AS messageId, f.id AS findingId, f.detector_id AS detectorId,
         f.detected_at AS detectedAt, e.id AS eventId, e.occurred_at AS eventAt
       FROM findings f
       JOIN finding_evidence fe ON fe.finding_id = f.id
       JOIN events e ON e.id = fe.event_id AND e.instance_id = f.instance_id
       WHERE f.instance_id = ? AND f.still_holds = 1 AND e.message_id IS NOT NULL
       ORDER BY e.occurred_at, f.id`,
    )
    .all(instanceId) as Array<Citation & { messageId: string }>;

  const byMessage = new Map<string, Citation[]>();
  for (const { messageId, ...citation } of rows) {
    const list = byMessage.get(messageId);
    if (list) list.push(citation);
    else byMessage.set(messageId, [citation]);
  }
  return byMessage;
}

/**
 * Messages a response action of ours deleted (or may have): their deletion is the
 * investigator's, not a cover-up.
 */
export function messagesDeletedByActions(db: Db, instanceId: number): Set<string> {
  try {
    const rows = db
      .prepare(
        `SELECT json_extract(target_json, '$.messageId') AS messageId FROM actions
         WHERE instance_id = ? AND kind = 'delete-message'
           AND status IN ('running', 'done', 'outcome_unknown')`,
      )
      .all(instanceId) as Array<{ messageId: unknown }>;
    return new Set(rows.map((row) => row.messageId).filter((id) => typeof id === 'string'));
  } catch (error) {
    // A store whose actions table differs must not stop detection; nothing is excluded then.
    log.warn(`cannot read response-action deletions: ${errorMessage(error)}`);
    return new Set();
  }
}
