//! Catalogue sync, push, pull and comparison of playbooks with the platform.

use super::block_on;
use crate::{PlaybookSummary, Result, Studio, StudioError};
use indexmap::IndexMap;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeSet, HashMap};
use studio_model::{Block, BlockKind, Module, Playbook};
use studio_platform::{PlatformError, PlaybookBody, RemoteBlock, RemoteModule, RemotePlaybook};
use studio_store::ModuleSource;
use ts_rs::TS;

/// How much of the catalogue a sync brought.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CatalogSync {
    pub modules: u32,
    pub actions: u32,
    pub triggers: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PushResult {
    pub remote_uuid: String,
    /// A new platform playbook (else an update of the one pushed before).
    pub created: bool,
}

/// A playbook of the platform, and the local playbook it matches if any.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RemotePlaybookView {
    pub uuid: String,
    pub name: String,
    pub description: String,
    pub updated_at: Option<String>,
    pub local_id: Option<String>,
    /// On or off, and why (switched off after errors, configuration issues...).
    pub status: super::PlatformPlaybookStatus,
}

/// A local playbook against its platform version.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, rename = "PlatformComparison")]
pub struct Comparison {
    pub local_id: String,
    pub remote_uuid: String,
    pub same: bool,
    pub name_differs: bool,
    pub description_differs: bool,
    /// Node ids only on this side.
    pub only_local: Vec<String>,
    pub only_remote: Vec<String>,
    /// Node ids on both sides with different content.
    pub changed: Vec<String>,
}

fn block_of(remote: RemoteBlock, kind: BlockKind) -> Block {
    let outputs: IndexMap<String, String> = match remote.outputs {
        Value::Object(map) => map.into_iter().map(|(k, v)| (k, v.as_str().unwrap_or_default().to_owned())).collect(),
        _ => IndexMap::new(),
    };
    Block {
        kind,
        uuid: remote.uuid,
        name: remote.name,
        slug: remote.slug,
        description: remote.description,
        docker_parameters: remote.docker_parameters,
        arguments: remote.arguments,
        results: remote.results,
        outputs,
    }
}

fn module_of(remote: RemoteModule) -> Module {
    Module {
        uuid: remote.uuid,
        name: remote.name,
        slug: remote.slug,
        description: remote.description,
        version: remote.version,
        categories: remote.categories.iter().filter_map(|c| c.as_str().or_else(|| c.get("name").and_then(Value::as_str)).map(str::to_owned)).collect(),
        configuration: remote.configuration,
        actions: Vec::new(),
        triggers: Vec::new(),
    }
}

fn nodes_value(playbook: &Playbook) -> Value {
    serde_json::to_value(&playbook.nodes).expect("nodes serialize")
}

impl Studio {
    /// Brings the platform's modules, actions and triggers into the store (replacing what
    /// an earlier sync brought for the same modules).
    pub fn pull_catalog(&mut self) -> Result<CatalogSync> {
        let client = self.platform_client()?;
        let (modules, actions, triggers) = block_on(async { Ok::<_, PlatformError>((client.modules().await?, client.actions().await?, client.triggers().await?)) })?;
        let mut by_uuid: IndexMap<String, Module> = modules.into_iter().map(|m| (m.uuid.clone(), module_of(m))).collect();
        let (mut action_count, mut trigger_count) = (0, 0);
        for (blocks, kind) in [(actions, BlockKind::Action), (triggers, BlockKind::Trigger)] {
            for block in blocks {
                let Some(module) = block.module_uuid.as_ref().and_then(|u| by_uuid.get_mut(u)) else {
                    tracing::warn!(block = %block.uuid, "a platform block names no known module; skipped");
                    continue;
                };
                match kind {
                    BlockKind::Action => {
                        action_count += 1;
                        module.actions.push(block_of(block, kind));
                    }
                    BlockKind::Trigger => {
                        trigger_count += 1;
                        module.triggers.push(block_of(block, kind));
                    }
                }
            }
        }
        let stored = self.store.upsert_modules(by_uuid.values(), ModuleSource::Platform)?;
        tracing::info!(modules = stored, actions = action_count, triggers = trigger_count, "catalogue synced from the platform");
        Ok(CatalogSync { modules: stored as u32, actions: action_count, triggers: trigger_count })
    }

