//! Cost per node of a local run: a 1,000-node chain and a 1,000-item foreach, in process (no
//! persistence) and through the `playbook` CLI (process start, matching the stored playbook, SQLite
//! records of every node run, the printed states).
//! Targets: 20 µs per node in process, 100 µs through the CLI.
//!
//! Run: `cargo bench -p playbook-cli --bench run`.

use serde_json::{json, Value};
use std::collections::HashMap;
use std::time::{Duration, Instant};
use studio_engine::{CancellationToken, Deps, MockMode, NativeRunners, NoConfigurations, RateLimiter, RunEvent, RunSink, RunSpec};

const SEKOIA: &str = "92d8bb47-7c51-445d-81de-ae04edbb6f0a";
const GET_ALERT: &str = "8d189665-5401-4098-8d60-944de9a6199a";

fn trigger(next: &str) -> Value {
    json!({"type": "trigger", "name": "Alert Created", "module_uuid": SEKOIA, "trigger_uuid": "785583cf-4377-43ce-a5fb-f4572eb57456", "outputs": {"default": [next]}})
}

fn get_alert(next: Option<String>) -> Value {
    json!({"type": "action", "name": "Get alert", "module_uuid": SEKOIA, "action_uuid": GET_ALERT,
           "arguments": {"uuid": "{{ node.0.alert_uuid }}", "stix": false}, "outputs": {"default": next.into_iter().collect::<Vec<_>>()}})
}

fn chain(n: usize) -> Value {
    let mut nodes = serde_json::Map::new();
    nodes.insert("0".into(), trigger("1"));
    for i in 1..n {
        nodes.insert(i.to_string(), get_alert((i + 1 < n).then(|| (i + 1).to_string())));
    }
    json!({"uuid": "b0000000-0000-4000-8000-000000000001", "name": "chain", "nodes": nodes})
}

fn foreach(items: usize) -> (Value, Value) {
    let nodes = json!({
        "0": trigger("1"),
        "1": {"type": "operator", "subtype": "foreach", "name": "each", "items": "{{ node.0.items }}", "loop": ["2"], "outputs": {"default": []}},
        "2": {"type": "operator", "subtype": "store", "name": "keep", "outputs": {"default": []},
              "modifications": [{"key": "last", "type": "set", "value": "{{ node.1.default.value.host }}"}]}
    });
    let event = json!({"alert_uuid": "a", "items": (0..items).map(|i| json!({"host": format!("wks-{i}")})).collect::<Vec<_>>()});
    (json!({"uuid": "b0000000-0000-4000-8000-000000000002", "name": "foreach", "nodes": nodes}), event)
}

struct Discard;

impl RunSink for Discard {
    fn event(&mut self, _: &RunEvent) {}
}

fn in_process(doc: &Value, event: &Value, rounds: u32) -> Duration {
    let playbook = studio_model::parse_playbook(doc.to_string().as_bytes()).unwrap();
    let catalog = studio_catalog::builtin();
    let runners = NativeRunners::new();
    let start = Instant::now();
    for _ in 0..rounds {
        let spec = RunSpec {
            run_id: "bench".into(),
            trigger: None,
            playbook_id: "bench".into(),
            playbook: playbook.clone(),
            event: event.clone(),
            mock: MockMode::All,
            pins: HashMap::new(),
            rate_limit: u32::MAX,
            action_timeout: Duration::from_secs(60),
            reuse: HashMap::new(),
        };
        let limiter = RateLimiter::new();
        let out = studio_engine::run_blocking(&spec, Deps { catalog, runners: &runners, configurations: &NoConfigurations, limiter: &limiter, sink: &mut Discard, cancel: CancellationToken::new() });
        assert_eq!(out.status, studio_engine::RunStatus::Succeeded);
    }
    start.elapsed() / rounds
}

fn through_cli(doc: &Value, event: &Value) -> Duration {
    let dir = std::env::temp_dir().join(format!("playbook-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (pb, ev) = (dir.join("pb.json"), dir.join("event.json"));
    std::fs::write(&pb, doc.to_string()).unwrap();
    std::fs::write(&ev, event.to_string()).unwrap();
    let run = || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_playbook"))
            .args(["--home", dir.to_str().unwrap(), "run", pb.to_str().unwrap(), "--event", ev.to_str().unwrap(), "--mock", "all", "--rate-limit", "100000000"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    run(); // imports the playbook
    let start = Instant::now();
    let rounds = 3;
    for _ in 0..rounds {
        run();
    }
    let took = start.elapsed() / rounds;
    let _ = std::fs::remove_dir_all(&dir);
    took
}

fn main() {
    let n = 1000;
    let chain_doc = chain(n);
    let event = json!({"alert_uuid": "5d1a8d2c-3b7e-4f0a-9c1e-2a4b6c8d0e1f"});
    let (each_doc, each_event) = foreach(n);
    let per = |d: Duration| d.as_secs_f64() * 1e6 / n as f64;
    println!("1,000-node chain, in process:     {:>8.1} µs/node", per(in_process(&chain_doc, &event, 5)));
    println!("1,000-item foreach, in process:   {:>8.1} µs/node", per(in_process(&each_doc, &each_event, 5)));
    if std::env::var_os("BENCH_IN_PROCESS_ONLY").is_some() {
        return;
    }
    println!("1,000-node chain, CLI + SQLite:   {:>8.1} µs/node", per(through_cli(&chain_doc, &event)));
    println!("1,000-item foreach, CLI + SQLite: {:>8.1} µs/node", per(through_cli(&each_doc, &each_event)));
}
