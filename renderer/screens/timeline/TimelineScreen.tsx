/**
 * Every event, newest first, in a virtualised list over a sliding window of keyset pages.
 * Keyboard: ↑/↓ move, PageUp/PageDown jump, Home/End go to the newest/oldest, Enter opens.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';

import type { EventFilter, InstanceSummary, TimelineRow } from '../../../shared/ipc.ts';
import type { Navigation } from '../../App.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { summaryOf } from '../../components/EventList.tsx';
import { KindBadge } from '../../components/KindBadge.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { formatInZone } from '../../time.ts';
import { FilterBar } from './FilterBar.tsx';
import { Histogram } from './Histogram.tsx';
import { useTimelineWindow } from './useTimelineWindow.ts';

const ROW_HEIGHT = 34;
const EDGE = 40;

export function TimelineScreen({ filter, onFilter, banner, zone, instances, nav, selectedId }: {
  filter: EventFilter;
  onFilter: (filter: EventFilter) => void;
  banner: string | null;
  zone: string;
  instances: InstanceSummary[];
  nav: Navigation;
  selectedId: string | null;
}) {
  const data = useTimelineWindow(filter);
  const scroller = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState(0);
  const names = new Map(instances.map((i) => [i.id, i.name]));

  const virtualizer = useVirtualizer({
    count: data.rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  // A replaced window starts at its newest row, or at its oldest after End.
  useEffect(() => {
    const atOldest = data.hasNewer && data.rows.length > 0;
    const index = atOldest ? data.rows.length - 1 : 0;
    setCursor(index);
    virtualizer.scrollToIndex(index, { align: atOldest ? 'end' : 'start' });
  }, [data.generation]);

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  useEffect(() => {
    const element = scroller.current;
    if (!element || data.loading) return;
    if (last > data.rows.length - EDGE && data.hasOlder) {
      void data.loadOlder().then((dropped) => {
        if (dropped) element.scrollTop -= dropped * ROW_HEIGHT;
        setCursor((c) => Math.max(0, c - dropped));
      });
    } else if (first < EDGE && data.hasNewer) {
      void data.loadNewer().then((added) => {
        if (added) element.scrollTop += added * ROW_HEIGHT;
        setCursor((c) => c + added);
      });
    }
  }, [first, last, data]);

  const move = (to: number) => {
    const index = Math.max(0, Math.min(data.rows.length - 1, to));
    setCursor(index);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };

  const onKey = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT));
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(cursor + 1),
      ArrowUp: () => move(cursor - 1),
      PageDown: () => move(cursor + page),
      PageUp: () => move(cursor - page),
      Home: () => void data.jumpTo('newest'),
      End: () => void data.jumpTo('oldest'),
      Enter: () => { const row = data.rows[cursor]; if (row) nav.openEvent(row.id); },
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  return (
    <section className="screen timeline" aria-label="Timeline">
      <header className="screen-head">
        <div>
          <h1>Timeline</h1>
          <p className="muted">Newest first. Times in {zone}. ↑ ↓ to move, Enter to open,
            Home / End for the newest / oldest.</p>
        </div>
      </header>
      <FilterBar key={JSON.stringify(filter)} filter={filter} zone={zone} instances={instances}
        onChange={onFilter} />
      {banner ? (
        <div className="banner banner-info" role="status">
          <span>{banner}</span>
          <button className="ghost" onClick={() => onFilter({})}>Show all events</button>
        </div>
      ) : null}
      <Histogram filter={filter} zone={zone}
        onBrush={(since, until) => onFilter({ ...filter, since, until })} />
      <ErrorBanner error={data.error} />

      <div className="timeline-head" role="row">
        <span>Time ({zone})</span><span>Kind</span><span>Actor</span><span>Details</span>
        <span>Account</span>
      </div>
      <div ref={scroller} className="timeline-scroll" tabIndex={0} onKeyDown={onKey}
        role="grid" aria-label="Events" aria-rowcount={-1} data-testid="timeline">
        <div className="timeline-sizer" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = data.rows[item.index]!;
            return (
              <TimelineRowView key={row.id} row={row} top={item.start}
                active={item.index === cursor} selected={row.id === selectedId}
                zone={zone} account={names.get(row.instanceId) ?? ''}
                onClick={() => { setCursor(item.index); nav.openEvent(row.id); }} />
            );
          })}
        </div>
        {!data.loading && data.rows.length === 0 ? (
          <p className="muted empty-list">No events match these filters.</p>
        ) : null}
      </div>
      <div className="timeline-foot small muted">
        {data.rows.length.toLocaleString()} rows held
        {data.hasNewer ? ' · newer rows above' : ''}{data.hasOlder ? ' · older rows below' : ''}
      </div>
    </section>
  );
}

function TimelineRowView({ row, top, active, selected, zone, account, onClick }: {
  row: TimelineRow;
  top: number;
  active: boolean;
  selected: boolean;
  zone: string;
  account: string;
  onClick: () => void;
}) {
  const classes = ['timeline-row', active ? 'active' : '', selected ? 'selected' : ''].join(' ');
  return (
    <div className={classes} role="row" style={{ transform: `translateY(${top}px)` }}
      onClick={onClick} data-event-id={row.id} aria-selected={selected}>
      <span className="when mono">{formatInZone(row.occurredAt, zone)}</span>
      <span><KindBadge kind={row.kind} /></span>
      <span className="who"><SafeText text={row.actorEmail} /></span>
      <span className="what"><SafeText text={summaryOf(row)} /></span>
      <span className="small muted">{account}</span>
    </div>
  );
}
