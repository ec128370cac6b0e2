/** A block's arguments as a form generated from its arguments JSON schema. */
import { useMemo } from 'react';

import { updateNode } from '../spl/edits';
import { isRecord, type SplNode } from '../spl/types';
import { documentStore } from '../stores/documentStore';
import { ArgumentField } from './ArgumentField';
import { describeFields, missingRequired, setArgument } from './schemaForm';

type ArgumentsFormProps = {
  nodeId: string;
  node: SplNode;
  schema: unknown;
  blockName: string;
};

export function ArgumentsForm({ nodeId, node, schema, blockName }: ArgumentsFormProps) {
  const args = useMemo(() => (isRecord(node.arguments) ? node.arguments : {}), [node.arguments]);
  const fields = useMemo(() => describeFields(schema, args), [schema, args]);
  const missing = missingRequired(fields, args);

  if (fields.length === 0) {
    return <p className="panel-note">This block takes no arguments.</p>;
  }

  return (
    <div className="arguments" data-testid="arguments-form">
      {missing.length > 0 && (
        <p className="panel-note panel-note--warn">
          Required: {missing.map((m, i) => (
            <span key={m}>
              {i > 0 && ', '}
              <code>{m}</code>
            </span>
          ))}
        </p>
      )}
      {fields.map((spec) => (
        <ArgumentField
          key={spec.name}
          nodeId={nodeId}
          spec={spec}
          value={args[spec.name]}
          onCommit={(value) =>
            documentStore
              .getState()
              .apply(
                (pb) => updateNode(pb, nodeId, (n) => ({ ...n, arguments: setArgument(isRecord(n.arguments) ? n.arguments : {}, spec.name, value) })),
                `set ${spec.name} of ${blockName}`,
                { coalesce: `arg:${nodeId}:${spec.name}` },
              )
          }
        />
      ))}
    </div>
  );
}
