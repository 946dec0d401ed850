/** Anomalies: the list, one with its evidence events, and the investigator's triage. */
import { ExpectedError } from '../../errors.ts';
import { getEventsByIds } from '../../store/events.ts';
import { getFinding, listFindings, triageFinding } from '../../store/findings.ts';
import { findingEvidenceCounts } from '../../store/timeline.ts';
import { withoutEvidence } from './types.ts';
import type { HandlerTable } from './types.ts';

export const findingHandlers: HandlerTable = {
  'findings.list': ({ ctx }, request) => {
    const findings = listFindings(ctx.db, request);
    const counts = findingEvidenceCounts(ctx.db);
    return findings.map((finding) => ({ ...finding, evidenceCount: counts.get(finding.id) ?? 0 }));
  },

  'findings.detail': ({ ctx }, request) => {
    const finding = getFinding(ctx.db, request.id);
    if (!finding) {
      throw new ExpectedError(`No anomaly with id ${request.id}.`, 'Run detection again.');
    }

    const { evidenceEventIds, ...rest } = finding;
    const evidence = getEventsByIds(ctx.db, evidenceEventIds)
      .sort((a, b) => b.occurredAt - a.occurredAt);
    return { ...rest, evidence };
  },

  'findings.triage': ({ ctx }, request) => {
    const triaged = triageFinding(ctx.db, request.id, request.status, request.note ?? null);
    return withoutEvidence(triaged);
  },
};
