/** A short, non-virtualised list of events (detail, person and anomaly panes). */
import type { TimelineRow } from '../../shared/ipc.ts';
import { KindBadge } from './KindBadge.tsx';
import { SafeText } from './SafeText.tsx';
import { Time } from './Time.tsx';

export function EventList({ rows, zone, onOpen, empty = 'None stored.' }: {
  rows: TimelineRow[];
  zone: string;
  onOpen: (id: string) => void;
  empty?: string;
}) {
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="event-list">
      {rows.map((row) => (
        <li key={row.id}>
          <button className="row-button" onClick={() => onOpen(row.id)}>
            <span className="when"><Time ms={row.occurredAt} zone={zone} /></span>
            <KindBadge kind={row.kind} />
            <span className="who"><SafeText text={row.actorEmail} /></span>
            <span className="what"><SafeText text={summaryOf(row)} /></span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** One line saying what happened: the text, else the channel or target, else the IP. */
export function summaryOf(row: TimelineRow): string | null {
  const text = row.text ? row.text.slice(0, 300) : null;
  return text ?? row.channelName ?? row.targetEmail ?? row.ip ?? null;
}
