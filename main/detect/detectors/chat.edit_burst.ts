/**
 * One person edits many chat messages in a short time: rewriting what was said is as good a
 * way to remove evidence as deleting it, and leaves the conversation looking intact.
 */
import type { EventRow } from '../../../shared/events.ts';
import { chatBurstDraft, chatBursts } from '../chat-bursts.ts';
import { plural } from '../text.ts';
import type { DetectContext, Detector, FindingDraft } from '../types.ts';

export const detector: Detector = {
  id: 'chat.edit_burst',
  version: 1,
  severity: 'medium',
  technique: { id: 'T1070', name: 'Indicator Removal' },
  kinds: ['chat.message_updated'],
  title: 'Burst of edited chat messages',
  detect,
};

function detect(events: readonly EventRow[], context: DetectContext): FindingDraft[] {
  const { editBurstCount, editBurstMinutes } = context.settings;

  return chatBursts(events, editBurstCount, editBurstMinutes).map(({ actor, burst }) => {
    const messages = new Set(burst.map((event) => event.messageId ?? event.id)).size;
    const didWhat = `made ${plural(burst.length, 'chat message edit')} ` +
      `(${plural(messages, 'message')})`;
    return chatBurstDraft(actor, burst, didWhat, { messages });
  });
}
