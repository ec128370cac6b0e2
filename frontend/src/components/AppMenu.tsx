/**
 * The app's menu (☰ in the header): File, Edit, View and Help entries for what the keyboard
 * and the buttons do, one click away. Drawn by the page rather than the OS: a GTK menubar
 * would take the window's height and its accelerators would steal Ctrl+Z and Ctrl+C from the
 * text fields. Arrow keys move between entries, Escape closes.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

import './feedback.css';

export type MenuEntry = { label: string; hint?: string; id: string; onSelect: () => void; disabled?: boolean };
export type MenuSection = { title: string; entries: MenuEntry[] };

export function AppMenu({ sections }: { sections: MenuSection[] }) {
  const ids = useId();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => rootRef.current?.contains(e.target as Node) || setOpen(false);
    window.addEventListener('mousedown', close);
    requestAnimationFrame(() => rootRef.current?.querySelector<HTMLElement>('[role="menuitem"]:not(:disabled)')?.focus());
    return () => window.removeEventListener('mousedown', close);
  }, [open]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      rootRef.current?.querySelector<HTMLElement>('[data-action="app-menu"]')?.focus();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const items = [...(rootRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not(:disabled)') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
  };

  return (
    <span className="app-menu" ref={rootRef} onKeyDown={onKeyDown}>
      <button type="button" className="button button--ghost" aria-haspopup="menu" aria-expanded={open} aria-controls={`${ids}-menu`} onClick={() => setOpen(!open)} data-action="app-menu" title="Menu">
        ☰
      </button>
      {open && (
        <div className="app-menu__panel" role="menu" id={`${ids}-menu`} aria-label="Menu">
          {sections.map((section) => (
            <div key={section.title} className="app-menu__section" role="group" aria-label={section.title}>
              <p className="app-menu__title">{section.title}</p>
              {section.entries.map((entry) => (
                <button
                  key={entry.id}
                  type="button"
                  role="menuitem"
                  className="app-menu__item"
                  data-menu={entry.id}
                  disabled={entry.disabled}
                  onClick={() => {
                    setOpen(false);
                    entry.onSelect();
                  }}
                >
                  <span>{entry.label}</span>
                  {entry.hint !== undefined && <kbd className="app-menu__hint">{entry.hint}</kbd>}
                </button>
              ))}
            </div>
          ))}
        </div>
      )}
    </span>
  );
}

/** Presses a key as the keyboard would (the designer's shortcuts act on it). */
export function pressKey(key: string, options: { mod?: boolean; shift?: boolean } = {}) {
  const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);
  const mod = options.mod === true;
  window.dispatchEvent(new KeyboardEvent('keydown', { key, ctrlKey: mod && !mac, metaKey: mod && mac, shiftKey: options.shift === true, bubbles: true, cancelable: true }));
}
