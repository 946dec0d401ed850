/** Users the Team Chat, users and meetings plants are about, chosen clear of everyone else's. */
import type { Builder, Person, Profile } from '../builder.ts';
import type { DemoWebhook, RecordRef } from '../model.ts';
import type { Random } from '../random.ts';
import { workdayIndexes } from './common.ts';

/** An active user from the window's start who has no part yet; now kept out of others' way. */
export function takeUser(builder: Builder, rng: Random, test: (p: Profile) => boolean = () => true):
  Profile {
  const free = builder.profiles.filter((p) => p.user.status === 'active' &&
    p.user.role_id === '2' && p.activeFrom === builder.window.start &&
    !builder.quiet.has(p.user.email) && test(p));
  const chosen = rng.pick(free);
  builder.quiet.add(chosen.user.email);
  return chosen;
}

export function externalAt(builder: Builder, domain: string, index = 0): Person {
  const found = builder.externals.filter((e) => e.email.endsWith(`@${domain}`))[index];
  if (!found) throw new Error(`no external contact ${index} at ${domain}`);
  return found;
}

/** UTC midnight of the `position`-th working day of the window. */
export function workday(builder: Builder, position: number): number {
  const days = workdayIndexes(builder);
  return builder.window.days[days[position] as number] as number;
}

/** How the answer key points at a webhook body. */
export function webhookRef(body: DemoWebhook): RecordRef {
  const payload = body.payload as { object: { id: string } };
  return { stream: 'webhook', event: String(body.event), object_id: payload.object.id,
    event_ts: Number(body.event_ts) };
}
