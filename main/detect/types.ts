/**
 * The detector contract. A detector is a pure function from time-ordered events of the kinds it
 * names, plus a context, to finding drafts; the engine reads, hashes, stores and keeps triage.
 */
import type { EventKind, EventRow } from '../../shared/events.ts';
import type { Severity, Technique } from '../../shared/findings.ts';
import type { ChannelMember } from '../store/channel-members.ts';
import type { DirectoryUser } from '../store/user-directory.ts';
import type { Citation } from './citations.ts';
import type { GeoLookup } from './geo.ts';
import type { DetectSettings } from './settings.ts';

export interface Detector {
  /** Fixed, dotted id (`signin.new_country`): answer keys and stored findings match on it. */
  id: string;
  /** Bump when the logic changes; findings that still hold keep their triage. */
  version: number;
  severity: Severity;
  technique: Technique | null;
  /** The event kinds the engine hands to detect(), in time order. */
  kinds: readonly EventKind[];
  title: string;
  /**
   * Reads other detectors' findings (context.citedMessages): runs after the others' findings
   * of the same run are stored, so that one run gives the same answer as the next.
   */
  readsFindings?: boolean;
  detect(events: readonly EventRow[], context: DetectContext): FindingDraft[];
}

export interface DetectContext {
  instanceId: number;
  /** The time of the run; detectors must not read the clock themselves. */
  now: number;
  settings: DetectSettings;
  geo: GeoLookup;
  /** The account's own e-mail domains, lower-case. Empty when they cannot be told. */
  ownDomains: ReadonlySet<string>;
  /** The current membership snapshot: channel id → members. */
  channelMembers: ReadonlyMap<string, readonly ChannelMember[]>;
  /** The users snapshot by lower-case e-mail; empty when the users list was never collected. */
  users: ReadonlyMap<string, DirectoryUser>;
  /** Message id → findings citing it; given only to detectors that read findings. */
  citedMessages?: ReadonlyMap<string, readonly Citation[]>;
  /** Messages our own response actions deleted; given only to detectors reading findings. */
  deletedByActions?: ReadonlySet<string>;
}

export interface FindingDraft {
  /** The events that evidence the finding; with the detector id they make the finding's id. */
  evidenceEventIds: readonly string[];
  /** What triggered it: small JSON values, sensitive values masked. */
  values: Record<string, unknown>;
  /** The user e-mail or channel the finding is about. */
  subject: string | null;
  /** One plain-text sentence an investigator can paste into a report. */
  explanation: string;
  firstEventAt: number;
  lastEventAt: number;
  /** Overrides the detector's severity or technique for this one finding. */
  severity?: Severity;
  technique?: Technique;
  title?: string;
}
