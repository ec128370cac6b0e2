//! A stand-in for the Sekoia.io platform on loopback, for tests of the platform client, the
//! core and the CLI. It plays the endpoints the app uses (`/v1/symphony/...`) with state in
//! memory, checks the bearer key and its permissions (401/403), and can be told to answer
//! 429 with `Retry-After`, 5xx, or slowly. Runs are simulated: an emitted event becomes a
//! run whose node runs appear after a few polls; nodes listed in `failing` fail once.

use crate::http::{read_request, respond, Seen};
use serde_json::{json, Map, Value};
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

#[derive(Debug, Default)]
pub struct State {
    /// Known keys and the permission ids each lacks.
    pub keys: HashMap<String, HashSet<String>>,
    pub playbooks: BTreeMap<String, Value>,
    pub runs: Vec<Value>,
    pub node_runs: HashMap<String, Vec<Value>>,
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
    pub faults: VecDeque<Fault>,
    pub seen: Vec<Seen>,
    counter: u64,
}

impl State {
    fn new_uuid(&mut self) -> String {
        self.counter += 1;
        format!("00000000-0000-4000-8000-{:012x}", self.counter)
    }
}

pub struct MockPlatform {
    /// The base URL to log in with (the API lives under `/v1/symphony`).
    pub url: String,
    state: Arc<Mutex<State>>,
}

/// The permission a request needs (the ids of `studio-platform`'s check).
fn permission(method: &str, path: &str) -> &'static str {
    let write = method != "GET";
    if path.starts_with("/playbook-runs") || path.starts_with("/node-runs") {
        if path.ends_with("/re-run") { "rerun" } else { "view_runs" }
    } else if path.starts_with("/playbooks") {
        if write { "manage_playbooks" } else { "view_playbooks" }
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
}

/// Path without the API prefix, and the query parameters.
fn route(raw: &str) -> (String, HashMap<String, String>) {
    let (path, query) = raw.split_once('?').unwrap_or((raw, ""));
    let path = path.strip_prefix("/v1/symphony").unwrap_or(path).to_owned();
    let query = query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.replace("%5B", "[").replace("%5D", "]"), v.to_owned()))
        .collect();
    (path, query)
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

fn handle(s: &mut State, method: &str, path: &str, query: &HashMap<String, String>, body: Value) -> (u16, Value) {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let field = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    match (method, parts.as_slice()) {
        ("GET", ["playbooks"]) => {
            let list: Vec<Value> = s.playbooks.values().map(|p| { let mut p = p.clone(); p.as_object_mut().unwrap().remove("content"); p }).collect();
            (200, page(&list, query, |_| true))
        }
        ("GET", ["playbooks", uuid]) => s.playbooks.get(*uuid).map_or_else(not_found, |p| (200, p.clone())),
        ("POST", ["playbooks"]) => {
            let uuid = s.new_uuid();
            let playbook = stored_playbook(&uuid, &body["playbook"], 1);
            s.playbooks.insert(uuid, playbook.clone());
            (200, playbook)
        }
        ("PATCH", ["playbooks", uuid]) => match s.playbooks.get(*uuid) {
            Some(old) => {
                let version = old["version"].as_i64().unwrap_or(1) + 1;
                let playbook = stored_playbook(uuid, &body["playbook"], version);
                s.playbooks.insert((*uuid).to_owned(), playbook.clone());
                (200, playbook)
            }
            None => not_found(),
        },
        ("GET", ["playbook-runs"]) => {
            let wanted = query.get("match[playbook_uuid]").cloned();
            let mut runs = s.runs.clone();
            runs.reverse();
            (200, page(&runs, query, |r| wanted.as_ref().is_none_or(|w| r["playbook_uuid"] == json!(w))))
        }
        ("GET", ["playbook-runs", uuid]) => {
            poll(s, uuid);
            s.runs.iter().find(|r| r["uuid"] == json!(uuid)).map_or_else(not_found, |r| (200, r.clone()))
        }
        ("GET", ["playbook-runs", uuid, "details"]) => {
            poll(s, uuid);
            let Some(run) = s.runs.iter().find(|r| r["uuid"] == json!(uuid)).cloned() else { return not_found() };
            let node_runs = s.node_runs.get(*uuid).cloned().unwrap_or_default();
            let visible: Vec<Value> = if run["status"] == "running" { node_runs.into_iter().take(1).collect() } else { node_runs };
            let playbook = s.playbooks.get(run["playbook_uuid"].as_str().unwrap_or("")).cloned().unwrap_or(Value::Null);
            (200, json!({ "playbook_run": run, "playbook": playbook, "node_runs": visible }))
        }
        ("POST", ["playbook-runs", uuid, "re-run"]) => {
            let Some(old) = s.runs.iter().find(|r| r["uuid"] == json!(uuid)).cloned() else { return not_found() };
            let only_failed = query.get("only_failed_actions").is_some_and(|v| v == "true");
            let keep: HashMap<String, Value> = if only_failed {
                s.node_runs.get(*uuid).into_iter().flatten().filter(|n| n["status"] == "finished").map(|n| (n["node_id"].to_string(), n.clone())).collect()
            } else {
                HashMap::new()
            };
            let playbook_uuid = field(&old, "playbook_uuid").unwrap_or_default();
            let run = start_run(s, &playbook_uuid, old["event"].clone(), &keep);
            (200, run)
        }
        ("GET", ["modules"]) => (200, page(&s.modules, query, |_| true)),
        ("GET", ["actions"]) => (200, page(&s.actions, query, |_| true)),
        ("GET", ["triggers"]) => (200, page(&s.triggers, query, |_| true)),
        ("GET", ["module-configurations"]) => {
            let wanted = query.get("match[module_uuid]").cloned();
            (200, page(&s.module_configurations, query, |c| wanted.as_ref().is_none_or(|w| c["module_uuid"] == json!(w))))
        }
        ("POST", ["module-configurations"]) => {
            let uuid = s.new_uuid();
            let config = json!({ "uuid": uuid, "name": body["name"], "module_uuid": body["module_uuid"], "value": {} });
            s.module_configurations.push(config.clone());
            (200, config)
        }
        ("GET", ["trigger-configurations"]) => (200, page(&s.trigger_configurations, query, |_| true)),
        ("POST", ["trigger-configurations"]) => {
            let uuid = s.new_uuid();
            let config = json!({ "uuid": uuid, "name": body["name"], "trigger_uuid": body["trigger_uuid"], "module_configuration_uuid": body["module_configuration_uuid"], "value": {} });
            s.trigger_configurations.push(config.clone());
            (200, config)
        }
        ("POST", ["trigger-configurations", uuid]) => {
            if !s.trigger_configurations.iter().any(|c| c["uuid"] == json!(uuid)) {
                return not_found();
            }
            let Some(playbook_uuid) = field(&body, "playbook_uuid").filter(|p| s.playbooks.contains_key(p)) else {
                return (400, json!({ "message": "playbook_uuid: unknown playbook" }));
            };
            start_run(s, &playbook_uuid, body["event"].clone(), &HashMap::new());
            (204, Value::Null)
        }
        _ => not_found(),
    }
}

