/**
 * `chat.evidence_tampering`, and national ids and IBANs for `chat.sensitive_to_external`.
 *
 * Planted: a user edits a message to a personal webmail address to add an IBAN
 * (sensitive_to_external fires on it) and half an hour later edits it again to remove the
 * IBAN (evidence_tampering fires);
 * a user sends a US social security number to outside counsel. Look-alikes: an IBAN that
 * fails mod-97 and an SSN-shaped number with an area never issued, both sent to the partner;
 * an ordinary internal message edited the same way, which no finding cites.
 */
import type { Builder, Profile } from '../builder.ts';
import type { DemoMessage } from '../model.ts';
import { makeMessage } from '../messages.ts';
import type { Random } from '../random.ts';
import { MINUTE, localToUtc } from '../time.ts';
import { directConversation, messageRef } from './common.ts';
import { externalAt, takeUser, workday } from './people.ts';

/** A German IBAN for bank code 37040044 with the given account, check digits computed. */
export function germanIban(account: string): string {
  const bban = `37040044${account.padStart(10, '0')}`;
  const numeric = `${bban}131400`;
  let remainder = 0;
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97;
  return `DE${String(98 - remainder).padStart(2, '0')}${bban}`;
}

/** Four-character groups, as banks print them. */
function printed(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

function sendTo(builder: Builder, rng: Random, sender: Profile, to: Profile['person'],
  at: number, text: string): DemoMessage {
  const conversation = directConversation(builder, rng, sender.person, to);
  const message = makeMessage(rng, conversation, sender.person, at, text);
  builder.messages.push(message);
  return message;
}

function plantEditedIban(builder: Builder, rng: Random): void {
  const sender = takeUser(builder, rng);
  const webmail = externalAt(builder, 'mailbox-example.org', 1);
  const at = localToUtc(sender.user.timezone, workday(builder, 13), 14 * 60 + 12);
  const iban = printed(germanIban(String(rng.int(100_000_000, 999_999_999))));
  // The report shows a message's current text, so the IBAN survives only in the first edit
  // (which adds a reference); the second edit removes it.
  const message = sendTo(builder, rng, sender, webmail, at,
    'payroll account for the side contract follows');
  message.edits.push(
    { message: `payroll account for the side contract: ${iban}, reference Q4`,
      timestamp: at + 2 * MINUTE + 9_000 },
    { message: 'ignore, wrong chat', timestamp: at + 35 * MINUTE + 4_000 },
  );

  builder.incidents.push({
    id: 'chat-sensitive-external-iban',
    detector: 'chat.sensitive_to_external',
    subject: sender.user.email,
    description: `${sender.user.display_name} edits a message to ${webmail.email} to add an ` +
      'IBAN.',
    records: [messageRef(message, 'updated')],
  }, {
    id: 'chat-evidence-tampering-1',
    detector: 'chat.evidence_tampering',
    subject: sender.user.email,
    description: `${sender.user.display_name} edits the message carrying the IBAN again ` +
      'half an hour later, after a finding cites it, to remove it.',
    records: [messageRef(message, 'updated')],
  });
}

function plantIdsToCounsel(builder: Builder, rng: Random): void {
  const sender = takeUser(builder, rng);
  const counsel = externalAt(builder, 'adatum-law-example.net');
  const day = workday(builder, 9);
  const ssn = sendTo(builder, rng, sender, counsel,
    localToUtc(sender.user.timezone, day, 10 * 60 + 5),
    `the claimant's SSN is 536-22-${String(rng.int(1000, 9999))}, as requested`);
  builder.incidents.push({
    id: 'chat-sensitive-external-ssn',
    detector: 'chat.sensitive_to_external',
    subject: sender.user.email,
    description: `${sender.user.display_name} sends a US social security number to outside ` +
      'counsel.',
    records: [messageRef(ssn, 'sent')],
  });

  const valid = germanIban(String(rng.int(100_000_000, 999_999_999)));
  const badCheck = `${valid.slice(0, 2)}${String((Number(valid.slice(2, 4)) + 1) % 100)
    .padStart(2, '0')}${valid.slice(4)}`;
  const lookAlikes = [
    sendTo(builder, rng, sender, counsel, localToUtc(sender.user.timezone, day, 11 * 60 + 40),
      `invoice IBAN as printed (looks mistyped): ${printed(badCheck)}`),
    sendTo(builder, rng, sender, counsel, localToUtc(sender.user.timezone, day, 11 * 60 + 52),
      'case number 912-45-6789 in the court filing'),
  ];
  builder.benign.push({
    id: 'benign-chat-ids-failing-checks',
    detector: 'chat.sensitive_to_external',
    subject: sender.user.email,
    description: 'An IBAN failing the mod-97 check and an SSN-shaped number in the 9xx area, ' +
      'never issued, sent to outside counsel.',
    records: lookAlikes.map((m) => messageRef(m, 'sent')),
  });
}

function plantUncitedEdit(builder: Builder, rng: Random): void {
  const sender = takeUser(builder, rng);
  const colleague = takeUser(builder, rng, (p) => p !== sender);
  const at = localToUtc(sender.user.timezone, workday(builder, 13), 15 * 60 + 2);
  const message = sendTo(builder, rng, sender, colleague.person, at,
    'standup moved to 9:45 tomorrow');
  message.edits.push({ message: 'standup moved to 10:15 tomorrow', timestamp: at + 30 * MINUTE });
  builder.benign.push({
    id: 'benign-chat-uncited-edit',
    detector: 'chat.evidence_tampering',
    subject: sender.user.email,
    description: 'An internal message corrected half an hour later; no finding cites it.',
    records: [messageRef(message, 'sent'), messageRef(message, 'updated')],
  });
}

export function plantEvidenceTampering(builder: Builder): void {
  const rng = builder.rng.fork('incident-evidence-tampering');
  plantEditedIban(builder, rng);
  plantIdsToCounsel(builder, rng);
  plantUncitedEdit(builder, rng);
}
