/**
 * `oplog.security_disabled`: an operation-log setting change that turns a security setting
 * off. Planted: late one evening an admin turns off two-factor sign-in, the meeting passcode
 * and the waiting room. Look-alike: the next morning another admin turns all three back on.
 */
import type { Builder, Profile } from '../builder.ts';
import type { DemoOperationLog } from '../model.ts';
import type { Random } from '../random.ts';
import { DAY, MINUTE, isoSecond, localToUtc } from '../time.ts';
import type { Cast } from './common.ts';
import { oplogRef, workdayIndexes } from './common.ts';

const SECURITY_SETTINGS: ReadonlyArray<readonly [string, string, string]> = [
  ['Account', 'Security', 'Sign in with Two-Factor Authentication'],
  ['Account', 'Meeting', 'Require a passcode when scheduling new meetings'],
  ['Account', 'Security', 'Waiting Room'],
];

function change(admin: Profile, at: number, category: string, section: string, setting: string,
  from: string, to: string): DemoOperationLog {
  return {
    time: isoSecond(at),
    operator: admin.user.email,
    category_type: category,
    action: 'Update',
    operation_detail: `${section}  - ${setting}: from ${from} to ${to}`,
  };
}

function settingsRun(rng: Random, admin: Profile, first: number, from: string, to: string) {
  return SECURITY_SETTINGS.map(([category, section, setting], i) =>
    change(admin, first + i * 3 * MINUTE + rng.int(0, 90) * 1000, category, section, setting,
      from, to));
}

export function plantSecurityDisabled(builder: Builder, cast: Cast): void {
  const rng = builder.rng.fork('incident-security-disabled');
  const days = workdayIndexes(builder);
  const day = builder.window.days[days[days.length - 6] as number] as number;
  const evening = localToUtc(cast.rogueAdmin.user.timezone, day, 22 * 60 + 14);
  const disabled = settingsRun(rng, cast.rogueAdmin, evening, 'On', 'Off');
  const nextMorning = localToUtc(cast.fixingAdmin.user.timezone, day + DAY, 9 * 60 + 2);
  const restored = settingsRun(rng, cast.fixingAdmin, nextMorning, 'Off', 'On');
  builder.operationLogs.push(...disabled, ...restored);

  disabled.forEach((row, i) => {
    builder.incidents.push({
      id: `oplog-security-disabled-${i + 1}`,
      detector: 'oplog.security_disabled',
      subject: row.operator,
      description: `${cast.rogueAdmin.user.display_name} turns a security setting off late ` +
        `in the evening: "${row.operation_detail}".`,
      records: [oplogRef(row)],
    });
  });
  builder.benign.push({
    id: 'benign-oplog-security-restored',
    detector: 'oplog.security_disabled',
    subject: cast.fixingAdmin.user.email,
    description: `${cast.fixingAdmin.user.display_name} turns the same settings back on the ` +
      'next morning (from Off to On).',
    records: restored.map(oplogRef),
  });
}
