import { formatInZone, UTC } from '../time.ts';

/** One instant in the chosen zone, with the UTC time in the tooltip. */
export function Time({ ms, zone }: { ms: number; zone: string }) {
  return <time dateTime={new Date(ms).toISOString()} title={formatInZone(ms, UTC)}>
    {formatInZone(ms, zone)}
  </time>;
}

/** UTC and the chosen zone side by side (the detail pane). */
export function BothTimes({ ms, zone }: { ms: number; zone: string }) {
  return (
    <div className="both-times">
      <div><span className="label">UTC</span> {formatInZone(ms, UTC)}</div>
      <div><span className="label">{zone}</span> {formatInZone(ms, zone)}</div>
    </div>
  );
}
