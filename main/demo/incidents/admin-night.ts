/**
 * What the operation-log incidents share: an operation-log row in Zoom's form, and the night
 * the rogue admin acts on with the morning after, when another admin tidies up.
 */
import type { Builder, Profile } from '../builder.ts';
import type { DemoOperationLog } from '../model.ts';
import type { Random } from '../random.ts';
import { DAY, isoSecond, localToUtc } from '../time.ts';
import { workdayFromEnd } from './free-users.ts';

export function operation(admin: Profile, at: number, category: string, action: string,
  detail: string): DemoOperationLog {
  return { time: isoSecond(at), operator: admin.user.email, category_type: category, action,
    operation_detail: detail };
}

/** A setting change in the `Section  - Setting: from X to Y` form (two spaces). */
export function settingRow(admin: Profile, at: number, section: string, setting: string,
  from: string, to: string): DemoOperationLog {
  const detail = `${section}  - ${setting}: from ${from} to ${to}`;
  return operation(admin, at, 'Account', 'Update', detail);
}

export interface NightAndMorning {
  /** Late evening (local) of the rogue admin, `back` working days before the window's end. */
  night: number;
  /** 09:00-09:30 the next morning, local to the admin who tidies up. */
  morning: number;
}

export function nightAndMorning(builder: Builder, rng: Random, rogue: Profile, fixer: Profile,
  back: number, nightMinute: number): NightAndMorning {
  const day = workdayFromEnd(builder, back);
  return {
    night: localToUtc(rogue.user.timezone, day, nightMinute) + rng.int(0, 59) * 1000,
    morning: localToUtc(fixer.user.timezone, day + DAY, 9 * 60 + rng.int(0, 30)) +
      rng.int(0, 59) * 1000,
  };
}
