/**
 * One block on the canvas: icon, name, family and module, a validity badge, one target
 * handle on top and one labelled source handle per output branch at the bottom.
 *
 * Memoized, and `nodeTypes` (in ./nodeTypes.ts) is defined at module level, so React Flow
 * re-renders a block only when its own data changes. The block element carries
 * `data-node-id` (tests and the run view find blocks by it).
 */
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';

import { FamilyGlyph, familyLabel } from '../icons';
import type { BlockFlowNode } from '../spl/toFlow';
import { ForeachStrip, useBlockRunState, useBlockStale, useConditionReason } from '../../runs/RunDecorations';

function BlockNodeView({ id, data, selected }: NodeProps<BlockFlowNode>) {
  const { spl, resolved, branches, problems } = data;
  const updateNodeInternals = useUpdateNodeInternals();
  // React Flow measures handles when a block mounts; tell it again when they change
  // (a case added or renamed), but not on mount: 500 blocks would mean 500 re-measures.
  const handleKey = branches.map((b) => b.id).join('\u0000');
  const measuredKey = useRef(handleKey);
  useEffect(() => {
    if (measuredKey.current === handleKey) return;
    measuredKey.current = handleKey;
    updateNodeInternals(id);
  }, [id, handleKey, updateNodeInternals]);

  const runState = useBlockRunState(id);
  const stale = useBlockStale(id);
  const reason = useConditionReason(id);
  const unknown = resolved.unknownReason !== null;
  const status = problems.errors.length > 0 ? 'error' : problems.warnings.length > 0 ? 'warning' : 'valid';
  const name = typeof spl.name === 'string' && spl.name.trim() !== '' ? spl.name : resolved.kindLabel;
  const icon = typeof spl.icon === 'string' && /^data:image\//.test(spl.icon) ? spl.icon : null;
  const moduleName = resolved.family === 'operator' ? 'Operator' : (resolved.module?.name ?? 'Unknown module');
  const badgeTitle =
    status === 'valid'
      ? 'Valid'
      : [...problems.errors.map((m) => `Error: ${m}`), ...problems.warnings.map((m) => `Warning: ${m}`)].join('\n');

  return (
    <div
      className={`block-node block-node--${resolved.family}${selected ? ' is-selected' : ''}${unknown ? ' is-unknown' : ''} block-node--${status}${runState !== null ? ` run-state run-state--${runState}` : ''}`}
      data-node-id={id}
      data-testid="block-node"
      data-family={resolved.family}
      data-status={status}
      data-unknown={unknown ? 'true' : undefined}
      data-run-state={runState ?? undefined}
      data-stale={stale ? 'true' : undefined}
      title={reason ?? undefined}
    >
      {resolved.family !== 'trigger' && <Handle type="target" position={Position.Top} className="block-node__target" />}
      <div className="block-node__header">
        <span className={`block-node__icon${icon !== null ? ' block-node__icon--image' : ''}`}>
          {icon !== null ? <img src={icon} alt="" draggable={false} /> : <FamilyGlyph family={resolved.family} subtype={spl.subtype} />}
        </span>
        <div className="block-node__titles">
          <div className="block-node__name" title={name}>
            {name}
          </div>
          <div className="block-node__meta">
            <span className="block-node__family">{familyLabel(resolved.family)}</span>
            <span aria-hidden="true">·</span>
            <span className="block-node__module" title={resolved.kindLabel}>
              {resolved.family === 'operator' ? resolved.kindLabel : moduleName}
            </span>
          </div>
        </div>
        <span className="block-node__id" title={`Node id ${id}: {{ node.${id} }}`}>
          {id}
        </span>
        <span
          className={`block-node__badge block-node__badge--${status}`}
          title={badgeTitle}
          aria-label={status === 'valid' ? 'Valid' : `${status === 'error' ? 'In error' : 'Warning'}: ${badgeTitle}`}
          data-testid="block-badge"
        >
          {status === 'valid' ? '✓' : status === 'error' ? problems.errors.length : '!'}
        </span>
      </div>
      {stale && (
        <div className="block-node__stale" data-testid="stale-badge" title="Edited since this run (or downstream of an edit): the results shown may no longer match">
          stale
        </div>
      )}
      {runState !== null && spl.subtype === 'foreach' && <ForeachStrip nodeId={id} />}
      {unknown && (
        <div className="block-node__unknown" title={resolved.unknownReason ?? undefined} data-testid="unknown-block">
          Unknown block
        </div>
      )}
      <div className="block-node__outputs">
        {branches.map((branch) => (
          <div
            key={branch.id}
            className={`block-node__output block-node__output--${branch.kind}`}
            title={branch.description ?? (branch.kind === 'loop' ? 'Runs once per item' : branch.kind === 'error' ? 'Taken when the action fails' : branch.label)}
          >
            <span className="block-node__output-label">{branch.label}</span>
            <Handle type="source" position={Position.Bottom} id={branch.id} className={`block-node__source block-node__source--${branch.kind}`} data-branch={branch.id} />
          </div>
        ))}
      </div>
    </div>
  );
}

export const BlockNode = memo(BlockNodeView);
