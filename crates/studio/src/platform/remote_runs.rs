//! Runs on the platform: make the playbook runnable from the chosen trigger
//! (`activation.rs`), emit the event under a name of ours, find the run by that name,
//! follow it by polling with backoff, and record it and its node runs (`node_runs.rs`) in
//! the store with the same model and statuses as local runs, so every view (run list, CODE
//! view, Jinja tester, rerun) works for both.
//!
//! Reruns follow the platform's documented behaviour: a failed or pending run is rerun in
//! place (the same run, updated), a succeeded run makes a new run.

use super::activation::{trigger_node, why_not_running};
use super::block_on;
use super::node_runs::{mapped, per_node_fallback, run_status, NodeRunCache};
use crate::runs::write_of;
use crate::{Result, Studio, StudioError};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};
use studio_engine::{NodeRun, NodeRunKey, RunEvent, RunOutcome, RunStatus};
use studio_platform::{Client, PlaybookRun, RunDetails};
use studio_store::{PlatformRunWrite, RunRow};

/// What to run on the platform.
#[derive(Debug, Clone)]
pub struct RemoteRunRequest {
    /// A local playbook id (pushed before) or a platform playbook uuid.
    pub playbook: String,
    pub event: Value,
    /// Follow the run until it ends (else return once it has started).
    pub follow: bool,
    /// The trigger node to run from (needed when the playbook has several).
    pub trigger: Option<String>,
}

/// How long to wait for an emitted event's run, or a rerun, to show.
const APPEAR_TIMEOUT: Duration = Duration::from_secs(120);

/// A run's details and the run itself (from the details when they carry it).
fn fetch(client: &Client, run_uuid: &str) -> Result<(RunDetails, PlaybookRun)> {
    let details = block_on(client.run_details(run_uuid))?;
    let run = match details.playbook_run.clone() {
        Some(run) => run,
        None => block_on(client.run(run_uuid))?,
    };
    Ok((details, run))
}

/// What the store keeps of a platform run's own state, with the times the platform left out
/// filled in.
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

    fn write<'a>(&'a self, run: &'a PlaybookRun, playbook_id: &'a str, rerun_of: Option<&'a str>, event: &'a Value, error: Option<&'a str>) -> PlatformRunWrite<'a> {
        PlatformRunWrite {
            id: &run.uuid,
            playbook_id,
            status: self.status,
            rerun_of,
            event,
            store: &self.store,
            error,
            started_at: &self.started_at,
            finished_at: self.finished_at.as_deref(),
            event_name: Some(run.event.as_str()).filter(|e| !e.is_empty()),
        }
    }
}

/// Why a failed run failed: the platform's word, else the first node run's error.
fn failure(run: &PlaybookRun, status: RunStatus, node_runs: &[NodeRun]) -> Option<String> {
    (status == RunStatus::Failed).then(|| run.error.clone().or_else(|| node_runs.iter().find_map(|n| n.error.clone().map(|e| format!("node {}: {e}", n.node_id))))).flatten()
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

/// What following one run keeps between polls.
struct Follow<'a> {
    run_uuid: &'a str,
    playbook_id: &'a str,
    rerun_of: Option<&'a str>,
    /// The payload we sent, the event when the trigger's node run does not give it.
    payload: Option<&'a Value>,
    seen: HashMap<NodeRunKey, NodeRun>,
    cache: NodeRunCache,
}

impl Studio {
    fn backoff(&self) -> Backoff {
        Backoff { next: self.platform_tuning.poll_first, max: self.platform_tuning.poll_max }
    }

    /// The local playbook id runs of a platform playbook are filed under.
    fn local_id_for(&self, remote_uuid: &str) -> Result<String> {
        Ok(self.store.playbook_by_remote_uuid(remote_uuid)?.map_or_else(|| remote_uuid.to_owned(), |r| r.id))
    }

    /// Waits for the run our event (named `name`) started; when the platform did not keep the
    /// name, takes the one new run of the playbook, if exactly one appeared.
    fn emitted_run(&self, client: &Client, playbook_uuid: &str, name: &str, known: &HashSet<String>, on_event: &mut dyn FnMut(&RunEvent)) -> Result<Option<PlaybookRun>> {
        let deadline = Instant::now() + self.platform_tuning.follow_timeout.min(APPEAR_TIMEOUT);
        let mut backoff = self.backoff();
        for poll in 0.. {
            if let Some(run) = block_on(client.runs_named(playbook_uuid, Some(name), 5))?.into_iter().find(|r| r.event == name) {
                return Ok(Some(run));
            }
            if poll >= 3 {
                let new: Vec<PlaybookRun> = block_on(client.runs(playbook_uuid, 20))?.into_iter().filter(|r| !known.contains(&r.uuid)).collect();
                if let [only] = new.as_slice() {
                    on_event(&RunEvent::Notice { message: format!("the platform did not keep the event name {name:?}; following run {}, the only new run of the playbook", only.uuid) });
                    return Ok(Some(only.clone()));
                }
            }
            if Instant::now() >= deadline {
                return Ok(None);
            }
            block_on(backoff.wait());
        }
        Ok(None)
    }

