/**
 * A user signs in during quiet hours at a time of day their own history does not show, read
 * in the user's time zone from the users snapshot (UTC when the snapshot has none).
 */
import type { EventRow } from '../../../shared/events.ts';
import { groupBy } from '../bursts.ts';
import { clockTime, localMinuteOfDay, usableTimeZone } from '../local-time.ts';
import { formatDuration, formatUtc, personKey, plainLabel, plural, roundTo } from '../text.ts';
import type { DetectContext, Detector, FindingDraft } from '../types.ts';

const DAY_MS = 86_400_000;

/** Earlier sign-ins this close (in local time of day) make a time usual. */
const NEAR_MINUTES = 60;

const DAY_MINUTES = 24 * 60;

export const detector: Detector = {
  id: 'signin.unusual_hours',
  version: 1,
  severity: 'medium',
  technique: { id: 'T1078', name: 'Valid Accounts' },
  kinds: ['auth.sign_in'],
  title: 'Sign-in outside the user\'s usual hours',
  detect,
};

interface LocalSignIn {
  event: EventRow;
  minute: number;
}

interface Baseline {
  earlier: number;
  near: number;
  spanMs: number;
}

function detect(events: readonly EventRow[], context: DetectContext): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const byUser = groupBy(events, (event) => personKey(event.actorEmail, event.actorId));

  for (const [user, signIns] of byUser) {
    const snapshotZone = context.users.get(user)?.timezone ?? null;
    const timeZone = usableTimeZone(snapshotZone);
    const local = signIns.map((event) => ({
      event,
      minute: localMinuteOfDay(timeZone, event.occurredAt),
    }));
    drafts.push(...unusualOfUser(user, local, timeZone, snapshotZone === timeZone, context));
  }
  return drafts;
}

/** Walks one user's sign-ins in time order, counting earlier ones per local minute of day. */
function unusualOfUser(
  user: string,
  signIns: readonly LocalSignIn[],
  timeZone: string,
  zoneFromSnapshot: boolean,
  context: DetectContext,
): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const { settings } = context;
  const perMinute = new Uint32Array(DAY_MINUTES);

  signIns.forEach((signIn, index) => {
    const baseline = baselineAt(signIns, index, perMinute);
    perMinute[signIn.minute]! += 1;

    if (index < settings.unusualHoursMinSignIns || !inQuietHours(signIn.minute, context)) return;
    if (baseline.spanMs < settings.unusualHoursMinDays * DAY_MS) return;
    if (baseline.near >= settings.unusualHoursUsualShare * baseline.earlier) return;

    drafts.push(toDraft(user, signIn, baseline, timeZone, zoneFromSnapshot, context));
  });
  return drafts;
}

/** The sign-ins before `index`: how many, over how long, and how many near its time of day. */
function baselineAt(
  signIns: readonly LocalSignIn[],
  index: number,
  perMinute: Uint32Array,
): Baseline {
  if (index === 0) return { earlier: 0, near: 0, spanMs: 0 };

  const minute = signIns[index]!.minute;
  let near = 0;
  for (let offset = -NEAR_MINUTES; offset <= NEAR_MINUTES; offset++) {
    near += perMinute[(minute + offset + DAY_MINUTES) % DAY_MINUTES]!;
  }
  const spanMs = signIns[index - 1]!.event.occurredAt - signIns[0]!.event.occurredAt;
  return { earlier: index, near, spanMs };
}

/** Quiet hours run from start to end local time and may wrap past midnight. */
function inQuietHours(minute: number, context: DetectContext): boolean {
  const start = context.settings.quietHoursStart * 60;
  const end = context.settings.quietHoursEnd * 60;
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

function toDraft(
  user: string,
  signIn: LocalSignIn,
  baseline: Baseline,
  timeZone: string,
  zoneFromSnapshot: boolean,
  context: DetectContext,
): FindingDraft {
  const { settings } = context;
  const { event } = signIn;
  const quiet = `${clockTime(settings.quietHoursStart * 60)}-${clockTime(
    settings.quietHoursEnd * 60,
  )}`;
  const zone = zoneFromSnapshot ? timeZone : 'UTC, no time zone known';
  const history =
    `${baseline.near === 0 ? 'none' : baseline.near} of ${plural(baseline.earlier,
      'earlier sign-in')} over ${formatDuration(baseline.spanMs)}`;
  const explanation =
    `${plainLabel(user)} signed in at ${clockTime(signIn.minute)} local time ` +
    `(${plainLabel(zone, 60)}; ${formatUtc(event.occurredAt)}) from ` +
    `${plainLabel(event.ip, 45)}, inside quiet hours ${quiet}; ${history} came within an ` +
    `hour of that time of day.`;

  return {
    evidenceEventIds: [event.id],
    values: {
      user,
      ip: event.ip,
      localTime: clockTime(signIn.minute),
      timeZone,
      timeZoneFrom: zoneFromSnapshot ? 'users snapshot' : 'default (UTC)',
      quietHours: quiet,
      earlierSignIns: baseline.earlier,
      earlierWithinAnHour: baseline.near,
      baselineDays: roundTo(baseline.spanMs / DAY_MS, 1),
    },
    subject: user,
    explanation,
    firstEventAt: event.occurredAt,
    lastEventAt: event.occurredAt,
  };
}
