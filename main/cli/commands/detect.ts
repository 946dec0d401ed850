/** `detect` runs the detectors; `finding triage` records the investigator's verdict. */
import type { Command } from 'commander';

import { FINDING_STATUSES } from '../../../shared/findings.ts';
import type { Finding, FindingStatus } from '../../../shared/findings.ts';
import { runDetection } from '../../detect/engine.ts';
import { UsageError } from '../../errors.ts';
import { listFindings, triageFinding } from '../../store/findings.ts';
import { resolveInstance } from '../../store/instances.ts';
import type { GlobalOptionsOf } from '../globals.ts';
import { table } from '../output.ts';
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
        const summary = runDetection(ctx.db, { instanceId, now: ctx.now() });
        const findings = listFindings(ctx.db, {
          instanceId,
          stillHolds: true,
          status: options.status ? parseStatus(options.status) : undefined,
        });

        return {
          json: { findings, summary },
          text: `${findings.length} findings (${summary.inserted} new) in ` +
            `${summary.durationMs} ms\n${describeFindings(findings)}`,
          exitCode: summary.failedDetectors > 0 ? 1 : 0,
        };
      });
    });

  program
    .command('finding')
    .description('work with findings')
    .command('triage')
    .description('record triage: new, triaged or dismissed, with a note')
    .argument('<id>', 'the finding id (see `detect`)')
    .requiredOption('--status <status>', FINDING_STATUSES.join(' | '))
    .option('--note <text>', 'why: kept with the finding and shown in reports')
    .action(async (id: string, options: { status: string; note?: string }, command: Command) => {
      await runWithContext(globals(command), async (ctx) => {
        const finding = triageFinding(ctx.db, id, parseStatus(options.status),
          options.note ?? null, ctx.now());
        return { json: { finding }, text: `Finding ${id} is now ${finding.status}.` };
      });
    });
}

export function describeFindings(findings: readonly Finding[]): string {
  return table(
    ['severity', 'detector', 'subject', 'status', 'explanation', 'id'],
    findings.map((f) => [f.severity, f.detectorId, f.subject, f.status, f.explanation, f.id]),
  );
}

function parseStatus(value: string): FindingStatus {
  if (!(FINDING_STATUSES as readonly string[]).includes(value)) {
    throw new UsageError(`Unknown status "${value}".`, `Use one of ${FINDING_STATUSES}.`);
  }
  return value as FindingStatus;
}
