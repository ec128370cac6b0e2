//! Shared by the corpus and differential tests (and the render bench, by path).

use serde_json::Value;
use std::path::PathBuf;

/// Every corpus case in file order, as `(name, case)`, with its variables in `data`: its own,
/// or the file's shared context it names (`"context": "run"` in a file holding
/// `"contexts": {"run": {...}}`).
pub fn load_cases() -> Vec<(String, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect();
    files.sort();
    let mut cases = Vec::new();
    for f in files {
        let doc: Value = serde_json::from_slice(&std::fs::read(&f).unwrap()).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            let mut case = case.clone();
            if let Some(name) = case.get("context").and_then(Value::as_str) {
                let data = doc["contexts"].get(name).unwrap_or_else(|| panic!("{}: no context {name}", f.display())).clone();
                case["data"] = data;
            }
            cases.push((case["name"].as_str().unwrap().to_owned(), case));
        }
    }
    cases
}

/// JSON equality where 2 and 2.0 differ (Python's int vs float) but key order does not matter.
#[allow(dead_code)] // not used by the bench
pub fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.is_f64() == y.is_f64() && x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_eq(a, b)),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w))),
        _ => a == b,
    }
}
