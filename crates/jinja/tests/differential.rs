//! The differential test against Python Jinja2: `tests/jinja-diff/jinja2_render.py` renders
//! the corpus with Jinja2 (the platform's engine) into a JSON file, and this test renders the
//! same cases with the Rust engine and compares them one by one (outputs exactly, typed values
//! as JSON, errors by kind). `scripts/test-all` produces the file and sets `JINJA2_RESULTS`;
//! without it the test says it skipped (and fails when CI requires it).

mod common;

use common::json_eq;
use serde_json::Value;
use std::path::PathBuf;
use studio_jinja::{Config, Context, Template};

fn render(case: &Value) -> Value {
    let cfg = if case["strict"].as_bool().unwrap_or(false) { Config::strict() } else { Config::default() };
    let ctx = Context::from_json(&case["data"]);
    let result = Template::compile(case["template"].as_str().unwrap()).and_then(|t| {
        if case["typed"].as_bool().unwrap_or(false) {
            t.render_typed(&ctx, &cfg).map(|v| serde_json::json!({ "value": v }))
        } else {
            t.render(&ctx, &cfg).map(|s| serde_json::json!({ "output": s }))
        }
    });
    match result {
        Ok(v) => v,
        Err(e) => serde_json::json!({ "error": { "kind": e.kind.as_str(), "message": e.message } }),
    }
}

fn same(rust: &Value, python: &Value) -> bool {
    if let Some(kind) = python.get("error").and_then(|e| e.get("kind")) {
        return rust.get("error").and_then(|e| e.get("kind")) == Some(kind);
    }
    if let Some(v) = python.get("value") {
        return rust.get("value").is_some_and(|r| json_eq(r, v));
    }
    rust.get("output").is_some() && rust.get("output") == python.get("output")
}

#[test]
fn rust_engine_matches_python_jinja2() {
    let Some(path) = std::env::var_os("JINJA2_RESULTS").map(PathBuf::from) else {
        let required = std::env::var("PLAYBOOK_STUDIO_REQUIRE_SHARED").is_ok_and(|v| v == "1");
        assert!(!required, "CI must run jinja2_render.py and set JINJA2_RESULTS");
        eprintln!("SKIPPED: JINJA2_RESULTS is not set (scripts/test-all renders the corpus with Python Jinja2 first)");
        return;
    };
    let python: Value = serde_json::from_slice(&std::fs::read(&path).expect("the Jinja2 results file")).unwrap();
    let divergences: Value = serde_json::from_slice(&std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/divergences.json")).unwrap()).unwrap();
    let (mut total, mut identical, mut unexpected) = (0, 0, Vec::new());
    for (name, case) in common::load_cases() {
        let py = python.get(&name).unwrap_or_else(|| panic!("Jinja2 results have no case {name}"));
        total += 1;
        let rust = render(&case);
        if same(&rust, py) {
            identical += 1;
        } else if divergences["cases"].get(&name).is_none() {
            unexpected.push(format!("{name}: Jinja2 {py} / Rust {rust}"));
        }
    }
    println!("differential test: {identical}/{total} cases identical to Python Jinja2 ({:.1}%)", identical as f64 * 100.0 / total as f64);
    assert!(unexpected.is_empty(), "unexpected differences:\n{}", unexpected.join("\n"));
}
