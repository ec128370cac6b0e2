/**
 * A button that, while its action runs, is disabled and says so: a spinner and `busyLabel`
 * ("Pushing…") in place of its label, and `aria-busy`.
 */
import type { ComponentProps, ReactNode } from 'react';

import './feedback.css';

/** A button's props, `ref` included (React 19 passes it as a prop). */
type BusyButtonProps = ComponentProps<'button'> & {
  busy: boolean;
  busyLabel: string;
  children: ReactNode;
};

export function BusyButton({ busy, busyLabel, children, disabled, className = 'button', type = 'button', ...rest }: BusyButtonProps) {
  return (
    <button {...rest} type={type} className={className} disabled={busy || disabled} aria-busy={busy}>
      {busy ? (
        <>
          <span className="spinner" aria-hidden="true" />
          {busyLabel}
        </>
      ) : (
        children
      )}
    </button>
  );
}
