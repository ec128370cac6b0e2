//! A platform run's node runs in the local model: read from the run's details in whatever
//! shape they come, completed from `/node-runs/{uuid}` (the details' entries carry no
//! results), or from the per-node endpoint when the details list none; mapped to the same
//! statuses and branches as local node runs.
//!
//! Statuses: the SDK reports a failed action as `finished` with an `error`, so an error
//! means failed whatever the status. Outputs are a map of branch → bool: every true branch
//! is kept; none true, or true branches that lead nowhere (other than a lone `default`), is
//! "left" (orange), as the local engine shows it.

use super::block_on;
use crate::{Result, StudioError};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::Arc;
use studio_engine::{NodeRun, NodeStatus, RunStatus};
use studio_platform::{Client, NodeRun as RemoteNodeRun, RunDetails};

/// The platform's run status in our terms.
pub(crate) fn run_status(status: &str) -> RunStatus {
    match status.to_ascii_lowercase().as_str() {
        "finished" | "succeeded" | "success" | "completed" | "done" => RunStatus::Succeeded,
        "error" | "failed" | "failure" => RunStatus::Failed,
        "cancelled" | "canceled" | "stopped" | "aborted" => RunStatus::Cancelled,
        _ => RunStatus::Running,
    }
}

/// A node run's status in our terms, before branches (see [`node_run_of`]).
pub(crate) fn node_status(remote: &RemoteNodeRun) -> NodeStatus {
    if remote.failed() {
        return NodeStatus::Failed;
    }
    match remote.status.to_ascii_lowercase().as_str() {
        "finished" | "succeeded" | "success" | "completed" | "done" => NodeStatus::Succeeded,
        "skipped" => NodeStatus::Skipped,
        "pending" | "waiting" | "queued" => NodeStatus::Pending,
        _ => NodeStatus::Running,
    }
}

/// The branches a node run reports true (`None`: it reported none).
fn true_branches(outputs: Option<&Value>) -> Option<Vec<String>> {
    match outputs? {
        Value::Object(map) => Some(map.iter().filter(|(_, v)| matches!(v, Value::Bool(true)) || v.as_array().is_some_and(|a| !a.is_empty())).map(|(k, _)| k.clone()).collect()),
        Value::String(name) => Some(vec![name.clone()]),
        _ => None,
    }
}

/// Maps one platform node run. `graph` (the playbook's nodes) tells whether the true
/// branches lead anywhere; `in_loop` keeps the platform's iteration number.
pub(crate) fn node_run_of(remote: &RemoteNodeRun, graph: Option<&Map<String, Value>>, in_loop: bool) -> NodeRun {
    let mut status = node_status(remote);
    let mut run = NodeRun::pending(&remote.node_id, status);
    if let (NodeStatus::Succeeded, Some(branches)) = (status, true_branches(remote.outputs.as_ref())) {
        let leads = |b: &String| graph.and_then(|g| g.get(&remote.node_id)).and_then(|n| n.get("outputs")).and_then(|o| o.get(b)).and_then(Value::as_array).is_some_and(|t| !t.is_empty());
        let lone_default = branches.len() == 1 && branches[0] == "default";
        if branches.is_empty() || (graph.is_some() && !lone_default && !branches.iter().any(leads)) {
            status = NodeStatus::Left;
        }
        run.set_branches(&branches);
    } else if status == NodeStatus::Succeeded {
        run.branch = Some("default".into());
    }
    run.status = status;
    run.iteration = remote.iteration.filter(|i| in_loop || *i > 0).and_then(|i| u32::try_from(i).ok());
    run.error = remote.error.clone().filter(|e| !e.trim().is_empty());
    run.arguments = remote.arguments.clone();
    run.results = remote.results.clone().map(Arc::new);
    run.started_at = remote.started_at.clone().or_else(|| remote.running_at.clone());
    run.finished_at = remote.finished_at.clone();
    run.details = Some(json!({
        "uuid": remote.uuid, "iteration": remote.iteration, "parent_node_run_id": remote.parent_node_run_id,
        "logs": remote.logs, "pending_at": remote.pending_at, "running_at": remote.running_at,
    }));
    run
}

