//! Local runs: start one (recorded in the store as it goes), rerun one (entirely, or only
//! its failed part reusing the succeeded actions), list them, show one with its node runs or
//! as the CODE JSON the Jinja tester reads.

use crate::{Result, Studio, StudioError};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use std::time::Duration;
use studio_engine::{
    CancellationToken, Configuration, ConfigurationSource, Deps, MockMode, NativeRunners, NodeRun, NodeRunKey, NodeStatus, RunEvent, RunOutcome, RunSink, RunSpec, RunStatus,
    DEFAULT_ACTIONS_PER_MINUTE, DEFAULT_ACTION_TIMEOUT,
};
use studio_store::{NewRun, NodeRunRow, NodeRunWrite, RunRow, Store};

/// What to run.
#[derive(Debug, Clone)]
pub struct RunRequest {
    pub playbook_id: String,
    pub event: Value,
    pub mock: MockMode,
    /// Results pinned per node id.
    pub pins: HashMap<String, Value>,
    /// Overrides the playbook's own limit (actions per minute).
    pub rate_limit: Option<u32>,
    /// The trigger node to start from when the playbook has several (`None`: the first).
    pub trigger: Option<String>,
}

/// How a run was made, stored with it so a rerun repeats it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct RunOptions {
    mock: MockMode,
    #[serde(default)]
    pins: HashMap<String, Value>,
    rate_limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    trigger: Option<String>,
}

/// A stored run with its node runs.
#[derive(Debug, Clone, Serialize)]
pub struct RunView {
    pub run: RunRow,
    pub node_runs: Vec<NodeRunRow>,
}

pub(crate) fn write_of(n: &NodeRun) -> NodeRunWrite<'_> {
    NodeRunWrite {
        node_id: &n.node_id,
        iteration: n.iteration,
        scope: n.scope.as_deref(),
        status: n.status,
        branch: n.branch.as_deref(),
        error: n.error.as_deref(),
        arguments: n.arguments.as_ref(),
        results: n.results.as_deref(),
        mocked: n.mocked,
        reused: n.reused,
        started_at: n.started_at.as_deref(),
        finished_at: n.finished_at.as_deref(),
        details: n.details.as_ref(),
    }
}

fn node_run_of(r: &NodeRunRow) -> NodeRun {
    NodeRun {
        node_id: r.node_id.clone(),
        iteration: r.iteration,
        scope: r.scope.clone(),
        status: r.status,
        branch: r.branch.clone(),
        error: r.error.clone(),
        arguments: r.arguments.clone(),
        results: r.results.clone().map(std::sync::Arc::new),
        mocked: r.mocked,
        reused: r.reused,
        started_at: r.started_at.clone(),
        finished_at: r.finished_at.clone(),
        details: r.details.clone(),
    }
}

/// Writes every event to the store (a failed write is logged, never stops the run) and
/// passes it on. Writes are grouped in a transaction until the run waits on the outside world
/// (or ends, or 500 writes accumulate): durable before every wait, cheap in between.
struct StoreSink<'a> {
    store: &'a mut Store,
    forward: &'a mut dyn FnMut(&RunEvent),
    pending: usize,
    /// A node that started and has not finished: written only if the run waits before it
    /// finishes (its final state replaces it otherwise).
    running: Option<(String, NodeRun)>,
}

impl StoreSink<'_> {
    fn write(&mut self, run_id: &str, node_run: &NodeRun) -> studio_store::Result<()> {
        if self.pending == 0 {
            self.store.begin()?;
        }
        self.pending += 1;
        self.store.put_node_run(run_id, &write_of(node_run))?;
        if self.pending >= 500 {
            self.commit();
        }
        Ok(())
    }

    fn commit(&mut self) {
        if self.pending > 0 {
            self.pending = 0;
            if let Err(e) = self.store.commit() {
                tracing::error!(error = %e, "could not record run events");
            }
        }
    }
}

impl StoreSink<'_> {
    fn write_logged(&mut self, run_id: &str, node_run: &NodeRun) {
        if let Err(e) = self.write(run_id, node_run) {
            tracing::error!(error = %e, "could not record a run event");
        }
    }

    fn write_running(&mut self) {
        if let Some((run_id, nr)) = self.running.take() {
            self.write_logged(&run_id, &nr);
        }
    }
}

