/** The block's name (shown on the canvas and in run views). */
import { useId } from 'react';

import { updateNode } from '../spl/edits';
import { documentStore } from '../stores/documentStore';

export function NameField({ nodeId, name, placeholder }: { nodeId: string; name: string; placeholder: string }) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        Name
      </label>
      <input
        id={id}
        className="input"
        type="text"
        autoComplete="off"
        data-testid="block-name"
        value={name}
        placeholder={placeholder}
        onChange={(e) => {
          const value = e.target.value;
          documentStore.getState().apply((pb) => updateNode(pb, nodeId, (n) => ({ ...n, name: value })), `renamed block ${nodeId}`, { coalesce: `name:${nodeId}` });
        }}
      />
    </div>
  );
}
