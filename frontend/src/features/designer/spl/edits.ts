/**
 * Edits of an SPL document, as pure functions: each takes a playbook and returns a new one,
 * sharing every node it did not touch (so history snapshots are cheap and memoized canvas
 * nodes only re-render when their own node changed). Keys the designer does not know are
 * always copied along.
 *
 * Not here: catalogue lookups (callers build the node to add), clipboard and layout.
 */
import {
  DEFAULT_BRANCH,
  ELSE_BRANCH,
  LOOP_BRANCH,
  branchTargets,
  isForeach,
  isRecord,
  type SplCase,
  type SplNode,
  type SplPlaybook,
} from './types';

export type XY = { x: number; y: number };

/** The next unused id: one more than the largest integer id (ids of deleted nodes are not reused). */
export function nextNodeId(playbook: SplPlaybook, taken: Iterable<string> = []): string {
  let max = -1;
  const consider = (id: string) => {
    if (/^\d+$/.test(id)) max = Math.max(max, Number(id));
  };
  for (const id of Object.keys(playbook.nodes)) consider(id);
  for (const id of taken) consider(id);
  return String(max + 1);
}

/** Positions are kept as integers in SPL. */
export function toSplPosition(point: XY): XY {
  return { x: Math.round(point.x), y: Math.round(point.y) };
}

export function withNodes(playbook: SplPlaybook, nodes: SplPlaybook['nodes']): SplPlaybook {
  return { ...playbook, nodes };
}

export function addNode(playbook: SplPlaybook, node: SplNode, position: XY): { playbook: SplPlaybook; id: string } {
  const id = nextNodeId(playbook);
  const placed: SplNode = { ...node, position: toSplPosition(position) };
  return { playbook: withNodes(playbook, { ...playbook.nodes, [id]: placed }), id };
}

/** Changes one node; a missing id leaves the playbook as it is. */
export function updateNode(playbook: SplPlaybook, id: string, update: (node: SplNode) => SplNode): SplPlaybook {
  const node = playbook.nodes[id];
  if (node === undefined) return playbook;
  const next = update(node);
  if (next === node) return playbook;
  return withNodes(playbook, { ...playbook.nodes, [id]: next });
}

/**
 * Moves nodes. A position keeps its other keys; a position that does not change keeps its
 * object (and its node), so moving nothing changes nothing.
 */
export function moveNodes(playbook: SplPlaybook, positions: Record<string, XY>): SplPlaybook {
  let nodes: SplPlaybook['nodes'] | null = null;
  for (const [id, point] of Object.entries(positions)) {
    const node = playbook.nodes[id];
    if (node === undefined) continue;
    const { x, y } = toSplPosition(point);
    const current = isRecord(node.position) ? node.position : undefined;
    if (current !== undefined && current.x === x && current.y === y) continue;
    nodes ??= { ...playbook.nodes };
    nodes[id] = { ...node, position: { ...(current ?? {}), x, y } };
  }
  return nodes === null ? playbook : withNodes(playbook, nodes);
}

/**
 * Adds `target` to the branch of `source` (a foreach's `loop` branch goes to its `loop`
 * array). Linking twice, to itself, or to a node that does not exist changes nothing.
 */
export function connect(playbook: SplPlaybook, source: string, branch: string, target: string): SplPlaybook {
  const node = playbook.nodes[source];
  if (node === undefined || playbook.nodes[target] === undefined || source === target) return playbook;
  if (branchTargets(node, branch).includes(target)) return playbook;
  return updateNode(playbook, source, (n) => setBranch(n, branch, [...rawBranch(n, branch), target]));
}

/** Removes one link; the branch itself stays (possibly empty), as the platform writes it. */
export function disconnect(playbook: SplPlaybook, source: string, branch: string, target: string): SplPlaybook {
  const node = playbook.nodes[source];
  if (node === undefined) return playbook;
  const list = rawBranch(node, branch);
  if (!list.includes(target)) return playbook;
  return updateNode(playbook, source, (n) => setBranch(n, branch, list.filter((t) => t !== target)));
}

/** Deletes nodes and every link that pointed at them. */
export function removeNodes(playbook: SplPlaybook, ids: Iterable<string>): SplPlaybook {
  const gone = new Set([...ids].filter((id) => id in playbook.nodes));
  if (gone.size === 0) return playbook;
  const nodes: SplPlaybook['nodes'] = {};
  for (const [id, node] of Object.entries(playbook.nodes)) {
    if (gone.has(id)) continue;
    nodes[id] = dropTargets(node, gone);
  }
  return withNodes(playbook, nodes);
}

