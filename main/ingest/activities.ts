/** GET /report/activities rows: one sign-in or sign-out each. Zoom gives them no id. */
import { baseEvent, isObject, lowerEmail, made, signEventId, skip, str, timeOf } from './common.ts';
import type { Normalised, NormaliseContext } from './common.ts';

/** "Sign in", "sign_in", "SIGN IN" and the like, to the kind; anything else to null. */
export function signKind(type: string | null): 'auth.sign_in' | 'auth.sign_out' | null {
  const compact = (type ?? '').toLowerCase().replace(/[\s_-]+/g, '');
  if (compact === 'signin' || compact === 'login') return 'auth.sign_in';
  if (compact === 'signout' || compact === 'logout') return 'auth.sign_out';
  return null;
}

export function normaliseActivity(record: unknown, context: NormaliseContext): Normalised {
  if (!isObject(record)) return skip('activity row is not an object');

  const email = str(record, 'email');
  const kind = signKind(str(record, 'type'));
  const occurredAt = timeOf(record, 'time', 'date_time');
  if (!email) return skip('activity row has no email');
  if (!kind) return skip(`activity row has an unknown type: ${String(record.type)}`);
  if (occurredAt === null) return skip('activity row has no readable time');

  const event = baseEvent(
    signEventId(context.accountId, kind, email, occurredAt),
    kind,
    context.source,
    occurredAt,
  );
  event.actorEmail = lowerEmail(email);
  event.ip = str(record, 'ip_address');
  event.clientType = str(record, 'client_type');
  event.detail = { type: record.type, version: str(record, 'version') };
  return made([event]);
}
