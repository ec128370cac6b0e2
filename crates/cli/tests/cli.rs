//! The `playbook` binary's contract, run as a user would: real files, a real store in a
//! temporary home, exit codes and output.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Env {
    home: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        Self { home: tempfile::tempdir().unwrap() }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_playbook")).arg("--home").arg(self.home.path()).args(args).env_remove("PLAYBOOK_STUDIO_HOME").output().expect("run playbook")
    }

    fn file(&self, name: &str, content: &[u8]) -> PathBuf {
        let path = self.home.path().join(name);
        std::fs::write(&path, content).unwrap();
        path
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn valid_playbook() -> Value {
    json!({
        "uuid": "0b0f7bd8-7c4a-4a4f-9d43-2f1f0c6a1a01",
        "name": "Comment new alerts",
        "description": "Adds a comment to each new alert",
        "nodes": {
            "0": {"type": "trigger", "name": "Alert Created", "module_uuid": "92d8bb47-7c51-445d-81de-ae04edbb6f0a",
                  "trigger_uuid": "785583cf-4377-43ce-a5fb-f4572eb57456", "outputs": {"default": ["1"]}},
            "1": {"type": "action", "name": "Get alert", "module_uuid": "92d8bb47-7c51-445d-81de-ae04edbb6f0a",
                  "action_uuid": "8d189665-5401-4098-8d60-944de9a6199a",
                  "arguments": {"uuid": "{{ node.0.alert_uuid }}"}, "outputs": {"default": []}}
        }
    })
}

#[test]
fn bad_inputs_exit_1_naming_the_problem() {
    let env = Env::new();
    let mut dangling = valid_playbook();
    dangling["nodes"]["1"]["outputs"]["default"] = json!(["42"]);
    let mut cycle = valid_playbook();
    cycle["nodes"]["1"]["outputs"]["default"] = json!(["1"]);
    let mut bad_type = valid_playbook();
    bad_type["nodes"]["1"]["type"] = json!("plugin");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated.json", valid_playbook().to_string().as_bytes()[..60].to_vec(), "invalid JSON"),
        ("empty.json", Vec::new(), "the file is empty"),
        ("latin1.json", b"{\"name\": \"caf\xe9\"}".to_vec(), "not valid UTF-8"),
        ("array.json", br#"{"name": "n", "nodes": []}"#.to_vec(), "`nodes` must be an object"),
        ("dangling.json", dangling.to_string().into_bytes(), "target \"42\" is not a node"),
        ("cycle.json", cycle.to_string().into_bytes(), "cycle"),
        ("type.json", bad_type.to_string().into_bytes(), "unknown node type `plugin`"),
    ];
    for (name, content, expected) in cases {
        let path = env.file(name, &content);
        for command in ["validate", "import"] {
            let out = env.run(&[command, s(&path)]);
            assert_eq!(out.status.code(), Some(1), "{command} {name}: {}", stderr(&out));
            assert!(stderr(&out).contains(expected), "{command} {name}: expected `{expected}` in {}", stderr(&out));
            assert!(stderr(&out).starts_with(&format!("{}: ", path.display())), "{}", stderr(&out));
        }
    }
    let listed = env.run(&["list", "--json"]);
    assert_eq!(serde_json::from_slice::<Value>(&listed.stdout).unwrap(), json!([]), "nothing invalid was stored");
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::new();
    assert_eq!(env.run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(env.run(&["validate"]).status.code(), Some(2));
    assert_eq!(env.run(&["restore", "id", "not-a-number"]).status.code(), Some(2));
    assert_eq!(env.run(&["--help"]).status.code(), Some(0));
}

#[test]
fn import_export_history_restore() {
    let env = Env::new();
    let mut doc = valid_playbook();
    let path = env.file("pb.json", doc.to_string().as_bytes());
    let out = env.run(&["import", s(&path)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let id = stdout(&out).lines().last().unwrap().to_owned();
    assert_eq!(id, "0b0f7bd8-7c4a-4a4f-9d43-2f1f0c6a1a01");

    doc["name"] = json!("Comment new alerts v2");
    std::fs::write(&path, doc.to_string()).unwrap();
    assert!(env.run(&["import", s(&path)]).status.success());

    let history: Value = serde_json::from_slice(&env.run(&["history", &id, "--json"]).stdout).unwrap();
    assert_eq!(history.as_array().unwrap().len(), 2);
    assert_eq!(history[0]["version"], 2);

    let restore = env.run(&["restore", &id, "1"]);
    assert!(restore.status.success(), "{}", stderr(&restore));
    let out_path = env.home.path().join("out.json");
    assert!(env.run(&["export", &id, "--out", s(&out_path)]).status.success());
    let exported: Value = serde_json::from_slice(&std::fs::read(&out_path).unwrap()).unwrap();
    assert_eq!(exported, valid_playbook(), "version 1 is back");

    let list: Value = serde_json::from_slice(&env.run(&["list", "--json"]).stdout).unwrap();
    assert_eq!(list[0]["name"], "Comment new alerts");
    assert_eq!(list[0]["version"], 3);

    let missing = env.run(&["export", "no-such-id"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("no playbook with id no-such-id"));
    let shown = env.run(&["show", &id]);
    assert!(stdout(&shown).contains("Get alert"), "{}", stdout(&shown));
}

#[test]
fn a_playbook_without_uuid_gets_one_and_keeps_it() {
    let env = Env::new();
    let mut doc = valid_playbook();
    doc.as_object_mut().unwrap().remove("uuid");
    let path = env.file("nouuid.json", doc.to_string().as_bytes());
    let out = env.run(&["import", s(&path)]);
    let id = stdout(&out).trim().to_owned();
    assert_eq!(id.len(), 36, "a fresh uuid: {id}");
    let exported: Value = serde_json::from_slice(&env.run(&["export", &id]).stdout).unwrap();
    assert_eq!(exported["uuid"], json!(id));
}

#[test]
fn shared_templates_validate_and_round_trip_through_the_store() {
    let Some(fixtures) = studio_testkit::sekoia_fixtures() else { return };
    let env = Env::new();
    let catalog = env.run(&["catalog", "import", s(&fixtures.join("automation-library"))]);
    assert!(catalog.status.success(), "{}", stderr(&catalog));
    let files = studio_testkit::json_files(&fixtures.join("templates"));
    assert_eq!(files.len(), 26);
    let names: Vec<&str> = files.iter().map(|f| s(f)).collect();
    let mut args = vec!["validate"];
    args.extend(&names);
    let out = env.run(&args);
    // Two public templates read blocks they no longer have (the platform fails them when
    // they run): exactly those are errors; every other template validates.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let errors: Vec<String> = stderr(&out).lines().map(|l| l.rsplit('/').next().unwrap_or(l).to_owned()).collect();
    assert_eq!(
        errors,
        vec![
            "CrowdSec_alert_enrichment.json: line 1, column 37: node 9: arguments.content: `node.1`: this playbook has no block 1",
            "Enrich_alerts_with_AbuseIPDB.json: line 1, column 57: node 7: arguments.content: `node.9`: this playbook has no block 9",
            "Enrich_alerts_with_AbuseIPDB.json: line 9, column 63: node 7: arguments.content: `node.9`: this playbook has no block 9",
        ]
    );
    assert_eq!(stdout(&out).lines().filter(|l| l.ends_with("valid (0 warnings)") || l.contains(": valid (")).count(), 24);

    let mut args = vec!["import"];
    args.extend(&names);
    let out = env.run(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let ids: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert_eq!(ids.len(), 26);
    for (file, id) in files.iter().zip(&ids) {
        let original: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
        let exported = env.run(&["export", id]);
        let exported: Value = serde_json::from_slice(&exported.stdout).unwrap();
        assert_eq!(exported, original, "{} round-trips losslessly", file.display());
    }
}

#[test]
fn catalog_import_reports_broken_modules_and_keeps_the_others() {
    let env = Env::new();
    let lib = env.home.path().join("lib");
    std::fs::create_dir_all(lib.join("Ok")).unwrap();
    std::fs::create_dir_all(lib.join("Broken")).unwrap();
    std::fs::write(lib.join("Ok/manifest.json"), r#"{"uuid": "11111111-0000-0000-0000-000000000001", "name": "Okay", "slug": "okay"}"#).unwrap();
    std::fs::write(lib.join("Ok/action_ping.json"), r#"{"uuid": "11111111-0000-0000-0000-0000000000a1", "name": "Ping", "arguments": {}, "results": {}}"#).unwrap();
    std::fs::write(lib.join("Broken/manifest.json"), r#"{"uuid": 12, "name": "Broken"}"#).unwrap();
    let out = env.run(&["catalog", "import", s(&lib)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(&format!("{}: uuid: expected a string, found a number", lib.join("Broken/manifest.json").display())), "{}", stderr(&out));
    assert!(stdout(&out).contains("imported Okay"));

    let list: Value = serde_json::from_slice(&env.run(&["catalog", "list", "--json"]).stdout).unwrap();
    let modules = list["modules"].as_array().unwrap();
    let okay = modules.iter().find(|m| m["name"] == "Okay").expect("Okay module listed");
    assert_eq!(okay["actions"][0]["name"], "Ping");
    assert_eq!(okay["slug"], "okay");
    let sekoia = modules.iter().find(|m| m["uuid"] == "92d8bb47-7c51-445d-81de-ae04edbb6f0a").expect("built-in Sekoia.io");
    assert!(sekoia["triggers"].as_array().unwrap().iter().any(|t| t["name"] == "Manual Trigger"));
}

#[test]
fn a_20_mb_argument_validates() {
    let env = Env::new();
    let mut doc = valid_playbook();
    doc["nodes"]["1"]["arguments"]["blob"] = json!("x".repeat(20 * 1024 * 1024));
    let path = env.file("big.json", doc.to_string().as_bytes());
    let out = env.run(&["validate", s(&path)]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn kill_9_during_imports_leaves_a_sound_store() {
    let env = Env::new();
    let mut files = Vec::new();
    for i in 0..300 {
        let mut doc = valid_playbook();
        doc["uuid"] = json!(format!("0b0f7bd8-7c4a-4a4f-9d43-{i:012}"));
        files.push(env.file(&format!("p{i}.json"), doc.to_string().as_bytes()));
    }
    for delay_ms in [30u64, 80, 150] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_playbook"))
            .arg("--home")
            .arg(env.home.path())
            .arg("import")
            .args(&files)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let store = studio_store::Store::open(&env.home.path().join("studio.db")).expect("the store opens after a kill");
        assert_eq!(store.integrity_check().unwrap(), Vec::<String>::new());
        for record in store.list_playbooks().unwrap() {
            assert_eq!(store.history(&record.id).unwrap().len() as u32, record.version, "head and versions agree for {}", record.id);
        }
    }
    assert!(env.run(&["list"]).status.success());
}

#[test]
fn jinja_renders_like_the_platform() {
    let env = Env::new();
    let data = env.file("data.json", br#"{"node": {"0": {"alert_uuid": "a-1"}, "2": {"urgency": {"current_value": 72}, "tags": ["x", "y"]}}}"#);
    let out = env.run(&["jinja", "--template", "{{ node.0.alert_uuid }} {{ node.2.tags }} {{ node.2.urgency.current_value >= 70 }}", "--data", s(&data)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "a-1 ['x', 'y'] True", "exactly the output, no newline added");

    let out = env.run(&["jinja", "--template", "{{ 1 / 0 }}"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "line 1, column 4: division by zero\n");

    let out = env.run(&["jinja", "--template", "{{ missing }}", "--strict", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["error"]["kind"], "undefined");
    assert_eq!(v["error"]["line"], 1);

    let out = env.run(&["jinja", "--template", "{{ x|upper }}", "--data", s(&env.file("d.json", br#"{"x": "ok"}"#)), "--json"]);
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap(), json!({"ok": true, "output": "OK", "typed": true, "value": "OK"}), "one expression: its typed value too");

    let bad = env.run(&["jinja", "--template", "x", "--data", s(&env.file("bad.json", b"[1, 2"))]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("bad.json") && stderr(&bad).contains("invalid JSON"), "{}", stderr(&bad));
    assert_eq!(env.run(&["jinja"]).status.code(), Some(2), "a template is required");
}

/// The Jinja mistakes a designer must catch before a run: each reported with its block,
/// field and position, errors exit 1, and `--json` gives the same list.
#[test]
fn validate_reports_jinja_mistakes_with_block_field_and_position() {
    let env = Env::new();
    let sekoia = "92d8bb47-7c51-445d-81de-ae04edbb6f0a";
    let get_alert = "8d189665-5401-4098-8d60-944de9a6199a";
    let playbook = serde_json::json!({
        "uuid": "0b0b0b0b-0000-4000-8000-000000000014", "name": "Mistakes",
        "nodes": {
            "0": { "type": "trigger", "name": "Manual", "module_uuid": sekoia, "trigger_uuid": "fc26eb9f-b272-4c15-b3bf-ace397c0dc57", "outputs": { "default": ["1"] } },
            "1": { "type": "action", "name": "Get Alert", "module_uuid": sekoia, "action_uuid": get_alert, "outputs": { "default": ["2"] },
                   "arguments": { "uuid": "{{ node.0.alert_uuid | }}", "stix": "{{ node.2.short_id }}" } },
            "2": { "type": "action", "name": "Get Alert again", "module_uuid": sekoia, "action_uuid": get_alert, "outputs": { "default": [] },
                   "arguments": { "uuid": "{{ node.1.uuid | nosuchfilter }}", "extra": { "deep": ["x", "{{ node.9.foo }}"] }, "note": "{{ nodes.0.y }}",
                                  "short": "{{ node.1.shortid }}", "saved": "{{ store.verdict }}", "open": "{{ node.0.short_id" } }
        }
    });
    let path = env.home.path().join("mistakes.json");
    std::fs::write(&path, playbook.to_string()).unwrap();
    let out = env.run(&["validate", s(&path)]);
    assert_eq!(out.status.code(), Some(1), "errors exit 1");
    let err = stderr(&out);
    for expected in [
        "line 1, column 24: node 1: arguments.uuid: Jinja: unexpected end of variable block",
        "line 1, column 4: node 1: arguments.stix: `node.2`: “Get Alert again” (2) is not upstream of “Get Alert” (1): it cannot have run before it",
        "line 1, column 18: node 2: arguments.uuid: Jinja: No filter named 'nosuchfilter'.",
        "line 1, column 4: node 2: arguments.extra.deep[1]: `node.9`: this playbook has no block 9",
        "line 1, column 4: node 2: arguments.note: Jinja: unknown variable `nodes` (did you mean `node`?): a playbook's Jinja sees `node` and `store`",
        "line 1, column 11: node 2: arguments.open: Jinja: unexpected end of input",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    let warnings = stdout(&out);
    assert!(warnings.contains("node 2: arguments.short: warning: `node.1.shortid`: “Get Alert” (1) lists no result `shortid` (did you mean `short_id`?)"), "{warnings}");
    assert!(warnings.contains("node 2: arguments.saved: warning: `store.verdict` is never set by a Store block upstream of “Get Alert again” (2)"), "{warnings}");

    let json = env.run(&["--json", "validate", s(&path)]);
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    let listed = report[0]["diagnostics"].as_array().unwrap();
    let first = listed.iter().find(|d| d["field"] == "arguments.note").unwrap();
    assert_eq!((&first["node"], &first["severity"], &first["line"], &first["column"]), (&serde_json::json!("2"), &serde_json::json!("error"), &serde_json::json!(1), &serde_json::json!(4)));
    assert_eq!(listed.iter().filter(|d| d["severity"] == "error").count(), 6);
}
