/**
 * Everyday chat lines. None holds a long digit run, a key-like token or a card-like number:
 * the planted incidents must be the only messages the sensitive-content detector can match.
 */
import type { Random } from './random.ts';

const OPENERS = [
  'Morning all', 'Quick question', 'Heads up', 'FYI', 'Hey {name}', 'Hi {name}', 'Folks',
  'Reminder', 'Update', 'Small thing',
];

const BODIES = [
  'the staging deploy is green again',
  'can someone review my PR before lunch?',
  'the customer call moved to tomorrow afternoon',
  'I pushed the slides to the shared drive',
  'are we still on for the sync at 3?',
  'the dashboard looks off since this morning, looking into it',
  'thanks for jumping on that so quickly',
  'I will be out for an hour, ping me if urgent',
  'the invoice run finished without errors',
  'legal signed off on the new template',
  'we need one more reviewer for the design doc',
  'the release notes draft is ready for comments',
  'pipeline review is moved to Thursday',
  'the VPN was flaky again, IT is on it',
  'new hire starts Monday, please say hi',
  'the retro notes are in the wiki',
  'could you share the latest numbers for the forecast?',
  'the demo went well, they want a follow-up',
  'blocked on the API change, waiting for platform',
  'ticket is closed, the fix is live',
  'let us take this offline',
  'I updated the roadmap board',
  'the contract redlines came back',
  'who owns the on-call rotation this week?',
  'the build cache is cleared, try again',
  'expense reports are due Friday',
  'calendar invite sent for the workshop',
  'the survey closes end of week',
  'good catch, I missed that',
  'the translation files are merged',
];

const REPLIES = [
  'sounds good', 'on it', 'thanks!', '+1', 'agreed', 'will do', 'looking now', 'done',
  'makes sense', 'let me check', 'yes, works for me', 'not yet, later today', 'nice work',
  'can we sync after standup?', 'sharing in a minute', 'ok', 'perfect', 'hmm, not sure',
];

const FILES = [
  'notes.docx', 'forecast.xlsx', 'diagram.png', 'roadmap.pdf', 'screenshot.png', 'draft.pptx',
  'export.csv', 'contract-redline.pdf',
];

/** A line that opens a conversation, sometimes naming the person addressed. */
export function openingLine(rng: Random, name: string): string {
  const body = rng.pick(BODIES);
  if (rng.chance(0.4)) return body.charAt(0).toUpperCase() + body.slice(1);

  return `${rng.pick(OPENERS).replace('{name}', name)}: ${body}`;
}

export function replyLine(rng: Random): string {
  return rng.chance(0.6) ? rng.pick(REPLIES) : rng.pick(BODIES);
}

/** An edit keeps the gist and fixes something small. */
export function editedLine(rng: Random, original: string): string {
  return rng.chance(0.5) ? `${original} (edited: typo)` : `${original}, sorry for the noise`;
}

export function fileName(rng: Random): string {
  return rng.pick(FILES);
}