/** The node without links to `gone`; the same object when it had none. */
export function dropTargets(node: SplNode, gone: ReadonlySet<string>): SplNode {
  let next = node;
  if (isRecord(node.outputs)) {
    let outputs: Record<string, unknown> | null = null;
    for (const [branch, targets] of Object.entries(node.outputs)) {
      if (!Array.isArray(targets) || !targets.some((t) => gone.has(t))) continue;
      outputs ??= { ...node.outputs };
      outputs[branch] = targets.filter((t) => !gone.has(t));
    }
    if (outputs !== null) next = { ...next, outputs: outputs as SplNode['outputs'] };
  }
  if (isForeach(node) && Array.isArray(node.loop) && node.loop.some((t) => gone.has(t))) {
    next = { ...next, loop: node.loop.filter((t) => !gone.has(t)) };
  }
  return next;
}

// ---------------------------------------------------------------------------------------
// Condition cases: each case name is an output branch.

/** Why a case name cannot be used, or null when it can. */
export function caseNameProblem(node: SplNode, index: number, name: string): string | null {
  if (name.trim() === '') return 'A case needs a name.';
  if (name === ELSE_BRANCH) return '“else” is the branch taken when no case holds; choose another name.';
  const cases = Array.isArray(node.cases) ? node.cases : [];
  if (cases.some((c, i) => i !== index && c?.name === name)) return `Another case is already named “${name}”.`;
  return null;
}

/**
 * Renames a case and its output branch, keeping the branch's targets and its place among
 * the outputs. Refused (playbook unchanged) when `caseNameProblem` objects.
 */
export function renameCase(playbook: SplPlaybook, id: string, index: number, name: string): SplPlaybook {
  return updateNode(playbook, id, (node) => {
    const cases = Array.isArray(node.cases) ? node.cases : [];
    const current = cases[index];
    if (current === undefined || current.name === name || caseNameProblem(node, index, name) !== null) return node;
    const nextCases = cases.map((c, i) => (i === index ? { ...c, name } : c));
    const outputs = isRecord(node.outputs) ? node.outputs : {};
    const renamed: Record<string, string[]> = {};
    let moved = false;
    for (const [branch, targets] of Object.entries(outputs)) {
      if (branch === current.name) {
        renamed[name] = targets;
        moved = true;
      } else if (branch !== name) {
        renamed[branch] = targets;
      }
    }
    if (!moved) renamed[name] = [];
    return { ...node, cases: nextCases, outputs: renamed };
  });
}

/** Adds a case (and its empty branch) with a fresh name such as "Case 2". */
export function addCase(playbook: SplPlaybook, id: string, fields: Partial<SplCase> = {}): SplPlaybook {
  return updateNode(playbook, id, (node) => {
    const cases = Array.isArray(node.cases) ? node.cases : [];
    const used = new Set([...cases.map((c) => c?.name), ...Object.keys(node.outputs ?? {})]);
    let n = cases.length + 1;
    while (used.has(`Case ${n}`)) n += 1;
    const name = fields.name !== undefined && !used.has(fields.name) ? fields.name : `Case ${n}`;
    const added: SplCase = { name, left: '', comparison: '==', right: '', ...fields };
    added.name = name;
    // The new branch goes before `else`, so handles read in case order.
    const outputs: Record<string, string[]> = {};
    for (const [branch, targets] of Object.entries(node.outputs ?? {})) {
      if (branch === ELSE_BRANCH) outputs[name] = [];
      outputs[branch] = targets;
    }
    if (!(name in outputs)) outputs[name] = [];
    return { ...node, cases: [...cases, added], outputs };
  });
}

/** Removes a case and its branch (with its links). */
export function removeCase(playbook: SplPlaybook, id: string, index: number): SplPlaybook {
  return updateNode(playbook, id, (node) => {
    const cases = Array.isArray(node.cases) ? node.cases : [];
    const removed = cases[index];
    if (removed === undefined) return node;
    const outputs = { ...(node.outputs ?? {}) };
    if (!cases.some((c, i) => i !== index && c.name === removed.name)) delete outputs[removed.name];
    return { ...node, cases: cases.filter((_, i) => i !== index), outputs };
  });
}

/** Moves a case up (-1) or down (+1); the outputs keep their order. */
export function moveCase(playbook: SplPlaybook, id: string, index: number, delta: -1 | 1): SplPlaybook {
  return updateNode(playbook, id, (node) => {
    const cases = Array.isArray(node.cases) ? [...node.cases] : [];
    const to = index + delta;
    if (index < 0 || index >= cases.length || to < 0 || to >= cases.length) return node;
    [cases[index], cases[to]] = [cases[to], cases[index]];
    return { ...node, cases };
  });
}

// ---------------------------------------------------------------------------------------

function rawBranch(node: SplNode, branch: string): string[] {
  const list = isForeach(node) && branch === LOOP_BRANCH ? node.loop : node.outputs?.[branch];
  return Array.isArray(list) ? list : [];
}

function setBranch(node: SplNode, branch: string, targets: string[]): SplNode {
  if (isForeach(node) && branch === LOOP_BRANCH) return { ...node, loop: targets };
  const outputs = isRecord(node.outputs) ? node.outputs : { [DEFAULT_BRANCH]: [] };
  return { ...node, outputs: { ...outputs, [branch]: targets } };
}
