/**
 * The side panel for one selected block: what it is, its problems, its name, and the
 * form that fits it (arguments from the catalogue's schema, or an operator editor).
 */
import { useCallback, useMemo, useRef } from 'react';

import { buildCompletions, type Completion } from '../jinja/completions';
import { FamilyGlyph, familyLabel } from '../icons';
import { resolveNode } from '../catalog/resolve';
import { UnknownBlockHelp } from './UnknownBlockHelp';
import type { SplPlaybook } from '../spl/types';
import { isRecord } from '../spl/types';
import { documentStore, useDocument } from '../stores/documentStore';
import { useCatalog } from '../stores/catalogStore';
import { useValidation } from '../stores/validationStore';
import { ArgumentsForm } from './ArgumentsForm';
import { CompletionContext } from './completionContext';
import { ConditionForm } from './ConditionForm';
import { ForeachForm } from './ForeachForm';
import { ModuleConfigurationSection } from './ModuleConfigurationSection';
import { NameField } from './NameField';
import { StoreForm } from './StoreForm';

export function BlockPanel({ nodeId }: { nodeId: string }) {
  const node = useDocument((s) => s.content.nodes[nodeId]);
  const index = useCatalog((s) => s.index);
  const problems = useValidation((s) => s.byNode.get(nodeId));
  const resolved = useMemo(() => (node ? resolveNode(node, index) : null), [node, index]);

  // Completions are computed when a list opens, once per document version.
  const cache = useRef<{ content: SplPlaybook | null; list: Completion[] }>({ content: null, list: [] });
  const getCompletions = useCallback(() => {
    const content = documentStore.getState().content;
    if (cache.current.content !== content) cache.current = { content, list: buildCompletions(content, nodeId, index) };
    return cache.current.list;
  }, [nodeId, index]);

  if (node === undefined || resolved === null) return null;
  const name = typeof node.name === 'string' ? node.name : '';
  const blockName = name || resolved.kindLabel;
  const description = resolved.block?.description ?? resolved.operator?.description ?? '';

  let form: React.ReactNode;
  if (resolved.family === 'operator' && node.subtype === 'condition') form = <ConditionForm nodeId={nodeId} node={node} blockName={blockName} />;
  else if (resolved.family === 'operator' && node.subtype === 'store') form = <StoreForm nodeId={nodeId} node={node} blockName={blockName} />;
  else if (resolved.family === 'operator' && node.subtype === 'foreach') form = <ForeachForm nodeId={nodeId} node={node} blockName={blockName} />;
  else if (resolved.family === 'operator' && resolved.operator !== undefined) form = <p className="panel-note">{resolved.operator.description}</p>;
  else if (resolved.family === 'trigger' && !isRecord(node.arguments) && !hasProperties(resolved.block?.arguments)) form = <p className="panel-note">This trigger takes no arguments.</p>;
  else form = <ArgumentsForm nodeId={nodeId} node={node} schema={resolved.block?.arguments} blockName={blockName} />;

  return (
    <CompletionContext.Provider value={getCompletions}>
      <div className="block-panel" data-testid="block-panel" data-node-id-panel={nodeId}>
        <header className="block-panel__header">
          <span className={`block-panel__icon block-panel__icon--${resolved.family}`}>
            {typeof node.icon === 'string' && node.icon.startsWith('data:image/') ? <img src={node.icon} alt="" /> : <FamilyGlyph family={resolved.family} subtype={node.subtype} />}
          </span>
          <div className="block-panel__titles">
            <h2 className="block-panel__title">{blockName}</h2>
            <p className="block-panel__subtitle">
              {familyLabel(resolved.family)} · {resolved.family === 'operator' ? resolved.kindLabel : `${resolved.module?.name ?? 'unknown module'} · ${resolved.kindLabel}`} · node {nodeId}
            </p>
          </div>
        </header>
        {resolved.unknownReason !== null && <UnknownBlockHelp reason={resolved.unknownReason} />}
        {description !== '' && <p className="block-panel__description">{description}</p>}
        {problems !== undefined && (problems.errors.length > 0 || problems.warnings.length > 0) && (
          <ul className="block-panel__problems" aria-label="Problems of this block">
            {problems.errors.map((m) => (
              <li key={`e${m}`} className="problem problem--error">
                {m}
              </li>
            ))}
            {problems.warnings.map((m) => (
              <li key={`w${m}`} className="problem problem--warning">
                {m}
              </li>
            ))}
          </ul>
        )}
        <NameField nodeId={nodeId} name={name} placeholder={resolved.kindLabel} />
        {(resolved.family === 'action' || resolved.family === 'trigger') && resolved.module !== undefined && (
          <ModuleConfigurationSection nodeId={nodeId} node={node} module={resolved.module} blockName={blockName} />
        )}
        <h3 className="block-panel__section">{resolved.family === 'operator' ? 'Settings' : 'Arguments'}</h3>
        {form}
      </div>
    </CompletionContext.Provider>
  );
}

function hasProperties(schema: unknown): boolean {
  return isRecord(schema) && isRecord(schema.properties) && Object.keys(schema.properties).length > 0;
}
