//! Two runs compared ("it worked yesterday, it fails today"): node runs matched by block,
//! loop scope and iteration, in the first run's order; for each, what differs — the state,
//! the branch taken, the arguments, the results (each as JSON changes: added, removed,
//! changed paths) — and the playbook versions each ran on, with the SPL changes between
//! them. Works across origins (a platform run against a local one).

use crate::{Result, Studio};
use serde::Serialize;
use serde_json::Value;
use studio_store::{NodeRunRow, RunRow};

/// At most this many JSON changes are listed per compared value (a run of large results
/// that all differ stays readable); `truncated` says when more were left out.
const MAX_CHANGES: usize = 200;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RunComparison {
    pub first: RunSide,
    pub second: RunSide,
    /// The first difference in the first run's order; `null` when the runs agree.
    pub first_difference: Option<NodeDifference>,
    pub differences: Vec<NodeDifference>,
    /// The SPL changes from the first run's playbook version to the second's (empty when
    /// both ran on the same document).
    pub playbook_changes: Vec<JsonChange>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RunSide {
    pub run_id: String,
    pub origin: String,
    #[ts(type = "\"running\" | \"succeeded\" | \"failed\" | \"cancelled\" | \"interrupted\"")]
    pub status: studio_model::RunStatus,
    pub playbook_version: Option<u32>,
    pub started_at: String,
}

/// One way a node run differs between the runs.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct NodeDifference {
    pub node_id: String,
    /// The block's name in the first run's playbook version (else the second's).
    pub name: Option<String>,
    pub scope: Option<String>,
    pub iteration: Option<u32>,
    /// `only_in_first`, `only_in_second`, `status`, `branch`, `arguments` or `results`.
    pub what: String,
    /// The value in the first run (status, branch) — `null` for arguments and results.
    pub first: Option<String>,
    pub second: Option<String>,
    /// For arguments and results: the paths that changed.
    pub changes: Vec<JsonChange>,
    pub truncated: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct JsonChange {
    /// `alert.urgency`, `items[2].value`; empty for the whole value.
    pub path: String,
    /// `added`, `removed` or `changed`.
    pub kind: String,
    #[ts(type = "any")]
    pub before: Option<Value>,
    #[ts(type = "any")]
    pub after: Option<Value>,
}

/// Every change from `a` to `b`, in key order of `a` then new keys of `b`.
pub fn json_changes(a: &Value, b: &Value) -> Vec<JsonChange> {
    let mut out = Vec::new();
    walk(a, b, String::new(), &mut out);
    out
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn walk(a: &Value, b: &Value, path: String, out: &mut Vec<JsonChange>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                match y.get(k) {
                    Some(vb) => walk(va, vb, join(&path, k), out),
                    None => out.push(JsonChange { path: join(&path, k), kind: "removed".into(), before: Some(va.clone()), after: None }),
                }
            }
            for (k, vb) in y.iter().filter(|(k, _)| !x.contains_key(*k)) {
                out.push(JsonChange { path: join(&path, k), kind: "added".into(), before: None, after: Some(vb.clone()) });
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            for i in 0..x.len().max(y.len()) {
                let p = format!("{path}[{i}]");
                match (x.get(i), y.get(i)) {
                    (Some(va), Some(vb)) => walk(va, vb, p, out),
                    (Some(va), None) => out.push(JsonChange { path: p, kind: "removed".into(), before: Some(va.clone()), after: None }),
                    (None, Some(vb)) => out.push(JsonChange { path: p, kind: "added".into(), before: None, after: Some(vb.clone()) }),
                    (None, None) => {}
                }
            }
        }
        _ if a != b => out.push(JsonChange { path, kind: "changed".into(), before: Some(a.clone()), after: Some(b.clone()) }),
        _ => {}
    }
}

type Key<'a> = (&'a str, Option<&'a str>, Option<u32>);

fn key(nr: &NodeRunRow) -> Key<'_> {
    (nr.node_id.as_str(), nr.scope.as_deref(), nr.iteration)
}

fn side(run: &RunRow) -> RunSide {
    RunSide { run_id: run.id.clone(), origin: run.origin.clone(), status: run.status, playbook_version: run.playbook_version, started_at: run.started_at.clone() }
}