    /// Why no run appeared: the playbook's state and its trigger's newest warnings.
    fn no_run_explained(&self, client: &Client, playbook_uuid: &str, configuration: &str) -> StudioError {
        let mut why = format!("the platform accepted the event but no run of playbook {playbook_uuid} appeared within {} s", self.platform_tuning.follow_timeout.min(APPEAR_TIMEOUT).as_secs());
        if let Ok(remote) = block_on(client.playbook(playbook_uuid)) {
            why.push_str(&match why_not_running(&remote) {
                Some(state) => format!("; {state}"),
                None => "; the playbook is on".to_owned(),
            });
        }
        if let Ok(logs) = block_on(client.trigger_configuration_logs(configuration, 5)) {
            if let Some(line) = logs.iter().find(|l| matches!(l.level.as_str(), "warning" | "error" | "critical")) {
                why.push_str(&format!("; its trigger logged: {}", line.message));
            }
        }
        StudioError::Refused(why)
    }

    /// Records a run's state and the node runs that changed; returns the mapped node runs.
    fn record(&mut self, client: &Client, details: &RunDetails, run: &PlaybookRun, f: &mut Follow<'_>, on_event: &mut dyn FnMut(&RunEvent)) -> Result<Vec<NodeRun>> {
        let record = RunRecord::of(run);
        let status = record.status;
        let mut remote = f.cache.complete(client, details);
        if remote.is_empty() && status != RunStatus::Running {
            let logs_hint = self.hint("`playbook platform logs PLAYBOOK`".into(), "Platform logs, in the Runs tab");
            remote = per_node_fallback(client, &run.uuid, status, &details.playbook_node_ids(), &logs_hint)?;
        }
        let node_runs = mapped(&remote, details.playbook_nodes());
        let trigger_results = remote.iter().find(|n| n.node_type.as_deref() == Some("trigger")).and_then(|n| n.results.clone());
        let event = trigger_results.or_else(|| f.payload.cloned()).unwrap_or_else(|| json!({}));
        let error = failure(run, status, &node_runs);
        let write = record.write(run, f.playbook_id, f.rerun_of, &event, error.as_deref());
        let changed: Vec<&NodeRun> = node_runs.iter().filter(|n| f.seen.get(&n.key()) != Some(*n)).collect();
        self.store.in_transaction(|store| {
            store.put_platform_run(&write)?;
            changed.iter().try_for_each(|n| store.put_node_run(&run.uuid, &write_of(n)))
        })?;
        for node_run in changed {
            on_event(&RunEvent::Node { run_id: run.uuid.clone(), node_run: node_run.clone() });
            f.seen.insert(node_run.key(), node_run.clone());
        }
        Ok(node_runs)
    }

