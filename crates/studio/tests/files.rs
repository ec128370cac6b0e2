//! Importing and exporting playbook files as the app's dialogs do.

use studio_core::{Home, MemoryVault, Studio};

fn studio() -> (tempfile::TempDir, Studio) {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open_with_vault(Home::new(dir.path().join("home")), std::sync::Arc::new(MemoryVault::new())).unwrap();
    (dir, studio)
}

#[test]
fn every_shared_template_exports_to_the_json_it_was_imported_from() {
    let Some(fixtures) = studio_testkit::sekoia_fixtures() else { return };
    let (dir, mut studio) = studio();
    for file in studio_testkit::json_files(&fixtures.join("templates")) {
        let summary = studio.import_playbook_file(&file, None).unwrap();
        let out = dir.path().join("out.json");
        studio.export_playbook_file(&summary.id, &out).unwrap();
        let original: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
        let exported: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
        assert_eq!(original, exported, "{}", file.display());
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().filter(|e| e.file_name().to_string_lossy().ends_with(".tmp")).collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
}

#[test]
fn a_file_with_a_dangling_link_or_a_cycle_is_stored_to_be_fixed_in_the_designer() {
    let (dir, mut studio) = studio();
    let path = dir.path().join("dangling.json");
    let doc = serde_json::json!({
        "uuid": "d0000000-0000-4000-8000-000000000001", "name": "Dangling",
        "nodes": {
            "0": { "type": "trigger", "name": "Manual", "module_uuid": "92d8bb47-7c51-445d-81de-ae04edbb6f0a", "trigger_uuid": "fc26eb9f-b272-4c15-b3bf-ace397c0dc57", "outputs": { "default": ["1"] } },
            "1": { "type": "action", "name": "Get Alert", "module_uuid": "92d8bb47-7c51-445d-81de-ae04edbb6f0a", "action_uuid": "8d189665-5401-4098-8d60-944de9a6199a", "arguments": {}, "outputs": { "default": ["7", "1"] } }
        }
    });
    std::fs::write(&path, doc.to_string()).unwrap();
    let summary = studio.import_playbook_file(&path, None).unwrap();
    assert_eq!((summary.id.as_str(), summary.node_count), ("d0000000-0000-4000-8000-000000000001", 2));
    let content = studio.playbook_document(&summary.id).unwrap().content;
    let problems: Vec<String> = studio.validate_document(content).into_iter().filter(|d| d.severity == studio_core::Severity::Error).map(|d| d.message).collect();
    assert!(problems.iter().any(|m| m.contains("target \"7\" is not a node")) && problems.iter().any(|m| m.contains("cycle")), "{problems:?}");
    // The same document through the CLI's strict import is still refused whole.
    assert_eq!(studio.import_playbook(doc.to_string().as_bytes(), "test").unwrap_err().code(), "invalid_playbook");
}

#[test]
fn an_invalid_file_is_refused_naming_the_file_and_the_position() {
    let (dir, mut studio) = studio();
    let path = dir.path().join("broken.json");
    std::fs::write(&path, "{\n  \"name\": \"x\",\n  \"nodes\": {\n").unwrap();
    let err = studio.import_playbook_file(&path, None).unwrap_err();
    assert_eq!(err.code(), "invalid_playbook");
    let message = err.to_string();
    assert!(message.starts_with(&path.display().to_string()) && message.contains("line 4"), "{message}");
    assert!(studio.list_playbooks().unwrap().is_empty(), "nothing half-imported");

    let missing = studio.import_playbook_file(&dir.path().join("nope.json"), None).unwrap_err();
    assert_eq!(missing.code(), "io");
    assert!(missing.to_string().contains("nope.json"));
}

#[test]
fn exporting_into_a_missing_folder_fails_and_leaves_nothing() {
    let (dir, mut studio) = studio();
    let id = studio.create_playbook(studio_core::CreatePlaybookInput { name: "P".into(), description: String::new() }).unwrap().id;
    let err = studio.export_playbook_file(&id, &dir.path().join("no/such/dir/p.json")).unwrap_err();
    assert_eq!(err.code(), "io");
    assert!(err.to_string().contains("p.json"), "{err}");
}

#[test]
fn a_file_whose_playbook_is_here_asks_new_version_or_copy_and_keeps_local_configurations() {
    let (dir, mut studio) = studio();
    let sekoia = "92d8bb47-7c51-445d-81de-ae04edbb6f0a";
    let mut doc = serde_json::json!({
        "uuid": "d0000000-0000-4000-8000-000000000002", "name": "Triage",
        "nodes": { "0": { "type": "trigger", "name": "Manual", "module_uuid": sekoia, "trigger_uuid": "fc26eb9f-b272-4c15-b3bf-ace397c0dc57", "outputs": { "default": [] } } }
    });
    let path = dir.path().join("triage.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    let first = studio.import_playbook_file(&path, None).unwrap();
    // A module configuration chosen here, then the same file again: opened, nothing new.
    let mut chosen = doc.clone();
    chosen["nodes"]["0"]["module_configuration_uuid"] = serde_json::json!("c0ffee00-0000-4000-8000-000000000001");
    studio.save_document(&first.id, chosen, "chose a configuration").unwrap();
    assert_eq!(studio.import_playbook_file(&path, None).unwrap().version, 2, "the local choice is not a difference");

    // The file changed elsewhere (a new name): asked, then as a new version the local choice stays.
    doc["name"] = serde_json::json!("Triage v2");
    std::fs::write(&path, doc.to_string()).unwrap();
    let err = studio.import_playbook_file(&path, None).unwrap_err();
    assert_eq!(err.code(), "playbook_exists");
    assert_eq!(err.to_string(), format!("{} is the playbook “Triage”, already here (version 2): import it as a new version of it, or as a copy", path.display()));
    let version = studio.import_playbook_file(&path, Some(studio_core::WhenExists::NewVersion)).unwrap();
    assert_eq!((version.id.as_str(), version.version, version.name.as_str()), (first.id.as_str(), 3, "Triage v2"));
    let content = studio.playbook_document(&first.id).unwrap().content;
    assert_eq!(content["nodes"]["0"]["module_configuration_uuid"], "c0ffee00-0000-4000-8000-000000000001");

    // As a copy: a new playbook beside it.
    let copy = studio.import_playbook_file(&path, Some(studio_core::WhenExists::Copy)).unwrap();
    assert_ne!(copy.id, first.id);
    assert_eq!((copy.name.as_str(), copy.version), ("Triage v2 (copy)", 1));
    assert_eq!(studio.list_playbooks().unwrap().len(), 2);
    // The unchanged file just opens its playbook.
    assert_eq!(studio.import_playbook_file(&path, None).unwrap().version, 3);
}
