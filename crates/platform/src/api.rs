//! The endpoints we use, one method each. Paths are relative to `<base_url>/v1/symphony`.

use crate::client::{decode, Client, Idempotence};
use crate::error::Result;
use crate::types::*;
use reqwest::Method;
use serde_json::{json, Value};

/// What `POST`/`PATCH /playbooks` take.
#[derive(Debug, Clone)]
pub struct PlaybookBody<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub community_uuid: Option<&'a str>,
    pub tags: &'a [String],
    pub nodes: &'a Value,
    /// The trigger configurations the playbook uses (`[{uuid, trigger_uuid}]`), when known.
    pub trigger_configurations: Option<&'a Value>,
}

impl PlaybookBody<'_> {
    fn to_json(&self) -> Value {
        let mut playbook = json!({
            "name": self.name,
            "description": self.description,
            "tags": self.tags,
            "nodes": self.nodes,
        });
        if let Some(community) = self.community_uuid {
            playbook["community_uuid"] = json!(community);
        }
        if let Some(configurations) = self.trigger_configurations {
            playbook["trigger_configurations"] = configurations.clone();
        }
        json!({ "playbook": playbook })
    }
}

fn seg(s: &str) -> String {
    // Uuids and node ids only; anything else is escaped so it cannot change the path.
    s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c.to_string() } else { format!("%{:02X}", c as u32 & 0xff) }).collect()
}

impl Client {
    pub async fn playbooks(&self) -> Result<Vec<RemotePlaybook>> {
        self.list_all("/playbooks", &[]).await
    }

    pub async fn playbook(&self, uuid: &str) -> Result<RemotePlaybook> {
        self.get(&format!("/playbooks/{}", seg(uuid)), &[]).await
    }

    /// Creates a playbook (never retried on 5xx: it could be created twice).
    pub async fn create_playbook(&self, body: &PlaybookBody<'_>) -> Result<RemotePlaybook> {
        let value = self.send(Method::POST, "/playbooks", &[], Some(&body.to_json()), Idempotence::SideEffect).await?;
        decode(&Method::POST, "/playbooks", value)
    }

    /// Replaces a playbook's name, description and graph (sending it twice changes nothing more).
    pub async fn update_playbook(&self, uuid: &str, body: &PlaybookBody<'_>) -> Result<Value> {
        self.send(Method::PATCH, &format!("/playbooks/{}", seg(uuid)), &[], Some(&body.to_json()), Idempotence::Idempotent).await
    }

    /// Runs of a playbook, newest first.
    pub async fn runs(&self, playbook_uuid: &str, limit: u32) -> Result<Vec<PlaybookRun>> {
        self.runs_named(playbook_uuid, None, limit).await
    }

    /// Runs of a playbook, newest first, only those of one event name when given.
    pub async fn runs_named(&self, playbook_uuid: &str, event_name: Option<&str>, limit: u32) -> Result<Vec<PlaybookRun>> {
        let mut query = vec![("match[playbook_uuid]", playbook_uuid.to_owned()), ("sort", "started_at".to_owned()), ("direction", "desc".to_owned()), ("limit", limit.clamp(1, 100).to_string())];
        if let Some(name) = event_name {
            query.push(("match[event]", name.to_owned()));
        }
        let page: crate::client::Page<PlaybookRun> = self.get("/playbook-runs", &query).await?;
        Ok(page.items)
    }

    pub async fn run(&self, run_uuid: &str) -> Result<PlaybookRun> {
        self.get(&format!("/playbook-runs/{}", seg(run_uuid)), &[]).await
    }

    pub async fn run_details(&self, run_uuid: &str) -> Result<RunDetails> {
        self.get(&format!("/playbook-runs/{}/details", seg(run_uuid)), &[]).await
    }

    /// One node run, whole (results, logs, times).
    pub async fn node_run(&self, node_run_uuid: &str) -> Result<NodeRun> {
        self.get(&format!("/node-runs/{}", seg(node_run_uuid)), &[]).await
    }

    /// Every node run of one node in a run (one per loop iteration), whole.
    pub async fn node_runs_of(&self, run_uuid: &str, node_id: &str) -> Result<Vec<NodeRun>> {
        let mut runs: Vec<NodeRun> = self.list_all(&format!("/playbook-runs/{}/node-runs/{}", seg(run_uuid), seg(node_id)), &[]).await?;
        for run in runs.iter_mut().filter(|r| r.node_id.is_empty()) {
            run.node_id = node_id.to_owned();
        }
        Ok(runs)
    }

