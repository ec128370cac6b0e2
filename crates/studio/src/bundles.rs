//! Run bundles: a run, the playbook version it ran on and its CODE JSON in one file, to
//! attach to a ticket; secrets replaced by `***`. Imported back, a bundle's run shows
//! read-only in the RUN and CODE views (`options.bundle`: it cannot be rerun).
//!
//! Secrets: run records are redacted when written (the engine replaces every secret value
//! it handed to a block). The bundle is scrubbed again, so a secret never leaves even if a
//! block echoed it in another shape: every secret value of the module configurations the
//! playbook uses and the platform key (read from the vault) is replaced wherever it appears,
//! and every field named like a secret field of those modules is set to `***`.

use crate::files::write_atomically;
use crate::{Result, Studio, StudioError};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use studio_model::{Playbook, RunStatus};

/// A run bundle imported: the playbook and the run to open.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportedBundle {
    pub playbook_id: String,
    pub run_id: String,
}

pub const BUNDLE_FORMAT: &str = "playbook-studio-run-bundle/1";
const REDACTED: &str = "***";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RunBundle {
    pub format: String,
    pub exported_at: String,
    pub run: BundleRun,
    /// The playbook version the run used (SPL).
    pub playbook: Value,
    pub node_runs: Vec<studio_store::NodeRunRow>,
    /// The run's CODE JSON, as the CODE view and the Jinja tester read it.
    pub code: Value,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BundleRun {
    pub id: String,
    pub origin: String,
    pub status: RunStatus,
    pub event: Value,
    pub store: Value,
    pub error: Option<String>,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub playbook_version: Option<u32>,
    #[serde(default)]
    pub event_name: Option<String>,
    /// How it was run (mock mode, pins' node ids, rate limit), as recorded.
    #[serde(default)]
    pub options: Value,
}

/// Replaces every secret value inside strings, and every field named like a secret field.
fn scrub(value: &mut Value, secrets: &[String], fields: &BTreeSet<String>) {
    match value {
        Value::String(s) => {
            for secret in secrets {
                if s.contains(secret.as_str()) {
                    *s = s.replace(secret.as_str(), REDACTED);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| scrub(v, secrets, fields)),
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if fields.contains(k) && !v.is_null() {
                    *v = Value::String(REDACTED.into());
                } else {
                    scrub(v, secrets, fields);
                }
            }
        }
        _ => {}
    }
}

impl Studio {
    /// The secret values (from the vault) and secret field names of the configurations a
    /// playbook uses, and the platform key. Short values (under 4 characters) are left out:
    /// replacing them everywhere would mangle the bundle without hiding anything.
    fn secrets_of(&self, playbook: &Playbook) -> (Vec<String>, BTreeSet<String>) {
        let catalog = self.catalog();
        let mut values = Vec::new();
        let mut fields = BTreeSet::new();
        for module in &catalog.modules {
            fields.extend(module.secret_fields());
        }
        // Each configuration once, however many blocks use it.
        let used: BTreeSet<&str> = playbook.nodes.values().filter_map(|n| n.module_configuration_uuid.as_ref()?.as_deref()).collect();
        for id in used {
            let Ok(configuration) = self.store.module_configuration(id) else { continue };
            for entry in configuration.secret_refs.values() {
                if let Ok(Some(secret)) = self.vault.get(entry) {
                    values.push(secret);
                }
            }
        }
        if let Some(key) = self.platform_key_for_scrub() {
            values.push(key);
        }
        values.retain(|v| v.chars().count() >= 4);
        values.sort_by_key(|v| std::cmp::Reverse(v.len()));
        (values, fields)
    }

    /// Writes a run bundle (atomically), secrets replaced.
    pub fn export_run_bundle(&self, run_id: &str, path: &Path) -> Result<()> {
        let run = self.store.run(run_id)?;
        let playbook = self.store.playbook_content(&run.playbook_id, run.playbook_version)?;
        let node_runs = self.store.node_runs(run_id)?;
        let bundle = RunBundle {
            format: BUNDLE_FORMAT.into(),
            exported_at: studio_engine::now(),
            run: BundleRun {
                id: run.id.clone(),
                origin: run.origin.clone(),
                status: run.status,
                event: run.event.clone(),
                store: run.store.clone(),
                error: run.error.clone(),
                started_at: run.started_at.clone(),
                finished_at: run.finished_at.clone(),
                playbook_version: run.playbook_version,
                event_name: run.event_name.clone(),
                options: run.options.clone(),
            },
            playbook: serde_json::to_value(&playbook).expect("a playbook serializes"),
            node_runs,
            code: self.run_code(run_id)?,
        };
        let mut value = serde_json::to_value(&bundle).expect("a bundle serializes");
        let (secrets, fields) = self.secrets_of(&playbook);
        scrub(&mut value, &secrets, &fields);
        let text = format!("{}\n", serde_json::to_string_pretty(&value).expect("a bundle serializes"));
        write_atomically(path, text.as_bytes()).map_err(|e| StudioError::io(path, e))?;
        tracing::info!(run = run_id, path = %path.display(), "run bundle exported");
        Ok(())
    }

    /// Imports a run bundle: its playbook (the stored one when unchanged, else a new version
    /// of it) and its run, read-only (`options.bundle`).
    pub fn import_run_bundle(&mut self, path: &Path) -> Result<ImportedBundle> {
        let bytes = std::fs::read(path).map_err(|e| StudioError::io(path, e))?;
        let label = path.display().to_string();
        let bundle: RunBundle = serde_json::from_slice(&bytes).map_err(|e| StudioError::io(path, std::io::Error::other(format!("not a run bundle: line {}, column {}: {e}", e.line(), e.column()))))?;
        if bundle.format != BUNDLE_FORMAT {
            return Err(StudioError::io(path, std::io::Error::other(format!("format “{}” is not “{BUNDLE_FORMAT}”", bundle.format))));
        }
        let playbook_bytes = serde_json::to_vec(&bundle.playbook).expect("JSON serializes");
        let outcome = match self.import_if_changed(&playbook_bytes, &label) {
            Ok(outcome) => outcome,
            Err(StudioError::InvalidPlaybook(_)) => self.import_for_editing(&playbook_bytes, &label)?,
            Err(e) => return Err(e),
        };
        let record = outcome.record;
        let run_id = if self.store.run(&bundle.run.id).is_ok() { uuid::Uuid::new_v4().to_string() } else { bundle.run.id.clone() };
        let run = &bundle.run;
        let origin = if run.origin == "platform" { "platform" } else { "local" };
        let mut options = if run.options.is_object() { run.options.clone() } else { serde_json::json!({}) };
        options["bundle"] = Value::Bool(true);
        self.store.in_transaction(|store| {
            store.insert_bundle_run(&studio_store::BundleRunWrite {
                id: &run_id,
                origin,
                options: &options,
                playbook_id: &record.id,
                playbook_version: Some(record.version),
                status: run.status,
                event: &run.event,
                store: &run.store,
                error: run.error.as_deref(),
                started_at: &run.started_at,
                finished_at: run.finished_at.as_deref(),
                event_name: run.event_name.as_deref(),
            })?;
            for n in &bundle.node_runs {
                store.put_node_run(&run_id, &n.as_write())?;
            }
            Ok(())
        })?;
        tracing::info!(run = %run_id, playbook = %record.id, "run bundle imported");
        Ok(ImportedBundle { playbook_id: record.id, run_id })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scrub_replaces_secret_values_anywhere_and_secret_fields_whole() {
        let mut v = json!({"headers": {"Authorization": "Bearer s3cr3t-key"}, "api_key": "other", "list": ["x s3cr3t-key y"], "n": 1});
        scrub(&mut v, &["s3cr3t-key".into()], &BTreeSet::from(["api_key".to_owned()]));
        assert_eq!(v, json!({"headers": {"Authorization": "Bearer ***"}, "api_key": "***", "list": ["x *** y"], "n": 1}));
    }
}
