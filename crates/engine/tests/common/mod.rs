//! Shared by the engine's tests: a sink that keeps a readable trace, fake runners, specs.

#![allow(dead_code)]

use serde_json::{json, Value};
use std::collections::HashMap;
use std::time::Duration;
use studio_engine::{
    ActionCall, ActionOutput, BlockRunner, CancellationToken, Configuration, ConfigurationSource, Deps, MockMode, RateLimiter, RunEvent, RunOutcome, RunSink, RunSpec, RunnerRegistry,
};
use studio_model::{Block, Catalog, Playbook};

#[derive(Default)]
pub struct Trace {
    pub events: Vec<RunEvent>,
}

impl RunSink for Trace {
    fn event(&mut self, event: &RunEvent) {
        self.events.push(event.clone());
    }
}

impl Trace {
    /// One line per node that finished (or was left pending): `id[iteration] status branch`.
    pub fn lines(&self) -> Vec<String> {
        self.events
            .iter()
            .filter_map(|e| match e {
                RunEvent::Node { node_run, .. } if node_run.status != studio_engine::NodeStatus::Running => Some(format!(
                    "{}{} {}{}{}",
                    node_run.node_id,
                    match (&node_run.scope, node_run.iteration) {
                        (Some(scope), Some(i)) => format!("[{scope}.{i}]"),
                        (None, Some(i)) => format!("[{i}]"),
                        _ => String::new(),
                    },
                    node_run.status.as_str(),
                    node_run.branch.as_deref().map(|b| format!(" {b}")).unwrap_or_default(),
                    if node_run.reused { " (reused)" } else { "" }
                )),
                RunEvent::RunFinished { status, .. } => Some(format!("run {}", status.as_str())),
                _ => None,
            })
            .collect()
    }
}

/// A runner returning fixed results per action uuid, or failing for uuids starting with
/// "fail" that have no results (giving one results "fixes" it, for reruns).
pub struct Fake {
    pub results: HashMap<String, Value>,
}

impl BlockRunner for Fake {
    fn run<'a>(&'a self, call: ActionCall<'a>) -> studio_engine::runner::RunFuture<'a> {
        Box::pin(async move {
            if call.action_uuid.starts_with("fail") && !self.results.contains_key(call.action_uuid) {
                return Err(format!("{} failed on purpose", call.node_id));
            }
            let mut results = self.results.get(call.action_uuid).cloned().unwrap_or_else(|| json!({}));
            if results.get("echo").is_some() {
                results = json!({"echo": call.arguments.clone(), "secret_seen": call.configuration.and_then(|c| c.values.get("api_key").cloned())});
            }
            // `__branch` picks one declared branch, `__outputs` ({branch: bool}) several.
            let mut branches = results.get("__branch").and_then(Value::as_str).map(|b| vec![b.to_owned()]);
            if let Some(outputs) = results.get("__outputs").and_then(Value::as_object) {
                branches = Some(outputs.iter().filter(|(_, on)| on.as_bool() == Some(true)).map(|(b, _)| b.clone()).collect());
            }
            Ok(ActionOutput { results, branches })
        })
    }
}

pub struct FakeRegistry(pub Fake);

impl RunnerRegistry for FakeRegistry {
    fn native(&self, _m: &str, _a: &str, _b: Option<&Block>) -> Option<&dyn BlockRunner> {
        Some(&self.0)
    }
}

pub struct Configs(pub HashMap<String, Configuration>);

impl ConfigurationSource for Configs {
    fn configuration(&self, uuid: &str) -> Result<Configuration, String> {
        self.0.get(uuid).cloned().ok_or_else(|| format!("no configuration {uuid}"))
    }
}

pub fn spec(playbook: Value, event: Value) -> RunSpec {
    RunSpec {
        run_id: "run-1".into(),
        trigger: None,
        playbook_id: "pb".into(),
        playbook: studio_model::parse_playbook(playbook.to_string().as_bytes()).expect("a valid playbook"),
        event,
        mock: MockMode::None,
        pins: HashMap::new(),
        rate_limit: 1000,
        action_timeout: Duration::from_secs(5),
        reuse: HashMap::new(),
    }
}

pub fn run_with(spec: &RunSpec, registry: &dyn RunnerRegistry, configs: &dyn ConfigurationSource, catalog: &Catalog) -> (RunOutcome, Trace) {
    let mut trace = Trace::default();
    let limiter = RateLimiter::new();
    let outcome = studio_engine::run_blocking(spec, Deps { catalog, runners: registry, configurations: configs, limiter: &limiter, sink: &mut trace, cancel: CancellationToken::new() });
    (outcome, trace)
}

pub fn trigger(next: &[&str]) -> Value {
    json!({"type": "trigger", "name": "Manual", "module_uuid": "m", "trigger_uuid": "t", "outputs": {"default": next}})
}

pub fn action(uuid: &str, args: Value, next: &[&str]) -> Value {
    json!({"type": "action", "name": format!("action {uuid}"), "module_uuid": "m", "action_uuid": uuid, "arguments": args, "outputs": {"default": next}})
}

pub fn playbook(nodes: Value) -> Playbook {
    studio_model::parse_playbook(json!({"name": "t", "nodes": nodes}).to_string().as_bytes()).unwrap()
}
