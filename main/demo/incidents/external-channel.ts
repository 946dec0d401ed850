/**
 * `chat.external_channel_soon_after_creation` and `chat.sensitive_file_external`.
 *
 * Planted: a user creates a channel and invites a personal webmail address 40 minutes later;
 * another user shares `passwords.xlsx` 1:1 with that address. Look-alikes: a channel whose
 * partner member was invited three weeks after creation; `passwords.xlsx` shared with an
 * internal colleague; an ordinary `export.csv` shared with a partner.
 */
import type { Builder, ChannelInfo, Membership, Person, Profile } from '../builder.ts';
import type { DemoChannel, DemoChannelMember } from '../model.ts';
import { makeMessage } from '../messages.ts';
import type { Random } from '../random.ts';
import { DAY, MINUTE, localToUtc } from '../time.ts';
import { channelCreated, memberInvited } from '../webhooks.ts';
import { directConversation, messageRef } from './common.ts';
import { externalAt, takeUser, webhookRef, workday } from './people.ts';

function memberRecord(person: Person, owner: Person): DemoChannelMember {
  return {
    id: person.id,
    member_id: person.memberId,
    email: person.email,
    first_name: person.firstName,
    last_name: person.lastName,
    name: person.displayName,
    role: person === owner ? 'owner' : 'member',
    is_external: person.external,
  };
}

/** A channel made by `owner` with internal members at `createdAt` and guests at `invitedAt`. */
function newChannel(builder: Builder, rng: Random, name: string, owner: Profile,
  internal: Person[], createdAt: number): ChannelInfo {
  const members: Membership[] = [owner.person, ...internal].map((person) =>
    ({ person, joinedAt: createdAt, invitedBy: owner.person }));
  const id = rng.hex(32);
  const channel: DemoChannel = { id, jid: `${id}@conference.xmpp.zoom.us`, name, type: 1,
    owner_id: owner.user.id, members: members.map((m) => memberRecord(m.person, owner.person)) };
  const info: ChannelInfo = { channel, createdAt, owner: owner.person, members };
  builder.channels.push(info);
  builder.conversations.push({ session: { id, type: 'Group', name, channel_id: id },
    channel: info, rate: 0 });
  return info;
}

function invite(builder: Builder, info: ChannelInfo, guest: Person, at: number) {
  info.members.push({ person: guest, joinedAt: at, invitedBy: info.owner });
  info.channel.members.push(memberRecord(guest, info.owner));
  const body = memberInvited(builder, info, at, info.owner, [guest]);
  builder.webhooks.push(body);
  return body;
}

function plantChannels(builder: Builder, rng: Random): void {
  const owner = takeUser(builder, rng);
  const helper = takeUser(builder, rng, (p) => p !== owner);
  const createdAt = localToUtc(owner.user.timezone, workday(builder, 12), 19 * 60 + 20);
  const info = newChannel(builder, rng, 'q4-numbers-handover', owner, [helper.person],
    createdAt);
  const created = channelCreated(builder, info);
  builder.webhooks.push(created);
  const invited = invite(builder, info, externalAt(builder, 'mailbox-example.org', 0),
    createdAt + 40 * MINUTE + 12_000);
  builder.incidents.push({
    id: 'chat-external-channel-1',
    detector: 'chat.external_channel_soon_after_creation',
    subject: info.channel.id,
    description: `${owner.user.display_name} creates q4-numbers-handover in the evening and ` +
      'invites a personal webmail address 40 minutes later.',
    records: [webhookRef(created), webhookRef(invited)],
  });

  const lead = takeUser(builder, rng);
  const laterAt = localToUtc(lead.user.timezone, workday(builder, 0), 10 * 60 + 30);
  const partnerRoom = newChannel(builder, rng, 'fabrikam-pilot-prep', lead, [], laterAt);
  const made = channelCreated(builder, partnerRoom);
  builder.webhooks.push(made);
  const late = invite(builder, partnerRoom, externalAt(builder, 'fabrikam-example.com', 1),
    laterAt + 21 * DAY);
  builder.benign.push({
    id: 'benign-chat-channel-partner-weeks-later',
    detector: 'chat.external_channel_soon_after_creation',
    subject: partnerRoom.channel.id,
    description: 'A project channel whose partner member is invited three weeks after it ' +
      'was created.',
    records: [webhookRef(made), webhookRef(late)],
  });
}

function share(builder: Builder, rng: Random, sender: Profile, to: Person, at: number,
  fileName: string, text: string) {
  const conversation = directConversation(builder, rng, sender.person, to);
  const files = [{ file_id: rng.uuid(), file_name: fileName, file_size: rng.int(9_000, 90_000) }];
  const message = makeMessage(rng, conversation, sender.person, at, text, { files });
  builder.messages.push(message);
  return message;
}

function plantFiles(builder: Builder, rng: Random): void {
  const sender = takeUser(builder, rng);
  const webmail = externalAt(builder, 'mailbox-example.org', 0);
  const day = workday(builder, 16);
  const leaked = share(builder, rng, sender, webmail,
    localToUtc(sender.user.timezone, day, 17 * 60 + 48), 'passwords.xlsx', 'as discussed');
  builder.incidents.push({
    id: 'chat-sensitive-file-external-1',
    detector: 'chat.sensitive_file_external',
    subject: sender.user.email,
    description: `${sender.user.display_name} shares passwords.xlsx with ${webmail.email}.`,
    records: [messageRef(leaked, 'sent')],
  });

  const colleague = takeUser(builder, rng, (p) => p !== sender);
  const partner = externalAt(builder, 'fabrikam-example.com', 2);
  const internal = share(builder, rng, sender, colleague.person,
    localToUtc(sender.user.timezone, day, 10 * 60 + 3), 'passwords.xlsx', 'for the vault');
  const ordinary = share(builder, rng, sender, partner,
    localToUtc(sender.user.timezone, day, 11 * 60 + 30), 'export.csv', 'pilot usage numbers');
  builder.benign.push({
    id: 'benign-chat-files-internal-or-ordinary',
    detector: 'chat.sensitive_file_external',
    subject: sender.user.email,
    description: 'passwords.xlsx shared with an internal colleague, and an ordinary export.csv ' +
      'shared with a partner.',
    records: [messageRef(internal, 'sent'), messageRef(ordinary, 'sent')],
  });
}

export function plantExternalChannel(builder: Builder): void {
  const rng = builder.rng.fork('incident-external-channel');
  plantChannels(builder, rng);
  plantFiles(builder, rng);
}
