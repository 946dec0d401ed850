/**
 * Sync status: each stream's last run, live progress while a sync runs, errors in plain words,
 * and whether Zoom was reachable. Stored evidence stays usable offline.
 */
import { useCallback, useEffect, useState } from 'react';

import type {
  InstanceSummary,
  SyncFinished,
  SyncOverview,
  SyncProgress,
} from '../../../shared/ipc.ts';
import { call, subscribe } from '../../api.ts';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { Time } from '../../components/Time.tsx';

export function SyncScreen({ zone, instances, onSynced }: {
  zone: string;
  instances: InstanceSummary[];
  onSynced: () => Promise<void>;
}) {
  const [overview, setOverview] = useState<SyncOverview | null>(null);
  const [live, setLive] = useState<Record<string, SyncProgress>>({});
  const [finished, setFinished] = useState<SyncFinished[]>([]);
  const [error, setError] = useState<unknown>(null);

  const refresh = useCallback(() => {
    call('sync.overview', {}).then(setOverview, setError);
  }, []);

  useEffect(() => {
    refresh();
    const offProgress = subscribe('sync.progress', (p) => {
      setLive((all) => ({ ...all, [`${p.instanceName}/${p.stream}`]: p }));
    });
    const offFinished = subscribe('sync.finished', (f) => {
      setFinished((all) => [f, ...all].slice(0, 10));
      refresh();
      void onSynced();
    });
    return () => { offProgress(); offFinished(); };
  }, [refresh, onSynced]);

  const start = async (name: string) => {
    setError(null);
    try {
      await call('sync.start', { name });
      refresh();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="screen" aria-label="Sync status">
      <header className="screen-head">
        <div>
          <h1>Sync status</h1>
          <p className="muted">Everything already stored stays usable without a network.</p>
        </div>
        {overview?.offline ? <span className="badge warn-badge">Offline: Zoom unreachable</span>
          : <span className="badge ok-badge">Online</span>}
      </header>
      <ErrorBanner error={error} onClose={() => setError(null)} />
      {finished.map((f) => (
        <div key={f.runId} className={f.ok ? 'banner banner-ok' : 'banner banner-error'}
          role="status" data-testid="sync-finished">
          <span><strong>{f.instanceName}</strong>: <SafeText text={f.message} /></span>
        </div>
      ))}
      {instances.map((i) => {
        const streams = overview?.streams.filter((s) => s.instanceId === i.id) ?? [];
        const running = overview?.running.includes(i.name) ?? false;
        return (
          <div key={i.id} className="card" data-sync-instance={i.name}>
            <div className="card-head">
              <h2>{i.name}</h2>
              <button className="primary" disabled={running} onClick={() => void start(i.name)}>
                {running ? 'Syncing…' : 'Sync now'}</button>
            </div>
            <table className="grid">
              <thead><tr><th>Stream</th><th>Status</th><th>Last run</th><th>Last success</th>
                <th>Progress</th><th>Reason</th></tr></thead>
              <tbody>
                {streams.length === 0 ? <tr>
                  <td colSpan={6} className="muted">Never synced.</td>
                  </tr> : null}
                {streams.map((s) => {
                  const progress = live[`${i.name}/${s.stream}`];
                  return (
                    <tr key={s.stream}>
                      <td className="mono">{s.stream}</td>
                      <td><span className={`badge sync-${s.status}`}>{s.status}</span></td>
                      <td>{s.lastRunAt ? <Time ms={s.lastRunAt} zone={zone} /> : '—'}</td>
                      <td>{s.lastOkAt ? <Time ms={s.lastOkAt} zone={zone} /> : '—'}</td>
                      <td className="small">
                        {progress ? <SafeText text={progress.message} /> : '—'}
                      </td>
                      <td className="small"><SafeText text={s.reason} /></td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}
