//! Run bundles: a run that used a module configuration's secret, exported, holds no trace of
//! it; imported into a fresh home, the run shows as it was (node runs, CODE JSON) and cannot
//! be rerun.

use std::collections::BTreeMap;
use std::sync::Arc;
use studio_core::{CancellationToken, Home, MemoryVault, MockMode, NewConfiguration, RunRequest, RunStatus, Studio};

const SEKOIA: &str = "92d8bb47-7c51-445d-81de-ae04edbb6f0a";
const SECRET: &str = "sk-live-7f3a9c1e-bundle";

#[test]
fn an_exported_bundle_holds_no_secret_and_imports_read_only_into_a_fresh_home() {
    // The server echoes the key in its answer, and a field named like the secret field.
    let server = studio_testkit::http::serve(|_, _, _| (200, format!(r#"{{"uuid": "a-1", "title": "Cradle", "note": "called with Bearer {SECRET}", "api_key": "a-key-of-the-server"}}"#)));
    let dir = tempfile::tempdir().unwrap();
    let mut studio = Studio::open_with_vault(Home::new(dir.path().join("home")), Arc::new(MemoryVault::new())).unwrap();
    let mut values = serde_json::Map::new();
    values.insert("base_url".into(), serde_json::json!(server.url));
    let cfg = studio
        .create_module_configuration(NewConfiguration { module_uuid: SEKOIA.into(), name: "prod".into(), values, secrets: BTreeMap::from([("api_key".to_string(), SECRET.to_string())]) })
        .unwrap();
    let doc = serde_json::json!({"uuid": "c0000000-0000-4000-8000-00000000b0d1", "name": "Fetch", "nodes": {
        "0": {"type": "trigger", "name": "Manual", "module_uuid": SEKOIA, "trigger_uuid": "fc26eb9f-b272-4c15-b3bf-ace397c0dc57", "outputs": {"default": ["1"]}},
        "1": {"type": "action", "name": "Get alert", "module_uuid": SEKOIA, "action_uuid": "8d189665-5401-4098-8d60-944de9a6199a",
              "module_configuration_uuid": cfg.id, "arguments": {"uuid": "{{ node.0.alert_uuid }}"}, "outputs": {"default": []}}
    }});
    let id = studio.import_playbook(doc.to_string().as_bytes(), "test").unwrap().record.id;
    let request = RunRequest { playbook_id: id, event: serde_json::json!({"alert_uuid": "a-1"}), mock: MockMode::Unknown, pins: Default::default(), rate_limit: None, trigger: None };
    let outcome = studio.run_playbook(request, &mut |_| {}, CancellationToken::new()).unwrap();
    assert_eq!(outcome.status, RunStatus::Succeeded, "{:?}", outcome.error);

    let file = dir.path().join("run.bundle.json");
    studio.export_run_bundle(&outcome.run_id, &file).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(!text.contains(SECRET), "the secret is in the bundle");
    assert!(!text.contains("a-key-of-the-server"), "a secret field's value is in the bundle");
    let bundle: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(bundle["format"], "playbook-studio-run-bundle/1");
    assert_eq!(bundle["code"]["node"]["1"]["title"], "Cradle");

    let fresh = tempfile::tempdir().unwrap();
    let mut other = Studio::open_with_vault(Home::new(fresh.path().join("home")), Arc::new(MemoryVault::new())).unwrap();
    let run_id = other.import_run_bundle(&file).unwrap().run_id;
    let details = other.run_details(&run_id).unwrap();
    assert!(details.run.imported, "the run is marked as imported");
    assert_eq!(details.node_runs.len(), outcome.node_runs.len());
    assert_eq!(other.run_code(&run_id).unwrap(), bundle["code"]);
    assert_eq!(other.list_playbooks().unwrap().len(), 1, "its playbook came along");
    let refused = other.rerun(&run_id, false, &mut |_| {}, CancellationToken::new()).unwrap_err();
    assert_eq!(refused.code(), "refused");
    // A second import of the same bundle is another run of the same playbook.
    let again = other.import_run_bundle(&file).unwrap().run_id;
    assert_ne!(again, run_id);
    assert_eq!(other.list_playbooks().unwrap().len(), 1);

    std::fs::write(dir.path().join("not.json"), "{\"format\": \"something else\"}").unwrap();
    assert!(other.import_run_bundle(&dir.path().join("not.json")).is_err());
}
