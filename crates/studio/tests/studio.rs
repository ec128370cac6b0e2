use studio_core::{builtin_templates, CreatePlaybookInput, Home, StartupOpen, Studio, StudioError};

fn studio() -> (tempfile::TempDir, Studio) {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(Home::new(dir.path().join("home"))).unwrap();
    (dir, studio)
}

#[test]
fn builtin_templates_are_valid_and_use_known_blocks_only() {
    let (_dir, studio) = studio();
    let templates = builtin_templates();
    assert!(templates.len() >= 2);
    for t in templates {
        let bytes = serde_json::to_vec(&t.playbook).unwrap();
        let (_, diags) = studio.validate(&bytes);
        assert!(diags.is_empty(), "{}: {diags:?}", t.slug);
        assert!(t.playbook.extra.get("module_configuration_uuid").is_none());
        for node in t.playbook.nodes.values() {
            assert!(node.module_configuration_uuid.is_none() && node.trigger_configuration_uuid.is_none(), "templates carry no configuration: {}", t.slug);
        }
    }
}

#[test]
fn create_playbook_trims_and_refuses_empty_names() {
    let (_dir, mut studio) = studio();
    let created = studio.create_playbook(CreatePlaybookInput { name: "  Phishing triage ".into(), description: " Reported mails ".into() }).unwrap();
    assert_eq!((created.name.as_str(), created.description.as_str(), created.version, created.node_count), ("Phishing triage", "Reported mails", 1, 0));
    let err = studio.create_playbook(CreatePlaybookInput { name: "   ".into(), description: String::new() }).unwrap_err();
    assert!(matches!(err, StudioError::InvalidInput { field: "name", .. }));
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(studio.list_playbooks().unwrap(), vec![created.clone()]);
    let exported: serde_json::Value = serde_json::from_str(&studio.export_playbook(&created.id).unwrap()).unwrap();
    assert_eq!(exported["name"], "Phishing triage");
    assert_eq!(exported["uuid"], serde_json::json!(created.id));
    assert_eq!(exported["nodes"], serde_json::json!({}));
}

#[test]
fn home_resolution_prefers_flag_then_environment() {
    let flag = Home::resolve(Some("/tmp/flag-home".into()));
    assert_eq!(flag.root(), std::path::Path::new("/tmp/flag-home"));
    assert_eq!(flag.store_path(), std::path::Path::new("/tmp/flag-home/studio.db"));
    assert_eq!(flag.logs_dir(), std::path::Path::new("/tmp/flag-home/logs"));
}

#[test]
fn logs_go_to_the_home_logs_folder() {
    let (dir, studio) = studio();
    studio_core::init_logging(studio.home(), "test").unwrap();
    assert!(dir.path().join("home/logs/test.log").is_file());
}

