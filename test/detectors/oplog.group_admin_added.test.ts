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
