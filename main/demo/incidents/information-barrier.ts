/**
 * `oplog.information_barrier_changed`: late one evening the rogue admin turns off the barrier
 * between Research and Sales. Look-alike: the next morning another admin turns it back on and
 * adds a barrier between Legal and Trading.
 */
import type { Builder } from '../builder.ts';
import { MINUTE } from '../time.ts';
import type { Cast } from './common.ts';
import { oplogRef } from './common.ts';
import { nightAndMorning, operation, settingRow } from './admin-night.ts';

const SECTION = 'Information Barriers';
const POLICY = 'Policy "Research / Sales"';

export function plantInformationBarrier(builder: Builder, cast: Cast): void {
  const rng = builder.rng.fork('incident-information-barrier');
  const { rogueAdmin: rogue, fixingAdmin: fixer } = cast;
  const { night, morning } = nightAndMorning(builder, rng, rogue, fixer, 7, 22 * 60 + 52);
  const off = settingRow(rogue, night, SECTION, POLICY, 'On', 'Off');
  const restored = [
    settingRow(fixer, morning + 40 * MINUTE, SECTION, POLICY, 'Off', 'On'),
    operation(fixer, morning + 44 * MINUTE, 'Account', 'Add',
      'Add information barrier policy "Legal / Trading"'),
  ];
  builder.operationLogs.push(off, ...restored);

  builder.incidents.push({
    id: 'oplog-information-barrier-1',
    detector: 'oplog.information_barrier_changed',
    subject: rogue.user.email,
    description: `${rogue.user.display_name} turns off the information barrier between ` +
      `Research and Sales at ${off.time}.`,
    records: [oplogRef(off)],
  });
  builder.benign.push({
    id: 'benign-oplog-barrier-restored',
    detector: 'oplog.information_barrier_changed',
    subject: fixer.user.email,
    description: `${fixer.user.display_name} turns the barrier back on the next morning and ` +
      'adds one between Legal and Trading: both only restrict who may talk.',
    records: restored.map(oplogRef),
  });
}
