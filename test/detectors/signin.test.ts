import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runDetection } from '../../main/detect/engine.ts';
import { setDetectSettings } from '../../main/detect/settings.ts';
import { listFindings } from '../../main/store/findings.ts';
import {
  DAY,
  HOUR,
  IP,
  MINUTE,
  openDetectStore,
  signInHistory,
  T0,
  type DetectStore,
} from '../helpers/detect-db.ts';

let store: DetectStore;
beforeEach(() => (store = openDetectStore()));
afterEach(() => store.close());

const findingsOf = (detectorId: string) => listFindings(store.db, { detectorId });

describe('signin.new_country', () => {
  it('fires on the first sign-in from a new country after five sign-ins over three days', () => {
    signInHistory(store, 'alice@acme.example', IP.DE);
    const brazil = store.signIn('alice@acme.example', IP.BR, T0 + 6 * DAY);
    store.signIn('alice@acme.example', IP.BR, T0 + 7 * DAY);

    runDetection(store.db, { now: T0 + 8 * DAY });
    const [finding, ...rest] = findingsOf('signin.new_country');

    expect(rest).toHaveLength(0);
    expect(finding?.subject).toBe('alice@acme.example');
    expect(finding?.values).toMatchObject({ country: 'BR', knownCountries: ['DE'] });
    expect(finding?.values.geo).toMatchObject({ database: 'geo-whois-asn-country.mmdb' });
    expect(finding?.explanation).toContain('signed in from Brazil (200.160.2.3)');
    expect(finding?.severity).toBe('medium');
    expect(finding?.technique?.id).toBe('T1078');
    expect(store.db.prepare('SELECT event_id FROM finding_evidence').all()).toEqual([
      { event_id: brazil },
    ]);
  });

  it('stays quiet during the first week of sign-ins (history too short)', () => {
    [0, 1, 2, 3].forEach((day) => store.signIn('bob@acme.example', IP.DE, T0 + day * DAY));
    store.signIn('bob@acme.example', IP.BR, T0 + 4 * DAY);

    [0, 1, 2, 3, 4, 5].forEach((h) => store.signIn('carol@acme.example', IP.DE, T0 + h * HOUR));
    store.signIn('carol@acme.example', IP.BR, T0 + 2 * DAY);

    runDetection(store.db, { now: T0 + 8 * DAY });
    expect(findingsOf('signin.new_country')).toHaveLength(0);
  });

  it('does not fire for a country among the earlier ones, or a trusted one', () => {
    signInHistory(store, 'dave@acme.example', IP.DE);
    store.signIn('dave@acme.example', IP.DE2, T0 + 6 * DAY);
    signInHistory(store, 'erin@acme.example', IP.DE);
    store.signIn('erin@acme.example', IP.FR, T0 + 6 * DAY);
    setDetectSettings(store.db, store.instance.id, { trustedCountries: ['fr'] });

    runDetection(store.db, { now: T0 + 8 * DAY });
    expect(findingsOf('signin.new_country')).toHaveLength(0);
  });

  it('ignores sign-ins whose address has no country (private, documentation ranges)', () => {
    signInHistory(store, 'frank@acme.example', IP.DE);
    store.signIn('frank@acme.example', '10.1.2.3', T0 + 6 * DAY);
    store.signIn('frank@acme.example', '203.0.113.7', T0 + 6 * DAY + HOUR);

    runDetection(store.db, { now: T0 + 8 * DAY });
    expect(findingsOf('signin.new_country')).toHaveLength(0);
    expect(findingsOf('signin.impossible_travel')).toHaveLength(0);
  });
});

describe('signin.impossible_travel', () => {
  it('fires on Germany then Brazil 40 minutes apart, with both sign-ins as evidence', () => {
    const germany = store.signIn('alice@acme.example', IP.DE, T0);
    const brazil = store.signIn('alice@acme.example', IP.BR, T0 + 40 * MINUTE);

    runDetection(store.db, { now: T0 + DAY });
    const findings = findingsOf('signin.impossible_travel');

    expect(findings).toHaveLength(1);
    const values = findings[0]!.values as Record<string, number | string>;
    expect(values).toMatchObject({ from: 'DE', to: 'BR', hours: 0.67 });
    expect(values.km).toBeGreaterThan(9000);
    expect(values.kmh).toBeGreaterThan(13000);
    expect(findings[0]!.explanation).toMatch(
      new RegExp(
        '^alice@acme\\.example signed in from Brazil \\(200\\.160\\.2\\.3\\) 40 minutes ' +
          'after signing in from Germany \\(81\\.91\\.161\\.1\\); the 9,\\d{3} km between ' +
          'them would need 1\\d,\\d{3} km/h\\.$',
      ),
    );
    expect(findings[0]!.severity).toBe('high');
    const evidence = store.db.prepare('SELECT event_id FROM finding_evidence ORDER BY event_id');
    expect(evidence.all().map((row) => (row as { event_id: string }).event_id)).toEqual(
      [germany, brazil].sort(),
    );
  });

  it('does not fire on feasible travel or on neighbours closer than 500 km', () => {
    store.signIn('bob@acme.example', IP.DE, T0);
    store.signIn('bob@acme.example', IP.FR, T0 + 3 * HOUR);
    store.signIn('bob@acme.example', IP.US, T0 + 20 * HOUR);
    store.signIn('carol@acme.example', IP.DE, T0);
    store.signIn('carol@acme.example', IP.NL, T0 + 5 * MINUTE);

    runDetection(store.db, { now: T0 + DAY });
    expect(findingsOf('signin.impossible_travel')).toHaveLength(0);
  });

  it('compares consecutive sign-ins of the same user only', () => {
    store.signIn('dave@acme.example', IP.DE, T0);
    store.signIn('erin@acme.example', IP.JP, T0 + 10 * MINUTE);

    runDetection(store.db, { now: T0 + DAY });
    expect(findingsOf('signin.impossible_travel')).toHaveLength(0);
  });

  it('follows the speed and distance settings', () => {
    store.signIn('frank@acme.example', IP.DE, T0);
    store.signIn('frank@acme.example', IP.FR, T0 + 30 * MINUTE);
    runDetection(store.db, { now: T0 + DAY });
    expect(findingsOf('signin.impossible_travel')).toHaveLength(1);

    setDetectSettings(store.db, store.instance.id, { impossibleTravelMinKm: 1000 });
    runDetection(store.db, { now: T0 + DAY });
    expect(listFindings(store.db, { stillHolds: true })).toHaveLength(0);
  });
});
