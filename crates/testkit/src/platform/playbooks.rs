//! The stand-in's playbooks: create (201, without `content`), read, update, activation, and
//! the status the platform derives from them (`status`, `status_message`, `status_tags`),
//! and their logs.

use super::{logs, matches, not_found, page, State};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// Trigger nodes not wired: without a trigger configuration the playbook also lists.
fn unwired_triggers(playbook: &Value) -> (usize, Vec<String>) {
    let listed: Vec<&str> = playbook["trigger_configurations"].as_array().into_iter().flatten().filter_map(|c| c["uuid"].as_str()).collect();
    let Some(nodes) = playbook["content"]["nodes"].as_object() else { return (0, Vec::new()) };
    let triggers: Vec<(&String, &Value)> = nodes.iter().filter(|(_, n)| n["type"] == "trigger").collect();
    let unwired = triggers
        .iter()
        .filter_map(|(id, node)| match node["trigger_configuration_uuid"].as_str() {
            None => Some(format!("trigger node {id} has no trigger configuration")),
            Some(uuid) if !listed.contains(&uuid) => Some(format!("trigger configuration {uuid} of node {id} is not listed in the playbook's trigger_configurations")),
            Some(_) => None,
        })
        .collect();
    (triggers.len(), unwired)
}

/// What keeps a playbook from running at all, if anything: no trigger, or no trigger wired
/// (our reading of "configuration issues"; some triggers wired is "partially activated").
pub(super) fn configuration_issue(playbook: &Value) -> Option<String> {
    let (triggers, unwired) = unwired_triggers(playbook);
    match triggers {
        0 => Some("the playbook has no trigger".into()),
        n if unwired.len() == n => unwired.into_iter().next(),
        _ => None,
    }
}

/// Sets `status_tags` and `status_message` from the playbook's state.
pub(super) fn refresh_status(playbook: &mut Value) {
    let issue = configuration_issue(playbook);
    let mut tags = Vec::new();
    if issue.is_some() {
        tags.push(json!("configuration_issues"));
    }
    if playbook["status"] == "enabled" && issue.is_none() {
        let partial = !unwired_triggers(playbook).1.is_empty();
        tags.push(json!(if partial { "partially_activated" } else { "ready_to_start" }));
    }
    playbook["status_tags"] = Value::Array(tags);
    if let Some(issue) = issue {
        playbook["status_message"] = json!(issue);
    } else if playbook["status"] == "enabled" {
        playbook["status_message"] = Value::Null;
    }
}

fn stored_playbook(s: &mut State, uuid: &str, sent: &Value, old: Option<&Value>) -> Value {
    let now = s.tick();
    let version = old.and_then(|o| o["version"].as_i64()).unwrap_or(0) + 1;
    let keep = |key: &str, default: Value| old.map_or(default.clone(), |o| o.get(key).cloned().unwrap_or(default));
    let mut playbook = json!({
        "uuid": uuid,
        "name": sent["name"],
        "description": sent["description"],
        "community_uuid": sent.get("community_uuid").cloned().unwrap_or_else(|| keep("community_uuid", json!("c0000000-0000-4000-8000-000000000001"))),
        "status": keep("status", json!("disabled")),
        "status_message": keep("status_message", Value::Null),
        "status_tags": [],
        "version": version,
        "created_at": keep("created_at", json!(now)),
        "created_by": "a0000000-0000-4000-8000-000000000001",
        "created_by_type": "apikey",
        "updated_at": now,
        "updated_by": "a0000000-0000-4000-8000-000000000001",
        "updated_by_type": "apikey",
        "trigger_configurations": sent.get("trigger_configurations").cloned().unwrap_or_else(|| keep("trigger_configurations", json!([]))),
        "content": { "nodes": sent["nodes"] },
    });
    if let Some(tags) = sent.get("tags") {
        playbook["tags"] = tags.clone();
    }
    refresh_status(&mut playbook);
    playbook
}

fn without_content(playbook: &Value) -> Value {
    let mut info = playbook.clone();
    if let Some(map) = info.as_object_mut() {
        map.remove("content");
    }
    info
}

/// Switches a playbook on or off; answers the playbook.
fn set_active(s: &mut State, uuid: &str, on: bool) -> (u16, Value) {
    let now = s.tick();
    let refusal = s.refuse_activation.clone().filter(|_| on);
    let Some(playbook) = s.playbooks.get_mut(uuid) else { return (404, json!({ "message": "Unknown Playbook" })) };
    if let Some(why) = refusal {
        playbook["status_message"] = json!(why);
        let answer = playbook.clone();
        s.log_playbook(uuid, "error", format!("activation failed: {why}"));
        return (200, answer);
    }
    playbook["status"] = json!(if on { "enabled" } else { "disabled" });
    if on {
        playbook["activated_at"] = json!(now);
        playbook["status_message"] = Value::Null;
    }
    refresh_status(playbook);
    let answer = playbook.clone();
    s.consecutive_errors.remove(uuid);
    s.log_playbook(uuid, "info", format!("playbook {}", if on { "activated" } else { "deactivated" }));
    (200, answer)
}

/// Reruns the failed actions of every failed run of a playbook, each in place.
fn rerun_failed(s: &mut State, uuid: &str) -> (u16, Value) {
    if !s.playbooks.contains_key(uuid) {
        return (404, json!({ "message": "Playbook Not Found" }));
    }
    let failed: Vec<String> = s.runs.iter().filter(|r| r["playbook_uuid"] == json!(uuid) && r["status"] == "error").filter_map(|r| r["uuid"].as_str().map(str::to_owned)).collect();
    for run in failed {
        super::runs::rerun(s, &run, true);
    }
    (202, Value::Null)
}

pub(super) fn handle(s: &mut State, method: &str, parts: &[&str], query: &HashMap<String, String>, body: Value) -> (u16, Value) {
    match (method, parts) {
        ("GET", []) => {
            let list: Vec<Value> = s.playbooks.values().map(without_content).collect();
            (200, page(&list, query, |p| matches(query, "match[status]", &p["status"])))
        }
        ("POST", []) => {
            let uuid = s.new_uuid();
            let playbook = stored_playbook(s, &uuid, &body["playbook"], None);
            s.playbooks.insert(uuid, playbook.clone());
            (201, without_content(&playbook))
        }
        ("GET", [uuid]) => s.playbooks.get(*uuid).map_or_else(not_found, |p| (200, p.clone())),
        ("PATCH", [uuid]) => {
            let Some(old) = s.playbooks.get(*uuid).cloned() else { return not_found() };
            let sent: Map<String, Value> = body["playbook"].as_object().cloned().unwrap_or_default();
            let mut merged = json!({ "name": old["name"], "description": old["description"], "nodes": old["content"]["nodes"] });
            for (k, v) in sent {
                merged[k] = v;
            }
            let playbook = stored_playbook(s, uuid, &merged, Some(&old));
            s.playbooks.insert((*uuid).to_owned(), playbook.clone());
            (200, playbook)
        }
        ("POST", [uuid, "activate"]) => set_active(s, uuid, true),
        ("POST", [uuid, "deactivate"]) => set_active(s, uuid, false),
        ("POST", [uuid, "re-run-failed"]) => rerun_failed(s, uuid),
        ("GET", [uuid, "logs"]) if s.playbooks.contains_key(*uuid) => (200, logs(&s.playbook_logs, uuid, query)),
        _ => not_found(),
    }
}
