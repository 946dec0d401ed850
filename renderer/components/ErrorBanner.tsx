import { explain } from '../api.ts';

/** An error in plain words, with what to do next when main said so. */
export function ErrorBanner({ error, onClose }: { error: unknown; onClose?: () => void }) {
  if (!error) return null;
  const { message, hint } = explain(error);
  return (
    <div className="banner banner-error" role="alert">
      <div>
        <strong>{message}</strong>
        {hint ? <div className="hint">{hint}</div> : null}
      </div>
      {onClose ? <button className="ghost" onClick={onClose}>Dismiss</button> : null}
    </div>
  );
}