#[test]
fn the_designer_saves_documents_as_versions_and_checks_them() {
    let (_dir, mut studio) = studio();
    let created = studio.create_playbook(CreatePlaybookInput { name: "Draft".into(), description: String::new() }).unwrap();
    let mut doc = studio.playbook_document(&created.id).unwrap().content;
    doc["nodes"] = serde_json::json!({
        "0": {"type": "trigger", "name": "Alert Created", "module_uuid": "92d8bb47-7c51-445d-81de-ae04edbb6f0a",
              "trigger_uuid": "785583cf-4377-43ce-a5fb-f4572eb57456", "outputs": {"default": ["1"]}, "position": {"x": 10, "y": 20}},
        "1": {"type": "action", "name": "Get alert", "module_uuid": "92d8bb47-7c51-445d-81de-ae04edbb6f0a",
              "action_uuid": "8d189665-5401-4098-8d60-944de9a6199a", "arguments": {}, "outputs": {"default": ["9"]}}
    });
    doc["uuid"] = serde_json::json!("someone-else");
    let saved = studio.save_document(&created.id, doc.clone(), "added Get Alert").unwrap();
    assert_eq!((saved.version, saved.node_count), (2, 2));
    let stored = studio.playbook_document(&created.id).unwrap().content;
    assert_eq!(stored["uuid"], serde_json::json!(created.id), "the id stays the playbook's");
    assert_eq!(stored["nodes"]["0"]["position"], serde_json::json!({"x": 10, "y": 20}));

    let diags = studio.validate_document(doc);
    let texts: Vec<String> = diags.iter().map(|d| format!("{:?} {:?} {:?} {}", d.severity, d.node, d.field, d.message)).collect();
    assert!(texts.iter().any(|t| t.contains("target \"9\" is not a node")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("arguments.uuid") && t.contains("required")), "{texts:?}");
    assert!(matches!(studio.save_document(&created.id, serde_json::json!({"name": "x", "nodes": []}), "bad"), Err(StudioError::InvalidPlaybook(_))));

    let renamed = studio.rename_playbook(&created.id, "Triage").unwrap();
    assert_eq!((renamed.name.as_str(), renamed.version), ("Triage", 3));
    assert_eq!(studio.playbook_document(&created.id).unwrap().content["name"], "Triage", "the document's name changes too");
    let copy = studio.duplicate_playbook(&created.id).unwrap();
    assert_eq!(copy.name, "Triage (copy)");
    assert_ne!(copy.id, created.id);
    let versions = studio.versions(&created.id).unwrap();
    assert_eq!(versions.iter().map(|v| v.summary.as_str()).collect::<Vec<_>>(), vec!["renamed to Triage", "added Get Alert", "created"]);
    studio.delete_playbook(&copy.id).unwrap();
    assert!(matches!(studio.playbook_document(&copy.id), Err(StudioError::PlaybookNotFound(_))));
    let catalog = studio.catalog_view();
    assert!(catalog.modules.iter().any(|m| m.name == "Sekoia.io") && catalog.operators.len() == 5);
}