/// Whole node runs already fetched, by uuid, with the status they had then.
#[derive(Default)]
pub(crate) struct NodeRunCache {
    whole: HashMap<String, RemoteNodeRun>,
}

impl NodeRunCache {
    /// The details' node runs, each completed from `/node-runs/{uuid}` when it lacks its
    /// results and has ended (once per uuid and status). A node run that cannot be fetched
    /// stays as the details gave it.
    pub(crate) fn complete(&mut self, client: &Client, details: &RunDetails) -> Vec<RemoteNodeRun> {
        details.node_runs.iter().map(|entry| self.completed(client, entry)).collect()
    }

    fn completed(&mut self, client: &Client, entry: &RemoteNodeRun) -> RemoteNodeRun {
        let Some(uuid) = entry.uuid.clone().filter(|_| entry.results.is_none() && entry.ended()) else { return entry.clone() };
        if let Some(cached) = self.whole.get(&uuid).filter(|c| c.status == entry.status) {
            return cached.clone();
        }
        match block_on(client.node_run(&uuid)) {
            Ok(mut whole) => {
                if whole.node_id.is_empty() {
                    whole.node_id = entry.node_id.clone();
                }
                whole.outputs = whole.outputs.or_else(|| entry.outputs.clone());
                whole.error = whole.error.or_else(|| entry.error.clone());
                self.whole.insert(uuid, whole.clone());
                whole
            }
            Err(e) => {
                tracing::warn!(node_run = %uuid, error = %e, "could not fetch a platform node run; keeping the run details' entry");
                entry.clone()
            }
        }
    }
}

/// Node ids inside a foreach's loop body (their node runs are per item).
fn loop_nodes(graph: &Map<String, Value>) -> Vec<String> {
    let mut inside: Vec<String> = Vec::new();
    let mut stack: Vec<String> = graph.values().filter_map(|n| n.get("loop")).flat_map(|l| l.as_array().cloned().unwrap_or_default()).filter_map(|v| v.as_str().map(str::to_owned)).collect();
    while let Some(id) = stack.pop() {
        if inside.contains(&id) {
            continue;
        }
        if let Some(outputs) = graph.get(&id).and_then(|n| n.get("outputs")).and_then(Value::as_object) {
            stack.extend(outputs.values().filter_map(Value::as_array).flatten().filter_map(|v| v.as_str().map(str::to_owned)));
        }
        inside.push(id);
    }
    inside
}

/// Maps a run's node runs in the order they ran (start time, then node id, then iteration).
pub(crate) fn mapped(remote: &[RemoteNodeRun], graph: Option<&Map<String, Value>>) -> Vec<NodeRun> {
    let looped = graph.map(loop_nodes).unwrap_or_default();
    let several = |id: &str| remote.iter().filter(|r| r.node_id == id).count() > 1;
    let mut runs: Vec<NodeRun> = remote.iter().map(|r| node_run_of(r, graph, several(&r.node_id) || looped.contains(&r.node_id))).collect();
    let number = |id: &str| id.parse::<u64>().unwrap_or(u64::MAX);
    runs.sort_by(|a, b| (a.started_at.is_none(), &a.started_at, number(&a.node_id), a.iteration).cmp(&(b.started_at.is_none(), &b.started_at, number(&b.node_id), b.iteration)));
    runs
}

/// For a run that ended with no node run in its details: asks the per-node endpoint for
/// every node of the playbook; none there either is an error that says so.
/// `logs_hint` says where the user finds the playbook's platform logs.
pub(crate) fn per_node_fallback(client: &Client, run_uuid: &str, status: RunStatus, node_ids: &[String], logs_hint: &str) -> Result<Vec<RemoteNodeRun>> {
    let mut found = Vec::new();
    for id in node_ids {
        found.extend(block_on(client.node_runs_of(run_uuid, id))?);
    }
    if found.is_empty() && !node_ids.is_empty() {
        return Err(StudioError::Refused(format!(
            "run {run_uuid} ended {status} on the platform, but the platform reported no node run for any of the playbook's {} blocks (neither in the run's details nor per node); its logs may say why ({logs_hint})",
            node_ids.len()
        )));
    }
    Ok(found)
}
