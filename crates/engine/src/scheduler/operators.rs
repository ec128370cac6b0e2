//! The operators that decide the flow without calling anything: a condition's case, a store's
//! modifications, and whether an `all` join may still receive a branch. Part of the
//! scheduler (its run state is theirs); running actions and loops stays in `scheduler.rs`.

use super::{Run, Stop};
use crate::compare::compare;
use crate::model::{NodeStatus, RunEvent};
use serde_json::{json, Value};
use std::collections::{HashSet, VecDeque};
use std::sync::Arc;
use studio_model::Node;

impl Run<'_, '_> {
    /// Takes the first case whose comparison holds (else `else`). Each case evaluated is
    /// recorded in the node run's arguments — name, rendered left and right, comparison,
    /// whether it matched — so the RUN view can say why the run went that way.
    pub(super) fn run_condition(&mut self, id: &str, node: &Node, iteration: Option<u32>) -> Result<Vec<String>, Stop> {
        let mut nr = self.start(id, iteration);
        let mut chosen = "else".to_owned();
        let mut evaluated = Vec::new();
        for case in node.cases.iter().flatten() {
            let left = self.render(case.left.as_ref().unwrap_or(&Value::Null));
            let right = self.render(case.right.as_ref().unwrap_or(&Value::Null));
            let cmp = case.comparison.as_deref().unwrap_or("==");
            let value_type = case.extra.get("value_type").and_then(Value::as_str);
            let matched = match (&left, &right) {
                (Ok(l), Ok(r)) => compare(cmp, l, r, value_type),
                (Err(e), _) | (_, Err(e)) => Err(e.clone()),
            };
            let shown = |v: &Result<Value, String>| v.as_ref().cloned().unwrap_or(Value::Null);
            let mut record = json!({"name": case.name, "left": shown(&left), "comparison": cmp, "right": shown(&right), "matched": matched.as_ref().ok().copied()});
            if let Some(t) = value_type {
                record["value_type"] = json!(t);
            }
            evaluated.push(record);
            match matched {
                Ok(true) => {
                    chosen = case.name.clone();
                    break;
                }
                Ok(false) => {}
                Err(e) => {
                    let msg = format!("case `{}`: {e}", case.name);
                    nr.arguments = Some(json!({"cases": evaluated}));
                    nr.error = Some(msg.clone());
                    self.finish(nr, NodeStatus::Failed);
                    return Err(Stop::Failed(format!("node {id}: {msg}")));
                }
            }
        }
        let next = node.outputs.get(&chosen).cloned().unwrap_or_default();
        nr.arguments = Some(json!({"cases": evaluated}));
        nr.branch = Some(chosen);
        self.finish(nr, if next.is_empty() { NodeStatus::Left } else { NodeStatus::Succeeded });
        Ok(next)
    }

    /// Applies a store operator's modifications in order (set, unset, append, remove) and
    /// shows the store to the rest of the run.
    pub(super) fn run_store(&mut self, id: &str, node: &Node, iteration: Option<u32>) -> Result<Vec<String>, Stop> {
        let mut nr = self.start(id, iteration);
        for (i, m) in node.modifications.iter().flatten().enumerate() {
            let value = match m.value.as_ref().map(|v| self.render(v)).transpose() {
                Ok(v) => v.unwrap_or(Value::Null),
                Err(e) => {
                    let msg = format!("modifications[{i}] ({}): {e}", m.key);
                    nr.error = Some(msg.clone());
                    self.finish(nr, NodeStatus::Failed);
                    return Err(Stop::Failed(format!("node {id}: {msg}")));
                }
            };
            match m.kind.as_str() {
                "set" => {
                    self.store.insert(m.key.clone(), value);
                }
                "unset" => {
                    self.store.remove(&m.key);
                }
                "append" => match self.store.entry(m.key.clone()).or_insert_with(|| Value::Array(Vec::new())) {
                    Value::Array(items) => items.push(value),
                    other => *other = Value::Array(vec![other.take(), value]),
                },
                _ => {
                    if let Some(Value::Array(items)) = self.store.get_mut(&m.key) {
                        if let Some(pos) = items.iter().position(|x| *x == value) {
                            items.remove(pos);
                        }
                    }
                }
            }
        }
        let store = Value::Object(self.store.clone());
        self.ctx.set("store", &store);
        self.emit(RunEvent::Store { run_id: self.spec.run_id.clone(), store: self.redact(&store) });
        nr.results = Some(Arc::new(store));
        nr.branch = Some("default".into());
        self.finish(nr, NodeStatus::Succeeded);
        Ok(node.outputs.get("default").cloned().unwrap_or_default())
    }

    /// Whether an `all` join may still receive a branch in this scope: one of its
    /// predecessors has not run yet and can be reached from what is queued (without going
    /// through the join). A predecessor on a branch a condition did not take, behind an
    /// action that left the run, or outside this scope is ruled out (dead-path elimination),
    /// so a join never waits for a branch that cannot come.
    pub(super) fn may_still_arrive(&self, join: &str, queue: &VecDeque<String>, done: &HashSet<String>) -> bool {
        let Some(preds) = self.predecessors.get(join) else { return false };
        let pending: HashSet<&str> = preds.iter().map(String::as_str).filter(|p| !done.contains(*p)).collect();
        if pending.is_empty() {
            return false;
        }
        let mut seen: HashSet<&str> = HashSet::new();
        let mut stack: Vec<&str> = queue.iter().map(String::as_str).filter(|q| *q != join).collect();
        while let Some(id) = stack.pop() {
            if !seen.insert(id) || done.contains(id) {
                continue;
            }
            if pending.contains(id) {
                return true;
            }
            if let Some(node) = self.spec.playbook.nodes.get(id) {
                stack.extend(node.edges().map(|(_, target)| target).filter(|t| *t != join));
            }
        }
        false
    }
}
