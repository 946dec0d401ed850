/**
 * Deletes one account's evidence for good: events, raw records nothing else cites, snapshots,
 * findings, actions and incidents. The only path that removes raw evidence; the caller records
 * each purge in the audit log, which itself is never purged.
 */
import type { Db } from './db.ts';

export interface PurgeCounts {
  events: number;
  rawPages: number;
  rawRecords: number;
}

export function purgeInstanceData(db: Db, instanceId: number): PurgeCounts {
  return db.transaction(() => {
    db.prepare(
      `DELETE FROM finding_evidence WHERE finding_id IN
         (SELECT id FROM findings WHERE instance_id = ?)`,
    ).run(instanceId);
    db.prepare('DELETE FROM findings WHERE instance_id = ?').run(instanceId);
    db.prepare(
      'DELETE FROM event_evidence WHERE event_id IN (SELECT id FROM events WHERE instance_id = ?)',
    ).run(instanceId);
    const events = db.prepare('DELETE FROM events WHERE instance_id = ?').run(instanceId).changes;

    for (const table of ['users', 'channels', 'channel_members', 'sync_state', 'sync_coverage']) {
      db.prepare(`DELETE FROM ${table} WHERE instance_id = ?`).run(instanceId);
    }
    db.prepare(
      `DELETE FROM incident_links
       WHERE incident_id IN (SELECT id FROM incidents WHERE instance_id = ?)`,
    ).run(instanceId);
    db.prepare('DELETE FROM incidents WHERE instance_id = ?').run(instanceId);
    // The audit log keeps its entries about these actions: it is append-only by design.
    db.prepare('DELETE FROM actions WHERE instance_id = ?').run(instanceId);

    const rawRecords = deleteOrphanRecords(db, instanceId);
    db.prepare(
      `UPDATE raw_records SET page_id = NULL
       WHERE page_id IN (SELECT id FROM raw_pages WHERE instance_id = ?)`,
    ).run(instanceId);
    const rawPages = db.prepare('DELETE FROM raw_pages WHERE instance_id = ?').run(instanceId)
      .changes;
    db.prepare('DELETE FROM instances WHERE id = ?').run(instanceId);

    return { events, rawPages, rawRecords };
  })();
}

/** Raw records of this account's pages that nothing else still cites. */
function deleteOrphanRecords(db: Db, instanceId: number): number {
  return db
    .prepare(
      `DELETE FROM raw_records WHERE page_id IN (SELECT id FROM raw_pages WHERE instance_id = ?)
         AND id NOT IN (SELECT raw_id FROM event_evidence)
         AND id NOT IN (SELECT raw_id FROM users)
         AND id NOT IN (SELECT raw_id FROM channels)
         AND id NOT IN (SELECT raw_id FROM channel_members)
         AND id NOT IN (SELECT snapshot_raw_id FROM actions WHERE snapshot_raw_id IS NOT NULL)`,
    )
    .run(instanceId).changes;
}
