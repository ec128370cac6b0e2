//! Queries on `runs` and `node_runs`. The engine's events become rows here (through the
//! studio's sink); a crash leaves runs `running`, which the next start marks `interrupted`.

use crate::{now, Result, Store, StoreError};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;
use serde_json::Value;
use studio_model::{NodeStatus, RunStatus};

/// A run as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunRow {
    pub id: String,
    pub playbook_id: String,
    pub playbook_version: Option<u32>,
    pub origin: String,
    pub status: RunStatus,
    pub rerun_of: Option<String>,
    pub event: Value,
    pub store: Value,
    pub error: Option<String>,
    pub options: Value,
    pub started_at: String,
    pub finished_at: Option<String>,
    /// The platform's name of the run's event (platform runs only).
    pub event_name: Option<String>,
}

/// A node run as stored (JSON columns parsed).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct NodeRunRow {
    pub node_id: String,
    pub iteration: Option<u32>,
    /// Enclosing loops' indices in nested loops (`"1.0"`), else `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    pub status: NodeStatus,
    pub branch: Option<String>,
    pub error: Option<String>,
    pub arguments: Option<Value>,
    pub results: Option<Value>,
    pub mocked: bool,
    pub reused: bool,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    /// What the platform adds to a node run it ran (uuid, parent, logs, queue times).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<Value>,
}

fn json_col(row: &Row<'_>, i: usize) -> rusqlite::Result<Option<Value>> {
    let text: Option<String> = row.get(i)?;
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}

/// A row that could not be read (an unknown status) as a `Corrupt` error naming it.
fn unreadable<'a>(what: &'static str, id: &'a str) -> impl Fn(rusqlite::Error) -> StoreError + 'a {
    move |e| match e {
        rusqlite::Error::FromSqlConversionFailure(_, _, cause) => StoreError::Corrupt { what, id: id.to_owned(), message: cause.to_string() },
        other => other.into(),
    }
}

const RUN_COLUMNS: &str = "id, playbook_id, playbook_version, origin, status, rerun_of, event, store, error, options, started_at, finished_at, event_name";

fn run_row(row: &Row<'_>) -> rusqlite::Result<RunRow> {
    Ok(RunRow {
        id: row.get(0)?,
        playbook_id: row.get(1)?,
        playbook_version: row.get(2)?,
        origin: row.get(3)?,
        status: row.get(4)?,
        rerun_of: row.get(5)?,
        event: json_col(row, 6)?.unwrap_or(Value::Null),
        store: json_col(row, 7)?.unwrap_or(Value::Null),
        error: row.get(8)?,
        options: json_col(row, 9)?.unwrap_or(Value::Null),
        started_at: row.get(10)?,
        finished_at: row.get(11)?,
        event_name: row.get(12)?,
    })
}

/// A node run to write (borrowed: results can be large).
pub struct NodeRunWrite<'a> {
    pub node_id: &'a str,
    pub iteration: Option<u32>,
    pub scope: Option<&'a str>,
    pub status: NodeStatus,
    pub branch: Option<&'a str>,
    pub error: Option<&'a str>,
    pub arguments: Option<&'a Value>,
    pub results: Option<&'a Value>,
    pub mocked: bool,
    pub reused: bool,
    pub started_at: Option<&'a str>,
    pub finished_at: Option<&'a str>,
    pub details: Option<&'a Value>,
}

impl NodeRunRow {
    /// The row as a write (a run copied from elsewhere: a run bundle).
    pub fn as_write(&self) -> NodeRunWrite<'_> {
        NodeRunWrite {
            node_id: &self.node_id,
            iteration: self.iteration,
            scope: self.scope.as_deref(),
            status: self.status,
            branch: self.branch.as_deref(),
            error: self.error.as_deref(),
            arguments: self.arguments.as_ref(),
            results: self.results.as_ref(),
            mocked: self.mocked,
            reused: self.reused,
            started_at: self.started_at.as_deref(),
            finished_at: self.finished_at.as_deref(),
            details: self.details.as_ref(),
        }
    }
}

/// A node run's node id, arguments and results as the stored JSON text.
pub type NodeRunTexts = (String, Option<String>, Option<String>);

/// Which runs a list shows (`None`: any).
#[derive(Debug, Clone, Copy, Default)]
pub struct RunFilter<'a> {
    pub status: Option<RunStatus>,
    pub origin: Option<&'a str>,
}

/// A new run, before it starts.
pub struct NewRun<'a> {
    pub id: &'a str,
    pub playbook_id: &'a str,
    pub playbook_version: Option<u32>,
    pub rerun_of: Option<&'a str>,
    pub event: &'a Value,
    pub options: &'a Value,
}

