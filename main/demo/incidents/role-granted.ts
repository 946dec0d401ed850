/**
 * `oplog.privileged_role_granted`: late one evening the rogue admin makes an ordinary member
 * an Admin. Look-alike: the next morning another admin takes the role back (Admin to Member).
 */
import type { Builder } from '../builder.ts';
import type { Cast } from './common.ts';
import { oplogRef } from './common.ts';
import { nightAndMorning, operation } from './admin-night.ts';
import { takeFree } from './free-users.ts';

export function plantRoleGranted(builder: Builder, cast: Cast): void {
  const rng = builder.rng.fork('incident-role-granted');
  const { rogueAdmin: rogue, fixingAdmin: fixer } = cast;
  const member = takeFree(builder, rng);
  const { night, morning } = nightAndMorning(builder, rng, rogue, fixer, 9, 22 * 60 + 48);
  const email = member.user.email;
  const granted = operation(rogue, night, 'Role', 'Update',
    `Update role of ${email}: from Member to Admin`);
  const revoked = operation(fixer, morning + 20 * 60_000, 'Role', 'Update',
    `Update role of ${email}: from Admin to Member`);
  builder.operationLogs.push(granted, revoked);

  builder.incidents.push({
    id: 'oplog-role-granted-1',
    detector: 'oplog.privileged_role_granted',
    subject: email,
    description: `${rogue.user.display_name} makes ${member.user.display_name}, an ordinary ` +
      `member, an Admin at ${granted.time}.`,
    records: [oplogRef(granted)],
  });
  builder.benign.push({
    id: 'benign-oplog-role-revoked',
    detector: 'oplog.privileged_role_granted',
    subject: email,
    description: `${fixer.user.display_name} takes the Admin role back the next morning ` +
      '(from Admin to Member).',
    records: [oplogRef(revoked)],
  });
}
