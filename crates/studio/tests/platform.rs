//! The studio's platform features against the project's stand-in platform, with an
//! in-memory vault (the OS vault has its own tests, and the CLI's session test uses it).

use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;
use studio_core::{Home, MemoryVault, PlatformTuning, RemoteRunRequest, RunEvent, RunStatus, Studio, Vault};
use studio_platform::{ClientOptions, RetryPolicy};
use studio_testkit::platform::{Fault, MockPlatform};

const KEY: &str = "sk-studio-test-7f3a9c";
const MANUAL_MODULE: &str = "92d8bb47-7c51-445d-81de-ae04edbb6f0a";
const MANUAL_TRIGGER: &str = "fc26eb9f-b272-4c15-b3bf-ace397c0dc57";

fn studio() -> (tempfile::TempDir, Studio, Arc<MemoryVault>) {
    let dir = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::new());
    let mut studio = Studio::open_with_vault(Home::new(dir.path().join("home")), vault.clone()).unwrap();
    studio.set_platform_tuning(PlatformTuning {
        client: ClientOptions {
            timeout: Duration::from_secs(5),
            connect_timeout: Duration::from_secs(2),
            retry: RetryPolicy { max_attempts: 3, base_delay: Duration::from_millis(5), max_delay: Duration::from_secs(2) },
        },
        poll_first: Duration::from_millis(10),
        poll_max: Duration::from_millis(40),
        follow_timeout: Duration::from_secs(20),
    });
    (dir, studio, vault)
}

fn playbook() -> Value {
    json!({
        "uuid": "7d3c1f52-0000-4000-8000-00000000a001",
        "name": "Enrich alert",
        "description": "Looks up the alert",
        "nodes": {
            "0": { "type": "trigger", "name": "Manual trigger", "module_uuid": MANUAL_MODULE, "trigger_uuid": MANUAL_TRIGGER, "outputs": { "default": ["1"] } },
            "1": { "type": "action", "name": "Get alert", "module_uuid": MANUAL_MODULE, "action_uuid": "8d189665-5401-4098-8d60-944de9a6199a",
                   "arguments": { "uuid": "{{ node[0].alert_uuid }}" }, "outputs": { "default": ["2"] }, "position": { "x": 10, "y": 20 } },
            "2": { "type": "action", "name": "Comment", "module_uuid": MANUAL_MODULE, "action_uuid": "8d189665-5401-4098-8d60-944de9a6199b", "arguments": {}, "outputs": { "default": [] } }
        }
    })
}

fn logged_in() -> (tempfile::TempDir, Studio, Arc<MemoryVault>, MockPlatform, String) {
    let platform = MockPlatform::start(KEY);
    let (dir, mut studio, vault) = studio();
    studio.platform_login(&platform.url, &format!("{KEY}\n")).unwrap();
    let id = studio.import_playbook(playbook().to_string().as_bytes(), "test").unwrap().record.id;
    (dir, studio, vault, platform, id)
}

#[test]
fn login_keeps_the_key_in_the_vault_and_refuses_a_bad_key() {
    let platform = MockPlatform::start(KEY);
    let (_dir, mut studio, vault) = studio();
    let err = studio.platform_login(&platform.url, "not-the-key").unwrap_err();
    assert_eq!(err.code(), "platform_unauthorized");
    assert!(!studio.platform_settings().unwrap().has_api_key, "a refused key is not stored");

    let settings = studio.platform_login(&format!("{}/", platform.url), KEY).unwrap();
    assert_eq!(settings.base_url.as_deref(), Some(platform.url.as_str()));
    assert!(settings.has_api_key);
    assert_eq!(vault.get(&format!("platform/{}/api-key", platform.url)).unwrap().as_deref(), Some(KEY));
    assert_eq!(settings.regions[0].base_url, "https://api.sekoia.io");

    let out = studio.platform_logout().unwrap();
    assert!(!out.has_api_key && out.base_url.is_none());
    assert_eq!(vault.get(&format!("platform/{}/api-key", platform.url)).unwrap(), None);
    assert_eq!(studio.platform_check().unwrap_err().code(), "platform_not_configured");
}

