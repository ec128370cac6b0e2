//! The platform's answers, typed as far as we use them. Unknown fields are kept in `extra`
//! where a value travels back (playbooks); elsewhere they are ignored. Fields the public
//! OpenAPI marks optional are optional here.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

/// A playbook as `GET /playbooks/{uuid}` returns it (`content` is the graph; lists leave it out).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RemotePlaybook {
    pub uuid: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub description: String,
    #[serde(default)]
    pub community_uuid: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub version: Option<i64>,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub content: Option<Value>,
    /// Trigger configurations the playbook uses: uuids or objects with a `uuid`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub trigger_configurations: Vec<Value>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl RemotePlaybook {
    /// The graph's nodes, whether `content` holds `{"nodes": {...}}` or the nodes themselves.
    pub fn nodes(&self) -> Option<&Map<String, Value>> {
        let content = self.content.as_ref()?.as_object()?;
        match content.get("nodes") {
            Some(Value::Object(nodes)) => Some(nodes),
            _ if content.values().all(Value::is_object) => Some(content),
            _ => None,
        }
    }

    pub fn trigger_configuration_uuids(&self) -> Vec<String> {
        self.trigger_configurations
            .iter()
            .filter_map(|t| match t {
                Value::String(s) => Some(s.clone()),
                other => other.get("uuid").and_then(Value::as_str).map(str::to_owned),
            })
            .collect()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlaybookRun {
    pub uuid: String,
    #[serde(default)]
    pub playbook_uuid: Option<String>,
    #[serde(default)]
    pub status: String,
    /// The triggering event; the platform may send it as a JSON string.
    #[serde(default, deserialize_with = "json_or_string")]
    pub event: Value,
    #[serde(default)]
    pub store: Option<Value>,
    #[serde(default)]
    pub started_at: Option<String>,
    #[serde(default)]
    pub finished_at: Option<String>,
    #[serde(default)]
    pub error: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NodeRun {
    #[serde(default)]
    pub uuid: Option<String>,
    /// The SPL node id (the platform sends an integer).
    #[serde(deserialize_with = "id_as_string")]
    pub node_id: String,
    #[serde(default)]
    pub node_type: Option<String>,
    #[serde(default)]
    pub iteration: Option<i64>,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub arguments: Option<Value>,
    #[serde(default)]
    pub results: Option<Value>,
    #[serde(default)]
    pub outputs: Option<Value>,
    #[serde(default)]
    pub started_at: Option<String>,
    #[serde(default)]
    pub finished_at: Option<String>,
}

/// `GET /playbook-runs/{uuid}/details`.
#[derive(Debug, Clone, Deserialize)]
pub struct RunDetails {
    #[serde(default)]
    pub playbook_run: Option<PlaybookRun>,
    #[serde(default)]
    pub playbook: Value,
    #[serde(default, deserialize_with = "list_or_page")]
    pub node_runs: Vec<NodeRun>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RemoteModule {
    pub uuid: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub slug: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub description: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub version: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub categories: Vec<Value>,
    /// The configuration's JSON schema (sometimes sent as a JSON string).
    #[serde(default, deserialize_with = "json_or_string")]
    pub configuration: Value,
}

/// An action or a trigger of the catalogue.
#[derive(Debug, Clone, Deserialize)]
pub struct RemoteBlock {
    pub uuid: String,
    #[serde(default)]
    pub module_uuid: Option<String>,
    #[serde(default)]
    pub name: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub slug: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub description: String,
    #[serde(default)]
    pub docker_parameters: Option<String>,
    #[serde(default, deserialize_with = "json_or_string")]
    pub arguments: Value,
    #[serde(default, deserialize_with = "json_or_string")]
    pub results: Value,
    #[serde(default, deserialize_with = "json_or_string")]
    pub outputs: Value,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TriggerConfiguration {
    pub uuid: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub trigger_uuid: Option<String>,
    #[serde(default)]
    pub module_configuration_uuid: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ModuleConfiguration {
    pub uuid: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub module_uuid: Option<String>,
}

fn null_as_default<'de, D: Deserializer<'de>, T: Default + Deserialize<'de>>(d: D) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

fn json_or_string<'de, D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => serde_json::from_str(&s).unwrap_or(Value::String(s)),
        other => other,
    })
}

fn id_as_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match Value::deserialize(d)? {
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        other => Err(serde::de::Error::custom(format!("node_id must be a number or a string, found {other}"))),
    }
}

fn list_or_page<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<NodeRun>, D::Error> {
    let value = Value::deserialize(d)?;
    let items = match value {
        Value::Null => return Ok(Vec::new()),
        Value::Object(mut page) => page.remove("items").unwrap_or(Value::Array(Vec::new())),
        other => other,
    };
    serde_json::from_value(items).map_err(serde::de::Error::custom)
}
