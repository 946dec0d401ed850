/**
 * Webhook bodies that duplicate API records: the same sign-in seen by GET /report/activities
 * and by user.signed_in, the same message seen by the chat report and by chat_message.sent.
 * The store must fold each pair into one event.
 */
import type { Builder } from './builder.ts';
import { signInTwin, messageTwin } from './webhooks.ts';

const SIGN_IN_TWINS = 160;
const MESSAGE_TWINS = 240;

/** Only ordinary background records get twins; planted records stay single. */
export function addWebhookTwins(builder: Builder): void {
  const rng = builder.rng.fork('twins');
  const byEmail = new Map(builder.profiles.map((p) => [p.user.email, p]));
  const activities = builder.activities.filter((a) => !builder.customSignIns.has(a.email));
  for (const row of rng.sample(activities, SIGN_IN_TWINS)) {
    const profile = byEmail.get(row.email);
    if (profile) builder.webhooks.push(signInTwin(builder, profile, row));
  }

  const people = new Map(
    [...builder.profiles.map((p) => p.person), ...builder.externals].map((p) => [p.email, p]),
  );
  const messages = builder.messages.filter(
    (m) => !builder.quiet.has(m.sender) && m.message.length < 2000,
  );
  for (const message of rng.sample(messages, MESSAGE_TWINS)) {
    const sender = people.get(message.sender);
    if (sender) builder.webhooks.push(messageTwin(builder, sender, message));
  }
}
