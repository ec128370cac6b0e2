/**
 * The CODE view of a run: every value the run produced (each node's results and arguments,
 * the store, the trigger's event) as a collapsible tree, with search, expand/collapse all,
 * a raw JSON mode, and copying: a click on a key or value copies its Jinja reference
 * (`{{ node.0.alert_uuid }}`, also in the row's `data-jinja-path`), "Copy value" its value,
 * "Copy CODE JSON" the whole document.
 *
 * The document lives in a worker (./codeClient.ts): parse, flatten and search never block
 * the window, and only the rows in view reach the DOM. Pass `codeText` (the CODE JSON as
 * text) when you have it: handing a parsed 50 MB object to the worker copies it on the
 * window's thread first.
 *
 * Not here: fetching a run's CODE JSON (the caller's), the tree logic (./codeTree.ts), the
 * rows (./CodeTree.tsx), copying (./useCodeCopy.ts).
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';

import { INITIAL_EXPANSION, reveal, toggle, type Expansion } from './codeTree';
import { CodeTree, type TreeFocus } from './CodeTree';
import type { JsonPath } from './jinjaPath';
import { RawJsonView } from './RawJsonView';
import { useCodeDocument } from './useCodeDocument';
import { useCodeCopy, useNotice } from './useCodeCopy';
import { useCodeSearch, type CodeSearch } from './useCodeSearch';
import './code.css';

export type CodeViewProps = {
  /** The run's CODE JSON ({ node, arguments, store, ... }), or null when no run is shown. */
  code: unknown | null;
  /** The same document as JSON text; preferred over `code` when given (parsed in the worker). */
  codeText?: string;
  /** The caller is still fetching the run's values. */
  loading?: boolean;
  /** Also told every confirmation shown ("Copied {{ node.0.alert_uuid }}"). */
  onNotice?: (message: string) => void;
};

export const EMPTY_MESSAGE = 'No run shown: run the playbook to see its values.';

export function CodeView({ code, codeText, loading = false, onNotice }: CodeViewProps) {
  const { client, state } = useCodeDocument(code, codeText);
  const generation = state.status === 'ready' ? state.generation : null;
  const [expansion, setExpansion] = useState<Expansion>(INITIAL_EXPANSION);
  const [raw, setRaw] = useState(false);
  const [focus, setFocus] = useState<TreeFocus | null>(null);
  const [busy, setBusy] = useState(false);
  const { message: noticeMessage, show: showNotice } = useNotice(onNotice);

  const onReveal = useCallback((path: JsonPath) => {
    setExpansion((e) => reveal(e, path));
    setFocus((f) => ({ path, nonce: (f?.nonce ?? 0) + 1 }));
  }, []);
  const search = useCodeSearch(client, generation, onReveal);

  useEffect(() => {
    setExpansion(INITIAL_EXPANSION);
    setFocus(null);
  }, [generation]);

  const onToggle = useCallback((path: JsonPath) => setExpansion((e) => toggle(e, path)), []);
  const copy = useCodeCopy(client, codeText, showNotice);

  const ready = state.status === 'ready' && client !== null && !loading;
  return (
    <section
      className="code-view"
      data-panel="code"
      data-state={loading ? 'loading' : state.status}
      data-load-ms={state.status === 'ready' ? state.ms : undefined}
      data-search-ms={search.state.ms ?? undefined}
      aria-busy={busy || state.status === 'loading' || loading}
    >
      <Toolbar ready={ready} raw={raw} onExpansion={setExpansion} onRaw={() => setRaw((r) => !r)} onCopyDocument={copy.copyDocument} />
      {ready && !raw && <SearchBar search={search} />}
      <p className="code-view__notice" role="status" aria-live="polite" data-field="code-notice">
        {noticeMessage}
      </p>
      <CodeBody state={state} loading={loading}>
        {client !== null && generation !== null && (
          raw ? (
            <RawJsonView client={client} generation={generation} />
          ) : (
            <CodeTree
              client={client}
              generation={generation}
              expansion={expansion}
              searchGeneration={search.state.generation}
              currentMatch={search.state.currentKey}
              focus={focus}
              onToggle={onToggle}
              onCopyReference={copy.copyReference}
              onCopyValue={copy.copyValue}
              onBusy={setBusy}
            />
          )
        )}
      </CodeBody>
    </section>
  );
}

type ToolbarProps = { ready: boolean; raw: boolean; onExpansion: (expansion: Expansion) => void; onRaw: () => void; onCopyDocument: () => void };

function Toolbar({ ready, raw, onExpansion, onRaw, onCopyDocument }: ToolbarProps) {
  return (
    <header className="code-view__header">
      <h2 className="code-view__title">CODE</h2>
      <div className="code-view__actions">
        <button type="button" className="button button--small" disabled={!ready || raw} data-action="code-expand-all" onClick={() => onExpansion({ base: 'all', toggled: [] })}>
          Expand all
        </button>
        <button type="button" className="button button--small" disabled={!ready || raw} data-action="code-collapse-all" onClick={() => onExpansion({ base: 'none', toggled: [] })}>
          Collapse all
        </button>
        <button type="button" className="button button--small" disabled={!ready} aria-pressed={raw} data-action="code-raw" onClick={onRaw}>
          Raw JSON
        </button>
        <button type="button" className="button button--small" disabled={!ready} data-action="copy-code-json" onClick={onCopyDocument}>
          Copy CODE JSON
        </button>
      </div>
    </header>
  );
}

/** The states where there is no tree to show: nothing, loading, a parse error. */
function CodeBody({ state, loading, children }: { state: ReturnType<typeof useCodeDocument>['state']; loading: boolean; children: ReactNode }) {
  if (loading || state.status === 'loading') return <p className="code-view__empty">Loading the run’s values…</p>;
  if (state.status === 'empty') return <p className="code-view__empty">{EMPTY_MESSAGE}</p>;
  if (state.status === 'error')
    return (
      <p className="code-view__error" role="alert">
        {state.message}
      </p>
    );
  return <>{children}</>;
}

function SearchBar({ search }: { search: CodeSearch }) {
  const { state } = search;
  const has = state.searched !== '' && state.searched === search.query;
  let status = '';
  if (state.pending) status = 'Searching…';
  else if (has && state.count === 0) status = 'No match';
  else if (has) status = state.current < 0 ? `${state.count.toLocaleString('en-US')} matches` : `${state.current + 1} of ${state.count.toLocaleString('en-US')}`;
  const capped = has && state.kept < state.count ? `(next/previous: first ${state.kept.toLocaleString('en-US')})` : '';
  return (
    <div className="code-view__search" role="search">
      <input
        className="input code-view__search-input"
        type="search"
        placeholder="Search keys and values"
        aria-label="Search keys and values"
        data-field="code-search"
        value={search.query}
        onChange={(e) => search.setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          if (e.shiftKey) search.previous();
          else search.next();
        }}
      />
      <span className="code-view__count" data-field="code-match-count" aria-live="polite">
        {status}
      </span>
      {capped !== '' && <span className="code-view__capped">{capped}</span>}
      <button type="button" className="button button--small" aria-label="Previous match" title="Previous match (Shift+Enter)" data-action="code-previous" disabled={!has || state.kept === 0} onClick={search.previous}>
        ↑
      </button>
      <button type="button" className="button button--small" aria-label="Next match" title="Next match (Enter)" data-action="code-next" disabled={!has || state.kept === 0} onClick={search.next}>
        ↓
      </button>
    </div>
  );
}