#[test]
fn check_reports_missing_permissions() {
    let (_dir, studio, _vault, platform, _id) = logged_in();
    platform.deny(KEY, &["view_runs"]);
    let report = studio.platform_check().unwrap();
    assert!(report.authenticated);
    assert_eq!(report.missing, vec!["View playbook runs"]);
}

#[test]
fn the_catalogue_syncs_into_the_store_grouped_by_module() {
    let (_dir, mut studio, _vault, platform, _id) = logged_in();
    platform.add_module(
        json!({ "uuid": "m-remote", "name": "Remote module", "configuration": "{\"type\": \"object\", \"properties\": {\"api_key\": {\"type\": \"string\"}}, \"secrets\": [\"api_key\"]}" }),
        vec![json!({ "uuid": "a-1", "module_uuid": "m-remote", "name": "Do it", "arguments": { "type": "object" }, "outputs": { "yes": "", "no": "" } })],
        vec![json!({ "uuid": "t-1", "module_uuid": "m-remote", "name": "On event" })],
    );
    let sync = studio.pull_catalog().unwrap();
    assert_eq!((sync.modules, sync.actions, sync.triggers), (1, 1, 1));
    let catalog = studio.catalog();
    let module = catalog.module("m-remote").expect("the synced module is in the catalogue");
    assert_eq!(module.secret_fields(), vec!["api_key"]);
    assert_eq!(module.actions[0].outputs.keys().collect::<Vec<_>>(), vec!["yes", "no"]);
}

#[test]
fn push_creates_then_updates_and_pull_brings_platform_changes_back() {
    let (_dir, mut studio, _vault, platform, id) = logged_in();
    let first = studio.push_playbook(&id).unwrap();
    assert!(first.created);
    assert_eq!(studio.list_playbooks().unwrap()[0].remote_uuid.as_deref(), Some(first.remote_uuid.as_str()));
    let second = studio.push_playbook(&id).unwrap();
    assert_eq!((second.created, &second.remote_uuid), (false, &first.remote_uuid));
    assert_eq!(platform.state().playbooks.len(), 1);
    let sent = platform.state().playbooks[&first.remote_uuid]["content"]["nodes"].clone();
    assert_eq!(sent, playbook()["nodes"], "the graph goes as is (positions included)");
    assert!(studio.compare_with_platform(&id).unwrap().same);

    // Someone edits it on the platform.
    platform.state().playbooks.get_mut(&first.remote_uuid).unwrap()["content"]["nodes"]["2"]["name"] = json!("Comment on alert");
    let diff = studio.compare_with_platform(&id).unwrap();
    assert_eq!((diff.same, diff.changed.clone()), (false, vec!["2".to_owned()]));
    let pulled = studio.pull_playbook(&first.remote_uuid).unwrap();
    assert_eq!(pulled.id, id, "the pull lands on the local playbook it matches");
    assert_eq!(pulled.version, 2);
    let content = studio.store().playbook_content(&id, None).unwrap();
    assert_eq!(content.nodes["2"].name.as_deref(), Some("Comment on alert"));
    assert!(studio.compare_with_platform(&id).unwrap().same);

    let listed = studio.platform_playbooks().unwrap();
    assert_eq!(listed[0].local_id.as_deref(), Some(id.as_str()));
    assert!(!listed[0].status.active, "pushed playbooks start off");

    // The platform's tags come back with a pull.
    platform.state().playbooks.get_mut(&first.remote_uuid).unwrap()["tags"] = json!(["alert", "triage"]);
    studio.pull_playbook(&first.remote_uuid).unwrap();
    assert_eq!(studio.store().playbook_content(&id, None).unwrap().tags, Some(vec!["alert".to_owned(), "triage".to_owned()]));
}

