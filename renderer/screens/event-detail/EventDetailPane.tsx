/**
 * One event: normalised fields, times in UTC and the chosen zone, the raw Zoom records with
 * their hashes (as text), every version of a chat message, related events, the anomalies
 * that cite it, and the response actions that apply.
 */
import { useEffect, useState } from 'react';

import type { ActionRequest, EventDetail, TimelineRow } from '../../../shared/ipc.ts';
import type { Navigation } from '../../App.tsx';
import { call } from '../../api.ts';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { EventList } from '../../components/EventList.tsx';
import { KindBadge, SeverityBadge } from '../../components/KindBadge.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { BothTimes, Time } from '../../components/Time.tsx';
import { isMessageKind } from '../../kinds.ts';
import { ActionDialog } from '../actions/ActionDialog.tsx';

type Tab = 'fields' | 'raw' | 'versions' | 'related';

export function EventDetailPane({ id, zone, nav, onClose }: {
  id: string;
  zone: string;
  nav: Navigation;
  onClose: () => void;
}) {
  const [detail, setDetail] = useState<EventDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tab, setTab] = useState<Tab>('fields');
  const [acting, setActing] = useState<ActionRequest | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    setError(null);
    call('events.detail', { id }).then(setDetail, setError);
  }, [id, reload]);

  return (
    <aside className="detail" aria-label="Event detail"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <header className="detail-head">
        <h2>Event</h2>
        <button className="ghost" onClick={onClose} aria-label="Close detail">Close</button>
      </header>
      <ErrorBanner error={error} />
      {detail ? (
        <>
          <div className="detail-summary">
            <KindBadge kind={detail.event.kind} />
            <span className="muted small">{detail.instanceName} · {detail.event.source}</span>
          </div>
          <BothTimes ms={detail.event.occurredAt} zone={zone} />
          <div className="detail-actions">
            {isMessageKind(detail.event.kind) && detail.event.kind !== 'chat.message_deleted' ? (
              <button className="danger" onClick={() =>
                setActing({ kind: 'delete-message', target: detail.event.id })}>
                Delete message in Zoom…</button>
            ) : null}
            {userActions(detail.event).map(([label, request]) => (
              <button key={request.kind} className={request.kind === 'reactivate-user'
                ? 'ghost' : 'danger'} onClick={() => setActing(request)}>{label}</button>
            ))}
            {detail.event.actorEmail ? (
              <button className="ghost" onClick={() =>
                nav.showPerson(detail.event.actorEmail!, detail.event.occurredAt)}>
                Person around this moment</button>
            ) : null}
          </div>
          <nav className="tabs" role="tablist">
            {(['fields', 'raw', 'versions', 'related'] as Tab[]).map((t) => (
              <button key={t} role="tab" aria-selected={tab === t}
                className={tab === t ? 'tab active' : 'tab'} onClick={() => setTab(t)}>
                {tabLabel(t, detail)}</button>
            ))}
          </nav>
          {tab === 'fields' && <Fields detail={detail} zone={zone} nav={nav} />}
          {tab === 'raw' && <Raw detail={detail} zone={zone} />}
          {tab === 'versions' && <EventList rows={detail.versions} zone={zone}
            onOpen={nav.openEvent} empty="Not a chat message, or only one version is stored." />}
          {tab === 'related' && <Related detail={detail} zone={zone} nav={nav} />}
        </>
      ) : null}
      {acting && detail ? (
        <ActionDialog request={acting} zone={zone}
          onClose={() => { setActing(null); setReload((n) => n + 1); }} />
      ) : null}
    </aside>
  );
}

/**
 * The Zoom actions an event's people allow: the user actions on its actor, and removing the
 * member a member-added event brought into a channel. Targets are what the CLI takes.
 */
