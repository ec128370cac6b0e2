/**
 * A sketch of the core's playbook checks for the in-memory backend (trigger present, links
 * to existing blocks, blocks known to the catalogue, required arguments, condition cases,
 * foreach items), so the problems list and badges have something real to show.
 */
import type { Catalog } from '../bindings/Catalog';
import type { Diagnostic } from '../bindings/Diagnostic';
import { isJson, type Json } from './json';

export function validate(content: Json, catalog: Catalog): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (severity: Diagnostic['severity'], node: string | null, field: string | null, message: string) =>
    out.push({ severity, node, field, line: null, column: null, message });
  const nodes = isJson(content.nodes) ? content.nodes : {};
  const actions = new Map(catalog.modules.flatMap((m) => m.actions.map((a) => [a.uuid, a] as const)));
  const triggers = new Map(catalog.modules.flatMap((m) => m.triggers.map((t) => [t.uuid, t] as const)));
  const modules = new Set(catalog.modules.map((m) => m.uuid));
  const operators = new Set(catalog.operators.map((o) => o.subtype));
  const incoming = new Set<string>();
  const ids = Object.keys(nodes);
  let triggerCount = 0;
  for (const id of ids) {
    const node = isJson(nodes[id]) ? (nodes[id] as Json) : {};
    const links: Array<[string, unknown]> = [];
    if (isJson(node.outputs)) for (const [b, t] of Object.entries(node.outputs)) links.push([`outputs.${b}`, t]);
    else at('error', id, 'outputs', 'outputs is required (at least {"default": []})');
    if (node.subtype === 'foreach') links.push(['loop', node.loop]);
    for (const [field, targets] of links) {
      for (const t of Array.isArray(targets) ? targets : []) {
        if (typeof t === 'string' && t in nodes) incoming.add(t);
        else at('error', id, field, `links to block ${String(t)}, which does not exist`);
      }
    }
    if (node.type === 'trigger') {
      triggerCount += 1;
      if (!triggers.has(String(node.trigger_uuid))) at('warning', id, 'trigger_uuid', modules.has(String(node.module_uuid)) ? 'trigger not in the catalogue' : 'module not in the catalogue');
    } else if (node.type === 'action') {
      const block = actions.get(String(node.action_uuid));
      if (block === undefined) at('warning', id, 'action_uuid', modules.has(String(node.module_uuid)) ? 'action not in the catalogue' : 'module not in the catalogue');
      else {
        const args = isJson(node.arguments) ? node.arguments : {};
        const required = isJson(block.arguments) && Array.isArray(block.arguments.required) ? block.arguments.required : [];
        for (const name of required) if (args[name] === undefined || args[name] === '') at('error', id, `arguments.${name}`, 'required argument is missing');
      }
    } else if (node.type === 'operator') {
      if (!operators.has(String(node.subtype))) at('warning', id, 'subtype', `unknown operator ${String(node.subtype)}`);
      if (node.subtype === 'condition' && (!Array.isArray(node.cases) || node.cases.length === 0)) at('error', id, 'cases', 'a condition needs at least one case');
      if (node.subtype === 'foreach' && (typeof node.items !== 'string' || node.items.trim() === '')) at('error', id, 'items', 'the list to walk through is missing');
      if (node.subtype === 'store' && (!Array.isArray(node.modifications) || node.modifications.length === 0)) at('warning', id, 'modifications', 'the store changes nothing');
    } else {
      at('error', id, 'type', `unknown block type ${String(node.type)}`);
    }
  }
  if (triggerCount === 0) at('error', null, 'nodes', 'The playbook has no trigger: add one from the palette.');
  if (triggerCount > 1) at('warning', null, 'nodes', `The playbook has ${triggerCount} triggers; the platform runs one.`);
  for (const id of ids) {
    const node = nodes[id] as Json;
    if (node?.type !== 'trigger' && !incoming.has(id)) at('warning', id, null, 'not linked from any block: it never runs');
  }
  return out;
}