#[test]
fn a_platform_run_is_wired_activated_followed_and_recorded_like_a_local_one() {
    let (_dir, mut studio, _vault, platform, id) = logged_in();
    let remote = studio.push_playbook(&id).unwrap().remote_uuid;
    assert!(!studio.platform_playbook_status(&id).unwrap().active, "a pushed playbook starts off");
    platform.state().failing.insert("2".into());
    let mut events = Vec::new();
    let outcome = studio.run_on_platform(RemoteRunRequest { playbook: id.clone(), event: json!({ "alert_uuid": "A-1" }), follow: true, trigger: None }, &mut |e| events.push(e.clone())).unwrap();
    assert_eq!(outcome.status, RunStatus::Failed);
    let statuses: Vec<(String, &str)> = outcome.node_runs.iter().map(|n| (n.node_id.clone(), n.status.as_str())).collect();
    assert_eq!(statuses, vec![("0".into(), "succeeded"), ("1".into(), "succeeded"), ("2".into(), "failed")], "node runs read from the details' map, the failure from finished + error");
    assert_eq!(outcome.error.as_deref(), Some("node 2: node 2 failed on purpose"));
    let notices: Vec<String> = events
        .iter()
        .filter_map(|e| match e {
            RunEvent::Notice { message } => Some(message.clone()),
            _ => None,
        })
        .collect();
    assert!(notices.iter().any(|n| n.contains("attached trigger configuration")) && notices.iter().any(|n| n.contains("switched platform playbook") && n.contains("on")), "{notices:?}");

    // The configuration is attached to the trigger node and listed; the playbook is on.
    let state = platform.state();
    assert_eq!(state.trigger_configurations.len(), 1);
    let configuration = state.trigger_configurations[0]["uuid"].as_str().unwrap().to_owned();
    let stored = &state.playbooks[&remote];
    assert_eq!(stored["content"]["nodes"]["0"]["trigger_configuration_uuid"], json!(configuration));
    assert_eq!(stored["trigger_configurations"], json!([{ "uuid": configuration, "trigger_uuid": MANUAL_TRIGGER }]));
    assert_eq!(stored["status"], "enabled");
    let emitted = state.seen.iter().find(|s| s.method == "POST" && s.path.contains("/trigger-configurations/")).unwrap();
    let body: Value = serde_json::from_str(&emitted.body).unwrap();
    assert_eq!((&body["event"], &body["playbook_uuid"]), (&json!({ "alert_uuid": "A-1" }), &json!(remote)));
    let name = body["name"].as_str().unwrap().to_owned();
    assert!(state.seen.iter().any(|s| s.path.contains("match%5Bevent%5D=") || s.path.contains("match[event]=")), "the run is found by its event name");
    drop(state);

    // Recorded under the local playbook, with the payload as the event and the name kept.
    let runs = studio.runs(Some(&id)).unwrap();
    assert_eq!((runs[0].origin.as_str(), runs[0].status.as_str()), ("platform", "failed"));
    assert_eq!(runs[0].event_name.as_deref(), Some(name.as_str()));
    assert_eq!(runs[0].event, json!({ "alert_uuid": "A-1" }));
    let code = studio.run_code(&outcome.run_id).unwrap();
    assert_eq!(code["node"]["1"], json!({ "node": "1" }), "results come from /node-runs/{{uuid}}");
    let view = studio.run_view(&outcome.run_id).unwrap();
    let platform_details = view.node_runs[1].details.clone().expect("platform details kept");
    assert_eq!((platform_details["iteration"].clone(), platform_details["parent_node_run_id"].clone()), (json!(0), json!(0)));
    assert!(platform_details["running_at"].is_string() && platform_details["uuid"].is_string(), "{platform_details}");

    // Only the failed action again: the same run, updated in place.
    let mut rerun_events = Vec::new();
    let rerun = studio.rerun_on_platform(&outcome.run_id, true, true, &mut |e| rerun_events.push(e.clone())).unwrap();
    assert_eq!((rerun.run_id.as_str(), rerun.status), (outcome.run_id.as_str(), RunStatus::Succeeded));
    assert!(rerun_events.iter().any(|e| matches!(e, RunEvent::Notice { message } if message.contains("in place"))));
    assert_eq!(studio.store().run(&outcome.run_id).unwrap().status, RunStatus::Succeeded);
    assert_eq!(studio.store().node_runs(&outcome.run_id).unwrap().len(), 3, "the node runs of the first attempt were replaced");
    assert_eq!(platform.state().runs.len(), 1, "no new run on the platform");

    let again = studio.run_on_platform(RemoteRunRequest { playbook: id.clone(), event: json!({}), follow: false, trigger: None }, &mut |_| {}).unwrap();
    assert_eq!(again.status, RunStatus::Running);
    assert_eq!(platform.state().trigger_configurations.len(), 1, "the trigger configuration is reused");

    let listed = studio.platform_runs(&id).unwrap();
    assert_eq!(listed.len(), 2);
    let view = studio.platform_run_view(&again.run_id).unwrap();
    assert_eq!(view.run.origin, "platform");
}

