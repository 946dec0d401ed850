/** A modal that states exactly what will happen and waits for a deliberate yes. */
import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';

export function ConfirmDialog({ title, children, confirmLabel, danger = false, busy = false,
  confirmDisabled = false, onConfirm, onCancel }: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  /** Nothing to confirm (e.g. the action is refused); cancelling stays possible. */
  confirmDisabled?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  // The safe choice has the focus, so a stray Enter never confirms.
  useEffect(() => cancelRef.current?.focus(), []);

  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <div className="modal" role="dialog" aria-modal="true" aria-label={title}>
        <h2>{title}</h2>
        <div className="modal-body">{children}</div>
        <div className="modal-actions">
          <button ref={cancelRef} className="ghost" onClick={onCancel}
            disabled={busy}>Cancel</button>
          <button className={danger ? 'danger' : 'primary'} onClick={onConfirm}
            disabled={busy || confirmDisabled}>
            {busy ? 'Working…' : confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