fn stored_playbook(uuid: &str, sent: &Value, version: i64) -> Value {
    json!({
        "uuid": uuid,
        "name": sent["name"],
        "description": sent["description"],
        "community_uuid": "c0000000-0000-4000-8000-000000000001",
        "status": "disabled",
        "version": version,
        "updated_at": format!("2026-11-29T10:00:{:02}Z", version % 60),
        "trigger_configurations": [],
        "content": { "nodes": sent["nodes"] },
    })
}

/// Counts a poll; a run finishes after `polls_per_run` of them.
fn poll(s: &mut State, run_uuid: &str) {
    let Some(left) = s.pending_polls.get_mut(run_uuid) else { return };
    *left = left.saturating_sub(1);
    if *left == 0 {
        s.pending_polls.remove(run_uuid);
        let failed = s.node_runs.get(run_uuid).is_some_and(|n| n.iter().any(|n| n["status"] == "error"));
        if let Some(run) = s.runs.iter_mut().find(|r| r["uuid"] == json!(run_uuid)) {
            run["status"] = json!(if failed { "error" } else { "finished" });
            run["finished_at"] = json!("2026-11-29T10:01:00Z");
        }
    }
}

/// Walks the playbook from its trigger: every reached node finishes, except the failing ones
/// (which stop their path). `keep` gives node runs to reuse (an only-failed rerun).
fn start_run(s: &mut State, playbook_uuid: &str, event: Value, keep: &HashMap<String, Value>) -> Value {
    let uuid = s.new_uuid();
    let nodes: Map<String, Value> = s.playbooks.get(playbook_uuid).and_then(|p| p["content"]["nodes"].as_object().cloned()).unwrap_or_default();
    let mut queue: VecDeque<String> = nodes.iter().filter(|(_, n)| n["type"] == "trigger").map(|(id, _)| id.clone()).collect();
    let mut done = HashSet::new();
    let mut node_runs = Vec::new();
    while let Some(id) = queue.pop_front() {
        if !done.insert(id.clone()) {
            continue;
        }
        let node = &nodes[&id];
        let number: i64 = id.parse().unwrap_or(0);
        let fails = s.failing.remove(&id);
        let run = match keep.get(&json!(number).to_string()) {
            Some(kept) => kept.clone(),
            None if fails => json!({ "uuid": format!("{uuid}-{id}"), "node_id": number, "node_type": node["type"], "iteration": 0, "status": "error", "error": format!("node {id} failed on purpose"), "arguments": node.get("arguments").cloned().unwrap_or(json!({})), "started_at": "2026-11-29T10:00:00Z" }),
            None => json!({ "uuid": format!("{uuid}-{id}"), "node_id": number, "node_type": node["type"], "iteration": 0, "status": "finished", "arguments": node.get("arguments").cloned().unwrap_or(json!({})), "results": { "node": id }, "outputs": { "default": true }, "started_at": "2026-11-29T10:00:00Z", "finished_at": "2026-11-29T10:00:01Z" }),
        };
        let failed = run["status"] == "error";
        node_runs.push(run);
        if failed {
            continue;
        }
        if let Some(outputs) = node["outputs"].as_object() {
            for targets in outputs.values().filter_map(Value::as_array) {
                queue.extend(targets.iter().filter_map(Value::as_str).map(str::to_owned));
            }
        }
    }
    let run = json!({ "uuid": uuid, "playbook_uuid": playbook_uuid, "status": "running", "event": event.to_string(), "started_at": "2026-11-29T10:00:00Z" });
    s.runs.push(run.clone());
    s.node_runs.insert(uuid.clone(), node_runs);
    let polls = s.polls_per_run;
    s.pending_polls.insert(uuid, polls);
    run
}
