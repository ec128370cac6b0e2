/**
 * What a node is, according to the catalogue: its family, module, block or operator, the
 * branches it offers, and why it is "unknown" when the catalogue does not have it.
 *
 * An unknown node is still a node: it renders, keeps every field, and offers the branches
 * it already uses, so editing around it never loses anything.
 */
import type { Block, Module, Operator } from '../../../ipc';
import {
  DEFAULT_BRANCH,
  ELSE_BRANCH,
  ERROR_BRANCH,
  LOOP_BRANCH,
  isRecord,
  nodeFamily,
  type Family,
  type SplNode,
} from '../spl/types';
import type { CatalogIndex } from './catalogIndex';

export type BranchInfo = {
  /** The handle id: the SPL branch name (`loop` for a foreach's per-item branch). */
  id: string;
  /** What the handle says: `after` for a foreach's default branch, else the branch name. */
  label: string;
  kind: 'default' | 'case' | 'else' | 'loop' | 'declared' | 'error' | 'extra';
  /** Help text (an action-declared branch's description). */
  description?: string;
};

export type ResolvedNode = {
  family: Family;
  /** The kind of block, shown under the name: "Get Alert", "Condition", ... */
  kindLabel: string;
  module?: Module;
  block?: Block;
  operator?: Operator;
  /** Why the catalogue does not know the node, or null when it does. */
  unknownReason: string | null;
};

export function resolveNode(node: SplNode, index: CatalogIndex): ResolvedNode {
  const family = nodeFamily(node);
  if (family === 'action' || family === 'trigger') {
    const blockUuid = family === 'action' ? node.action_uuid : node.trigger_uuid;
    const entries = family === 'action' ? index.actions : index.triggers;
    const entry = typeof blockUuid === 'string' ? entries.get(blockUuid) : undefined;
    const module = entry?.module ?? (typeof node.module_uuid === 'string' ? index.modules.get(node.module_uuid) : undefined);
    if (entry !== undefined) {
      return { family, kindLabel: entry.block.name, module, block: entry.block, unknownReason: null };
    }
    const reason =
      module === undefined
        ? `Module ${shortId(node.module_uuid)} is not in the catalogue`
        : `${module.name} has no ${family} ${shortId(blockUuid)} in the catalogue`;
    return { family, kindLabel: family === 'action' ? 'Action' : 'Trigger', module, unknownReason: reason };
  }
  if (family === 'operator') {
    const operator = typeof node.subtype === 'string' ? index.operators.get(node.subtype) : undefined;
    if (operator !== undefined) return { family, kindLabel: operator.name, operator, unknownReason: null };
    return { family, kindLabel: 'Operator', unknownReason: `Unknown operator “${String(node.subtype ?? '')}”` };
  }
  return { family, kindLabel: 'Block', unknownReason: `Unknown block type “${String(node.type ?? '')}”` };
}

/**
 * The output handles of a node, in display order. Every branch present in the node's
 * `outputs` gets a handle (so every existing link shows), plus the ones it could use.
 */
export function nodeBranches(node: SplNode, resolved: ResolvedNode): BranchInfo[] {
  const result: BranchInfo[] = [];
  const seen = new Set<string>();
  const add = (id: string, kind: BranchInfo['kind'], label = id, description?: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    result.push(description === undefined ? { id, label, kind } : { id, label, kind, description });
  };
  const existing = isRecord(node.outputs) ? Object.keys(node.outputs) : [];

  if (resolved.family === 'operator' && node.subtype === 'condition') {
    for (const c of Array.isArray(node.cases) ? node.cases : []) {
      if (isRecord(c) && typeof c.name === 'string' && c.name !== ELSE_BRANCH) add(c.name, 'case');
    }
    for (const branch of existing) if (branch !== ELSE_BRANCH) add(branch, 'extra');
    add(ELSE_BRANCH, 'else');
    return result;
  }
  if (resolved.family === 'operator' && node.subtype === 'foreach') {
    add(LOOP_BRANCH, 'loop');
    add(DEFAULT_BRANCH, 'default', 'after');
    for (const branch of existing) add(branch, 'extra');
    return result;
  }
  if (resolved.family === 'action') {
    add(DEFAULT_BRANCH, 'default');
    for (const [branch, description] of Object.entries(resolved.block?.outputs ?? {})) {
      add(branch, 'declared', branch, description);
    }
    for (const branch of existing) if (branch !== ERROR_BRANCH) add(branch, 'extra');
    add(ERROR_BRANCH, 'error');
    return result;
  }
  add(DEFAULT_BRANCH, 'default');
  for (const branch of existing) add(branch, 'extra');
  return result;
}

function shortId(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '(none)';
  return value.length > 13 ? `${value.slice(0, 8)}…` : value;
}
