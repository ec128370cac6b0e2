//! Runs on the platform: emit the event through the playbook's trigger configuration (made
//! when missing), find the run it started, follow it by polling with backoff, and record it
//! and its node runs in the store with the same model and statuses as local runs, so every
//! view (run list, CODE view, Jinja tester, rerun) works for both.

use super::block_on;
use crate::{Result, Studio, StudioError};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};
use studio_engine::{NodeRun, NodeRunKey, NodeStatus, RunEvent, RunOutcome, RunStatus};
use studio_platform::{Client, PlaybookRun, RunDetails};
use crate::runs::write_of;
use studio_store::{PlatformRunWrite, RunRow};

/// What to run on the platform.
#[derive(Debug, Clone)]
pub struct RemoteRunRequest {
    /// A local playbook id (pushed before) or a platform playbook uuid.
    pub playbook: String,
    pub event: Value,
    /// Follow the run until it ends (else return once it has started).
    pub follow: bool,
}

const TRIGGER_CONFIGURATION_SETTING: &str = "platform.trigger_configuration.";

/// The platform's run status in our terms.
pub(crate) fn run_status(status: &str) -> RunStatus {
    match status.to_ascii_lowercase().as_str() {
        "finished" | "succeeded" | "success" | "completed" | "done" => RunStatus::Succeeded,
        "error" | "failed" | "failure" => RunStatus::Failed,
        "cancelled" | "canceled" | "stopped" | "aborted" => RunStatus::Cancelled,
        _ => RunStatus::Running,
    }
}

/// A node run's status in our terms (`finished` → succeeded, `error` → failed).
pub(crate) fn node_status(status: &str) -> NodeStatus {
    match status.to_ascii_lowercase().as_str() {
        "finished" | "succeeded" | "success" | "completed" | "done" => NodeStatus::Succeeded,
        "error" | "failed" | "failure" => NodeStatus::Failed,
        "skipped" => NodeStatus::Skipped,
        "pending" | "waiting" | "queued" => NodeStatus::Pending,
        _ => NodeStatus::Running,
    }
}

fn node_run_of(remote: &studio_platform::NodeRun) -> NodeRun {
    // The branch taken: the first output the platform marks as taken.
    let branch = match &remote.outputs {
        Some(Value::Object(outputs)) => outputs.iter().find(|(_, v)| matches!(v, Value::Bool(true)) || v.as_array().is_some_and(|a| !a.is_empty())).map(|(k, _)| k.clone()),
        Some(Value::String(name)) => Some(name.clone()),
        _ => None,
    };
    NodeRun {
        node_id: remote.node_id.clone(),
        iteration: remote.iteration.filter(|i| *i > 0).and_then(|i| u32::try_from(i).ok()),
        scope: None,
        status: node_status(&remote.status),
        branch,
        error: remote.error.clone().filter(|e| !e.is_empty()),
        arguments: remote.arguments.clone(),
        results: remote.results.clone().map(Arc::new),
        mocked: false,
        reused: false,
        started_at: remote.started_at.clone(),
        finished_at: remote.finished_at.clone(),
    }
}

/// A run's details and the run itself (from the details when they carry it).
fn fetch(client: &Client, run_uuid: &str) -> Result<(RunDetails, PlaybookRun)> {
    let details = block_on(client.run_details(run_uuid))?;
    let run = match details.playbook_run.clone() {
        Some(run) => run,
        None => block_on(client.run(run_uuid))?,
    };
    Ok((details, run))
}

/// What the store keeps of a platform run, with the times the platform left out filled in.
struct RunRecord {
    status: RunStatus,
    store: Value,
    started_at: String,
    finished_at: Option<String>,
}

impl RunRecord {
    fn of(run: &PlaybookRun) -> Self {
        let status = run_status(&run.status);
        let finished_at = (status != RunStatus::Running).then(|| run.finished_at.clone().unwrap_or_else(studio_engine::now));
        Self { status, store: run.store.clone().unwrap_or_else(|| json!({})), started_at: run.started_at.clone().unwrap_or_else(studio_engine::now), finished_at }
    }

