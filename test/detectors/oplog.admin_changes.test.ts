/** Role grants, bulk user changes, recordings, information barriers and group admins. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runDetection } from '../../main/detect/engine.ts';
import { parseOperationDetail } from '../../main/ingest/operation-logs.ts';
import { getFinding, listFindings } from '../../main/store/findings.ts';
import { MINUTE, openDetectStore, T0, type DetectStore } from '../helpers/detect-db.ts';

let store: DetectStore;
beforeEach(() => (store = openDetectStore()));
afterEach(() => store.close());

const ADMIN = 'admin@acme.example';

/** An operation-log line stored as ingest would store it. */
function logLine(sentence: string, at = T0, category: string | null = null, action = 'Update') {
  const parsed = parseOperationDetail(sentence, category, action);
  return store.event({
    kind: parsed.kind,
    occurredAt: at,
    actorEmail: ADMIN,
    targetEmail: parsed.targetEmail,
    text: sentence,
    detail: { ...parsed.detail, categoryType: category, action, sentence },
  });
}

const findings = (detectorId: string) => {
  runDetection(store.db, { now: T0 });
  // Oldest first, so that expectations read in the order the lines were logged.
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

describe('oplog.bulk_user_change', () => {
  it('fires when one operator deletes five users within ten minutes', () => {
    const ids = [0, 1, 2, 3, 4].map((i) =>
      logLine(`Delete user u${i}@acme.example`, T0 + i * 2 * MINUTE, 'User', 'Delete'));

    const [finding, ...rest] = findings('oplog.bulk_user_change');
    expect(rest).toHaveLength(0);
    expect(finding?.values).toMatchObject({ change: 'deleted', count: 5 });
    expect(finding?.technique?.id).toBe('T1531');
    expect(getFinding(store.db, finding!.id)?.evidenceEventIds).toEqual([...ids].sort());
  });

  it('names creation as account creation', () => {
    [0, 1, 2, 3, 4].forEach((i) => logLine(`Add user n${i}@acme.example`, T0 + i * MINUTE,
      'User', 'Add'));

    expect(findings('oplog.bulk_user_change')[0]?.technique?.id).toBe('T1136.003');
  });

  it('stays quiet for four deletions, or five spread over an hour', () => {
    [0, 1, 2, 3].forEach((i) => logLine(`Delete user a${i}@acme.example`, T0 + i * MINUTE,
      'User', 'Delete'));
    [0, 1, 2, 3, 4].forEach((i) => logLine(`Add user b${i}@acme.example`,
      T0 + 60 * MINUTE + i * 15 * MINUTE, 'User', 'Add'));

    expect(findings('oplog.bulk_user_change')).toHaveLength(0);
  });
});

describe('oplog.recording_changed', () => {
  it('fires on consent off, auto-delete on or sooner, local recording on', () => {
    logLine('Recording  - Ask participants for consent when a recording starts: from On to Off');
    logLine('Recording  - Delete cloud recordings after a specified number of days: from Off ' +
      'to On', T0 + MINUTE);
    logLine('Recording  - Delete cloud recordings after days: from 90 days to 7 days',
      T0 + 2 * MINUTE);
    logLine('Recording  - Local recording: from Off to On', T0 + 3 * MINUTE);

    const found = findings('oplog.recording_changed');
    expect(found.map((f) => f.values.risk)).toEqual(
      ['unprotected', 'auto-delete', 'auto-delete', 'exposed'],
    );
  });

  it('fires when five recordings are deleted within ten minutes', () => {
    [0, 1, 2, 3, 4].forEach((i) => logLine(`Delete cloud recording "Topic ${i}" of ` +
      `u${i}@acme.example`, T0 + i * MINUTE, 'Recording', 'Delete'));

    const [finding] = findings('oplog.recording_changed');
    expect(finding?.values).toMatchObject({ risk: 'deleted', count: 5 });
    expect(finding?.severity).toBe('high');
  });

  it('stays quiet for ordinary switches, safeguards turned on and single deletions', () => {
    logLine('Recording  - Cloud recording: from On to Off');
    logLine('Recording  - Ask participants for consent when a recording starts: from Off to On',
      T0 + MINUTE);
    logLine('Recording  - Delete cloud recordings after a specified number of days: from On ' +
      'to Off', T0 + 2 * MINUTE);
    logLine('Email Notification  - When a cloud recording is available: from On to Off',
      T0 + 3 * MINUTE);
    [0, 1, 2, 3].forEach((i) => logLine(`Delete cloud recording "T${i}" of u@acme.example`,
      T0 + (10 + i) * MINUTE, 'Recording', 'Delete'));

    expect(findings('oplog.recording_changed')).toHaveLength(0);
  });
});

describe('oplog.information_barrier_changed', () => {
  it('fires when a barrier is turned off or a policy deleted', () => {
    logLine('Information Barriers  - Policy "Research / Sales": from On to Off');
    logLine('Delete information barrier policy "Legal / Trading"', T0 + MINUTE, 'Account',
      'Delete');

    const found = findings('oplog.information_barrier_changed');
    expect(found).toHaveLength(2);
    expect(found[0]?.explanation).toBe(
      'admin@acme.example changed "Information Barriers: Policy "Research / Sales"" from On ' +
        'to Off at 2026-11-02 08:00 UTC.',
    );
  });

  it('stays quiet when a barrier is turned on or added, and for other settings', () => {
    logLine('Information Barriers  - Policy "Research / Sales": from Off to On');
    logLine('Add information barrier policy "Legal / Trading"', T0 + MINUTE, 'Account', 'Add');
    logLine('Team Chat  - Show information about external users: from On to Off',
      T0 + 2 * MINUTE);

    expect(findings('oplog.information_barrier_changed')).toHaveLength(0);
  });
});

describe('oplog.group_admin_added', () => {
  it('fires when someone is made a group admin', () => {
    logLine('Add group admin bob@acme.example to group Finance', T0, 'Group', 'Add');

    const [finding] = findings('oplog.group_admin_added');
    expect(finding?.subject).toBe('bob@acme.example');
    expect(finding?.values.group).toBe('Finance');
  });

  it('stays quiet for a group member added and a group admin removed', () => {
    logLine('Add member bob@acme.example to group Finance', T0, 'Group', 'Add');
    logLine('Remove group admin carol@acme.example from group Finance', T0 + MINUTE, 'Group',
      'Delete');

    expect(findings('oplog.group_admin_added')).toHaveLength(0);
  });
});
