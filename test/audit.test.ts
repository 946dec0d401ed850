import os from 'node:os';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { appendAudit, listAudit, verifyAuditChain } from '../main/actions/audit.ts';
import { setSetting } from '../main/store/settings.ts';
import { openTempStore } from './helpers/ingest-db.ts';
import type { TempStore } from './helpers/ingest-db.ts';

describe('audit chain', () => {
  let store: TempStore;

  beforeEach(() => {
    store = openTempStore();
    for (let i = 1; i <= 5; i += 1) {
      appendAudit(store.db, {
        action: 'action.delete-message',
        target: `message m${i}`,
        outcome: i % 2 ? 'done' : 'failed',
        instanceId: store.instance.id,
        idempotencyKey: `key-${i}`,
        reason: 'phishing link',
        request: { method: 'DELETE', path: `/chat/users/u/messages/m${i}` },
        response: { status: 204, body: '' },
        at: Date.UTC(2026, 11, 4, 16, 0, i),
      });
    }
  });

  afterEach(() => store.close());

  it('records who, when, what and Zoom\'s answer, chained from a zero genesis', () => {
    const rows = listAudit(store.db);

    expect(rows).toHaveLength(5);
    expect(rows[0]!.prev_hash).toBe('0'.repeat(64));
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(rows[0]!.os_user).toBe(os.userInfo().username);
    expect(JSON.parse(rows[0]!.response_json!)).toEqual({ body: '', status: 204 });
    expect(verifyAuditChain(store.db)).toEqual({ ok: true, rows: 5 });
  });

  it('names the investigator from the app settings', () => {
    setSetting(store.db, 'app', 'investigator', 'Dana Scully');
    const row = appendAudit(store.db, { action: 'test', target: 't', outcome: 'done' });

    expect(row.investigator).toBe('Dana Scully');
    expect(verifyAuditChain(store.db).ok).toBe(true);
  });

  it('filters by action, outcome and key', () => {
    expect(listAudit(store.db, { outcome: 'failed' }).map((r) => r.seq)).toEqual([2, 4]);
    expect(listAudit(store.db, { idempotencyKey: 'key-3' })).toHaveLength(1);
    expect(listAudit(store.db, { limit: 2 }).map((r) => r.seq)).toEqual([4, 5]);
  });

  it('fails on a row edited with SQL', () => {
    store.db.prepare("UPDATE audit_log SET outcome = 'done' WHERE seq = 2").run();

    const result = verifyAuditChain(store.db);
    expect(result.ok).toBe(false);
    expect(result.firstBadSeq).toBe(2);
    expect(result.problem).toMatch(/changed/);
  });

  it('fails on a row edited together with its own hash', () => {
    store.db
      .prepare("UPDATE audit_log SET target = 'x', hash = 'f' || substr(hash, 2) WHERE seq = 3")
      .run();

    expect(verifyAuditChain(store.db)).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it('fails on a deleted row in the middle', () => {
    store.db.prepare('DELETE FROM audit_log WHERE seq = 3').run();

    const result = verifyAuditChain(store.db);
    expect(result).toMatchObject({ ok: false, firstBadSeq: 3 });
    expect(result.problem).toMatch(/missing/);
  });

  it('fails on a deleted last row', () => {
    store.db.prepare('DELETE FROM audit_log WHERE seq = 5').run();

    expect(verifyAuditChain(store.db)).toMatchObject({ ok: false, firstBadSeq: 5 });
  });

  it('fails on reordered rows', () => {
    store.db.transaction(() => {
      store.db.prepare('UPDATE audit_log SET seq = 100 WHERE seq = 2').run();
      store.db.prepare('UPDATE audit_log SET seq = 2 WHERE seq = 3').run();
      store.db.prepare('UPDATE audit_log SET seq = 3 WHERE seq = 100').run();
    })();

    expect(verifyAuditChain(store.db)).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('keeps verifying as rows are appended after a check', () => {
    appendAudit(store.db, { action: 'incident.open', target: 'incident 1', outcome: 'created' });

    expect(verifyAuditChain(store.db)).toEqual({ ok: true, rows: 6 });
  });
});
