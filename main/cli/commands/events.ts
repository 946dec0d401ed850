/** `events`: list stored events with filters, newest first. */
import type { Command } from 'commander';

import { EVENT_KINDS } from '../../../shared/events.ts';
import type { EventKind } from '../../../shared/events.ts';
import { UsageError } from '../../errors.ts';
import { queryEvents } from '../../store/events.ts';
import { resolveInstance } from '../../store/instances.ts';
import type { GlobalOptionsOf } from '../globals.ts';
import { table } from '../output.ts';
import { runWithContext } from '../run.ts';
import { parseTimeOption } from '../time-options.ts';

interface EventsOptions {
  instance?: string;
  since?: string;
  until?: string;
  kind?: string[];
  actor?: string;
  search?: string;
  limit: string;
}

export function registerEventsCommand(program: Command, globals: GlobalOptionsOf): void {
  program
    .command('events')
    .description('list stored events, newest first')
    .option('--instance <name>', 'only this account')
    .option('--since <time>', 'from this time (ISO, date, or 7d / 12h ago)')
    .option('--until <time>', 'before this time')
    .option('--kind <kind...>', `event kinds or prefixes (${EVENT_KINDS.join(', ')})`)
    .option('--actor <email>', 'who did it (e-mail or Zoom user id)')
    .option('--search <words>', 'full-text search in message text, people and channel names')
    .option('--limit <n>', 'at most this many events', '50')
    .action(async (options: EventsOptions, command: Command) => {
      await runWithContext(globals(command), async (ctx) => {
        const instanceId = options.instance
          ? resolveInstance(ctx.db, options.instance).id
          : undefined;
        const since = options.since ? parseTimeOption(options.since, ctx.now()) : undefined;
        const until = options.until ? parseTimeOption(options.until, ctx.now()) : undefined;
        if (since !== undefined && until !== undefined && since >= until) {
          throw new UsageError('--since must be before --until.');
        }
        const events = queryEvents(ctx.db, {
          instanceId,
          since,
          until,
          kinds: options.kind ? expandKinds(options.kind) : undefined,
          actor: options.actor,
          search: options.search,
          limit: parseLimit(options.limit),
        });

        return {
          json: { events },
          text: table(
            ['time (UTC)', 'kind', 'actor', 'target / channel', 'text', 'id'],
            events.map((e) => [
              new Date(e.occurredAt).toISOString().replace('.000Z', 'Z'),
              e.kind,
              e.actorEmail,
              e.targetEmail ?? e.channelName,
              e.text,
              e.id,
            ]),
          ),
        };
      });
    });
}

/** `chat` matches every chat.* kind; a full kind matches itself. */
export function expandKinds(values: string[]): EventKind[] {
  const kinds = new Set<EventKind>();
  for (const value of values.flatMap((v) => v.split(','))) {
    const matches = EVENT_KINDS.filter((k) => k === value || k.startsWith(`${value}.`));
    if (matches.length === 0) {
      throw new UsageError(`Unknown event kind "${value}".`, `Known: ${EVENT_KINDS.join(', ')}.`);
    }
    matches.forEach((k) => kinds.add(k));
  }
  return [...kinds];
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) {
    throw new UsageError(`--limit must be a whole number from 1 to 100000, not "${value}".`);
  }
  return limit;
}
