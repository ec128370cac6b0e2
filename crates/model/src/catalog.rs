//! The block catalogue: modules with their actions and triggers (automation-library format),
//! and the built-in operators. Parsing here works on bytes the caller read; walking folders is
//! the `studio-catalog` crate's job.

use crate::parse::type_name;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Action,
    Trigger,
}

impl BlockKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Action => "action",
            Self::Trigger => "trigger",
        }
    }
}

/// An action or a trigger of a module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub uuid: String,
    pub name: String,
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docker_parameters: Option<String>,
    /// JSON schema of the block's arguments (`{}` when it takes none).
    #[serde(default)]
    pub arguments: Value,
    /// JSON schema of what the block returns.
    #[serde(default)]
    pub results: Value,
    /// Branches the block declares (name → description); empty means only `default`.
    #[serde(default)]
    pub outputs: IndexMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Module {
    pub uuid: String,
    pub name: String,
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub categories: Vec<String>,
    /// JSON schema of a module configuration; its `secrets` array names the secret fields.
    #[serde(default)]
    pub configuration: Value,
    #[serde(default)]
    pub actions: Vec<Block>,
    #[serde(default)]
    pub triggers: Vec<Block>,
}

impl Module {
    /// Names of the configuration fields that must go to the vault.
    pub fn secret_fields(&self) -> Vec<String> {
        self.configuration.get("secrets").and_then(Value::as_array).map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_owned)).collect()).unwrap_or_default()
    }

    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.actions.iter().chain(self.triggers.iter())
    }
}

/// A built-in operator (condition, store, foreach, any, all).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Operator {
    pub subtype: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// JSON schema of the operator's own node fields (cases, modifications, items...).
    #[serde(default)]
    pub fields: Value,
    /// Fixed branch names (foreach: `loop`, `default`).
    #[serde(default)]
    pub branches: Vec<String>,
    /// Conditions add one branch per case name.
    #[serde(default)]
    pub branches_from_cases: bool,
    #[serde(default)]
    pub results: Value,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub modules: Vec<Module>,
    pub operators: Vec<Operator>,
}

impl Catalog {
    pub fn module(&self, uuid: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.uuid == uuid)
    }

    pub fn block(&self, module_uuid: &str, kind: BlockKind, uuid: &str) -> Option<&Block> {
        let module = self.module(module_uuid)?;
        let list = match kind {
            BlockKind::Action => &module.actions,
            BlockKind::Trigger => &module.triggers,
        };
        list.iter().find(|b| b.uuid == uuid)
    }

    /// Adds modules; a module already present is replaced by the new one, except for blocks
    /// only the old one had, which are kept (an import never loses a built-in block).
    pub fn merge_modules(&mut self, modules: impl IntoIterator<Item = Module>) {
        let mut index: HashMap<String, usize> = self.modules.iter().enumerate().map(|(i, m)| (m.uuid.clone(), i)).collect();
        for module in modules {
            match index.get(&module.uuid) {
                Some(&i) => {
                    let previous = std::mem::replace(&mut self.modules[i], module);
                    let merged = &mut self.modules[i];
                    for (old, new) in [(previous.actions, &mut merged.actions), (previous.triggers, &mut merged.triggers)] {
                        let kept: Vec<Block> = old.into_iter().filter(|b| !new.iter().any(|n| n.uuid == b.uuid)).collect();
                        new.extend(kept);
                    }
                }
                None => {
                    index.insert(module.uuid.clone(), self.modules.len());
                    self.modules.push(module);
                }
            }
        }
    }
}

/// A catalogue file that could not be read: which file, which field, what was wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogError {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{}: {}: {}", self.path, field, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for CatalogError {}

fn read_object(path: &str, bytes: &[u8]) -> Result<Map<String, Value>, CatalogError> {
    let err = |message: String| CatalogError { path: path.to_owned(), field: None, message };
    let value: Value = serde_json::from_slice(bytes).map_err(|e| err(format!("invalid JSON at line {}, column {}: {}", e.line(), e.column(), e)))?;
    match value {
        Value::Object(map) => Ok(map),
        other => Err(err(format!("expected a JSON object, found {}", type_name(&other)))),
    }
}

fn string_field(path: &str, obj: &Map<String, Value>, key: &str, required: bool) -> Result<String, CatalogError> {
    let err = |message: String| CatalogError { path: path.to_owned(), field: Some(key.to_owned()), message };
    match obj.get(key) {
        Some(Value::String(s)) if required && s.trim().is_empty() => Err(err("must not be empty".into())),
        Some(Value::String(s)) => Ok(s.clone()),
        None | Some(Value::Null) if !required => Ok(String::new()),
        None => Err(err("missing".into())),
        Some(other) => Err(err(format!("expected a string, found {}", type_name(other)))),
    }
}

fn schema_field(path: &str, obj: &Map<String, Value>, key: &str) -> Result<Value, CatalogError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(Value::Object(Map::new())),
        Some(v @ Value::Object(_)) => Ok(v.clone()),
        Some(other) => Err(CatalogError { path: path.to_owned(), field: Some(key.to_owned()), message: format!("expected a JSON schema object, found {}", type_name(other)) }),
    }
}

/// Reads a module's `manifest.json` (without its blocks).
pub fn parse_manifest(path: &str, bytes: &[u8]) -> Result<Module, CatalogError> {
    let obj = read_object(path, bytes)?;
    let categories = match obj.get("categories") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().filter_map(|c| c.as_str().map(str::to_owned)).collect(),
        Some(other) => return Err(CatalogError { path: path.to_owned(), field: Some("categories".into()), message: format!("expected an array of strings, found {}", type_name(other)) }),
    };
    Ok(Module {
        uuid: string_field(path, &obj, "uuid", true)?,
        name: string_field(path, &obj, "name", true)?,
        slug: string_field(path, &obj, "slug", false)?,
        description: string_field(path, &obj, "description", false)?,
        version: string_field(path, &obj, "version", false)?,
        categories,
        configuration: schema_field(path, &obj, "configuration")?,
        actions: Vec::new(),
        triggers: Vec::new(),
    })
}

/// Reads an `action_*.json` or `trigger_*.json` file.
pub fn parse_block(path: &str, bytes: &[u8], kind: BlockKind) -> Result<Block, CatalogError> {
    let obj = read_object(path, bytes)?;
    let outputs = match obj.get("outputs") {
        None | Some(Value::Null) => IndexMap::new(),
        Some(Value::Object(map)) => map.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned())).collect(),
        Some(other) => return Err(CatalogError { path: path.to_owned(), field: Some("outputs".into()), message: format!("expected an object of branch → description, found {}", type_name(other)) }),
    };
    let docker = string_field(path, &obj, "docker_parameters", false)?;
    Ok(Block {
        kind,
        uuid: string_field(path, &obj, "uuid", true)?,
        name: string_field(path, &obj, "name", true)?,
        slug: string_field(path, &obj, "slug", false)?,
        description: string_field(path, &obj, "description", false)?,
        docker_parameters: (!docker.is_empty()).then_some(docker),
        arguments: schema_field(path, &obj, "arguments")?,
        results: schema_field(path, &obj, "results")?,
        outputs,
    })
}

/// Reads the built-in operators file: `{"operators": [...]}`.
pub fn parse_operators(path: &str, bytes: &[u8]) -> Result<Vec<Operator>, CatalogError> {
    #[derive(Deserialize)]
    struct File {
        operators: Vec<Operator>,
    }
    serde_json::from_slice::<File>(bytes).map(|f| f.operators).map_err(|e| CatalogError { path: path.to_owned(), field: None, message: e.to_string() })
}
