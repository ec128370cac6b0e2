//! The stand-in's runs: an event emitted to a wired, activated playbook becomes a run whose
//! node runs show after a few polls; details, node runs, reruns in place, and the playbook
//! switched off after 5 failed runs in a row.

use super::{matches, not_found, page, playbooks, State};
use serde_json::{json, Map, Value};
use std::collections::{HashMap, HashSet, VecDeque};

/// How many failed runs in a row switch a playbook off (the platform's documented number).
const ERRORS_BEFORE_OFF: u32 = 5;

fn run_index(s: &State, uuid: &str) -> Option<usize> {
    s.runs.iter().position(|r| r["uuid"] == json!(uuid))
}

/// `POST /trigger-configurations/{uuid}` with `{event, playbook_uuid, name?}`: accepted (204)
/// whenever the configuration exists; a run starts only when the playbook can run from it.
pub(super) fn emit(s: &mut State, configuration: &str, body: &Value) -> (u16, Value) {
    if !s.trigger_configurations.iter().any(|c| c["uuid"] == json!(configuration)) {
        return (404, json!({ "message": "Trigger Configuration not found" }));
    }
    let Some(playbook_uuid) = body["playbook_uuid"].as_str().filter(|p| s.playbooks.contains_key(*p)).map(str::to_owned) else {
        return (400, json!({ "message": "playbook_uuid: unknown playbook" }));
    };
    let playbook = s.playbooks[&playbook_uuid].clone();
    let trigger = playbook["content"]["nodes"].as_object().and_then(|nodes| nodes.iter().find(|(_, n)| n["trigger_configuration_uuid"] == json!(configuration)).map(|(id, _)| id.clone()));
    let refusal = if playbook["status"] != "enabled" {
        Some("the playbook is not activated".to_owned())
    } else if let Some(issue) = playbooks::configuration_issue(&playbook) {
        Some(issue)
    } else if trigger.is_none() {
        Some(format!("no trigger node of the playbook uses trigger configuration {configuration}"))
    } else {
        None
    };
    if let Some(why) = refusal {
        s.log_trigger(configuration, "warning", format!("event dropped for playbook {playbook_uuid}: {why}"));
        return (204, Value::Null);
    }
    let name = body["name"].as_str().map_or_else(|| "Manual trigger event".to_owned(), str::to_owned);
    s.log_trigger(configuration, "info", format!("event \"{name}\" sent to playbook {playbook_uuid}"));
    let run = new_run(s, &playbook_uuid, &name);
    let uuid = run["uuid"].as_str().unwrap_or_default().to_owned();
    s.runs.push(run);
    s.run_inputs.insert(uuid.clone(), (body["event"].clone(), trigger.unwrap_or_default()));
    walk(s, &uuid, &HashMap::new());
    (204, Value::Null)
}

fn new_run(s: &mut State, playbook_uuid: &str, event_name: &str) -> Value {
    let uuid = s.new_uuid();
    let now = s.tick();
    let playbook = &s.playbooks[playbook_uuid];
    json!({
        "uuid": uuid, "playbook_uuid": playbook_uuid, "playbook_name": playbook["name"], "community_uuid": playbook["community_uuid"],
        "event": event_name, "status": "running", "started_by": "a0000000-0000-4000-8000-000000000001", "started_by_type": "apikey",
        "started_at": now, "pending_at": now, "running_at": now, "store": {},
    })
}

/// The branches a node reports: forced ones, else its `default` branch, else its first.
fn outputs_of(s: &State, id: &str, node: &Value) -> Value {
    if let Some(forced) = s.outputs.get(id) {
        return forced.clone();
    }
    let names: Vec<&String> = node["outputs"].as_object().map(|o| o.keys().collect()).unwrap_or_default();
    let chosen = names.iter().find(|n| n.as_str() == "default").or(names.first()).map(|n| n.to_string());
    Value::Object(names.iter().map(|n| (n.to_string(), json!(Some(n.to_string()) == chosen))).collect())
}

