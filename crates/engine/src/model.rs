//! What a run is made of, as recorded and shown: run and node states, node runs, events.

use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RunStatus {
    Running,
    Succeeded,
    Failed,
    Cancelled,
    Interrupted,
}

impl RunStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
            Self::Interrupted => "interrupted",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "running" => Self::Running,
            "succeeded" => Self::Succeeded,
            "failed" => Self::Failed,
            "cancelled" => Self::Cancelled,
            "interrupted" => Self::Interrupted,
            _ => return None,
        })
    }
}

/// A node's state in a run. `Left`: the run left the playbook from this node (the branch it
/// took has no target) — the platform's orange.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeStatus {
    Pending,
    Running,
    Succeeded,
    Failed,
    Skipped,
    Left,
}

impl NodeStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Running => "running",
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
            Self::Skipped => "skipped",
            Self::Left => "left",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "pending" => Self::Pending,
            "running" => Self::Running,
            "succeeded" => Self::Succeeded,
            "failed" => Self::Failed,
            "skipped" => Self::Skipped,
            "left" => Self::Left,
            _ => return None,
        })
    }

    pub fn is_final(self) -> bool {
        !matches!(self, Self::Pending | Self::Running)
    }
}

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
        }
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
pub enum RunEvent {
    RunStarted { run_id: String },
    /// A node started (`status: running`) or finished.
    Node { run_id: String, node_run: NodeRun },
    /// The store after a store operator changed it.
    Store { run_id: String, store: Value },
    RunFinished { run_id: String, status: RunStatus, error: Option<String> },
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
    const FORMAT: &[time::format_description::FormatItem<'static>] =
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");
    time::OffsetDateTime::now_utc().format(FORMAT).expect("formatting the current time")
}
