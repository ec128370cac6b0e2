//! Traces of runs with fake runners: conditions, store, foreach, joins, error branches,
//! typed arguments, redaction.

mod common;

use common::*;
use serde_json::{json, Value};
use std::collections::HashMap;
use studio_engine::{Configuration, NoConfigurations, RunStatus};
use studio_model::Catalog;

fn fake(results: &[(&str, serde_json::Value)]) -> FakeRegistry {
    FakeRegistry(Fake { results: results.iter().map(|(k, v)| (k.to_string(), v.clone())).collect() })
}

#[test]
fn condition_takes_the_first_matching_case_and_leaves_on_an_empty_branch() {
    let nodes = json!({
        "0": trigger(&["1"]),
        "1": action("get", json!({"uuid": "{{ node.0.alert_uuid }}"}), &["2"]),
        "2": {"type": "operator", "subtype": "condition", "name": "urgent?", "outputs": {"high": ["3"], "mid": [], "else": ["4"]},
              "cases": [{"name": "high", "left": "{{ node.1.urgency }}", "comparison": ">=", "right": "{{ 80 }}"},
                        {"name": "mid", "left": "{{ node.1.urgency }}", "comparison": ">=", "right": "{{ 50 }}"}]},
        "3": action("notify", json!({}), &[]),
        "4": action("close", json!({}), &[])
    });
    let s = spec(json!({"name": "c", "nodes": nodes}), json!({"alert_uuid": "a1"}));
    let (out, trace) = run_with(&s, &fake(&[("get", json!({"urgency": 60}))]), &NoConfigurations, &Catalog::default());
    assert_eq!(out.status, RunStatus::Succeeded);
    assert_eq!(trace.lines(), vec!["0 succeeded default", "1 succeeded default", "2 left mid", "3 skipped", "4 skipped", "run succeeded"]);
    let get = out.node_runs.iter().find(|n| n.node_id == "1").unwrap();
    assert_eq!(get.arguments, Some(json!({"uuid": "a1"})));
}

#[test]
fn store_and_foreach_run_the_loop_once_per_item_then_continue() {
    let nodes = json!({
        "0": trigger(&["1"]),
        "1": {"type": "operator", "subtype": "foreach", "name": "each", "items": "{{ node.0.hosts }}", "loop": ["2"], "outputs": {"default": ["3"]}},
        "2": {"type": "operator", "subtype": "store", "name": "keep", "outputs": {"default": []},
              "modifications": [{"key": "seen", "type": "append", "value": "{{ node.1.default.value }}#{{ node.1.default.index }}/{{ node.1.default.total }}"}]},
        "3": action("report", json!({"hosts": "{{ store.seen }}", "count": "{{ store.seen | length }}"}), &[])
    });
    let s = spec(json!({"name": "f", "nodes": nodes}), json!({"hosts": ["wks-1", "srv-2"]}));
    let (out, trace) = run_with(&s, &fake(&[("report", json!({"echo": true}))]), &NoConfigurations, &Catalog::default());
    assert_eq!(trace.lines(), vec!["0 succeeded default", "2[0] succeeded default", "2[1] succeeded default", "1 succeeded default", "3 succeeded default", "run succeeded"]);
    assert_eq!(out.store, json!({"seen": ["wks-1#0/2", "srv-2#1/2"]}));
    let report = out.node_runs.iter().find(|n| n.node_id == "3").unwrap();
    assert_eq!(report.arguments, Some(json!({"hosts": ["wks-1#0/2", "srv-2#1/2"], "count": 2})), "typed values: a list stays a list, a count an int");
}

