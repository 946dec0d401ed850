import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runDetection } from '../../main/detect/engine.ts';
import { listFindings } from '../../main/store/findings.ts';
import { MINUTE, openDetectStore, T0, type DetectStore } from '../helpers/detect-db.ts';
import { logLine as storeLine } from '../helpers/oplog-lines.ts';

let store: DetectStore;
beforeEach(() => (store = openDetectStore()));
afterEach(() => store.close());

const logLine = (sentence: string, at = T0, category: string | null = null, action = 'Update') =>
  storeLine(store, sentence, at, category, action);

/** Runs detection and lists this detector's findings, oldest first. */
const findings = (detectorId: string) => {
  runDetection(store.db, { now: T0 });
  return listFindings(store.db, { detectorId }).sort((a, b) => a.firstEventAt - b.firstEventAt);
};

describe('oplog.privileged_role_granted', () => {
  it('fires when a member is made admin or an admin owner', () => {
    logLine('Update role of bob@acme.example: from Member to Admin', T0, 'Role');
    logLine('Update role of carol@acme.example: from Admin to Owner', T0 + MINUTE, 'Role');

    const found = findings('oplog.privileged_role_granted');
    expect(found.map((f) => f.subject)).toEqual(['bob@acme.example', 'carol@acme.example']);
    expect(found[0]?.explanation).toBe(
      'admin@acme.example gave bob@acme.example the role "Admin" (from Member) at ' +
        '2026-11-02 08:00 UTC.',
    );
    expect(found[0]?.technique?.id).toBe('T1098.003');
  });

  it('stays quiet for a revocation, a sideways move and an ordinary role', () => {
    logLine('Update role of bob@acme.example: from Admin to Member', T0, 'Role');
    logLine('Update role of carol@acme.example: from Owner to Admin', T0 + MINUTE, 'Role');
    logLine('Update role of dan@acme.example: from Member to Auditor', T0 + 2 * MINUTE, 'Role');

    expect(findings('oplog.privileged_role_granted')).toHaveLength(0);
  });
});
