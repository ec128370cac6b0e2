import type { IpcError } from '../ipc';

type ErrorBannerProps = {
  error: IpcError;
  onDismiss: () => void;
};

/** The last failed operation, as the core described it. `code` is kept for styling/tests. */
export function ErrorBanner({ error, onDismiss }: ErrorBannerProps) {
  return (
    <div className="error-banner" role="alert" data-testid="error-banner" data-error-code={error.code}>
      <span className="error-banner__icon" aria-hidden="true">!</span>
      <p className="error-banner__message">{error.message}</p>
      <button type="button" className="button button--ghost" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
