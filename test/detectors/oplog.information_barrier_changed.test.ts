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
