/**
 * "New playbook → Use a template": the gallery. Cards with a thumbnail of the graph, a tag
 * filter and a search; the selected template shows larger on the right with its name
 * editable, and **Create** makes a new playbook from it (opened in the designer with the
 * blocks whose configuration must be chosen). Arrow keys move between cards, Enter creates,
 * `/` searches, Escape goes back. The user's own templates can be deleted.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';

import { ActionError } from '../../components/ActionError';
import { BusyButton } from '../../components/BusyButton';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useEscapeBack } from '../../lib/useEscapeBack';
import { createFromTemplate, deleteTemplate, listTemplates, toIpcError, type IpcError, type PlaybookSummary, type TemplateView } from '../../ipc';
import { filterTemplates, GALLERY_TAGS, tagCounts } from './filterTemplates';
import { GraphPreview } from './GraphPreview';
import './templates.css';

type Props = {
  onBack: () => void;
  onCreated: (playbook: PlaybookSummary) => void;
};

export function TemplatesPage({ onBack, onCreated }: Props) {
  const [templates, setTemplates] = useState<TemplateView[] | null>(null);
  const [loadError, setLoadError] = useState<IpcError | null>(null);
  const [tag, setTag] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLUListElement>(null);
  // Enter or a double click on a card creates from it, with the name typed in the details.
  const createRef = useRef<(() => void) | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setTemplates(await listTemplates());
    } catch (e) {
      setLoadError(toIpcError(e));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const visible = useMemo(() => filterTemplates(templates ?? [], tag, query), [templates, tag, query]);
  const counts = useMemo(() => tagCounts(templates ?? []), [templates]);
  // The selection follows the filter: the first visible template when the chosen one is hidden.
  const current = visible.find((t) => t.slug === selected) ?? visible[0] ?? null;

  useEscapeBack(onBack);
  // `/` searches, as in the designer's block list.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== '/' || e.defaultPrevented || document.querySelector('.overlay') !== null) return;
      if (e.target instanceof HTMLElement && e.target.closest('input, select, textarea') !== null) return;
      e.preventDefault();
      searchRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const focusCard = (slug: string) => {
    setSelected(slug);
    requestAnimationFrame(() => gridRef.current?.querySelector<HTMLElement>(`[data-template-slug="${CSS.escape(slug)}"]`)?.focus());
  };

  const onGridKey = (event: KeyboardEvent) => {
    if (current === null) return;
    const index = visible.findIndex((t) => t.slug === current.slug);
    const columns = gridColumns(gridRef.current);
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns, Home: -index, End: visible.length - 1 - index }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const next = visible[Math.min(visible.length - 1, Math.max(0, index + step))];
    focusCard(next.slug);
  };

  return (
    <div className="app templates-page" data-panel="templates">
      <header className="app-header">
        <button type="button" className="button button--ghost" onClick={onBack} data-action="templates-back">
          <span aria-hidden="true">←</span> Playbooks
        </button>
        <div>
          <h1 className="app-header__title">Use a template</h1>
          <p className="app-header__subtitle">Start from a playbook that already runs, then choose its module configurations</p>
        </div>
      </header>
      <div className="templates-toolbar">
        <div className="templates-tags" role="group" aria-label="Filter by tag">
          <button type="button" className="chip" aria-pressed={tag === null} data-tag-filter="all" onClick={() => setTag(null)}>
            All <span className="count">{templates?.length ?? 0}</span>
          </button>
          {GALLERY_TAGS.map((t) => (
            <button key={t} type="button" className="chip" aria-pressed={tag === t} data-tag-filter={t} onClick={() => setTag(tag === t ? null : t)}>
              {t} <span className="count">{counts[t]}</span>
            </button>
          ))}
        </div>
        <input
          ref={searchRef}
          className="input input--search"
          type="search"
          placeholder="Search templates (/)"
          aria-label="Search templates"
          data-field="template-search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              if (query !== '') setQuery('');
              else e.currentTarget.blur();
            }
            if (e.key === 'ArrowDown' && current !== null) {
              e.preventDefault();
              focusCard(current.slug);
            }
          }}
        />
      </div>
      <main className="templates-main">
        {loadError !== null ? (
          <ActionError error={loadError} testId="templates-load-error">
            <button type="button" className="button button--small" onClick={() => void load()}>
              Try again
            </button>
          </ActionError>
        ) : templates === null ? (
          <p className="list-state" aria-busy="true">
            Loading templates…
          </p>
        ) : visible.length === 0 ? (
          <div className="list-state" data-testid="templates-empty">
            <p className="list-state__title">No template matches{query.trim() !== '' ? ` “${query.trim()}”` : ''}{tag !== null ? ` with the tag ${tag}` : ''}</p>
            <button
              type="button"
              className="button button--ghost"
              onClick={() => {
                setQuery('');
                setTag(null);
              }}
            >
              Show every template
            </button>
          </div>
        ) : (
          <>
            <ul className="templates-grid" ref={gridRef} aria-label="Templates" role="listbox" onKeyDown={onGridKey} data-testid="templates-grid">
              {visible.map((t) => (
                <TemplateCard
                  key={t.slug}
                  template={t}
                  selected={current?.slug === t.slug}
                  onSelect={() => setSelected(t.slug)}
                  onCreate={() => {
                    setSelected(t.slug);
                    // The details pane re-renders for this template first, then creates from it.
                    requestAnimationFrame(() => createRef.current?.());
                  }}
                />
              ))}
            </ul>
            {current !== null && (
              <TemplateDetails
                key={current.slug}
                template={current}
                createRef={createRef}
                onCreated={onCreated}
                onDeleted={() => {
                  setSelected(null);
                  void load();
                }}
              />
            )}
          </>
        )}
      </main>
    </div>
  );
}

/** How many cards a row of the grid holds (its computed columns), for Up/Down. */
function gridColumns(grid: HTMLElement | null): number {
  if (grid === null) return 1;
  const columns = getComputedStyle(grid).gridTemplateColumns.split(' ').filter((c) => c !== '').length;
  return Math.max(1, columns);
}

