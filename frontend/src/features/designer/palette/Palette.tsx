/**
 * The block palette: Triggers, Actions and Operators from the catalogue, searchable by
 * name, module and description. Drag an item onto the canvas, or focus it and press
 * Enter (or click it) to insert it in the middle of the view. Arrow keys move between
 * items; "/" anywhere in the designer focuses the search.
 */
import { useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { createPortal } from 'react-dom';

import { FamilyGlyph } from '../icons';
import type { XY } from '../spl/edits';
import { useCatalog } from '../stores/catalogStore';
import { FAMILIES, searchPalette, type PaletteItem } from './paletteItems';
import { usePaletteDrag } from './usePaletteDrag';
import { usePaletteItems } from './usePaletteItems';
import './palette.css';

type PaletteProps = {
  /** Insert in the middle of the view (Enter, click). */
  onInsert: (item: PaletteItem) => void;
  /** Insert where the item was dropped (client coordinates). */
  onDrop: (item: PaletteItem, client: XY) => void;
  searchRef: RefObject<HTMLInputElement | null>;
};

export function Palette({ onInsert, onDrop, searchRef }: PaletteProps) {
  const items = usePaletteItems();
  const { drag, onPointerDown, clickIsFromDrag } = usePaletteDrag(onDrop);
  const status = useCatalog((s) => s.status);
  const error = useCatalog((s) => s.error);
  const reload = useCatalog((s) => s.load);
  const [query, setQuery] = useState('');
  const listRef = useRef<HTMLDivElement>(null);
  const found = useMemo(() => searchPalette(items, query), [items, query]);
  // After an insert the search starts over and gives the focus back, so the next `/` or
  // shortcut is not typed into it.
  const insert = (item: PaletteItem) => {
    onInsert(item);
    setQuery('');
    searchRef.current?.blur();
  };

  const focusItem = (delta: number, from: EventTarget | null) => {
    const all = Array.from(listRef.current?.querySelectorAll<HTMLButtonElement>('[data-testid="palette-item"]') ?? []);
    if (all.length === 0) return;
    const at = all.indexOf(from as HTMLButtonElement);
    const next = at < 0 ? (delta > 0 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, at + delta));
    all[next].focus();
  };

  const onListKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      focusItem(event.key === 'ArrowDown' ? 1 : -1, event.target);
    } else if (event.key === 'Escape') {
      searchRef.current?.focus();
    }
  };

  return (
    <aside className="palette" aria-label="Blocks" data-testid="palette">
      <div className="palette__search">
        <input
          ref={searchRef}
          className="input input--search palette__input"
          type="search"
          placeholder="Search blocks  ( / )"
          aria-label="Search blocks by name, module or description"
          data-testid="palette-search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              focusItem(1, null);
            } else if (e.key === 'Enter' && found.length > 0) {
              e.preventDefault();
              insert(found[0]);
            } else if (e.key === 'Escape' && query !== '') {
              e.stopPropagation();
              setQuery('');
            }
          }}
        />
      </div>
      <div className="palette__list" ref={listRef} onKeyDown={onListKey}>
        {status === 'loading' && <p className="palette__state">Loading blocks…</p>}
        {status === 'error' && (
          <div className="palette__state palette__state--error" role="alert">
            <p>The block catalogue could not be loaded{error ? `: ${error.message}` : ''}.</p>
            <button type="button" className="button" onClick={() => void reload(true)}>
              Try again
            </button>
          </div>
        )}
        {status === 'ready' && found.length === 0 && (
          <p className="palette__state" data-testid="palette-no-match">
            No block matches “{query.trim()}”.
          </p>
        )}
        {FAMILIES.map(({ family, title }) => {
          const group = found.filter((i) => i.family === family);
          if (group.length === 0) return null;
          return (
            <section key={family} className="palette__group" aria-label={title} data-testid={`palette-group-${family}`}>
              <h3 className="palette__group-title">
                {title} <span className="count">{group.length}</span>
              </h3>
              <ul className="palette__items">
                {group.map((item) => (
                  <li key={item.key}>
                    <button
                      type="button"
                      className={`palette-item palette-item--${item.family}${drag?.item.key === item.key ? ' is-dragged' : ''}`}
                      data-testid="palette-item"
                      data-block-key={item.key}
                      title={`${item.description}\n\nDrag onto the canvas, or press Enter to insert.`}
                      onPointerDown={(e) => onPointerDown(item, e)}
                      onClick={() => {
                        if (!clickIsFromDrag()) insert(item);
                      }}
                    >
                      <span className="palette-item__icon">
                        <FamilyGlyph family={item.family} subtype={item.subtype} />
                      </span>
                      <span className="palette-item__text">
                        <span className="palette-item__name">{item.name}</span>
                        <span className="palette-item__module">{item.moduleName}</span>
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
      {drag !== null &&
        createPortal(
          <div
            className={`palette-ghost palette-item--${drag.item.family}${drag.overCanvas ? ' is-over-canvas' : ''}`}
            style={{ left: drag.client.x, top: drag.client.y }}
            aria-hidden="true"
            data-testid="palette-ghost"
          >
            <span className="palette-item__icon">
              <FamilyGlyph family={drag.item.family} subtype={drag.item.subtype} />
            </span>
            <span className="palette-ghost__name">{drag.item.name}</span>
            {!drag.overCanvas && <span className="palette-ghost__hint">Drop on the canvas</span>}
          </div>,
          document.body,
        )}
    </aside>
  );
}
