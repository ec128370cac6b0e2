/**
 * A failed action, shown next to the control that started it: a title chosen by the error
 * code, the core's message, the problems it lists (an invalid file's lines and columns),
 * and what to do. `children` adds a way out (e.g. a button to the Platform settings).
 */
import type { ReactNode } from 'react';

import type { IpcError } from '../ipc';
import { errorView } from '../lib/errorView';
import './feedback.css';

type ActionErrorProps = {
  error: IpcError;
  testId?: string;
  onDismiss?: () => void;
  children?: ReactNode;
};

export function ActionError({ error, testId, onDismiss, children }: ActionErrorProps) {
  const view = errorView(error);
  return (
    <div className="action-error" role="alert" data-testid={testId} data-error-code={error.code}>
      {view.title !== null && <p className="action-error__title">{view.title}</p>}
      <p className="action-error__detail">{view.detail}</p>
      {view.problems.length > 0 && (
        <ul className="action-error__problems" data-testid={testId ? `${testId}-problems` : undefined}>
          {view.problems.map((problem, i) => (
            <li key={i}>{problem}</li>
          ))}
        </ul>
      )}
      {view.hint !== null && <p className="action-error__hint">{view.hint}</p>}
      {error.details !== undefined && (
        <details className="action-error__more" data-testid={testId ? `${testId}-details` : undefined}>
          <summary>Details</summary>
          <pre>{error.details}</pre>
        </details>
      )}
      {(children || onDismiss) && (
        <div className="action-error__actions">
          {children}
          {onDismiss && (
            <button type="button" className="button button--small button--ghost" onClick={onDismiss}>
              Dismiss
            </button>
          )}
        </div>
      )}
    </div>
  );
}