#[test]
fn nested_loops_record_each_combination_of_items_apart() {
    let nodes = json!({
        "0": trigger(&["1"]),
        "1": {"type": "operator", "subtype": "foreach", "name": "hosts", "items": "{{ node.0.hosts }}", "loop": ["2"], "outputs": {"default": []}},
        "2": {"type": "operator", "subtype": "foreach", "name": "ports", "items": "{{ node.0.ports }}", "loop": ["3"], "outputs": {"default": []}},
        "3": action("probe", json!({"target": "{{ node.1.default.value }}:{{ node.2.default.value }}"}), &[])
    });
    let s = spec(json!({"name": "n", "nodes": nodes}), json!({"hosts": ["a", "b"], "ports": [80, 443]}));
    let (out, trace) = run_with(&s, &fake(&[("probe", json!({"open": true}))]), &NoConfigurations, &Catalog::default());
    assert_eq!(
        trace.lines(),
        vec![
            "0 succeeded default",
            "3[0.0] succeeded default",
            "3[0.1] succeeded default",
            "2[0] succeeded default",
            "3[1.0] succeeded default",
            "3[1.1] succeeded default",
            "2[1] succeeded default",
            "1 succeeded default",
            "run succeeded"
        ]
    );
    let probes: Vec<(Option<String>, Option<u32>, Value)> =
        out.node_runs.iter().filter(|n| n.node_id == "3").map(|n| (n.scope.clone(), n.iteration, n.arguments.clone().unwrap()["target"].clone())).collect();
    assert_eq!(
        probes,
        vec![(Some("0".into()), Some(0), json!("a:80")), (Some("0".into()), Some(1), json!("a:443")), (Some("1".into()), Some(0), json!("b:80")), (Some("1".into()), Some(1), json!("b:443")),]
    );
}

#[test]
fn all_waits_for_every_branch_and_any_runs_once() {
    let nodes = json!({
        "0": trigger(&["1", "2"]),
        "1": action("a", json!({}), &["3", "4"]),
        "2": action("b", json!({}), &["5"]),
        "5": action("c", json!({}), &["3", "4"]),
        "3": {"type": "operator", "subtype": "all", "name": "both", "outputs": {"default": ["6"]}},
        "4": {"type": "operator", "subtype": "any", "name": "first", "outputs": {"default": ["7"]}},
        "6": action("after-all", json!({}), &[]),
        "7": action("after-any", json!({}), &[])
    });
    let s = spec(json!({"name": "j", "nodes": nodes}), json!({}));
    let (out, trace) = run_with(&s, &fake(&[]), &NoConfigurations, &Catalog::default());
    assert_eq!(out.status, RunStatus::Succeeded);
    assert_eq!(
        trace.lines(),
        vec![
            "0 succeeded default",
            "1 succeeded default",
            "2 succeeded default",
            "4 succeeded default",
            "5 succeeded default",
            "3 succeeded default",
            "7 succeeded default",
            "6 succeeded default",
            "run succeeded"
        ]
    );
}

#[test]
fn all_waits_for_a_longer_branch_and_not_for_a_branch_ruled_out() {
    // A one-block branch and a three-block branch meet at an `all`: the join runs after the
    // long branch's last block, and the block after the join after that.
    let nodes = json!({
        "0": trigger(&["1", "2"]),
        "1": action("short", json!({}), &["5"]),
        "2": action("long-1", json!({}), &["3"]),
        "3": action("long-2", json!({}), &["4"]),
        "4": action("long-3", json!({}), &["5"]),
        "5": {"type": "operator", "subtype": "all", "name": "both", "outputs": {"default": ["6"]}},
        "6": action("verdict", json!({}), &[])
    });
    let s = spec(json!({"name": "j", "nodes": nodes}), json!({}));
    let (out, trace) = run_with(&s, &fake(&[]), &NoConfigurations, &Catalog::default());
    assert_eq!(out.status, RunStatus::Succeeded);
    assert_eq!(
        trace.lines(),
        vec!["0 succeeded default", "1 succeeded default", "2 succeeded default", "3 succeeded default", "4 succeeded default", "5 succeeded default", "6 succeeded default", "run succeeded"]
    );

    // Behind a condition: the branch not taken cannot arrive, so the join does not wait for it.
    let nodes = json!({
        "0": trigger(&["1", "2"]),
        "1": action("enrich", json!({}), &["5"]),
        "2": {"type": "operator", "subtype": "condition", "name": "urgent?", "outputs": {"yes": ["3"], "else": ["5"]},
              "cases": [{"name": "yes", "left": "{{ 1 }}", "comparison": "==", "right": "{{ 2 }}"}]},
        "3": action("page", json!({}), &["4"]),
        "4": action("page-2", json!({}), &["5"]),
        "5": {"type": "operator", "subtype": "all", "name": "both", "outputs": {"default": ["6"]}},
        "6": action("verdict", json!({}), &[])
    });
    let s = spec(json!({"name": "j2", "nodes": nodes}), json!({}));
    let (out, trace) = run_with(&s, &fake(&[]), &NoConfigurations, &Catalog::default());
    assert_eq!(out.status, RunStatus::Succeeded);
    assert_eq!(trace.lines(), vec!["0 succeeded default", "1 succeeded default", "2 succeeded else", "5 succeeded default", "6 succeeded default", "3 skipped", "4 skipped", "run succeeded"]);
}

