/**
 * The timeline's data: a sliding window of keyset pages over an ordered set that may hold
 * millions of rows. Only the window is ever sized into the DOM (B25): scrolling down appends
 * older pages and drops the newest ones past the cap; scrolling up does the reverse.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import type { Cursor, EventFilter, TimelineRow } from '../../../shared/ipc.ts';
import { call } from '../../api.ts';

export const PAGE = 200;
export const MAX_ROWS = 2000;

export interface TimelineWindow {
  rows: TimelineRow[];
  /** Rows exist newer than the first row held (the window dropped them). */
  hasNewer: boolean;
  /** Rows exist older than the last row held. */
  hasOlder: boolean;
  loading: boolean;
  error: unknown;
  /** Bumps when the window was replaced (new filter, jump to an end). */
  generation: number;
}

const EMPTY: TimelineWindow = {
  rows: [], hasNewer: false, hasOlder: false, loading: true, error: null, generation: 0,
};

const cursorOf = (row: TimelineRow): Cursor => ({ occurredAt: row.occurredAt, seq: row.seq });

export function useTimelineWindow(filter: EventFilter) {
  const [state, setState] = useState<TimelineWindow>(EMPTY);
  const busy = useRef(false);
  const stateRef = useRef(state);
  stateRef.current = state;
  // Each replacement takes a new ticket; answers to older tickets are stale and dropped.
  const ticket = useRef(0);

  const replace = useCallback(async (end: 'newest' | 'oldest') => {
    const mine = ++ticket.current;
    busy.current = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    try {
      const page = end === 'newest'
        ? await call('events.page', { filter, limit: PAGE })
        : await call('events.page', { filter, after: { occurredAt: 0, seq: 0 }, limit: PAGE });
      if (mine !== ticket.current) return;
      setState((s) => ({
        rows: page.rows,
        hasNewer: end === 'oldest' && page.hasMore,
        hasOlder: end === 'newest' && page.hasMore,
        loading: false,
        error: null,
        generation: s.generation + 1,
      }));
    } catch (error) {
      if (mine === ticket.current) setState((s) => ({ ...s, loading: false, error }));
    } finally {
      if (mine === ticket.current) busy.current = false;
    }
  }, [filter]);

  useEffect(() => void replace('newest'), [replace]);

  /** Appends the next older page; returns how many rows were dropped from the top. */
  const loadOlder = useCallback(async (): Promise<number> => {
    const current = stateRef.current;
    const last = current.rows.at(-1);
    if (busy.current || !current.hasOlder || !last) return 0;

    busy.current = true;
    const mine = ticket.current;
    try {
      const page = await call('events.page', { filter, before: cursorOf(last), limit: PAGE });
      if (mine !== ticket.current) return 0;
      const merged = [...current.rows, ...page.rows];
      const drop = Math.max(0, merged.length - MAX_ROWS);
      setState({ ...current, rows: merged.slice(drop), hasOlder: page.hasMore,
        hasNewer: current.hasNewer || drop > 0 });
      return drop;
    } finally {
      if (mine === ticket.current) busy.current = false;
    }
  }, [filter]);

  /** Prepends the next newer page; returns how many rows were added at the top. */
  const loadNewer = useCallback(async (): Promise<number> => {
    const current = stateRef.current;
    const first = current.rows[0];
    if (busy.current || !current.hasNewer || !first) return 0;

    busy.current = true;
    const mine = ticket.current;
    try {
      const page = await call('events.page', { filter, after: cursorOf(first), limit: PAGE });
      if (mine !== ticket.current) return 0;
      const merged = [...page.rows, ...current.rows];
      const keep = Math.min(merged.length, MAX_ROWS);
      setState({ ...current, rows: merged.slice(0, keep), hasNewer: page.hasMore,
        hasOlder: current.hasOlder || merged.length > keep });
      return page.rows.length;
    } finally {
      if (mine === ticket.current) busy.current = false;
    }
  }, [filter]);

  return { ...state, loadOlder, loadNewer, jumpTo: replace };
}
