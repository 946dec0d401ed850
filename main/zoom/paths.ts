/**
 * Building request paths and query strings. Zoom ids may contain `+`, `/`, `=` and braces
 * (B36, B37); unencoded, they change the path or the query and hit the wrong object.
 */
import type { Query } from './types.ts';

/**
 * A path whose interpolated values are each percent-encoded as one segment:
 * zoomPath`/chat/users/${userId}/messages/${messageId}`.
 */
export function zoomPath(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  return strings.reduce(
    (path, literal, index) =>
      index === 0 ? literal : `${path}${encodeURIComponent(String(values[index - 1]))}${literal}`,
    '',
  );
}

/** `?a=1&b=x%2By`, or '' when nothing is set. Undefined values are left out. */
export function queryString(query: Query | undefined): string {
  const pairs = Object.entries(query ?? {}).flatMap(([name, value]) =>
    value === undefined ? [] : [`${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`],
  );
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}