/// A run of the platform as last seen: inserted the first time, updated afterwards.
pub struct PlatformRunWrite<'a> {
    /// The platform's run uuid.
    pub id: &'a str,
    pub playbook_id: &'a str,
    pub status: RunStatus,
    pub rerun_of: Option<&'a str>,
    pub event: &'a Value,
    pub store: &'a Value,
    pub error: Option<&'a str>,
    pub started_at: &'a str,
    pub finished_at: Option<&'a str>,
    pub event_name: Option<&'a str>,
}

/// A run imported from a run bundle: its origin as exported, `options.bundle` set (shown,
/// never rerun).
pub struct BundleRunWrite<'a> {
    pub id: &'a str,
    pub origin: &'a str,
    pub options: &'a Value,
    pub playbook_id: &'a str,
    pub playbook_version: Option<u32>,
    pub status: RunStatus,
    pub event: &'a Value,
    pub store: &'a Value,
    pub error: Option<&'a str>,
    pub started_at: &'a str,
    pub finished_at: Option<&'a str>,
    pub event_name: Option<&'a str>,
}

impl Store {
    pub fn insert_bundle_run(&mut self, run: &BundleRunWrite<'_>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO runs (id, playbook_id, playbook_version, origin, status, event, store, error, started_at, finished_at, event_name, options)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                run.id,
                run.playbook_id,
                run.playbook_version,
                run.origin,
                run.status,
                run.event.to_string(),
                run.store.to_string(),
                run.error,
                run.started_at,
                run.finished_at,
                run.event_name,
                run.options.to_string()
            ],
        )?;
        Ok(())
    }

    pub fn insert_run(&mut self, run: NewRun<'_>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO runs (id, playbook_id, playbook_version, origin, status, rerun_of, event, options, started_at)
             VALUES (?1, ?2, ?3, 'local', ?8, ?4, ?5, ?6, ?7)",
            params![run.id, run.playbook_id, run.playbook_version, run.rerun_of, run.event.to_string(), run.options.to_string(), now(), RunStatus::Running],
        )?;
        Ok(())
    }

    /// Records a platform run (origin `platform`) or updates its state.
    pub fn put_platform_run(&mut self, run: &PlatformRunWrite<'_>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO runs (id, playbook_id, origin, status, rerun_of, event, store, error, started_at, finished_at, event_name)
             VALUES (?1, ?2, 'platform', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (id) DO UPDATE SET status = excluded.status, store = excluded.store, error = excluded.error,
                 finished_at = excluded.finished_at, rerun_of = COALESCE(excluded.rerun_of, runs.rerun_of),
                 event = CASE WHEN excluded.event IN ('{}', 'null') THEN runs.event ELSE excluded.event END,
                 event_name = COALESCE(excluded.event_name, runs.event_name)",
            params![run.id, run.playbook_id, run.status, run.rerun_of, run.event.to_string(), run.store.to_string(), run.error, run.started_at, run.finished_at, run.event_name],
        )?;
        Ok(())
    }

    pub fn finish_run(&mut self, id: &str, status: RunStatus, error: Option<&str>, store: &Value) -> Result<()> {
        self.conn.execute("UPDATE runs SET status = ?2, error = ?3, store = ?4, finished_at = ?5 WHERE id = ?1", params![id, status, error, store.to_string(), now()])?;
        Ok(())
    }

    /// Forgets a run's node runs (a platform run rerun in place starts over).
    pub fn clear_node_runs(&mut self, run_id: &str) -> Result<()> {
        self.conn.execute("DELETE FROM node_runs WHERE run_id = ?1", [run_id])?;
        Ok(())
    }

    /// Writes a node run: updates the row of the same node, iteration and scope, or adds one.
    pub fn put_node_run(&mut self, run_id: &str, n: &NodeRunWrite<'_>) -> Result<()> {
        let args = n.arguments.map(Value::to_string);
        let results = n.results.map(Value::to_string);
        let details = n.details.map(Value::to_string);
        let mut update = self.conn.prepare_cached(
            "UPDATE node_runs SET status = ?4, branch = ?5, error = ?6, arguments = ?7, results = ?8, mocked = ?9, reused = ?10,
                    started_at = COALESCE(?11, started_at), finished_at = ?12, details = ?14
             WHERE run_id = ?1 AND node_id = ?2 AND iteration IS ?3 AND scope IS ?13",
        )?;
        let updated = update.execute(params![run_id, n.node_id, n.iteration, n.status, n.branch, n.error, args, results, n.mocked, n.reused, n.started_at, n.finished_at, n.scope, details])?;
        drop(update);
        if updated == 0 {
            self.conn
                .prepare_cached(
                    "INSERT INTO node_runs (run_id, node_id, iteration, status, branch, error, arguments, results, mocked, reused, started_at, finished_at, scope, details)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                )?
                .execute(params![run_id, n.node_id, n.iteration, n.status, n.branch, n.error, args, results, n.mocked, n.reused, n.started_at, n.finished_at, n.scope, details])?;
        }
        Ok(())
    }

    pub fn run(&self, id: &str) -> Result<RunRow> {
        self.conn
            .query_row(&format!("SELECT {RUN_COLUMNS} FROM runs WHERE id = ?1"), [id], run_row)
            .optional()
            .map_err(unreadable("run", id))?
            .ok_or_else(|| StoreError::NotFound { what: "run", id: id.to_owned() })
    }

    /// Runs, newest first (of one playbook when `playbook_id` is given).
    pub fn runs(&self, playbook_id: Option<&str>, limit: u32) -> Result<Vec<RunRow>> {
        let mut stmt = self.conn.prepare(&format!("SELECT {RUN_COLUMNS} FROM runs WHERE ?1 IS NULL OR playbook_id = ?1 ORDER BY started_at DESC, id LIMIT ?2"))?;
        let rows = stmt.query_map(params![playbook_id, limit], run_row)?.collect::<rusqlite::Result<Vec<_>>>().map_err(unreadable("runs of playbook", playbook_id.unwrap_or("(any)")))?;
        Ok(rows)
    }

    /// One page of a playbook's runs, newest first, filtered by status and origin (`None`:
    /// any), with the number of runs the filter matches in all.
    pub fn runs_page(&self, playbook_id: &str, filter: &RunFilter<'_>, limit: u32, offset: u32) -> Result<(Vec<RunRow>, u32)> {
        const WHERE: &str = "playbook_id = ?1 AND (?2 IS NULL OR status = ?2) AND (?3 IS NULL OR origin = ?3)";
        let total: u32 = self.conn.query_row(&format!("SELECT COUNT(*) FROM runs WHERE {WHERE}"), params![playbook_id, filter.status, filter.origin], |r| r.get(0))?;
        let mut stmt = self.conn.prepare(&format!("SELECT {RUN_COLUMNS} FROM runs WHERE {WHERE} ORDER BY started_at DESC, id LIMIT ?4 OFFSET ?5"))?;
        let rows =
            stmt.query_map(params![playbook_id, filter.status, filter.origin, limit, offset], run_row)?.collect::<rusqlite::Result<Vec<_>>>().map_err(unreadable("runs of playbook", playbook_id))?;
        Ok((rows, total))
    }

    pub fn node_runs(&self, run_id: &str) -> Result<Vec<NodeRunRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT node_id, iteration, status, branch, error, arguments, results, mocked, reused, started_at, finished_at, scope, details
             FROM node_runs WHERE run_id = ?1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([run_id], |r| {
                Ok(NodeRunRow {
                    node_id: r.get(0)?,
                    iteration: r.get(1)?,
                    status: r.get(2)?,
                    branch: r.get(3)?,
                    error: r.get(4)?,
                    arguments: json_col(r, 5)?,
                    results: json_col(r, 6)?,
                    mocked: r.get(7)?,
                    reused: r.get(8)?,
                    started_at: r.get(9)?,
                    finished_at: r.get(10)?,
                    scope: r.get(11)?,
                    details: json_col(r, 12)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(unreadable("node runs of run", run_id))?;
        Ok(rows)
    }

    /// A run's node runs as `(node id, arguments, results)` in record order, the JSON columns
    /// as stored text (not parsed: the CODE view of a 50 MB run is read without building it).
    pub fn node_run_texts(&self, run_id: &str) -> Result<Vec<NodeRunTexts>> {
        let mut stmt = self.conn.prepare("SELECT node_id, arguments, results FROM node_runs WHERE run_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map([run_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Node ids and start times of the node runs of this playbook that started at or after
    /// `since` (RFC 3339) and were not reused: the caller keeps its actions' for the rate limit.
    pub fn node_starts_since(&self, playbook_id: &str, since: &str) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT n.node_id, n.started_at FROM node_runs n JOIN runs r ON r.id = n.run_id
             WHERE r.playbook_id = ?1 AND n.started_at >= ?2 AND n.reused = 0",
        )?;
        let rows = stmt.query_map(params![playbook_id, since], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Marks runs still `running` (the app or CLI died during them) as `interrupted`, with
    /// their running node runs failed. Returns how many runs were marked.
    pub fn mark_interrupted_runs(&mut self) -> Result<usize> {
        let now = now();
        self.in_transaction(|s| {
            s.conn.execute(
                "UPDATE node_runs SET status = ?2, error = 'interrupted: the process stopped during the run', finished_at = ?1
             WHERE status = ?3 AND run_id IN (SELECT id FROM runs WHERE status = ?4)",
                params![now, NodeStatus::Failed, NodeStatus::Running, RunStatus::Running],
            )?;
            Ok(s.conn.execute("UPDATE runs SET status = ?2, finished_at = ?1 WHERE status = ?3", params![now, RunStatus::Interrupted, RunStatus::Running])?)
        })
    }
}