function userActions(e: TimelineRow): Array<[string, ActionRequest]> {
  const actions: Array<[string, ActionRequest]> = [];
  const actor = e.actorEmail ?? e.actorId;
  if (actor) {
    actions.push(['Deactivate user…', { kind: 'deactivate-user', target: actor }]);
    actions.push(['Reactivate user…', { kind: 'reactivate-user', target: actor }]);
    actions.push(['Revoke SSO…', { kind: 'revoke-sso', target: actor }]);
  }
  const member = e.targetEmail ?? e.targetId;
  if (e.kind === 'chat.member_added' && e.channelId && member) {
    actions.push(['Remove member…', { kind: 'remove-member', target: `${e.channelId}/${member}` }]);
  }
  return actions;
}

function tabLabel(tab: Tab, detail: EventDetail): string {
  if (tab === 'raw') return `Raw JSON (${detail.evidence.length})`;
  if (tab === 'versions') return `Versions (${detail.versions.length})`;
  if (tab === 'related') return 'Related';
  return 'Fields';
}

const FIELDS: Array<[string, (e: TimelineRow) => string | null]> = [
  ['Event id', (e) => e.id],
  ['Actor', (e) => e.actorEmail],
  ['Actor id', (e) => e.actorId],
  ['Target', (e) => e.targetEmail],
  ['Target id', (e) => e.targetId],
  ['Channel', (e) => e.channelName],
  ['Channel id', (e) => e.channelId],
  ['Message id', (e) => e.messageId],
  ['Reply to', (e) => e.parentMessageId],
  ['IP address', (e) => e.ip],
  ['Client', (e) => e.clientType],
  ['Raw record SHA-256', (e) => e.rawSha256],
];

function Fields({ detail, zone, nav }: { detail: EventDetail; zone: string; nav: Navigation }) {
  const e = detail.event;
  return (
    <div className="fields">
      {e.text !== null ? (
        <div className="message-text" data-testid="message-text">
          <SafeText text={e.text} links />
          </div>
      ) : null}
      <dl>
        {FIELDS.map(([label, get]) => get(e) === null ? null : (
          <div key={label} className="field">
            <dt>{label}</dt>
            <dd className="mono">
            <SafeText text={get(e)} />
            </dd>
            </div>
        ))}
        {Object.entries(e.detail).map(([key, value]) => (
          <div key={key} className="field"><dt>{key}</dt>
            <dd className="mono">
              <SafeText text={typeof value === 'string' ? value : JSON.stringify(value)} />
              </dd>
              </div>
        ))}
      </dl>
      {detail.findings.length ? (
        <>
          <h3>Cited by anomalies</h3>
          <ul className="plain">
            {detail.findings.map((f) => (
              <li key={f.id}><SeverityBadge severity={f.severity} />{' '}
                <button className="link" onClick={() => nav.showTimeline({ eventIds: [e.id] },
                  f.title)}><SafeText text={f.title} /></button>{' '}
                <span className="muted small"><Time ms={f.lastEventAt} zone={zone} /></span></li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function Raw({ detail, zone }: { detail: EventDetail; zone: string }) {
  return (
    <div className="raw">
      {detail.evidence.map((raw) => (
        <figure key={raw.rawId}>
          <figcaption className="small muted">
            Raw record #{raw.rawId} · {raw.source} · first seen{' '}
            <Time ms={raw.firstSeenAt} zone={zone} />
            <div className="mono">SHA-256 {raw.sha256}</div>
          </figcaption>
          <pre className="json" data-testid="raw-json">{pretty(raw.json)}</pre>
        </figure>
      ))}
    </div>
  );
}

/** Indented for reading; the hash above is of the stored text, which is kept unchanged. */
function pretty(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

function Related({ detail, zone, nav }: { detail: EventDetail; zone: string; nav: Navigation }) {
  return (
    <div className="related">
      <h3>Same person, nearest in time</h3>
      <EventList rows={detail.sameUser} zone={zone} onOpen={nav.openEvent} />
      <h3>Same channel, nearest in time</h3>
      <EventList rows={detail.sameChannel} zone={zone} onOpen={nav.openEvent}
        empty="Not in a channel." />
    </div>
  );
}
