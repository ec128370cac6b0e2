use studio_core::{builtin_templates, CreatePlaybookInput, Home, Studio, StudioError};

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
        assert!(diags.is_empty(), "{}: {diags:?}", t.file);
        assert!(t.playbook.extra.get("module_configuration_uuid").is_none());
        for node in t.playbook.nodes.values() {
            assert!(node.module_configuration_uuid.is_none() && node.trigger_configuration_uuid.is_none(), "templates carry no configuration: {}", t.file);
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
