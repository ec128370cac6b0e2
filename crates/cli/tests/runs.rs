//! `playbook run`, `rerun`, `runs`, `run-show` as a user runs them: the store records the
//! runs, reruns reuse what succeeded, a killed run is marked interrupted.

use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::{Command, Output};
use studio_testkit::http::serve;

struct Home(tempfile::TempDir);

impl Home {
    fn new() -> Self {
        Self(tempfile::tempdir().unwrap())
    }

    fn cmd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_playbook"));
        c.arg("--home").arg(self.0.path()).env_remove("PLAYBOOK_STUDIO_HOME");
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    fn file(&self, name: &str, v: &Value) -> PathBuf {
        let p = self.0.path().join(name);
        std::fs::write(&p, v.to_string()).unwrap();
        p
    }
}

fn json_out(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}\n{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr)))
}

fn http(url: String, next: &[&str]) -> Value {
    json!({"type": "action", "name": "request", "module_uuid": "5894985f-91eb-46db-9306-cc5ac6463d3d",
           "action_uuid": "40bcf3c0-aa8b-4111-9b4e-f3caffccb4e5", "arguments": {"url": url, "method": "post", "json": {"alert": "{{ node.0.alert_uuid }}"}},
           "outputs": {"default": next}})
}

fn playbook(nodes: Value) -> Value {
    json!({"uuid": "7e1c2d3a-0000-4000-8000-00000000abcd", "name": "Enrich", "nodes": nodes})
}

fn trigger() -> Value {
    json!({"type": "trigger", "name": "Manual", "module_uuid": "92d8bb47-7c51-445d-81de-ae04edbb6f0a", "trigger_uuid": "fc26eb9f-b272-4c15-b3bf-ace397c0dc57", "outputs": {"default": ["1"]}})
}

