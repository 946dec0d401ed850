import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { findingId, runDetection } from '../main/detect/engine.ts';
import {
  countryCentroid,
  countryDistanceKm,
  openGeo,
  shippedGeoDatabasePath,
} from '../main/detect/geo.ts';
import { DETECTORS, findDetector } from '../main/detect/registry.ts';
import {
  DEFAULT_DETECT_SETTINGS,
  getDetectSettings,
  setDetectSettings,
} from '../main/detect/settings.ts';
import type { Detector } from '../main/detect/types.ts';
import { ExpectedError, UsageError } from '../main/errors.ts';
import { getFinding, listFindings, triageFinding } from '../main/store/findings.ts';
import { addInstance } from '../main/store/instances.ts';
import {
  DAY,
  IP,
  MINUTE,
  openDetectStore,
  signInHistory,
  T0,
  type DetectStore,
} from './helpers/detect-db.ts';

let store: DetectStore;
beforeEach(() => (store = openDetectStore()));
afterEach(() => store.close());

/** One finding of each detector, planted the way the demo tenant plants incidents. */
function plantOneOfEach(): void {
  signInHistory(store, 'alice@acme.example', IP.DE);
  store.signIn('alice@acme.example', IP.DE, T0 + 6 * DAY - 40 * MINUTE);
  store.signIn('alice@acme.example', IP.BR, T0 + 6 * DAY);
  [0, 1, 2, 3, 4].forEach((m) =>
    store.event({
      kind: 'chat.message_deleted',
      occurredAt: T0 + m * MINUTE,
      actorEmail: 'bob@acme.example',
    }),
  );
  store.event({
    kind: 'admin.setting_changed',
    occurredAt: T0,
    actorEmail: 'admin@acme.example',
    detail: { section: 'Security', setting: 'Waiting Room', from: 'On', to: 'Off' },
  });
  store.event({
    kind: 'chat.message_sent',
    occurredAt: T0,
    actorEmail: 'alice@acme.example',
    targetEmail: 'eve@partner.example',
    text: '4111 1111 1111 1111',
  });
}

/** One finding each for the Team Chat, users and meetings detectors (8). */
const CHAT_USERS_MEETINGS_FINDINGS = 8;

function plantChatUsersAndMeetings(): void {
  const actor = { actorEmail: 'carol@acme.example' };
  [0, 1, 2, 3, 4].forEach((m) => store.event({ kind: 'chat.message_updated', ...actor,
    occurredAt: T0 + m * MINUTE, messageId: `e${m}`, text: 'fixed' }));
  store.event({ kind: 'chat.message_deleted', actorEmail: 'alice@acme.example',
    occurredAt: T0 + 6 * DAY + 60 * MINUTE, messageId: 'gone' });
  store.event({ kind: 'chat.channel_created', ...actor, occurredAt: T0, channelId: 'c9' });
  store.event({ kind: 'chat.member_added', ...actor, occurredAt: T0 + 5 * MINUTE,
    channelId: 'c9', targetEmail: 'x@gmail.example' });
  store.event({ kind: 'chat.message_sent', ...actor, occurredAt: T0, messageId: 'f1',
    targetEmail: 'x@gmail.example', detail: { fileNames: ['payroll.xlsx'] } });
  // Sunday 2026-11-08 01:00 UTC, half an hour after a role change.
  const sunday = Date.UTC(2026, 10, 8, 1, 0);
  store.event({ kind: 'admin.role_changed', actorEmail: 'admin@acme.example',
    occurredAt: sunday - 30 * MINUTE, targetEmail: 'dan@acme.example' });
  store.event({ kind: 'admin.user_status_changed', actorEmail: 'admin@acme.example',
    occurredAt: sunday, targetEmail: 'dan@acme.example', detail: { status: 'inactive' } });
  for (const [email, userId] of [['x@gmail.example', 'u-x'], [null, null]] as const) {
    store.event({ kind: 'meeting.participant_joined', occurredAt: T0, actorEmail: email,
      detail: { meetingId: '1', meetingUuid: '1==', participantUserId: userId } });
  }
}

/** One finding each for the sign-in and operation-log detectors of part A (8). */
const SIGN_IN_OPLOG_FINDINGS = 8;