#[test]
fn a_playbook_switched_off_after_errors_says_so_and_its_logs_tell_why() {
    let (_dir, mut studio, _vault, platform, id) = logged_in();
    studio.push_playbook(&id).unwrap();
    for _ in 0..5 {
        platform.state().failing.insert("1".into());
        let run = studio.run_on_platform(RemoteRunRequest { playbook: id.clone(), event: json!({}), follow: true, trigger: None }, &mut |_| {}).unwrap();
        assert_eq!(run.status, RunStatus::Failed);
    }
    let status = studio.platform_playbook_status(&id).unwrap();
    assert!(!status.active);
    assert_eq!(status.status_message.as_deref(), Some("deactivated after 5 consecutive technical errors"));
    let logs = studio.platform_logs(&id, 50).unwrap();
    assert!(logs.iter().any(|l| l.level == "critical" && l.message.contains("deactivated")), "{logs:?}");
    assert!(logs.iter().any(|l| l.source != "playbook" && l.message.contains("event")), "trigger logs are read too: {logs:?}");

    // Running it again switches it on, saying what it was.
    let mut notices = Vec::new();
    let run = studio
        .run_on_platform(RemoteRunRequest { playbook: id.clone(), event: json!({}), follow: true, trigger: None }, &mut |e| {
            if let RunEvent::Notice { message } = e {
                notices.push(message.clone())
            }
        })
        .unwrap();
    assert_eq!(run.status, RunStatus::Succeeded);
    assert!(notices.iter().any(|n| n.contains("deactivated after 5 consecutive technical errors")), "{notices:?}");
    assert!(!studio.platform_set_active(&id, false).unwrap().active);
}

#[test]
fn a_playbook_that_cannot_run_explains_itself_before_anything_is_sent() {
    let (_dir, mut studio, _vault, platform, id) = logged_in();
    let remote = studio.push_playbook(&id).unwrap().remote_uuid;
    // The platform accepts the activation but cannot start the trigger: the playbook stays off.
    platform.state().refuse_activation = Some("the trigger's module configuration has no API key".into());
    let err = studio.run_on_platform(RemoteRunRequest { playbook: id.clone(), event: json!({}), follow: true, trigger: None }, &mut |_| {}).unwrap_err();
    assert_eq!(err.to_string(), format!("playbook {remote} is off on the platform (status disabled): the trigger's module configuration has no API key; nothing was sent"));
    // Or refuses it outright.
    platform.fault(Fault { method: Some("POST"), ..Fault::status(&format!("/playbooks/{remote}/activate"), 400) });
    let err = studio.run_on_platform(RemoteRunRequest { playbook: id.clone(), event: json!({}), follow: true, trigger: None }, &mut |_| {}).unwrap_err();
    assert!(err.to_string().contains("400"), "{err}");
    assert!(!platform.calls().iter().any(|(m, p)| m == "POST" && p.starts_with("/trigger-configurations/")), "no event was emitted");
}

#[test]
fn a_playbook_with_two_triggers_runs_from_the_one_chosen() {
    let (_dir, mut studio, _vault, platform, _id) = logged_in();
    let mut doc = playbook();
    doc["uuid"] = json!("7d3c1f52-0000-4000-8000-00000000a002");
    doc["nodes"]["3"] = json!({ "type": "trigger", "name": "Alert created", "module_uuid": MANUAL_MODULE, "trigger_uuid": "785583cf-4377-43ce-a5fb-f4572eb57456", "outputs": { "default": ["2"] } });
    let id = studio.import_playbook(doc.to_string().as_bytes(), "two").unwrap().record.id;
    studio.push_playbook(&id).unwrap();
    let err = studio.run_on_platform(RemoteRunRequest { playbook: id.clone(), event: json!({}), follow: true, trigger: None }, &mut |_| {}).unwrap_err();
    assert!(err.to_string().contains("2 triggers") && err.to_string().contains("--trigger"), "{err}");
    let run = studio.run_on_platform(RemoteRunRequest { playbook: id.clone(), event: json!({ "x": 1 }), follow: true, trigger: Some("3".into()) }, &mut |_| {}).unwrap();
    let ran: Vec<&str> = run.node_runs.iter().map(|n| n.node_id.as_str()).collect();
    assert_eq!(ran, vec!["3", "2"], "started from trigger 3 only");
    assert_eq!(platform.state().trigger_configurations[0]["trigger_uuid"], "785583cf-4377-43ce-a5fb-f4572eb57456");
}