#[test]
fn run_json_rerun_only_failed_and_code() {
    let server = serve(|_, path, nth| if path == "/flaky" && nth == 1 { (503, "{}".into()) } else { (200, r#"{"verdict": "clean"}"#.into()) });
    let home = Home::new();
    let pb = home.file("pb.json", &playbook(json!({"0": trigger(), "1": http(format!("{}/enrich", server.url), &["2"]), "2": http(format!("{}/flaky", server.url), &[])})));
    let event = home.file("event.json", &json!({"alert_uuid": "a-42"}));
    let out = home.run(&["run", pb.to_str().unwrap(), "--event", event.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(1), "the run failed");
    let first = json_out(&out);
    assert_eq!(first["status"], "failed");
    let nodes = first["node_runs"].as_array().unwrap();
    let keys: Vec<&str> = nodes[0].as_object().unwrap().keys().map(String::as_str).collect();
    for k in ["node_id", "status", "branch", "error", "arguments", "results", "mocked", "reused", "started_at", "finished_at"] {
        assert!(keys.contains(&k), "node run field {k}: {keys:?}");
    }
    assert_eq!(nodes.iter().find(|n| n["node_id"] == "1").unwrap()["arguments"]["json"], json!({"alert": "a-42"}));

    let run_id = first["run_id"].as_str().unwrap();
    let out = home.run(&["rerun", run_id, "--only-failed", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let second = json_out(&out);
    let reused = second["node_runs"].as_array().unwrap().iter().find(|n| n["node_id"] == "1").unwrap().clone();
    assert_eq!(reused["reused"], true);
    assert_eq!(server.paths(), vec!["/enrich", "/flaky", "/flaky"], "the succeeded action was not executed again");

    let runs = json_out(&home.run(&["runs", "--json"]));
    assert_eq!(runs.as_array().unwrap().len(), 2);
    assert_eq!(runs[0]["rerun_of"], json!(run_id));

    let code = json_out(&home.run(&["run-show", second["run_id"].as_str().unwrap(), "--code"]));
    assert_eq!(code["node"]["2"]["json"], json!({"verdict": "clean"}));
    assert_eq!(code["node"]["0"], json!({"alert_uuid": "a-42"}));
    assert_eq!(code["arguments"]["2"]["json"], json!({"alert": "a-42"}));

    // The CODE JSON is what the Jinja tester reads.
    let code_file = home.file("code.json", &code);
    let out = home.run(&["jinja", "--template", "{{ node.2.json.verdict | upper }}", "--data", code_file.to_str().unwrap()]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "CLEAN");

    let refused = home.run(&["rerun", second["run_id"].as_str().unwrap(), "--only-failed"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("nothing failed to rerun"));
}

#[test]
fn pins_and_mock_modes() {
    let home = Home::new();
    let unknown = json!({"type": "action", "name": "Isolate host", "module_uuid": "11111111-2222-4333-8444-555555555555",
                         "action_uuid": "11111111-2222-4333-8444-666666666666", "arguments": {}, "outputs": {"default": []}});
    let pb = home.file("pb.json", &playbook(json!({"0": trigger(), "1": unknown})));
    let none = home.run(&["run", pb.to_str().unwrap(), "--mock", "none"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stdout).contains("no native runner for `Isolate host`"), "{}", String::from_utf8_lossy(&none.stdout));

    let pin = home.file("pin.json", &json!({"isolated": true}));
    let pinned = json_out(&home.run(&["run", pb.to_str().unwrap(), "--mock", "none", "--pin", &format!("1={}", pin.display()), "--json"]));
    assert_eq!(pinned["status"], "succeeded");
    let node = pinned["node_runs"].as_array().unwrap().iter().find(|n| n["node_id"] == "1").unwrap().clone();
    assert_eq!((node["results"].clone(), node["mocked"].clone()), (json!({"isolated": true}), json!(true)));
    assert_eq!(json_out(&home.run(&["list", "--json"])).as_array().unwrap().len(), 1, "running the same file twice keeps one playbook");
    assert_eq!(json_out(&home.run(&["history", "7e1c2d3a-0000-4000-8000-00000000abcd", "--json"])).as_array().unwrap().len(), 1, "and one version");
}

#[test]
fn a_killed_run_is_marked_interrupted_at_the_next_start() {
    let home = Home::new();
    let wait = json!({"type": "action", "name": "Wait", "module_uuid": "07cce76b-a319-40ee-a0cf-1ba433431e21",
                      "action_uuid": "41cd724b-bfcc-4fb7-bee7-ef5d02176e4c", "arguments": {"duration": 60}, "outputs": {"default": []}});
    let pb = home.file("pb.json", &playbook(json!({"0": trigger(), "1": wait})));
    let mut child = home.cmd().args(["run", pb.to_str().unwrap()]).stdout(std::process::Stdio::null()).spawn().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(800));
    child.kill().unwrap();
    child.wait().unwrap();
    let runs = json_out(&home.run(&["runs", "--json"]));
    assert_eq!(runs[0]["status"], "interrupted");
    let view = json_out(&home.run(&["run-show", runs[0]["id"].as_str().unwrap(), "--json"]));
    let wait_run = view["node_runs"].as_array().unwrap().iter().find(|n| n["node_id"] == "1").unwrap().clone();
    assert_eq!(wait_run["status"], "failed");
    assert!(wait_run["error"].as_str().unwrap().contains("interrupted"));
}

/// A chain of short Waits killed at a point drawn from the clock, several times: each time the
/// store opens sound, the run becomes `interrupted`, and every node run the CLI had printed as
/// finished before the kill is still recorded as such.
#[test]
fn a_kill_at_any_point_of_a_run_loses_no_finished_node_run() {
    use std::io::{BufRead, BufReader};
    let wait = |next: &[&str]| {
        json!({"type": "action", "name": "Wait", "module_uuid": "07cce76b-a319-40ee-a0cf-1ba433431e21",
        "action_uuid": "41cd724b-bfcc-4fb7-bee7-ef5d02176e4c", "arguments": {"duration": 1}, "outputs": {"default": next}})
    };
    let nodes = json!({"0": trigger(), "1": wait(&["2"]), "2": wait(&["3"]), "3": wait(&["4"]), "4": wait(&[])});
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos() as u64;
    for round in 0..3u64 {
        let home = Home::new();
        let pb = home.file("pb.json", &playbook(nodes.clone()));
        let kill_after = std::time::Duration::from_millis(300 + (seed.wrapping_mul(round + 7) % 3300));
        let mut child = home.cmd().args(["run", pb.to_str().unwrap()]).stdout(std::process::Stdio::piped()).spawn().unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || BufReader::new(stdout).lines().map_while(Result::ok).collect::<Vec<String>>());
        std::thread::sleep(kill_after);
        let killed_mid_run = child.try_wait().unwrap().is_none();
        child.kill().unwrap();
        child.wait().unwrap();
        let printed = reader.join().unwrap();
        assert!(killed_mid_run, "seed {seed} round {round}: the run ended before the kill at {kill_after:?}");
        let finished: Vec<String> = printed.iter().filter(|l| l.ends_with(": succeeded")).filter_map(|l| l.trim().strip_prefix("node ")?.split(':').next().map(str::to_owned)).collect();

        let store = studio_store::Store::open(&home.0.path().join("studio.db")).expect("the store opens after a kill");
        assert!(store.integrity_check().unwrap().is_empty(), "seed {seed} round {round}: integrity check failed");
        drop(store);
        let runs = json_out(&home.run(&["runs", "--json"]));
        assert_eq!(runs[0]["status"], "interrupted", "seed {seed} round {round}");
        let view = json_out(&home.run(&["run-show", runs[0]["id"].as_str().unwrap(), "--json"]));
        let stored: Vec<&Value> = view["node_runs"].as_array().unwrap().iter().collect();
        for id in &finished {
            assert!(stored.iter().any(|n| n["node_id"] == id.as_str() && n["status"] == "succeeded"), "seed {seed} round {round}: node {id} was printed finished but is not recorded: {stored:?}");
        }
        assert!(!finished.is_empty() || kill_after < std::time::Duration::from_millis(1100), "seed {seed} round {round}: nothing finished in {kill_after:?}");
    }
}

#[test]
fn diff_runs_names_the_first_node_that_differs_between_a_run_and_its_rerun() {
    let server = serve(|_, path, nth| if path == "/flaky" && nth == 1 { (503, r#"{"down": true}"#.into()) } else { (200, r#"{"verdict": "clean"}"#.into()) });
    let home = Home::new();
    let pb = home.file("pb.json", &playbook(json!({"0": trigger(), "1": http(format!("{}/enrich", server.url), &["2"]), "2": http(format!("{}/flaky", server.url), &[])})));
    let event = home.file("event.json", &json!({"alert_uuid": "a-42"}));
    let first = json_out(&home.run(&["run", pb.to_str().unwrap(), "--event", event.to_str().unwrap(), "--json"]));
    let first_id = first["run_id"].as_str().unwrap().to_owned();
    let second = json_out(&home.run(&["rerun", &first_id, "--only-failed", "--json"]));
    let second_id = second["run_id"].as_str().unwrap().to_owned();

    let out = home.run(&["diff-runs", &first_id, &second_id, "--json"]);
    assert_eq!(out.status.code(), Some(1), "the runs differ");
    let diff = json_out(&out);
    assert_eq!(diff["first_difference"]["node_id"], "2", "{diff}");
    assert_eq!(diff["first_difference"]["what"], "status");
    assert_eq!((diff["first_difference"]["first"].clone(), diff["first_difference"]["second"].clone()), (json!("failed"), json!("succeeded")));
    let results = diff["differences"].as_array().unwrap().iter().find(|d| d["node_id"] == "2" && d["what"] == "results").expect("the results differ too").clone();
    assert!(results["changes"].as_array().unwrap().iter().any(|c| c["path"] == "json" && c["kind"] == "added"), "{results}");
    assert!(diff["differences"].as_array().unwrap().iter().all(|d| d["node_id"] != "1"), "the reused action agrees: {diff}");

    let text = String::from_utf8_lossy(&home.run(&["diff-runs", &first_id, &second_id]).stdout).into_owned();
    assert!(text.lines().next().unwrap().contains("status: failed → succeeded"), "{text}");
    let same = home.run(&["diff-runs", &second_id, &second_id]);
    assert_eq!(same.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&same.stdout).contains("the runs agree"));
}
