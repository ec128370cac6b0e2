//! `playbook test` as a user runs it: a playbook from a template ships with the template's
//! test; a succeeded mock run saved as a test passes; after the condition changes, the test
//! fails naming the block and both branches, and --junit writes a JUnit XML file; the tests
//! travel beside the exported playbook and come back on import.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn run(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_playbook")).arg("--home").arg(home).args(args).env_remove("PLAYBOOK_STUDIO_HOME").output().expect("run playbook")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn ok(o: Output) -> Output {
    assert!(o.status.success(), "{}\n{}", out(&o), String::from_utf8_lossy(&o.stderr));
    o
}

/// A succeeded mock run of the triage template (its own event and pins): its run id.
fn triage_run(home: &Path, id: &str) -> String {
    let shown: Value = serde_json::from_slice(&ok(run(home, &["templates", "show", "triage-high-urgency-alerts", "--json"])).stdout).unwrap();
    std::fs::write(home.join("event.json"), shown["event"].to_string()).unwrap();
    let mut args = vec!["run".to_owned(), id.to_owned(), "--event".into(), home.join("event.json").display().to_string(), "--mock".into(), "all".into(), "--json".into()];
    for (node, results) in shown["pins"].as_object().unwrap() {
        let file = home.join(format!("pin-{node}.json"));
        std::fs::write(&file, results.to_string()).unwrap();
        args.extend(["--pin".to_owned(), format!("{node}={}", file.display())]);
    }
    let ran: Value = serde_json::from_slice(&ok(run(home, &args.iter().map(String::as_str).collect::<Vec<_>>())).stdout).unwrap();
    assert_eq!(ran["status"], "succeeded");
    ran["run_id"].as_str().unwrap().to_owned()
}

#[test]
fn a_run_saved_as_a_test_passes_then_fails_on_another_branch_with_junit_and_travels_with_the_export() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let id = out(&ok(run(home, &["templates", "create", "triage-high-urgency-alerts", "--name", "Triage"]))).trim().to_owned();
    let run_id = triage_run(home, &id);

    let added = out(&ok(run(home, &["test", "add", &run_id, "--name", "urgent alert gets a comment"])));
    assert!(added.contains("added the test “urgent alert gets a comment”"), "{added}");
    let passed = ok(run(home, &["test", &id]));
    assert!(out(&passed).contains("PASS  urgent alert gets a comment") && out(&passed).contains("PASS  the template's sample") && out(&passed).contains("2 passed, 0 failed"), "{}", out(&passed));

    // The exported playbook carries its tests beside it.
    let exported = home.join("triage.json");
    ok(run(home, &["export", &id, "--out", exported.to_str().unwrap()]));
    let tests_file: Value = serde_json::from_str(&std::fs::read_to_string(home.join("triage.tests.json")).unwrap()).unwrap();
    assert_eq!(tests_file["format"], "playbook-studio-tests/1");
    let saved = tests_file["tests"].as_array().unwrap().iter().find(|t| t["name"] == "urgent alert gets a comment").expect("the saved test").clone();
    assert_eq!(saved["expect"]["nodes"]["2"]["branch"], "Urgent", "{tests_file}");

    // The threshold goes above any urgency: the condition takes `else`.
    let mut doc: Value = serde_json::from_slice(&std::fs::read(&exported).unwrap()).unwrap();
    doc["nodes"]["2"]["cases"][0]["right"] = Value::String("{{ 101 }}".into());
    std::fs::write(&exported, doc.to_string()).unwrap();
    let junit = home.join("junit.xml");
    let failed = run(home, &["test", exported.to_str().unwrap(), "--junit", junit.to_str().unwrap()]);
    assert_eq!(failed.status.code(), Some(1), "{}", out(&failed));
    let text = out(&failed);
    assert!(text.contains("FAIL  urgent alert gets a comment"), "{text}");
    assert!(text.contains("“Urgency 70 or more?” (2): expected the branch `Urgent`, took `else` (left)"), "{text}");
    assert!(text.contains("“Ask for a pickup” (3): expected succeeded, was not reached"), "{text}");

    let xml = std::fs::read_to_string(&junit).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut cases, mut failures) = (0, 0);
    loop {
        match reader.read_event().expect("well-formed JUnit XML") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) if e.name().0 == "testcase" => cases += 1,
            quick_xml::events::Event::Start(e) if e.name().0 == "failure" => failures += 1,
            _ => {}
        }
    }
    assert_eq!((cases, failures), (2, 1), "{xml}");

    // Imported into another home, the playbook comes with its tests (which now fail: the
    // file holds the changed threshold).
    let other = tempfile::tempdir().unwrap();
    let imported = ok(run(other.path(), &["import", exported.to_str().unwrap()]));
    assert!(String::from_utf8_lossy(&imported.stderr).contains("2 tests imported"), "{}", String::from_utf8_lossy(&imported.stderr));
    let again = run(other.path(), &["test", &id, "--json"]);
    assert_eq!(again.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!((report["passed"].clone(), report["failed"].clone()), (Value::from(1), Value::from(1)));
    let failing = report["results"].as_array().unwrap().iter().find(|r| r["passed"] == false).unwrap().clone();
    assert_eq!((failing["name"].clone(), failing["failures"][0]["what"].clone()), (Value::from("urgent alert gets a comment"), Value::from("branch")));
}

#[test]
fn a_playbook_without_tests_or_with_a_broken_tests_file_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let playbook = serde_json::json!({"uuid": "0b0f7bd8-7c4a-4a4f-9d43-2f1f0c6a1a77", "name": "Untested", "nodes": {
        "0": {"type": "trigger", "name": "Manual", "module_uuid": "92d8bb47-7c51-445d-81de-ae04edbb6f0a", "trigger_uuid": "fc26eb9f-b272-4c15-b3bf-ace397c0dc57", "outputs": {"default": []}}
    }});
    std::fs::write(home.join("untested.json"), playbook.to_string()).unwrap();
    let id = out(&ok(run(home, &["import", home.join("untested.json").to_str().unwrap()]))).trim().to_owned();
    let none = run(home, &["test", &id]);
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("no test to run"));
    let broken = home.join("broken.tests.json");
    std::fs::write(&broken, "{\"format\": \"playbook-studio-tests/1\",\n \"tests\": [ }").unwrap();
    let refused = run(home, &["test", &id, "--tests", broken.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("line 2, column"), "{}", String::from_utf8_lossy(&refused.stderr));
}
