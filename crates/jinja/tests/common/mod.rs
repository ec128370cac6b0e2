//! Shared by the corpus and differential tests (and the render bench, by path).

use serde_json::Value;

pub use studio_testkit::jinja_corpus as load_cases;

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
