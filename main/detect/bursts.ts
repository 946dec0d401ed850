/** Sliding-window bursts over time-ordered items, shared by the "many in a short time" rules. */

/**
 * Every window of `windowMs` holding at least `minCount` items qualifies; qualifying windows
 * that share an item merge into one burst. Items must be in time order.
 */
export function burstsOf<T>(
  items: readonly T[],
  timeOf: (item: T) => number,
  minCount: number,
  windowMs: number,
): T[][] {
  const bursts: Array<{ start: number; end: number }> = [];
  let start = 0;

  for (let end = 0; end < items.length; end++) {
    const endAt = timeOf(items[end]!);
    while (endAt - timeOf(items[start]!) > windowMs) start++;
    if (end - start + 1 < minCount) continue;

    const last = bursts.at(-1);
    if (last && start <= last.end) last.end = end;
    else bursts.push({ start, end });
  }
  return bursts.map(({ start: from, end: to }) => items.slice(from, to + 1));
}

/** Groups items by a key, keeping their order; items without a key are left out. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | null) {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;

    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
