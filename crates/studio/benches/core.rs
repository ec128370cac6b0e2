//! Benchmarks of the core's hot paths, with the targets they are held to:
//! - import + validate of a 1,000-node playbook (target < 50 ms),
//! - listing 10,000 stored playbooks (target < 20 ms),
//! - the runs list's first page (100) of a playbook with 10,000 runs, filtered or not
//!   (target < 10 ms: the Runs tab stays instant),
//! - one keystroke in the Jinja tester on a run's CODE JSON (55 KB, the `run` context of
//!   `crates/jinja/tests/corpus/run_contexts.json`): the data text is parsed once, not on
//!   every keystroke (target < 100 µs: typing never waits).
//!
//! Run: `cargo bench -p studio-core --bench core`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use serde_json::{json, Value};
use studio_core::{CreatePlaybookInput, Home, RunListFilter, RunStatus, RunStatusView, Studio};

const SEKOIA: &str = "92d8bb47-7c51-445d-81de-ae04edbb6f0a";

/// A trigger, then a chain of Get Alert actions with conditions every tenth node.
fn big_playbook(nodes: usize) -> Vec<u8> {
    let mut map = serde_json::Map::new();
    map.insert(
        "0".into(),
        json!({"type": "trigger", "name": "Alert Created", "module_uuid": SEKOIA,
        "trigger_uuid": "785583cf-4377-43ce-a5fb-f4572eb57456", "outputs": {"default": ["1"]}, "position": {"x": 0, "y": 0}}),
    );
    for i in 1..nodes {
        let next: Vec<String> = if i + 1 < nodes { vec![(i + 1).to_string()] } else { vec![] };
        let node: Value = if i % 10 == 0 {
            json!({"type": "operator", "subtype": "condition", "name": format!("Check {i}"),
                "cases": [{"name": "high", "left": format!("{{{{ node.{}.urgency.current_value }}}}", i - 1), "comparison": ">=", "right": "{{ 70 }}"}],
                "outputs": {"high": next, "else": []}, "position": {"x": 0, "y": i * 120}})
        } else {
            json!({"type": "action", "name": format!("Get alert {i}"), "module_uuid": SEKOIA,
                "action_uuid": "8d189665-5401-4098-8d60-944de9a6199a",
                "arguments": {"uuid": "{{ node.0.alert_uuid }}", "stix": false},
                "outputs": {"default": next}, "position": {"x": 0, "y": i * 120}})
        };
        map.insert(i.to_string(), node);
    }
    json!({"uuid": "6f1d2c3b-0000-4000-8000-000000001000", "name": "Big", "description": "bench", "nodes": map}).to_string().into_bytes()
}

/// A studio whose one playbook has `count` stored runs, one in ten failed.
fn studio_with_runs(home: &std::path::Path, count: usize) -> (Studio, String) {
    let mut studio = Studio::open(Home::new(home)).unwrap();
    let id = studio.create_playbook(CreatePlaybookInput { name: "Runs".into(), description: String::new() }).unwrap().id;
    let mut store = studio_store::Store::open(&studio.home().store_path()).unwrap();
    store.begin().unwrap();
    for i in 0..count {
        let run_id = format!("run-{i:05}");
        let new = studio_store::NewRun { id: &run_id, playbook_id: &id, playbook_version: Some(1), rerun_of: None, event: &json!({"alert_uuid": i}), options: &json!({"mock": "all"}) };
        store.insert_run(new).unwrap();
        store.finish_run(&run_id, if i % 10 == 0 { RunStatus::Failed } else { RunStatus::Succeeded }, None, &json!({})).unwrap();
    }
    store.commit().unwrap();
    studio = Studio::open(Home::new(home)).unwrap();
    (studio, id)
}

fn benches(c: &mut Criterion) {
    let doc = big_playbook(1000);
    let dir = tempfile::tempdir().unwrap();
    let mut studio = Studio::open(Home::new(dir.path().join("import"))).unwrap();
    c.bench_function("validate 1000-node playbook", |b| {
        b.iter(|| {
            let (pb, diags) = studio.validate(&doc);
            assert!(pb.is_some() && diags.iter().all(|d| !d.is_error()));
        })
    });
    c.bench_function("import + validate 1000-node playbook (SQLite on disk)", |b| b.iter(|| studio.import_playbook(&doc, "bench").unwrap()));

    let mut listing = Studio::open(Home::new(dir.path().join("list"))).unwrap();
    for i in 0..10_000 {
        let input = CreatePlaybookInput { name: format!("Playbook {i}"), description: "Enrich alerts and notify the SOC".into() };
        listing.create_playbook(input).unwrap();
    }
    c.bench_function("list 10,000 stored playbooks", |b| b.iter_batched(|| (), |_| assert_eq!(listing.list_playbooks().unwrap().len(), 10_000), BatchSize::SmallInput));

    let (runs, playbook) = studio_with_runs(&dir.path().join("runs"), 10_000);
    c.bench_function("runs list: first page of 10,000 runs", |b| b.iter(|| assert_eq!(runs.run_page(&playbook, &RunListFilter::default(), 0, 100).unwrap().runs.len(), 100)));
    let failed = RunListFilter { status: Some(RunStatusView::Failed), origin: Some("local".into()) };
    c.bench_function("runs list: first page of the failed ones among 10,000", |b| b.iter(|| assert_eq!(runs.run_page(&playbook, &failed, 0, 100).unwrap().total, 1_000)));

    let cases: Value = serde_json::from_slice(&std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../jinja/tests/corpus/run_contexts.json")).unwrap()).unwrap();
    let data = serde_json::to_string_pretty(&cases["contexts"]["run"]).unwrap();
    c.bench_function("tester keystroke on a 55 KB run context", |b| {
        b.iter(|| {
            let out = studio_core::jinja::render_text("{{ node.3.data.attributes.last_analysis_stats.malicious > 5 }}", &data, false).unwrap();
            assert!(matches!(out, studio_core::jinja::JinjaOutcome::Rendered { .. }));
        })
    });
}

criterion_group! {
    name = core;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}
criterion_main!(core);
