//! The scheduler: walks a playbook from its trigger, node by node, with the platform's
//! semantics (conditions, store, foreach, any/all joins, action branches, error branches).
//! It decides what runs next and which branch was taken; running an action is a runner's
//! job (injected), and every state change goes to the sink (persistence, UI).

use crate::model::{now, NodeRun, NodeRunKey, NodeStatus, RunEvent, RunOutcome, RunStatus};
use crate::rate::{self, RateLimiter};
use crate::runner::{mock_results, ActionCall, ActionOutput, BlockRunner, Configuration, ConfigurationSource, MockMode};
use serde_json::{json, Map, Value};
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Arc;
use std::time::Duration;
use studio_jinja::{Config as JinjaConfig, Context};
use studio_model::{Block, BlockKind, Catalog, Node, NodeType, OperatorSubtype, Playbook};
use tokio_util::sync::CancellationToken;

mod operators;

/// Default time an action may take before it fails.
pub const DEFAULT_ACTION_TIMEOUT: Duration = Duration::from_secs(120);

/// What to run.
pub struct RunSpec {
    pub run_id: String,
    pub playbook_id: String,
    pub playbook: Playbook,
    /// The trigger's results (the event).
    pub event: Value,
    /// The trigger node the run starts from (a playbook may have several); `None`: its
    /// first trigger.
    pub trigger: Option<String>,
    pub mock: MockMode,
    /// Results pinned by the analyst, per node id (always used, marked mocked).
    pub pins: HashMap<String, Value>,
    /// Actions per minute for this playbook.
    pub rate_limit: u32,
    pub action_timeout: Duration,
    /// Node runs of an earlier run to reuse instead of running again (rerun of the failed
    /// part), by node id, iteration and scope.
    pub reuse: HashMap<NodeRunKey, NodeRun>,
}

/// Receives every event of a run, in order.
pub trait RunSink {
    fn event(&mut self, event: &RunEvent);

    /// Called before the run waits on the outside world (a native runner): a sink that
    /// batches its writes makes them durable here, so a crash during the wait loses nothing
    /// recorded before it.
    fn flush(&mut self) {}
}

/// Native runners by block.
pub trait RunnerRegistry {
    fn native(&self, module_uuid: &str, action_uuid: &str, block: Option<&Block>) -> Option<&dyn BlockRunner>;
}

/// What a run needs from outside.
pub struct Deps<'d> {
    pub catalog: &'d Catalog,
    pub runners: &'d dyn RunnerRegistry,
    pub configurations: &'d dyn ConfigurationSource,
    pub limiter: &'d RateLimiter,
    pub sink: &'d mut dyn RunSink,
    pub cancel: CancellationToken,
}

/// An action's results, shared between the run's record and its Jinja context.
struct Shared {
    results: Arc<Value>,
    /// `None`: the default branch; else the branches the action made true.
    branches: Option<Vec<String>>,
}

enum Stop {
    Failed(String),
    Cancelled,
}

struct Run<'s, 'd> {
    spec: &'s RunSpec,
    deps: Deps<'d>,
    ctx: Context,
    jinja: JinjaConfig,
    store: Map<String, Value>,
    node_runs: Vec<NodeRun>,
    executed: HashSet<String>,
    secrets: Vec<String>,
    predecessors: HashMap<String, Vec<String>>,
    /// Compiled argument templates, by source text (loops render the same ones again).
    templates: HashMap<String, std::rc::Rc<studio_jinja::Template>>,
    /// Mock results by action uuid (generated once per run).
    mocks: HashMap<String, Arc<Value>>,
    /// Item indices of the enclosing loops, except the innermost (see `NodeRun::scope`).
    outer: Vec<u32>,
}