#[test]
fn several_true_outputs_all_run_and_all_false_stops_there() {
    let (_dir, mut studio, _vault, platform, _id) = logged_in();
    let mut doc = playbook();
    doc["uuid"] = json!("7d3c1f52-0000-4000-8000-00000000a003");
    doc["nodes"]["1"]["outputs"] = json!({ "found": ["2"], "new": ["4"] });
    doc["nodes"]["4"] = json!({ "type": "action", "name": "Tag", "module_uuid": MANUAL_MODULE, "action_uuid": "8d189665-5401-4098-8d60-944de9a6199c", "arguments": {}, "outputs": { "default": [] } });
    let id = studio.import_playbook(doc.to_string().as_bytes(), "branches").unwrap().record.id;
    studio.push_playbook(&id).unwrap();
    platform.state().outputs.insert("1".into(), json!({ "found": true, "new": true }));
    let run = studio.run_on_platform(RemoteRunRequest { playbook: id.clone(), event: json!({}), follow: true, trigger: None }, &mut |_| {}).unwrap();
    let mut ran: Vec<&str> = run.node_runs.iter().map(|n| n.node_id.as_str()).collect();
    ran.sort();
    assert_eq!(ran, vec!["0", "1", "2", "4"]);
    assert_eq!(run.node_runs.iter().find(|n| n.node_id == "1").unwrap().branches(), vec!["found", "new"]);

    platform.state().outputs.insert("1".into(), json!({ "found": false, "new": false }));
    let run = studio.run_on_platform(RemoteRunRequest { playbook: id, event: json!({}), follow: true, trigger: None }, &mut |_| {}).unwrap();
    let one = run.node_runs.iter().find(|n| n.node_id == "1").unwrap();
    assert_eq!((one.status.as_str(), run.node_runs.len()), ("left", 2), "stopped at node 1 (orange)");
}

#[test]
fn a_pending_run_reruns_in_place_and_every_failed_run_can_be_rerun_at_once() {
    let (_dir, mut studio, _vault, platform, id) = logged_in();
    studio.push_playbook(&id).unwrap();
    let run = studio.run_on_platform(RemoteRunRequest { playbook: id.clone(), event: json!({}), follow: true, trigger: None }, &mut |_| {}).unwrap();
    platform.make_pending(&run.run_id);
    let rerun = studio.rerun_on_platform(&run.run_id, true, true, &mut |_| {}).unwrap();
    assert_eq!((rerun.run_id.as_str(), rerun.status), (run.run_id.as_str(), RunStatus::Succeeded));

    platform.state().failing.insert("2".into());
    let failed = studio.run_on_platform(RemoteRunRequest { playbook: id.clone(), event: json!({}), follow: true, trigger: None }, &mut |_| {}).unwrap();
    assert_eq!(failed.status, RunStatus::Failed);
    assert_eq!(studio.rerun_failed_on_platform(&id).unwrap(), 1);
    assert!(platform.calls().iter().any(|(m, p)| m == "POST" && p.ends_with("/re-run-failed")));
    let view = studio.platform_run_view(&failed.run_id).unwrap();
    assert!(matches!(view.run.status, RunStatus::Running | RunStatus::Succeeded), "the failed run was restarted in place: {:?}", view.run.status);
}

