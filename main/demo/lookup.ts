/**
 * Finding people, channels and messages in the tenant the way Zoom resolves path parameters:
 * a user by id, by e-mail (case-insensitive) or `me` (the account owner).
 */
import type { DemoChannel, DemoMessage, DemoUser, TenantData } from './model.ts';
import { zoomError } from './wire.ts';

export function findUser(data: TenantData, idOrEmail: string): DemoUser | undefined {
  if (idOrEmail === 'me') return accountOwner(data);

  const email = idOrEmail.toLowerCase();
  return data.users.find((u) => u.id === idOrEmail || u.email.toLowerCase() === email);
}

export function requireUser(data: TenantData, idOrEmail: string): DemoUser {
  const user = findUser(data, idOrEmail);
  if (!user) throw zoomError(404, 1001, `User does not exist: ${idOrEmail}.`);
  return user;
}

/** The S2S app acts as the account owner (role 0), or the first user when none is marked. */
function accountOwner(data: TenantData): DemoUser | undefined {
  return data.users.find((u) => u.role_id === '0') ?? data.users[0];
}

/**
 * A person as a comparable key: the lower-cased e-mail when the tenant knows them, else the
 * value itself (external contacts appear only by e-mail).
 */
export function personKey(data: TenantData, idOrEmail: string): string {
  return (findUser(data, idOrEmail)?.email ?? idOrEmail).toLowerCase();
}

export function isSender(data: TenantData, message: DemoMessage, idOrEmail: string): boolean {
  const key = personKey(data, idOrEmail);
  return key === message.sender.toLowerCase() || key === personKey(data, message.sender_user_id);
}

export function findChannel(data: TenantData, channelId: string): DemoChannel | undefined {
  return data.channels.find((c) => c.id === channelId);
}

export function requireChannel(data: TenantData, channelId: string): DemoChannel {
  const channel = findChannel(data, channelId);
  if (!channel) throw zoomError(404, 4130, `Channel does not exist: ${channelId}.`);
  return channel;
}

export function isMember(data: TenantData, channel: DemoChannel, user: DemoUser): boolean {
  const email = user.email.toLowerCase();
  return channel.members.some((m) => m.id === user.id || m.email.toLowerCase() === email);
}

/** The text a message shows now: its last edit, or what was sent. */
export function currentText(message: DemoMessage): string {
  return message.edits.at(-1)?.message ?? message.message;
}
