/** One person around a moment, across every connected account: sign-ins, chat, channels, admin. */
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';

import type { PersonView } from '../../../shared/ipc.ts';
import type { Navigation } from '../../App.tsx';
import { call } from '../../api.ts';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { EventList } from '../../components/EventList.tsx';
import { parseInZone, toInputValue } from '../../time.ts';

const SPANS = [
  { label: '± 1 hour', ms: 3_600_000 },
  { label: '± 6 hours', ms: 6 * 3_600_000 },
  { label: '± 1 day', ms: 86_400_000 },
  { label: '± 7 days', ms: 7 * 86_400_000 },
];

export function PersonScreen({ initial, zone, nav }: {
  initial: { email: string; around: number } | null;
  zone: string;
  nav: Navigation;
}) {
  const [email, setEmail] = useState(initial?.email ?? '');
  const [around, setAround] = useState(initial?.around ?? Date.now());
  const [span, setSpan] = useState(SPANS[2]!.ms);
  const [view, setView] = useState<PersonView | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = (who: string, at: number, width: number) => {
    setError(null);
    call('person.view', { email: who, around: at, spanMs: width }).then(setView, setError);
  };

  useEffect(() => {
    if (initial) load(initial.email, initial.around, span);
  }, [initial]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (email.trim()) load(email.trim(), around, span);
  };

  return (
    <section className="screen" aria-label="Person">
      <header className="screen-head">
        <div>
          <h1>Person</h1>
          <p className="muted">One user's activity around a chosen moment, across every connected
            account.</p>
        </div>
      </header>
      <form className="filter-bar" onSubmit={submit}>
        <input aria-label="E-mail" type="email" placeholder="user@company.com" value={email}
          onChange={(e) => setEmail(e.target.value)} required />
        <label className="inline small">Around
          <input aria-label="Around" type="datetime-local" value={toInputValue(around, zone)}
            onChange={(e) => setAround(parseInZone(e.target.value, zone) ?? around)} />
        </label>
        <select aria-label="Window" value={span} onChange={(e) => setSpan(Number(e.target.value))}>
          {SPANS.map((s) => <option key={s.ms} value={s.ms}>{s.label}</option>)}
        </select>
        <button className="primary" type="submit">Show</button>
      </form>
      <ErrorBanner error={error} />
      {view ? (
        <div className="person-grid">
          <div className="card">
            <h3>Accounts</h3>
            {view.accounts.length === 0 ? <p className="muted">Not in any user list.</p> : (
              <ul className="plain">{view.accounts.map((a) => (
                <li key={a.instanceName}><strong>{a.instanceName}</strong>{' '}
                  <span className="muted">{a.displayName ?? ''}</span></li>))}</ul>
            )}
          </div>
          <Column title="Sign-ins" rows={view.signIns} zone={zone} nav={nav} />
          <Column title="Chat" rows={view.chat} zone={zone} nav={nav} />
          <Column title="Channels" rows={view.channels} zone={zone} nav={nav} />
          <Column title="Admin actions" rows={view.admin} zone={zone} nav={nav} />
        </div>
      ) : null}
    </section>
  );
}

function Column({ title, rows, zone, nav }: {
  title: string;
  rows: PersonView['chat'];
  zone: string;
  nav: Navigation;
}) {
  return (
    <div className="card">
      <h3>{title} ({rows.length})</h3>
      <EventList rows={rows.slice(0, 200)} zone={zone} onOpen={nav.openEvent} />
    </div>
  );
}
