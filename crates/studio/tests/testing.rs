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
