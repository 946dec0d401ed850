/**
 * Events over time as bars (uPlot on a canvas). Dragging across the plot selects a time
 * window, which becomes the timeline's filter; counts come from the per-hour table that
 * triggers keep while ingesting.
 */
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';

import type { EventFilter, Histogram as HistogramData } from '../../../shared/ipc.ts';
import { call } from '../../api.ts';
import { wallTime } from '../../time.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function Histogram({ filter, zone, onBrush }: {
  filter: EventFilter;
  zone: string;
  onBrush: (since: number, until: number) => void;
}) {
  const [data, setData] = useState<HistogramData | null>(null);
  const host = useRef<HTMLDivElement>(null);
  const brush = useRef(onBrush);
  brush.current = onBrush;

  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      const hourly = await call('events.histogram', { filter, bucketMs: HOUR });
      const span = (hourly.starts.at(-1) ?? 0) - (hourly.starts[0] ?? 0);
      const result = span > 90 * DAY
        ? await call('events.histogram', { filter, bucketMs: DAY })
        : hourly;
      if (!cancelled) setData(result);
    };
    void load().catch(() => setData(null));
    return () => { cancelled = true; };
  }, [filter]);

  useEffect(() => {
    const element = host.current;
    if (!element || !data || data.starts.length === 0) return;

    const plot = new uPlot(plotOptions(element.clientWidth, data, zone, (a, b) =>
      brush.current(a, b)), [data.starts.map((s) => s / 1000), data.counts], element);
    const resize = new ResizeObserver(() => {
      plot.setSize({ width: element.clientWidth, height: 120 });
    });
    resize.observe(element);
    return () => { resize.disconnect(); plot.destroy(); };
  }, [data, zone]);

  const total = data?.counts.reduce((a, b) => a + b, 0) ?? 0;
  return (
    <div className="histogram card">
      <div className="histogram-head small muted">
        <span>{total.toLocaleString()} event{total === 1 ? '' : 's'} ·{' '}
          {data ? bucketLabel(data.bucketMs) : '…'} ·
          drag across the chart to zoom into a time window</span>
        <span>Axis in {zone}</span>
      </div>
      <div ref={host} className="histogram-plot" data-testid="histogram" />
    </div>
  );
}

function bucketLabel(ms: number): string {
  return ms >= DAY ? 'per day' : 'per hour';
}

function plotOptions(
  width: number,
  data: HistogramData,
  zone: string,
  onSelect: (since: number, until: number) => void,
): uPlot.Options {
  return {
    width,
    height: 120,
    legend: { show: false },
    cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
    select: { show: true, left: 0, top: 0, width: 0, height: 0 },
    scales: { x: { time: true } },
    axes: [
      {
        stroke: '#94a3b8',
        grid: { stroke: '#1e293b' },
        ticks: { stroke: '#334155' },
        values: (_u, splits) => splits.map((s) => tickLabel(s * 1000, zone)),
      },
      { stroke: '#94a3b8', grid: { stroke: '#1e293b' }, ticks: { stroke: '#334155' }, size: 48 },
    ],
    series: [
      {},
      {
        label: 'events',
        stroke: '#38bdf8',
        fill: 'rgba(56, 189, 248, 0.35)',
        paths: uPlot.paths.bars!({ size: [0.9, 100] }),
        points: { show: false },
      },
    ],
    hooks: {
      setSelect: [(u) => {
        if (u.select.width < 3) return;
        const since = u.posToVal(u.select.left, 'x') * 1000;
        const until = u.posToVal(u.select.left + u.select.width, 'x') * 1000;
        u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
        onSelect(Math.floor(since), Math.ceil(until));
      }],
    },
  };
}

/** Axis ticks in the chosen zone; the offset is shown once per label. */
function tickLabel(ms: number, zone: string): string {
  const [date, time] = wallTime(ms, zone).split(' ');
  if (time?.startsWith('00:00')) return date!.slice(5);
  return time!.slice(0, 5);
}