/// Walks the playbook from the run's trigger node: every reached node finishes, the failing
/// ones with an error (their path stops), each following the branches it reports true.
/// `keep` holds node runs to reuse (a rerun of the failed actions only).
fn walk(s: &mut State, run_uuid: &str, keep: &HashMap<String, Value>) {
    let Some(index) = run_index(s, run_uuid) else { return };
    let playbook_uuid = s.runs[index]["playbook_uuid"].as_str().unwrap_or_default().to_owned();
    let (event, trigger) = s.run_inputs.get(run_uuid).cloned().unwrap_or_default();
    let nodes: Map<String, Value> = s.playbooks.get(&playbook_uuid).and_then(|p| p["content"]["nodes"].as_object().cloned()).unwrap_or_default();
    let mut queue: VecDeque<(String, i64)> = VecDeque::from([(trigger, 0)]);
    let mut done = HashSet::new();
    let mut node_runs = Vec::new();
    while let Some((id, parent)) = queue.pop_front() {
        let Some(node) = nodes.get(&id) else { continue };
        if !done.insert(id.clone()) {
            continue;
        }
        let number: i64 = id.parse().unwrap_or(0);
        let run = match keep.get(&id) {
            Some(kept) => kept.clone(),
            None => {
                let fails = s.failing.remove(&id);
                let (start, end) = (s.tick(), s.tick());
                let mut run = json!({
                    "uuid": format!("{run_uuid}-{id}-{}", s.clock), "node_id": number, "node_type": node["type"], "iteration": 0, "parent_node_run_id": parent,
                    "status": "finished", "arguments": node.get("arguments").cloned().unwrap_or(json!({})), "logs": "",
                    "started_at": start, "pending_at": start, "running_at": start, "finished_at": end,
                });
                if fails {
                    run["error"] = json!(format!("node {id} failed on purpose"));
                    run["logs"] = json!(format!("{end}: error: node {id} failed on purpose\n"));
                } else {
                    run["results"] = if node["type"] == "trigger" { event.clone() } else { json!({ "node": id }) };
                    run["outputs"] = outputs_of(s, &id, node);
                }
                run
            }
        };
        if run.get("error").is_none_or(Value::is_null) {
            for (branch, on) in run["outputs"].as_object().cloned().unwrap_or_default() {
                if on == json!(true) {
                    let targets = node["outputs"][&branch].as_array().cloned().unwrap_or_default();
                    queue.extend(targets.iter().filter_map(Value::as_str).map(|t| (t.to_owned(), number)));
                }
            }
        }
        node_runs.push(run);
    }
    s.node_runs.insert(run_uuid.to_owned(), node_runs);
    let polls = s.polls_per_run;
    s.pending_polls.insert(run_uuid.to_owned(), polls);
}

/// Counts a poll; a run finishes after `polls_per_run` of them.
fn poll(s: &mut State, run_uuid: &str) {
    let Some(left) = s.pending_polls.get_mut(run_uuid) else { return };
    *left = left.saturating_sub(1);
    if *left > 0 {
        return;
    }
    s.pending_polls.remove(run_uuid);
    let failed = s.node_runs.get(run_uuid).into_iter().flatten().find(|n| n.get("error").is_some_and(|e| !e.is_null())).cloned();
    let now = s.tick();
    let Some(index) = run_index(s, run_uuid) else { return };
    s.runs[index]["status"] = json!(if failed.is_some() { "error" } else { "finished" });
    s.runs[index]["finished_at"] = json!(now);
    let playbook = s.runs[index]["playbook_uuid"].as_str().unwrap_or_default().to_owned();
    match failed {
        Some(node_run) => {
            s.log_playbook(&playbook, "error", format!("run {run_uuid}: node {} failed: {}", node_run["node_id"], node_run["error"].as_str().unwrap_or("")));
            let errors = s.consecutive_errors.entry(playbook.clone()).or_default();
            *errors += 1;
            if *errors >= ERRORS_BEFORE_OFF {
                if let Some(p) = s.playbooks.get_mut(&playbook) {
                    p["status"] = json!("disabled");
                    p["status_message"] = json!(format!("deactivated after {ERRORS_BEFORE_OFF} consecutive technical errors"));
                    playbooks::refresh_status(p);
                }
                s.log_playbook(&playbook, "critical", format!("playbook deactivated after {ERRORS_BEFORE_OFF} consecutive technical errors"));
            }
        }
        None => {
            s.consecutive_errors.remove(&playbook);
        }
    }
}

