/**
 * The finding contract: what a detector concluded, on which evidence, and how the investigator
 * triaged it. Main writes these rows, the renderer and the CLI read them.
 */
import { z } from 'zod';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

export const FINDING_STATUSES = ['new', 'triaged', 'dismissed'] as const;
export const FindingStatus = z.enum(FINDING_STATUSES);
export type FindingStatus = z.infer<typeof FindingStatus>;

/** A MITRE ATT&CK technique: its id (T1078, T1562.001) and its name. */
export const Technique = z.object({ id: z.string(), name: z.string() });
export type Technique = z.infer<typeof Technique>;

export const Finding = z.object({
  /** Stable: a hash of detector id, instance and the sorted evidence event ids. */
  id: z.string(),
  instanceId: z.number().int(),
  detectorId: z.string(),
  detectorVersion: z.number().int(),
  severity: Severity,
  technique: Technique.nullable(),
  title: z.string(),
  /** One sentence an investigator can paste into a report. Plain text, never HTML. */
  explanation: z.string(),
  /** What triggered the finding (countries, distances, counts, masked matches). */
  values: z.record(z.string(), z.unknown()),
  /** The user e-mail or channel the finding is about. */
  subject: z.string().nullable(),
  firstEventAt: z.number().int(),
  lastEventAt: z.number().int(),
  detectedAt: z.number().int(),
  /** False once a later run over the same events no longer produces the finding. */
  stillHolds: z.boolean(),
  status: FindingStatus,
  triageNote: z.string().nullable(),
  triagedAt: z.number().int().nullable(),
});
export type Finding = z.infer<typeof Finding>;

export const FindingWithEvidence = Finding.extend({ evidenceEventIds: z.array(z.string()) });
export type FindingWithEvidence = z.infer<typeof FindingWithEvidence>;
