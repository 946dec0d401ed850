/**
 * Recordings put at risk through the operation log: a recording setting changed so that
 * recordings disappear (auto-delete on or sooner), lose their protection (consent notices,
 * passcodes, sign-in to view turned off) or can leave the account (local recording,
 * downloads turned on); and recordings deleted in bulk. Single deletions and ordinary
 * recording switches are daily administration and never fire.
 */
import type { EventRow } from '../../../shared/events.ts';
import type { Technique } from '../../../shared/findings.ts';
import { burstsOf, groupBy } from '../bursts.ts';
import {
  parseSettingChange,
  settingChangeFromDetail,
  turnsOff,
  type SettingChange,
} from '../oplog.ts';
import { formatDuration, formatUtc, personKey, plainLabel, plural } from '../text.ts';
import type { DetectContext, Detector, FindingDraft } from '../types.ts';

const MAX_VALUE = 200;

const IMPAIR_DEFENSES: Technique = { id: 'T1562', name: 'Impair Defenses' };
const INDICATOR_REMOVAL: Technique = { id: 'T1070', name: 'Indicator Removal' };
const CLOUD_STORAGE: Technique = { id: 'T1530', name: 'Data from Cloud Storage' };

export const detector: Detector = {
  id: 'oplog.recording_changed',
  version: 1,
  severity: 'medium',
  technique: INDICATOR_REMOVAL,
  kinds: ['admin.setting_changed', 'admin.operation'],
  title: 'Recording settings or recordings changed',
  detect,
};

type Risk = 'auto-delete' | 'unprotected' | 'exposed';

const RISK_TECHNIQUE: Record<Risk, Technique> = {
  'auto-delete': INDICATOR_REMOVAL,
  unprotected: IMPAIR_DEFENSES,
  exposed: CLOUD_STORAGE,
};

const RISK_WORDS: Record<Risk, string> = {
  'auto-delete': 'so that recordings are deleted automatically or sooner',
  unprotected: 'so that recordings lose a protection',
  exposed: 'so that recordings can leave the account',
};

/** Terms naming each risky recording setting (matched in section and setting, any case). */
const AUTO_DELETE_TERMS = ['auto delete', 'auto-delete', 'automatically delete', 'retention',
  'delete cloud recordings after', 'expire'];
const PROTECTION_TERMS = ['consent', 'disclaimer', 'recording notification', 'voice prompt',
  'passcode', 'password', 'authenticated users', 'ip address access', 'watermark',
  'only the host'];
const EXPOSURE_TERMS = ['local recording', 'download', 'share cloud recordings',
  'public', 'sharing'];

/** "Delete cloud recording ...", "Deleted all recordings of ..." and the like. */
const DELETION = /^\s*(?:delete|deleted|remove|removed|trash|trashed|purge|purged)\b/i;

function detect(events: readonly EventRow[], context: DetectContext): FindingDraft[] {
  return [...riskySettingChanges(events), ...deletionBursts(events, context)];
}

function riskySettingChanges(events: readonly EventRow[]): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  // The same log line may reach us as a typed change and as a raw operation: report it once.
  const reported = new Set<string>();

  for (const event of events) {
    const change = settingChangeOf(event);
    const risk = change && isRecordingSetting(change) ? riskOf(change) : null;
    if (!change || !risk) continue;

    const key = [event.occurredAt, event.actorEmail, change.section, change.setting].join('\0');
    if (reported.has(key)) continue;

    reported.add(key);
    drafts.push(settingDraft(event, change, risk));
  }
  return drafts;
}

function settingChangeOf(event: EventRow): SettingChange | null {
  if (event.kind === 'admin.setting_changed') {
    const typed = settingChangeFromDetail(event.detail);
    if (typed) return typed;
  }
  return event.text ? parseSettingChange(event.text) : null;
}

function isRecordingSetting(change: SettingChange): boolean {
  return /recording/i.test(change.section) || /recording/i.test(change.setting);
}

