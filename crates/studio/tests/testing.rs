//! Playbook tests through the core: a run saved as a test passes; value checks on the CODE
//! JSON (equal to a value, or true) pass and fail as written; names stay distinct.

use std::collections::HashMap;
use studio_core::testing::{ExpectedState, ValueCheck};
use studio_core::{CancellationToken, Home, MockMode, RunRequest, Studio, StudioError};

fn studio() -> (tempfile::TempDir, Studio) {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open_with_vault(Home::new(dir.path().join("home")), std::sync::Arc::new(studio_core::MemoryVault::default())).unwrap();
    (dir, studio)
}

#[test]
fn a_saved_run_passes_and_value_checks_compare_the_code_json() {
    let (_dir, mut studio) = studio();
    let id = studio.create_from_template("triage-high-urgency-alerts", None).unwrap().id;
    let template = studio.template("triage-high-urgency-alerts").unwrap();
    let request =
        RunRequest { playbook_id: id.clone(), event: template.event.clone(), mock: MockMode::All, pins: template.pins.clone().into_iter().collect::<HashMap<_, _>>(), rate_limit: None, trigger: None };
    let run = studio.run_playbook(request, &mut |_| {}, CancellationToken::new()).unwrap();

    let mut case = studio.add_test_from_run(&run.run_id, Some("urgent")).unwrap();
    assert_eq!(case.expect.nodes["2"].branch.as_deref(), Some("Urgent"));
    assert_eq!(case.expect.nodes["3"].state, Some(ExpectedState::Succeeded));
    assert!(case.expect.nodes["1"].branch.is_none(), "an action's default branch is not an expectation");
    assert_eq!(case.pins.keys().collect::<Vec<_>>(), vec!["1", "3"], "every action's results are pinned");
    // The same name again is made distinct.
    assert_eq!(studio.add_test_from_run(&run.run_id, Some("urgent")).unwrap().name, "urgent (2)");

    let urgency = template.pins["1"]["urgency"]["current_value"].clone();
    case.expect.values = vec![
        ValueCheck { expression: "{{ node.1.urgency.current_value }}".into(), equals: Some(urgency.clone()) },
        ValueCheck { expression: "{{ node.1.urgency.current_value >= 70 }}".into(), equals: None },
        ValueCheck { expression: "{{ node.1.urgency.current_value < 70 }}".into(), equals: None },
        ValueCheck { expression: "{{ node.1.rule.name }}".into(), equals: Some(serde_json::json!("not the rule")) },
    ];
    studio.set_tests(&id, vec![case]).unwrap();
    let results = studio.run_tests(&id, None).unwrap();
    assert_eq!(results.len(), 1);
    let messages: Vec<&str> = results[0].failures.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].contains("`{{ node.1.urgency.current_value < 70 }}` is not true"), "{messages:?}");
    assert!(messages[1].contains("expected \"not the rule\""), "{messages:?}");
    assert!(results[0].run_id.is_some() && !results[0].passed);

    let twice = studio.set_tests(&id, vec![studio.tests(&id).unwrap()[0].clone(), studio.tests(&id).unwrap()[0].clone()]).unwrap_err();
    assert!(matches!(twice, StudioError::InvalidInput { field: "name", .. }), "{twice}");
}

#[test]
fn a_pinned_failure_takes_the_error_branch() {
    let (_dir, mut studio) = studio();
    let id = studio.create_from_template("enrich-with-error-fallback", None).unwrap().id;
    let template = studio.template("enrich-with-error-fallback").unwrap();
    let playbook = template.playbook.clone();
    // The action whose `error` branch is linked.
    let (failing, node) = playbook.nodes.iter().find(|(_, n)| n.outputs.get("error").is_some_and(|t| !t.is_empty())).expect("an action with an error branch");
    let fallback = node.outputs["error"][0].clone();
    let mut pins: HashMap<String, serde_json::Value> = template.pins.clone().into_iter().collect();
    pins.insert(failing.clone(), serde_json::json!({"$error": "the lookup service is down"}));
    let request = RunRequest { playbook_id: id, event: template.event.clone(), mock: MockMode::Unknown, pins, rate_limit: None, trigger: None };
    let outcome = studio.run_playbook(request, &mut |_| {}, CancellationToken::new()).unwrap();
    assert_eq!(outcome.status, studio_core::RunStatus::Succeeded, "{:?}", outcome.error);
    let failed = outcome.node_runs.iter().find(|n| &n.node_id == failing).unwrap();
    assert_eq!((failed.status, failed.branch.as_deref()), (studio_model::NodeStatus::Failed, Some("error")));
    assert!(failed.error.as_deref().unwrap_or_default().contains("the lookup service is down"), "{:?}", failed.error);
    assert!(outcome.node_runs.iter().any(|n| n.node_id == fallback && n.status == studio_model::NodeStatus::Succeeded), "the fallback ran");
}