#[test]
fn secrets_go_to_the_vault_reach_the_runner_and_nothing_else() {
    use std::collections::BTreeMap;
    use std::sync::Arc;
    use studio_core::{CancellationToken, MemoryVault, MockMode, NewConfiguration, RunRequest, RunStatus, Vault};

    let server = studio_testkit::http::serve(|_, _, _| (200, r#"{"uuid": "a-1", "title": "Cradle"}"#.into()));
    let dir = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::new());
    let mut studio = Studio::open_with_vault(Home::new(dir.path().join("home")), vault.clone()).unwrap();
    studio_core::init_logging(studio.home(), "test").unwrap();
    let secret = "sk-live-7f3a9c1e";
    let mut values = serde_json::Map::new();
    values.insert("base_url".into(), serde_json::json!(server.url));
    let sekoia = "92d8bb47-7c51-445d-81de-ae04edbb6f0a";
    let err = studio
        .create_module_configuration(NewConfiguration {
            module_uuid: sekoia.into(),
            name: "prod".into(),
            values: {
                let mut v = values.clone();
                v.insert("api_key".into(), serde_json::json!(secret));
                v
            },
            secrets: BTreeMap::new(),
        })
        .unwrap_err();
    assert!(err.to_string().contains("`api_key` is a secret"), "{err}");
    let cfg = studio
        .create_module_configuration(NewConfiguration { module_uuid: sekoia.into(), name: "prod".into(), values, secrets: BTreeMap::from([("api_key".to_string(), secret.to_string())]) })
        .unwrap();
    assert_eq!(vault.get(&cfg.secret_refs["api_key"]).unwrap().as_deref(), Some(secret));

    let doc = serde_json::json!({"uuid": "c0000000-0000-4000-8000-00000000c0de", "name": "Fetch", "nodes": {
        "0": {"type": "trigger", "name": "Manual", "module_uuid": sekoia, "trigger_uuid": "fc26eb9f-b272-4c15-b3bf-ace397c0dc57", "outputs": {"default": ["1"]}},
        "1": {"type": "action", "name": "Get alert", "module_uuid": sekoia, "action_uuid": "8d189665-5401-4098-8d60-944de9a6199a",
              "module_configuration_uuid": cfg.id, "arguments": {"uuid": "{{ node.0.alert_uuid }}"}, "outputs": {"default": []}}
    }});
    let id = studio.import_playbook(doc.to_string().as_bytes(), "test").unwrap().record.id;
    let request = RunRequest { playbook_id: id, event: serde_json::json!({"alert_uuid": "a-1"}), mock: MockMode::Unknown, pins: Default::default(), rate_limit: None, trigger: None };
    let outcome = studio.run_playbook(request, &mut |_| {}, CancellationToken::new()).unwrap();
    assert_eq!(outcome.status, RunStatus::Succeeded, "{:?}", outcome.error);
    let seen = server.seen.lock().unwrap().clone();
    assert!(seen[0].headers.contains(&("authorization".into(), format!("Bearer {secret}"))), "the runner used the vault's secret");

    drop(studio);
    let mut hits = Vec::new();
    for entry in walk(dir.path()) {
        if std::fs::read(&entry).unwrap().windows(secret.len()).any(|w| w == secret.as_bytes()) {
            hits.push(entry.display().to_string());
        }
    }
    assert!(hits.is_empty(), "the secret leaked into {hits:?}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn the_app_opens_a_file_given_on_its_command_line() {
    let (dir, mut studio) = studio();
    let template = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates/triage-high-urgency-alerts.json");
    let StartupOpen::Opened { playbook_id: id } = studio.open_file(&template) else { panic!("the template opens") };
    assert!(matches!(studio.open_file(&template), StartupOpen::Opened { playbook_id } if playbook_id == id), "the same file is the same playbook");
    assert_eq!(studio.history(&id).unwrap().len(), 1, "and gets no new version when unchanged");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, br#"{"name": "x", "nodes": []}"#).unwrap();
    let StartupOpen::Failed { error } = studio.open_file(&bad) else { panic!("a bad file fails") };
    // The problems come structured, with the file they are in.
    assert_eq!((error.code, error.path.as_deref()), (studio_core::ErrorCode::InvalidPlaybook, Some(bad.display().to_string().as_str())));
    assert!(error.diagnostics.iter().any(|d| d.message.contains("`nodes` must be an object")), "{:?}", error.diagnostics);
}

#[test]
fn nested_loops_are_recorded_once_per_combination_of_items() {
    use studio_core::{CancellationToken, MockMode, RunRequest, RunStatus};
    let (_dir, mut studio) = studio();
    let sekoia = "92d8bb47-7c51-445d-81de-ae04edbb6f0a";
    let doc = serde_json::json!({"uuid": "c0000000-0000-4000-8000-00000000100f", "name": "Nested", "nodes": {
        "0": {"type": "trigger", "name": "Manual", "module_uuid": sekoia, "trigger_uuid": "fc26eb9f-b272-4c15-b3bf-ace397c0dc57", "outputs": {"default": ["1"]}},
        "1": {"type": "operator", "subtype": "foreach", "name": "alerts", "items": "{{ node.0.alerts }}", "loop": ["2"], "outputs": {"default": []}},
        "2": {"type": "operator", "subtype": "foreach", "name": "tries", "items": "{{ [1, 2, 3] }}", "loop": ["3"], "outputs": {"default": []}},
        "3": {"type": "action", "name": "Get alert", "module_uuid": sekoia, "action_uuid": "8d189665-5401-4098-8d60-944de9a6199a",
              "arguments": {"uuid": "{{ node.1.default.value }}-{{ node.2.default.value }}"}, "outputs": {"default": []}}
    }});
    let id = studio.import_playbook(doc.to_string().as_bytes(), "test").unwrap().record.id;
    let request = RunRequest { playbook_id: id, event: serde_json::json!({"alerts": ["a", "b"]}), mock: MockMode::All, pins: Default::default(), rate_limit: None, trigger: None };
    let outcome = studio.run_playbook(request, &mut |_| {}, CancellationToken::new()).unwrap();
    assert_eq!(outcome.status, RunStatus::Succeeded);
    let stored: Vec<(Option<String>, Option<u32>, serde_json::Value)> =
        studio.run_view(&outcome.run_id).unwrap().node_runs.into_iter().filter(|n| n.node_id == "3").map(|n| (n.scope, n.iteration, n.arguments.unwrap()["uuid"].clone())).collect();
    let expected: Vec<(Option<String>, Option<u32>, serde_json::Value)> =
        ["a", "b"].iter().enumerate().flat_map(|(o, alert)| (0..3u32).map(move |i| (Some(o.to_string()), Some(i), serde_json::json!(format!("{alert}-{}", i + 1))))).collect();
    assert_eq!(stored, expected, "six records, none overwritten");
}

#[test]
fn designer_edits_share_a_version_and_a_restore_from_the_designer_is_its_own() {
    let (_dir, mut studio) = studio();
    let created = studio.create_playbook(CreatePlaybookInput { name: "Bursts".into(), description: String::new() }).unwrap();
    let mut doc = studio.playbook_document(&created.id).unwrap().content;
    doc["description"] = serde_json::json!("one");
    assert_eq!(studio.save_document(&created.id, doc.clone(), "set the description").unwrap().version, 2);
    doc["description"] = serde_json::json!("two");
    assert_eq!(studio.save_document(&created.id, doc.clone(), "set the description again").unwrap().version, 2, "the same burst of edits");
    assert_eq!(studio.playbook_version_content(&created.id, 1).unwrap()["description"], serde_json::json!(""));
    let older = studio.playbook_version_content(&created.id, 1).unwrap();
    assert_eq!(studio.save_document(&created.id, older, "restored version 1").unwrap().version, 3, "a restore is a version of its own");
    doc["description"] = serde_json::json!("three");
    assert_eq!(studio.save_document(&created.id, doc, "set the description").unwrap().version, 4, "and edits after it do not join it");
    let summaries: Vec<String> = studio.versions(&created.id).unwrap().into_iter().map(|v| v.summary).collect();
    assert_eq!(summaries, vec!["set the description", "restored version 1", "set the description; set the description again", "created"]);
}

#[test]
fn the_reason_of_a_failure_is_a_known_field_on_the_error_branch_only() {
    let (_dir, studio) = studio();
    let doc = |outputs: serde_json::Value| {
        serde_json::json!({"uuid": "0b0b0b0b-0000-4000-8000-000000000099", "name": "Fallback", "nodes": {
            "0": {"type": "trigger", "name": "Manual", "module_uuid": "92d8bb47-7c51-445d-81de-ae04edbb6f0a", "trigger_uuid": "fc26eb9f-b272-4c15-b3bf-ace397c0dc57", "outputs": {"default": ["1"]}},
            "1": {"type": "action", "name": "Get Alert", "module_uuid": "92d8bb47-7c51-445d-81de-ae04edbb6f0a", "action_uuid": "8d189665-5401-4098-8d60-944de9a6199a", "arguments": {"uuid": "{{ node.0.alert_uuid }}"}, "outputs": outputs},
            "2": {"type": "action", "name": "Say why", "module_uuid": "92d8bb47-7c51-445d-81de-ae04edbb6f0a", "action_uuid": "0d323de3-a864-4afe-a0c3-e7ff45883d7a", "arguments": {"uuid": "{{ node.0.alert_uuid }}", "content": "failed: {{ node.1.error }}"}, "outputs": {"default": []}}
        }})
        .to_string()
    };
    let warned = |outputs| studio.validate_with_jinja(doc(outputs).as_bytes()).1.iter().any(|d| d.message.contains("node.1.error"));
    assert!(!warned(serde_json::json!({"error": ["2"]})), "the error branch exposes node.1.error");
    assert!(warned(serde_json::json!({"default": ["2"]})), "without an error branch, `error` is not a result of Get Alert");
}
