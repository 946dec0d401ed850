/**
 * A file whose name marks it as sensitive (passwords, payroll, a customer export, a key
 * store) is shared in a conversation with someone outside the account. The words and
 * extensions that count are settings; the file itself is never fetched.
 */
import type { EventRow } from '../../../shared/events.ts';
import { audienceInWords, audienceValues, externalAudience, isOutside } from '../audience.ts';
import { listInWords, plainLabel } from '../text.ts';
import type { DetectContext, Detector, FindingDraft } from '../types.ts';

export const detector: Detector = {
  id: 'chat.sensitive_file_external',
  version: 1,
  severity: 'high',
  technique: { id: 'T1567', name: 'Exfiltration Over Web Service' },
  kinds: ['chat.message_sent', 'chat.message_replied'],
  title: 'Sensitive-looking file shared outside the account',
  detect,
};

interface SensitiveFile {
  name: string;
  /** The keyword or extension that made it sensitive. */
  because: string;
}

function detect(events: readonly EventRow[], context: DetectContext): FindingDraft[] {
  const rules = fileRules(context);
  const drafts: FindingDraft[] = [];

  for (const event of events) {
    const names = fileNames(event);
    if (names.length === 0 || isOutside(event.actorEmail, context)) continue;

    const sensitive = names.map((name) => judge(name, rules)).filter(isSensitive);
    if (sensitive.length === 0) continue;

    const audience = externalAudience(event, context);
    if (audience) drafts.push(toDraft(event, sensitive, audienceValues(audience, context),
      audienceInWords(audience, plainLabel)));
  }
  return drafts;
}

interface Rules {
  keywords: string[];
  extensions: Set<string>;
}

function fileRules(context: DetectContext): Rules {
  return {
    keywords: context.settings.sensitiveFileKeywords.map(words).filter((k) => k !== ''),
    extensions: new Set(
      context.settings.sensitiveFileExtensions.map((ext) => ext.toLowerCase().replace(/^\./, '')),
    ),
  };
}

function fileNames(event: EventRow): string[] {
  const names = event.detail.fileNames;
  return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
}

/** Keywords match whole words of the name (`customer_export-q3.csv` has "customer export"). */
function judge(name: string, rules: Rules): SensitiveFile | null {
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (rules.extensions.has(extension)) return { name, because: `.${extension}` };

  const padded = ` ${words(name)} `;
  const keyword = rules.keywords.find((k) => padded.includes(` ${k} `));
  return keyword ? { name, because: keyword } : null;
}

/** Lower case, every run of non-letters-or-digits one space: `Pay_Roll-2024` → `pay roll 2024`. */
function words(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function isSensitive(file: SensitiveFile | null): file is SensitiveFile {
  return file !== null;
}

function toDraft(
  event: EventRow,
  files: readonly SensitiveFile[],
  audience: Record<string, unknown>,
  audienceWords: string,
): FindingDraft {
  const sender = event.actorEmail?.toLowerCase() ?? event.actorId;
  const named = files.map((file) => `"${plainLabel(file.name, 80)}"`);
  const explanation =
    `${plainLabel(sender)} shared ${listInWords(named)} ${audienceWords}; the name marks it ` +
    `as sensitive (${listInWords(files.map((file) => plainLabel(file.because, 30)))}).`;

  return {
    evidenceEventIds: [event.id],
    values: {
      sender,
      files: files.map(({ name, because }) => ({ name: name.slice(0, 200), because })),
      ...audience,
      messageId: event.messageId,
    },
    subject: sender,
    explanation,
    firstEventAt: event.occurredAt,
    lastEventAt: event.occurredAt,
  };
}
