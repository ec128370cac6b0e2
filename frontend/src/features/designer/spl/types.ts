/**
 * The SPL document (the platform's playbook JSON) as the designer reads it.
 *
 * Only the keys the designer works with are typed; every object keeps an index signature
 * so that keys it does not know are carried along untouched. Documents come from outside
 * (files, the clipboard, the core), so nothing here is trusted: readers check shapes.
 */

export type SplPosition = { x: number; y: number; [key: string]: unknown };

/** Branch name → ids of the nodes it leads to. */
export type SplOutputs = Record<string, string[]>;

export type SplCase = {
  name: string;
  left?: string;
  comparison?: string;
  right?: string;
  description?: string;
  [key: string]: unknown;
};

export type SplModification = {
  key: string;
  type: string;
  value?: unknown;
  [key: string]: unknown;
};

export type SplNode = {
  type?: string;
  name?: string;
  outputs?: SplOutputs;
  module_uuid?: string;
  action_uuid?: string;
  trigger_uuid?: string;
  arguments?: Record<string, unknown>;
  icon?: string;
  subtype?: string;
  cases?: SplCase[];
  modifications?: SplModification[];
  items?: string;
  loop?: string[];
  position?: SplPosition;
  [key: string]: unknown;
};

export type SplNodes = Record<string, SplNode>;

export type SplPlaybook = { nodes: SplNodes; [key: string]: unknown };

/** The three palette families, plus what a node of an unknown `type` is. */
export type Family = 'trigger' | 'action' | 'operator' | 'unknown';

/** Branch name of a foreach's per-item targets (kept in the node's `loop`, not `outputs`). */
export const LOOP_BRANCH = 'loop';
export const DEFAULT_BRANCH = 'default';
export const ELSE_BRANCH = 'else';
export const ERROR_BRANCH = 'error';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The document as a playbook. A document without a `nodes` object gets an empty one in
 * the returned copy; the input itself is never changed.
 */
export function readPlaybook(content: unknown): SplPlaybook {
  if (isRecord(content) && isRecord(content.nodes)) return content as SplPlaybook;
  const base = isRecord(content) ? content : {};
  return { ...base, nodes: {} };
}

export function nodeFamily(node: SplNode): Family {
  switch (node.type) {
    case 'trigger':
    case 'action':
    case 'operator':
      return node.type;
    default:
      return 'unknown';
  }
}

/** The target ids of one branch, ignoring anything that is not a string. */
export function branchTargets(node: SplNode, branch: string): string[] {
  const list = isForeach(node) && branch === LOOP_BRANCH ? node.loop : node.outputs?.[branch];
  return Array.isArray(list) ? list.filter((t): t is string => typeof t === 'string') : [];
}

export function isForeach(node: SplNode): boolean {
  return node.type === 'operator' && node.subtype === 'foreach';
}

export function isCondition(node: SplNode): boolean {
  return node.type === 'operator' && node.subtype === 'condition';
}

/**
 * Every link of a node as [branch, target], in document order: `outputs` first, then a
 * foreach's `loop`.
 */
export function nodeLinks(node: SplNode): Array<[string, string]> {
  const links: Array<[string, string]> = [];
  if (isRecord(node.outputs)) {
    for (const [branch, targets] of Object.entries(node.outputs)) {
      if (!Array.isArray(targets)) continue;
      for (const target of targets) if (typeof target === 'string') links.push([branch, target]);
    }
  }
  if (isForeach(node) && Array.isArray(node.loop)) {
    for (const target of node.loop) if (typeof target === 'string') links.push([LOOP_BRANCH, target]);
  }
  return links;
}