#[test]
fn node_runs_come_in_every_shape_the_platform_sends() {
    use studio_platform::node_runs_from;
    let map_of_lists = node_runs_from(json!({ "0": [{ "uuid": "a", "status": "finished" }], "3": [{ "uuid": "b", "status": "finished" }, { "uuid": "c", "status": "finished" }] })).unwrap();
    assert_eq!(map_of_lists.iter().map(|n| (n.node_id.as_str(), n.uuid.as_deref().unwrap())).collect::<Vec<_>>(), vec![("0", "a"), ("3", "b"), ("3", "c")]);
    let map_of_entries = node_runs_from(json!({ "2": { "uuid": "d", "status": "finished", "error": "boom" } })).unwrap();
    assert!(map_of_entries[0].failed() && map_of_entries[0].node_id == "2");
    let page = node_runs_from(json!({ "items": [{ "node_id": 5, "status": "running" }], "total": 1 })).unwrap();
    assert_eq!(page[0].node_id, "5");
    let list = node_runs_from(json!([{ "node_id": "6", "status": "finished" }])).unwrap();
    assert_eq!(list[0].node_id, "6");
    assert!(node_runs_from(json!([{ "status": "finished" }])).unwrap_err().contains("without a node_id"));
}

#[test]
fn a_playbook_never_pushed_cannot_run_remotely_and_the_error_says_what_to_do() {
    let (_dir, mut studio, _vault, _platform, id) = logged_in();
    let err = studio.run_on_platform(RemoteRunRequest { playbook: id.clone(), event: json!({}), follow: true, trigger: None }, &mut |_| {}).unwrap_err();
    assert!(err.to_string().contains("push it first"), "{err}");
}

#[test]
fn a_succeeded_run_reruns_entirely_but_not_only_failed() {
    let (_dir, mut studio, _vault, _platform, id) = logged_in();
    studio.push_playbook(&id).unwrap();
    let run = studio.run_on_platform(RemoteRunRequest { playbook: id, event: json!({}), follow: true, trigger: None }, &mut |_| {}).unwrap();
    assert_eq!(run.status, RunStatus::Succeeded);
    assert_eq!(studio.rerun_on_platform(&run.run_id, true, true, &mut |_| {}).unwrap_err().code(), "refused");
    let again = studio.rerun_on_platform(&run.run_id, false, true, &mut |_| {}).unwrap();
    assert_eq!(again.status, RunStatus::Succeeded);
    assert_ne!(again.run_id, run.run_id, "a succeeded run rerun is a new run");
    assert_eq!(studio.store().run(&again.run_id).unwrap().rerun_of.as_deref(), Some(run.run_id.as_str()));
}

#[test]
fn transient_platform_trouble_during_a_follow_is_ridden_out() {
    let (_dir, mut studio, _vault, platform, id) = logged_in();
    studio.push_playbook(&id).unwrap();
    platform.fault(Fault { retry_after: Some("0".into()), ..Fault::status("/playbook-runs/", 429) });
    platform.fault(Fault::status("/playbook-runs/", 503));
    let run = studio.run_on_platform(RemoteRunRequest { playbook: id, event: json!({}), follow: true, trigger: None }, &mut |_| {}).unwrap();
    assert_eq!(run.status, RunStatus::Succeeded);
}

#[test]
fn the_check_gives_up_quickly_and_says_what_it_could_not_tell() {
    let (_dir, studio, _vault, platform, _id) = logged_in();
    for _ in 0..3 {
        platform.fault(Fault::status("/playbooks", 503));
    }
    let report = studio.platform_check().unwrap();
    let view = &report.permissions[0];
    assert_eq!((view.id.as_str(), view.granted), ("view_playbooks", false));
    assert!(view.detail.as_deref().unwrap().starts_with("could not tell: the platform answered 503"), "{:?}", view.detail);
    let tries = platform.calls().iter().filter(|(m, p)| m == "GET" && p == "/playbooks").count();
    assert_eq!(tries, 3, "login's probe once, then the check's probe tried twice");
}

#[test]
fn a_chosen_community_goes_with_new_playbooks() {
    let (_dir, mut studio, _vault, platform, id) = logged_in();
    assert_eq!(studio.set_platform_community(Some("not-a-uuid")).unwrap_err().code(), "invalid_input");
    studio.set_platform_community(Some("c0ffee00-0000-4000-8000-000000000042")).unwrap();
    studio.push_playbook(&id).unwrap();
    let sent = platform.seen().into_iter().find(|s| s.method == "POST" && s.path.ends_with("/playbooks")).unwrap();
    let body: Value = serde_json::from_str(&sent.body).unwrap();
    assert_eq!(body["playbook"]["community_uuid"], "c0ffee00-0000-4000-8000-000000000042");
    assert_eq!(body["playbook"]["name"], "Enrich alert");
}
