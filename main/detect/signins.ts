/** Sign-ins placed in a country: the common first step of the sign-in detectors. */
import type { EventRow } from '../../shared/events.ts';
import type { GeoDatabaseInfo, GeoLookup } from './geo.ts';
import { personKey } from './text.ts';

export interface LocatedSignIn {
  event: EventRow;
  /** Lower-case e-mail (or Zoom id) of the person who signed in. */
  user: string;
  ip: string;
  country: string;
}

/** Sign-ins with an IP whose country the database knows, in the order given. */
export function locateSignIns(events: readonly EventRow[], geo: GeoLookup): LocatedSignIn[] {
  const located: LocatedSignIn[] = [];

  for (const event of events) {
    if (event.kind !== 'auth.sign_in' || !event.ip) continue;

    const user = personKey(event.actorEmail, event.actorId);
    const country = geo.country(event.ip);
    if (user && country) located.push({ event, user, ip: event.ip, country });
  }
  return located;
}

/** Groups items by user, keeping their order. */
export function byUser<T extends { user: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(item.user);
    if (list) list.push(item);
    else groups.set(item.user, [item]);
  }
  return groups;
}

/** How a finding names the geolocation it relied on. */
export function geoProvenance(database: GeoDatabaseInfo): Record<string, string> {
  return { database: database.file, type: database.type, builtAt: database.builtAt };
}
