/**
 * The detection engine: reads each instance's events once per set of kinds, hands them to
 * every registered detector, and stores the findings with ids that survive re-runs.
 */
import type { EventKind, EventRow } from '../../shared/events.ts';
import { errorMessage } from '../errors.ts';
import { createLogger } from '../log/logger.ts';
import { channelMembersByChannel } from '../store/channel-members.ts';
import { inTransaction, type Db } from '../store/db.ts';
import { iterateEvents } from '../store/events.ts';
import { upsertFindings, type NewFinding } from '../store/findings.ts';
import { sha256Hex } from '../store/hash.ts';
import { getInstanceById, listInstances, ownDomains, type Instance } from '../store/instances.ts';
import { usersByEmail } from '../store/user-directory.ts';
import { citedMessages, messagesDeletedByActions } from './citations.ts';
import { openGeo, type GeoDatabaseInfo } from './geo.ts';
import { DETECTORS } from './registry.ts';
import { getDetectSettings } from './settings.ts';
import type { DetectContext, Detector } from './types.ts';

const log = createLogger('detect');

export interface DetectorRunSummary {
  detectorId: string;
  version: number;
  /** Events of the detector's kinds it read. */
  events: number;
  findings: number;
  inserted: number;
  updated: number;
  noLongerHolding: number;
  ms: number;
  /** Set when the detector threw; its stored findings were left as they were. */
  error: string | null;
}

export interface InstanceDetectionSummary {
  instanceId: number;
  instanceName: string;
  geoDatabase: GeoDatabaseInfo;
  ownDomains: string[];
  detectors: DetectorRunSummary[];
}

export interface DetectionSummary {
  startedAt: number;
  durationMs: number;
  instances: InstanceDetectionSummary[];
  /** Totals over all instances and detectors. */
  findings: number;
  inserted: number;
  noLongerHolding: number;
  failedDetectors: number;
}

export interface DetectionOptions {
  /** One instance; default every connected instance. */
  instanceId?: number;
  /** The run's time (stored as detection time of new findings); default the clock. */
  now?: number;
  /** The detectors to run; default the registry. Tests pass changed versions here. */
  detectors?: readonly Detector[];
}

/** Runs every detector over every instance's events and stores what they find. */
export function runDetection(db: Db, options: DetectionOptions = {}): DetectionSummary {
  const startedAt = Date.now();
  const now = options.now ?? startedAt;
  const detectors = options.detectors ?? DETECTORS;
  const instances =
    options.instanceId === undefined
      ? listInstances(db)
      : [getInstanceById(db, options.instanceId)];

  const summaries = instances.map((instance) => detectInstance(db, instance, detectors, now));
  const runs = summaries.flatMap((summary) => summary.detectors);

  return {
    startedAt,
    durationMs: Date.now() - startedAt,
    instances: summaries,
    findings: sum(runs, (run) => run.findings),
    inserted: sum(runs, (run) => run.inserted),
    noLongerHolding: sum(runs, (run) => run.noLongerHolding),
    failedDetectors: runs.filter((run) => run.error !== null).length,
  };
}

/** The stable id: detector, instance and the sorted evidence ids, whatever the version. */
export function findingId(detectorId: string, instanceId: number, eventIds: readonly string[]) {
  const sorted = [...new Set(eventIds)].sort();
  return sha256Hex([detectorId, String(instanceId), ...sorted].join('\u0000')).slice(0, 32);
}

function detectInstance(
  db: Db,
  instance: Instance,
  detectors: readonly Detector[],
  now: number,
): InstanceDetectionSummary {
  const context = buildContext(db, instance, now);
  const results = runPhase(db, instance, detectors.filter((d) => !d.readsFindings), context, now);

  // Detectors that read findings go second, over what the first phase has just stored.
  const readers = detectors.filter((d) => d.readsFindings === true);
  if (readers.length > 0) {
    const withFindings: DetectContext = {
      ...context,
      citedMessages: citedMessages(db, instance.id),
      deletedByActions: messagesDeletedByActions(db, instance.id),
    };
    results.push(...runPhase(db, instance, readers, withFindings, now));
  }

  log.info(`${instance.name}: ${describe(results.map((result) => result.run))}`);
  return {
    instanceId: instance.id,
    instanceName: instance.name,
    geoDatabase: context.geo.database,
    ownDomains: [...context.ownDomains],
    detectors: results.map((result) => result.run),
  };
}