/// Reruns a run: a failed or pending one in place (entirely, or its failed and pending
/// actions only), a succeeded one as a new run with the same event. Refused while running.
pub(super) fn rerun(s: &mut State, uuid: &str, only_failed: bool) -> (u16, Value) {
    let Some(index) = run_index(s, uuid) else { return not_found() };
    let old = s.runs[index].clone();
    match old["status"].as_str() {
        Some("running") => (400, json!({ "message": "the playbook run is still running" })),
        Some("finished") => {
            let playbook_uuid = old["playbook_uuid"].as_str().unwrap_or_default().to_owned();
            let run = new_run(s, &playbook_uuid, old["event"].as_str().unwrap_or_default());
            let new_uuid = run["uuid"].as_str().unwrap_or_default().to_owned();
            s.runs.push(run);
            let inputs = s.run_inputs.get(uuid).cloned().unwrap_or_default();
            s.run_inputs.insert(new_uuid.clone(), inputs);
            walk(s, &new_uuid, &HashMap::new());
            (200, Value::Null)
        }
        _ => {
            let keep: HashMap<String, Value> = if only_failed {
                let succeeded = |n: &&Value| n["status"] == "finished" && n.get("error").is_none_or(Value::is_null);
                s.node_runs.get(uuid).into_iter().flatten().filter(succeeded).map(|n| (n["node_id"].to_string(), n.clone())).collect()
            } else {
                HashMap::new()
            };
            let now = s.tick();
            let run = &mut s.runs[index];
            run["status"] = json!("running");
            run["running_at"] = json!(now);
            if let Some(map) = run.as_object_mut() {
                map.remove("finished_at");
            }
            walk(s, uuid, &keep);
            (200, Value::Null)
        }
    }
}

/// `node_runs` of the details: node id → list of short entries, as the platform sends them.
fn details_node_runs(node_runs: &[Value]) -> Value {
    let mut map = Map::new();
    for n in node_runs {
        let entry = json!({ "uuid": n["uuid"], "status": n["status"], "outputs": n.get("outputs").cloned().unwrap_or(Value::Null), "error": n.get("error").cloned().unwrap_or(Value::Null) });
        let list = map.entry(n["node_id"].to_string()).or_insert_with(|| json!([]));
        list.as_array_mut().expect("a list").push(entry);
    }
    Value::Object(map)
}

fn list_runs(s: &State, query: &HashMap<String, String>) -> Value {
    let mut runs = s.runs.clone();
    let key = query.get("sort").map_or("started_at", String::as_str).to_owned();
    runs.sort_by(|a, b| a[&key].as_str().cmp(&b[&key].as_str()).then(a["uuid"].as_str().cmp(&b["uuid"].as_str())));
    if query.get("direction").is_none_or(|d| d == "desc") {
        runs.reverse();
    }
    page(&runs, query, |r| matches(query, "match[playbook_uuid]", &r["playbook_uuid"]) && matches(query, "match[event]", &r["event"]) && matches(query, "match[status]", &r["status"]))
}

pub(super) fn handle(s: &mut State, method: &str, parts: &[&str], query: &HashMap<String, String>) -> (u16, Value) {
    match (method, parts) {
        ("GET", ["playbook-runs"]) => (200, list_runs(s, query)),
        ("GET", ["playbook-runs", uuid]) => {
            poll(s, uuid);
            run_index(s, uuid).map_or_else(not_found, |i| (200, s.runs[i].clone()))
        }
        ("GET", ["playbook-runs", uuid, "details"]) => {
            poll(s, uuid);
            let Some(run) = run_index(s, uuid).map(|i| s.runs[i].clone()) else { return not_found() };
            let node_runs = s.node_runs.get(*uuid).cloned().unwrap_or_default();
            let visible: Vec<Value> = if run["status"] == "running" { node_runs.into_iter().take(1).collect() } else { node_runs };
            let playbook = s.playbooks.get(run["playbook_uuid"].as_str().unwrap_or("")).map_or(Value::Null, |p| json!({ "uuid": p["uuid"], "name": p["name"], "nodes": p["content"]["nodes"] }));
            (200, json!({ "playbook_run": run, "playbook": playbook, "node_runs": details_node_runs(&visible) }))
        }
        ("GET", ["playbook-runs", uuid, "node-runs", node_id]) => {
            let Some(run) = run_index(s, uuid).map(|i| s.runs[i].clone()) else { return not_found() };
            let all = s.node_runs.get(*uuid).cloned().unwrap_or_default();
            let visible: Vec<Value> = if run["status"] == "running" { all.into_iter().take(1).collect() } else { all };
            (200, page(&visible, query, |n| n["node_id"].as_i64().is_some_and(|id| node_id.parse() == Ok(id))))
        }
        ("POST", ["playbook-runs", uuid, "re-run"]) => rerun(s, uuid, query.get("only_failed_actions").is_some_and(|v| v == "true")),
        ("GET", ["node-runs", uuid]) => s.node_runs.values().flatten().find(|n| n["uuid"] == json!(uuid)).map_or((404, json!({ "message": "Unknown Node Run" })), |n| (200, n.clone())),
        _ => not_found(),
    }
}
