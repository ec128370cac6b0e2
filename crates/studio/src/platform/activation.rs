//! What a platform playbook needs before an event can run it, and its state: the trigger to
//! run from, a trigger configuration attached to that trigger node and listed by the
//! playbook, the playbook switched on; and the playbook's status, status message, status
//! tags and logs, to explain a playbook that does not run.
//!
//! The platform runs a playbook from its trigger only while it is on, and switches it off
//! after 5 consecutive technical errors (its documentation). Running on the platform switches
//! the playbook on (the user asked for a run) and says so; `platform deactivate` switches it
//! off again.

use super::block_on;
use crate::{Result, Studio, StudioError};
use serde::Serialize;
use serde_json::{json, Map, Value};
use studio_engine::RunEvent;
use studio_platform::{Client, LogEntry, RemotePlaybook};
use ts_rs::TS;

const TRIGGER_CONFIGURATION_SETTING: &str = "platform.trigger_configuration.";

/// A platform playbook's state, as the start page, the Platform page and the CLI show it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PlatformPlaybookStatus {
    pub uuid: String,
    pub name: String,
    /// Whether it runs from its triggers.
    pub active: bool,
    /// The platform's word for it (`enabled`, `disabled`...), when it sent one.
    pub status: Option<String>,
    /// Why it has that status (why it was switched off, what is misconfigured).
    pub status_message: Option<String>,
    /// Badges such as `configuration_issues`, `failed_runs`, `trigger_crashed`.
    pub status_tags: Vec<String>,
}

impl From<&RemotePlaybook> for PlatformPlaybookStatus {
    fn from(p: &RemotePlaybook) -> Self {
        Self {
            uuid: p.uuid.clone(),
            name: p.name.clone(),
            active: p.is_active(),
            status: p.status.clone(),
            status_message: p.status_message.clone().filter(|m| !m.is_empty()),
            status_tags: p.status_tags.clone(),
        }
    }
}

/// One log line of a playbook or of one of its trigger configurations.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PlatformLogLine {
    /// `playbook`, or the trigger configuration's uuid.
    pub source: String,
    pub level: String,
    pub message: String,
    pub date: Option<String>,
}

fn line_of(source: &str, entry: LogEntry) -> PlatformLogLine {
    PlatformLogLine { source: source.to_owned(), level: entry.level, message: entry.message, date: entry.date }
}

/// Words for a playbook that cannot run from its trigger, or `None` when it can.
pub(super) fn why_not_running(p: &RemotePlaybook) -> Option<String> {
    let message = p.status_message.as_deref().filter(|m| !m.is_empty()).map(|m| format!(": {m}")).unwrap_or_default();
    if !p.is_active() {
        return Some(format!("playbook {} is off on the platform (status {}){message}", p.uuid, p.status.as_deref().unwrap_or("unknown")));
    }
    if p.status_tags.iter().any(|t| t.contains("configuration")) {
        return Some(format!("playbook {} has configuration issues on the platform{message}", p.uuid));
    }
    None
}

/// The trigger node to run from: the one asked for, else the only trigger.
pub(super) fn trigger_node(remote: &RemotePlaybook, wanted: Option<&str>) -> Result<(String, Value)> {
    let nodes = remote.nodes().ok_or_else(|| StudioError::Refused(format!("platform playbook {} came without its graph", remote.uuid)))?;
    let triggers: Vec<(&String, &Value)> = nodes.iter().filter(|(_, n)| n.get("type").and_then(Value::as_str) == Some("trigger")).collect();
    let pick = match (wanted, triggers.as_slice()) {
        (Some(id), _) => triggers.iter().find(|(k, _)| k.as_str() == id).ok_or_else(|| StudioError::Refused(format!("node {id} is not a trigger of platform playbook {}", remote.uuid)))?,
        (None, [one]) => one,
        (None, []) => return Err(StudioError::Refused(format!("platform playbook {} has no trigger node to send an event to", remote.uuid))),
        (None, several) => {
            let ids: Vec<String> = several.iter().map(|(k, n)| format!("{k} ({})", n.get("name").and_then(Value::as_str).unwrap_or("trigger"))).collect();
            return Err(StudioError::Refused(format!("platform playbook {} has {} triggers: {}; choose one (`--trigger NODE`)", remote.uuid, ids.len(), ids.join(", "))));
        }
    };
    Ok((pick.0.clone(), pick.1.clone()))
}

