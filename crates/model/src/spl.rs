//! SPL (the platform's playbook JSON) as Rust types.
//!
//! Every struct keeps the keys it does not model in `extra`, and optional keys remember
//! whether they were absent or `null`, so `serde_json::to_value(parse(doc)) == doc` for any
//! document the parser accepts (key order aside).

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Number, Value};

/// Deserializes a present key (even `null`) as `Some(..)`, so `Option<Option<T>>` tells an
/// absent key (`None`) from an explicit `null` (`Some(None)`).
fn present<'de, D, T>(de: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(de).map(Some)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Playbook {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub description: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub workspace: Option<Option<String>>,
    pub nodes: IndexMap<String, Node>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Playbook {
    /// A new, empty playbook (what "New playbook" creates).
    pub fn new(uuid: String, name: String, description: String) -> Self {
        Self { uuid: Some(uuid), name: Some(name), description: Some(Some(description)), tags: Some(Vec::new()), workspace: None, nodes: IndexMap::new(), extra: Map::new() }
    }

    pub fn name(&self) -> &str {
        self.name.as_deref().unwrap_or("")
    }

    pub fn description(&self) -> &str {
        self.description.as_ref().and_then(|d| d.as_deref()).unwrap_or("")
    }

    pub fn tags(&self) -> &[String] {
        self.tags.as_deref().unwrap_or(&[])
    }

    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).expect("a playbook always serializes")
    }

    /// Pretty JSON with the keys in the order they were read.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("a playbook always serializes")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeType {
    Trigger,
    Action,
    Operator,
}

impl NodeType {
    pub const ALL: [&'static str; 3] = ["trigger", "action", "operator"];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OperatorSubtype {
    Condition,
    Store,
    Foreach,
    Any,
    All,
}

impl OperatorSubtype {
    pub const ALL: [&'static str; 5] = ["condition", "store", "foreach", "any", "all"];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Condition => "condition",
            Self::Store => "store",
            Self::Foreach => "foreach",
            Self::Any => "any",
            Self::All => "all",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    #[serde(rename = "type")]
    pub kind: NodeType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Branch name → target node ids.
    pub outputs: IndexMap<String, Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtype: Option<OperatorSubtype>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub module_uuid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_uuid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger_uuid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub module_configuration_uuid: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub trigger_configuration_uuid: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arguments: Option<Map<String, Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cases: Option<Vec<Case>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modifications: Option<Vec<Modification>>,
    /// Foreach: a Jinja expression that yields the list to iterate over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Value>,
    /// Foreach: the per-item branch's targets.
    #[serde(default, rename = "loop", skip_serializing_if = "Option::is_none")]
    pub loop_targets: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Node {
    /// Every edge leaving this node: `(branch, target)`, the foreach loop as branch `loop`.
    pub fn edges(&self) -> impl Iterator<Item = (&str, &str)> {
        let outputs = self.outputs.iter().flat_map(|(branch, targets)| targets.iter().map(move |t| (branch.as_str(), t.as_str())));
        let looped = self.loop_targets.iter().flatten().map(|t| ("loop", t.as_str()));
        outputs.chain(looped)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparison: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub right: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub description: Option<Option<String>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Comparisons a condition case may use.
pub const COMPARISONS: [&str; 9] = ["==", "!=", "<", ">", "<=", ">=", "in", "not in", "range"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Modification {
    pub key: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Store modification types.
pub const MODIFICATION_TYPES: [&str; 4] = ["set", "unset", "append", "remove"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Position {
    /// Kept as JSON numbers so `-16` stays `-16` and `12.5` stays `12.5`.
    pub x: Number,
    pub y: Number,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
