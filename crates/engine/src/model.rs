//! What a run is made of, as recorded and shown: run and node states, node runs, events.

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use studio_model::{NodeStatus, RunStatus};

/// One execution of one node (a node inside a foreach runs once per item: `iteration`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeRun {
    pub node_id: String,
    /// The item index of the innermost foreach around the node (`None` outside loops).
    pub iteration: Option<u32>,
    /// Inside nested loops, the indices of the enclosing loops' items, outermost first
    /// (`"1.0"`); `None` for a node in at most one loop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    pub status: NodeStatus,
    pub branch: Option<String>,
    pub error: Option<String>,
    pub arguments: Option<Value>,
    /// Shared with the run's Jinja context (results can be large).
    pub results: Option<std::sync::Arc<Value>>,
    pub mocked: bool,
    pub reused: bool,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    /// What the platform adds to a node run it ran (its uuid, parent node run, logs, queue
    /// times); `None` for local runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<Value>,
}

impl NodeRun {
    pub fn pending(node_id: &str, status: NodeStatus) -> Self {
        Self {
            node_id: node_id.to_owned(),
            iteration: None,
            scope: None,
            status,
            branch: None,
            error: None,
            arguments: None,
            results: None,
            mocked: false,
            reused: false,
            started_at: None,
            finished_at: None,
            details: None,
        }
    }
}

impl NodeRun {
    /// The branches this node run took. `branch` holds one name, or — for an action that made
    /// several branches true, or none — the list written as JSON (`["a","b"]`, `[]`).
    pub fn branches(&self) -> Vec<String> {
        branches_of(self.branch.as_deref())
    }

    /// Records the branches taken (see [`NodeRun::branches`]).
    pub fn set_branches(&mut self, branches: &[String]) {
        self.branch = Some(match branches {
            [one] => one.clone(),
            many => serde_json::to_string(many).expect("a list of names is JSON"),
        });
    }
}

/// The branches a recorded `branch` stands for (see [`NodeRun::branches`]).
pub fn branches_of(branch: Option<&str>) -> Vec<String> {
    match branch {
        None => Vec::new(),
        Some(b) if b.starts_with('[') => serde_json::from_str(b).unwrap_or_else(|_| vec![b.to_owned()]),
        Some(b) => vec![b.to_owned()],
    }
}

/// Identifies one execution of a node in a run: node id, iteration, scope.
pub type NodeRunKey = (String, Option<u32>, Option<String>);

impl NodeRun {
    pub fn key(&self) -> NodeRunKey {
        (self.node_id.clone(), self.iteration, self.scope.clone())
    }
}

/// What a run reports as it goes (persisted by the sink, shown by the CLI and the app).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
// Events live for a moment (sent, written, dropped): boxing the node run would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum RunEvent {
    RunStarted {
        run_id: String,
    },
    /// A node started (`status: running`) or finished.
    Node {
        run_id: String,
        node_run: NodeRun,
    },
    /// The store after a store operator changed it.
    Store {
        run_id: String,
        store: Value,
    },
    RunFinished {
        run_id: String,
        status: RunStatus,
        error: Option<String>,
    },
    /// Something the user should know that is not a state change (a platform run switched
    /// its playbook on, attached a trigger configuration...).
    Notice {
        message: String,
    },
}

/// A finished run.
#[derive(Debug, Clone, Serialize)]
pub struct RunOutcome {
    pub run_id: String,
    pub status: RunStatus,
    pub error: Option<String>,
    pub node_runs: Vec<NodeRun>,
    pub store: Value,
}

pub fn now() -> String {
    const FORMAT: &[time::format_description::FormatItem<'static>] = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");
    time::OffsetDateTime::now_utc().format(FORMAT).expect("formatting the current time")
}
