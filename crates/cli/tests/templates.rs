//! `playbook templates …` as a user runs it: list with a tag and a search, show a template's
//! test event, create a playbook from one and run it green with that event, save a playbook
//! as a template of one's own and delete it.

use serde_json::Value;
use std::process::{Command, Output};

fn run(home: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_playbook")).arg("--home").arg(home).args(args).env_remove("PLAYBOOK_STUDIO_HOME").output().expect("run playbook")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn list_by_tag_as_json_gives_only_templates_with_that_tag() {
    let home = tempfile::tempdir().unwrap();
    let out = run(home.path(), &["templates", "list", "--tag", "webhook", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let listed: Value = serde_json::from_slice(&out.stdout).unwrap();
    let templates = listed["templates"].as_array().unwrap();
    assert!(templates.len() >= 5, "{listed}");
    for t in templates {
        assert!(t["tags"].as_array().unwrap().iter().any(|tag| tag == "webhook"), "{t}");
        for key in ["slug", "name", "description", "nodes"] {
            assert!(!t[key].is_null(), "{key} in {t}");
        }
    }
    let all: Value = serde_json::from_slice(&run(home.path(), &["templates", "list", "--json"]).stdout).unwrap();
    assert!(all["templates"].as_array().unwrap().len() > templates.len());
    let searched = stdout(&run(home.path(), &["templates", "list", "--search", "URGENCY band"]));
    assert!(searched.contains("route-alerts-by-urgency-band"), "{searched}");
    assert_eq!(searched.lines().count(), 1, "{searched}");
}

#[test]
fn a_playbook_created_from_a_template_runs_green_with_the_template_event() {
    let home = tempfile::tempdir().unwrap();
    let event = run(home.path(), &["templates", "show", "notify-webhook-on-alert", "--event"]);
    assert!(out_ok(&event));
    let event: Value = serde_json::from_slice(&event.stdout).unwrap();
    assert!(event.is_object() && !event.as_object().unwrap().is_empty(), "{event}");

    let created = run(home.path(), &["templates", "create", "notify-webhook-on-alert", "--name", "Team chat"]);
    assert!(out_ok(&created));
    let id = stdout(&created).trim().to_owned();
    let listed = stdout(&run(home.path(), &["list"]));
    assert!(listed.contains("Team chat"), "{listed}");

    // Its test event and pinned results (from `show --json`) make a local run succeed offline.
    let shown: Value = serde_json::from_slice(&run(home.path(), &["templates", "show", "notify-webhook-on-alert", "--json"]).stdout).unwrap();
    let event_file = home.path().join("event.json");
    std::fs::write(&event_file, event.to_string()).unwrap();
    let mut args = vec!["run".to_owned(), id.clone(), "--event".into(), event_file.display().to_string(), "--json".into()];
    for (node, results) in shown["pins"].as_object().unwrap() {
        let file = home.path().join(format!("pin-{node}.json"));
        std::fs::write(&file, results.to_string()).unwrap();
        args.extend(["--pin".to_owned(), format!("{node}={}", file.display())]);
    }
    let ran = run(home.path(), &args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(out_ok(&ran), "{}", stdout(&ran));
    assert!(stdout(&ran).contains("\"succeeded\""), "{}", stdout(&ran));

    let unknown = run(home.path(), &["templates", "create", "no-such-template"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no template “no-such-template”"));

    let saved = run(home.path(), &["templates", "save", &id, "--tag", "Chat", "--name", "Our chat alert"]);
    assert!(out_ok(&saved));
    assert_eq!(stdout(&saved).trim(), "our-chat-alert");
    let mine = stdout(&run(home.path(), &["templates", "list", "--tag", "chat"]));
    assert!(mine.contains("our-chat-alert") && mine.contains("(yours)"), "{mine}");
    assert!(home.path().join("templates/our-chat-alert.json").is_file());
    assert!(out_ok(&run(home.path(), &["templates", "delete", "our-chat-alert"])));
    assert!(!stdout(&run(home.path(), &["templates", "list"])).contains("our-chat-alert"));
    let builtin = run(home.path(), &["templates", "delete", "notify-webhook-on-alert"]);
    assert_eq!(builtin.status.code(), Some(1));
}

fn out_ok(o: &Output) -> bool {
    if !o.status.success() {
        eprintln!("stderr: {}", String::from_utf8_lossy(&o.stderr));
    }
    o.status.success()
}