    fn write<'a>(&'a self, run: &'a PlaybookRun, playbook_id: &'a str, rerun_of: Option<&'a str>) -> PlatformRunWrite<'a> {
        PlatformRunWrite {
            id: &run.uuid,
            playbook_id,
            status: self.status,
            rerun_of,
            event: &run.event,
            store: &self.store,
            error: run.error.as_deref(),
            started_at: &self.started_at,
            finished_at: self.finished_at.as_deref(),
        }
    }
}

/// Grows a poll interval by half, up to a ceiling.
struct Backoff {
    next: Duration,
    max: Duration,
}

impl Backoff {
    async fn wait(&mut self) {
        tokio::time::sleep(self.next).await;
        self.next = (self.next + self.next / 2).min(self.max);
    }
}

impl Studio {
    fn backoff(&self) -> Backoff {
        Backoff { next: self.platform_tuning.poll_first, max: self.platform_tuning.poll_max }
    }

    /// The platform uuid a local id or a platform uuid designates.
    fn remote_uuid_of(&self, playbook: &str) -> Result<String> {
        match self.store.playbook_record(playbook) {
            Ok(record) => record.remote_uuid.ok_or_else(|| StudioError::Refused(format!("playbook {playbook} is not on the platform yet: push it first (`playbook platform push {playbook}`)"))),
            Err(studio_store::StoreError::NotFound { .. }) => Ok(playbook.to_owned()),
            Err(e) => Err(e.into()),
        }
    }

    /// The local playbook id runs of a platform playbook are filed under.
    fn local_id_for(&self, remote_uuid: &str) -> Result<String> {
        Ok(self.store.playbook_by_remote_uuid(remote_uuid)?.map_or_else(|| remote_uuid.to_owned(), |r| r.id))
    }

    /// The trigger configuration to emit through: one the playbook already uses for its
    /// trigger, else the one we made for it earlier, else a new one (with a module
    /// configuration of the trigger's module, reused or made).
    async fn trigger_configuration(&self, client: &Client, remote: &studio_platform::RemotePlaybook) -> Result<(String, Option<String>)> {
        let trigger = remote
            .nodes()
            .and_then(|nodes| nodes.values().find(|n| n.get("type").and_then(Value::as_str) == Some("trigger")).cloned())
            .ok_or_else(|| StudioError::Refused(format!("platform playbook {} has no trigger node to send an event to", remote.uuid)))?;
        let field = |k: &str| trigger.get(k).and_then(Value::as_str).map(str::to_owned);
        let trigger_uuid = field("trigger_uuid").ok_or_else(|| StudioError::Refused("the trigger node has no trigger_uuid".into()))?;
        let existing = client.trigger_configurations().await?;
        let used = remote.trigger_configuration_uuids();
        let remembered = self.store.setting(&format!("{TRIGGER_CONFIGURATION_SETTING}{}", remote.uuid))?.and_then(|v| v.as_str().map(str::to_owned));
        let matching = |uuid: &str| existing.iter().any(|c| c.uuid == uuid && c.trigger_uuid.as_deref().is_none_or(|t| t == trigger_uuid));
        let named = field("trigger_configuration_uuid");
        if let Some(uuid) = named.into_iter().chain(used).chain(remembered).find(|u| matching(u)) {
            return Ok((uuid, None));
        }
        let module_uuid = field("module_uuid").ok_or_else(|| StudioError::Refused("the trigger node has no module_uuid".into()))?;
        let module_configuration = match client.module_configurations(&module_uuid).await?.into_iter().next() {
            Some(c) => c.uuid,
            None => client.create_module_configuration("Playbook Studio", &module_uuid).await?.uuid,
        };
        let name = format!("Playbook Studio: {}", remote.name);
        let created = client.create_trigger_configuration(&name, &trigger_uuid, &module_configuration).await?;
        Ok((created.uuid.clone(), Some(created.uuid)))
    }

