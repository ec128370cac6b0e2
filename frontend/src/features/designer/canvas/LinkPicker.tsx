/**
 * "Link to…" without the mouse: with one block selected, K opens this picker; type part of
 * a block's name or its id, pick the branch when the block has several, Enter links the
 * first match (or the one moved to with the arrows), Escape closes.
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';

import type { SplPlaybook } from '../spl/types';
import { branchAfter, link } from './commands';
import './linkPicker.css';

type Candidate = { id: string; label: string };

/** Blocks `source` can link to: every other block but triggers, matching `query`. */
export function linkCandidates(content: SplPlaybook, source: string, query: string): Candidate[] {
  const q = query.trim().toLowerCase();
  return Object.entries(content.nodes)
    .filter(([id, n]) => id !== source && n.type !== 'trigger')
    .map(([id, n]) => ({ id, label: `${typeof n.name === 'string' && n.name !== '' ? n.name : 'Block'} (${id})` }))
    .filter((c) => q === '' || c.id === q || c.label.toLowerCase().includes(q));
}

type LinkPickerProps = { content: SplPlaybook; source: string; onClose(): void };

export function LinkPicker({ content, source, onClose }: LinkPickerProps) {
  const ids = useId();
  const node = content.nodes[source];
  const branches = Object.keys(node?.outputs ?? {});
  const [branch, setBranch] = useState(() => (node ? branchAfter(node) : 'default'));
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const found = useMemo(() => linkCandidates(content, source, query), [content, source, query]);
  const sourceName = typeof node?.name === 'string' && node.name !== '' ? node.name : `Block ${source}`;

  const pick = (target: string | undefined) => {
    if (target !== undefined) link(source, branch, target);
    onClose();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, Math.min(found.length - 1, a + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(found[Math.min(active, found.length - 1)]?.id);
    }
  };

  return (
    <div className="link-picker" role="dialog" aria-labelledby={`${ids}-title`} data-testid="link-picker" onKeyDown={onKey}>
      <p id={`${ids}-title`} className="link-picker__title">
        Link “{sourceName}” to…
      </p>
      {branches.length > 1 && (
        <select className="input input--small" aria-label="From the branch" value={branch} onChange={(e) => setBranch(e.target.value)} data-testid="link-picker-branch">
          {branches.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      )}
      <input
        className="input"
        autoFocus
        placeholder="Block name or id"
        aria-label="Block to link to"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        data-testid="link-picker-search"
      />
      <ul className="link-picker__list" role="listbox" aria-label="Blocks">
        {found.length === 0 && <li className="link-picker__empty">No block matches.</li>}
        {found.slice(0, 12).map((c, i) => (
          <li key={c.id} role="option" aria-selected={i === active}>
            <button type="button" className={`link-picker__item${i === active ? ' is-active' : ''}`} data-target-id={c.id} onClick={() => pick(c.id)}>
              {c.label}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
