/**
 * `chat.edit_burst`: one user edits five or more messages within ten minutes.
 *
 * Planted: a user rewrites six messages about a supplier payment within four minutes, late
 * on a working day. Look-alike: another user fixes typos in three messages within ten minutes.
 */
import type { Builder, Profile } from '../builder.ts';
import type { DemoMessage } from '../model.ts';
import { makeMessage } from '../messages.ts';
import type { Random } from '../random.ts';
import { MINUTE, localToUtc } from '../time.ts';
import { directConversation, messageRef } from './common.ts';
import { takeUser, workday } from './people.ts';

const PAYMENT = ['approved the supplier invoice without the second signature',
  'moved the payment to the new account they sent', 'the old account details are wrong now',
  'I changed the vendor record myself', 'no need to loop in procurement',
  'will tidy up the approvals later'];

const TYPOS = ['meeting moved to 3pn', 'see teh doc', 'thansk!'];

function colleagueOf(builder: Builder, rng: Random, of: Profile): Profile {
  return takeUser(builder, rng, (p) => p !== of && p.user.timezone === of.user.timezone);
}

/** Messages `gap` minutes apart from `first`, each edited `editAt(i)` later. */
function editedMessages(builder: Builder, rng: Random, sender: Profile, texts: readonly string[],
  first: number, editAt: (i: number) => number): DemoMessage[] {
  const conversation = directConversation(builder, rng, sender.person,
    colleagueOf(builder, rng, sender).person);
  return texts.map((text, i) => {
    const message = makeMessage(rng, conversation, sender.person, first + i * 7 * MINUTE +
      rng.int(0, 50_000), text);
    message.edits.push({ message: 'edited: see the ticket instead', timestamp: editAt(i) });
    return message;
  });
}

export function plantEditBurst(builder: Builder): void {
  const rng = builder.rng.fork('incident-edit-burst');
  const editor = takeUser(builder, rng);
  const day = workday(builder, 15);
  const start = localToUtc(editor.user.timezone, day, 9 * 60 + 40);
  const rewriteAt = localToUtc(editor.user.timezone, day, 18 * 60 + 5);
  const burst = editedMessages(builder, rng, editor, PAYMENT, start,
    (i) => rewriteAt + i * 40_000 + rng.int(0, 900));
  builder.messages.push(...burst);
  builder.incidents.push({
    id: 'chat-edit-burst-1',
    detector: 'chat.edit_burst',
    subject: editor.user.email,
    description: `${editor.user.display_name} rewrites ${burst.length} messages about a ` +
      'supplier payment within four minutes, hours after sending them.',
    records: burst.map((m) => messageRef(m, 'updated')),
  });

  const fixer = takeUser(builder, rng);
  const fixDay = workday(builder, 7);
  const fixStart = localToUtc(fixer.user.timezone, fixDay, 11 * 60);
  const typos = editedMessages(builder, rng, fixer, TYPOS, fixStart,
    (i) => fixStart + i * 7 * MINUTE + 2 * MINUTE + rng.int(0, 30_000));
  builder.messages.push(...typos);
  builder.benign.push({
    id: 'benign-chat-three-edits',
    detector: 'chat.edit_burst',
    subject: fixer.user.email,
    description: `${fixer.user.display_name} fixes typos in three messages: fewer than five.`,
    records: typos.map((m) => messageRef(m, 'updated')),
  });
}