function plantSignInsAndOperationLog(): void {
  const admin = { actorEmail: 'admin@acme.example' };
  for (let day = 0; day < 10; day++) store.signIn('hana@acme.example', IP.DE, T0 + day * DAY);
  store.signIn('hana@acme.example', IP.DE, T0 + 11 * DAY - 6 * 60 * MINUTE);
  store.event({ kind: 'admin.user_status_changed', ...admin, occurredAt: T0,
    targetEmail: 'erin@acme.example', detail: { status: 'inactive' } });
  store.signIn('erin@acme.example', IP.DE, T0 + DAY);
  [0, 1, 2, 3, 4].forEach((i) => store.signIn(`sprayed${i}@acme.example`, IP.JP,
    T0 + 5 * DAY + i * MINUTE));
  store.event({ kind: 'admin.role_changed', ...admin, occurredAt: T0,
    targetEmail: 'frank@acme.example', detail: { from: 'Member', to: 'Admin' } });
  [0, 1, 2, 3, 4].forEach((i) => store.event({ kind: 'admin.user_deleted', ...admin,
    occurredAt: T0 + i * MINUTE, targetEmail: `gone${i}@acme.example` }));
  store.event({ kind: 'admin.setting_changed', ...admin, occurredAt: T0, detail: {
    section: 'Recording', setting: 'Ask participants for consent', from: 'On', to: 'Off' } });
  store.event({ kind: 'admin.setting_changed', ...admin, occurredAt: T0, detail: {
    section: 'Information Barriers', setting: 'Policy "R / S"', from: 'On', to: 'Off' } });
  store.event({ kind: 'admin.operation', ...admin, occurredAt: T0,
    text: 'Add group admin gus@acme.example to group Finance' });
}

const idsOf = () => listFindings(store.db).map((finding) => finding.id).sort();

describe('runDetection', () => {
  it('runs every detector and stores one finding per planted incident', () => {
    plantOneOfEach();
    plantChatUsersAndMeetings();
    plantSignInsAndOperationLog();

    const summary = runDetection(store.db, { now: T0 + 7 * DAY });

    expect(summary.findings).toBe(5 + CHAT_USERS_MEETINGS_FINDINGS + SIGN_IN_OPLOG_FINDINGS);
    expect(summary.inserted).toBe(5 + CHAT_USERS_MEETINGS_FINDINGS + SIGN_IN_OPLOG_FINDINGS);
    expect(summary.failedDetectors).toBe(0);
    expect(summary.instances[0]?.geoDatabase.file).toBe('geo-whois-asn-country.mmdb');
    expect(new Set(listFindings(store.db).map((finding) => finding.detectorId))).toEqual(
      new Set(DETECTORS.map((detector) => detector.id)),
    );
  });

  it('gives the same finding ids when run again over the same events', () => {
    plantOneOfEach();

    runDetection(store.db, { now: T0 + 7 * DAY });
    const first = idsOf();
    const again = runDetection(store.db, { now: T0 + 8 * DAY });

    expect(idsOf()).toEqual(first);
    expect(again.inserted).toBe(0);
    expect(again.noLongerHolding).toBe(0);
    expect(listFindings(store.db).every((finding) => finding.detectedAt === T0 + 7 * DAY)).toBe(
      true,
    );
  });

  it('keeps triage across a re-run and a detector version bump', () => {
    plantOneOfEach();
    runDetection(store.db, { now: T0 + 7 * DAY });
    const [travel] = listFindings(store.db, { detectorId: 'signin.impossible_travel' });
    const note = 'VPN exit, confirmed with Alice';
    triageFinding(store.db, travel!.id, 'dismissed', note, T0 + 8 * DAY);

    runDetection(store.db, { now: T0 + 9 * DAY });
    const bumped = DETECTORS.map((detector) => ({ ...detector, version: detector.version + 1 }));
    runDetection(store.db, { now: T0 + 10 * DAY, detectors: bumped });

    const after = getFinding(store.db, travel!.id);
    expect(after).toMatchObject({
      status: 'dismissed',
      triageNote: note,
      triagedAt: T0 + 8 * DAY,
      stillHolds: true,
      detectorVersion: travel!.detectorVersion + 1,
    });
  });

  it('marks findings no longer produced as not holding, keeps them, and revives them', () => {
    plantOneOfEach();
    runDetection(store.db, { now: T0 + 7 * DAY });
    const [newCountry] = listFindings(store.db, { detectorId: 'signin.new_country' });
    triageFinding(store.db, newCountry!.id, 'triaged', 'asked the user');

    setDetectSettings(store.db, store.instance.id, { trustedCountries: ['BR'] });
    const summary = runDetection(store.db, { now: T0 + 8 * DAY });

    expect(summary.noLongerHolding).toBe(1);
    expect(getFinding(store.db, newCountry!.id)).toMatchObject({
      stillHolds: false,
      status: 'triaged',
    });
    expect(listFindings(store.db, { stillHolds: true })).toHaveLength(4);

    setDetectSettings(store.db, store.instance.id, { trustedCountries: [] });
    runDetection(store.db, { now: T0 + 9 * DAY });
    expect(getFinding(store.db, newCountry!.id)?.stillHolds).toBe(true);
  });

  it('keeps instances apart and runs only the one asked for', () => {
    const other = addInstance(store.db, {
      name: 'globex',
      accountId: 'Acct-globex',
      clientId: 'c',
      adminEmail: 'admin@globex.example',
      ownDomains: ['globex.example'],
    });
    plantOneOfEach();

    const summary = runDetection(store.db, { instanceId: other.id, now: T0 });

    expect(summary.instances.map((instance) => instance.instanceName)).toEqual(['globex']);
    expect(listFindings(store.db)).toHaveLength(0);
    expect(findingId('x', 1, ['a', 'b'])).toBe(findingId('x', 1, ['b', 'a']));
    expect(findingId('x', 1, ['a'])).not.toBe(findingId('x', 2, ['a']));
  });

  it('reports a failing detector without losing the others or its stored findings', () => {
    plantOneOfEach();
    runDetection(store.db, { now: T0 + 7 * DAY });

    const broken: Detector = {
      ...findDetector('chat.delete_burst')!,
      detect: () => {
        throw new Error('boom');
      },
    };
    const detectors = DETECTORS.map((d) => (d.id === broken.id ? broken : d));
    const summary = runDetection(store.db, { now: T0 + 8 * DAY, detectors });

    expect(summary.failedDetectors).toBe(1);
    expect(listFindings(store.db, { stillHolds: true })).toHaveLength(5);
  });
});

