/**
 * The CODE view's tree: a scroll container with only the rows in view in the DOM (fixed row
 * height, rows asked from the worker by range), each row carrying the Jinja reference it
 * copies in `data-jinja-path`.
 *
 * It owns scrolling only. The expansion, the search's current match and what a click does
 * belong to ./CodeView.tsx; a `focus` it is given is scrolled into view once.
 *
 * Not here: the tree logic (./codeTree.ts), the toolbar and the clipboard (./CodeView.tsx).
 */
import { memo, useEffect, useRef, useState } from 'react';

import type { CodeClient } from './codeClient';
import type { ViewRow } from './codeSession';
import { pathKey, type Expansion } from './codeTree';
import { jinjaReference, type JsonPath } from './jinjaPath';
import { ROW_HEIGHT, centeredScrollTop, contentHeight, isRowInView, rowTop, useViewport, visibleRange } from './virtual';

export type TreeFocus = { path: JsonPath; nonce: number };

export type CodeTreeProps = {
  client: CodeClient;
  /** Changes with every document loaded (the rows are asked again). */
  generation: number;
  expansion: Expansion;
  /** Changes with every search (the rows' match marks are asked again). */
  searchGeneration: number;
  currentMatch: string | null;
  focus: TreeFocus | null;
  onToggle: (path: JsonPath) => void;
  onCopyReference: (path: JsonPath) => void;
  onCopyValue: (path: JsonPath) => void;
  onBusy: (busy: boolean) => void;
};

type Window = { total: number; from: number; rows: ViewRow[] };

export function CodeTree(props: CodeTreeProps) {
  const { client, generation, expansion, searchGeneration, focus } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const viewport = useViewport(scrollRef);
  const [rows, setRows] = useState<Window>({ total: 0, from: 0, rows: [] });
  const handledFocus = useRef(-1);
  const sequence = useRef(0);
  const range = visibleRange(viewport.scrollTop, viewport.height, rows.total);
  const latest = useRef({ props, viewport });
  useEffect(() => {
    latest.current = { props, viewport };
  });

  useEffect(() => {
    const seq = ++sequence.current;
    const pendingFocus = focus !== null && focus.nonce !== handledFocus.current ? focus : null;
    const busy = setTimeout(() => latest.current.props.onBusy(true), 120);
    client
      .ask({ type: 'view', expansion, from: range.from, count: range.count, focus: pendingFocus?.path ?? null })
      .then((answer) => {
        if (seq !== sequence.current) return;
        setRows({ total: answer.total, from: answer.from, rows: answer.rows });
        if (pendingFocus === null) return;
        handledFocus.current = pendingFocus.nonce;
        const { viewport: vp } = latest.current;
        if (answer.focusIndex >= 0 && !isRowInView(answer.focusIndex, vp.scrollTop, vp.height, answer.total)) {
          vp.scrollTo(centeredScrollTop(answer.focusIndex, vp.height, answer.total));
        }
      })
      .catch(() => {
        // The document changed or the view closed: the next request answers.
      })
      .finally(() => {
        clearTimeout(busy);
        if (seq === sequence.current) latest.current.props.onBusy(false);
      });
    return () => clearTimeout(busy);
  }, [client, generation, expansion, searchGeneration, focus, range.from, range.count]);

  return (
    <div ref={scrollRef} className="code-tree" role="tree" aria-label="CODE JSON" onScroll={viewport.onScroll} data-total-rows={rows.total}>
      <div className="code-tree__content" style={{ height: contentHeight(rows.total, viewport.height) }}>
        {rows.rows.map((row, i) => {
          const index = rows.from + i;
          const key = pathKey(row.path);
          return (
            <TreeRowView
              key={key}
              row={row}
              top={rowTop(index, viewport.scrollTop, viewport.height, rows.total)}
              current={props.currentMatch === key}
              onToggle={props.onToggle}
              onCopyReference={props.onCopyReference}
              onCopyValue={props.onCopyValue}
            />
          );
        })}
      </div>
    </div>
  );
}

type RowProps = {
  row: ViewRow;
  top: number;
  current: boolean;
  onToggle: (path: JsonPath) => void;
  onCopyReference: (path: JsonPath) => void;
  onCopyValue: (path: JsonPath) => void;
};

const TreeRowView = memo(function TreeRowView({ row, top, current, onToggle, onCopyReference, onCopyValue }: RowProps) {
  const reference = jinjaReference(row.path);
  const container = row.kind === 'object' || row.kind === 'array';
  const copyTitle = reference === '' ? 'No Jinja reference: a top-level key must be a name' : `Copy ${reference}`;
  const className = ['code-row', `code-row--${row.kind}`, row.match ? 'is-match' : '', current ? 'is-current' : ''].filter(Boolean).join(' ');
  return (
    <div
      className={className}
      role="treeitem"
      aria-level={row.depth + 1}
      aria-expanded={container ? row.expanded : undefined}
      aria-selected={current}
      data-jinja-path={reference}
      data-kind={row.kind}
      data-match={row.match ? 'true' : undefined}
      data-current={current ? 'true' : undefined}
      style={{ top, height: ROW_HEIGHT, paddingLeft: 8 + row.depth * 16 }}
    >
      {container ? (
        <button
          type="button"
          className="code-row__toggle"
          aria-label={row.expanded ? `Collapse ${String(row.key)}` : `Expand ${String(row.key)}`}
          data-action="toggle-row"
          onClick={() => onToggle(row.path)}
        >
          {row.expanded ? '▾' : '▸'}
        </button>
      ) : (
        <span className="code-row__toggle code-row__toggle--leaf" aria-hidden="true" />
      )}
      <button type="button" className="code-row__key" title={copyTitle} data-action="copy-reference" onClick={() => onCopyReference(row.path)}>
        {keyLabel(row)}
      </button>
      <span className="code-row__colon" aria-hidden="true">
        :
      </span>
      <button type="button" className="code-row__value" title={copyTitle} data-action="copy-reference-value" onClick={() => onCopyReference(row.path)}>
        {row.preview}
      </button>
      <button type="button" className="code-row__copy" title="Copy this value" data-action="copy-value" onClick={() => onCopyValue(row.path)}>
        Copy value
      </button>
    </div>
  );
});

/** `[0]` for an array item, `""` for an empty key, `(value)` for a document that is a bare value. */
function keyLabel(row: ViewRow): string {
  if (typeof row.key === 'number') return `[${row.key}]`;
  if (row.path.length === 0) return '(value)';
  return row.key === '' ? '""' : row.key;
}
