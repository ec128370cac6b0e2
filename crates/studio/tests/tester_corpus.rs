//! Every Jinja corpus case through the tester's use case (`jinja::render_text`, what the
//! app's `render_jinja` command calls, data given as JSON text): the same output as the
//! engine's, whatever the tester keeps between keystrokes (the last document parsed, entries
//! converted only when read). The WebDriver test does the same through the app.

use serde_json::Value;
use studio_core::jinja::{render_text, JinjaOutcome};

/// JSON equality with numbers compared by value (1 and 1.0 alike, as JSON has one number).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().zip(y).all(|((ka, a), (kb, b))| ka == kb && same(a, b)),
        _ => a == b,
    }
}

fn matches(expect: &Value, outcome: &JinjaOutcome) -> bool {
    match outcome {
        JinjaOutcome::Failed { error, .. } => expect.get("error").and_then(Value::as_str) == Some(error.kind.as_str()),
        JinjaOutcome::Rendered { output, typed, value, .. } => {
            if let Some(v) = expect.get("value") {
                let got = if *typed { value.clone().unwrap_or(Value::Null) } else { Value::String(output.clone()) };
                same(&got, v)
            } else {
                expect.get("output").and_then(Value::as_str) == Some(output.as_str())
            }
        }
    }
}

#[test]
fn the_tester_gives_every_corpus_output() {
    let divergences: Value = serde_json::from_slice(&std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../jinja/tests/divergences.json")).unwrap()).unwrap();
    let cases: Vec<Value> = studio_testkit::jinja_corpus().into_iter().map(|(_, case)| case).collect();
    assert!(cases.len() > 800, "{} cases", cases.len());
    let mut failed = Vec::new();
    // Twice: the second pass renders from the kept document.
    for _ in 0..2 {
        for case in &cases {
            let name = case["name"].as_str().unwrap();
            if divergences["cases"].get(name).is_some() || case["template"].as_str().unwrap().contains("time_with_delta") {
                continue;
            }
            let data = serde_json::to_string(&case["data"]).unwrap();
            let outcome = render_text(case["template"].as_str().unwrap(), &data, case["strict"].as_bool().unwrap_or(false)).unwrap();
            if !matches(&case["expect"], &outcome) {
                failed.push(format!("{name}: {outcome:?}, expected {}", case["expect"]));
            }
        }
    }
    assert!(failed.is_empty(), "{} cases differ:\n{}", failed.len(), failed.join("\n"));
}