describe('findings store', () => {
  it('filters by instance, detector, status and severity, and refuses unknown ids', () => {
    plantOneOfEach();
    runDetection(store.db, { now: T0 + 7 * DAY });
    const [burst] = listFindings(store.db, { detectorId: 'chat.delete_burst' });
    triageFinding(store.db, burst!.id, 'triaged', null);

    expect(listFindings(store.db, { severity: 'high' })).toHaveLength(3);
    expect(listFindings(store.db, { status: 'triaged' }).map((f) => f.id)).toEqual([burst!.id]);
    expect(listFindings(store.db, { instanceId: store.instance.id + 1 })).toHaveLength(0);
    expect(getFinding(store.db, burst!.id)?.evidenceEventIds).toHaveLength(5);
    expect(() => triageFinding(store.db, 'nope', 'dismissed', null)).toThrow(ExpectedError);
  });
});

describe('detection settings', () => {
  it('defaults in code, stores only changes, validates, and keeps instances apart', () => {
    expect(getDetectSettings(store.db, store.instance.id)).toEqual(DEFAULT_DETECT_SETTINGS);
    expect(DEFAULT_DETECT_SETTINGS).toMatchObject({
      impossibleTravelKmh: 900,
      impossibleTravelMinKm: 500,
      newCountryMinSignIns: 5,
      newCountryMinDays: 3,
      deleteBurstCount: 5,
      deleteBurstMinutes: 10,
    });

    setDetectSettings(store.db, store.instance.id, { trustedCountries: ['de'] });
    setDetectSettings(store.db, store.instance.id, { ownDomains: ['@Acme.Example'] });

    expect(getDetectSettings(store.db, store.instance.id)).toMatchObject({
      trustedCountries: ['DE'],
      ownDomains: ['acme.example'],
    });
    expect(getDetectSettings(store.db, store.instance.id + 1)).toEqual(DEFAULT_DETECT_SETTINGS);
    expect(() =>
      setDetectSettings(store.db, store.instance.id, { impossibleTravelKmh: -1 }),
    ).toThrow(UsageError);
  });

  it('reads a missing geolocation database as an expected failure', () => {
    setDetectSettings(store.db, store.instance.id, { geoDatabasePath: '/nonexistent/x.mmdb' });
    expect(() => runDetection(store.db, { now: T0 })).toThrow(ExpectedError);
  });
});

describe('geo', () => {
  const geo = openGeo();

  it('resolves real public addresses to their country in the shipped database', () => {
    const expected: Record<string, string> = {
      '8.8.8.8': 'US',
      '81.91.161.1': 'DE',
      '217.160.0.1': 'DE',
      '200.160.2.3': 'BR',
      '193.0.6.139': 'NL',
      '202.12.27.33': 'JP',
      '62.4.0.1': 'FR',
      '141.1.1.1': 'GB',
      '195.113.144.201': 'CZ',
      '2001:67c:2e8:22::c100:68b': 'NL',
      '::ffff:8.8.8.8': 'US',
    };
    for (const [ip, country] of Object.entries(expected)) expect(geo.country(ip)).toBe(country);
  });

  it('gives no country for private, documentation and malformed addresses', () => {
    for (const ip of ['10.0.0.1', '172.16.0.1', '192.168.1.1', '203.0.113.7', '198.51.100.7',
      '127.0.0.1', '::1', 'fe80::1', '2001:db8::1', 'not-an-ip', '']) {
      expect(geo.country(ip)).toBeNull();
    }
  });

  it('names the database file and its build date', () => {
    expect(shippedGeoDatabasePath()).toMatch(/geo-whois-asn-country\.mmdb$/);
    expect(geo.database.file).toBe('geo-whois-asn-country.mmdb');
    expect(Number.isNaN(Date.parse(geo.database.builtAt))).toBe(false);
  });

  it('measures centroid distances', () => {
    expect(countryCentroid('BR')?.name).toBe('Brazil');
    expect(countryDistanceKm('DE', 'BR')).toBeGreaterThan(9000);
    expect(countryDistanceKm('DE', 'BR')).toBeLessThan(10500);
    expect(countryDistanceKm('DE', 'NL')).toBeLessThan(500);
    expect(countryDistanceKm('DE', 'XX')).toBeNull();
  });
});
