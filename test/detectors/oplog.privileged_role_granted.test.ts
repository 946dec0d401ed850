import { describe, expect, it } from 'vitest';

import { MINUTE, T0 } from '../helpers/detect-db.ts';
import { oplogTestStore } from '../helpers/oplog-lines.ts';

const { logLine, findings } = oplogTestStore();

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
