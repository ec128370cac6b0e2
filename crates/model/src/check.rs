//! Graph and catalogue rules over a well-shaped playbook: dangling targets, cycles, triggers,
//! reachability, branch names, and block arguments against the catalogue's schemas.

use crate::catalog::{BlockKind, Catalog};
use crate::diagnostic::{self, Diagnostic};
use crate::schema;
use crate::spl::{NodeType, OperatorSubtype, Playbook};
use std::collections::{HashMap, HashSet, VecDeque};

#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions<'a> {
    /// When given, blocks are looked up in it: unknown ones are warned about and known ones
    /// have their arguments checked against their schema.
    pub catalog: Option<&'a Catalog>,
}

pub fn check_playbook(playbook: &Playbook, options: &CheckOptions<'_>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    check_targets(playbook, &mut diags);
    check_cycles(playbook, &mut diags);
    check_triggers_and_reach(playbook, &mut diags);
    check_condition_branches(playbook, &mut diags);
    if let Some(catalog) = options.catalog {
        check_blocks(playbook, catalog, &mut diags);
    }
    diagnostic::sort(&mut diags);
    diags
}

fn check_targets(pb: &Playbook, diags: &mut Vec<Diagnostic>) {
    for (id, node) in &pb.nodes {
        for (branch, targets) in &node.outputs {
            for (i, target) in targets.iter().enumerate() {
                if !pb.nodes.contains_key(target) {
                    diags.push(Diagnostic::error(format!("target \"{target}\" is not a node")).at_node(id).at_field(format!("outputs.{branch}[{i}]")));
                } else if target == id {
                    diags.push(Diagnostic::error(format!("cycle: {id} → {id} (the node links to itself)")).at_node(id).at_field(format!("outputs.{branch}[{i}]")));
                }
            }
        }
        for (i, target) in node.loop_targets.iter().flatten().enumerate() {
            if !pb.nodes.contains_key(target) {
                diags.push(Diagnostic::error(format!("loop target \"{target}\" is not a node")).at_node(id).at_field(format!("loop[{i}]")));
            }
        }
    }
}

/// Depth-first search over `outputs` edges. The foreach `loop` edges are left out: a loop body
/// that links back to its foreach is the loop, not a cycle.
fn check_cycles(pb: &Playbook, diags: &mut Vec<Diagnostic>) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let ids: Vec<&str> = pb.nodes.keys().map(String::as_str).collect();
    let index: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let succ: Vec<Vec<usize>> = pb.nodes.iter().map(|(id, n)| n.outputs.values().flatten().filter(|t| *t != id).filter_map(|t| index.get(t.as_str()).copied()).collect()).collect();
    let mut mark = vec![Mark::New; ids.len()];
    let mut reported: HashSet<Vec<usize>> = HashSet::new();
    for start in 0..ids.len() {
        if mark[start] != Mark::New {
            continue;
        }
        // (node, next successor to visit)
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        mark[start] = Mark::Open;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&to) = succ[node].get(*next) {
                *next += 1;
                match mark[to] {
                    Mark::New => {
                        mark[to] = Mark::Open;
                        stack.push((to, 0));
                    }
                    Mark::Open => {
                        let from = stack.iter().position(|(n, _)| *n == to).unwrap_or(0);
                        let mut cycle: Vec<usize> = stack[from..].iter().map(|(n, _)| *n).collect();
                        let mut key = cycle.clone();
                        key.sort_unstable();
                        if reported.insert(key) {
                            cycle.push(to);
                            let path: Vec<&str> = cycle.iter().map(|i| ids[*i]).collect();
                            diags.push(Diagnostic::error(format!("cycle: {}", path.join(" → "))).at_node(ids[node]).at_field("outputs"));
                        }
                    }
                    Mark::Done => {}
                }
            } else {
                mark[node] = Mark::Done;
                stack.pop();
            }
        }
    }
}

fn check_triggers_and_reach(pb: &Playbook, diags: &mut Vec<Diagnostic>) {
    let triggers: Vec<&str> = pb.nodes.iter().filter(|(_, n)| n.kind == NodeType::Trigger).map(|(id, _)| id.as_str()).collect();
    match triggers.len() {
        0 => {
            diags.push(Diagnostic::error("the playbook has no trigger node").at_field("nodes"));
            return;
        }
        1 => {}
        n => diags.push(Diagnostic::warning(format!("the playbook has {n} triggers ({}); the platform starts from one", triggers.join(", "))).at_field("nodes")),
    }
    let mut seen: HashSet<&str> = triggers.iter().copied().collect();
    let mut queue: VecDeque<&str> = triggers.into_iter().collect();
    while let Some(id) = queue.pop_front() {
        if let Some(node) = pb.nodes.get(id) {
            for (_, target) in node.edges() {
                if pb.nodes.contains_key(target) && seen.insert(target) {
                    queue.push_back(target);
                }
            }
        }
    }
    for id in pb.nodes.keys() {
        if !seen.contains(id.as_str()) {
            diags.push(Diagnostic::warning("not reachable from the trigger: it will never run").at_node(id));
        }
    }
}

fn check_condition_branches(pb: &Playbook, diags: &mut Vec<Diagnostic>) {
    for (id, node) in &pb.nodes {
        if node.subtype != Some(OperatorSubtype::Condition) {
            continue;
        }
        let cases: HashSet<&str> = node.cases.iter().flatten().map(|c| c.name.as_str()).collect();
        for branch in node.outputs.keys() {
            if branch != "else" && !cases.contains(branch.as_str()) {
                diags.push(Diagnostic::warning(format!("branch `{branch}` matches no case name")).at_node(id).at_field(format!("outputs.{branch}")));
            }
        }
    }
}

fn check_blocks(pb: &Playbook, catalog: &Catalog, diags: &mut Vec<Diagnostic>) {
    for (id, node) in &pb.nodes {
        let (kind, uuid, key) = match node.kind {
            NodeType::Action => (BlockKind::Action, node.action_uuid.as_deref(), "action_uuid"),
            NodeType::Trigger => (BlockKind::Trigger, node.trigger_uuid.as_deref(), "trigger_uuid"),
            NodeType::Operator => continue,
        };
        let (Some(module_uuid), Some(uuid)) = (node.module_uuid.as_deref(), uuid) else { continue };
        let Some(module) = catalog.module(module_uuid) else {
            diags.push(Diagnostic::warning(format!("unknown module {module_uuid} (not in the catalogue)")).at_node(id).at_field("module_uuid"));
            continue;
        };
        let Some(block) = catalog.block(module_uuid, kind, uuid) else {
            diags.push(Diagnostic::warning(format!("unknown {} {uuid} in module {}", kind.as_str(), module.name)).at_node(id).at_field(key));
            continue;
        };
        if !block.outputs.is_empty() {
            for branch in node.outputs.keys() {
                if branch != "default" && branch != "error" && !block.outputs.contains_key(branch) {
                    let declared: Vec<&str> = block.outputs.keys().map(String::as_str).collect();
                    diags.push(Diagnostic::warning(format!("`{}` declares no branch `{branch}` (it has: {})", block.name, declared.join(", "))).at_node(id).at_field(format!("outputs.{branch}")));
                }
            }
        }
        let arguments = serde_json::Value::Object(node.arguments.clone().unwrap_or_default());
        let mut issues = Vec::new();
        schema::check(&block.arguments, &arguments, "", &mut issues);
        for issue in issues {
            let field = if issue.path.is_empty() { "arguments".to_owned() } else { format!("arguments.{}", issue.path) };
            diags.push(Diagnostic::error(issue.message).at_node(id).at_field(field));
        }
    }
}