/// Runs a playbook to its end and returns what happened.
pub async fn run(spec: &RunSpec, deps: Deps<'_>) -> RunOutcome {
    let mut predecessors: HashMap<String, Vec<String>> = HashMap::new();
    for (id, node) in &spec.playbook.nodes {
        for (_, target) in node.edges() {
            predecessors.entry(target.to_owned()).or_default().push(id.clone());
        }
    }
    let mut run = Run {
        spec,
        deps,
        ctx: Context::new(),
        // A mocked run's generated results may lack what the playbook reads: missing members
        // render as nothing instead of stopping the simulation.
        jinja: JinjaConfig { chainable: spec.mock != MockMode::None, ..JinjaConfig::default() },
        store: Map::new(),
        node_runs: Vec::new(),
        executed: HashSet::new(),
        secrets: Vec::new(),
        predecessors,
        templates: HashMap::new(),
        mocks: HashMap::new(),
        outer: Vec::new(),
    };
    run.ctx.set("node", &json!({}));
    run.ctx.set("store", &json!({}));
    run.emit(RunEvent::RunStarted { run_id: spec.run_id.clone() });
    let result = match start_trigger(spec) {
        Ok(id) => run.walk(vec![id], None).await,
        Err(e) => Err(Stop::Failed(e)),
    };
    let (status, error) = match result {
        Ok(()) => (RunStatus::Succeeded, None),
        Err(Stop::Failed(e)) => (RunStatus::Failed, Some(e)),
        Err(Stop::Cancelled) => (RunStatus::Cancelled, Some("the run was cancelled".to_owned())),
    };
    let leftover = if status == RunStatus::Succeeded { NodeStatus::Skipped } else { NodeStatus::Pending };
    let ids: Vec<String> = spec.playbook.nodes.keys().filter(|id| !run.executed.contains(*id)).cloned().collect();
    for id in ids {
        let nr = NodeRun::pending(&id, leftover);
        run.emit(RunEvent::Node { run_id: spec.run_id.clone(), node_run: nr.clone() });
        run.node_runs.push(nr);
    }
    let error = error.map(|e| run.redact_str(&e));
    run.emit(RunEvent::RunFinished { run_id: spec.run_id.clone(), status, error: error.clone() });
    RunOutcome { run_id: spec.run_id.clone(), status, error, node_runs: run.node_runs, store: Value::Object(run.store) }
}

/// The trigger a run starts from: the one asked for (it must be a trigger of the playbook),
/// else the first.
fn start_trigger(spec: &RunSpec) -> Result<String, String> {
    let triggers: Vec<&String> = spec.playbook.nodes.iter().filter(|(_, n)| n.kind == NodeType::Trigger).map(|(id, _)| id).collect();
    match &spec.trigger {
        Some(id) if triggers.contains(&id) => Ok(id.clone()),
        Some(id) => Err(format!("node {id} is not a trigger of this playbook (its triggers: {})", triggers.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", "))),
        None => triggers.first().map(|id| (*id).clone()).ok_or_else(|| "the playbook has no trigger".to_owned()),
    }
}

/// A pin `{"$error": "why"}` makes the block fail with that reason instead of returning
/// results (a test of an `error` branch, without a server that fails on cue).
fn pinned_failure(pinned: &Value) -> Option<String> {
    let map = pinned.as_object().filter(|m| m.len() == 1)?;
    map.get("$error").and_then(Value::as_str).map(|why| format!("pinned failure: {why}"))
}

impl Run<'_, '_> {
    fn emit(&mut self, event: RunEvent) {
        self.deps.sink.event(&event);
    }

    fn redact_str(&self, s: &str) -> String {
        let mut out = s.to_owned();
        for secret in &self.secrets {
            out = out.replace(secret.as_str(), "***");
        }
        out
    }

    fn redact_owned(&self, v: Value) -> Value {
        if self.secrets.is_empty() {
            v
        } else {
            self.redact(&v)
        }
    }

