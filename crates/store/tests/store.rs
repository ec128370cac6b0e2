use serde_json::json;
use std::collections::BTreeMap;
use studio_model::{parse_playbook, NodeStatus, Playbook, RunStatus};
use studio_store::{NewModuleConfiguration, NodeRunWrite, Store, StoreError};

fn playbook(uuid: &str, name: &str, nodes: usize) -> Playbook {
    let mut doc = json!({"uuid": uuid, "name": name, "description": "d", "tags": ["alerts"], "nodes": {}});
    for i in 0..nodes {
        doc["nodes"][i.to_string()] = json!({"type": "action", "name": format!("n{i}"), "module_uuid": "m", "action_uuid": "a", "outputs": {"default": []}});
    }
    parse_playbook(doc.to_string().as_bytes()).unwrap()
}

/// A finished node run that took `branch`, with nothing else recorded.
fn node_run<'a>(node_id: &'a str, status: NodeStatus, branch: &'a str, details: Option<&'a serde_json::Value>) -> NodeRunWrite<'a> {
    NodeRunWrite {
        node_id,
        iteration: None,
        scope: None,
        status,
        branch: Some(branch),
        error: None,
        arguments: None,
        results: None,
        mocked: false,
        reused: false,
        started_at: None,
        finished_at: None,
        details,
    }
}

#[test]
fn every_save_is_a_version_and_restore_adds_one() {
    let mut store = Store::in_memory().unwrap();
    let mut pb = playbook("p1", "First", 1);
    assert_eq!(store.save_playbook(&pb, "created").unwrap().version, 1);
    pb.name = Some("Renamed".into());
    pb.nodes.insert("9".into(), playbook("x", "x", 1).nodes["0"].clone());
    let rec = store.save_playbook(&pb, "renamed").unwrap();
    assert_eq!((rec.version, rec.name.as_str(), rec.node_count), (2, "Renamed", 2));

    let history = store.history("p1").unwrap();
    let summaries: Vec<(u32, &str, u32)> = history.iter().map(|v| (v.version, v.summary.as_str(), v.node_count)).collect();
    assert_eq!(summaries, vec![(2, "renamed", 2), (1, "created", 1)]);

    let restored = store.restore_version("p1", 1).unwrap();
    assert_eq!((restored.version, restored.name.as_str()), (3, "First"));
    assert_eq!(store.playbook_content("p1", None).unwrap(), playbook("p1", "First", 1));
    assert_eq!(store.history("p1").unwrap()[0].summary, "restored version 1");
}

#[test]
fn list_is_newest_first_and_missing_ids_are_named() {
    let mut store = Store::in_memory().unwrap();
    store.save_playbook(&playbook("a", "A", 0), "created").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    store.save_playbook(&playbook("b", "B", 0), "created").unwrap();
    let names: Vec<String> = store.list_playbooks().unwrap().into_iter().map(|r| r.name).collect();
    assert_eq!(names, vec!["B", "A"]);
    match store.playbook_record("nope") {
        Err(StoreError::NotFound { what: "playbook", id }) => assert_eq!(id, "nope"),
        other => panic!("expected not found, got {other:?}"),
    }
    assert_eq!(store.restore_version("a", 7).unwrap_err().to_string(), "no version with id a v7");
}

#[test]
fn store_on_disk_survives_reopen_and_is_sound() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/studio.db");
    {
        let mut store = Store::open(&path).unwrap();
        store.save_playbook(&playbook("p", "Kept", 3), "created").unwrap();
        store.set_setting("theme", &json!("dark")).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.list_playbooks().unwrap()[0].name, "Kept");
    assert_eq!(store.setting("theme").unwrap(), Some(json!("dark")));
    assert_eq!(store.integrity_check().unwrap(), Vec::<String>::new());
    let mode: String = rusqlite::Connection::open(&path).unwrap().pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn module_configurations_keep_secret_references_only() {
    let mut store = Store::in_memory().unwrap();
    let mut refs = BTreeMap::new();
    refs.insert("api_key".to_string(), "playbook-studio/module-configuration/x/api_key".to_string());
    let mut values = serde_json::Map::new();
    values.insert("base_url".into(), json!("https://api.sekoia.io"));
    let cfg = store.create_module_configuration(NewModuleConfiguration { module_uuid: "m", name: "prod", values, secret_refs: refs.clone() }).unwrap();
    assert_eq!(store.module_configurations(Some("m")).unwrap(), vec![cfg.clone()]);
    assert!(store.module_configurations(Some("other")).unwrap().is_empty());
    assert_eq!(cfg.secret_refs, refs);
}

#[test]
fn newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    Store::open(&path).unwrap();
    rusqlite::Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
    assert!(matches!(Store::open(&path), Err(StoreError::TooNew { found: 99, .. })));
}