impl Studio {
    /// The trigger configuration to emit through for a trigger node: the one the node
    /// names, else one the playbook lists for that trigger, else the one we made earlier,
    /// else a new one (with a module configuration of the trigger's module, reused or made).
    async fn trigger_configuration(&mut self, client: &Client, remote: &RemotePlaybook, node: &Value) -> Result<String> {
        let field = |k: &str| node.get(k).and_then(Value::as_str).map(str::to_owned);
        let trigger_uuid = field("trigger_uuid").ok_or_else(|| StudioError::Refused("the trigger node has no trigger_uuid".into()))?;
        let existing = client.trigger_configurations().await?;
        let remembered = self.store.setting(&format!("{TRIGGER_CONFIGURATION_SETTING}{}", remote.uuid))?.and_then(|v| v.as_str().map(str::to_owned));
        let matching = |uuid: &str| existing.iter().any(|c| c.uuid == uuid && c.trigger_uuid.as_deref().is_none_or(|t| t == trigger_uuid));
        if let Some(uuid) = field("trigger_configuration_uuid").into_iter().chain(remote.trigger_configuration_uuids()).chain(remembered).find(|u| matching(u)) {
            return Ok(uuid);
        }
        let module_uuid = field("module_uuid").ok_or_else(|| StudioError::Refused("the trigger node has no module_uuid".into()))?;
        let module_configuration = match client.module_configurations(&module_uuid).await?.into_iter().next() {
            Some(c) => c.uuid,
            None => client.create_module_configuration("Playbook Studio", &module_uuid).await?.uuid,
        };
        let created = client.create_trigger_configuration(&format!("Playbook Studio: {}", remote.name), &trigger_uuid, &module_configuration).await?;
        self.store.set_setting(&format!("{TRIGGER_CONFIGURATION_SETTING}{}", remote.uuid), &json!(created.uuid))?;
        Ok(created.uuid)
    }

    /// Makes the playbook runnable from `trigger_id`: its trigger configuration attached to
    /// the node and listed by the playbook, the playbook on. Returns the configuration and
    /// the playbook as it is now; says what it changed through `on_event`.
    pub(super) fn prepare_remote_trigger(&mut self, client: &Client, remote: RemotePlaybook, trigger_id: &str, on_event: &mut dyn FnMut(&RunEvent)) -> Result<(String, RemotePlaybook)> {
        let (_, node) = trigger_node(&remote, Some(trigger_id))?;
        let configuration = block_on(self.trigger_configuration(client, &remote, &node))?;
        let attached = node.get("trigger_configuration_uuid").and_then(Value::as_str) == Some(configuration.as_str());
        let listed = remote.trigger_configuration_uuids().contains(&configuration);
        let mut remote = remote;
        if !attached || !listed {
            let mut nodes: Map<String, Value> = remote.nodes().cloned().unwrap_or_default();
            nodes[trigger_id]["trigger_configuration_uuid"] = json!(configuration);
            let trigger_uuid = node.get("trigger_uuid").cloned().unwrap_or(Value::Null);
            let mut list: Vec<Value> = remote.trigger_configurations.iter().filter(|c| c.get("uuid").and_then(Value::as_str).or(c.as_str()) != Some(configuration.as_str())).cloned().collect();
            list.push(json!({ "uuid": configuration, "trigger_uuid": trigger_uuid }));
            let (nodes, list) = (Value::Object(nodes), Value::Array(list));
            let tags: Vec<String> = remote.tags.iter().filter_map(|t| t.as_str().map(str::to_owned)).collect();
            let body = studio_platform::PlaybookBody { name: &remote.name, description: &remote.description, community_uuid: None, tags: &tags, nodes: &nodes, trigger_configurations: Some(&list) };
            block_on(client.update_playbook(&remote.uuid, &body))?;
            on_event(&RunEvent::Notice { message: format!("attached trigger configuration {configuration} to trigger node {trigger_id} of platform playbook {}", remote.uuid) });
            remote = block_on(client.playbook(&remote.uuid))?;
        }
        if !remote.is_active() {
            let before = why_not_running(&remote).unwrap_or_default();
            block_on(client.activate(&remote.uuid))?;
            let off = self.hint(format!("`playbook platform deactivate {}` switches it off", remote.uuid), "Switch off, on the Platform page, stops that");
            on_event(&RunEvent::Notice { message: format!("switched platform playbook {} on to run it; it now also runs on every event its trigger receives ({off}); before: {before}", remote.uuid) });
            remote = block_on(client.playbook(&remote.uuid))?;
        }
        if let Some(why) = why_not_running(&remote) {
            return Err(StudioError::Refused(format!("{why}; nothing was sent")));
        }
        Ok((configuration, remote))
    }

