//! A stand-in for the Sekoia.io platform on loopback, for tests of the platform client, the
//! core, the CLI and (through the `mock-platform` binary) the app. It plays the endpoints the
//! app uses (`/v1/symphony/...`) with state in memory, checks the bearer key and the
//! permission the public OpenAPI names for each endpoint (401/403), and can be told to answer
//! 429 with `Retry-After`, 5xx, or slowly.
//!
//! It answers in the shapes of the platform's public contract (the OpenAPI in
//! `../shared/fixtures/sekoia/symphony-openapi.json`, the documentation, the automation SDK),
//! not in shapes convenient to our client:
//! - a playbook runs from its trigger only when it is activated and its trigger node carries a
//!   trigger configuration that the playbook also lists; otherwise an emitted event is accepted
//!   (204) and starts nothing, and the playbook says why in `status_tags`/`status_message`
//!   and in its logs; 5 failed runs in a row switch it off;
//! - a run's `event` is the event's name (what the emitter called it), not its payload;
//! - `/playbook-runs/{uuid}/details` gives `node_runs` as a map of node id → list of short
//!   entries (uuid, status, outputs, error); full node runs (results, logs, times) come from
//!   `/node-runs/{uuid}` and `/playbook-runs/{uuid}/node-runs/{node_id}`;
//! - an action that fails reports `status: "finished"` with an `error` (as the SDK sends it),
//!   and `outputs` as a map of branch → bool where several can be true;
//! - a rerun of a failed or pending run updates that run in place; a rerun of a succeeded run
//!   makes a new run; neither answer carries a body.
//!
//! Where the public contract is silent the stand-in chooses, and says so where it does:
//! `status` is `enabled`/`disabled`; `status_tags` holds `configuration_issues` while a
//! trigger is not wired; `re-run-failed` reruns the failed actions of every failed run.

mod playbooks;
mod runs;

use crate::http::{read_request, respond, Seen};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::net::TcpListener;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// An answer forced on the next request whose API path (after `/v1/symphony`, without the
/// query) starts with `path`.
#[derive(Debug, Clone)]
pub struct Fault {
    pub method: Option<&'static str>,
    pub path: String,
    pub status: u16,
    pub retry_after: Option<String>,
    /// Wait this long before answering (then answer normally when `status` is 0).
    pub delay: Duration,
}

impl Fault {
    pub fn status(path: &str, status: u16) -> Self {
        Self { method: None, path: path.to_owned(), status, retry_after: None, delay: Duration::ZERO }
    }
}

/// A log line of a playbook or a trigger configuration.
#[derive(Debug, Clone)]
pub struct LogLine {
    pub owner: String,
    pub level: &'static str,
    pub message: String,
    pub date: String,
}

#[derive(Debug, Default)]
pub struct State {
    /// Known keys and the permission ids each lacks.
    pub keys: HashMap<String, HashSet<String>>,
    pub playbooks: BTreeMap<String, Value>,
    /// Runs, oldest first, in the platform's `PlaybookRun` shape.
    pub runs: Vec<Value>,
    /// Full node runs of each run, in the platform's `NodeRun` shape.
    pub node_runs: HashMap<String, Vec<Value>>,
    /// Each run's payload and the trigger node it started from (reruns replay them).
    pub run_inputs: HashMap<String, (Value, String)>,
    /// Polls of a run left before it finishes.
    pub pending_polls: HashMap<String, u32>,
    pub polls_per_run: u32,
    pub modules: Vec<Value>,
    pub actions: Vec<Value>,
    pub triggers: Vec<Value>,
    pub module_configurations: Vec<Value>,
    pub trigger_configurations: Vec<Value>,
    /// Node ids that fail the next time they run.
    pub failing: HashSet<String>,
    /// Outputs (branch → bool) a node reports the next times it runs, instead of its first branch.
    pub outputs: HashMap<String, Value>,
    /// When set, activation leaves playbooks off with this status message (a platform that
    /// cannot start a trigger, say).
    pub refuse_activation: Option<String>,
    /// Failed runs in a row, per playbook (5 switch it off).
    pub consecutive_errors: HashMap<String, u32>,
    pub playbook_logs: Vec<LogLine>,
    pub trigger_logs: Vec<LogLine>,
    pub faults: VecDeque<Fault>,
    pub seen: Vec<Seen>,
    counter: u64,
    clock: u64,
}

impl State {
    fn new_uuid(&mut self) -> String {
        self.counter += 1;
        format!("00000000-0000-4000-8000-{:012x}", self.counter)
    }

    /// A time that moves one second per call, so every change has its own timestamp.
    fn tick(&mut self) -> String {
        self.clock += 1;
        let (h, m, s) = (10 + self.clock / 3600, (self.clock / 60) % 60, self.clock % 60);
        format!("2026-11-29T{h:02}:{m:02}:{s:02}Z")
    }

