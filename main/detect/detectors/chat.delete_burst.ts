/**
 * One person deletes many chat messages in a short time: a common way to remove evidence
 * after an account is taken over or before someone leaves.
 */
import type { EventRow } from '../../../shared/events.ts';
import { chatBurstDraft, chatBursts } from '../chat-bursts.ts';
import { plural } from '../text.ts';
import type { DetectContext, Detector, FindingDraft } from '../types.ts';

export const detector: Detector = {
  id: 'chat.delete_burst',
  version: 1,
  severity: 'medium',
  technique: { id: 'T1070', name: 'Indicator Removal' },
  kinds: ['chat.message_deleted'],
  title: 'Burst of deleted chat messages',
  detect,
};

function detect(events: readonly EventRow[], context: DetectContext): FindingDraft[] {
  const { deleteBurstCount, deleteBurstMinutes } = context.settings;

  return chatBursts(events, deleteBurstCount, deleteBurstMinutes).map(({ actor, burst }) =>
    chatBurstDraft(actor, burst, `deleted ${plural(burst.length, 'chat message')}`));
}
