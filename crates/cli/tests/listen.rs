//! `playbook listen` as a webhook sender and a user at the terminal meet it: events POSTed
//! start runs and get their id back, bad requests get a 4xx that says why, and Ctrl+C lets
//! the run under way finish before the process exits.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

fn post(addr: &str, body: &str) -> (u16, Value) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    let status = answer.split_whitespace().nth(1).unwrap().parse().unwrap();
    let json = answer.split_once("\r\n\r\n").map(|(_, b)| serde_json::from_str(b).unwrap()).unwrap();
    (status, json)
}

#[test]
fn events_posted_start_runs_and_ctrl_c_lets_the_run_under_way_finish() {
    let home = tempfile::tempdir().unwrap();
    let wait = json!({"type": "action", "name": "Wait", "module_uuid": "07cce76b-a319-40ee-a0cf-1ba433431e21",
        "action_uuid": "41cd724b-bfcc-4fb7-bee7-ef5d02176e4c", "arguments": {"duration": 1}, "outputs": {"default": []}});
    let trigger = json!({"type": "trigger", "name": "Webhook", "module_uuid": "92d8bb47-7c51-445d-81de-ae04edbb6f0a",
        "trigger_uuid": "fc26eb9f-b272-4c15-b3bf-ace397c0dc57", "outputs": {"default": ["1"]}});
    let pb = home.path().join("pb.json");
    std::fs::write(&pb, json!({"uuid": "7e1c2d3a-0000-4000-8000-00000000beef", "name": "Hook", "nodes": {"0": trigger, "1": wait}}).to_string()).unwrap();
    let cli = || {
        let mut c = Command::new(env!("CARGO_BIN_EXE_playbook"));
        c.arg("--home").arg(home.path()).env_remove("PLAYBOOK_STUDIO_HOME");
        c
    };
    let mut child = cli().args(["listen", pb.to_str().unwrap(), "--port", "0", "--json"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines().map_while(Result::ok);
    let first: Value = serde_json::from_str(&lines.next().expect("the listener says where it listens")).unwrap();
    let url = first["listening"].as_str().unwrap().to_owned();
    let addr = url.trim_start_matches("http://").trim_end_matches('/').to_owned();
    assert!(addr.starts_with("127.0.0.1:"), "loopback only: {url}");

    let (status, bad) = post(&addr, "{\"alert\": ");
    assert_eq!(status, 400);
    assert!(bad["error"].as_str().unwrap().starts_with("the body is not JSON: EOF while parsing"), "{bad}");
    let (status, list) = post(&addr, "[1, 2]");
    assert_eq!((status, list["error"].as_str().unwrap()), (400, "the event must be a JSON object, not a list"));

    let (status, accepted) = post(&addr, r#"{"alert_uuid": "a-1"}"#);
    assert_eq!(status, 202, "{accepted}");
    let run_id = accepted["run_id"].as_str().unwrap().to_owned();

    // Ctrl+C while the one-second Wait runs: the run still finishes.
    assert!(Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap().success());
    let rest: Vec<Value> = lines.map(|l| serde_json::from_str(&l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect();
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert!(status.success(), "{status:?}: {stderr}");
    assert!(stderr.contains("stopping: no new run starts, the run under way finishes"), "{stderr}");
    assert!(rest.contains(&json!({"run_id": run_id, "status": "succeeded", "error": null})), "{rest:?}");
    assert_eq!(rest.last().unwrap(), &json!({"stopped": true, "runs": 1, "failed_runs": 0, "refused": 2}));

    let shown = cli().args(["run-show", &run_id, "--json"]).output().unwrap();
    let shown: Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(shown["run"]["status"], "succeeded");
    assert_eq!(shown["run"]["event"], json!({"alert_uuid": "a-1"}), "the body is the trigger's event");
    assert!(TcpStream::connect(&addr).is_err(), "nothing listens once stopped");
}

#[test]
fn cron_triggers_run_on_their_schedule_while_listening_and_a_bad_schedule_is_named() {
    let home = tempfile::tempdir().unwrap();
    let cron = |expr: &str| {
        json!({"type": "trigger", "name": "Every second", "module_uuid": "1ad1b7ce-e335-4532-83ce-1d43c864720c",
        "trigger_uuid": "5039c9fe-b2d8-40b3-a11b-d2a810ddbf91", "arguments": {"cron": expr}, "outputs": {"default": ["2"]}})
    };
    let store = json!({"type": "operator", "subtype": "store", "name": "Remember", "modifications": [{"type": "set", "key": "at", "value": "{{ node.1.scheduled_at }}"}], "outputs": {"default": []}});
    let write = |name: &str, expr: &str| {
        let p = home.path().join(name);
        let uuid = if name == "good.json" { "7e1c2d3a-0000-4000-8000-00000000c001" } else { "7e1c2d3a-0000-4000-8000-00000000c002" };
        std::fs::write(&p, json!({"uuid": uuid, "name": name, "nodes": {"1": cron(expr), "2": store.clone()}}).to_string()).unwrap();
        p
    };
    let cli = || {
        let mut c = Command::new(env!("CARGO_BIN_EXE_playbook"));
        c.arg("--home").arg(home.path()).env_remove("PLAYBOOK_STUDIO_HOME");
        c
    };

    let bad = cli().args(["listen", write("bad.json", "*/5 * * * 8").to_str().unwrap(), "--port", "0"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("node 1: arguments.cron: day of week: `8` is out of 0-7"), "{}", String::from_utf8_lossy(&bad.stderr));

    // Six fields, seconds first: every second, so the test does not wait for minutes.
    let mut child = cli().args(["listen", write("good.json", "* * * * * *").to_str().unwrap(), "--port", "0", "--json"]).stdout(Stdio::piped()).spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines().map_while(Result::ok).map(|l| serde_json::from_str::<Value>(&l).unwrap());
    assert!(lines.next().unwrap()["listening"].is_string());
    let next = lines.next().unwrap();
    assert_eq!((next["next_run"].as_str(), next["cron"].as_str()), (Some("1"), Some("* * * * * *")), "{next}");
    let mut runs = Vec::new();
    for l in lines.by_ref() {
        if l.get("status").is_some() {
            runs.push(l["run_id"].as_str().unwrap().to_owned());
            if runs.len() == 2 {
                break;
            }
        }
    }
    assert!(Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap().success());
    let rest: Vec<Value> = lines.collect();
    assert!(child.wait().unwrap().success());
    assert!(rest.last().unwrap()["runs"].as_u64().unwrap() >= 2, "{rest:?}");
    for run_id in &runs {
        let shown: Value = serde_json::from_slice(&cli().args(["run-show", run_id, "--json"]).output().unwrap().stdout).unwrap();
        assert_eq!(shown["run"]["status"], "succeeded");
        let event = &shown["run"]["event"];
        assert_eq!(event["cron"], "* * * * * *");
        assert!(event["scheduled_at"].as_str().unwrap().ends_with('Z'), "{event}");
        assert_eq!(shown["run"]["store"]["at"], event["scheduled_at"], "the event reached the Cron trigger's node");
    }
}
