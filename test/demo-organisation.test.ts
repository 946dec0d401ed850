import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Reader } from 'maxmind';
import type { CountryResponse } from 'maxmind';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveRecordRef } from '../main/demo/answer-key.ts';
import { HOSTILE_TEXTS } from '../main/demo/hostile.ts';
import { luhnValid } from '../main/demo/incidents/luhn.ts';
import type { DemoActivity, DemoMessage, RecordRef, TenantData } from '../main/demo/model.ts';
import { generateTenant } from '../main/demo/organisation.ts';

/** A plain month, and one whose window crosses the European and US clock changes. */
const CASES = [
  { seed: 20240611, endDate: '2025-06-30', start: '2025-06-01', end: '2025-07-01' },
  { seed: 7, endDate: '2025-11-05', start: '2025-10-07', end: '2025-11-06' },
];

/** Rough country centroids (lat, lon) for the countries the generator uses. */
const CENTROIDS: Record<string, [number, number]> = {
  DE: [51.2, 10.4], US: [39.8, -98.6], GB: [54.0, -2.0], SG: [1.35, 103.8], FR: [46.6, 2.2],
  NL: [52.1, 5.3], CH: [46.8, 8.2], IN: [22.0, 79.0], JP: [36.2, 138.3], AU: [-25.3, 133.8],
  CA: [56.1, -106.3], RU: [61.5, 105.3], BR: [-10.3, -53.2], NG: [9.1, 8.7],
};

function openGeo(): Reader<CountryResponse & { country_code?: string }> {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@ip-location-db/geo-whois-asn-country-mmdb/package.json');
  const file = pkg.replace(/package\.json$/, 'geo-whois-asn-country-ipv4.mmdb');
  return new Reader(readFileSync(file));
}

function distanceKm(a: string, b: string): number {
  const [lat1, lon1] = CENTROIDS[a] ?? [0, 0];
  const [lat2, lon2] = CENTROIDS[b] ?? [0, 0];
  const rad = Math.PI / 180;
  const h = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

function sha256(data: TenantData): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex');
}

function refKey(ref: RecordRef): string {
  return JSON.stringify(ref);
}

/** The planted records of one detector, as keys. */
/** ISO 13616 mod-97 for a German IBAN, by BigInt: independent of the detector's arithmetic. */
function germanIbanValid(printed: string): boolean {
  const iban = printed.replace(/ /g, '');
  return BigInt(`${iban.slice(4)}1314${iban.slice(2, 4)}`) % 97n === 1n;
}

function plantedKeys(data: TenantData, detector: string): Set<string> {
  return new Set(data.answerKey.incidents.filter((e) => e.detector === detector)
    .flatMap((e) => e.records.map(refKey)));
}

function signInsByUser(data: TenantData): Map<string, DemoActivity[]> {
  const out = new Map<string, DemoActivity[]>();
  for (const row of data.activities) {
    if (row.type === 'Sign in') out.set(row.email, [...(out.get(row.email) ?? []), row]);
  }
  return out;
}

const activityKey = (row: DemoActivity) =>
  refKey({ stream: 'activities', email: row.email, time: row.time, type: row.type });

