/**
 * `oplog.security_disabled` (weakened rather than off): late one evening the rogue admin
 * lowers the minimum password length and stops automatic sign-out. Look-alike: the next
 * morning another admin raises the length and sets sign-out back to 30 minutes.
 */
import type { Builder } from '../builder.ts';
import { MINUTE } from '../time.ts';
import type { Cast } from './common.ts';
import { oplogRef } from './common.ts';
import { nightAndMorning, settingRow } from './admin-night.ts';

const LENGTH = 'Minimum password length';
const SIGN_OUT = 'Automatically sign users out after a specified amount of time';

export function plantSecurityWeakened(builder: Builder, cast: Cast): void {
  const rng = builder.rng.fork('incident-security-weakened');
  const { rogueAdmin: rogue, fixingAdmin: fixer } = cast;
  const { night, morning } = nightAndMorning(builder, rng, rogue, fixer, 9, 22 * 60 + 31);
  const weakened = [
    settingRow(rogue, night, 'Security', LENGTH, '10', '6'),
    settingRow(rogue, night + 4 * MINUTE, 'Security', SIGN_OUT, '15 minutes', 'Never'),
  ];
  const tightened = [
    settingRow(fixer, morning, 'Security', LENGTH, '6', '12'),
    settingRow(fixer, morning + 2 * MINUTE, 'Security', SIGN_OUT, 'Never', '30 minutes'),
  ];
  builder.operationLogs.push(...weakened, ...tightened);

  weakened.forEach((row, i) => {
    builder.incidents.push({
      id: `oplog-security-weakened-${i + 1}`,
      detector: 'oplog.security_disabled',
      subject: row.operator,
      description: `${rogue.user.display_name} weakens a sign-in rule late in the evening: ` +
        `"${row.operation_detail}".`,
      records: [oplogRef(row)],
    });
  });
  builder.benign.push({
    id: 'benign-oplog-security-tightened',
    detector: 'oplog.security_disabled',
    subject: fixer.user.email,
    description: `${fixer.user.display_name} raises the password length to 12 and sets ` +
      'automatic sign-out to 30 minutes the next morning.',
    records: tightened.map(oplogRef),
  });
}
