//! Runs through the real runners against a local HTTP server that plays the outside world;
//! the shared templates in mock mode; rate limit, cancellation and timeouts.

mod common;

use common::*;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::time::{Duration, Instant};
use studio_engine::{CancellationToken, Deps, MockMode, NativeRunners, NoConfigurations, NodeStatus, RateLimiter, RunStatus};
use studio_testkit::http::serve;

const HTTP_MODULE: &str = "5894985f-91eb-46db-9306-cc5ac6463d3d";
const HTTP_ACTION: &str = "40bcf3c0-aa8b-4111-9b4e-f3caffccb4e5";

fn http_node(args: Value, next: &[&str]) -> Value {
    json!({"type": "action", "name": "request", "module_uuid": HTTP_MODULE, "action_uuid": HTTP_ACTION, "arguments": args, "outputs": {"default": next}})
}

fn catalog() -> &'static studio_model::Catalog {
    studio_catalog::builtin()
}

#[test]
fn typed_values_reach_the_request_body_and_results_come_back() {
    let server = serve(|_, _, _| (200, r#"{"data": {"attributes": {"last_analysis_stats": {"malicious": 7}}}}"#.into()));
    let nodes = json!({
        "0": trigger(&["1"]),
        "1": http_node(json!({"url": format!("{}/lookup", server.url), "method": "post",
            "json": {"count": "{{ node.0.hashes | length }}", "hashes": "{{ node.0.hashes }}", "label": "case {{ node.0.id }}", "urgent": "{{ node.0.urgency > 50 }}"}}), &["2"]),
        "2": http_node(json!({"url": format!("{}/report", server.url), "method": "post", "json": {"malicious": "{{ node.1.json.data.attributes.last_analysis_stats.malicious }}"}}), &[])
    });
    let s = spec(json!({"name": "h", "nodes": nodes}), json!({"id": 42, "hashes": ["a", "b"], "urgency": 70}));
    let (out, _) = run_with(&s, &NativeRunners::new(), &NoConfigurations, catalog());
    assert_eq!(out.status, RunStatus::Succeeded, "{:?}", out.error);
    let seen = server.seen.lock().unwrap().clone();
    let body: Value = serde_json::from_str(&seen[0].body).unwrap();
    assert_eq!(body, json!({"count": 2, "hashes": ["a", "b"], "label": "case 42", "urgent": true}));
    assert_eq!(serde_json::from_str::<Value>(&seen[1].body).unwrap(), json!({"malicious": 7}));
    let first = out.node_runs.iter().find(|n| n.node_id == "1").unwrap().results.clone().unwrap();
    assert_eq!(first["status_code"], 200);
    assert_eq!(first["json"]["data"]["attributes"]["last_analysis_stats"]["malicious"], 7);
}

#[test]
fn a_failing_action_fails_the_run_and_rerun_of_the_failed_part_reuses_the_rest() {
    // /flaky fails the first time only.
    let server = serve(|_, path, count| if path == "/flaky" && count == 1 { (500, r#"{"error": "boom"}"#.into()) } else { (200, r#"{"ok": true}"#.into()) });
    let nodes = json!({
        "0": trigger(&["1"]),
        "1": http_node(json!({"url": format!("{}/enrich", server.url)}), &["2"]),
        "2": http_node(json!({"url": format!("{}/flaky", server.url)}), &["3"]),
        "3": http_node(json!({"url": format!("{}/done", server.url)}), &[])
    });
    let s = spec(json!({"name": "r", "nodes": nodes}), json!({}));
    let (first, _) = run_with(&s, &NativeRunners::new(), &NoConfigurations, catalog());
    assert_eq!(first.status, RunStatus::Failed);
    assert!(first.error.as_deref().unwrap().starts_with("node 2: HTTP 500 Internal Server Error"), "{:?}", first.error);
    assert_eq!(first.node_runs.iter().find(|n| n.node_id == "3").unwrap().status, NodeStatus::Pending);

    let mut rerun = spec(json!({"name": "r", "nodes": nodes_of(&s)}), json!({}));
    rerun.run_id = "run-2".into();
    rerun.reuse = first.node_runs.iter().filter(|n| n.status == NodeStatus::Succeeded).map(|n| (n.key(), n.clone())).collect();
    let (second, _) = run_with(&rerun, &NativeRunners::new(), &NoConfigurations, catalog());
    assert_eq!(second.status, RunStatus::Succeeded, "{:?}", second.error);
    assert_eq!(server.paths(), vec!["/enrich", "/flaky", "/flaky", "/done"], "the succeeded action ran once");
    let reused = second.node_runs.iter().find(|n| n.node_id == "1").unwrap();
    assert!(reused.reused && reused.status == NodeStatus::Succeeded);
}

fn nodes_of(s: &studio_engine::RunSpec) -> Value {
    s.playbook.to_value()["nodes"].clone()
}

#[test]
fn the_rate_limit_fails_the_action_over_the_threshold() {
    let nodes = json!({"0": trigger(&["1"]), "1": action("a", json!({}), &["2"]), "2": action("b", json!({}), &["3"]), "3": action("c", json!({}), &[])});
    let mut s = spec(json!({"name": "rl", "nodes": nodes}), json!({}));
    s.rate_limit = 2;
    let registry = FakeRegistry(Fake { results: HashMap::new() });
    let (out, trace) = run_with(&s, &registry, &NoConfigurations, catalog());
    assert_eq!(out.status, RunStatus::Failed);
    assert_eq!(out.node_runs.iter().find(|n| n.node_id == "3").unwrap().error.as_deref(), Some("rate limited: 2 actions started in the last minute (limit 2)"));
    assert_eq!(trace.lines().last().unwrap(), "run failed");
}

fn wait_playbook(seconds: u64) -> Value {
    json!({"name": "w", "nodes": {
        "0": trigger(&["1"]),
        "1": {"type": "action", "name": "Wait", "module_uuid": "07cce76b-a319-40ee-a0cf-1ba433431e21", "action_uuid": "41cd724b-bfcc-4fb7-bee7-ef5d02176e4c",
              "arguments": {"duration": seconds}, "outputs": {"default": []}}
    }})
}

#[test]
fn a_run_can_be_cancelled_during_a_wait() {
    let s = spec(wait_playbook(30), json!({}));
    let cancel = CancellationToken::new();
    let trigger_cancel = cancel.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(150));
        trigger_cancel.cancel();
    });
    let limiter = RateLimiter::new();
    let mut trace = Trace::default();
    let start = Instant::now();
    let out = studio_engine::run_blocking(&s, Deps { catalog: catalog(), runners: &NativeRunners::new(), configurations: &NoConfigurations, limiter: &limiter, sink: &mut trace, cancel });
    assert_eq!(out.status, RunStatus::Cancelled);
    assert!(start.elapsed() < Duration::from_secs(5), "the wait stopped at once");
    assert_eq!(out.node_runs.iter().find(|n| n.node_id == "1").unwrap().error.as_deref(), Some("cancelled"));
}

#[test]
fn an_action_over_its_timeout_fails() {
    let mut s = spec(wait_playbook(30), json!({}));
    s.action_timeout = Duration::from_millis(100);
    let (out, _) = run_with(&s, &NativeRunners::new(), &NoConfigurations, catalog());
    assert_eq!(out.status, RunStatus::Failed);
    assert_eq!(out.error.as_deref(), Some("node 1: timed out after 0.1 s"));
}

#[test]
fn without_mocks_an_action_with_no_native_runner_fails_clearly() {
    let nodes = json!({"0": trigger(&["1"]), "1": action("unknown-action", json!({}), &[])});
    let s = spec(json!({"name": "n", "nodes": nodes}), json!({}));
    let (out, _) = run_with(&s, &NativeRunners::new(), &NoConfigurations, catalog());
    assert!(out.error.unwrap().contains("no native runner for `action unknown-action`"));
}

#[test]
/// Every public template runs to its end in mock mode, except the two that order a number
/// (`{{ … | length }}`) against plain text (`'1'`): the platform documents plain text as a
/// string, so that comparison is an error there as here (docs/ENGINE.md, "Conditions").
fn every_shared_template_runs_to_completion_in_mock_mode() {
    let Some(fixtures) = studio_testkit::sekoia_fixtures() else { return };
    let mut catalog = studio_catalog::builtin().clone();
    let reports = studio_catalog::import_dir(&fixtures.join("automation-library")).unwrap();
    catalog.merge_modules(reports.into_iter().filter_map(|r| r.module));
    let event = json!({"alert_uuid": "5d1a8d2c-3b7e-4f0a-9c1e-2a4b6c8d0e1f", "short_id": "ALakbd8NXp9W", "urgency": 72, "event_type": "alert-created"});
    let files = studio_testkit::json_files(&fixtures.join("templates"));
    assert_eq!(files.len(), 26);
    for file in files {
        let doc: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
        let mut s = spec(doc.clone(), event.clone());
        s.mock = MockMode::All;
        let (out, _) = run_with(&s, &NativeRunners::new(), &NoConfigurations, &catalog);
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("add_destination_ips") || name.starts_with("add_source_ips") {
            assert_eq!(out.status, RunStatus::Failed, "{name}");
            assert!(out.error.as_deref().unwrap().starts_with("node 3: case `"), "{name}: {:?}", out.error);
            assert!(out.error.as_deref().unwrap().contains("'>=' not supported between 1 (int) and \"1\" (str): plain text is a string"), "{name}: {:?}", out.error);
            continue;
        }
        assert_eq!(out.status, RunStatus::Succeeded, "{}: {:?}", file.display(), out.error);
        let actions: Vec<&str> = doc["nodes"].as_object().unwrap().iter().filter(|(_, n)| n["type"] == "action").map(|(id, _)| id.as_str()).collect();
        assert!(out.node_runs.iter().filter(|n| actions.contains(&n.node_id.as_str()) && n.started_at.is_some()).all(|n| n.mocked), "{}: every action mocked", file.display());
    }
}

#[test]
fn sekoia_alert_actions_call_the_rest_api_with_path_query_body_and_bearer() {
    let server = serve(|method, _, _| match method {
        "GET" => (200, r#"{"uuid": "a-1", "rule": {"name": "Cradle"}, "urgency": {"current_value": 80}}"#.into()),
        _ => (200, r#"{"created": true}"#.into()),
    });
    let sekoia = "92d8bb47-7c51-445d-81de-ae04edbb6f0a";
    let nodes = json!({
        "0": trigger(&["1"]),
        "1": {"type": "action", "name": "Get alert", "module_uuid": sekoia, "action_uuid": "8d189665-5401-4098-8d60-944de9a6199a",
              "module_configuration_uuid": "prod", "arguments": {"uuid": "{{ node.0.alert_uuid }}", "stix": false}, "outputs": {"default": ["2"]}},
        "2": {"type": "action", "name": "Comment", "module_uuid": sekoia, "action_uuid": "0d323de3-a864-4afe-a0c3-e7ff45883d7a",
              "module_configuration_uuid": "prod", "arguments": {"uuid": "{{ node.1.uuid }}", "content": "Rule {{ node.1.rule.name }} at {{ node.1.urgency.current_value }}"},
              "outputs": {"default": []}}
    });
    let mut values = serde_json::Map::new();
    values.insert("base_url".into(), json!(server.url));
    values.insert("api_key".into(), json!("key-123"));
    let configs = Configs(HashMap::from([("prod".to_string(), studio_engine::Configuration { values, secret_fields: vec!["api_key".into()] })]));
    let s = spec(json!({"name": "s", "nodes": nodes}), json!({"alert_uuid": "a-1"}));
    let (out, trace) = run_with(&s, &NativeRunners::new(), &configs, catalog());
    assert_eq!(out.status, RunStatus::Succeeded, "{:?}", out.error);
    let seen = server.seen.lock().unwrap().clone();
    assert_eq!((seen[0].method.as_str(), seen[0].path.as_str()), ("GET", "/api/v1/sic/alerts/a-1?stix=false"));
    assert!(seen[0].headers.contains(&("authorization".into(), "Bearer key-123".into())));
    assert_eq!((seen[1].method.as_str(), seen[1].path.as_str()), ("POST", "/api/v1/sic/alerts/a-1/comments"));
    assert_eq!(serde_json::from_str::<Value>(&seen[1].body).unwrap(), json!({"content": "Rule Cradle at 80"}));
    assert!(!serde_json::to_string(&trace.events).unwrap().contains("key-123"), "the API key is in no record");
}

#[test]
fn concurrent_runs_share_the_rate_limit() {
    let nodes = json!({"0": trigger(&["1"]), "1": action("a", json!({}), &["2"]), "2": action("b", json!({}), &[])});
    let limiter = RateLimiter::new();
    let registry = FakeRegistry(Fake { results: HashMap::new() });
    let outcomes: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..2)
            .map(|i| {
                let (limiter, registry, nodes) = (&limiter, &registry, nodes.clone());
                scope.spawn(move || {
                    let mut s = spec(json!({"name": "c", "nodes": nodes}), json!({}));
                    s.run_id = format!("run-{i}");
                    s.rate_limit = 3;
                    let mut trace = Trace::default();
                    studio_engine::run_blocking(&s, Deps { catalog: catalog(), runners: registry, configurations: &NoConfigurations, limiter, sink: &mut trace, cancel: CancellationToken::new() })
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let limited = outcomes.iter().flat_map(|o| &o.node_runs).filter(|n| n.error.as_deref().is_some_and(|e| e.starts_with("rate limited"))).count();
    assert_eq!(limited, 1, "4 actions, limit 3 across both runs");
}
