import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runDetection } from '../../main/detect/engine.ts';
import { getFinding, listFindings } from '../../main/store/findings.ts';
import { DAY, HOUR, IP, openDetectStore, T0, type DetectStore } from '../helpers/detect-db.ts';

let store: DetectStore;
beforeEach(() => (store = openDetectStore()));
afterEach(() => store.close());

const BOB = 'bob@acme.example';
const findings = () => listFindings(store.db, { detectorId: 'signin.inactive_or_unknown_user' });

function statusChange(email: string, status: 'active' | 'inactive', at: number): string {
  return store.event({
    kind: 'admin.user_status_changed',
    occurredAt: at,
    actorEmail: 'admin@acme.example',
    targetEmail: email,
    text: `${status === 'active' ? 'Activate' : 'Deactivate'} user ${email}`,
    detail: { status },
  });
}

describe('signin.inactive_or_unknown_user', () => {
  it('fires on a sign-in after the deactivation, naming who deactivated and when', () => {
    store.user(BOB, { status: 'inactive' });
    store.signIn(BOB, IP.DE, T0);
    const off = statusChange(BOB, 'inactive', T0 + DAY);
    const after = store.signIn(BOB, IP.DE, T0 + 3 * DAY);

    runDetection(store.db, { now: T0 + 4 * DAY });
    const [finding, ...rest] = findings();

    expect(rest).toHaveLength(0);
    expect(finding?.explanation).toBe(
      'bob@acme.example signed in at 2026-11-05 08:00 UTC from 81.91.161.1 while deactivated ' +
        'by admin@acme.example at 2026-11-03 08:00 UTC.',
    );
    expect(finding?.values.reason).toBe('deactivated');
    expect(getFinding(store.db, finding!.id)?.evidenceEventIds).toEqual([off, after].sort());
  });

  it('fires for an address the users list does not hold, and for an inactive user with no log',
    () => {
      store.user(BOB, { status: 'inactive' });
      store.user('alice@acme.example');
      store.signIn(BOB, IP.DE, T0);
      store.signIn('ghost@acme.example', IP.US, T0 + HOUR);

      runDetection(store.db, { now: T0 + DAY });
      expect(findings().map((f) => [f.subject, f.values.reason])).toEqual(
        expect.arrayContaining([[BOB, 'deactivated'], ['ghost@acme.example', 'unknown']]),
      );
    });

  it('stays quiet before a deactivation, after a reactivation, and without a users list', () => {
    store.user(BOB, { status: 'inactive' });
    store.user('carol@acme.example');
    store.signIn(BOB, IP.DE, T0);
    statusChange(BOB, 'inactive', T0 + DAY);
    store.signIn('carol@acme.example', IP.DE, T0 + DAY);
    statusChange('carol@acme.example', 'inactive', T0 + 2 * DAY);
    statusChange('carol@acme.example', 'active', T0 + 2 * DAY + HOUR);
    store.signIn('carol@acme.example', IP.DE, T0 + 3 * DAY);

    runDetection(store.db, { now: T0 + 4 * DAY });
    expect(findings()).toHaveLength(0);
  });

  it('calls nobody unknown when the users list was never collected', () => {
    store.signIn('ghost@acme.example', IP.US, T0);

    runDetection(store.db, { now: T0 + DAY });
    expect(findings()).toHaveLength(0);
  });
});
