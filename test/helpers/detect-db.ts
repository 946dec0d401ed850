/**
 * A temp evidence database for detector tests: events go in through the store (raw record,
 * then event), channel members through the snapshot store, exactly as ingest and sync do.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { EventKind, NewEvent } from '../../shared/events.ts';
import { baseEvent } from '../../main/ingest/common.ts';
import { openDatabase, type Db } from '../../main/store/db.ts';
import { insertEvent } from '../../main/store/events.ts';
import { sha256Hex } from '../../main/store/hash.ts';
import { addInstance, type Instance } from '../../main/store/instances.ts';
import { insertRawRecord } from '../../main/store/raw.ts';
import { upsertChannelMember, upsertUser } from '../../main/store/snapshots.ts';

export const T0 = Date.UTC(2026, 10, 2, 8, 0, 0);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Public addresses and the country the shipped database gives them (checked in a test). */
export const IP = {
  DE: '81.91.161.1',
  DE2: '217.160.0.1',
  US: '8.8.8.8',
  BR: '200.160.2.3',
  NL: '193.0.6.139',
  JP: '202.12.27.33',
  FR: '62.4.0.1',
  GB: '141.1.1.1',
  CZ: '195.113.144.201',
} as const;

export interface DetectStore {
  db: Db;
  instance: Instance;
  event(fields: Partial<NewEvent> & { kind: EventKind; occurredAt: number }): string;
  signIn(email: string, ip: string, at: number): string;
  member(channelId: string, email: string, isExternal?: boolean): void;
  /** A row of the users snapshot (status `active`, time zone UTC unless given). */
  user(email: string, fields?: { status?: string; timezone?: string; roleId?: string }): void;
  close(): void;
}

let counter = 0;

export function openDetectStore(name = 'acme'): DetectStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zi-detect-'));
  const db = openDatabase(path.join(dir, 'evidence.sqlite'));
  const instance = addInstance(db, {
    name,
    accountId: `Acct-${name}`,
    clientId: 'client',
    adminEmail: `admin@${name}.example`,
    ownDomains: [`${name}.example`],
  });

  const store: DetectStore = {
    db,
    instance,
    event: (fields) => addEvent(db, instance.id, fields),
    signIn: (email, ip, at) =>
      addEvent(db, instance.id, { kind: 'auth.sign_in', actorEmail: email, ip, occurredAt: at }),
    member: (channelId, email, isExternal) =>
      addMember(db, instance.id, channelId, email, isExternal),
    user: (email, fields) => addUser(db, instance.id, email, fields),
    close() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return store;
}

function addEvent(
  db: Db,
  instanceId: number,
  fields: Partial<NewEvent> & { kind: EventKind; occurredAt: number },
): string {
  counter += 1;
  const json = JSON.stringify({ test: counter, ...fields });
  const raw = insertRawRecord(db, json, 'import', null, T0);
  const id = `test:${fields.kind}:${sha256Hex(json).slice(0, 16)}`;
  const event: NewEvent = {
    ...baseEvent(id, fields.kind, 'import', fields.occurredAt),
    ...fields,
  };
  insertEvent(db, instanceId, event, raw, T0);
  return event.id;
}

function addMember(
  db: Db,
  instanceId: number,
  channelId: string,
  email: string,
  isExternal?: boolean,
): void {
  const member = { id: email, email, name: email.split('@')[0], is_external: isExternal };
  const json = JSON.stringify({ channelId, ...member });
  const raw = insertRawRecord(db, json, 'api.channels', null, T0);
  upsertChannelMember(db, instanceId, channelId, member, raw, T0);
}

function addUser(
  db: Db,
  instanceId: number,
  email: string,
  fields: { status?: string; timezone?: string; roleId?: string } = {},
): void {
  const user = {
    id: `u-${email}`,
    email,
    status: fields.status ?? 'active',
    timezone: fields.timezone ?? 'UTC',
    role_id: fields.roleId ?? '2',
  };
  const raw = insertRawRecord(db, JSON.stringify(user), 'api.users', null, T0);
  upsertUser(db, instanceId, user, raw, T0);
}

/** Five sign-ins over four days from one country: enough history for "new country". */
export function signInHistory(
  store: DetectStore,
  email: string,
  ip: string,
  start = T0,
): string[] {
  return [0, 1, 2, 3, 4].map((day) => store.signIn(email, ip, start + day * DAY));
}
