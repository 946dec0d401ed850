/**
 * How commands speak. With --json a command prints exactly one JSON document on stdout and
 * nothing else there; without it, lines for a person. Logs always go to stderr.
 */

export interface GlobalOptions {
  dataDir: string;
  json: boolean;
}

export interface CommandResult {
  /** The JSON document for --json. */
  json: unknown;
  /** The text for a person; defaults to the JSON, indented. */
  text?: string;
  exitCode?: number;
}

export function printResult(result: CommandResult, options: { json: boolean }): void {
  if (options.json) {
    process.stdout.write(`${JSON.stringify(result.json, null, 2)}\n`);
    return;
  }
  const text = result.text ?? JSON.stringify(result.json, null, 2);
  if (text.length > 0) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Lays rows out in aligned columns; cells are flattened to one line each. */
export function table(headers: string[], rows: Array<Array<string | number | null>>): string {
  const cells = rows.map((row) => row.map((cell) => oneLine(cell === null ? '' : String(cell))));
  // Every column but the last is capped; the last (usually an id to copy) is never cut.
  const widths = headers.map((header, i) => {
    const widest = Math.max(header.length, ...cells.map((row) => row[i]?.length ?? 0));
    return i === headers.length - 1 ? widest : Math.min(60, widest);
  });
  const format = (row: string[]): string =>
    row
      .map((cell, i) => truncate(cell, widths[i]!).padEnd(widths[i]!))
      .join('  ')
      .trimEnd();

  return [format(headers), format(widths.map((w) => '-'.repeat(w))), ...cells.map(format)].join(
    '\n',
  );
}

/** Control characters (newlines, bidi overrides) would let chat text forge terminal lines. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, (c) =>
    c === '\n' || c === '\t' ? ' ' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