#[test]
fn a_failure_fails_the_run_unless_an_error_branch_catches_it() {
    let nodes = json!({
        "0": trigger(&["1"]),
        "1": action("fail-lookup", json!({}), &["2"]),
        "2": action("next", json!({}), &[])
    });
    let s = spec(json!({"name": "e", "nodes": nodes.clone()}), json!({}));
    let (out, trace) = run_with(&s, &fake(&[]), &NoConfigurations, &Catalog::default());
    assert_eq!(out.status, RunStatus::Failed);
    assert_eq!(out.error.as_deref(), Some("node 1: 1 failed on purpose"));
    assert_eq!(trace.lines(), vec!["0 succeeded default", "1 failed", "2 pending", "run failed"]);

    let mut caught = nodes;
    caught["1"]["outputs"]["error"] = json!(["3"]);
    caught["3"] = action("ticket", json!({"why": "{{ node.1.error }}"}), &[]);
    let s = spec(json!({"name": "e", "nodes": caught}), json!({}));
    let (out, trace) = run_with(&s, &fake(&[("ticket", json!({"echo": true}))]), &NoConfigurations, &Catalog::default());
    assert_eq!(out.status, RunStatus::Succeeded);
    assert_eq!(trace.lines(), vec!["0 succeeded default", "1 failed error", "3 succeeded default", "2 skipped", "run succeeded"]);
    assert_eq!(out.node_runs.iter().find(|n| n.node_id == "3").unwrap().arguments, Some(json!({"why": "1 failed on purpose"})));
}

#[test]
fn declared_branches_are_followed() {
    let nodes = json!({
        "0": trigger(&["1"]),
        "1": {"type": "action", "name": "scan", "module_uuid": "m", "action_uuid": "scan", "outputs": {"default": ["2"], "detected": ["3"]}},
        "2": action("fine", json!({}), &[]),
        "3": action("isolate", json!({}), &[])
    });
    let s = spec(json!({"name": "b", "nodes": nodes}), json!({}));
    let (_, trace) = run_with(&s, &fake(&[("scan", json!({"__branch": "detected"}))]), &NoConfigurations, &Catalog::default());
    assert_eq!(trace.lines(), vec!["0 succeeded default", "1 succeeded detected", "3 succeeded default", "2 skipped", "run succeeded"]);
}

#[test]
fn secrets_of_configurations_are_redacted_from_every_record() {
    let nodes = json!({
        "0": trigger(&["1"]),
        "1": {"type": "action", "name": "call", "module_uuid": "m", "action_uuid": "echo", "module_configuration_uuid": "cfg",
              "arguments": {"token": "Bearer s3cr3t-value"}, "outputs": {"default": []}}
    });
    let mut values = serde_json::Map::new();
    values.insert("api_key".into(), json!("s3cr3t-value"));
    let configs = Configs(HashMap::from([("cfg".to_string(), Configuration { values, secret_fields: vec!["api_key".into()] })]));
    let s = spec(json!({"name": "s", "nodes": nodes}), json!({}));
    let (out, trace) = run_with(&s, &fake(&[("echo", json!({"echo": true}))]), &configs, &Catalog::default());
    assert_eq!(out.status, RunStatus::Succeeded);
    let recorded = serde_json::to_string(&trace.events).unwrap();
    assert!(!recorded.contains("s3cr3t-value"), "{recorded}");
    let call = out.node_runs.iter().find(|n| n.node_id == "1").unwrap();
    assert_eq!(call.arguments, Some(json!({"token": "Bearer ***"})));
    assert_eq!(call.results.as_ref().unwrap()["secret_seen"], json!("***"), "the runner saw the secret; the record does not");
}

#[test]
fn argument_errors_name_the_node_and_the_problem() {
    let nodes = json!({"0": trigger(&["1"]), "1": action("x", json!({"n": "{{ 1 / 0 }}"}), &[])});
    let s = spec(json!({"name": "a", "nodes": nodes}), json!({}));
    let (out, _) = run_with(&s, &fake(&[]), &NoConfigurations, &Catalog::default());
    assert_eq!(out.error.as_deref(), Some("node 1: arguments: line 1, column 4: division by zero"));
}
