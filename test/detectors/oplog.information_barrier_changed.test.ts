import { describe, expect, it } from 'vitest';

import { MINUTE, T0 } from '../helpers/detect-db.ts';
import { oplogTestStore } from '../helpers/oplog-lines.ts';

const { logLine, findings } = oplogTestStore();

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
