/** Every response action and refusal, newest first, from the hash-chained audit log. */
import { useEffect, useState } from 'react';

import type { AuditEntry } from '../../../shared/ipc.ts';
import { call } from '../../api.ts';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { Time } from '../../components/Time.tsx';

export function AuditScreen({ zone }: { zone: string }) {
  const [rows, setRows] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    call('audit.list', { limit: 500 }).then(setRows, setError);
  }, []);

  return (
    <section className="screen" aria-label="Actions and audit">
      <header className="screen-head">
        <div>
          <h1>Actions &amp; audit</h1>
          <p className="muted">Response actions run from an event or an anomaly. Each run, and
            each refusal, is a row in an append-only, hash-chained log.</p>
        </div>
      </header>
      <ErrorBanner error={error} />
      {rows && rows.length === 0 ? <p className="muted">No actions yet.</p> : null}
      {rows && rows.length > 0 ? (
        <table className="grid" data-testid="audit-table">
          <thead><tr><th>#</th><th>When</th><th>Who</th><th>Action</th><th>Target</th>
            <th>Outcome</th><th>Zoom request</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.seq}>
                <td className="num">{r.seq}</td>
                <td className="nowrap"><Time ms={r.at} zone={zone} /></td>
                <td>{r.osUser}</td>
                <td className="mono">{r.action}</td>
                <td className="mono small"><SafeText text={r.target} /></td>
                <td><span className={`badge outcome-${r.outcome}`}>{r.outcome}</span></td>
                <td className="mono small"><SafeText text={requestLine(r.request)} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function requestLine(json: string | null): string | null {
  if (!json) return null;
  try {
    const parsed = JSON.parse(json) as { line?: unknown };
    return typeof parsed.line === 'string' ? parsed.line : json;
  } catch {
    return json;
  }
}
