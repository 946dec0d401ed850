import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runDetection } from '../../main/detect/engine.ts';
import { getFinding, listFindings } from '../../main/store/findings.ts';
import { DAY, IP, MINUTE, openDetectStore, T0, type DetectStore } from '../helpers/detect-db.ts';

let store: DetectStore;
beforeEach(() => (store = openDetectStore()));
afterEach(() => store.close());

const findings = () => listFindings(store.db, { detectorId: 'signin.shared_address_burst' });
const user = (i: number) => `user${i}@acme.example`;

/** Sign-ins by `count` different users from `ip`, `gap` minutes apart from `start`. */
function spray(ip: string, count: number, start: number, gap = 3): string[] {
  return Array.from({ length: count }, (_, i) =>
    store.signIn(user(i), ip, start + i * gap * MINUTE));
}

describe('signin.shared_address_burst', () => {
  it('fires when five users sign in from one new address within 30 minutes', () => {
    store.signIn('early@acme.example', IP.DE, T0);
    const burst = spray(IP.BR, 6, T0 + 5 * DAY);

    runDetection(store.db, { now: T0 + 6 * DAY });
    const [finding, ...rest] = findings();

    expect(rest).toHaveLength(0);
    expect(finding?.values).toMatchObject({ ip: IP.BR, country: 'BR', userCount: 6 });
    expect(getFinding(store.db, finding!.id)?.evidenceEventIds).toEqual([...burst].sort());
    expect(finding?.explanation).toContain(
      '6 different users signed in from 200.160.2.3 (Brazil) within 15 minutes',
    );
  });

  it('stays quiet for four users, a slow trickle, an office address and a young dataset', () => {
    store.signIn('early@acme.example', IP.DE, T0);
    spray(IP.BR, 4, T0 + 5 * DAY);
    spray(IP.JP, 6, T0 + 5 * DAY, 10);
    store.signIn('first@acme.example', IP.NL, T0 + 3 * DAY);
    spray(IP.NL, 8, T0 + 5 * DAY);

    runDetection(store.db, { now: T0 + 6 * DAY });
    expect(findings()).toHaveLength(0);
  });

  it('does not judge an address before the data reaches back three days', () => {
    spray(IP.BR, 6, T0 + DAY);
    store.signIn('early@acme.example', IP.DE, T0);

    runDetection(store.db, { now: T0 + 2 * DAY });
    expect(findings()).toHaveLength(0);
  });
});