function riskOf(change: SettingChange): Risk | null {
  const name = `${change.section} ${change.setting}`.toLowerCase();
  const has = (terms: readonly string[]) => terms.some((term) => name.includes(term));

  if (has(AUTO_DELETE_TERMS) && (turnsOn(change) || isSooner(change))) return 'auto-delete';
  if (has(PROTECTION_TERMS) && turnsOff(change)) return 'unprotected';
  if (has(EXPOSURE_TERMS) && turnsOn(change)) return 'exposed';
  return null;
}

/** Off to On, or from off to a period ("from Off to 30 days"). */
function turnsOn(change: SettingChange): boolean {
  if (turnsOff({ ...change, from: change.to, to: change.from })) return true;

  // turnsOff from a stand-in "On" tells whether the old value is one of the off words.
  const fromOff = turnsOff({ ...change, from: 'On', to: change.from });
  return fromOff && /^\s*\d/.test(change.to);
}

/** A retention period made shorter: "from 365 days to 7 days". */
function isSooner(change: SettingChange): boolean {
  const from = /^\s*(\d{1,6})\b/.exec(change.from);
  const to = /^\s*(\d{1,6})\b/.exec(change.to);
  return !!from && !!to && Number(to[1]) < Number(from[1]);
}

function settingDraft(event: EventRow, change: SettingChange, risk: Risk): FindingDraft {
  const operator = event.actorEmail?.toLowerCase() ?? null;
  const setting = change.section ? `${change.section}: ${change.setting}` : change.setting;
  const explanation =
    `${plainLabel(operator)} changed "${plainLabel(setting, 120)}" from ` +
    `${plainLabel(change.from, 20)} to ${plainLabel(change.to, 20)} at ` +
    `${formatUtc(event.occurredAt)}, ${RISK_WORDS[risk]}.`;

  return {
    evidenceEventIds: [event.id],
    values: {
      operator,
      risk,
      section: change.section.slice(0, MAX_VALUE),
      setting: change.setting.slice(0, MAX_VALUE),
      from: change.from.slice(0, MAX_VALUE),
      to: change.to.slice(0, MAX_VALUE),
    },
    subject: operator,
    explanation,
    firstEventAt: event.occurredAt,
    lastEventAt: event.occurredAt,
    technique: RISK_TECHNIQUE[risk],
  };
}

/** Recording deletions grouped by operator, then cut into bursts. */
function deletionBursts(events: readonly EventRow[], context: DetectContext): FindingDraft[] {
  const { recordingDeleteBurstCount, recordingDeleteBurstMinutes } = context.settings;
  const deletions = events.filter((event) => event.kind === 'admin.operation' && isDeletion(event));
  const byOperator = groupBy(deletions, (event) => personKey(event.actorEmail, event.actorId));

  const drafts: FindingDraft[] = [];
  for (const own of byOperator.values()) {
    const bursts = burstsOf(
      own,
      (event) => event.occurredAt,
      recordingDeleteBurstCount,
      recordingDeleteBurstMinutes * 60_000,
    );
    drafts.push(...bursts.map(deletionDraft));
  }
  return drafts;
}

function isDeletion(event: EventRow): boolean {
  const text = event.text?.slice(0, 1000) ?? '';
  return DELETION.test(text) && /recording/i.test(text);
}

function deletionDraft(burst: readonly EventRow[]): FindingDraft {
  const first = burst[0]!;
  const last = burst.at(-1)!;
  const operator = personKey(first.actorEmail, first.actorId);
  const owners = [...new Set(burst.map((event) => event.targetEmail).filter(Boolean))];
  const explanation =
    `${plainLabel(operator)} deleted ${plural(burst.length, 'recording')} within ` +
    `${formatDuration(last.occurredAt - first.occurredAt)} (${formatUtc(first.occurredAt)} to ` +
    `${formatUtc(last.occurredAt)}), of ${plural(owners.length, 'user')}.`;

  return {
    evidenceEventIds: burst.map((event) => event.id),
    values: {
      operator,
      risk: 'deleted',
      count: burst.length,
      owners,
      minutes: Math.round((last.occurredAt - first.occurredAt) / 60_000),
    },
    subject: operator,
    explanation,
    firstEventAt: first.occurredAt,
    lastEventAt: last.occurredAt,
    severity: 'high',
  };
}
