/**
 * The people of the demo organisation: account users (active, deactivated, invited) with
 * their offices, roles and devices, and the external contacts they talk to.
 */
import type { Builder, ClientType, Person, Profile } from './builder.ts';
import type { DemoUser } from './model.ts';
import { DEPARTMENTS, EXTERNAL_CONTACTS, OFFICES, emailLocalPart } from './names.ts';
import type { Office } from './names.ts';
import type { Random } from './random.ts';
import { DAY, HOUR, isoSecond } from './time.ts';

export const PRIMARY_DOMAIN = 'northwind-example.com';

/** The Zurich research lab kept the domain it had before it joined. */
export const LAB_DOMAIN = 'northwind-labs-example.com';

const ACTIVE_USERS = 158;
const INACTIVE_USERS = 6;
const PENDING_USERS = 4;

/** Zoom's built-in role ids. */
export const ROLE = { owner: '0', admin: '1', member: '2' } as const;

const DESKTOP_VERSIONS = ['6.3.11.60501', '6.4.3.60902', '6.2.10.52377'];
const MOBILE_VERSIONS = ['6.3.10.30204', '6.4.1.30615'];

/** Where, in the user list, each status and role sits; the rest are active members. */
interface Slot {
  status: DemoUser['status'];
  role: string;
  dept?: string;
  timezone?: string;
}

function slots(): Slot[] {
  const out: Slot[] = [];
  out.push({ status: 'active', role: ROLE.owner, dept: 'Operations', timezone: 'Europe/Berlin' });
  for (const timezone of ['Europe/Berlin', 'Europe/Berlin', 'America/New_York', 'Europe/London']) {
    out.push({ status: 'active', role: ROLE.admin, dept: 'IT', timezone });
  }
  for (let i = out.length; i < ACTIVE_USERS; i++) out.push({ status: 'active', role: ROLE.member });
  for (let i = 0; i < INACTIVE_USERS; i++) out.push({ status: 'inactive', role: ROLE.member });
  for (let i = 0; i < PENDING_USERS; i++) out.push({ status: 'pending', role: ROLE.member });
  return out;
}

function officeFor(rng: Random, slot: Slot): Office {
  const fixed = OFFICES.find((o) => o.timezone === slot.timezone);
  if (fixed) return fixed;

  return rng.weighted(OFFICES.map((o) => [o, o.weight] as const));
}

/** A first/last name pair whose e-mail is not taken yet. */
function uniqueName(rng: Random, office: Office, taken: Set<string>): [string, string, string] {
  for (;;) {
    const first = rng.pick(office.first);
    const last = rng.pick(office.last);
    const local = emailLocalPart(first, last);
    if (taken.has(local)) continue;

    taken.add(local);
    return [first, last, local];
  }
}

/** When the account user was created: years ago for most, inside the window for a few. */
function creationTime(rng: Random, builder: Builder, slot: Slot, index: number): number {
  const { start } = builder.window;
  if (slot.status === 'pending') return start + rng.int(10, 27) * DAY + rng.int(8, 16) * HOUR;
  if (slot.status === 'active' && index >= ACTIVE_USERS - 4) {
    return start + rng.int(3, 12) * DAY + rng.int(7, 15) * HOUR;
  }

  return start - rng.int(60, 6 * 365) * DAY - rng.int(0, 23) * HOUR;
}

function makeUser(rng: Random, builder: Builder, slot: Slot, index: number, taken: Set<string>) {
  const office = officeFor(rng, slot);
  const [first, last, local] = uniqueName(rng, office, taken);
  const domain = office.country === 'CH' ? LAB_DOMAIN : PRIMARY_DOMAIN;
  const created = isoSecond(creationTime(rng, builder, slot, index) + rng.int(0, 3599) * 1000);
  const dept = slot.dept ?? rng.weighted(DEPARTMENTS);
  const user: DemoUser = {
    id: rng.zoomId(22),
    email: `${local}@${domain}`,
    first_name: first,
    last_name: last,
    display_name: `${first} ${last}`,
    type: rng.chance(0.85) || slot.role !== ROLE.member ? 2 : 1,
    status: slot.status,
    role_id: slot.role,
    dept,
    timezone: office.timezone,
    created_at: created,
    user_created_at: created,
    language: office.language,
    verified: slot.status === 'pending' ? 0 : 1,
  };
  return { user, office };
}

