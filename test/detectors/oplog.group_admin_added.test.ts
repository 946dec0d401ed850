import { describe, expect, it } from 'vitest';

import { MINUTE, T0 } from '../helpers/detect-db.ts';
import { oplogTestStore } from '../helpers/oplog-lines.ts';

const { logLine, findings } = oplogTestStore();

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
