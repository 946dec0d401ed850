import { describe, expect, it } from 'vitest';

import { getFinding } from '../../main/store/findings.ts';
import { MINUTE, T0 } from '../helpers/detect-db.ts';
import { oplogTestStore } from '../helpers/oplog-lines.ts';

const { db, logLine, findings } = oplogTestStore();

describe('oplog.bulk_user_change', () => {
  it('fires when one operator deletes five users within ten minutes', () => {
    const ids = [0, 1, 2, 3, 4].map((i) =>
      logLine(`Delete user u${i}@acme.example`, T0 + i * 2 * MINUTE, 'User', 'Delete'));

    const [finding, ...rest] = findings('oplog.bulk_user_change');
    expect(rest).toHaveLength(0);
    expect(finding?.values).toMatchObject({ change: 'deleted', count: 5 });
    expect(finding?.technique?.id).toBe('T1531');
    expect(getFinding(db(), finding!.id)?.evidenceEventIds).toEqual([...ids].sort());
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