    /// Reruns a run (entirely, or only its failed and pending actions). The platform updates
    /// a failed or pending run in place and makes a new run of a succeeded one; its answer
    /// names neither.
    pub async fn rerun(&self, run_uuid: &str, only_failed_actions: bool) -> Result<Value> {
        let query = [("only_failed_actions", only_failed_actions.to_string())];
        self.send(Method::POST, &format!("/playbook-runs/{}/re-run", seg(run_uuid)), &query, None, Idempotence::SideEffect).await
    }

    /// Reruns every failed run of a playbook (accepted, then done in the background).
    pub async fn rerun_failed_runs(&self, playbook_uuid: &str) -> Result<()> {
        self.send(Method::POST, &format!("/playbooks/{}/re-run-failed", seg(playbook_uuid)), &[], None, Idempotence::SideEffect).await.map(drop)
    }

    /// Switches a playbook on: it runs from its triggers from now on.
    pub async fn activate(&self, playbook_uuid: &str) -> Result<()> {
        self.send(Method::POST, &format!("/playbooks/{}/activate", seg(playbook_uuid)), &[], None, Idempotence::Idempotent).await.map(drop)
    }

    /// Switches a playbook off.
    pub async fn deactivate(&self, playbook_uuid: &str) -> Result<()> {
        self.send(Method::POST, &format!("/playbooks/{}/deactivate", seg(playbook_uuid)), &[], None, Idempotence::Idempotent).await.map(drop)
    }

    /// The newest log lines of a playbook.
    pub async fn playbook_logs(&self, playbook_uuid: &str, limit: u32) -> Result<Vec<LogEntry>> {
        let page: crate::client::Page<LogEntry> = self.get(&format!("/playbooks/{}/logs", seg(playbook_uuid)), &[("limit", limit.clamp(1, 100).to_string())]).await?;
        Ok(page.items)
    }

    /// The newest log lines of a trigger configuration (what its trigger received or refused).
    pub async fn trigger_configuration_logs(&self, configuration_uuid: &str, limit: u32) -> Result<Vec<LogEntry>> {
        let path = format!("/trigger-configurations/{}/logs", seg(configuration_uuid));
        let page: crate::client::Page<LogEntry> = self.get(&path, &[("limit", limit.clamp(1, 100).to_string())]).await?;
        Ok(page.items)
    }

    pub async fn modules(&self) -> Result<Vec<RemoteModule>> {
        self.list_all("/modules", &[]).await
    }

    pub async fn actions(&self) -> Result<Vec<RemoteBlock>> {
        self.list_all("/actions", &[]).await
    }

    pub async fn triggers(&self) -> Result<Vec<RemoteBlock>> {
        self.list_all("/triggers", &[]).await
    }

    pub async fn trigger_configurations(&self) -> Result<Vec<TriggerConfiguration>> {
        self.list_all("/trigger-configurations", &[]).await
    }

    pub async fn create_trigger_configuration(&self, name: &str, trigger_uuid: &str, module_configuration_uuid: &str) -> Result<TriggerConfiguration> {
        let body = json!({ "name": name, "trigger_uuid": trigger_uuid, "module_configuration_uuid": module_configuration_uuid, "value": {} });
        let value = self.send(Method::POST, "/trigger-configurations", &[], Some(&body), Idempotence::SideEffect).await?;
        decode(&Method::POST, "/trigger-configurations", value)
    }

    pub async fn module_configurations(&self, module_uuid: &str) -> Result<Vec<ModuleConfiguration>> {
        self.list_all("/module-configurations", &[("match[module_uuid]", module_uuid.to_owned())]).await
    }

    pub async fn create_module_configuration(&self, name: &str, module_uuid: &str) -> Result<ModuleConfiguration> {
        let body = json!({ "name": name, "module_uuid": module_uuid, "value": {} });
        let value = self.send(Method::POST, "/module-configurations", &[], Some(&body), Idempotence::SideEffect).await?;
        decode(&Method::POST, "/module-configurations", value)
    }

    /// Sends an event to a trigger configuration for a playbook (the manual trigger), under
    /// an event name the run will carry (`match[event]` finds it).
    pub async fn emit_event(&self, trigger_configuration_uuid: &str, playbook_uuid: &str, name: &str, event: &Value) -> Result<()> {
        let body = json!({ "name": name, "event": event, "playbook_uuid": playbook_uuid });
        self.send(Method::POST, &format!("/trigger-configurations/{}", seg(trigger_configuration_uuid)), &[], Some(&body), Idempotence::SideEffect).await.map(drop)
    }
}
