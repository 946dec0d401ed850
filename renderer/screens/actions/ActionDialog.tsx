/**
 * A response action: first the preview from main (the exact target and the exact Zoom call),
 * then a deliberate confirmation, then the outcome and the audit entry it wrote.
 */
import { useEffect, useState } from 'react';

import type {
  ActionKindName,
  ActionOutcome,
  ActionPreview,
  ActionRequest,
} from '../../../shared/ipc.ts';
import { call } from '../../api.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { Time } from '../../components/Time.tsx';

/** The question and the confirm button of each kind: the button says what will happen. */
const WORDING: Record<ActionKindName, { title: string; confirm: string; danger: boolean }> = {
  'delete-message': {
    title: 'Delete this chat message in Zoom?', confirm: 'Delete in Zoom', danger: true },
  'deactivate-user': {
    title: 'Deactivate this user in Zoom?', confirm: 'Deactivate in Zoom', danger: true },
  'reactivate-user': {
    title: 'Reactivate this user in Zoom?', confirm: 'Reactivate in Zoom', danger: false },
  'revoke-sso': {
    title: "Revoke this user's SSO token?", confirm: 'Revoke SSO token', danger: true },
  'remove-member': {
    title: 'Remove this member from the channel?', confirm: 'Remove in Zoom', danger: true },
  'email-list': { title: 'Send this e-mail to the list?', confirm: 'Send e-mail', danger: false },
  'email-user': { title: 'Send this e-mail to the user?', confirm: 'Send e-mail', danger: false },
  incident: { title: 'Open an incident for this anomaly?', confirm: 'Open incident',
    danger: false },
};

const RECIPIENTS_HINT = "Recipients, comma-separated (default: the settings' list)";

function parseRecipients(text: string): string[] | undefined {
  const list = text.split(',').map((a) => a.trim()).filter(Boolean);
  return list.length ? list : undefined;
}

export function ActionDialog({ request: initial, zone, onClose }: {
  request: ActionRequest;
  zone: string;
  onClose: () => void;
}) {
  const [request, setRequest] = useState<ActionRequest>(initial);
  const [recipients, setRecipients] = useState('');
  const [preview, setPreview] = useState<ActionPreview | null>(null);
  const [outcome, setOutcome] = useState<ActionOutcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setPreview(null);
    setError(null);
    call('actions.preview', request).then(setPreview, setError);
  }, [request]);

  const execute = async () => {
    setBusy(true);
    setError(null);
    try {
      setOutcome(await call('actions.execute', { ...request, confirmed: true }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const wording = WORDING[request.kind];

  if (outcome) {
    return (
      <ConfirmDialog title="Action finished" confirmLabel="Done" onConfirm={onClose}
        onCancel={onClose}>
        <div className={outcome.ok ? 'banner banner-ok' : 'banner banner-error'} role="status"
          data-testid="action-outcome">
          <div><strong>{outcome.outcome}</strong>: <SafeText text={outcome.message} />
            {outcome.zoomStatus !== null ? (
              <div className="small">Zoom answered HTTP {outcome.zoomStatus}</div>
            ) : null}
          </div>
        </div>
        {outcome.audit ? (
          <div className="audit-entry" data-testid="audit-entry">
            <h3>Audit entry #{outcome.audit.seq}</h3>
            <dl>
              <div className="field">
                <dt>When</dt>
                <dd>
                <Time ms={outcome.audit.at} zone={zone} />
                </dd>
                </div>
              <div className="field"><dt>Who</dt><dd>{outcome.audit.osUser}</dd></div>
              <div className="field">
                <dt>Action</dt>
                <dd className="mono">{outcome.audit.action}</dd>
                </div>
              <div className="field">
                <dt>Target</dt>
                <dd className="mono">
                <SafeText text={outcome.audit.target} />
                </dd>
                </div>
              <div className="field"><dt>Outcome</dt><dd>{outcome.audit.outcome}</dd></div>
              <div className="field">
                <dt>Row hash</dt>
                <dd className="mono small">{outcome.audit.hash}</dd>
                </div>
            </dl>
          </div>
        ) : null}
      </ConfirmDialog>
    );
  }

  return (
    <ConfirmDialog title={wording.title} confirmLabel={wording.confirm} danger={wording.danger}
      busy={busy} confirmDisabled={!preview || preview.refusal !== null}
      onConfirm={() => void execute()} onCancel={onClose}>
      <ErrorBanner error={error} />
      {request.kind === 'email-list' ? (
        <div className="row-actions">
          <input aria-label="Recipients" placeholder={RECIPIENTS_HINT} value={recipients}
            onChange={(e) => setRecipients(e.target.value)} />
          <button className="ghost" onClick={() =>
            setRequest({ ...request, to: parseRecipients(recipients) })}>
            Use these recipients</button>
        </div>
      ) : null}
      {preview?.refusal ? (
        <p className="banner banner-error" role="alert" data-testid="action-refusal">
          <SafeText text={preview.refusal} /></p>
      ) : null}
      {preview ? (
        <div className="preview" data-testid="action-preview">
          <div className="field">
            <dt>Account</dt>
            <dd>{preview.instanceName}
              {preview.accountId ? <span className="mono small"> ({preview.accountId})</span>
                : null}</dd>
          </div>
          <div className="field">
            <dt>Target</dt>
            <dd>
            <SafeText text={preview.targetLabel} />
            </dd>
            </div>
          <div className="field">
            <dt>Zoom call</dt>
            <dd className="mono call">{preview.zoomCall}</dd>
            </div>
          {preview.email ? (
            <div className="email-preview" data-testid="email-preview">
              <div className="field"><dt>SMTP server</dt>
                <dd className="mono"><SafeText text={preview.email.server} /></dd></div>
              <div className="field"><dt>From</dt>
                <dd><SafeText text={preview.email.from} /></dd></div>
              <div className="field"><dt>To</dt>
                <dd data-testid="email-recipients">
                  <SafeText text={preview.email.to.join(', ')} /></dd></div>
              <div className="field"><dt>Subject</dt>
                <dd><SafeText text={preview.email.subject} /></dd></div>
              <pre className="email-text" data-testid="email-text">{preview.email.text}</pre>
            </div>
          ) : null}
          <ol className="steps">{preview.steps.map((s, i) => <li key={i}>
            <SafeText text={s} />
            </li>)}</ol>
          {preview.previous ? <p className="warn">{preview.previous}</p> : null}
        </div>
      ) : <p className="muted">Working out exactly what would happen…</p>}
    </ConfirmDialog>
  );
}
