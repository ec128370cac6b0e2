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
        let summary = studio.import_playbook_file(&file).unwrap();
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
fn an_invalid_file_is_refused_naming_the_file_and_the_position() {
    let (dir, mut studio) = studio();
    let path = dir.path().join("broken.json");
    std::fs::write(&path, "{\n  \"name\": \"x\",\n  \"nodes\": {\n").unwrap();
    let err = studio.import_playbook_file(&path).unwrap_err();
    assert_eq!(err.code(), "invalid_playbook");
    let message = err.to_string();
    assert!(message.starts_with(&path.display().to_string()) && message.contains("line 4"), "{message}");
    assert!(studio.list_playbooks().unwrap().is_empty(), "nothing half-imported");

    let missing = studio.import_playbook_file(&dir.path().join("nope.json")).unwrap_err();
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