/** Runs some detectors over their events and stores what they find, in one transaction. */
function runPhase(
  db: Db,
  instance: Instance,
  detectors: readonly Detector[],
  context: DetectContext,
  now: number,
): Array<{ run: DetectorRunSummary; findings: NewFinding[] | null }> {
  const results: Array<{ run: DetectorRunSummary; findings: NewFinding[] | null }> = [];
  for (const group of groupByKinds(detectors)) {
    const events = Array.from(iterateEvents(db, { instanceId: instance.id, kinds: group.kinds }));
    for (const detector of group.detectors) results.push(runOne(detector, events, context));
  }

  inTransaction(db, () => {
    for (const { run, findings } of results) storeRun(db, instance.id, run, findings, now);
  });
  return results;
}

function buildContext(db: Db, instance: Instance, now: number): DetectContext {
  const settings = getDetectSettings(db, instance.id);
  const domains = settings.ownDomains.length > 0 ? settings.ownDomains : ownDomains(db, instance);

  return {
    instanceId: instance.id,
    now,
    settings,
    geo: openGeo(settings.geoDatabasePath),
    ownDomains: new Set(domains.map((domain) => domain.trim().toLowerCase().replace(/^@/, ''))),
    channelMembers: channelMembersByChannel(db, instance.id),
    users: usersByEmail(db, instance.id),
  };
}

/** Detectors reading the same kinds share one read of the events. */
function groupByKinds(
  detectors: readonly Detector[],
): Array<{ kinds: EventKind[]; detectors: Detector[] }> {
  const groups = new Map<string, { kinds: EventKind[]; detectors: Detector[] }>();
  for (const detector of detectors) {
    const kinds = [...new Set(detector.kinds)].sort();
    const key = kinds.join(',');
    const group = groups.get(key) ?? { kinds, detectors: [] };
    group.detectors.push(detector);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** One detector over its events; a detector that throws is reported, never fatal to the rest. */
function runOne(
  detector: Detector,
  events: readonly EventRow[],
  context: DetectContext,
): { run: DetectorRunSummary; findings: NewFinding[] | null } {
  const started = performance.now();
  const run: DetectorRunSummary = {
    detectorId: detector.id,
    version: detector.version,
    events: events.length,
    findings: 0,
    inserted: 0,
    updated: 0,
    noLongerHolding: 0,
    ms: 0,
    error: null,
  };

  let findings: NewFinding[] | null = null;
  try {
    findings = toFindings(detector, detector.detect(events, context), context.instanceId);
    run.findings = findings.length;
  } catch (error) {
    run.error = errorMessage(error);
    log.error(`detector ${detector.id} failed: ${run.error}`);
  }

  run.ms = Math.round(performance.now() - started);
  return { run, findings };
}

function toFindings(
  detector: Detector,
  drafts: ReturnType<Detector['detect']>,
  instanceId: number,
): NewFinding[] {
  const byId = new Map<string, NewFinding>();
  for (const draft of drafts) {
    const id = findingId(detector.id, instanceId, draft.evidenceEventIds);
    if (byId.has(id)) continue;

    byId.set(id, {
      id,
      detectorId: detector.id,
      detectorVersion: detector.version,
      severity: draft.severity ?? detector.severity,
      technique: draft.technique ?? detector.technique,
      title: draft.title ?? detector.title,
      explanation: draft.explanation,
      values: draft.values,
      subject: draft.subject,
      firstEventAt: draft.firstEventAt,
      lastEventAt: draft.lastEventAt,
      evidenceEventIds: [...new Set(draft.evidenceEventIds)].sort(),
    });
  }
  return [...byId.values()];
}

function storeRun(
  db: Db,
  instanceId: number,
  run: DetectorRunSummary,
  findings: NewFinding[] | null,
  now: number,
): void {
  if (findings === null) return;

  const outcome = upsertFindings(db, instanceId, run.detectorId, findings, now);
  run.inserted = outcome.inserted;
  run.updated = outcome.updated;
  run.noLongerHolding = outcome.noLongerHolding;
}

function describe(runs: readonly DetectorRunSummary[]): string {
  return runs
    .map((run) => `${run.detectorId} ${run.error ? 'failed' : `${run.findings} (${run.ms} ms)`}`)
    .join(', ');
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}