/// The differences of two node runs of the same block, scope and iteration.
fn compare_node_runs(a: &NodeRunRow, b: &NodeRunRow, name: Option<String>, out: &mut Vec<NodeDifference>) {
    let diff = |what: &str, first: Option<String>, second: Option<String>, changes: Vec<JsonChange>| {
        let truncated = changes.len() > MAX_CHANGES;
        NodeDifference {
            node_id: a.node_id.clone(),
            name: name.clone(),
            scope: a.scope.clone(),
            iteration: a.iteration,
            what: what.into(),
            first,
            second,
            changes: changes.into_iter().take(MAX_CHANGES).collect(),
            truncated,
        }
    };
    if a.status != b.status {
        out.push(diff("status", Some(a.status.to_string()), Some(b.status.to_string()), Vec::new()));
    }
    if a.branch != b.branch {
        out.push(diff("branch", a.branch.clone(), b.branch.clone(), Vec::new()));
    }
    for (what, x, y) in [("arguments", &a.arguments, &b.arguments), ("results", &a.results, &b.results)] {
        // No value on one side against an object on the other: its keys were added (or
        // removed), rather than one change of the whole value.
        let absent = |other: &Option<Value>| if matches!(other, Some(Value::Object(_))) { Value::Object(Default::default()) } else { Value::Null };
        let (x, y) = (x.clone().unwrap_or_else(|| absent(y)), y.clone().unwrap_or_else(|| absent(x)));
        let changes = json_changes(&x, &y);
        if !changes.is_empty() {
            out.push(diff(what, None, None, changes));
        }
    }
}

impl Studio {
    /// Compares two runs (of the same playbook or not, local or platform).
    pub fn compare_runs(&self, first: &str, second: &str) -> Result<RunComparison> {
        let (run_a, run_b) = (self.store.run(first)?, self.store.run(second)?);
        let (runs_a, runs_b) = (self.store.node_runs(first)?, self.store.node_runs(second)?);
        let pb_a = self.store.playbook_content(&run_a.playbook_id, run_a.playbook_version).ok();
        let pb_b = self.store.playbook_content(&run_b.playbook_id, run_b.playbook_version).ok();
        let name_of = |id: &str| [&pb_a, &pb_b].into_iter().flatten().find_map(|pb| pb.nodes.get(id).and_then(|n| n.name.clone()));
        let by_key: std::collections::HashMap<Key<'_>, &NodeRunRow> = runs_b.iter().map(|nr| (key(nr), nr)).collect();
        let mut differences = Vec::new();
        for a in &runs_a {
            match by_key.get(&key(a)) {
                Some(b) => compare_node_runs(a, b, name_of(&a.node_id), &mut differences),
                None => differences.push(NodeDifference {
                    node_id: a.node_id.clone(),
                    name: name_of(&a.node_id),
                    scope: a.scope.clone(),
                    iteration: a.iteration,
                    what: "only_in_first".into(),
                    first: Some(a.status.to_string()),
                    second: None,
                    changes: Vec::new(),
                    truncated: false,
                }),
            }
        }
        let in_a: std::collections::HashSet<Key<'_>> = runs_a.iter().map(key).collect();
        for b in runs_b.iter().filter(|b| !in_a.contains(&key(b))) {
            differences.push(NodeDifference {
                node_id: b.node_id.clone(),
                name: name_of(&b.node_id),
                scope: b.scope.clone(),
                iteration: b.iteration,
                what: "only_in_second".into(),
                first: None,
                second: Some(b.status.to_string()),
                changes: Vec::new(),
                truncated: false,
            });
        }
        let playbook_changes = match (&pb_a, &pb_b) {
            (Some(a), Some(b)) => json_changes(&serde_json::to_value(a).unwrap_or_default(), &serde_json::to_value(b).unwrap_or_default()),
            _ => Vec::new(),
        };
        Ok(RunComparison { first: side(&run_a), second: side(&run_b), first_difference: differences.first().cloned(), differences, playbook_changes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_changes_name_each_added_removed_and_changed_path() {
        let a = json!({"alert": {"urgency": 40, "tags": ["a", "b"]}, "gone": 1});
        let b = json!({"alert": {"urgency": 80, "tags": ["a"]}, "new": true});
        let changes: Vec<(String, String)> = json_changes(&a, &b).into_iter().map(|c| (c.path, c.kind)).collect();
        assert_eq!(changes, vec![("alert.urgency".into(), "changed".into()), ("alert.tags[1]".into(), "removed".into()), ("gone".into(), "removed".into()), ("new".into(), "added".into())]);
        assert!(json_changes(&a, &a).is_empty());
        assert_eq!(json_changes(&json!(1), &json!("1"))[0].path, "");
    }
}
