//! A run's and a node run's states: one enum each, shared by the engine that sets them, the
//! store that keeps them as text, and the views that show them. A text that names no state
//! is refused where it is read (`parse` gives `None`), never guessed.

use serde::{Deserialize, Serialize};

/// A run's state.
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

impl std::fmt::Display for RunStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

impl std::fmt::Display for NodeStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// The statuses as SQLite text (`running`, `failed`...): written with `params![status]`, read
/// with `row.get::<_, RunStatus>(i)`; a text that names no state is a conversion error that
/// names it, never some other state.
#[cfg(feature = "sql")]
mod sql {
    use super::{NodeStatus, RunStatus};
    use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

    fn read<T>(value: ValueRef<'_>, parse: fn(&str) -> Option<T>) -> FromSqlResult<T> {
        let text = value.as_str()?;
        parse(text).ok_or_else(|| FromSqlError::Other(format!("unknown status `{text}`").into()))
    }

    impl ToSql for RunStatus {
        fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
            Ok(ToSqlOutput::from(self.as_str()))
        }
    }

    impl FromSql for RunStatus {
        fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
            read(value, RunStatus::parse)
        }
    }

    impl ToSql for NodeStatus {
        fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
            Ok(ToSqlOutput::from(self.as_str()))
        }
    }

    impl FromSql for NodeStatus {
        fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
            read(value, NodeStatus::parse)
        }
    }
}
