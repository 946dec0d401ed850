/**
 * Detection settings per instance, stored under scope `instance:<id>` key `detect`. Only the
 * values an investigator changed are stored; the defaults live here, in code.
 */
import { z } from 'zod';

import { UsageError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { getSetting, instanceScope, setSetting } from '../store/settings.ts';

const SETTINGS_KEY = 'detect';

const CountryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'a two-letter ISO 3166 country code')
  .transform((code) => code.toUpperCase());

const Domain = z
  .string()
  .min(1)
  .max(253)
  .transform((domain) => domain.trim().toLowerCase().replace(/^@/, ''));

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const ClockTime = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'a time of day as HH:MM');

/** Days of the week and local hours in one time zone (IANA name, `UTC` by default). */
export const ChangeWindow = z.object({
  days: z.array(z.enum(WEEKDAYS)).min(1),
  from: ClockTime,
  to: ClockTime,
  timeZone: z.string().min(1).default('UTC'),
});
export type ChangeWindow = z.infer<typeof ChangeWindow>;

/** Working days, early to late, in UTC: covers office hours from London to New York. */
const DEFAULT_CHANGE_WINDOWS: ChangeWindow[] = [
  { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '06:00', to: '22:00', timeZone: 'UTC' },
];

const SENSITIVE_FILE_KEYWORDS = ['password', 'passwords', 'passwd', 'credentials', 'secrets',
  'payroll', 'salary', 'salaries', 'customer export', 'customer list', 'customer data',
  'private key', 'id rsa', 'keystore', 'vault'];

const SENSITIVE_FILE_EXTENSIONS = ['pem', 'key', 'kdbx', 'kdb', 'pfx', 'p12', 'ppk', 'ovpn',
  'jks', 'env'];

export const DetectSettings = z.object({
  /** Implied speed between two sign-ins above which travel is impossible. */
  impossibleTravelKmh: z.number().positive().default(900),
  /** Country centroids closer than this never count as travel (neighbours, VPN exits). */
  impossibleTravelMinKm: z.number().nonnegative().default(500),
  /** A new country counts only once a user has this many earlier sign-ins... */
  newCountryMinSignIns: z.number().int().positive().default(5),
  /** ...spanning at least this many days. */
  newCountryMinDays: z.number().nonnegative().default(3),
  deleteBurstCount: z.number().int().min(2).default(5),
  deleteBurstMinutes: z.number().positive().default(10),
  editBurstCount: z.number().int().min(2).default(5),
  editBurstMinutes: z.number().positive().default(10),
  /** A message changed this soon after its sender's sign-in from a new country is suspect. */
  tamperAfterNewCountryHours: z.number().positive().default(24),
  /** External members added this soon after a channel's creation make it suspect. */
  externalChannelSoonHours: z.number().positive().default(24),
  /** A user deactivated this soon after a role change. */
  deactivationAfterRoleChangeHours: z.number().positive().default(24),
  /** When admins may deactivate or reactivate users; outside every window is suspect. */
  changeWindows: z.array(ChangeWindow).default(DEFAULT_CHANGE_WINDOWS),
  /** Words that make a shared file's name sensitive (matched on words, any case). */
  sensitiveFileKeywords: z.array(z.string().min(2).max(60)).default(SENSITIVE_FILE_KEYWORDS),
  /** Extensions (without the dot) of key stores and credentials. */
  sensitiveFileExtensions: z.array(z.string().min(1).max(12)).default(SENSITIVE_FILE_EXTENSIONS),
  /** Local hours (0-23) when a sign-in can be unusual: from quietHoursStart to quietHoursEnd. */
  quietHoursStart: z.number().int().min(0).max(23).default(22),
  quietHoursEnd: z.number().int().min(0).max(23).default(6),
  /** "Usual hours" need this many earlier sign-ins of the user... */
  unusualHoursMinSignIns: z.number().int().positive().default(10),
  /** ...spanning at least this many days. */
  unusualHoursMinDays: z.number().nonnegative().default(5),
  /** An hour is usual when at least this share of earlier sign-ins came within an hour of it. */
  unusualHoursUsualShare: z.number().min(0).max(1).default(0.05),
  /** This many different users signing in from one new address within the minutes below. */
  sharedAddressMinUsers: z.number().int().min(2).default(5),
  sharedAddressMinutes: z.number().positive().default(30),
  /** An address used at least this many hours before a burst is known (an office, a VPN). */
  sharedAddressKnownHours: z.number().nonnegative().default(12),
  /** Sign-in data must reach back this many days before a burst to tell a new address. */
  sharedAddressBaselineDays: z.number().nonnegative().default(3),
  /** Role names (words) that make a role privileged; the first is ranked lowest. */
  privilegedRoles: z.array(z.string().min(2).max(40)).default(['admin', 'owner']),
  /** Users created or deleted by one operator: this many within the minutes below. */
  bulkUserChangeCount: z.number().int().min(2).default(5),
  bulkUserChangeMinutes: z.number().positive().default(10),
  /** Recordings deleted by one operator: this many within the minutes below. */
  recordingDeleteBurstCount: z.number().int().min(2).default(5),
  recordingDeleteBurstMinutes: z.number().positive().default(10),
  /** Sign-ins from these countries never raise signin.new_country. */
  trustedCountries: z.array(CountryCode).default([]),
  /** Partner domains the account expects to talk to; named in findings, never suppressing. */
  knownExternalDomains: z.array(Domain).default([]),
  /** The account's own domains; empty means the instance's configured or derived list. */
  ownDomains: z.array(Domain).default([]),
  /** An investigator's own GeoLite2 or commercial .mmdb; null uses the shipped database. */
  geoDatabasePath: z.string().min(1).nullable().default(null),
});
export type DetectSettings = z.infer<typeof DetectSettings>;

export const DEFAULT_DETECT_SETTINGS: DetectSettings = DetectSettings.parse({});

/** The instance's settings: stored values over the defaults. */
export function getDetectSettings(db: Db, instanceId: number): DetectSettings {
  const stored = getSetting(db, instanceScope(instanceId), SETTINGS_KEY);
  const parsed = DetectSettings.safeParse(stored ?? {});
  // A stored value written by another version that no longer validates falls back whole.
  return parsed.success ? parsed.data : DEFAULT_DETECT_SETTINGS;
}

/** Changes some settings; the others keep their stored or default value. */
export function setDetectSettings(
  db: Db,
  instanceId: number,
  patch: Partial<DetectSettings>,
): DetectSettings {
  const current = getSetting(db, instanceScope(instanceId), SETTINGS_KEY);
  const merged = { ...(isRecord(current) ? current : {}), ...patch };

  const parsed = DetectSettings.safeParse(merged);
  if (!parsed.success) {
    throw new UsageError(
      `Invalid detection setting: ${parsed.error.issues.map(describeIssue).join('; ')}.`,
      'Check the value and try again.',
    );
  }

  setSetting(db, instanceScope(instanceId), SETTINGS_KEY, merged);
  return parsed.data;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  return `${issue.path.join('.') || 'value'}: ${issue.message}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