function personOf(rng: Random, user: DemoUser): Person {
  return {
    id: user.id,
    memberId: `mem_${rng.zoomId(12)}`,
    email: user.email,
    firstName: user.first_name,
    lastName: user.last_name,
    displayName: user.display_name,
    external: false,
    timezone: user.timezone,
    dept: user.dept,
  };
}

/** Activity bounds: from creation (or the window start) until deactivation (or its end). */
function activeSpan(builder: Builder, user: DemoUser, index: number): [number, number] {
  const { start, end } = builder.window;
  const created = Date.parse(user.created_at);
  if (user.status === 'pending') return [end, end];
  if (user.status === 'active') return [Math.max(start, created), end];

  // Half of the deactivated users left before the window, half during it.
  const leftEarly = index % 2 === 0;
  if (leftEarly) return [start, start];
  return [start, start + (8 + index) * DAY + 14 * HOUR];
}

function makeProfile(builder: Builder, slot: Slot, index: number, taken: Set<string>): Profile {
  const rng = builder.rng;
  const { user, office } = makeUser(rng, builder, slot, index, taken);
  const desktop: ClientType = rng.chance(0.6) ? 'Windows' : 'Mac';
  const phone: ClientType = rng.chance(0.55) ? 'iPhone' : 'Android';
  const [activeFrom, activeUntil] = activeSpan(builder, user, index - ACTIVE_USERS);
  const desktopVersion = rng.pick(DESKTOP_VERSIONS);
  return {
    user,
    person: personOf(rng, user),
    country: office.country,
    homeIp: builder.ips.allocate(office.country),
    officeIp: officeIp(builder, office),
    desktop,
    phone,
    desktopVersion,
    mobileVersion: rng.pick(MOBILE_VERSIONS),
    activeFrom,
    activeUntil,
    weekendWork: user.dept === 'IT' || (user.dept === 'Operations' && rng.chance(0.3)),
  };
}

const officeIps = new WeakMap<Builder, Map<string, string>>();

/** One NAT address per office: everybody in the office signs in from it. */
function officeIp(builder: Builder, office: Office): string {
  const known = officeIps.get(builder) ?? new Map<string, string>();
  officeIps.set(builder, known);
  const existing = known.get(office.timezone);
  if (existing) return existing;

  const ip = builder.ips.allocate(office.country);
  known.set(office.timezone, ip);
  return ip;
}

/** Adds every account user to the builder. */
export function addUsers(builder: Builder): void {
  const taken = new Set<string>();
  slots().forEach((slot, index) => builder.profiles.push(makeProfile(builder, slot, index, taken)));
}

/** Adds the external contacts: partners, outside counsel and a webmail address. */
export function addExternals(builder: Builder): void {
  const rng = builder.rng;
  for (const contact of EXTERNAL_CONTACTS) {
    builder.externals.push({
      id: rng.zoomId(22),
      memberId: `mem_${rng.zoomId(12)}`,
      email: `${emailLocalPart(contact.first, contact.last)}@${contact.domain}`,
      firstName: contact.first,
      lastName: contact.last,
      displayName: `${contact.first} ${contact.last}`,
      external: true,
      timezone: contact.timezone,
      dept: '',
    });
  }

  // A display name that reverses itself on screen: renderers must neutralise bidi controls.
  const spoof = builder.externals[builder.externals.length - 1];
  if (spoof) spoof.displayName = `Lee Park \u202Etnatsissa\u202C`;
}