impl RunSink for StoreSink<'_> {
    fn event(&mut self, event: &RunEvent) {
        match event {
            RunEvent::Node { run_id, node_run } if node_run.status == NodeStatus::Running => {
                self.write_running();
                self.running = Some((run_id.clone(), node_run.clone()));
            }
            RunEvent::Node { run_id, node_run } => {
                if self.running.as_ref().is_some_and(|(_, r)| r.key() == node_run.key()) {
                    self.running = None;
                } else {
                    self.write_running();
                }
                self.write_logged(run_id, node_run);
            }
            RunEvent::RunFinished { .. } => {
                self.write_running();
                self.commit();
            }
            _ => {}
        }
        (self.forward)(event);
    }

    fn flush(&mut self) {
        self.write_running();
        self.commit();
    }
}

/// Module configurations from the store, their secret fields read from the vault for this
/// run only (the engine redacts them from every record).
struct StoredConfigurations<'a> {
    store: &'a Store,
    vault: &'a dyn studio_vault::Vault,
}

impl ConfigurationSource for StoredConfigurations<'_> {
    fn configuration(&self, uuid: &str) -> std::result::Result<Configuration, String> {
        let cfg = self.store.module_configuration(uuid).map_err(|e| e.to_string())?;
        let mut values = cfg.values;
        let mut secret_fields = Vec::new();
        for (field, entry) in &cfg.secret_refs {
            let secret = self.vault.get(entry).map_err(|e| e.to_string())?.ok_or_else(|| format!("secret `{field}` of module configuration `{}` is missing from the OS vault", cfg.name))?;
            values.insert(field.clone(), Value::String(secret));
            secret_fields.push(field.clone());
        }
        Ok(Configuration { values, secret_fields })
    }
}

fn rfc3339(s: &str) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()
}

impl Studio {
    /// Runs a playbook locally; `on_event` sees every state change as it happens.
    pub fn run_playbook(&mut self, request: RunRequest, on_event: &mut dyn FnMut(&RunEvent), cancel: CancellationToken) -> Result<RunOutcome> {
        let options = RunOptions { mock: request.mock, pins: request.pins, rate_limit: request.rate_limit, trigger: request.trigger };
        self.start_run(&request.playbook_id, None, request.event, options, None, HashMap::new(), on_event, cancel)
    }

    /// Reruns a run as a new run. `only_failed`: the failed and pending nodes run again, the
    /// succeeded actions' recorded results are reused (allowed for a run that did not succeed).
    pub fn rerun(&mut self, run_id: &str, only_failed: bool, on_event: &mut dyn FnMut(&RunEvent), cancel: CancellationToken) -> Result<RunOutcome> {
        let previous = self.store.run(run_id)?;
        if previous.status == RunStatus::Running {
            return Err(StudioError::Refused(format!("run {run_id} is still running")));
        }
        if previous.options.get("bundle").and_then(Value::as_bool) == Some(true) {
            return Err(StudioError::Refused(format!("run {run_id} was imported from a run bundle: it is shown as it was, and cannot be rerun (run the playbook instead)")));
        }
        if only_failed && previous.status == RunStatus::Succeeded {
            return Err(StudioError::Refused(format!("run {run_id} succeeded: nothing failed to rerun (rerun it entirely instead)")));
        }
        let options: RunOptions = serde_json::from_value(previous.options.clone()).unwrap_or(RunOptions { mock: MockMode::Unknown, pins: HashMap::new(), rate_limit: None, trigger: None });
        let reuse = if only_failed {
            self.store
                .node_runs(run_id)?
                .iter()
                .filter(|n| n.status == NodeStatus::Succeeded && n.arguments.is_some())
                .map(|n| {
                    let reused = node_run_of(n);
                    (reused.key(), reused)
                })
                .collect()
        } else {
            HashMap::new()
        };
        self.start_run(&previous.playbook_id, previous.playbook_version, previous.event.clone(), options, Some(run_id), reuse, on_event, cancel)
    }

