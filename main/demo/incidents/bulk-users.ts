/**
 * `oplog.bulk_user_change`: late one evening the rogue admin deletes six contractor accounts
 * within minutes. Look-alike: the next morning another admin removes four leavers' accounts
 * in ten minutes (fewer than five).
 */
import type { Builder, Profile } from '../builder.ts';
import type { DemoOperationLog } from '../model.ts';
import type { Random } from '../random.ts';
import { MINUTE } from '../time.ts';
import { PRIMARY_DOMAIN } from '../users.ts';
import type { Cast } from './common.ts';
import { oplogRef } from './common.ts';
import { nightAndMorning, operation } from './admin-night.ts';

/** Accounts that exist only in the operation log: deleted, so no users list holds them. */
const CONTRACTORS = ['amara.okafor', 'johan.lindqvist', 'marco.rossi', 'sana.tanaka',
  'petr.novak', 'lucie.moreau'];
const LEAVERS = ['intern.summer1', 'intern.summer2', 'intern.summer3', 'intern.summer4'];

function deletions(rng: Random, admin: Profile, first: number, locals: readonly string[],
  gapMinutes: number): DemoOperationLog[] {
  return locals.map((local, i) =>
    operation(admin, first + i * gapMinutes * MINUTE + rng.int(0, 40) * 1000, 'User', 'Delete',
      `Delete user ${local}@${PRIMARY_DOMAIN}`));
}

export function plantBulkUsers(builder: Builder, cast: Cast): void {
  const rng = builder.rng.fork('incident-bulk-users');
  const { rogueAdmin: rogue, fixingAdmin: fixer } = cast;
  const { night, morning } = nightAndMorning(builder, rng, rogue, fixer, 7, 23 * 60 + 5);
  const bulk = deletions(rng, rogue, night, CONTRACTORS, 1);
  const few = deletions(rng, fixer, morning, LEAVERS, 3);
  builder.operationLogs.push(...bulk, ...few);

  builder.incidents.push({
    id: 'oplog-bulk-user-deletion-1',
    detector: 'oplog.bulk_user_change',
    subject: rogue.user.email,
    description: `${rogue.user.display_name} deletes ${CONTRACTORS.length} user accounts ` +
      `within minutes from ${bulk[0]!.time}.`,
    records: bulk.map(oplogRef),
  });
  builder.benign.push({
    id: 'benign-oplog-few-deletions',
    detector: 'oplog.bulk_user_change',
    subject: fixer.user.email,
    description: `${fixer.user.display_name} removes ${LEAVERS.length} interns' accounts in ten ` +
      'minutes at the end of their internship: fewer than five.',
    records: few.map(oplogRef),
  });
}
