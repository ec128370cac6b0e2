//! Playbook use cases: create, import, validate, export, list, history, restore.

use crate::{Result, Studio, StudioError};
use serde::{Deserialize, Serialize};
use studio_model::{Diagnostic, Playbook};
use studio_store::{PlaybookRecord, VersionInfo};
use ts_rs::TS;

/// A playbook as lists show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PlaybookSummary {
    pub id: String,
    pub name: String,
    pub description: String,
    pub tags: Vec<String>,
    pub node_count: u32,
    pub version: u32,
    pub updated_at: String,
}

impl From<PlaybookRecord> for PlaybookSummary {
    fn from(r: PlaybookRecord) -> Self {
        Self { id: r.id, name: r.name, description: r.description, tags: r.tags, node_count: r.node_count, version: r.version, updated_at: r.updated_at }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct CreatePlaybookInput {
    pub name: String,
    pub description: String,
}

/// A stored import: the playbook's record and the warnings its checks gave.
#[derive(Debug, Clone)]
pub struct ImportOutcome {
    pub record: PlaybookRecord,
    pub warnings: Vec<Diagnostic>,
}

/// Longest name accepted for a playbook.
const MAX_NAME: usize = 200;

impl Studio {
    pub fn list_playbooks(&self) -> Result<Vec<PlaybookSummary>> {
        Ok(self.store.list_playbooks()?.into_iter().map(Into::into).collect())
    }

    /// Creates an empty playbook with a fresh uuid.
    pub fn create_playbook(&mut self, input: CreatePlaybookInput) -> Result<PlaybookSummary> {
        let name = input.name.trim();
        if name.is_empty() {
            return Err(StudioError::InvalidInput { field: "name", message: "a playbook needs a name".into() });
        }
        if name.chars().count() > MAX_NAME {
            return Err(StudioError::InvalidInput { field: "name", message: format!("at most {MAX_NAME} characters") });
        }
        let playbook = Playbook::new(uuid::Uuid::new_v4().to_string(), name.to_owned(), input.description.trim().to_owned());
        let record = self.store.save_playbook(&playbook, "created")?;
        tracing::info!(id = %record.id, "playbook created");
        Ok(record.into())
    }

    /// Parses and checks a document against the current catalogue.
    pub fn validate(&self, bytes: &[u8]) -> (Option<Playbook>, Vec<Diagnostic>) {
        let catalog = self.catalog();
        studio_model::validate(bytes, Some(&catalog))
    }

    /// Stores a playbook document as a new version (of the stored playbook with the same
    /// uuid, or of a new one). A document with errors is refused with every error; one without
    /// a uuid gets a fresh one.
    pub fn import_playbook(&mut self, bytes: &[u8], origin: &str) -> Result<ImportOutcome> {
        let (playbook, diags) = self.validate(bytes);
        let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = diags.into_iter().partition(Diagnostic::is_error);
        let Some(mut playbook) = playbook.filter(|_| errors.is_empty()) else {
            return Err(StudioError::InvalidPlaybook(errors));
        };
        if playbook.uuid.as_deref().is_none_or(|u| u.trim().is_empty()) {
            playbook.uuid = Some(uuid::Uuid::new_v4().to_string());
        }
        let record = self.store.save_playbook(&playbook, &format!("imported from {origin}"))?;
        tracing::info!(id = %record.id, version = record.version, nodes = record.node_count, "playbook imported");
        Ok(ImportOutcome { record, warnings })
    }

    /// The stored playbook a file designates: the one with the file's uuid, given a new
    /// version only when the document changed (so running the same file twice does not pile
    /// up versions); a new playbook otherwise.
    pub fn import_if_changed(&mut self, bytes: &[u8], origin: &str) -> Result<ImportOutcome> {
        let (parsed, _) = self.validate(bytes);
        if let Some(uuid) = parsed.as_ref().and_then(|p| p.uuid.clone()) {
            if let (Ok(record), Ok(stored)) = (self.store.playbook_record(&uuid), self.store.playbook_content(&uuid, None)) {
                if parsed.as_ref() == Some(&stored) {
                    return Ok(ImportOutcome { record, warnings: Vec::new() });
                }
            }
        }
        self.import_playbook(bytes, origin)
    }

    pub fn playbook(&self, id: &str) -> Result<(PlaybookRecord, Playbook)> {
        let record = self.store.playbook_record(id)?;
        let playbook = self.store.playbook_content(id, None)?;
        Ok((record, playbook))
    }

    /// The playbook as SPL JSON (pretty, keys in their original order).
    pub fn export_playbook(&self, id: &str) -> Result<String> {
        Ok(self.store.playbook_content(id, None)?.to_json_pretty())
    }

    pub fn history(&self, id: &str) -> Result<Vec<VersionInfo>> {
        Ok(self.store.history(id)?)
    }

    pub fn restore_version(&mut self, id: &str, version: u32) -> Result<PlaybookSummary> {
        let record = self.store.restore_version(id, version)?;
        tracing::info!(id, version, head = record.version, "version restored");
        Ok(record.into())
    }
}