    /// The platform uuid a local id or a platform uuid designates.
    pub(crate) fn remote_uuid_of(&self, playbook: &str) -> Result<String> {
        match self.store.playbook_record(playbook) {
            Ok(record) => {
                let push = self.hint(format!("`playbook platform push {playbook}`"), "Push, on its row of the playbook list");
                record.remote_uuid.ok_or_else(|| StudioError::Refused(format!("“{}” is not on the platform yet: push it first ({push})", record.name)))
            }
            Err(studio_store::StoreError::NotFound { .. }) => Ok(playbook.to_owned()),
            Err(e) => Err(e.into()),
        }
    }

    /// A platform playbook's status.
    pub fn platform_playbook_status(&self, playbook: &str) -> Result<PlatformPlaybookStatus> {
        let client = self.platform_client()?;
        Ok((&block_on(client.playbook(&self.remote_uuid_of(playbook)?))?).into())
    }

    /// Switches a platform playbook on or off; returns its status after.
    pub fn platform_set_active(&self, playbook: &str, on: bool) -> Result<PlatformPlaybookStatus> {
        let client = self.platform_client()?;
        let uuid = self.remote_uuid_of(playbook)?;
        if on {
            block_on(client.activate(&uuid))?
        } else {
            block_on(client.deactivate(&uuid))?
        }
        tracing::info!(playbook = %uuid, on, "platform playbook switched");
        Ok((&block_on(client.playbook(&uuid))?).into())
    }

    /// The newest log lines of a platform playbook and of its trigger configurations, newest first.
    pub fn platform_logs(&self, playbook: &str, limit: u32) -> Result<Vec<PlatformLogLine>> {
        let client = self.platform_client()?;
        let uuid = self.remote_uuid_of(playbook)?;
        let remote = block_on(client.playbook(&uuid))?;
        let mut lines: Vec<PlatformLogLine> = block_on(client.playbook_logs(&uuid, limit))?.into_iter().map(|e| line_of("playbook", e)).collect();
        let mut configurations = remote.trigger_configuration_uuids();
        for node in remote.nodes().into_iter().flat_map(|n| n.values()) {
            if let Some(c) = node.get("trigger_configuration_uuid").and_then(Value::as_str).filter(|c| !configurations.iter().any(|k| k == c)) {
                configurations.push(c.to_owned());
            }
        }
        for configuration in configurations {
            lines.extend(block_on(client.trigger_configuration_logs(&configuration, limit))?.into_iter().map(|e| line_of(&configuration, e)));
        }
        lines.sort_by(|a, b| b.date.cmp(&a.date));
        Ok(lines)
    }
}