#[test]
fn statuses_are_states_and_an_unknown_one_is_an_error_naming_the_run() {
    use studio_store::NewRun;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut store = Store::open(&path).unwrap();
    store.save_playbook(&playbook("p", "P", 1), "created").unwrap();
    let (event, options) = (json!({}), json!({}));
    store.insert_run(NewRun { id: "r1", playbook_id: "p", playbook_version: Some(1), rerun_of: None, event: &event, options: &options }).unwrap();
    let write = node_run("0", NodeStatus::Left, "else", None);
    store.put_node_run("r1", &write).unwrap();
    store.finish_run("r1", RunStatus::Failed, Some("boom"), &json!({})).unwrap();
    assert_eq!(store.run("r1").unwrap().status, RunStatus::Failed);
    assert_eq!(store.node_runs("r1").unwrap()[0].status, NodeStatus::Left);

    // A state this build does not know (a newer build's, or a damaged row) is not guessed.
    // (The schema's CHECK refuses such a write: only a damaged file or another writer gets one in.)
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "ignore_check_constraints", true).unwrap();
    conn.execute("UPDATE node_runs SET status = 'paused'", []).unwrap();
    conn.execute("UPDATE runs SET status = 'sleeping'", []).unwrap();
    match store.node_runs("r1") {
        Err(StoreError::Corrupt { what, id, message }) => assert_eq!((what, id.as_str(), message.as_str()), ("node runs of run", "r1", "unknown status `paused`")),
        other => panic!("expected a corrupt-row error, got {other:?}"),
    }
    let err = store.run("r1").unwrap_err();
    assert_eq!(err.to_string(), "stored run r1 is unreadable: unknown status `sleeping`");
}

#[test]
fn a_platform_run_keeps_its_event_name_its_node_runs_details_and_its_payload() {
    use studio_store::PlatformRunWrite;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.db")).unwrap();
    store.save_playbook(&playbook("p", "P", 1), "created").unwrap();
    let (payload, empty) = (json!({ "alert_uuid": "A" }), json!({}));
    let write = |event| PlatformRunWrite {
        id: "remote-1",
        playbook_id: "p",
        status: RunStatus::Running,
        rerun_of: None,
        event,
        store: &empty,
        error: None,
        started_at: "2026-01-01T00:00:00Z",
        finished_at: None,
        event_name: Some("Playbook Studio 1"),
    };
    store.put_platform_run(&write(&payload)).unwrap();
    // A later listing that does not know the payload keeps the stored one.
    store.put_platform_run(&write(&empty)).unwrap();
    let run = store.run("remote-1").unwrap();
    assert_eq!((run.event, run.event_name.as_deref()), (payload, Some("Playbook Studio 1")));

    let details = json!({ "uuid": "nr-1", "iteration": 0, "parent_node_run_id": 0, "logs": "line" });
    let node = node_run("1", NodeStatus::Succeeded, "default", Some(&details));
    store.put_node_run("remote-1", &node).unwrap();
    assert_eq!(store.node_runs("remote-1").unwrap()[0].details.as_ref(), Some(&details));
    store.clear_node_runs("remote-1").unwrap();
    assert!(store.node_runs("remote-1").unwrap().is_empty(), "a run rerun in place starts over");
}

#[test]
fn edits_go_into_one_version_per_pause_and_a_run_closes_it() {
    use std::time::Duration;
    use studio_store::NewRun;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.db")).unwrap();
    store.save_playbook(&playbook("p", "P", 1), "created").unwrap();
    let minute = Duration::from_secs(60);
    // A burst of edits: one version after the creation, its summary listing each edit once.
    store.save_edit(&playbook("p", "P", 2), "added n1", minute).unwrap();
    store.save_edit(&playbook("p", "P", 3), "added n2", minute).unwrap();
    let head = store.save_edit(&playbook("p", "P", 3), "added n2", minute).unwrap();
    assert_eq!((head.version, head.node_count), (2, 3));
    let versions = store.history("p").unwrap();
    assert_eq!(versions.iter().map(|v| (v.version, v.summary.as_str())).collect::<Vec<_>>(), vec![(2, "added n1; added n2"), (1, "created")]);
    assert_eq!(store.playbook_content("p", Some(2)).unwrap().nodes.len(), 3, "the version holds the last edit");

    // After a pause (none allowed here), the next edit is a new version.
    assert_eq!(store.save_edit(&playbook("p", "P", 4), "added n3", Duration::ZERO).unwrap().version, 3);
    // A run of the head version closes it too: what ran stays as it ran.
    let (event, options) = (json!({}), json!({}));
    store.insert_run(NewRun { id: "r", playbook_id: "p", playbook_version: Some(3), rerun_of: None, event: &event, options: &options }).unwrap();
    assert_eq!(store.save_edit(&playbook("p", "P", 5), "added n4", minute).unwrap().version, 4);
    // A restore, an import or a pull is never joined by the edits after it.
    store.save_playbook(&playbook("p", "P", 1), "restored version 1").unwrap();
    assert_eq!(store.save_edit(&playbook("p", "P", 2), "added n1", minute).unwrap().version, 6);
}
