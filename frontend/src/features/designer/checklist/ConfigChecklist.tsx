/**
 * The checklist a playbook made from a template opens with: each block whose module
 * configuration is still to choose, with the module's configurations to pick from and a
 * "New…" that opens the block's side panel (where one is created, as anywhere else). It
 * disappears when every block has one, or when dismissed.
 */
import { useEffect, useMemo } from 'react';

import { setNodeConfiguration } from '../configurations/configurationLogic';
import { configurationsStore, useConfigurations } from '../configurations/configurationsStore';
import { useCatalog } from '../stores/catalogStore';
import { documentStore, useDocument } from '../stores/documentStore';
import { configurationChecklist, type ChecklistItem } from './configChecklist';
import './checklist.css';

type Props = { onShowNode: (id: string) => void; onDismiss: () => void };

export function ConfigChecklist({ onShowNode, onDismiss }: Props) {
  const content = useDocument((s) => s.content);
  const index = useCatalog((s) => s.index);
  const items = useMemo(() => configurationChecklist(content, index), [content, index]);
  if (items.length === 0) return null;
  return (
    <section className="config-checklist" data-panel="config-checklist" aria-label="Module configurations to choose">
      <header className="config-checklist__header">
        <p>
          <strong>Choose a configuration</strong> for {items.length === 1 ? 'this block' : `these ${items.length} blocks`} before running on real data
        </p>
        <button type="button" className="button button--ghost button--small" onClick={onDismiss} aria-label="Hide the checklist">
          ×
        </button>
      </header>
      <ul>
        {items.map((item) => (
          <ChecklistRow key={item.nodeId} item={item} onShowNode={onShowNode} />
        ))}
      </ul>
    </section>
  );
}

function ChecklistRow({ item, onShowNode }: { item: ChecklistItem; onShowNode: (id: string) => void }) {
  const entry = useConfigurations((s) => s.byModule[item.moduleUuid]);
  useEffect(() => {
    void configurationsStore.getState().load(item.moduleUuid);
  }, [item.moduleUuid]);
  const options = entry?.items ?? [];
  return (
    <li data-checklist-node={item.nodeId}>
      <button type="button" className="config-checklist__block" onClick={() => onShowNode(item.nodeId)} title={`Show this block (${item.moduleName})`}>
        {item.name}
      </button>
      {options.length > 0 && (
        <select
          className="input input--select input--small"
          aria-label={`Configuration for ${item.name}`}
          data-field="checklist-configuration"
          value=""
          onChange={(e) => {
            const chosen = options.find((c) => c.id === e.target.value);
            if (chosen) documentStore.getState().apply((pb) => setNodeConfiguration(pb, item.nodeId, chosen.id), `chose configuration ${chosen.name} for ${item.name}`);
          }}
        >
          <option value="">Pick…</option>
          {options.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      )}
      <button type="button" className="button button--small" data-action="checklist-new" onClick={() => onShowNode(item.nodeId)}>
        New…
      </button>
    </li>
  );
}
