/** `audit list|verify`: the hash-chained record of every action taken. */
import type { Command } from 'commander';

import { listAudit, verifyAuditChain } from '../../actions/index.ts';
import { EXIT } from '../../errors.ts';
import type { GlobalOptionsOf } from '../globals.ts';
import { table } from '../output.ts';
import { runWithContext } from '../run.ts';

export function registerAuditCommands(program: Command, globals: GlobalOptionsOf): void {
  const audit = program.command('audit').description('the audit log of actions (list, verify)');

  audit
    .command('list')
    .description('every audited action, oldest first')
    .action(async (_options: unknown, command: Command) => {
      await runWithContext(globals(command), async (ctx) => {
        const rows = listAudit(ctx.db);
        return {
          json: { audit: rows },
          text: table(
            ['#', 'when (UTC)', 'who', 'action', 'target', 'outcome', 'why'],
            rows.map((r) => [r.seq, new Date(r.at).toISOString(), who(r.os_user, r.investigator),
              r.action, r.target, r.outcome, r.reason]),
          ),
        };
      });
    });

  audit
    .command('verify')
    .description('recompute the hash chain: an edited, removed or reordered entry shows')
    .action(async (_options: unknown, command: Command) => {
      await runWithContext(globals(command), async (ctx) => {
        const result = verifyAuditChain(ctx.db);
        return {
          json: result,
          text: result.ok
            ? `OK: ${result.rows} audit entries, chain intact.`
            : `FAILED at entry #${result.firstBadSeq}: ${result.problem}`,
          exitCode: result.ok ? EXIT.ok : EXIT.failure,
        };
      });
    });
}

/** The OS account, and the investigator's name from settings when one is set. */
function who(osUser: string, investigator: string | null): string {
  return investigator ? `${investigator} (${osUser})` : osUser;
}