    /// Waits for a run of `playbook_uuid` not in `known` to appear.
    async fn new_run(&self, client: &Client, playbook_uuid: &str, known: &HashSet<String>) -> Result<PlaybookRun> {
        let deadline = Instant::now() + self.platform_tuning.follow_timeout.min(Duration::from_secs(120));
        let mut backoff = self.backoff();
        loop {
            if let Some(run) = client.runs(playbook_uuid, 20).await?.into_iter().find(|r| !known.contains(&r.uuid)) {
                return Ok(run);
            }
            if Instant::now() >= deadline {
                return Err(StudioError::Refused(format!("the platform accepted the event but no run of playbook {playbook_uuid} appeared")));
            }
            backoff.wait().await;
        }
    }

    /// Records a run's state and the node runs that changed; returns the mapped node runs.
    fn record(&mut self, details: &RunDetails, run: &PlaybookRun, playbook_id: &str, rerun_of: Option<&str>, seen: &mut HashMap<NodeRunKey, NodeRun>, on_event: &mut dyn FnMut(&RunEvent)) -> Result<Vec<NodeRun>> {
        let record = RunRecord::of(run);
        let node_runs: Vec<NodeRun> = details.node_runs.iter().map(node_run_of).collect();
        let changed: Vec<&NodeRun> = node_runs.iter().filter(|n| seen.get(&n.key()) != Some(*n)).collect();
        self.store.in_transaction(|store| {
            store.put_platform_run(&record.write(run, playbook_id, rerun_of))?;
            changed.iter().try_for_each(|n| store.put_node_run(&run.uuid, &write_of(n)))
        })?;
        for node_run in changed {
            on_event(&RunEvent::Node { run_id: run.uuid.clone(), node_run: node_run.clone() });
            seen.insert(node_run.key(), node_run.clone());
        }
        Ok(node_runs)
    }

    /// Follows a run until it ends (or the follow timeout), recording it as it goes.
    fn follow(&mut self, client: &Client, run_uuid: &str, playbook_id: &str, rerun_of: Option<&str>, follow: bool, on_event: &mut dyn FnMut(&RunEvent)) -> Result<RunOutcome> {
        on_event(&RunEvent::RunStarted { run_id: run_uuid.to_owned() });
        let deadline = Instant::now() + self.platform_tuning.follow_timeout;
        let mut backoff = self.backoff();
        let mut seen = HashMap::new();
        loop {
            let (details, run) = fetch(client, run_uuid)?;
            let node_runs = self.record(&details, &run, playbook_id, rerun_of, &mut seen, on_event)?;
            let status = run_status(&run.status);
            let timed_out = Instant::now() >= deadline;
            if status != RunStatus::Running || !follow || timed_out {
                let error = match status {
                    RunStatus::Failed => run.error.clone().or_else(|| node_runs.iter().find_map(|n| n.error.clone().map(|e| format!("node {}: {e}", n.node_id)))),
                    RunStatus::Running if follow => Some(format!("still running on the platform after {} s; follow it with `playbook platform run-show {run_uuid}`", self.platform_tuning.follow_timeout.as_secs())),
                    _ => None,
                };
                if status != RunStatus::Running {
                    on_event(&RunEvent::RunFinished { run_id: run_uuid.to_owned(), status, error: error.clone() });
                }
                return Ok(RunOutcome { run_id: run_uuid.to_owned(), status, error, node_runs, store: run.store.unwrap_or_else(|| json!({})) });
            }
            block_on(backoff.wait());
        }
    }

