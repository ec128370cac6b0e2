/** A foreach's list of items, and what its loop branch can read. */
import { updateNode } from '../spl/edits';
import type { SplNode } from '../spl/types';
import { documentStore } from '../stores/documentStore';
import { JinjaField, focusEditor } from './JinjaField';

type Props = { nodeId: string; node: SplNode; blockName: string };

export function ForeachForm({ nodeId, node, blockName }: Props) {
  const items = typeof node.items === 'string' ? node.items : '';
  return (
    <div className="operator-form" data-testid="foreach-form">
      <div className="field">
        <label id={`items-${nodeId}-label`} className="field__label" htmlFor={`items-${nodeId}`} onClick={() => focusEditor(`items-${nodeId}`)}>
          Items <span className="field__required">required</span>
        </label>
        <JinjaField
          id={`items-${nodeId}`}
          labelledBy={`items-${nodeId}-label`}
          value={items}
          onChange={(v) =>
            documentStore.getState().apply((pb) => updateNode(pb, nodeId, (n) => ({ ...n, items: v })), `set the items of ${blockName}`, { coalesce: `items:${nodeId}` })
          }
          placeholder="A list, e.g. {{ node.2.events }}"
          ariaRequired
          testId="foreach-items"
          focusKey={{ node: nodeId, field: 'items' }}
        />
        {items.trim() === '' && <p className="field__warning">Give the list to walk through.</p>}
        <p className="field__help">
          Blocks on the <strong>loop</strong> branch run once per item and read it as <code>{`{{ node.${nodeId}.default.value }}`}</code> (also{' '}
          <code>.index</code>, <code>.total</code>); the <strong>after</strong> branch runs when every item is done.
        </p>
      </div>
    </div>
  );
}
