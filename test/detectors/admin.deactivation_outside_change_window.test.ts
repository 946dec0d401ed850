import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runDetection } from '../../main/detect/engine.ts';
import { setDetectSettings } from '../../main/detect/settings.ts';
import { getFinding, listFindings } from '../../main/store/findings.ts';
import { openDetectStore, type DetectStore } from '../helpers/detect-db.ts';

let store: DetectStore;
beforeEach(() => (store = openDetectStore()));
afterEach(() => store.close());

const found = () =>
  listFindings(store.db, { detectorId: 'admin.deactivation_outside_change_window' });

function status(iso: string, status: 'active' | 'inactive', source: 'import' | 'webhook' =
  'import'): string {
  return store.event({ kind: 'admin.user_status_changed', occurredAt: Date.parse(iso), source,
    actorEmail: 'admin@acme.example', targetEmail: 'bob@acme.example', detail: { status } });
}

describe('admin.deactivation_outside_change_window', () => {
  it('fires on a Sunday-night reactivation, log row and webhook as one finding', () => {
    const row = status('2026-11-15T01:12:00Z', 'active');
    const hook = status('2026-11-15T01:12:01Z', 'active', 'webhook');

    runDetection(store.db, { now: Date.parse('2026-11-16T00:00:00Z') });
    const [finding, ...rest] = found();
    expect(rest).toHaveLength(0);
    expect(getFinding(store.db, finding!.id)?.evidenceEventIds).toEqual([row, hook].sort());
    expect(finding?.values).toMatchObject({ change: 'reactivated', localWeekday: 'sun' });
    expect(finding?.technique?.id).toBe('T1098');
  });

  it('does not fire inside the default window (weekdays 06:00-22:00 UTC)', () => {
    status('2026-11-17T09:20:00Z', 'inactive');
    status('2026-11-20T21:59:00Z', 'inactive');

    runDetection(store.db, { now: Date.parse('2026-11-21T00:00:00Z') });
    expect(found()).toHaveLength(0);
  });

  it('judges local time in the configured window\'s time zone', () => {
    setDetectSettings(store.db, store.instance.id, { changeWindows: [
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00',
        timeZone: 'America/New_York' }] });
    status('2026-11-17T15:00:00Z', 'inactive');
    status('2026-11-17T23:30:00Z', 'inactive');

    runDetection(store.db, { now: Date.parse('2026-11-18T00:00:00Z') });
    expect(found().map((f) => f.values.localTime)).toEqual(['18:30']);
  });
});
