//! The engine's trace corpus (`tests/traces/*.json`): each case is a small playbook, an
//! event, the results fake actions give, and the expected trace — which node runs happen in
//! which order, with their states and branches — plus the run's status and final store.
//! Adding a case needs no Rust. `TRACES_PRINT=1 cargo test -p studio-engine --test traces`
//! prints what each case gives, for writing a new one (then read it before pasting it).
//!
//! Case fields: `nodes` (SPL nodes; an action's `module_uuid` and a trigger's module and
//! trigger uuids default to fakes, a node's `name` to its id), `event`, `results` (per action
//! uuid; `__branch` picks a declared branch; uuids starting with `fail` fail), `mock`
//! (`none` by default), `trigger` (the trigger node to start from), `rate_limit` (actions
//! per minute), `pins` (results per node id), `trace`, `status`, and optionally `store`.
//! `rerun` (optional) reruns the failed part afterwards, as `playbook rerun --only-failed`
//! does: the succeeded actions' results are reused (`(reused)` in the trace), `rerun.results`
//! adds or replaces results (a `fail…` uuid given results succeeds), and `rerun.trace`,
//! `rerun.status`, `rerun.store` are expected of the second run.

mod common;

use common::*;
use serde_json::{json, Value};
use studio_engine::{MockMode, NoConfigurations};
use studio_model::Catalog;

fn with_defaults(nodes: &Value) -> Value {
    let mut nodes = nodes.clone();
    for (id, node) in nodes.as_object_mut().expect("`nodes` is an object") {
        let node = node.as_object_mut().expect("a node is an object");
        node.entry("name").or_insert_with(|| json!(id));
        node.entry("outputs").or_insert_with(|| json!({}));
        match node.get("type").and_then(Value::as_str) {
            Some("trigger") => {
                node.entry("module_uuid").or_insert_with(|| json!("m"));
                node.entry("trigger_uuid").or_insert_with(|| json!("t"));
            }
            Some("action") => {
                node.entry("module_uuid").or_insert_with(|| json!("m"));
            }
            _ => {}
        }
    }
    nodes
}

type Outcome = (Vec<String>, String, Value);

fn run_case(case: &Value) -> (Outcome, Option<Outcome>) {
    let mut s = spec(json!({"name": case["name"], "nodes": with_defaults(&case["nodes"])}), case.get("event").cloned().unwrap_or(json!({})));
    s.trigger = case.get("trigger").and_then(Value::as_str).map(str::to_owned);
    if let Some(limit) = case.get("rate_limit").and_then(Value::as_u64) {
        s.rate_limit = limit as u32;
    }
    s.pins = case.get("pins").and_then(Value::as_object).map(|m| m.clone().into_iter().collect()).unwrap_or_default();
    s.mock = case.get("mock").and_then(Value::as_str).and_then(MockMode::parse).unwrap_or(MockMode::None);
    let mut results = case.get("results").and_then(Value::as_object).cloned().unwrap_or_default();
    let registry = FakeRegistry(Fake { results: results.clone().into_iter().collect() });
    let (out, trace) = run_with(&s, &registry, &NoConfigurations, &Catalog::default());
    let first = (trace.lines(), out.status.as_str().to_owned(), out.store.clone());
    let Some(rerun) = case.get("rerun") else { return (first, None) };
    // Only the failed part runs again: every succeeded action's node run is reused.
    s.reuse = out.node_runs.iter().filter(|n| n.status == studio_engine::NodeStatus::Succeeded && n.arguments.is_some()).map(|n| (n.key(), n.clone())).collect();
    results.extend(rerun.get("results").and_then(Value::as_object).cloned().unwrap_or_default());
    let registry = FakeRegistry(Fake { results: results.into_iter().collect() });
    let (again, trace) = run_with(&s, &registry, &NoConfigurations, &Catalog::default());
    (first, Some((trace.lines(), again.status.as_str().to_owned(), again.store)))
}

/// What differs between a run and what the case expects of it (`None`: nothing).
fn differs(expected: &Value, got: &Outcome) -> Option<String> {
    let (trace, status, store) = got;
    let want: Vec<String> = serde_json::from_value(expected["trace"].clone()).unwrap_or_default();
    (*trace != want || expected["status"] != json!(status) || expected.get("store").is_some_and(|s| s != store))
        .then(|| format!("  expected {want:?} ({})\n  got      {trace:?} ({status}, store {store})", expected["status"]))
}

#[test]
fn every_trace_case_gives_its_trace() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/traces");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect();
    files.sort();
    let print = std::env::var_os("TRACES_PRINT").is_some();
    let (mut count, mut failures) = (0, Vec::new());
    for file in files {
        let doc: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for case in doc["cases"].as_array().expect("`cases` is a list") {
            count += 1;
            let name = case["name"].as_str().expect("a case has a name");
            let (first, rerun) = run_case(case);
            for (label, expected, got) in [("", case, Some(&first)), (" (rerun)", case.get("rerun").unwrap_or(&Value::Null), rerun.as_ref())] {
                let Some(got) = got else { continue };
                if print {
                    println!("{name}{label}: {}\n  status {}, store {}", serde_json::to_string(&got.0).unwrap(), got.1, got.2);
                }
                if let Some(diff) = differs(expected, got) {
                    failures.push(format!("{}: {name}{label}\n{diff}", file.display()));
                }
            }
        }
    }
    assert!(count >= 60, "only {count} trace cases");
    assert!(failures.is_empty(), "{} of {count} trace cases differ:\n{}", failures.len(), failures.join("\n"));
}
