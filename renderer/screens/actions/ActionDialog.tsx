/**
 * A response action: first the preview from main (the exact target and the exact Zoom call),
 * then a deliberate confirmation, then the outcome and the audit entry it wrote.
 */
import { useEffect, useState } from 'react';

import type { ActionOutcome, ActionPreview, ActionRequest } from '../../../shared/ipc.ts';
import { call } from '../../api.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { Time } from '../../components/Time.tsx';

export function ActionDialog({ request, zone, onClose }: {
  request: ActionRequest;
  zone: string;
  onClose: () => void;
}) {
  const [preview, setPreview] = useState<ActionPreview | null>(null);
  const [outcome, setOutcome] = useState<ActionOutcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
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

  const title = request.kind === 'delete-message' ? 'Delete this chat message in Zoom?'
    : 'Open an incident for this anomaly?';

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
    <ConfirmDialog title={title} confirmLabel={request.kind === 'delete-message'
      ? 'Delete in Zoom' : 'Open incident'} danger={request.kind === 'delete-message'}
      busy={busy || !preview} onConfirm={() => void execute()} onCancel={onClose}>
      <ErrorBanner error={error} />
      {preview ? (
        <div className="preview" data-testid="action-preview">
          <div className="field"><dt>Account</dt><dd>{preview.instanceName}</dd></div>
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
          <ol className="steps">{preview.steps.map((s, i) => <li key={i}>
            <SafeText text={s} />
            </li>)}</ol>
          {preview.previous ? <p className="warn">{preview.previous}</p> : null}
        </div>
      ) : <p className="muted">Working out exactly what would happen…</p>}
    </ConfirmDialog>
  );
}
