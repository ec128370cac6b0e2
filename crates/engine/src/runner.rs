//! How an action is run: the `BlockRunner` trait (native runners, fakes in tests), the
//! module configurations a runner reads (with secrets fetched at run time), and the choice
//! between native and mock.

use serde_json::{Map, Value};
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use studio_model::Block;
use tokio_util::sync::CancellationToken;

/// A module configuration as a runner sees it: values, with the secret ones filled in from
/// the vault for this run only.
#[derive(Debug, Clone, Default)]
pub struct Configuration {
    pub values: Map<String, Value>,
    /// Names of the fields whose values are secrets (redacted from every record).
    pub secret_fields: Vec<String>,
}

impl Configuration {
    pub fn secret_values(&self) -> Vec<String> {
        self.secret_fields.iter().filter_map(|f| self.values.get(f).and_then(Value::as_str)).filter(|s| !s.is_empty()).map(str::to_owned).collect()
    }
}

/// Where module configurations come from (the store and the vault in the app and CLI).
pub trait ConfigurationSource {
    /// The configuration with this uuid, secrets included; `Err` names what is missing.
    fn configuration(&self, uuid: &str) -> Result<Configuration, String>;
}

/// No configuration at all (tests, mock runs).
pub struct NoConfigurations;

impl ConfigurationSource for NoConfigurations {
    fn configuration(&self, uuid: &str) -> Result<Configuration, String> {
        Err(format!("module configuration {uuid} is not known here"))
    }
}

/// Everything a runner gets for one action.
pub struct ActionCall<'a> {
    pub node_id: &'a str,
    pub block: Option<&'a Block>,
    pub module_uuid: &'a str,
    pub action_uuid: &'a str,
    pub arguments: &'a Value,
    pub configuration: Option<&'a Configuration>,
    pub timeout: Duration,
    pub cancel: &'a CancellationToken,
}

/// A runner's answer: results, and the declared branch it chose (`None`: `default`).
#[derive(Debug, Clone, PartialEq)]
pub struct ActionOutput {
    pub results: Value,
    /// The branches the action made true: `None` for its `default` branch; from an action
    /// that declares outputs, each true one (several may be; none stops the flow there).
    pub branches: Option<Vec<String>>,
}

impl ActionOutput {
    /// Results on the `default` branch.
    pub fn new(results: Value) -> Self {
        Self { results, branches: None }
    }
}

pub type RunFuture<'a> = Pin<Box<dyn Future<Output = Result<ActionOutput, String>> + 'a>>;

pub trait BlockRunner {
    fn run<'a>(&'a self, call: ActionCall<'a>) -> RunFuture<'a>;
}

/// Which actions are mocked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MockMode {
    /// Every action returns mock results.
    All,
    /// Actions without a native runner are mocked; the others run for real.
    Unknown,
    /// Nothing is mocked: an action without a native runner fails.
    None,
}

impl MockMode {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "all" => Self::All,
            "unknown" => Self::Unknown,
            "none" => Self::None,
            _ => return None,
        })
    }
}

/// Results generated from a block's results schema, the same every time for the same
/// schema: objects get each property, strings a recognisable placeholder (or a fixed uuid /
/// date for those formats), numbers 0 or their minimum, arrays one item, enums their first
/// value, defaults and examples as given.
pub fn mock_results(schema: &Value) -> Value {
    mock_value(schema, "value", 0)
}

fn mock_value(schema: &Value, name: &str, depth: usize) -> Value {
    let Some(obj) = schema.as_object() else { return Value::Null };
    if depth > 8 {
        return Value::Null;
    }
    if let Some(v) = obj.get("default").or_else(|| obj.get("examples").and_then(|e| e.get(0))).or_else(|| obj.get("example")) {
        return v.clone();
    }
    if let Some(first) = obj.get("enum").and_then(|e| e.get(0)) {
        return first.clone();
    }
    if let Some(first) = obj.get("anyOf").or_else(|| obj.get("oneOf")).and_then(|o| o.get(0)) {
        return mock_value(first, name, depth + 1);
    }
    let ty = match obj.get("type") {
        Some(Value::String(t)) => t.as_str(),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).find(|t| *t != "null").unwrap_or("null"),
        _ if obj.contains_key("properties") => "object",
        _ if obj.contains_key("items") => "array",
        _ => "",
    };
    match ty {
        "object" => {
            let mut out = Map::new();
            if let Some(props) = obj.get("properties").and_then(Value::as_object) {
                for (k, sub) in props {
                    out.insert(k.clone(), mock_value(sub, k, depth + 1));
                }
            }
            Value::Object(out)
        }
        "array" => Value::Array(vec![mock_value(obj.get("items").unwrap_or(&Value::Null), name, depth + 1)]),
        "string" => Value::String(match obj.get("format").and_then(Value::as_str) {
            Some("uuid") => "00000000-0000-4000-8000-000000000000".into(),
            Some("date-time") => "2024-01-01T00:00:00Z".into(),
            Some("date") => "2024-01-01".into(),
            Some("uri") | Some("url") => "https://example.invalid/".into(),
            Some("email") => "analyst@example.invalid".into(),
            Some("ipv4") => "192.0.2.1".into(),
            _ => format!("mock {name}"),
        }),
        "integer" => obj.get("minimum").cloned().unwrap_or(Value::from(0)),
        "number" => obj.get("minimum").cloned().unwrap_or(Value::from(0.0)),
        "boolean" => Value::Bool(false),
        "null" => Value::Null,
        _ => Value::Object(Map::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn mock_results_follow_the_schema() {
        let schema = json!({"type": "object", "properties": {
            "uuid": {"type": "string", "format": "uuid"},
            "urgency": {"type": "object", "properties": {"current_value": {"type": "integer", "minimum": 0}}},
            "tags": {"type": "array", "items": {"type": "string"}},
            "status": {"type": "string", "enum": ["Pending", "Closed"]},
            "stix": {"type": "boolean", "default": true}
        }});
        assert_eq!(
            mock_results(&schema),
            json!({
                "uuid": "00000000-0000-4000-8000-000000000000",
                "urgency": {"current_value": 0},
                "tags": ["mock tags"],
                "status": "Pending",
                "stix": true
            })
        );
        assert_eq!(mock_results(&json!({})), json!({}));
    }
}
