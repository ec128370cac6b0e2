/** The "?" overlay: the keyboard shortcuts (the designer's, or `groups` where given). */
import { useEffect, useRef, type ReactNode } from 'react';

import { SHORTCUTS, type ShortcutGroup } from '../shortcuts';

export function HelpOverlay({ onClose, groups = SHORTCUTS, footer }: { onClose: () => void; groups?: ShortcutGroup[]; footer?: ReactNode }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div className="overlay" role="presentation" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="dialog dialog--wide"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        data-testid="help-overlay"
        onKeyDown={(e) => {
          if (e.key === 'Escape' || e.key === '?') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <div className="dialog__header">
          <h2 id="help-title" className="dialog__title">
            Keyboard shortcuts
          </h2>
          <button ref={closeRef} type="button" className="button button--ghost" onClick={onClose}>
            Close
          </button>
        </div>
        <div className="help-grid">
          {groups.map((group) => (
            <section key={group.title} className="help-group">
              <h3 className="help-group__title">{group.title}</h3>
              <dl className="help-list">
                {group.entries.map((entry) => (
                  <div key={entry.what} className="help-list__row">
                    <dt>
                      {entry.keys.map((k) => (
                        <kbd key={k} className="shortcut">
                          {k}
                        </kbd>
                      ))}
                    </dt>
                    <dd>{entry.what}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
        {footer}
      </div>
    </div>
  );
}