    fn log_playbook(&mut self, playbook: &str, level: &'static str, message: String) {
        let date = self.tick();
        self.playbook_logs.push(LogLine { owner: playbook.to_owned(), level, message, date });
    }

    fn log_trigger(&mut self, configuration: &str, level: &'static str, message: String) {
        let date = self.tick();
        self.trigger_logs.push(LogLine { owner: configuration.to_owned(), level, message, date });
    }
}

pub struct MockPlatform {
    /// The base URL to log in with (the API lives under `/v1/symphony`).
    pub url: String,
    state: Arc<Mutex<State>>,
}

/// The permission a request needs (the ids of `studio-platform`'s check), as the OpenAPI
/// names it for each endpoint.
fn permission(method: &str, path: &str) -> &'static str {
    let write = method != "GET";
    let emit = method == "POST" && path.starts_with("/trigger-configurations/") && path.matches('/').count() == 2;
    if emit || path.ends_with("/re-run") || path.ends_with("/re-run-failed") {
        "rerun"
    } else if path.starts_with("/playbook-runs") || path.starts_with("/node-runs") || (path.starts_with("/trigger-configurations/") && path.ends_with("/logs")) {
        "view_runs"
    } else if path.starts_with("/playbooks") || path.starts_with("/trigger-configurations") {
        if write {
            "manage_playbooks"
        } else {
            "view_playbooks"
        }
    } else if path.starts_with("/actions/") && path.ends_with("/run") {
        "execute_actions"
    } else if write {
        "manage_playbooks"
    } else {
        "view_integrations"
    }
}

impl MockPlatform {
    /// A platform that knows `key` with every permission.
    pub fn start(key: &str) -> Self {
        let state = Arc::new(Mutex::new(State { polls_per_run: 2, ..State::default() }));
        state.lock().unwrap().keys.insert(key.to_owned(), HashSet::new());
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let url = format!("http://{}", listener.local_addr().expect("an address"));
        let shared = state.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let state = shared.clone();
                std::thread::spawn(move || {
                    let Some(request) = read_request(&stream) else { return };
                    let (status, headers, body) = answer(&state, request);
                    respond(&stream, status, &headers, &body);
                });
            }
        });
        Self { url, state }
    }

    pub fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap()
    }

    /// Every request so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.state().seen.clone()
    }

    /// `(method, path)` of every request so far, the `/v1/symphony` prefix and query removed.
    pub fn calls(&self) -> Vec<(String, String)> {
        self.seen().iter().map(|s| (s.method.clone(), route(&s.path).0)).collect()
    }

    pub fn deny(&self, key: &str, permissions: &[&str]) {
        self.state().keys.insert(key.to_owned(), permissions.iter().map(|p| (*p).to_owned()).collect());
    }

    pub fn fault(&self, fault: Fault) {
        self.state().faults.push_back(fault);
    }

    /// A module with its actions and triggers, served by the catalogue endpoints.
    pub fn add_module(&self, module: Value, actions: Vec<Value>, triggers: Vec<Value>) {
        let mut s = self.state();
        s.modules.push(module);
        s.actions.extend(actions);
        s.triggers.extend(triggers);
    }

    pub fn add_playbook(&self, playbook: Value) {
        let uuid = playbook["uuid"].as_str().expect("a uuid").to_owned();
        self.state().playbooks.insert(uuid, playbook);
    }

    /// Makes a platform run look stuck (`pending`), as a run whose worker died does.
    pub fn make_pending(&self, run_uuid: &str) {
        let mut s = self.state();
        s.pending_polls.remove(run_uuid);
        if let Some(run) = s.runs.iter_mut().find(|r| r["uuid"] == json!(run_uuid)) {
            run["status"] = json!("pending");
            run.as_object_mut().expect("a run object").remove("finished_at");
        }
    }
}

/// Path without the API prefix, and the query parameters.
fn route(raw: &str) -> (String, HashMap<String, String>) {
    let (path, query) = raw.split_once('?').unwrap_or((raw, ""));
    let path = path.strip_prefix("/v1/symphony").unwrap_or(path).to_owned();
    let query = query.split('&').filter_map(|kv| kv.split_once('=')).map(|(k, v)| (k.replace("%5B", "[").replace("%5D", "]"), decode_component(v))).collect();
    (path, query)
}

