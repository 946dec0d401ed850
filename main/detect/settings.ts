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
