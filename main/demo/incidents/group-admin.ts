/**
 * `oplog.group_admin_added`: late one evening the rogue admin makes a member the admin of the
 * Finance group. Look-alikes: the next morning another admin adds a new member to the group
 * and removes the group admin again.
 */
import type { Builder } from '../builder.ts';
import { MINUTE } from '../time.ts';
import type { Cast } from './common.ts';
import { oplogRef } from './common.ts';
import { nightAndMorning, operation } from './admin-night.ts';
import { takeFree } from './free-users.ts';

export function plantGroupAdmin(builder: Builder, cast: Cast): void {
  const rng = builder.rng.fork('incident-group-admin');
  const { rogueAdmin: rogue, fixingAdmin: fixer } = cast;
  const [helper, joiner] = [takeFree(builder, rng), takeFree(builder, rng)];
  const { night, morning } = nightAndMorning(builder, rng, rogue, fixer, 7, 23 * 60 + 17);
  const added = operation(rogue, night, 'Group', 'Add',
    `Add group admin ${helper.user.email} to group Finance`);
  const ordinary = [
    operation(fixer, morning + 60 * MINUTE, 'Group', 'Add',
      `Add member ${joiner.user.email} to group Finance`),
    operation(fixer, morning + 63 * MINUTE, 'Group', 'Delete',
      `Remove group admin ${helper.user.email} from group Finance`),
  ];
  builder.operationLogs.push(added, ...ordinary);

  builder.incidents.push({
    id: 'oplog-group-admin-1',
    detector: 'oplog.group_admin_added',
    subject: helper.user.email,
    description: `${rogue.user.display_name} makes ${helper.user.display_name} an admin of ` +
      `the Finance group at ${added.time}.`,
    records: [oplogRef(added)],
  });
  builder.benign.push({
    id: 'benign-oplog-group-member-added',
    detector: 'oplog.group_admin_added',
    subject: fixer.user.email,
    description: `${fixer.user.display_name} adds a new member to the Finance group and ` +
      'removes the group admin again the next morning.',
    records: ordinary.map(oplogRef),
  });
}