/// Undoes the percent-encoding of a query value (`+` is a space there).
fn decode_component(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok()) {
                Some(b) => {
                    out.push(b);
                    i += 3;
                    continue;
                }
                None => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

type Answer = (u16, Vec<(&'static str, String)>, String);

fn answer(state: &Mutex<State>, request: Seen) -> Answer {
    let (path, query) = route(&request.path);
    let method = request.method.clone();
    let fault = {
        let mut s = state.lock().unwrap();
        s.seen.push(request.clone());
        let at = s.faults.iter().position(|f| path.starts_with(&f.path) && f.method.is_none_or(|m| m == method));
        at.and_then(|i| s.faults.remove(i))
    };
    if let Some(fault) = fault {
        std::thread::sleep(fault.delay);
        if fault.status != 0 {
            let headers = fault.retry_after.map(|r| vec![("Retry-After", r)]).unwrap_or_default();
            return (fault.status, headers, json!({ "message": "injected fault" }).to_string());
        }
    }
    let mut s = state.lock().unwrap();
    let key = request.header("authorization").and_then(|h| h.strip_prefix("Bearer ")).unwrap_or("");
    let Some(denied) = s.keys.get(key) else {
        return (401, vec![], json!({ "message": "invalid token" }).to_string());
    };
    let needed = permission(&method, &path);
    if denied.contains(needed) {
        return (403, vec![], json!({ "message": format!("missing permission {needed}") }).to_string());
    }
    let body: Value = serde_json::from_str(&request.body).unwrap_or(Value::Null);
    let (status, value) = handle(&mut s, &method, &path, &query, body);
    (status, vec![], if value.is_null() { String::new() } else { value.to_string() })
}

/// One page (`{items, total}`) of the items `filter` keeps, by `offset` and `limit`.
fn page(items: &[Value], query: &HashMap<String, String>, filter: impl Fn(&Value) -> bool) -> Value {
    let matching: Vec<&Value> = items.iter().filter(|v| filter(v)).collect();
    let offset: usize = query.get("offset").and_then(|o| o.parse().ok()).unwrap_or(0);
    let limit: usize = query.get("limit").and_then(|l| l.parse().ok()).unwrap_or(20).min(100);
    let items: Vec<&Value> = matching.iter().skip(offset).take(limit).copied().collect();
    json!({ "items": items, "total": matching.len() })
}

fn not_found() -> (u16, Value) {
    (404, json!({ "message": "not found" }))
}

/// Whether a `match[...]` filter (comma-separated values) keeps `value`.
fn matches(query: &HashMap<String, String>, key: &str, value: &Value) -> bool {
    query.get(key).is_none_or(|wanted| wanted.split(',').any(|w| value.as_str() == Some(w)))
}

fn handle(s: &mut State, method: &str, path: &str, query: &HashMap<String, String>, body: Value) -> (u16, Value) {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match (method, parts.as_slice()) {
        (_, ["playbooks", ..]) => playbooks::handle(s, method, &parts[1..], query, body),
        (_, ["playbook-runs", ..]) | (_, ["node-runs", ..]) => runs::handle(s, method, &parts, query),
        ("GET", ["modules"]) => (200, page(&s.modules, query, |_| true)),
        ("GET", ["actions"]) => (200, page(&s.actions, query, |_| true)),
        ("GET", ["triggers"]) => (200, page(&s.triggers, query, |_| true)),
        ("GET", ["module-configurations"]) => (200, page(&s.module_configurations, query, |c| matches(query, "match[module_uuid]", &c["module_uuid"]))),
        ("POST", ["module-configurations"]) => {
            let uuid = s.new_uuid();
            let config = json!({ "uuid": uuid, "name": body["name"], "module_uuid": body["module_uuid"], "value": {} });
            s.module_configurations.push(config.clone());
            (201, config)
        }
        ("GET", ["trigger-configurations"]) => (200, page(&s.trigger_configurations, query, |_| true)),
        ("POST", ["trigger-configurations"]) => {
            let uuid = s.new_uuid();
            let config = json!({ "uuid": uuid, "name": body["name"], "trigger_uuid": body["trigger_uuid"], "module_configuration_uuid": body["module_configuration_uuid"], "value": {} });
            s.trigger_configurations.push(config.clone());
            (201, config)
        }
        ("GET", ["trigger-configurations", uuid, "logs"]) => (200, logs(&s.trigger_logs, uuid, query)),
        ("POST", ["trigger-configurations", uuid]) => runs::emit(s, uuid, &body),
        _ => not_found(),
    }
}

/// A page of log lines of one owner, newest first, in the `RetrieveLogsSchema` shape.
fn logs(lines: &[LogLine], owner: &str, query: &HashMap<String, String>) -> Value {
    let items: Vec<Value> = lines
        .iter()
        .rev()
        .filter(|l| l.owner == owner)
        .enumerate()
        .map(|(i, l)| json!({ "uuid": format!("10000000-0000-4000-8000-{i:012x}"), "level": l.level, "message": l.message, "date": l.date }))
        .collect();
    let errors = items.iter().filter(|l| matches!(l["level"].as_str(), Some("error" | "critical"))).count();
    let mut answer = page(&items, query, |l| matches(query, "match[log_level]", &l["level"]));
    answer["errors"] = json!(errors);
    answer
}
