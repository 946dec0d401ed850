/**
 * Connected accounts: add, edit, remove, test. The secret goes straight to main, which writes
 * it to the keychain; this screen never receives it back and never shows it.
 */
import { useState } from 'react';

import type { ConnectionTest, InstanceSummary } from '../../../shared/ipc.ts';
import type { Navigation } from '../../App.tsx';
import { call } from '../../api.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { InstanceForm } from './InstanceForm.tsx';
import type { FormValues } from './InstanceForm.tsx';

export function InstancesScreen({ instances, onChanged, nav }: {
  instances: InstanceSummary[];
  onChanged: () => Promise<void>;
  nav: Navigation;
}) {
  const [mode, setMode] = useState<{ kind: 'add' } | { kind: 'edit'; name: string } | null>(null);
  const [removing, setRemoving] = useState<InstanceSummary | null>(null);
  const [tests, setTests] = useState<Record<string, ConnectionTest | 'running'>>({});
  const [error, setError] = useState<unknown>(null);
  const [demoBusy, setDemoBusy] = useState(false);

  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await onChanged();
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  };

  const save = async (values: FormValues) => {
    const ok = await run(() => mode?.kind === 'edit'
      ? call('instances.edit', { ...values, clientSecret: values.clientSecret || undefined })
      : call('instances.add', values));
    if (ok) setMode(null);
  };

  const test = async (name: string) => {
    setTests((t) => ({ ...t, [name]: 'running' }));
    try {
      const result = await call('instances.test', { name });
      setTests((t) => ({ ...t, [name]: result }));
    } catch (e) {
      setError(e);
      setTests((t) => Object.fromEntries(Object.entries(t).filter(([k]) => k !== name)));
    }
  };

  const startDemo = async () => {
    setDemoBusy(true);
    const ok = await run(() => call('demo.start', {}));
    setDemoBusy(false);
    if (ok) nav.show('timeline');
  };

  const editing = mode?.kind === 'edit' ? instances.find((i) => i.name === mode.name) : undefined;

  return (
    <section className="screen" aria-label="Accounts">
      <header className="screen-head">
        <div>
          <h1>Accounts</h1>
          <p className="muted">Zoom accounts this workstation collects evidence from. Secrets live
            in the operating system's keychain.</p>
        </div>
        <button className="primary" onClick={() => setMode({ kind: 'add' })}>Add account</button>
      </header>
      <ErrorBanner error={error} onClose={() => setError(null)} />

      {instances.length === 0 && !mode ? (
        <div className="empty-state">
          <h2>No account connected yet</h2>
          <p>Connect a Zoom account with a Server-to-Server OAuth app, or explore the product
            with the built-in demo tenant: 30 days of a fictional organisation with planted
            incidents, served from this computer.</p>
          <div className="row-actions">
            <button className="primary" onClick={() => void startDemo()} disabled={demoBusy}>
              {demoBusy ? 'Starting the demo tenant and syncing…' : 'Try the demo tenant'}
            </button>
            <button className="ghost" onClick={() => setMode({ kind: 'add' })}>
              Connect an account</button>
          </div>
        </div>
      ) : null}

      {mode ? (
        <InstanceForm key={mode.kind === 'edit' ? mode.name : 'new'} existing={editing}
          onSave={save} onCancel={() => setMode(null)} />
      ) : null}

      {instances.length > 0 ? (
        <table className="grid">
          <thead>
            <tr><th>Name</th><th>Account ID</th><th>Client ID</th><th>Admin</th><th>API</th>
              <th>Secret</th><th className="num">Events</th><th /></tr>
          </thead>
          <tbody>
            {instances.map((i) => (
              <InstanceRow key={i.id} instance={i} test={tests[i.name]}
                onTest={() => void test(i.name)}
                onEdit={() => setMode({ kind: 'edit', name: i.name })}
                onRemove={() => setRemoving(i)} />
            ))}
          </tbody>
        </table>
      ) : null}

      {removing ? (
        <ConfirmDialog title={`Remove ${removing.name}?`} confirmLabel="Remove account" danger
          onCancel={() => setRemoving(null)}
          onConfirm={() => void run(() => call('instances.remove',
            { name: removing.name, purge: false })).then(() => setRemoving(null))}>
          <p>The client secret and cached token of <strong>{removing.name}</strong> (account{' '}
            {removing.accountId}) leave the keychain. Its{' '}
            {removing.eventCount.toLocaleString()}{' '}
            stored events stay as evidence.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function InstanceRow({ instance: i, test, onTest, onEdit, onRemove }: {
  instance: InstanceSummary;
  test: ConnectionTest | 'running' | undefined;
  onTest: () => void;
  onEdit: () => void;
  onRemove: () => void;
}) {
  return (
    <>
      <tr data-instance={i.name}>
        <td>
          <strong>{i.name}</strong>
          {i.isDemo ? <span className="badge kind-other">demo</span> : null}
        </td>
        <td className="mono">{i.accountId}</td>
        <td className="mono">{i.clientId}</td>
        <td>{i.adminEmail}</td>
        <td className="mono small">{i.apiBaseUrl}</td>
        <td>{i.hasSecret ? 'in keychain' : <span className="warn">missing</span>}</td>
        <td className="num">{i.eventCount.toLocaleString()}</td>
        <td className="row-actions">
          <button className="ghost" onClick={onTest} disabled={test === 'running'}>
            {test === 'running' ? 'Testing…' : 'Test connection'}</button>
          <button className="ghost" onClick={onEdit}>Edit</button>
          <button className="ghost danger-text" onClick={onRemove}>Remove</button>
        </td>
      </tr>
      {test && test !== 'running' ? (
        <tr className="test-result">
          <td colSpan={8}>
            <div className={test.ok ? 'banner banner-ok' : 'banner banner-error'} role="status">
              <div>
                <strong>{test.message}</strong>
                {test.hint ? <div className="hint">{test.hint}</div> : null}
                {test.scopes.length ? (
                  <div className="small muted">Scopes: {test.scopes.join(', ')}</div>
                ) : null}
              </div>
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}
