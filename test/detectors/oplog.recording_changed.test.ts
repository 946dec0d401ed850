import { describe, expect, it } from 'vitest';

import { MINUTE, T0 } from '../helpers/detect-db.ts';
import { oplogTestStore } from '../helpers/oplog-lines.ts';

const { logLine, findings } = oplogTestStore();

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