describe.each(CASES)('demo organisation (seed $seed, ending $endDate)', (c) => {
  const OPTIONS = { seed: c.seed, endDate: c.endDate };
  const START = Date.parse(`${c.start}T00:00:00Z`);
  const END = Date.parse(`${c.end}T00:00:00Z`);
  let data: TenantData;
  let geo: ReturnType<typeof openGeo>;
  const countryOf = (ip: string) => geo.get(ip)?.country_code ?? '?';

  beforeAll(() => {
    data = generateTenant(OPTIONS);
    geo = openGeo();
  });

  it('is byte-identical for the same seed and end date, and different for another seed', () => {
    const again = generateTenant(OPTIONS);
    expect(sha256(again)).toBe(sha256(data));
    expect(sha256(generateTenant({ ...OPTIONS, seed: c.seed + 1 }))).not.toBe(sha256(data));
  });

  it('generates in under three seconds', () => {
    const started = performance.now();
    generateTenant({ ...OPTIONS, seed: 99 });
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('has at least 150 users across several time zones, statuses and roles', () => {
    expect(data.users.length).toBeGreaterThanOrEqual(150);
    expect(new Set(data.users.map((u) => u.timezone)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(data.users.map((u) => u.status))).toEqual(
      new Set(['active', 'inactive', 'pending']));
    expect(data.users.filter((u) => u.role_id === '0')).toHaveLength(1);
    expect(data.users.filter((u) => u.role_id === '1').length).toBeGreaterThanOrEqual(3);
    expect(new Set(data.users.map((u) => u.email)).size).toBe(data.users.length);
  });

  it('has tens of thousands of chat messages and sign-ins, and a realistic chat', () => {
    expect(data.messages.length + data.activities.length).toBeGreaterThanOrEqual(20_000);
    expect(data.messages.length).toBeGreaterThanOrEqual(20_000);
    expect(data.channels.length).toBeGreaterThanOrEqual(20);
    expect(data.channels.filter((c) => c.members.some((m) => m.is_external)).length)
      .toBeGreaterThanOrEqual(2);
    expect(data.messages.filter((m) => m.reply_main_message_id !== '').length).toBeGreaterThan(100);
    expect(data.messages.filter((m) => m.edits.length > 0).length).toBeGreaterThan(100);
    expect(data.messages.filter((m) => m.files.length > 0).length).toBeGreaterThan(10);
    expect(new Set(data.messages.map((m) => m.id)).size).toBe(data.messages.length);
  });

  it('keeps every timestamp inside the 30 days', () => {
    const inside = (ms: number) => ms >= START && ms < END;
    for (const a of data.activities) expect(inside(Date.parse(a.time))).toBe(true);
    for (const o of data.operationLogs) expect(inside(Date.parse(o.time))).toBe(true);
    for (const m of data.messages) {
      expect(inside(m.timestamp)).toBe(true);
      for (const e of m.edits) expect(inside(e.timestamp) && e.timestamp > m.timestamp).toBe(true);
      if (m.deleted_at !== undefined) expect(inside(m.deleted_at)).toBe(true);
    }
    for (const w of data.webhooks) expect(inside(Number(w.event_ts))).toBe(true);
  });

  it('addresses 1:1 messages to the contact and channel messages to the channel', () => {
    const channels = new Map(data.channels.map((c) => [c.id, c]));
    for (const m of data.messages) {
      if (m.to_channel !== undefined) expect(m.receiver).toBe(channels.get(m.to_channel)?.name);
      else expect(m.receiver).toBe(m.to_contact);
    }
  });

  it('resolves every answer-key reference to exactly one record', () => {
    const entries = [...data.answerKey.incidents, ...data.answerKey.benign];
    expect(data.answerKey.incidents.length).toBeGreaterThanOrEqual(5);
    for (const entry of entries) {
      expect(entry.records.length).toBeGreaterThan(0);
      for (const ref of entry.records) expect(resolveRecordRef(data, ref)).toHaveLength(1);
    }
  });

  it('carries the hostile messages, a right-to-left override and a body of about 1 MB', () => {
    const texts = new Set(data.messages.map((m) => m.message));
    for (const text of HOSTILE_TEXTS) expect(texts.has(text)).toBe(true);
    expect(data.messages.some((m) => m.message.includes('\u202E'))).toBe(true);
    expect(data.channels.some((c) => c.name.includes('\u202E'))).toBe(true);
    expect(data.messages.some((m) => m.message.length >= 1_000_000)).toBe(true);
  });

  it('uses IP addresses that resolve to the countries the generator meant', () => {
    const intended = data.intendedCountries ?? {};
    const used = new Set(data.activities.map((a) => a.ip_address));
    for (const ip of used) {
      expect(intended[ip], ip).toBeDefined();
      expect(countryOf(ip), ip).toBe(intended[ip]);
    }
  });

  it('matches every webhook duplicate with its API twin', () => {
    const signIns = new Set(data.activities.map((a) => `${a.email}|${a.time}|${a.type}`));
    const messages = new Map(data.messages.map((m) => [m.id, m]));
    const payloads = data.webhooks.map((w) => ({
      event: w.event as string,
      object: (w.payload as { object: Record<string, unknown> }).object,
    }));
    const logins = payloads.filter((w) => w.event.startsWith('user.signed_'));
    const sent = payloads.filter((w) => w.event === 'chat_message.sent');
    expect(logins.length).toBeGreaterThan(50);
    expect(sent.length).toBeGreaterThan(50);
    for (const { event, object } of logins) {
      const type = event === 'user.signed_in' ? 'Sign in' : 'Sign out';
      expect(signIns.has(`${String(object.email)}|${String(object.date_time)}|${type}`)).toBe(true);
    }
    for (const { object } of sent) {
      const twin = messages.get(String(object.id));
      expect(twin?.timestamp).toBe(object.timestamp);
      expect(twin?.message).toBe(object.message);
    }
  });

  it('matches each user.deactivated webhook with a Deactivate user log entry', () => {
    const deactivated = data.webhooks.filter((w) => w.event === 'user.deactivated');
    expect(deactivated.length).toBeGreaterThan(0);
    for (const w of deactivated) {
      const object = (w.payload as { object: { email: string } }).object;
      const at = Math.floor(Number(w.event_ts) / 1000);
      expect(data.operationLogs.some((o) => o.operation_detail === `Deactivate user ${object.email}`
        && Math.floor(Date.parse(o.time) / 1000) === at)).toBe(true);
    }
  });

  it('has a chat_channel.created webhook for each channel', () => {
    const created = data.webhooks.filter((w) => w.event === 'chat_channel.created');
    const ids = new Set(created.map((w) => (w.payload as { object: { id: string } }).object.id));
    expect(ids).toEqual(new Set(data.channels.map((c) => c.id)));
  });

  it('fires signin.new_country exactly on the planted sign-ins', () => {
    const fired = new Set<string>();
    for (const rows of signInsByUser(data).values()) {
      rows.forEach((row, i) => {
        const earlier = rows.slice(0, i);
        const span = i > 0 ? Date.parse(row.time) - Date.parse(earlier[0]?.time ?? row.time) : 0;
        const seen = new Set(earlier.map((r) => countryOf(r.ip_address)));
        if (earlier.length >= 5 && span >= 3 * 86_400_000 && !seen.has(countryOf(row.ip_address))) {
          fired.add(activityKey(row));
        }
      });
    }
    expect(fired).toEqual(plantedKeys(data, 'signin.new_country'));
  });

  it('fires signin.impossible_travel exactly on the planted pair', () => {
    const fired = new Set<string>();
    for (const rows of signInsByUser(data).values()) {
      rows.forEach((row, i) => {
        const next = rows[i + 1];
        if (!next) return;
        const km = distanceKm(countryOf(row.ip_address), countryOf(next.ip_address));
        const hours = (Date.parse(next.time) - Date.parse(row.time)) / 3_600_000;
        if (km > 500 && km / Math.max(hours, 1 / 60) > 900) {
          fired.add(activityKey(row));
          fired.add(activityKey(next));
        }
      });
    }
    expect(fired).toEqual(plantedKeys(data, 'signin.impossible_travel'));
  });

  it('fires chat.delete_burst only for the planted user', () => {
    const bySender = new Map<string, DemoMessage[]>();
    for (const m of data.messages) {
      if (m.deleted_at === undefined) continue;
      bySender.set(m.sender, [...(bySender.get(m.sender) ?? []), m]);
    }
    const fired = new Set<string>();
    for (const [sender, rows] of bySender) {
      const times = rows.map((m) => m.deleted_at ?? 0).sort((a, b) => a - b);
      if (times.some((t, i) => (times[i + 4] ?? Infinity) - t <= 600_000)) fired.add(sender);
    }
    const planted = data.answerKey.incidents.filter((e) => e.detector === 'chat.delete_burst');
    expect(fired).toEqual(new Set(planted.map((e) => e.subject)));
  });

  it('fires oplog.security_disabled only on the planted changes', () => {
    const security = /two-factor|passcode|password|waiting room|encrypt|authenticat/i;
    // Weakened rather than off: a shorter password, automatic sign-out stopped.
    const weakened = (detail: string) => {
      const length = /password length: from (\d+) to (\d+)$/.exec(detail);
      return (!!length && Number(length[2]) < Number(length[1])) ||
        /sign users out.*: from \d+ minutes to Never$/.test(detail);
    };
    const fired = data.operationLogs.filter((o) => (security.test(o.operation_detail) &&
      /: from On to Off$/.test(o.operation_detail)) || weakened(o.operation_detail));
    const keys = new Set(fired.map((o) => refKey({ stream: 'operation_logs', operator: o.operator,
      time: o.time, operation_detail: o.operation_detail })));
    expect(keys).toEqual(plantedKeys(data, 'oplog.security_disabled'));
    expect(data.operationLogs.some((o) => o.operation_detail.includes('  - '))).toBe(true);
  });

  it('fires chat.sensitive_to_external only on the planted messages', () => {
    const own = (email: string) => data.ownDomains.some((d) => email.endsWith(`@${d}`));
    const externalChannels = new Set(data.channels
      .filter((c) => c.members.some((m) => m.is_external)).map((c) => c.id));
    const sensitive = (text: string) =>
      /AKIA[A-Z0-9]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text) ||
      (text.match(/\b(?:\d[ -]?){12,18}\d\b/g) ?? []).some(luhnValid) ||
      (text.match(/\b[0-8]\d\d-\d\d-\d{4}\b/g) ?? []).length > 0 ||
      (text.match(/\bDE\d\d(?: ?\d{4}){4} ?\d\d\b/g) ?? []).some(germanIbanValid);
    const outside = (m: DemoMessage) =>
      (m.to_contact !== undefined && !own(m.to_contact)) ||
      (m.to_channel !== undefined && externalChannels.has(m.to_channel));
    const keys = new Set(data.messages.filter(outside).flatMap((m) => [
      ...(sensitive(m.message) && m.edits.length === 0 ? ['sent' as const] : []),
      ...(m.edits.some((e) => sensitive(e.message)) ? ['updated' as const] : []),
    ].map((version) => refKey({ stream: 'chat', message_id: m.id, version }))));
    expect(keys).toEqual(plantedKeys(data, 'chat.sensitive_to_external'));
  });
});
