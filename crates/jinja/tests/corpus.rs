//! The data-driven corpus (`tests/corpus/*.json`): every case's template rendered with the
//! Rust engine and compared with the expected output, value or error kind. The expectations
//! are Jinja2's real behaviour (`tests/jinja-diff/jinja2_render.py --check` proves it), so
//! this is also the parity figure with Jinja2. Cases listed in `divergences.json` are known,
//! justified differences and are reported, not failed.

mod common;

use common::{json_eq, load_cases};
use serde_json::Value;
use std::path::PathBuf;
use studio_jinja::{Config, Context, Template};

/// What the engine gives for a case, in the corpus's `expect` shape.
fn run(case: &Value) -> Value {
    let cfg = if case["strict"].as_bool().unwrap_or(false) { Config::strict() } else { Config::default() };
    let template = case["template"].as_str().unwrap();
    let ctx = Context::from_json(&case["data"]);
    let typed = case["typed"].as_bool().unwrap_or(false);
    let result = Template::compile(template).and_then(|t| {
        if typed {
            t.render_typed(&ctx, &cfg).map(|v| serde_json::json!({ "value": v }))
        } else {
            t.render(&ctx, &cfg).map(|s| serde_json::json!({ "output": s }))
        }
    });
    match result {
        Ok(v) => v,
        Err(e) => serde_json::json!({ "error": e.kind.as_str(), "message": e.message }),
    }
}

fn matches(got: &Value, expect: &Value) -> bool {
    if let Some(kind) = expect.get("error") {
        return got.get("error") == Some(kind);
    }
    if let Some(v) = expect.get("value") {
        return got.get("value").is_some_and(|g| json_eq(g, v));
    }
    got.get("output") == expect.get("output")
}

fn divergences() -> serde_json::Map<String, Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/divergences.json");
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice::<Value>(&bytes).unwrap()["cases"].as_object().cloned().unwrap_or_default(),
        Err(_) => Default::default(),
    }
}

#[test]
fn corpus_matches_jinja2() {
    let cases = load_cases();
    assert!(cases.len() >= 300, "the corpus holds at least 300 cases ({})", cases.len());
    let known = divergences();
    let mut failures = Vec::new();
    let mut intended = Vec::new();
    for (name, case) in &cases {
        if std::env::var_os("CORPUS_TRACE").is_some() {
            eprintln!("case {name}");
        }
        let got = run(case);
        if matches(&got, &case["expect"]) {
            assert!(!known.contains_key(name), "{name} is listed as a divergence but now matches: remove it from divergences.json");
            continue;
        }
        let line = format!("{name}: template {:?}\n    expected {}\n    got      {}", case["template"].as_str().unwrap(), case["expect"], got);
        if known.contains_key(name) {
            intended.push(line);
        } else {
            failures.push(line);
        }
    }
    let total = cases.len();
    let same = total - failures.len() - intended.len();
    println!("Jinja2 parity on the corpus: {same}/{total} cases identical ({:.1}%), {} intended divergences", same as f64 * 100.0 / total as f64, intended.len());
    for l in &intended {
        println!("intended divergence: {l}");
    }
    assert!(failures.is_empty(), "{} unexpected divergences from Jinja2:\n{}", failures.len(), failures.join("\n"));
}