    /// Sends an event to a playbook on the platform and follows the run it starts.
    pub fn run_on_platform(&mut self, request: RemoteRunRequest, on_event: &mut dyn FnMut(&RunEvent)) -> Result<RunOutcome> {
        let client = self.platform_client()?;
        let remote_uuid = self.remote_uuid_of(&request.playbook)?;
        let remote = block_on(client.playbook(&remote_uuid))?;
        let (configuration, created) = block_on(self.trigger_configuration(&client, &remote))?;
        if let Some(created) = created {
            self.store.set_setting(&format!("{TRIGGER_CONFIGURATION_SETTING}{remote_uuid}"), &json!(created))?;
        }
        let known: HashSet<String> = block_on(client.runs(&remote_uuid, 20))?.into_iter().map(|r| r.uuid).collect();
        block_on(client.emit_event(&configuration, &remote_uuid, &request.event))?;
        let run = block_on(self.new_run(&client, &remote_uuid, &known))?;
        tracing::info!(run = %run.uuid, playbook = %remote_uuid, "platform run started");
        let playbook_id = self.local_id_for(&remote_uuid)?;
        self.follow(&client, &run.uuid, &playbook_id, None, request.follow, on_event)
    }

    /// Reruns a platform run there (entirely, or only its failed actions).
    pub fn rerun_on_platform(&mut self, run_uuid: &str, only_failed: bool, follow: bool, on_event: &mut dyn FnMut(&RunEvent)) -> Result<RunOutcome> {
        let client = self.platform_client()?;
        let old = block_on(client.run(run_uuid))?;
        if run_status(&old.status) == RunStatus::Running {
            return Err(StudioError::Refused(format!("run {run_uuid} is still running")));
        }
        if only_failed && run_status(&old.status) == RunStatus::Succeeded {
            return Err(StudioError::Refused(format!("run {run_uuid} succeeded: nothing failed to rerun (rerun it entirely instead)")));
        }
        let playbook_uuid = old.playbook_uuid.clone().unwrap_or_default();
        let known: HashSet<String> = block_on(client.runs(&playbook_uuid, 20))?.into_iter().map(|r| r.uuid).collect();
        let answer = block_on(client.rerun(run_uuid, only_failed))?;
        let new_uuid = match answer.get("uuid").and_then(Value::as_str) {
            Some(uuid) => uuid.to_owned(),
            None => block_on(self.new_run(&client, &playbook_uuid, &known))?.uuid,
        };
        let playbook_id = self.local_id_for(&playbook_uuid)?;
        self.follow(&client, &new_uuid, &playbook_id, Some(run_uuid), follow, on_event)
    }

    /// The platform's runs of a playbook (newest first), recorded in the store.
    pub fn platform_runs(&mut self, playbook: &str) -> Result<Vec<RunRow>> {
        let client = self.platform_client()?;
        let remote_uuid = self.remote_uuid_of(playbook)?;
        let playbook_id = self.local_id_for(&remote_uuid)?;
        let runs = block_on(client.runs(&remote_uuid, 100))?;
        self.store.in_transaction(|store| runs.iter().try_for_each(|run| store.put_platform_run(&RunRecord::of(run).write(run, &playbook_id, None))))?;
        Ok(runs.iter().map(|run| self.store.run(&run.uuid)).collect::<studio_store::Result<_>>()?)
    }

    /// One platform run with its node runs, fetched, recorded, and shown like a local one.
    pub fn platform_run_view(&mut self, run_uuid: &str) -> Result<crate::RunView> {
        let client = self.platform_client()?;
        let (details, run) = fetch(&client, run_uuid)?;
        let playbook_id = self.local_id_for(run.playbook_uuid.as_deref().unwrap_or_default())?;
        self.record(&details, &run, &playbook_id, None, &mut HashMap::new(), &mut |_| {})?;
        self.run_view(run_uuid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_statuses_map_to_the_local_model() {
        assert_eq!(run_status("finished"), RunStatus::Succeeded);
        assert_eq!(run_status("error"), RunStatus::Failed);
        assert_eq!(run_status("running"), RunStatus::Running);
        assert_eq!(node_status("finished"), NodeStatus::Succeeded);
        assert_eq!(node_status("error"), NodeStatus::Failed);
        assert_eq!(node_status("pending"), NodeStatus::Pending);
    }
}
