/** `detect` runs the detectors; `finding triage` records the investigator's verdict. */
import type { Command } from 'commander';

import { FINDING_STATUSES } from '../../../shared/findings.ts';
import type { Finding, FindingStatus, FindingWithEvidence } from '../../../shared/findings.ts';
import { appendAudit } from '../../actions/index.ts';
import { runDetection } from '../../detect/engine.ts';
import { UsageError } from '../../errors.ts';
import { getEventsByIds } from '../../store/events.ts';
import type { EventWithSeq } from '../../store/events.ts';
import { getFinding, listFindings, triageFinding } from '../../store/findings.ts';
import { resolveInstance } from '../../store/instances.ts';
import type { GlobalOptionsOf } from '../globals.ts';
import { oneLine, table } from '../output.ts';
import { runWithContext } from '../run.ts';

export function registerDetectCommands(program: Command, globals: GlobalOptionsOf): void {
  program
    .command('detect')
    .description('run the detectors over stored events and list the findings')
    .option('--instance <name>', 'only this account')
    .option('--status <status>', `only findings with this triage status (${FINDING_STATUSES})`)
    .action(async (options: { instance?: string; status?: string }, command: Command) => {
      await runWithContext(globals(command), async (ctx) => {
        const instanceId = options.instance
          ? resolveInstance(ctx.db, options.instance).id
          : undefined;
        const status = options.status ? parseStatus(options.status) : undefined;
        const summary = runDetection(ctx.db, { instanceId, now: ctx.now() });
        const findings = listFindings(ctx.db, { instanceId, stillHolds: true, status });

        const withEvidence = findings.map((f) => getFinding(ctx.db, f.id)!);
        return {
          json: { findings: withEvidence, summary },
          text: `${findings.length} findings hold (${summary.inserted} first seen in this run), ` +
            `detectors ran in ${summary.durationMs} ms\n${describeFindings(findings)}`,
          exitCode: summary.failedDetectors > 0 ? 1 : 0,
        };
      });
    });

  const finding = program
    .command('finding')
    .description('work with findings: list, show, triage');

  finding
    .command('list')
    .description('stored findings that still hold, most recent evidence first (no new run)')
    .option('--instance <name>', 'only this account')
    .option('--status <status>', `only this triage status (${FINDING_STATUSES})`)
    .option('--detector <id>', 'only this detector')
    .action(async (options: { instance?: string; status?: string; detector?: string },
      command: Command) => {
      await runWithContext(globals(command), async (ctx) => {
        const findings = listFindings(ctx.db, {
          instanceId: options.instance ? resolveInstance(ctx.db, options.instance).id : undefined,
          status: options.status ? parseStatus(options.status) : undefined,
          detectorId: options.detector,
          stillHolds: true,
        });
        return { json: { findings }, text: describeFindings(findings) };
      });
    });

  finding
    .command('show')
    .description('one finding in full: explanation, values, triage and its evidence events')
    .argument('<id>', 'the finding id')
    .action(async (id: string, _options: unknown, command: Command) => {
      await runWithContext(globals(command), async (ctx) => {
        const found = getFinding(ctx.db, id);
        if (!found) {
          throw new UsageError(`No finding with id ${id}.`, 'Run `finding list` to see ids.');
        }
        const evidence = getEventsByIds(ctx.db, found.evidenceEventIds);
        return { json: { finding: found, evidence }, text: showFinding(found, evidence) };
      });
    });

  finding
    .command('triage')
    .description('record triage: new, triaged or dismissed, with a note')
    .argument('<id>', 'the finding id (see `detect`)')
    .requiredOption('--status <status>', FINDING_STATUSES.join(' | '))
    .option('--note <text>', 'why: kept with the finding and shown in reports')
    .action(async (id: string, options: { status: string; note?: string }, command: Command) => {
      await runWithContext(globals(command), async (ctx) => {
        const status = parseStatus(options.status);
        const triaged = triageFinding(ctx.db, id, status, options.note ?? null, ctx.now());
        appendAudit(ctx.db, {
          action: 'finding.triage',
          target: `finding ${id} (${triaged.detectorId}, ${triaged.subject ?? 'no subject'})`,
          outcome: status,
          instanceId: triaged.instanceId,
          reason: options.note ?? null,
          request: { status, note: options.note ?? null },
        });
        return { json: { finding: triaged }, text: `Finding ${id} is now ${triaged.status}.` };
      });
    });
}

export function describeFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'No findings.';
  return findings.map((f) =>
    `${f.id}  ${f.severity.padEnd(8)} ${f.status.padEnd(9)} ${f.detectorId}\n` +
    `    ${oneLine(f.explanation)}`).join('\n');
}

function showFinding(finding: FindingWithEvidence, evidence: EventWithSeq[]): string {
  const values = Object.entries(finding.values)
    .map(([key, value]) => `  ${key}: ${oneLine(JSON.stringify(value))}`);
  return [
    `Finding     ${finding.id}`,
    `Detector    ${finding.detectorId} v${finding.detectorVersion} (${finding.severity})` +
      (finding.technique ? `, ATT&CK ${finding.technique.id} ${finding.technique.name}` : ''),
    `Subject     ${oneLine(finding.subject ?? '')}`,
    `When        ${new Date(finding.firstEventAt).toISOString()} to ` +
      new Date(finding.lastEventAt).toISOString(),
    `Status      ${finding.status}${finding.stillHolds ? '' : ' (no longer holds)'}` +
      (finding.triageNote ? `: ${oneLine(finding.triageNote)}` : ''),
    '',
    oneLine(finding.explanation),
    '',
    'Values',
    ...values,
    '',
    `Evidence (${evidence.length})`,
    table(['time (UTC)', 'kind', 'actor', 'text', 'event id'], evidence.map((e) => [
      new Date(e.occurredAt).toISOString(), e.kind, e.actorEmail, e.text, e.id,
    ])),
  ].join('\n');
}

function parseStatus(value: string): FindingStatus {
  if (!(FINDING_STATUSES as readonly string[]).includes(value)) {
    throw new UsageError(`Unknown status "${value}".`, `Use one of ${FINDING_STATUSES}.`);
  }
  return value as FindingStatus;
}
