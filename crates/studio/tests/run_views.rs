//! What the app's RUN view and runs list read: pages of runs with filters, one run's details
//! (condition cases recorded, pins named), run settings, and the run dialog's defaults.

use serde_json::json;
use studio_core::{CancellationToken, Home, MockMode, NodeRunStatus, RunListFilter, RunRequest, RunSettings, RunStatusView, Studio, StudioError};

const SEKOIA: &str = "92d8bb47-7c51-445d-81de-ae04edbb6f0a";
const MANUAL: &str = "fc26eb9f-b272-4c15-b3bf-ace397c0dc57";
const ALERT_CREATED: &str = "785583cf-4377-43ce-a5fb-f4572eb57456";
const GET_ALERT: &str = "8d189665-5401-4098-8d60-944de9a6199a";

fn studio() -> (tempfile::TempDir, Studio) {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open_with_vault(Home::new(dir.path().join("home")), std::sync::Arc::new(studio_core::MemoryVault::default())).unwrap();
    (dir, studio)
}

fn triage(studio: &mut Studio) -> String {
    let doc = json!({"uuid": "c0000000-0000-4000-8000-0000000000a1", "name": "Triage", "nodes": {
        "0": {"type": "trigger", "name": "Alert created", "module_uuid": SEKOIA, "trigger_uuid": ALERT_CREATED, "outputs": {"default": ["1"]}},
        "1": {"type": "operator", "subtype": "condition", "name": "Urgent?", "cases": [
                {"name": "high", "left": "{{ node.0.urgency }}", "comparison": ">=", "right": "{{ 70 }}"},
                {"name": "low", "left": "{{ node.0.urgency }}", "comparison": "<", "right": "{{ 70 }}"}],
              "outputs": {"high": ["2"], "low": []}},
        "2": {"type": "action", "name": "Get alert", "module_uuid": SEKOIA, "action_uuid": GET_ALERT, "arguments": {"uuid": "{{ node.0.alert_uuid }}"}, "outputs": {"default": []}}
    }});
    studio.import_playbook(doc.to_string().as_bytes(), "test").unwrap().record.id
}

fn run(studio: &mut Studio, id: &str, urgency: i64, pins: &[(&str, serde_json::Value)]) -> String {
    let request = RunRequest {
        playbook_id: id.to_owned(),
        event: json!({"alert_uuid": "a-1", "urgency": urgency}),
        mock: MockMode::All,
        pins: pins.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
        rate_limit: None,
        trigger: None,
    };
    studio.run_playbook(request, &mut |_| {}, CancellationToken::new()).unwrap().run_id
}

#[test]
fn a_condition_run_records_each_case_it_evaluated_and_why_it_matched() {
    let (_dir, mut studio) = studio();
    let id = triage(&mut studio);
    let low = run(&mut studio, &id, 20, &[]);
    let details = studio.run_details(&low).unwrap();
    let condition = details.node_runs.iter().find(|n| n.node_id == "1").unwrap();
    assert_eq!((condition.status, condition.branches.clone()), (NodeRunStatus::Left, vec!["low".to_owned()]), "the low branch has no target: the run left here");
    assert_eq!(
        condition.arguments.as_ref().unwrap()["cases"],
        json!([
            {"name": "high", "left": 20, "comparison": ">=", "right": 70, "matched": false},
            {"name": "low", "left": 20, "comparison": "<", "right": 70, "matched": true}
        ])
    );
    let action = details.node_runs.iter().find(|n| n.node_id == "2").unwrap();
    assert_eq!(action.status, NodeRunStatus::Skipped, "never reached in a succeeded run");
    assert_eq!(details.run.status, RunStatusView::Succeeded);
}

#[test]
fn run_details_name_the_pinned_blocks_and_the_current_version() {
    let (_dir, mut studio) = studio();
    let id = triage(&mut studio);
    let run_id = run(&mut studio, &id, 90, &[("2", json!({"title": "pinned"}))]);
    let details = studio.run_details(&run_id).unwrap();
    assert_eq!(details.pinned, vec!["2".to_string()]);
    assert_eq!(details.run.mock.as_deref(), Some("all"));
    assert_eq!((details.run.playbook_version, details.current_version), (Some(1), Some(1)));
    let action = details.node_runs.iter().find(|n| n.node_id == "2").unwrap();
    assert_eq!((action.status, action.results.clone()), (NodeRunStatus::Succeeded, Some(json!({"title": "pinned"}))));
    assert_eq!(action.arguments, Some(json!({"uuid": "a-1"})));
    assert!(matches!(studio.run_details("nope"), Err(StudioError::RunNotFound(_))));
}

