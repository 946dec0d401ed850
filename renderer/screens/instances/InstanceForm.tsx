/** The add/edit form. The secret field starts empty on edit: leaving it empty keeps the old one. */
import { useState } from 'react';
import type { FormEvent } from 'react';

import type { InstanceSummary } from '../../../shared/ipc.ts';

export interface FormValues {
  name: string;
  accountId: string;
  clientId: string;
  clientSecret: string;
  adminEmail: string;
  apiBaseUrl: string;
  oauthBaseUrl: string;
}

const ZOOM_API = 'https://api.zoom.us/v2';
const ZOOM_OAUTH = 'https://zoom.us';

export function InstanceForm({ existing, onSave, onCancel }: {
  existing: InstanceSummary | undefined;
  onSave: (values: FormValues) => Promise<void>;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<FormValues>({
    name: existing?.name ?? '',
    accountId: existing?.accountId ?? '',
    clientId: existing?.clientId ?? '',
    clientSecret: '',
    adminEmail: existing?.adminEmail ?? '',
    apiBaseUrl: existing?.apiBaseUrl ?? ZOOM_API,
    oauthBaseUrl: existing?.oauthBaseUrl ?? ZOOM_OAUTH,
  });
  const [busy, setBusy] = useState(false);

  const field = (key: keyof FormValues) => ({
    name: key,
    value: values[key],
    onChange: (e: { target: { value: string } }) => setValues({ ...values, [key]: e.target.value }),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    await onSave(values);
    // The secret leaves the form's memory whatever happened.
    setValues((v) => ({ ...v, clientSecret: '' }));
    setBusy(false);
  };

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-label="Account form">
      <h2>{existing ? `Edit ${existing.name}` : 'Connect a Zoom account'}</h2>
      <div className="form-grid">
        <label>Name<input {...field('name')} required readOnly={!!existing}
          placeholder="acme-prod" pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}" /></label>
        <label>Admin e-mail<input {...field('adminEmail')} required type="email" /></label>
        <label>Account ID<input {...field('accountId')} required /></label>
        <label>Client ID<input {...field('clientId')} required /></label>
        <label className="wide">Client secret
          <input {...field('clientSecret')} type="password" autoComplete="off"
            required={!existing}
            placeholder={existing ? 'Stored in the keychain; type a new one to replace it' : ''} />
          <span className="small muted">Written to the OS keychain; it is never shown again.</span>
        </label>
        <label>API base URL<input {...field('apiBaseUrl')} required /></label>
        <label>OAuth base URL<input {...field('oauthBaseUrl')} required /></label>
      </div>
      <div className="modal-actions">
        <button type="button" className="ghost" onClick={onCancel}>Cancel</button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : existing ? 'Save changes' : 'Add account'}</button>
      </div>
    </form>
  );
}