    #[allow(clippy::too_many_arguments)]
    fn start_run(
        &mut self,
        playbook_id: &str,
        version: Option<u32>,
        event: Value,
        options: RunOptions,
        rerun_of: Option<&str>,
        reuse: HashMap<NodeRunKey, NodeRun>,
        on_event: &mut dyn FnMut(&RunEvent),
        cancel: CancellationToken,
    ) -> Result<RunOutcome> {
        let record = self.store.playbook_record(playbook_id)?;
        let version = version.unwrap_or(record.version);
        let playbook = self.store.playbook_content(playbook_id, Some(version))?;
        let rate_limit = options.rate_limit.or(self.store.rate_limit(playbook_id)?).unwrap_or(DEFAULT_ACTIONS_PER_MINUTE);
        let action_timeout = self.store.action_timeout_seconds(playbook_id)?.map(|s| Duration::from_secs(s.into())).unwrap_or(DEFAULT_ACTION_TIMEOUT);
        let catalog = self.catalog();
        let run_id = uuid::Uuid::new_v4().to_string();
        self.store.insert_run(NewRun { id: &run_id, playbook_id, playbook_version: Some(version), rerun_of, event: &event, options: &serde_json::to_value(&options).expect("options serialize") })?;
        // The rate limit counts what earlier processes started in the last minute too.
        let now = time::OffsetDateTime::now_utc();
        let since = (now - time::Duration::seconds(60)).format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
        let actions: std::collections::HashSet<&str> = playbook.nodes.iter().filter(|(_, n)| n.kind == studio_model::NodeType::Action).map(|(id, _)| id.as_str()).collect();
        let starts = self.store.node_starts_since(playbook_id, &since)?;
        let starts = starts.iter().filter(|(node, _)| actions.contains(node.as_str())).filter_map(|(_, s)| rfc3339(s));
        self.limiter.seed(playbook_id, starts.map(|t| Duration::try_from(now - t).unwrap_or_default()));
        tracing::info!(run = %run_id, playbook = playbook_id, version, mock = ?options.mock, "run started");

        let spec = RunSpec {
            run_id: run_id.clone(),
            playbook_id: playbook_id.to_owned(),
            playbook,
            event,
            trigger: options.trigger,
            mock: options.mock,
            pins: options.pins,
            rate_limit,
            action_timeout,
            reuse,
        };
        let runners = NativeRunners::new();
        let vault = self.vault.clone();
        let (store_ptr, limiter) = (&mut self.store, &self.limiter);
        // Configurations are read from a second connection: the sink holds the first.
        let config_store = Store::open(&self.home.store_path())?;
        let configurations = StoredConfigurations { store: &config_store, vault: vault.as_ref() };
        let mut sink = StoreSink { store: store_ptr, forward: on_event, pending: 0, running: None };
        let outcome = studio_engine::run_blocking(&spec, Deps { catalog: &catalog, runners: &runners, configurations: &configurations, limiter, sink: &mut sink, cancel });
        self.store.finish_run(&run_id, outcome.status, outcome.error.as_deref(), &outcome.store)?;
        tracing::info!(run = %run_id, status = outcome.status.as_str(), "run finished");
        Ok(outcome)
    }

    /// Runs, newest first.
    pub fn runs(&self, playbook_id: Option<&str>) -> Result<Vec<RunRow>> {
        Ok(self.store.runs(playbook_id, 200)?)
    }

    pub fn run_view(&self, run_id: &str) -> Result<RunView> {
        Ok(RunView { run: self.store.run(run_id)?, node_runs: self.store.node_runs(run_id)? })
    }

    /// The CODE JSON of a run: `node.<id>` is each node's results (the last iteration's
    /// inside a loop), `arguments.<id>` its rendered arguments, `store` the final store.
    /// It is what the Jinja tester takes as data.
    pub fn run_code(&self, run_id: &str) -> Result<Value> {
        Ok(serde_json::from_str(&self.run_code_text(run_id)?).expect("the CODE text is made of stored JSON"))
    }

    /// [`Studio::run_code`] as JSON text, assembled from the stored JSON columns without
    /// parsing them: a run with 50 MB of results is not parsed and written again, and its
    /// key order and numbers stay as recorded.
    pub fn run_code_text(&self, run_id: &str) -> Result<String> {
        let run = self.store.run(run_id)?;
        let (mut nodes, mut args) = (indexmap::IndexMap::new(), indexmap::IndexMap::new());
        for (node, arguments, results) in self.store.node_run_texts(run_id)? {
            if let Some(r) = results {
                nodes.insert(node.clone(), r);
            }
            if let Some(a) = arguments {
                args.insert(node, a);
            }
        }
        let object = |entries: &indexmap::IndexMap<String, String>| {
            let members: Vec<String> = entries.iter().map(|(k, v)| format!("{}: {v}", Value::String(k.clone()))).collect();
            format!("{{{}}}", members.join(", "))
        };
        Ok(format!("{{\"node\": {}, \"arguments\": {}, \"store\": {}}}", object(&nodes), object(&args), run.store))
    }
}
