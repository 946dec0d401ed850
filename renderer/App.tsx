/** The app frame: navigation, the chosen time zone, and which screen shows what. */
import { useCallback, useEffect, useState } from 'react';

import type { EventFilter, InstanceSummary } from '../shared/ipc.ts';
import { call } from './api.ts';
import { ErrorBanner } from './components/ErrorBanner.tsx';
import { AuditScreen } from './screens/actions/AuditScreen.tsx';
import { AnomaliesScreen } from './screens/anomalies/AnomaliesScreen.tsx';
import { EventDetailPane } from './screens/event-detail/EventDetailPane.tsx';
import { InstancesScreen } from './screens/instances/InstancesScreen.tsx';
import { PersonScreen } from './screens/person/PersonScreen.tsx';
import { SyncScreen } from './screens/sync-status/SyncScreen.tsx';
import { TimelineScreen } from './screens/timeline/TimelineScreen.tsx';
import { COMMON_ZONES, localZone, UTC } from './time.ts';

export type Screen = 'instances' | 'timeline' | 'anomalies' | 'person' | 'audit' | 'sync';

const NAV: Array<{ screen: Screen; label: string }> = [
  { screen: 'timeline', label: 'Timeline' },
  { screen: 'anomalies', label: 'Anomalies' },
  { screen: 'person', label: 'Person' },
  { screen: 'audit', label: 'Actions & audit' },
  { screen: 'sync', label: 'Sync status' },
  { screen: 'instances', label: 'Accounts' },
];

export interface Navigation {
  showTimeline(filter: EventFilter, banner?: string): void;
  openEvent(id: string): void;
  showPerson(email: string, around: number): void;
  show(screen: Screen): void;
}

export function App() {
  const [screen, setScreen] = useState<Screen>('timeline');
  const [zone, setZone] = useState<string>(UTC);
  const [filter, setFilter] = useState<EventFilter>({});
  const [filterBanner, setFilterBanner] = useState<string | null>(null);
  const [eventId, setEventId] = useState<string | null>(null);
  const [person, setPerson] = useState<{ email: string; around: number } | null>(null);
  const [instances, setInstances] = useState<InstanceSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reloadInstances = useCallback(async () => {
    try {
      const list = await call('instances.list', {});
      setInstances(list);
      if (list.length === 0) setScreen('instances');
    } catch (e) {
      setError(e);
    }
  }, []);

  useEffect(() => void reloadInstances(), [reloadInstances]);

  const nav: Navigation = {
    showTimeline: (next, banner) => {
      setFilter(next);
      setFilterBanner(banner ?? null);
      setScreen('timeline');
    },
    openEvent: (id) => setEventId(id),
    showPerson: (email, around) => {
      setPerson({ email, around });
      setEventId(null);
      setScreen('person');
    },
    show: setScreen,
  };

  const zones = [...new Set([UTC, localZone(), ...COMMON_ZONES])];

  return (
    <div className="app">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">ZI</span>
          <span>Zoom Investigator</span>
        </div>
        <nav>
          {NAV.map((item) => (
            <button key={item.screen} data-screen={item.screen}
              className={screen === item.screen ? 'nav active' : 'nav'}
              onClick={() => setScreen(item.screen)}>{item.label}</button>
          ))}
        </nav>
        <label className="zone-picker">
          <span>Time zone</span>
          <select aria-label="Time zone" value={zone} onChange={(e) => setZone(e.target.value)}>
            {zones.map((z) => (
              <option key={z} value={z}>{z === localZone() ? `${z} (this computer)` : z}</option>
            ))}
          </select>
        </label>
        <div className="sidebar-foot muted small">
          {instances ? accountCount(instances.length) : ''}
        </div>
      </aside>

      <main className="content">
        <ErrorBanner error={error} onClose={() => setError(null)} />
        {screen === 'instances' && (
          <InstancesScreen instances={instances ?? []} onChanged={reloadInstances} nav={nav} />
        )}
        {screen === 'timeline' && (
          <TimelineScreen filter={filter} onFilter={(f) => { setFilter(f); setFilterBanner(null); }}
            banner={filterBanner} zone={zone} instances={instances ?? []} nav={nav}
            selectedId={eventId} />
        )}
        {screen === 'anomalies' && <AnomaliesScreen zone={zone} nav={nav} />}
        {screen === 'person' && <PersonScreen initial={person} zone={zone} nav={nav} />}
        {screen === 'audit' && <AuditScreen zone={zone} />}
        {screen === 'sync' && <SyncScreen zone={zone} instances={instances ?? []}
          onSynced={reloadInstances} />}
      </main>

      {eventId ? (
        <EventDetailPane id={eventId} zone={zone} nav={nav} onClose={() => setEventId(null)} />
      ) : null}
    </div>
  );
}

function accountCount(n: number): string {
  return `${n} account${n === 1 ? '' : 's'} connected`;
}