    fn redact(&self, v: &Value) -> Value {
        match v {
            Value::String(s) => Value::String(self.redact_str(s)),
            Value::Array(items) => Value::Array(items.iter().map(|i| self.redact(i)).collect()),
            Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), self.redact(v))).collect()),
            other => other.clone(),
        }
    }

    /// The enclosing loops' indices beyond the innermost, as `"1.0"` (`None` when empty).
    fn scope(&self) -> Option<String> {
        (!self.outer.is_empty()).then(|| self.outer.iter().map(u32::to_string).collect::<Vec<_>>().join("."))
    }

    fn start(&mut self, id: &str, iteration: Option<u32>) -> NodeRun {
        let mut nr = NodeRun::pending(id, NodeStatus::Running);
        nr.iteration = iteration;
        nr.scope = self.scope();
        nr.started_at = Some(now());
        self.executed.insert(id.to_owned());
        self.emit(RunEvent::Node { run_id: self.spec.run_id.clone(), node_run: nr.clone() });
        nr
    }

    fn finish(&mut self, mut nr: NodeRun, status: NodeStatus) {
        nr.status = status;
        nr.finished_at = Some(now());
        nr.arguments = nr.arguments.map(|a| self.redact_owned(a));
        if !self.secrets.is_empty() {
            nr.results = nr.results.map(|r| Arc::new(self.redact(&r)));
        }
        nr.error = nr.error.map(|e| self.redact_str(&e));
        let event = RunEvent::Node { run_id: self.spec.run_id.clone(), node_run: nr };
        self.deps.sink.event(&event);
        if let RunEvent::Node { node_run, .. } = event {
            self.node_runs.push(node_run);
        }
    }

    /// Renders every string of a JSON value with typed rendering (templates compiled once).
    fn render(&mut self, v: &Value) -> Result<Value, String> {
        Ok(match v {
            Value::String(s) if s.contains("{{") || s.contains("{%") || s.contains("{#") => {
                let template = match self.templates.get(s) {
                    Some(t) => t.clone(),
                    None => {
                        let t = std::rc::Rc::new(studio_jinja::Template::compile(s).map_err(|e| e.to_string())?);
                        self.templates.insert(s.clone(), t.clone());
                        t
                    }
                };
                template.render_typed(&self.ctx, &self.jinja).map_err(|e| e.to_string())?
            }
            Value::Array(items) => Value::Array(items.iter().map(|i| self.render(i)).collect::<Result<_, _>>()?),
            Value::Object(map) => {
                let mut out = Map::with_capacity(map.len());
                for (k, x) in map {
                    out.insert(k.clone(), self.render(x)?);
                }
                Value::Object(out)
            }
            other => other.clone(),
        })
    }

    /// Runs the nodes reachable from `start` (breadth first, each node once in this scope).
    fn walk<'a>(&'a mut self, start: Vec<String>, iteration: Option<u32>) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), Stop>> + 'a>> {
        Box::pin(async move {
            let mut queue: VecDeque<String> = start.into();
            let mut done: HashSet<String> = HashSet::new();
            let mut deferrals = 0usize;
            while let Some(id) = queue.pop_front() {
                if done.contains(&id) {
                    continue;
                }
                if self.deps.cancel.is_cancelled() {
                    return Err(Stop::Cancelled);
                }
                let Some(node) = self.spec.playbook.nodes.get(&id) else {
                    return Err(Stop::Failed(format!("target \"{id}\" is not a node")));
                };
                if node.subtype == Some(OperatorSubtype::All) {
                    // Wait for every incoming branch that may still arrive in this scope.
                    if self.may_still_arrive(&id, &queue, &done) && deferrals <= queue.len() {
                        deferrals += 1;
                        queue.push_back(id);
                        continue;
                    }
                }
                deferrals = 0;
                done.insert(id.clone());
                let next = self.run_node(&id, node, iteration).await?;
                queue.extend(next);
            }
            Ok(())
        })
    }

    async fn run_node(&mut self, id: &str, node: &Node, iteration: Option<u32>) -> Result<Vec<String>, Stop> {
        let targets = |branch: &str| node.outputs.get(branch).cloned().unwrap_or_default();
        match (node.kind, node.subtype) {
            (NodeType::Trigger, _) => {
                let mut nr = self.start(id, iteration);
                let event = Arc::new(self.spec.event.clone());
                self.ctx.set_entry_shared("node", id, event.clone());
                nr.results = Some(event);
                nr.branch = Some("default".into());
                self.finish(nr, NodeStatus::Succeeded);
                Ok(targets("default"))
            }
            (NodeType::Action, _) => self.run_action(id, node, iteration).await,
            (NodeType::Operator, Some(OperatorSubtype::Condition)) => self.run_condition(id, node, iteration),
            (NodeType::Operator, Some(OperatorSubtype::Store)) => self.run_store(id, node, iteration),
            (NodeType::Operator, Some(OperatorSubtype::Foreach)) => {
                let mut nr = self.start(id, iteration);
                let items = match self.render(node.items.as_ref().unwrap_or(&Value::Null)) {
                    Ok(Value::Array(items)) => items,
                    Ok(Value::Null) => Vec::new(),
                    Ok(Value::Object(map)) => map.keys().map(|k| Value::String(k.clone())).collect(),
                    Ok(other) => {
                        let msg = format!("items: expected a list, got {other}");
                        nr.error = Some(msg.clone());
                        self.finish(nr, NodeStatus::Failed);
                        return Err(Stop::Failed(format!("node {id}: {msg}")));
                    }
                    Err(e) => {
                        nr.error = Some(format!("items: {e}"));
                        let msg = format!("node {id}: items: {e}");
                        self.finish(nr, NodeStatus::Failed);
                        return Err(Stop::Failed(msg));
                    }
                };
                let total = items.len();
                let body = node.loop_targets.clone().unwrap_or_default();
                // Inside an outer loop, this loop's own index becomes part of its body's scope.
                if let Some(own) = iteration {
                    self.outer.push(own);
                }
                for (index, item) in items.into_iter().enumerate() {
                    self.ctx.set_entry("node", id, &json!({"default": {"value": item, "index": index, "total": total}}));
                    if let Err(stop) = self.walk(body.clone(), Some(index as u32)).await {
                        // The loop ends with its item: its own node run says so (never left running).
                        if iteration.is_some() {
                            self.outer.pop();
                        }
                        nr.error = Some(match &stop {
                            Stop::Failed(e) => format!("item {index}: {e}"),
                            Stop::Cancelled => "cancelled".to_owned(),
                        });
                        self.finish(nr, NodeStatus::Failed);
                        return Err(stop);
                    }
                }
                if iteration.is_some() {
                    self.outer.pop();
                }
                nr.results = Some(Arc::new(json!({"total": total})));
                nr.branch = Some("default".into());
                self.finish(nr, NodeStatus::Succeeded);
                Ok(targets("default"))
            }
            (NodeType::Operator, _) => {
                // any / all joins: pass through.
                let mut nr = self.start(id, iteration);
                nr.branch = Some("default".into());
                self.finish(nr, NodeStatus::Succeeded);
                Ok(targets("default"))
            }
        }
    }

    async fn run_action(&mut self, id: &str, node: &Node, iteration: Option<u32>) -> Result<Vec<String>, Stop> {
        let spec = self.spec;
        let mut nr = self.start(id, iteration);
        let module_uuid = node.module_uuid.clone().unwrap_or_default();
        let action_uuid = node.action_uuid.clone().unwrap_or_default();
        let block = self.deps.catalog.block(&module_uuid, BlockKind::Action, &action_uuid);
        let raw_arguments = node.arguments.clone().map(Value::Object).unwrap_or_else(|| json!({}));
        let arguments = match self.render(&raw_arguments) {
            Ok(a) => a,
            Err(e) => return self.fail_action(id, node, nr, format!("arguments: {e}")),
        };
        nr.arguments = Some(arguments.clone());

        let outcome: Result<Shared, String> = if let Some(previous) = spec.reuse.get(&(id.to_owned(), iteration, self.scope())).filter(|p| p.status == NodeStatus::Succeeded) {
            nr.reused = true;
            nr.mocked = previous.mocked;
            let branches = Some(previous.branches()).filter(|b| *b != ["default"]);
            Ok(Shared { results: previous.results.clone().unwrap_or_else(|| Arc::new(Value::Null)), branches })
        } else if let Err(count) = self.deps.limiter.try_start(&spec.playbook_id, spec.rate_limit) {
            Err(rate::message(count, spec.rate_limit))
        } else if let Some(pinned) = spec.pins.get(id) {
            nr.mocked = true;
            match pinned_failure(pinned) {
                Some(message) => Err(message),
                None => Ok(Shared { results: Arc::new(pinned.clone()), branches: None }),
            }
        } else {
            let native = self.deps.runners.native(&module_uuid, &action_uuid, block);
            let use_mock = match spec.mock {
                MockMode::All => true,
                MockMode::Unknown => native.is_none(),
                MockMode::None => false,
            };
            if use_mock {
                nr.mocked = true;
                let results = self.mocks.entry(action_uuid.clone()).or_insert_with(|| Arc::new(block.map(|b| mock_results(&b.results)).unwrap_or_else(|| json!({})))).clone();
                Ok(Shared { results, branches: None })
            } else if let Some(runner) = native {
                match self.configuration(node) {
                    Err(e) => Err(e),
                    Ok(configuration) => {
                        let call = ActionCall {
                            node_id: id,
                            block,
                            module_uuid: &module_uuid,
                            action_uuid: &action_uuid,
                            arguments: &arguments,
                            configuration: configuration.as_ref(),
                            timeout: spec.action_timeout,
                            cancel: &self.deps.cancel,
                        };
                        let cancel = self.deps.cancel.clone();
                        self.deps.sink.flush();
                        let result = tokio::select! {
                            r = tokio::time::timeout(spec.action_timeout, runner.run(call)) => match r {
                                Ok(r) => r,
                                Err(_) => Err(format!("timed out after {} s", spec.action_timeout.as_secs_f64())),
                            },
                            _ = cancel.cancelled() => Err("cancelled".into()),
                        };
                        result.map(|o: ActionOutput| Shared { results: Arc::new(o.results), branches: o.branches })
                    }
                }
            } else {
                let name = block.map(|b| b.name.as_str()).or(node.name.as_deref()).unwrap_or("this action");
                Err(format!("no native runner for `{name}` (module {module_uuid}, action {action_uuid}): run with --mock unknown or pin its results"))
            }
        };
        if self.deps.cancel.is_cancelled() {
            nr.error = Some("cancelled".into());
            self.finish(nr, NodeStatus::Failed);
            return Err(Stop::Cancelled);
        }
        match outcome {
            Ok(out) => {
                self.ctx.set_entry_shared("node", id, out.results.clone());
                nr.results = Some(out.results);
                let Some(branches) = out.branches else {
                    nr.branch = Some("default".into());
                    self.finish(nr, NodeStatus::Succeeded);
                    return Ok(node.outputs.get("default").cloned().unwrap_or_default());
                };
                // Every true branch runs; when none leads anywhere the run leaves here.
                let mut next: Vec<String> = Vec::new();
                for target in branches.iter().flat_map(|b| node.outputs.get(b).into_iter().flatten()) {
                    if !next.contains(target) {
                        next.push(target.clone());
                    }
                }
                nr.set_branches(&branches);
                self.finish(nr, if next.is_empty() { NodeStatus::Left } else { NodeStatus::Succeeded });
                Ok(next)
            }
            Err(e) => self.fail_action(id, node, nr, e),
        }
    }

    fn fail_action(&mut self, id: &str, node: &Node, mut nr: NodeRun, error: String) -> Result<Vec<String>, Stop> {
        let catch = node.outputs.get("error").filter(|t| !t.is_empty()).cloned();
        nr.error = Some(error.clone());
        if let Some(targets) = catch {
            nr.branch = Some("error".into());
            self.ctx.set_entry("node", id, &json!({"error": self.redact_str(&error)}));
            self.finish(nr, NodeStatus::Failed);
            return Ok(targets);
        }
        self.finish(nr, NodeStatus::Failed);
        Err(Stop::Failed(format!("node {id}: {}", self.redact_str(&error))))
    }

    fn configuration(&mut self, node: &Node) -> Result<Option<Configuration>, String> {
        let Some(Some(uuid)) = &node.module_configuration_uuid else { return Ok(None) };
        let cfg = self.deps.configurations.configuration(uuid)?;
        self.secrets.extend(cfg.secret_values());
        Ok(Some(cfg))
    }
}
