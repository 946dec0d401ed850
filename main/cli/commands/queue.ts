/** `queue list|cancel|run`: confirmed actions waiting for Zoom or the SMTP server. */
import type { Command } from 'commander';

import { cancelQueued, createSmtpMailer, listQueue, runQueue } from '../../actions/index.ts';
import { EXIT, UsageError } from '../../errors.ts';
import { getInstanceById } from '../../store/instances.ts';
import { createZoomClient } from '../../zoom/client.ts';
import type { GlobalOptionsOf } from '../globals.ts';
import { table } from '../output.ts';
import { runWithContext } from '../run.ts';

export function registerQueueCommands(program: Command, globals: GlobalOptionsOf): void {
  const queue = program
    .command('queue')
    .description('actions confirmed while Zoom or SMTP was unreachable (list, cancel, run)');

  queue
    .command('list')
    .description('queued actions, oldest first')
    .action(async (_options: unknown, command: Command) => {
      await runWithContext(globals(command), async (ctx) => {
        const items = listQueue(ctx.db);
        return {
          json: { queue: items },
          text: items.length === 0 ? 'The queue is empty.' : table(
            ['id', 'queued (UTC)', 'action', 'target', 'why'],
            items.map((i) => [i.id, new Date(i.queuedAt).toISOString(), i.kind, i.targetLabel,
              i.why]),
          ),
        };
      });
    });

  queue
    .command('cancel')
    .description('drop one queued action; nothing is sent, the audit log records it')
    .argument('<id>', 'the id from `queue list`')
    .option('--reason <text>', 'why: recorded in the audit log')
    .action(async (id: string, options: { reason?: string }, command: Command) => {
      await runWithContext(globals(command), async (ctx) => {
        const actionId = parseId(id);
        cancelQueued(ctx.db, actionId, options.reason ?? null, ctx.now());
        return { json: { cancelled: actionId }, text: `Cancelled queued action #${actionId}.` };
      });
    });

  queue
    .command('run')
    .description('run every queued action now (each was confirmed when it was queued)')
    .action(async (_options: unknown, command: Command) => {
      await runWithContext(globals(command), async (ctx) => {
        const drained = await runQueue({
          db: ctx.db,
          zoomFor: (instanceId) => createZoomClient(getInstanceById(ctx.db, instanceId),
            ctx.credentials),
          mailer: () => createSmtpMailer(ctx.db, ctx.credentials),
          now: ctx.now,
        });
        const settled = drained.every((d) => ['done', 'already_done', 'already_in_effect',
          'not_found'].includes(d.outcome));
        return {
          json: { drained },
          text: drained.length === 0
            ? 'The queue is empty.'
            : drained.map((d) => `#${d.id} ${d.kind}: ${d.outcome}: ${d.message}`).join('\n'),
          exitCode: settled ? EXIT.ok : EXIT.failure,
        };
      });
    });
}

function parseId(value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) {
    throw new UsageError(`"${value}" is not an action id.`, 'Copy the id from `queue list`.');
  }
  return id;
}
