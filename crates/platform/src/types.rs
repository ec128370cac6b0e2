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
    /// On or off (`enabled`/`disabled` as far as we know: the OpenAPI gives no values).
    #[serde(default)]
    pub status: Option<String>,
    /// Why the playbook has its status (why it was switched off, what is misconfigured).
    #[serde(default)]
    pub status_message: Option<String>,
    /// Badges such as `configuration_issues`, `failed_runs`, `trigger_crashed`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub status_tags: Vec<String>,
    /// Not in the OpenAPI's playbook schema; kept when the platform sends it.
    #[serde(default, deserialize_with = "null_as_default")]
    pub tags: Vec<Value>,
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

    /// Whether the playbook is switched on (runs from its triggers).
    pub fn is_active(&self) -> bool {
        self.status.as_deref().is_some_and(|s| matches!(s.to_ascii_lowercase().as_str(), "enabled" | "active" | "activated" | "on"))
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
    pub playbook_name: Option<String>,
    #[serde(default)]
    pub status: String,
    /// The event's name ("the event name of the playbook run"), not its payload: the
    /// payload is the trigger's node run's results.
    #[serde(default, deserialize_with = "text_of")]
    pub event: String,
    #[serde(default)]
    pub store: Option<Value>,
    #[serde(default)]
    pub started_at: Option<String>,
    #[serde(default)]
    pub pending_at: Option<String>,
    #[serde(default)]
    pub running_at: Option<String>,
    #[serde(default)]
    pub finished_at: Option<String>,
    /// Not in the OpenAPI's schema; read when a platform version sends it.
    #[serde(default)]
    pub error: Option<String>,
}

/// A node run, whole (`GET /node-runs/{uuid}`) or as the short entry of a run's details
/// (uuid, status, outputs, error: the rest left out).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NodeRun {
    #[serde(default)]
    pub uuid: Option<String>,
    /// The SPL node id (the platform sends an integer); empty when the entry came without
    /// it, under its node id as a key (filled from the key then).
    #[serde(default, deserialize_with = "id_as_string")]
    pub node_id: String,
    #[serde(default)]
    pub node_type: Option<String>,
    #[serde(default)]
    pub iteration: Option<i64>,
    #[serde(default)]
    pub parent_node_run_id: Option<i64>,
    /// `finished` even when the action failed: then `error` says why (the SDK's shape).
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub arguments: Option<Value>,
    #[serde(default)]
    pub results: Option<Value>,
    /// Branch → bool; several may be true, all false stops the flow at this node.
    #[serde(default)]
    pub outputs: Option<Value>,
    /// The action's log text (one line per entry).
    #[serde(default, deserialize_with = "text_or_lines")]
    pub logs: Option<String>,
    #[serde(default)]
    pub started_at: Option<String>,
    #[serde(default)]
    pub pending_at: Option<String>,
    #[serde(default)]
    pub running_at: Option<String>,
    #[serde(default)]
    pub finished_at: Option<String>,
}

impl NodeRun {
    /// Whether the action failed: an `error`/`failed` status, or `finished` with an error.
    pub fn failed(&self) -> bool {
        let status = self.status.to_ascii_lowercase();
        matches!(status.as_str(), "error" | "failed" | "failure") || self.error.as_deref().is_some_and(|e| !e.trim().is_empty())
    }

    /// Whether the platform is done with this node run.
    pub fn ended(&self) -> bool {
        matches!(self.status.to_ascii_lowercase().as_str(), "finished" | "succeeded" | "success" | "completed" | "done" | "error" | "failed" | "failure" | "skipped")
    }
}

/// A log line of a playbook or a trigger configuration.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LogEntry {
    #[serde(default)]
    pub uuid: Option<String>,
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub date: Option<String>,
}

/// `GET /playbook-runs/{uuid}/details`.
#[derive(Debug, Clone, Deserialize)]
pub struct RunDetails {
    #[serde(default)]
    pub playbook_run: Option<PlaybookRun>,
    #[serde(default)]
    pub playbook: Value,
    /// Every shape seen for it: a list, a page (`{items}`), or a map of node id → an entry
    /// or a list of entries (the OpenAPI types it as an object).
    #[serde(default, deserialize_with = "node_runs_of_any_shape")]
    pub node_runs: Vec<NodeRun>,
}

impl RunDetails {
    /// The nodes of the playbook the details carry (`playbook.nodes` or `playbook.content.nodes`).
    pub fn playbook_nodes(&self) -> Option<&Map<String, Value>> {
        self.playbook.get("nodes").or_else(|| self.playbook.get("content").and_then(|c| c.get("nodes"))).and_then(Value::as_object)
    }

    pub fn playbook_node_ids(&self) -> Vec<String> {
        self.playbook_nodes().map(|n| n.keys().cloned().collect()).unwrap_or_default()
    }
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
        Value::Null => Ok(String::new()),
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        other => Err(serde::de::Error::custom(format!("node_id must be a number or a string, found {other}"))),
    }
}

/// A name: a string as is, anything else as its JSON text (null: empty).
fn text_of<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Null => String::new(),
        Value::String(s) => s,
        other => other.to_string(),
    })
}

/// Logs as one text: a string, or a list of lines / `{message}` entries joined.
fn text_or_lines<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Null => None,
        Value::String(s) => Some(s),
        Value::Array(lines) => Some(lines.iter().map(|l| l.get("message").and_then(Value::as_str).or(l.as_str()).map_or_else(|| l.to_string(), str::to_owned)).collect::<Vec<_>>().join("\n")),
        other => Some(other.to_string()),
    })
}

fn node_runs_of_any_shape<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<NodeRun>, D::Error> {
    node_runs_from(Value::deserialize(d)?).map_err(serde::de::Error::custom)
}

/// Node runs from a list, a page, or a map of node id → entry / list of entries; an entry
/// without a `node_id` takes its key's.
pub fn node_runs_from(value: Value) -> Result<Vec<NodeRun>, String> {
    let entries = |v: Value, key: Option<&str>| -> Result<Vec<NodeRun>, String> {
        let list = match v {
            Value::Array(list) => list,
            Value::Null => Vec::new(),
            one => vec![one],
        };
        list.into_iter()
            .map(|entry| {
                let mut run: NodeRun = serde_json::from_value(entry).map_err(|e| format!("node run{}: {e}", key.map(|k| format!(" of node {k}")).unwrap_or_default()))?;
                if run.node_id.is_empty() {
                    run.node_id = key.map(str::to_owned).ok_or("a node run without a node_id")?;
                }
                Ok(run)
            })
            .collect()
    };
    match value {
        Value::Null => Ok(Vec::new()),
        Value::Array(_) => entries(value, None),
        Value::Object(mut map) if map.get("items").is_some_and(Value::is_array) => entries(map.remove("items").unwrap_or_default(), None),
        Value::Object(map) => {
            let mut all = Vec::new();
            for (key, v) in map {
                all.extend(entries(v, Some(&key))?);
            }
            Ok(all)
        }
        other => Err(format!("node_runs must be a list or an object, found {other}")),
    }
}
