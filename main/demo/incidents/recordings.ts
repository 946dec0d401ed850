/**
 * `oplog.recording_changed`: late one evening the rogue admin turns off the recording consent
 * notice, turns on automatic deletion of cloud recordings and deletes six recordings within
 * minutes. Look-alikes: the next morning another admin turns consent back on and automatic
 * deletion off, and deletes four old recordings (fewer than five).
 */
import type { Builder, Profile } from '../builder.ts';
import type { DemoOperationLog } from '../model.ts';
import type { Random } from '../random.ts';
import { MINUTE } from '../time.ts';
import type { Cast } from './common.ts';
import { oplogRef } from './common.ts';
import { nightAndMorning, operation, settingRow } from './admin-night.ts';

const CONSENT = 'Ask participants for consent when a recording starts';
const AUTO_DELETE = 'Delete cloud recordings after a specified number of days';
const TOPICS = ['Board meeting', 'Q3 forecast', 'Supplier negotiation', 'Legal review',
  'Audit preparation', 'Pricing committee'];

function recordingDeletions(builder: Builder, rng: Random, admin: Profile, first: number,
  count: number, gapMinutes: number): DemoOperationLog[] {
  const owners = builder.profiles.filter((p) => p.user.status === 'active');
  return TOPICS.slice(0, count).map((topic, i) =>
    operation(admin, first + i * gapMinutes * MINUTE + rng.int(0, 30) * 1000, 'Recording',
      'Delete', `Delete cloud recording "${topic}" of ${rng.pick(owners).user.email}`));
}

export function plantRecordings(builder: Builder, cast: Cast): void {
  const rng = builder.rng.fork('incident-recordings');
  const { rogueAdmin: rogue, fixingAdmin: fixer } = cast;
  const { night, morning } = nightAndMorning(builder, rng, rogue, fixer, 7, 22 * 60 + 20);
  const settings = [
    settingRow(rogue, night, 'Recording', CONSENT, 'On', 'Off'),
    settingRow(rogue, night + 3 * MINUTE, 'Recording', AUTO_DELETE, 'Off', 'On'),
  ];
  const bulk = recordingDeletions(builder, rng, rogue, night + 8 * MINUTE, 6, 1);
  const restored = [
    settingRow(fixer, morning + 30 * MINUTE, 'Recording', CONSENT, 'Off', 'On'),
    settingRow(fixer, morning + 32 * MINUTE, 'Recording', AUTO_DELETE, 'On', 'Off'),
  ];
  const few = recordingDeletions(builder, rng, fixer, morning + 50 * MINUTE, 4, 2);
  builder.operationLogs.push(...settings, ...bulk, ...restored, ...few);

  settings.forEach((row, i) => builder.incidents.push({
    id: `oplog-recording-setting-${i + 1}`,
    detector: 'oplog.recording_changed',
    subject: rogue.user.email,
    description: `${rogue.user.display_name} changes a recording safeguard late in the ` +
      `evening: "${row.operation_detail}".`,
    records: [oplogRef(row)],
  }));
  builder.incidents.push({
    id: 'oplog-recordings-deleted-1',
    detector: 'oplog.recording_changed',
    subject: rogue.user.email,
    description: `${rogue.user.display_name} deletes ${bulk.length} cloud recordings within ` +
      `minutes from ${bulk[0]!.time}.`,
    records: bulk.map(oplogRef),
  });
  builder.benign.push({
    id: 'benign-oplog-recording-restored',
    detector: 'oplog.recording_changed',
    subject: fixer.user.email,
    description: `${fixer.user.display_name} turns consent back on and automatic deletion ` +
      `off the next morning, then deletes ${few.length} old recordings (fewer than five).`,
    records: [...restored, ...few].map(oplogRef),
  });
}
