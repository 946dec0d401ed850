/**
 * The bridge's channel and event names as plain strings, without zod, for the preload: a
 * sandboxed preload should stay tiny. A test keeps these lists equal to shared/ipc.ts.
 */
export const CHANNEL_LIST = [
  'instances.list', 'instances.add', 'instances.edit', 'instances.remove', 'instances.test',
  'demo.start', 'sync.start', 'sync.overview', 'events.page', 'events.histogram',
  'events.detail', 'person.view', 'findings.list', 'findings.detail', 'findings.triage',
  'detect.run', 'actions.preview', 'actions.execute', 'audit.list', 'links.open',
] as const;

export const EVENT_LIST = ['sync.progress', 'sync.finished'] as const;

export function isListedChannel(value: unknown): boolean {
  return typeof value === 'string' && (CHANNEL_LIST as readonly string[]).includes(value);
}

export function isListedEvent(value: unknown): boolean {
  return typeof value === 'string' && (EVENT_LIST as readonly string[]).includes(value);
}