    /// Follows a run until it ends (or the follow timeout), recording it as it goes.
    fn follow(&mut self, client: &Client, mut f: Follow<'_>, follow: bool, on_event: &mut dyn FnMut(&RunEvent)) -> Result<RunOutcome> {
        let run_uuid = f.run_uuid;
        on_event(&RunEvent::RunStarted { run_id: run_uuid.to_owned() });
        let deadline = Instant::now() + self.platform_tuning.follow_timeout;
        let mut backoff = self.backoff();
        loop {
            let (details, run) = fetch(client, run_uuid)?;
            let node_runs = self.record(client, &details, &run, &mut f, on_event)?;
            let status = run_status(&run.status);
            if status != RunStatus::Running || !follow || Instant::now() >= deadline {
                let error = match status {
                    RunStatus::Failed => failure(&run, status, &node_runs),
                    RunStatus::Running if follow => {
                        let how = self.hint(format!("follow it with `playbook platform run-show {run_uuid}`"), "it stays in the Runs tab, which shows its state when it ends");
                        Some(format!("still running on the platform after {} s; {how}", self.platform_tuning.follow_timeout.as_secs()))
                    }
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

    /// Sends an event to a playbook on the platform and follows the run it starts. Attaches
    /// a trigger configuration and switches the playbook on when needed, and says so.
    pub fn run_on_platform(&mut self, request: RemoteRunRequest, on_event: &mut dyn FnMut(&RunEvent)) -> Result<RunOutcome> {
        let client = self.platform_client()?;
        let remote_uuid = self.remote_uuid_of(&request.playbook)?;
        let remote = block_on(client.playbook(&remote_uuid))?;
        let (trigger_id, _) = trigger_node(&remote, request.trigger.as_deref())?;
        let (configuration, _) = self.prepare_remote_trigger(&client, remote, &trigger_id, on_event)?;
        let known: HashSet<String> = block_on(client.runs(&remote_uuid, 20))?.into_iter().map(|r| r.uuid).collect();
        let name = format!("Playbook Studio {}", uuid::Uuid::new_v4());
        block_on(client.emit_event(&configuration, &remote_uuid, &name, &request.event))?;
        let run = self.emitted_run(&client, &remote_uuid, &name, &known, on_event)?.ok_or_else(|| self.no_run_explained(&client, &remote_uuid, &configuration))?;
        tracing::info!(run = %run.uuid, playbook = %remote_uuid, "platform run started");
        let playbook_id = self.local_id_for(&remote_uuid)?;
        let f = Follow { run_uuid: &run.uuid, playbook_id: &playbook_id, rerun_of: None, payload: Some(&request.event), seen: HashMap::new(), cache: NodeRunCache::default() };
        self.follow(&client, f, request.follow, on_event)
    }

    /// Waits until a run rerun in place shows that it restarted (running again, or a new
    /// end time).
    fn restarted(&self, client: &Client, old: &PlaybookRun) -> Result<()> {
        let deadline = Instant::now() + self.platform_tuning.follow_timeout.min(APPEAR_TIMEOUT);
        let mut backoff = self.backoff();
        loop {
            let now = block_on(client.run(&old.uuid))?;
            if now.status != old.status || now.finished_at != old.finished_at || now.running_at != old.running_at {
                return Ok(());
            }
            if Instant::now() >= deadline {
                let waited = self.platform_tuning.follow_timeout.min(APPEAR_TIMEOUT).as_secs();
                return Err(StudioError::Refused(format!("the platform accepted the rerun of run {} but the run did not change within {waited} s", old.uuid)));
            }
            block_on(backoff.wait());
        }
    }

    /// Reruns a platform run there (entirely, or only its failed and pending actions). A
    /// failed or pending run is updated in place; a succeeded one gives a new run.
    pub fn rerun_on_platform(&mut self, run_uuid: &str, only_failed: bool, follow: bool, on_event: &mut dyn FnMut(&RunEvent)) -> Result<RunOutcome> {
        if self.store.run(run_uuid).is_ok_and(|r| r.options.get("bundle").and_then(serde_json::Value::as_bool) == Some(true)) {
            return Err(StudioError::Refused(format!("run {run_uuid} was imported from a run bundle: it cannot be rerun")));
        }
        let client = self.platform_client()?;
        let old = block_on(client.run(run_uuid))?;
        let pending = old.status.eq_ignore_ascii_case("pending");
        let status = run_status(&old.status);
        if status == RunStatus::Running && !pending {
            return Err(StudioError::Refused(format!("run {run_uuid} is still running")));
        }
        if only_failed && status == RunStatus::Succeeded {
            return Err(StudioError::Refused(format!("run {run_uuid} succeeded: nothing failed to rerun (rerun it entirely instead)")));
        }
        let playbook_uuid = old.playbook_uuid.clone().unwrap_or_default();
        let playbook_id = self.local_id_for(&playbook_uuid)?;
        let payload = self.store.run(run_uuid).ok().map(|r| r.event);
        if status == RunStatus::Succeeded {
            let known: HashSet<String> = block_on(client.runs(&playbook_uuid, 20))?.into_iter().map(|r| r.uuid).collect();
            block_on(client.rerun(run_uuid, false))?;
            let run = self.emitted_run(&client, &playbook_uuid, &old.event, &known, on_event)?.filter(|r| !known.contains(&r.uuid));
            let run = run.ok_or_else(|| StudioError::Refused(format!("the platform accepted the rerun of run {run_uuid} but no new run of playbook {playbook_uuid} appeared")))?;
            let f = Follow { run_uuid: &run.uuid, playbook_id: &playbook_id, rerun_of: Some(run_uuid), payload: payload.as_ref(), seen: HashMap::new(), cache: NodeRunCache::default() };
            return self.follow(&client, f, follow, on_event);
        }
        block_on(client.rerun(run_uuid, only_failed))?;
        on_event(&RunEvent::Notice { message: format!("the platform reruns run {run_uuid} in place: the same run is updated") });
        self.restarted(&client, &old)?;
        self.store.clear_node_runs(run_uuid)?;
        let f = Follow { run_uuid, playbook_id: &playbook_id, rerun_of: None, payload: payload.as_ref(), seen: HashMap::new(), cache: NodeRunCache::default() };
        self.follow(&client, f, follow, on_event)
    }

    /// Asks the platform to rerun every failed run of a playbook (it does so in the
    /// background); returns how many failed runs it had listed.
    pub fn rerun_failed_on_platform(&mut self, playbook: &str) -> Result<usize> {
        let client = self.platform_client()?;
        let uuid = self.remote_uuid_of(playbook)?;
        let failed = block_on(client.runs(&uuid, 100))?.into_iter().filter(|r| run_status(&r.status) == RunStatus::Failed).count();
        block_on(client.rerun_failed_runs(&uuid))?;
        tracing::info!(playbook = %uuid, failed, "asked the platform to rerun failed runs");
        Ok(failed)
    }

    /// The platform's runs of a playbook (newest first), recorded in the store.
    pub fn platform_runs(&mut self, playbook: &str) -> Result<Vec<RunRow>> {
        let client = self.platform_client()?;
        let remote_uuid = self.remote_uuid_of(playbook)?;
        let playbook_id = self.local_id_for(&remote_uuid)?;
        let runs = block_on(client.runs(&remote_uuid, 100))?;
        let empty = json!({});
        self.store.in_transaction(|store| {
            // The payload is not in a listing: `{}` keeps the one stored (see `put_platform_run`).
            runs.iter().try_for_each(|run| store.put_platform_run(&RunRecord::of(run).write(run, &playbook_id, None, &empty, None)))
        })?;
        Ok(runs.iter().map(|run| self.store.run(&run.uuid)).collect::<studio_store::Result<_>>()?)
    }

    /// One platform run with its node runs, fetched, recorded, and shown like a local one.
    pub fn platform_run_view(&mut self, run_uuid: &str) -> Result<crate::RunView> {
        let client = self.platform_client()?;
        let (details, run) = fetch(&client, run_uuid)?;
        let playbook_id = self.local_id_for(run.playbook_uuid.as_deref().unwrap_or_default())?;
        let payload = self.store.run(run_uuid).ok().map(|r| r.event).filter(|e| e != &json!({}));
        let mut f = Follow { run_uuid, playbook_id: &playbook_id, rerun_of: None, payload: payload.as_ref(), seen: HashMap::new(), cache: NodeRunCache::default() };
        self.record(&client, &details, &run, &mut f, &mut |_| {})?;
        self.run_view(run_uuid)
    }
}

#[cfg(test)]
mod tests {
    use super::super::node_runs::{node_run_of, node_status};
    use super::*;
    use studio_engine::NodeStatus;

    fn remote(status: &str, error: Option<&str>, outputs: Value) -> studio_platform::NodeRun {
        serde_json::from_value(json!({ "node_id": 1, "status": status, "error": error, "outputs": outputs })).unwrap()
    }

    #[test]
    fn platform_statuses_map_to_the_local_model() {
        assert_eq!(run_status("finished"), RunStatus::Succeeded);
        assert_eq!(run_status("error"), RunStatus::Failed);
        assert_eq!(run_status("running"), RunStatus::Running);
        assert_eq!(node_status(&remote("finished", None, Value::Null)), NodeStatus::Succeeded);
        assert_eq!(node_status(&remote("finished", Some("boom"), Value::Null)), NodeStatus::Failed, "the SDK's failure shape");
        assert_eq!(node_status(&remote("error", None, Value::Null)), NodeStatus::Failed);
        assert_eq!(node_status(&remote("pending", None, Value::Null)), NodeStatus::Pending);
    }

    #[test]
    fn outputs_keep_every_true_branch_and_all_false_leaves_the_playbook() {
        let graph: serde_json::Map<String, Value> = serde_json::from_value(json!({ "1": { "outputs": { "a": ["2"], "b": ["3"], "c": [] } } })).unwrap();
        let both = node_run_of(&remote("finished", None, json!({ "a": true, "b": true, "c": false })), Some(&graph), false);
        assert_eq!((both.status, both.branches()), (NodeStatus::Succeeded, vec!["a".to_owned(), "b".to_owned()]));
        let none = node_run_of(&remote("finished", None, json!({ "a": false, "b": false })), Some(&graph), false);
        assert_eq!((none.status, none.branches()), (NodeStatus::Left, Vec::<String>::new()));
        let nowhere = node_run_of(&remote("finished", None, json!({ "c": true })), Some(&graph), false);
        assert_eq!(nowhere.status, NodeStatus::Left, "the true branch leads nowhere");
    }
}