type CardProps = { template: TemplateView; selected: boolean; onSelect: () => void; onCreate: () => void };

function TemplateCard({ template, selected, onSelect, onCreate }: CardProps) {
  return (
    <li
      className={`template-card${selected ? ' is-selected' : ''}`}
      role="option"
      aria-selected={selected}
      tabIndex={selected ? 0 : -1}
      data-template-slug={template.slug}
      onClick={onSelect}
      onFocus={onSelect}
      onDoubleClick={onCreate}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          onCreate();
        }
      }}
    >
      <GraphPreview className="template-card__preview" content={template.content} title={`Graph of ${template.name}`} />
      <div className="template-card__text">
        <p className="template-card__name">
          {template.name}
          {template.origin === 'user' && <span className="badge badge--user">yours</span>}
        </p>
        <p className="template-card__description">{template.description}</p>
        <p className="template-card__tags">
          {template.tags.map((tag) => (
            <span key={tag} className="tag">
              {tag}
            </span>
          ))}
          <span className="meta">{template.nodes === 1 ? '1 block' : `${template.nodes} blocks`}</span>
        </p>
      </div>
    </li>
  );
}

type DetailsProps = { template: TemplateView; createRef: React.MutableRefObject<(() => void) | null>; onCreated: (playbook: PlaybookSummary) => void; onDeleted: () => void };

function TemplateDetails({ template, createRef, onCreated, onDeleted }: DetailsProps) {
  const ids = useId();
  const [name, setName] = useState(template.name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const create = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onCreated(await createFromTemplate(template.slug, name.trim()));
    } catch (e) {
      setError(toIpcError(e));
      setBusy(false);
    }
  };

  createRef.current = () => void create();

  return (
    <aside className="panel template-details" aria-labelledby={`${ids}-title`} data-testid="template-details">
      <h2 id={`${ids}-title`} className="template-details__title">
        {template.name}
      </h2>
      <GraphPreview className="template-details__preview" content={template.content} labelled title={`Graph of ${template.name}, larger`} />
      <p className="template-details__description">{template.description}</p>
      <form
        className="template-details__form"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <div className="field">
          <label className="field__label" htmlFor={`${ids}-name`}>
            Name of the new playbook
          </label>
          <input id={`${ids}-name`} className="input" data-field="template-playbook-name" value={name} onChange={(e) => setName(e.target.value)} placeholder={template.name} />
        </div>
        <BusyButton type="submit" className="button button--primary" busy={busy} busyLabel="Creating…" data-action="create-from-template">
          Create
        </BusyButton>
        {template.origin === 'user' && (
          <button type="button" className="button button--ghost button--danger-text" data-action="delete-template" onClick={() => setConfirmDelete(true)}>
            Delete template
          </button>
        )}
      </form>
      {error !== null && <ActionError error={error} testId="create-from-template-error" onDismiss={() => setError(null)} />}
      {confirmDelete && (
        <ConfirmDialog
          title={`Delete the template “${template.name}”?`}
          confirmLabel="Delete"
          danger
          testId="delete-template-dialog"
          onCancel={() => setConfirmDelete(false)}
          onConfirm={async () => {
            try {
              await deleteTemplate(template.slug);
              setConfirmDelete(false);
              onDeleted();
            } catch (e) {
              setConfirmDelete(false);
              setError(toIpcError(e));
            }
          }}
        >
          <p>Playbooks created from it stay as they are.</p>
        </ConfirmDialog>
      )}
    </aside>
  );
}
