/**
 * `chat.sensitive_to_external`: a Luhn-valid card number or an API key sent 1:1 to an
 * external contact or into a channel with an external member.
 *
 * Planted: a card number to a personal webmail address, an AWS-style access key into the
 * channel shared with a partner, and a private key block 1:1 to the partner. Look-alikes: a
 * 16-digit reference that fails Luhn sent to a partner, and a valid card number sent to an
 * internal colleague.
 */
import type { Builder, Conversation, Person, Profile } from '../builder.ts';
import type { AnswerKeyEntry, DemoMessage } from '../model.ts';
import { makeMessage } from '../messages.ts';
import type { Random } from '../random.ts';
import { localToUtc } from '../time.ts';
import type { Cast } from './common.ts';
import { directConversation, messageRef, workdayIndexes } from './common.ts';
import { grouped, luhnValid, withCheckDigit } from './luhn.ts';

/** A Visa-style test number of our own, valid under Luhn. */
export function plantedCardNumber(rng: Random): string {
  return withCheckDigit(`4${rng.chars(14, '0123456789')}`);
}

/** Sixteen digits that fail Luhn: the check digit is deliberately off by one. */
export function failingCardNumber(rng: Random): string {
  const valid = plantedCardNumber(rng);
  const last = (Number(valid[valid.length - 1]) + 1) % 10;
  const out = `${valid.slice(0, -1)}${last}`;
  if (luhnValid(out)) throw new Error('unreachable: a changed check digit fails Luhn');
  return out;
}

function external(builder: Builder, domain: string): Person {
  const found = builder.externals.find((e) => e.email.endsWith(`@${domain}`));
  if (!found) throw new Error(`no external contact at ${domain}`);
  return found;
}

function channel(builder: Builder, name: string): Conversation {
  const found = builder.conversations.find((c) => c.channel?.channel.name === name);
  if (!found) throw new Error(`no channel ${name}`);
  return found;
}

/** A message at `minute` local time on the `position`-th working day of the window. */
function sendAt(builder: Builder, rng: Random, conversation: Conversation, sender: Profile,
  position: number, minute: number, text: string): DemoMessage {
  const days = workdayIndexes(builder);
  const day = builder.window.days[days[position] as number] as number;
  const at = localToUtc(sender.user.timezone, day, minute) + rng.int(0, 59_999);
  const message = makeMessage(rng, conversation, sender.person, at, text);
  builder.messages.push(message);
  return message;
}

function entry(id: string, sender: Profile, description: string, message: DemoMessage):
  AnswerKeyEntry {
  return {
    id,
    detector: 'chat.sensitive_to_external',
    subject: sender.user.email,
    description,
    records: [messageRef(message, 'sent')],
  };
}

function plantCardToWebmail(builder: Builder, rng: Random, sender: Profile): void {
  const webmail = external(builder, 'mailbox-example.org');
  const conversation = directConversation(builder, rng, sender.person, webmail);
  const card = grouped(plantedCardNumber(rng));
  const text = `card for the hotel booking: ${card}, exp 09/28, name as on my profile`;
  const message = sendAt(builder, rng, conversation, sender, 12, 15 * 60 + 3, text);
  builder.incidents.push(entry('chat-sensitive-external-card', sender,
    `${sender.user.display_name} sends a company card number to the personal address ` +
    `${webmail.email}.`, message));
}

/** An AWS-style access key id: AKIA and sixteen upper-case letters or digits. */
function accessKeyId(rng: Random): string {
  return `AKIA${rng.chars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
}

function plantKeyInSharedChannel(builder: Builder, rng: Random, sender: Profile): void {
  const shared = channel(builder, 'ext-fabrikam-rollout');
  const secret = rng.chars(40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
  const text = `temp creds for the upload bucket: ${accessKeyId(rng)} / ${secret}`;
  const message = sendAt(builder, rng, shared, sender, 16, 11 * 60 + 37, text);
  builder.incidents.push(entry('chat-sensitive-external-aws-key', sender,
    `${sender.user.display_name} posts an AWS access key into ext-fabrikam-rollout, a ` +
    'channel with partner members.', message));
}

function plantPrivateKeyToPartner(builder: Builder, rng: Random, sender: Profile): void {
  const partner = external(builder, 'fabrikam-example.com');
  const conversation = directConversation(builder, rng, sender.person, partner);
  const body = rng.chars(64, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
  const text = `here is the deploy key\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg${body}\n` +
    '-----END PRIVATE KEY-----';
  const message = sendAt(builder, rng, conversation, sender, 17, 14 * 60 + 21, text);
  builder.incidents.push(entry('chat-sensitive-external-private-key', sender,
    `${sender.user.display_name} sends a private key 1:1 to ${partner.email}.`, message));
}

function plantLookAlikes(builder: Builder, rng: Random, cast: Cast): void {
  const partner = external(builder, 'adatum-law-example.net');
  const toPartner = directConversation(builder, rng, cast.badLuhnSender.person, partner);
  const reference = grouped(failingCardNumber(rng));
  const notCard = sendAt(builder, rng, toPartner, cast.badLuhnSender, 8, 10 * 60 + 45,
    `our case reference is ${reference}, please quote it on the invoice`);
  builder.benign.push(entry('benign-chat-reference-number-external', cast.badLuhnSender,
    'A 16-digit case reference that fails the Luhn check, sent to outside counsel.', notCard));

  const colleague = builder.profiles.find((p) => p.user.dept === 'Finance' &&
    p !== cast.internalCardSender && p.user.status === 'active' &&
    p.activeFrom === builder.window.start);
  if (!colleague) throw new Error('no Finance colleague for the internal card look-alike');
  const internal = directConversation(builder, rng, cast.internalCardSender.person,
    colleague.person);
  const card = grouped(plantedCardNumber(rng));
  const toColleague = sendAt(builder, rng, internal, cast.internalCardSender, 10, 13 * 60 + 10,
    `corporate card for the offsite deposit: ${card}`);
  builder.benign.push(entry('benign-chat-card-internal', cast.internalCardSender,
    `A valid card number sent to ${colleague.user.email}, an internal colleague.`, toColleague));
}

export function plantSensitiveToExternal(builder: Builder, cast: Cast): void {
  const rng = builder.rng.fork('incident-sensitive');
  plantCardToWebmail(builder, rng, cast.cardLeaker);
  plantKeyInSharedChannel(builder, rng, cast.keyLeaker);
  plantPrivateKeyToPartner(builder, rng, cast.keyLeaker);
  plantLookAlikes(builder, rng, cast);
}
