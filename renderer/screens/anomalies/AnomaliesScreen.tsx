/**
 * Anomalies: severity, status and evidence. Opening one shows its evidence on the timeline;
 * triage marks it triaged or dismissed; an incident can be opened from it.
 */
import { useCallback, useEffect, useState } from 'react';

import type { ActionRequest, FindingDetail, FindingSummary } from '../../../shared/ipc.ts';
import type { FindingStatus } from '../../../shared/findings.ts';
import type { Navigation } from '../../App.tsx';
import { call } from '../../api.ts';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { EventList } from '../../components/EventList.tsx';
import { SeverityBadge } from '../../components/KindBadge.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { Time } from '../../components/Time.tsx';
import { ActionDialog } from '../actions/ActionDialog.tsx';

const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3 };

export function AnomaliesScreen({ zone, nav }: { zone: string; nav: Navigation }) {
  const [list, setList] = useState<FindingSummary[] | null>(null);
  const [status, setStatus] = useState<FindingStatus | ''>('');
  const [open, setOpen] = useState<FindingDetail | null>(null);
  const [acting, setActing] = useState<ActionRequest | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    call('findings.list', status ? { status } : {}).then((rows) => setList(
      [...rows].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        b.lastEventAt - a.lastEventAt)), setError);
  }, [status]);

  useEffect(load, [load]);

  const openFinding = (id: string) => call('findings.detail', { id }).then(setOpen, setError);

  const triage = async (id: string, next: FindingStatus) => {
    try {
      await call('findings.triage', { id, status: next });
      load();
      if (open?.id === id) await openFinding(id);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="screen anomalies" aria-label="Anomalies">
      <header className="screen-head">
        <div>
          <h1>Anomalies</h1>
          <p className="muted">What the detectors found, each with the events that are its
            evidence.</p>
        </div>
        <div className="row-actions">
          <select aria-label="Status" value={status}
            onChange={(e) => setStatus(e.target.value as FindingStatus | '')}>
            <option value="">All statuses</option>
            <option value="new">New</option>
            <option value="triaged">Triaged</option>
            <option value="dismissed">Dismissed</option>
          </select>
          <button className="ghost"
            onClick={() => void call('detect.run', {}).then(load, setError)}>
            Run detection</button>
        </div>
      </header>
      <ErrorBanner error={error} onClose={() => setError(null)} />
      <div className="split">
        <ul className="finding-list" aria-label="Anomaly list">
          {list?.length === 0 ? <li className="muted">No anomalies.</li> : null}
          {list?.map((f) => (
            <li key={f.id}>
              <button className={open?.id === f.id ? 'finding active' : 'finding'}
                data-finding-id={f.id} onClick={() => void openFinding(f.id)}>
                <div className="finding-top">
                  <SeverityBadge severity={f.severity} />
                  <span className={`badge status-${f.status}`}>{f.status}</span>
                  <span className="muted small"><Time ms={f.lastEventAt} zone={zone} /></span>
                </div>
                <div className="finding-title"><SafeText text={f.title} /></div>
                <div className="small muted">
                  <SafeText text={f.subject} /> · {f.evidenceCount} evidence events</div>
              </button>
            </li>
          ))}
        </ul>
        <div className="finding-detail">
          {open ? (
            <FindingView finding={open} zone={zone} nav={nav} onTriage={triage}
              onAct={setActing} />
          ) : <p className="muted">Choose an anomaly to see its explanation and evidence.</p>}
        </div>
      </div>
      {acting ? (
        <ActionDialog request={acting} zone={zone} onClose={() => setActing(null)} />
      ) : null}
    </section>
  );
}

/**
 * A finding about a channel names its external members (channelId, externalMembers): each one
 * can be removed, with the `CHANNEL_ID/MEMBER` target the CLI takes.
 */
function memberTargets(finding: FindingDetail): string[] {
  const { channelId, externalMembers } = finding.values;
  if (typeof channelId !== 'string' || !Array.isArray(externalMembers)) return [];
  return externalMembers
    .filter((m): m is string => typeof m === 'string' && m !== '' && !m.includes('/'))
    .map((m) => `${channelId}/${m}`);
}

function FindingView({ finding, zone, nav, onTriage, onAct }: {
  finding: FindingDetail;
  zone: string;
  nav: Navigation;
  onTriage: (id: string, status: FindingStatus) => Promise<void>;
  onAct: (request: ActionRequest) => void;
}) {
  const ids = finding.evidence.map((e) => e.id);
  return (
    <article className="card" aria-label="Anomaly detail">
      <div className="finding-top">
        <SeverityBadge severity={finding.severity} />
        <span className={`badge status-${finding.status}`}>{finding.status}</span>
        {finding.technique ? <span className="muted small">{finding.technique.id}{' '}
          {finding.technique.name}</span> : null}
      </div>
      <h2><SafeText text={finding.title} /></h2>
      <p className="explanation"><SafeText text={finding.explanation} /></p>
      <p className="small muted">Detector {finding.detectorId} v{finding.detectorVersion} ·
        from <Time ms={finding.firstEventAt} zone={zone} /> to{' '}
        <Time ms={finding.lastEventAt} zone={zone} /></p>
      <div className="row-actions">
        <button className="primary" onClick={() => nav.showTimeline({ eventIds: ids },
          `Showing the ${ids.length} evidence events of: ${finding.title}`)}>
          Show on timeline</button>
        <button className="ghost"
          onClick={() => void onTriage(finding.id, 'triaged')}>Mark triaged</button>
        <button className="ghost"
          onClick={() => void onTriage(finding.id, 'dismissed')}>Dismiss</button>
        <button className="ghost" onClick={() => onAct({ kind: 'incident', target: finding.id })}>
          Open incident…</button>
        <button className="ghost"
          onClick={() => onAct({ kind: 'email-list', target: finding.id })}>
          E-mail security team…</button>
        <button className="ghost"
          onClick={() => onAct({ kind: 'email-user', target: finding.id })}>
          E-mail the user…</button>
        {memberTargets(finding).map((target) => (
          <button key={target} className="danger"
            onClick={() => onAct({ kind: 'remove-member', target })}>
            Remove member <SafeText text={target.slice(target.indexOf('/') + 1)} />…</button>
        ))}
      </div>
      <h3>Evidence ({finding.evidence.length})</h3>
      <EventList rows={finding.evidence} zone={zone} onOpen={nav.openEvent} />
      <h3>Values</h3>
      <pre className="json small">{JSON.stringify(finding.values, null, 2)}</pre>
    </article>
  );
}