    /// The platform's playbooks, each with the local playbook it matches.
    pub fn platform_playbooks(&self) -> Result<Vec<RemotePlaybookView>> {
        let client = self.platform_client()?;
        let remote = block_on(client.playbooks())?;
        let local: HashMap<String, String> = self.store.list_playbooks()?.into_iter().filter_map(|r| r.remote_uuid.clone().map(|u| (u, r.id))).collect();
        Ok(remote
            .into_iter()
            .map(|p| RemotePlaybookView { local_id: local.get(&p.uuid).cloned(), status: (&p).into(), uuid: p.uuid, name: p.name, description: p.description, updated_at: p.updated_at })
            .collect())
    }

    /// Sends a playbook's current version: an update when it was pushed before (and still
    /// exists there), else a new platform playbook whose uuid the local one remembers.
    pub fn push_playbook(&mut self, id: &str) -> Result<PushResult> {
        let client = self.platform_client()?;
        let record = self.store.playbook_record(id)?;
        let playbook = self.store.playbook_content(id, None)?;
        let mut nodes = nodes_value(&playbook);
        let tags = playbook.tags.clone().unwrap_or_default();
        let description = playbook.description.clone().flatten().unwrap_or_default();
        let community = self.store.setting(super::COMMUNITY_SETTING)?.and_then(|v| v.as_str().map(str::to_owned));
        // An update keeps the platform's wiring of triggers the local file does not carry.
        let wiring = match &record.remote_uuid {
            Some(remote) => match block_on(client.playbook(remote)) {
                Ok(current) => keep_trigger_wiring(&mut nodes, &current),
                Err(PlatformError::NotFound { .. }) => None,
                Err(e) => return Err(e.into()),
            },
            None => None,
        };
        let body = PlaybookBody { name: &record.name, description: &description, community_uuid: community.as_deref(), tags: &tags, nodes: &nodes, trigger_configurations: wiring.as_ref() };
        if let Some(remote) = &record.remote_uuid {
            match block_on(client.update_playbook(remote, &body)) {
                Ok(_) => {
                    tracing::info!(id, remote = %remote, "playbook pushed (update)");
                    return Ok(PushResult { remote_uuid: remote.clone(), created: false });
                }
                Err(PlatformError::NotFound { .. }) => tracing::warn!(id, remote = %remote, "the pushed playbook is gone from the platform; creating it again"),
                Err(e) => return Err(e.into()),
            }
        }
        let created = block_on(client.create_playbook(&body))?;
        self.store.set_remote_uuid(id, &created.uuid)?;
        tracing::info!(id, remote = %created.uuid, "playbook pushed (created)");
        Ok(PushResult { remote_uuid: created.uuid, created: true })
    }

    /// Fetches a platform playbook into the store: a new version of the local playbook that
    /// matches it, or a new local playbook (with the platform's uuid).
    pub fn pull_playbook(&mut self, remote_uuid: &str) -> Result<PlaybookSummary> {
        let client = self.platform_client()?;
        let remote = block_on(client.playbook(remote_uuid))?;
        let local = self.store.playbook_by_remote_uuid(&remote.uuid)?;
        let local_id = local.as_ref().map_or_else(|| remote.uuid.clone(), |r| r.id.clone());
        let document = local_document(&remote, &local_id)?;
        let mut playbook = studio_model::parse_playbook_value(document).map_err(StudioError::InvalidPlaybook)?;
        if let Ok(existing) = self.store.playbook_content(&local_id, None) {
            // Keep what only the local file has (workspace, canvas positions of unchanged keys...).
            playbook.extra = merged(existing.extra, playbook.extra);
            playbook.workspace = playbook.workspace.or(existing.workspace);
        }
        let summary = format!("pulled from the platform ({})", remote.updated_at.as_deref().unwrap_or("current version"));
        let record = self.store.save_playbook(&playbook, &summary)?;
        self.store.set_remote_uuid(&record.id, &remote.uuid)?;
        tracing::info!(id = %record.id, remote = %remote.uuid, "playbook pulled");
        Ok(self.store.playbook_record(&record.id)?.into())
    }

    /// Compares a local playbook with the platform's version of it.
    pub fn compare_with_platform(&self, id: &str) -> Result<Comparison> {
        let record = self.store.playbook_record(id)?;
        let remote_uuid = record.remote_uuid.clone().ok_or_else(|| StudioError::Refused(format!("playbook {id} was never pushed to the platform")))?;
        let client = self.platform_client()?;
        let remote = block_on(client.playbook(&remote_uuid))?;
        let local = self.store.playbook_content(id, None)?;
        Ok(compare_documents(id, &record.name, &local, &remote))
    }
}

