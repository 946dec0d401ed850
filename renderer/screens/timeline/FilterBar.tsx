/** The timeline's filters: account, stream and kind, actor, time window, full-text search. */
import { useState } from 'react';
import type { FormEvent } from 'react';

import { EVENT_KINDS } from '../../../shared/events.ts';
import type { EventKind } from '../../../shared/events.ts';
import type { EventFilter, InstanceSummary } from '../../../shared/ipc.ts';
import { KIND_LABELS } from '../../kinds.ts';
import { parseInZone, toInputValue } from '../../time.ts';

/** Streams as the investigator names them, each a set of kinds. */
const STREAMS: Record<string, EventKind[]> = {
  'Sign-ins': ['auth.sign_in', 'auth.sign_out'],
  'Chat messages': ['chat.message_sent', 'chat.message_replied', 'chat.message_updated',
    'chat.message_deleted'],
  'Channels': ['chat.channel_created', 'chat.member_added', 'chat.member_removed'],
  'Admin (operation log)': EVENT_KINDS.filter((k) => k.startsWith('admin.')),
};

export function FilterBar({ filter, zone, instances, onChange }: {
  filter: EventFilter;
  zone: string;
  instances: InstanceSummary[];
  onChange: (filter: EventFilter) => void;
}) {
  const [search, setSearch] = useState(filter.search ?? '');
  const [actor, setActor] = useState(filter.actor ?? '');

  const set = (patch: Partial<EventFilter>) => {
    const next: EventFilter = { ...filter, ...patch };
    for (const key of Object.keys(next) as Array<keyof EventFilter>) {
      if (next[key] === undefined || next[key] === '') delete next[key];
    }
    onChange(next);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    set({ search: search.trim() || undefined, actor: actor.trim() || undefined });
  };

  const kindValue = filter.kinds?.length === 1 ? filter.kinds[0]
    : Object.entries(STREAMS).find(([, kinds]) => same(kinds, filter.kinds))?.[0] ?? '';

  return (
    <form className="filter-bar" onSubmit={submit} aria-label="Filters">
      <select aria-label="Account" value={filter.instanceId ?? ''}
        onChange={(e) => set({ instanceId: e.target.value ? Number(e.target.value) : undefined })}>
        <option value="">All accounts</option>
        {instances.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
      </select>
      <select aria-label="Stream or kind" value={kindValue}
        onChange={(e) => set({ kinds: kindsFor(e.target.value) })}>
        <option value="">All streams</option>
        <optgroup label="Streams">
          {Object.keys(STREAMS).map((s) => <option key={s} value={s}>{s}</option>)}
        </optgroup>
        <optgroup label="Kinds">
          {EVENT_KINDS.map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
        </optgroup>
      </select>
      <input aria-label="Actor" placeholder="Actor e-mail" value={actor}
        onChange={(e) => setActor(e.target.value)} />
      <input aria-label="Search" type="search" placeholder="Search text, people, channels"
        value={search} onChange={(e) => setSearch(e.target.value)} />
      <label className="inline small">From
        <input aria-label="From" type="datetime-local"
          value={filter.since !== undefined ? toInputValue(filter.since, zone) : ''}
          onChange={(e) => set({ since: parseInZone(e.target.value, zone) ?? undefined })} />
      </label>
      <label className="inline small">To
        <input aria-label="To" type="datetime-local"
          value={filter.until !== undefined ? toInputValue(filter.until, zone) : ''}
          onChange={(e) => set({ until: parseInZone(e.target.value, zone) ?? undefined })} />
      </label>
      <button type="submit" className="primary">Apply</button>
      <button type="button" className="ghost" onClick={() => {
        setSearch('');
        setActor('');
        onChange({});
      }}>Clear</button>
    </form>
  );
}

function kindsFor(value: string): EventKind[] | undefined {
  if (!value) return undefined;
  return STREAMS[value] ?? [value as EventKind];
}

function same(a: EventKind[], b: EventKind[] | undefined): boolean {
  return !!b && a.length === b.length && a.every((k) => b.includes(k));
}
