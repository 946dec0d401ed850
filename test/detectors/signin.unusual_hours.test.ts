import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runDetection } from '../../main/detect/engine.ts';
import { setDetectSettings } from '../../main/detect/settings.ts';
import { listFindings } from '../../main/store/findings.ts';
import { DAY, HOUR, IP, openDetectStore, T0, type DetectStore } from '../helpers/detect-db.ts';

let store: DetectStore;
beforeEach(() => (store = openDetectStore()));
afterEach(() => store.close());

const ALICE = 'alice@acme.example';
const findings = () => listFindings(store.db, { detectorId: 'signin.unusual_hours' });

/** Twelve daytime sign-ins (T0 is 08:00 UTC, 09:00 in Berlin in November) over twelve days. */
function dayHistory(email = ALICE): void {
  for (let day = 0; day < 12; day++) store.signIn(email, IP.DE, T0 + day * DAY);
}

describe('signin.unusual_hours', () => {
  it('fires on a sign-in in quiet hours that the user\'s history never shows', () => {
    store.user(ALICE, { timezone: 'Europe/Berlin' });
    dayHistory();
    store.signIn(ALICE, IP.DE, T0 + 13 * DAY - 6 * HOUR);

    runDetection(store.db, { now: T0 + 14 * DAY });
    const [finding, ...rest] = findings();

    expect(rest).toHaveLength(0);
    expect(finding?.values).toMatchObject({ localTime: '03:00', timeZone: 'Europe/Berlin',
      earlierSignIns: 12, earlierWithinAnHour: 0 });
    expect(finding?.explanation).toBe(
      'alice@acme.example signed in at 03:00 local time (Europe/Berlin; 2026-11-15 02:00 UTC) ' +
        'from 81.91.161.1, inside quiet hours 22:00-06:00; none of 12 earlier sign-ins over ' +
        '11 days came within an hour of that time of day.',
    );
  });

  it('reads hours in UTC when the users snapshot has no time zone for the user', () => {
    dayHistory();
    store.signIn(ALICE, IP.DE, T0 + 13 * DAY - 5 * HOUR);

    runDetection(store.db, { now: T0 + 14 * DAY });
    expect(findings()[0]?.values).toMatchObject({ localTime: '03:00', timeZone: 'UTC' });
  });

  it('stays quiet for a night worker, a daytime sign-in and a short history', () => {
    for (let day = 0; day < 12; day++) store.signIn(ALICE, IP.DE, T0 + day * DAY + 15 * HOUR);
    store.signIn(ALICE, IP.DE, T0 + 13 * DAY + 15 * HOUR + 30 * 60_000);
    dayHistory('bob@acme.example');
    store.signIn('bob@acme.example', IP.DE, T0 + 13 * DAY + 6 * HOUR);
    for (let day = 0; day < 4; day++) store.signIn('carol@acme.example', IP.DE, T0 + day * DAY);
    store.signIn('carol@acme.example', IP.DE, T0 + 5 * DAY - 6 * HOUR);

    runDetection(store.db, { now: T0 + 14 * DAY });
    expect(findings()).toHaveLength(0);
  });

  it('follows the quiet-hours setting', () => {
    dayHistory();
    store.signIn(ALICE, IP.DE, T0 + 13 * DAY - 5 * HOUR);
    setDetectSettings(store.db, store.instance.id, { quietHoursStart: 0, quietHoursEnd: 2 });

    runDetection(store.db, { now: T0 + 14 * DAY });
    expect(findings()).toHaveLength(0);
  });
});