/// How a local playbook (named `local_name` here) differs from a platform playbook: blocks
/// only on one side or changed (trigger wiring the platform added is not a change), name,
/// description. No store, no network: the UI tests' backend replays its answers.
pub fn compare_documents(local_id: &str, local_name: &str, local: &Playbook, remote: &RemotePlaybook) -> Comparison {
    let local_nodes = nodes_value(local);
    let empty = Map::new();
    let local_nodes = local_nodes.as_object().unwrap_or(&empty);
    let remote_nodes = without_wiring(remote.nodes().unwrap_or(&empty), local_nodes);
    let keys: BTreeSet<&String> = local_nodes.keys().chain(remote_nodes.keys()).collect();
    let (mut only_local, mut only_remote, mut changed) = (Vec::new(), Vec::new(), Vec::new());
    for key in keys {
        match (local_nodes.get(key), remote_nodes.get(key)) {
            (Some(_), None) => only_local.push(key.clone()),
            (None, Some(_)) => only_remote.push(key.clone()),
            (Some(a), Some(b)) if a != b => changed.push(key.clone()),
            _ => {}
        }
    }
    let name_differs = local_name != remote.name;
    let description_differs = local.description.clone().flatten().unwrap_or_default() != remote.description;
    let same = !name_differs && !description_differs && only_local.is_empty() && only_remote.is_empty() && changed.is_empty();
    Comparison { local_id: local_id.to_owned(), remote_uuid: remote.uuid.clone(), same, name_differs, description_differs, only_local, only_remote, changed }
}

/// Gives local trigger nodes without a trigger configuration the one the platform's version
/// of the same node (same trigger) has; returns the platform's list of trigger
/// configurations to send back with them.
fn keep_trigger_wiring(nodes: &mut Value, remote: &RemotePlaybook) -> Option<Value> {
    let remote_nodes = remote.nodes()?;
    for (id, node) in nodes.as_object_mut()?.iter_mut() {
        let Some(theirs) = remote_nodes.get(id) else { continue };
        let same_trigger = node.get("trigger_uuid").is_some() && node.get("trigger_uuid") == theirs.get("trigger_uuid");
        if let (true, None, Some(uuid)) = (same_trigger, node.get("trigger_configuration_uuid"), theirs.get("trigger_configuration_uuid")) {
            node["trigger_configuration_uuid"] = uuid.clone();
        }
    }
    (!remote.trigger_configurations.is_empty()).then(|| Value::Array(remote.trigger_configurations.clone()))
}

/// Remote nodes without what the platform adds to a local node: a trigger configuration the
/// local node does not name is wiring, not a difference.
fn without_wiring(remote: &Map<String, Value>, local: &Map<String, Value>) -> Map<String, Value> {
    let mut remote = remote.clone();
    for (id, node) in remote.iter_mut() {
        if local.get(id).is_some_and(|l| l.get("trigger_configuration_uuid").is_none()) {
            if let Some(map) = node.as_object_mut() {
                map.remove("trigger_configuration_uuid");
            }
        }
    }
    remote
}

/// The SPL document of a platform playbook, under the local id.
fn local_document(remote: &RemotePlaybook, local_id: &str) -> Result<Value> {
    let nodes = remote.nodes().ok_or_else(|| StudioError::Refused(format!("platform playbook {} came without its graph (`content.nodes`)", remote.uuid)))?;
    let mut doc = Map::new();
    if let Some(Value::Object(content)) = &remote.content {
        for (k, v) in content.iter().filter(|(k, _)| *k != "nodes") {
            doc.insert(k.clone(), v.clone());
        }
    }
    doc.insert("uuid".into(), Value::String(local_id.to_owned()));
    doc.insert("name".into(), Value::String(remote.name.clone()));
    doc.insert("description".into(), Value::String(remote.description.clone()));
    doc.insert("nodes".into(), Value::Object(nodes.clone()));
    if !remote.tags.is_empty() && !doc.contains_key("tags") {
        doc.insert("tags".into(), Value::Array(remote.tags.clone()));
    }
    Ok(Value::Object(doc))
}

fn merged(mut base: Map<String, Value>, newer: Map<String, Value>) -> Map<String, Value> {
    base.extend(newer);
    base
}
