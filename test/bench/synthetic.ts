/** Synthetic events for the bench: realistic mixes of kinds, people and text, deterministic. */
import type { EventKind, NewEvent } from '../../shared/events.ts';
import { stableEventId } from '../../main/store/events.ts';

const KINDS: EventKind[] = [
  'auth.sign_in', 'auth.sign_out', 'chat.message_sent', 'chat.message_sent', 'chat.message_sent',
  'chat.message_replied', 'chat.message_updated', 'chat.message_deleted', 'admin.operation',
];
const WORDS = ['quarterly', 'numbers', 'deploy', 'lunch', 'review', 'invoice', 'customer',
  'meeting', 'draft', 'release', 'budget', 'travel', 'contract', 'roadmap', 'incident'];

export function makeSyntheticEvents(count: number, accountId: string): NewEvent[] {
  const start = Date.UTC(2026, 0, 1);
  const step = Math.max(1, Math.floor((180 * 86_400_000) / count));
  let seed = 42;
  const next = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };

  const events: NewEvent[] = [];
  for (let i = 0; i < count; i++) {
    const kind = KINDS[Math.floor(next() * KINDS.length)]!;
    const user = `user${Math.floor(next() * 2000)}@bench.test`;
    const text = kind.startsWith('chat.')
      ? Array.from({ length: 8 }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ')
      : null;
    events.push({
      id: stableEventId(accountId, kind, { zoomId: `m${i}` }),
      kind,
      source: kind.startsWith('auth.') ? 'api.report_activities' : 'api.chat_report',
      occurredAt: start + i * step,
      actorEmail: user,
      actorId: null,
      targetEmail: null,
      targetId: null,
      channelId: kind.startsWith('chat.') ? `ch${i % 40}` : null,
      channelName: kind.startsWith('chat.') ? `channel-${i % 40}` : null,
      messageId: kind.startsWith('chat.') ? `m${i}` : null,
      parentMessageId: null,
      text,
      ip: kind.startsWith('auth.') ? `81.2.69.${i % 250}` : null,
      clientType: kind.startsWith('auth.') ? 'Browser' : null,
      detail: {},
    });
  }
  return events;
}