#[test]
fn the_runs_list_pages_newest_first_and_filters_by_status_and_origin() {
    let (_dir, mut studio) = studio();
    let id = triage(&mut studio);
    let ids: Vec<String> = (0..5).map(|i| run(&mut studio, &id, 50 + i, &[])).collect();
    let all = studio.run_page(&id, &RunListFilter::default(), 0, 2).unwrap();
    assert_eq!(all.total, 5);
    assert_eq!(all.runs.iter().map(|r| r.id.clone()).collect::<Vec<_>>(), vec![ids[4].clone(), ids[3].clone()], "newest first");
    let rest = studio.run_page(&id, &RunListFilter::default(), 4, 2).unwrap();
    assert_eq!(rest.runs.iter().map(|r| r.id.clone()).collect::<Vec<_>>(), vec![ids[0].clone()]);
    let failed = studio.run_page(&id, &RunListFilter { status: Some(RunStatusView::Failed), origin: None }, 0, 50).unwrap();
    assert_eq!((failed.total, failed.runs.len()), (0, 0));
    let local = studio.run_page(&id, &RunListFilter { status: Some(RunStatusView::Succeeded), origin: Some("local".into()) }, 0, 50).unwrap();
    assert_eq!(local.total, 5);
    let platform = studio.run_page(&id, &RunListFilter { status: None, origin: Some("platform".into()) }, 0, 50).unwrap();
    assert_eq!(platform.total, 0);
}

#[test]
fn run_settings_are_stored_checked_and_used_by_the_next_run() {
    let (_dir, mut studio) = studio();
    let id = triage(&mut studio);
    let defaults = studio.run_settings(&id).unwrap();
    assert_eq!((defaults.rate_limit, defaults.action_timeout_seconds), (None, None));
    assert!(defaults.default_rate_limit > 0 && defaults.default_action_timeout_seconds > 0);
    let set = studio.set_run_settings(&id, &RunSettings { rate_limit: Some(1), action_timeout_seconds: Some(5), ..defaults.clone() }).unwrap();
    assert_eq!((set.rate_limit, set.action_timeout_seconds), (Some(1), Some(5)));
    let err = studio.set_run_settings(&id, &RunSettings { rate_limit: Some(0), ..defaults.clone() }).unwrap_err();
    assert!(matches!(err, StudioError::InvalidInput { field: "rate_limit", .. }), "{err}");
    let err = studio.set_run_settings(&id, &RunSettings { action_timeout_seconds: Some(0), ..defaults }).unwrap_err();
    assert!(matches!(err, StudioError::InvalidInput { field: "action_timeout_seconds", .. }), "{err}");

    // One action per minute: the first run's action takes the slot, the second is refused.
    let first = run(&mut studio, &id, 90, &[]);
    let second = run(&mut studio, &id, 90, &[]);
    assert_eq!(studio.run_details(&first).unwrap().run.status, RunStatusView::Succeeded);
    let refused = studio.run_details(&second).unwrap();
    assert_eq!(refused.run.status, RunStatusView::Failed);
    let action = refused.node_runs.iter().find(|n| n.node_id == "2").unwrap();
    assert!(action.error.as_deref().unwrap_or_default().contains("rate limit"), "{:?}", action.error);
}

#[test]
fn the_run_dialog_starts_from_a_trigger_sample_then_from_the_last_event() {
    let (_dir, mut studio) = studio();
    let id = triage(&mut studio);
    let sample = studio.run_defaults(&id).unwrap();
    assert!(!sample.last_used);
    assert_eq!(sample.event["alert_uuid"].as_str().map(str::len), Some(36), "an alert-looking uuid: {}", sample.event);
    assert!(sample.event.get("short_id").is_some(), "the Alert Created trigger's fields: {}", sample.event);
    run(&mut studio, &id, 42, &[]);
    let last = studio.run_defaults(&id).unwrap();
    assert!(last.last_used);
    assert_eq!(last.event, json!({"alert_uuid": "a-1", "urgency": 42}));

    let manual = json!({"uuid": "c0000000-0000-4000-8000-0000000000a2", "name": "Manual", "nodes": {
        "0": {"type": "trigger", "name": "Manual", "module_uuid": SEKOIA, "trigger_uuid": MANUAL, "outputs": {"default": []}}}});
    let manual = studio.import_playbook(manual.to_string().as_bytes(), "test").unwrap().record.id;
    assert!(studio.run_defaults(&manual).unwrap().event.is_object());
}

#[test]
fn the_code_text_is_the_stored_json_as_recorded() {
    let (_dir, mut studio) = studio();
    let id = triage(&mut studio);
    let run_id = run(&mut studio, &id, 90, &[("2", json!({"zeta": 1, "alpha": -0.0, "10": "ten", "2": "two"}))]);
    let text = studio.run_code_text(&run_id).unwrap();
    let code: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(code, studio.run_code(&run_id).unwrap());
    assert_eq!(code["node"]["0"]["alert_uuid"], "a-1");
    assert_eq!(code["arguments"]["2"], json!({"uuid": "a-1"}));
    assert!(text.contains(r#"{"zeta":1,"alpha":-0.0,"10":"ten","2":"two"}"#), "key order and -0.0 kept: {text}");
}
