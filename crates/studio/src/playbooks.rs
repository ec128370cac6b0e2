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
    /// The platform playbook it was pushed to or pulled from.
    pub remote_uuid: Option<String>,
}

impl From<PlaybookRecord> for PlaybookSummary {
    fn from(r: PlaybookRecord) -> Self {
        Self { id: r.id, name: r.name, description: r.description, tags: r.tags, node_count: r.node_count, version: r.version, updated_at: r.updated_at, remote_uuid: r.remote_uuid }
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
    /// Graph errors stored along (an import for editing keeps a broken link or a cycle, to
    /// be fixed in the designer); always empty for a strict import.
    pub errors: Vec<Diagnostic>,
}

/// A pause in editing this long closes the version the edits were going into (our choice:
/// the next edit after a minute's pause, or after a run, starts a new version).
pub const EDIT_PAUSE: std::time::Duration = std::time::Duration::from_secs(60);

/// Longest name accepted for a playbook.
pub(crate) const MAX_NAME: usize = 200;

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

    /// Parses and checks a document against the current catalogue (shape, graph, blocks):
    /// what an import needs.
    pub fn validate(&self, bytes: &[u8]) -> (Option<Playbook>, Vec<Diagnostic>) {
        let catalog = self.catalog();
        studio_model::validate(bytes, Some(&catalog))
    }

    /// [`Studio::validate`] and the Jinja checks (`jinja_checks.rs`): what `playbook
    /// validate` and the Problems panel report, errors first.
    pub fn validate_with_jinja(&self, bytes: &[u8]) -> (Option<Playbook>, Vec<Diagnostic>) {
        let catalog = self.catalog();
        let (playbook, mut diags) = studio_model::validate(bytes, Some(&catalog));
        if let Some(pb) = &playbook {
            diags.extend(Self::designer_checks(pb, &catalog));
            studio_model::diagnostic::sort(&mut diags);
        }
        (playbook, diags)
    }

    /// Stores a playbook document as a new version (of the stored playbook with the same
    /// uuid, or of a new one). A document with errors is refused with every error; one without
    /// a uuid gets a fresh one.
    pub fn import_playbook(&mut self, bytes: &[u8], origin: &str) -> Result<ImportOutcome> {
        self.import_with(bytes, origin, false)
    }

    /// Like [`Studio::import_playbook`], but a document that reads as a playbook is stored
    /// even with graph errors (a link to a missing block, a cycle), so the designer opens it
    /// with its problems listed; only a document that cannot be read is refused.
    pub fn import_for_editing(&mut self, bytes: &[u8], origin: &str) -> Result<ImportOutcome> {
        self.import_with(bytes, origin, true)
    }

    /// A file's playbook as a new playbook beside the one with its uuid.
    pub(crate) fn import_copy(&mut self, bytes: &[u8], origin: &str) -> Result<ImportOutcome> {
        let (playbook, diags) = self.validate(bytes);
        let Some(mut playbook) = playbook else {
            return Err(StudioError::InvalidPlaybook(diags.into_iter().filter(Diagnostic::is_error).collect()));
        };
        playbook.uuid = Some(uuid::Uuid::new_v4().to_string());
        playbook.name = Some(format!("{} (copy)", playbook.name()));
        let record = self.store.save_playbook(&playbook, &format!("imported as a copy from {origin}"))?;
        tracing::info!(id = %record.id, "playbook imported as a copy");
        let (errors, warnings) = diags.into_iter().partition(Diagnostic::is_error);
        Ok(ImportOutcome { record, warnings, errors })
    }

    /// A new version keeps the module configuration chosen here for a block whose file
    /// version names none (a file from elsewhere does not drop the local choices).
    fn keep_local_configurations(&self, playbook: &mut Playbook) {
        let Some(current) = playbook.uuid.as_deref().and_then(|u| self.store.playbook_content(u, None).ok()) else { return };
        for (id, node) in playbook.nodes.iter_mut() {
            let Some(local) = current.nodes.get(id) else { continue };
            if node.module_configuration_uuid.is_none() && node.module_uuid == local.module_uuid {
                if let Some(Some(chosen)) = &local.module_configuration_uuid {
                    node.module_configuration_uuid = Some(Some(chosen.clone()));
                }
            }
        }
    }

    fn import_with(&mut self, bytes: &[u8], origin: &str, keep_errors: bool) -> Result<ImportOutcome> {
        let (playbook, diags) = self.validate(bytes);
        let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = diags.into_iter().partition(Diagnostic::is_error);
        let Some(mut playbook) = playbook.filter(|_| errors.is_empty() || keep_errors) else {
            return Err(StudioError::InvalidPlaybook(errors));
        };
        if playbook.uuid.as_deref().is_none_or(|u| u.trim().is_empty()) {
            playbook.uuid = Some(uuid::Uuid::new_v4().to_string());
        }
        self.keep_local_configurations(&mut playbook);
        let record = self.store.save_playbook(&playbook, &format!("imported from {origin}"))?;
        tracing::info!(id = %record.id, version = record.version, nodes = record.node_count, errors = errors.len(), "playbook imported");
        Ok(ImportOutcome { record, warnings, errors })
    }

    /// The stored playbook a file designates: the one with the file's uuid, given a new
    /// version only when the document changed (so running the same file twice does not pile
    /// up versions); a new playbook otherwise.
    pub fn import_if_changed(&mut self, bytes: &[u8], origin: &str) -> Result<ImportOutcome> {
        match self.unchanged(bytes) {
            Some(outcome) => Ok(outcome),
            None => self.import_playbook(bytes, origin),
        }
    }

    /// The stored playbook a document is the current version of, if it is.
    pub(crate) fn unchanged(&self, bytes: &[u8]) -> Option<ImportOutcome> {
        let mut parsed = self.validate(bytes).0?;
        let uuid = parsed.uuid.clone()?;
        let (record, stored) = (self.store.playbook_record(&uuid).ok()?, self.store.playbook_content(&uuid, None).ok()?);
        self.keep_local_configurations(&mut parsed);
        (parsed == stored).then_some(ImportOutcome { record, warnings: Vec::new(), errors: Vec::new() })
    }

    /// Imports (or finds) the playbook file the app was started with.
    pub fn open_file(&mut self, path: &std::path::Path) -> crate::StartupOpen {
        let name = path.display().to_string();
        let result = std::fs::read(path).map_err(|e| StudioError::io(path, e)).and_then(|bytes| {
            self.unchanged(&bytes).map_or_else(|| self.import_for_editing(&bytes, &name), Ok).map_err(|e| match e {
                StudioError::InvalidPlaybook(diagnostics) => StudioError::InvalidFile { path: name.clone(), diagnostics },
                other => other,
            })
        });
        match result {
            Ok(outcome) => crate::StartupOpen::Opened { playbook_id: outcome.record.id },
            Err(error) => crate::StartupOpen::Failed { error: error.into() },
        }
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

    /// The playbook and its document, for the designer.
    pub fn playbook_document(&self, id: &str) -> Result<crate::PlaybookDocument> {
        let (record, playbook) = self.playbook(id)?;
        Ok(crate::PlaybookDocument { summary: record.into(), content: playbook.to_value() })
    }

    /// One saved version's document (what "Restore" previews before it asks).
    pub fn playbook_version_content(&self, id: &str, version: u32) -> Result<serde_json::Value> {
        Ok(self.store.playbook_content(id, Some(version))?.to_value())
    }

    /// Saves the designer's document: into the version of the edits going on, or a new one
    /// after a pause of [`EDIT_PAUSE`] or a run (see `Store::save_edit`); a restore made in
    /// the designer (summary `restored version N`, an undoable edit there) is a version of its
    /// own. The document must have the shape of a playbook (graph errors are allowed: a
    /// playbook in progress is saved as it is); its uuid is the playbook's id.
    pub fn save_document(&mut self, id: &str, content: serde_json::Value, summary: &str) -> Result<PlaybookSummary> {
        self.store.playbook_record(id)?;
        let mut playbook = studio_model::parse_playbook_value(content).map_err(StudioError::InvalidPlaybook)?;
        playbook.uuid = Some(id.to_owned());
        let summary = if summary.trim().is_empty() { "edited" } else { summary.trim() };
        if summary.starts_with("restored version ") {
            return Ok(self.store.save_playbook(&playbook, summary)?.into());
        }
        Ok(self.store.save_edit(&playbook, summary, EDIT_PAUSE)?.into())
    }

    /// What the designer checks beyond the graph: the Jinja mistakes, and the required
    /// arguments that would be empty on the trigger's sample event.
    fn designer_checks(pb: &Playbook, catalog: &studio_model::Catalog) -> Vec<Diagnostic> {
        let mut diags = crate::jinja_checks::check_jinja(pb, catalog);
        // The sample is judged only for a trigger whose results schema lists its fields (an
        // open schema's sample says nothing about what the real event holds).
        let described = |n: &studio_model::Node| {
            let block = catalog.block(n.module_uuid.as_deref().unwrap_or_default(), studio_model::BlockKind::Trigger, n.trigger_uuid.as_deref().unwrap_or_default());
            block.and_then(|b| b.results.get("properties")).and_then(serde_json::Value::as_object).is_some_and(|p| !p.is_empty())
        };
        let trigger = pb.nodes.iter().find(|(_, n)| n.kind == studio_model::NodeType::Trigger).filter(|(_, n)| described(n)).map(|(id, _)| id.as_str());
        let sample = trigger.map(|_| Self::sample_event(pb, catalog));
        diags.extend(crate::required_checks::check_required(pb, catalog, trigger.zip(sample.as_ref())));
        diags
    }

    /// Every diagnostic of a document (shape, graph and catalogue checks).
    pub fn validate_document(&self, content: serde_json::Value) -> Vec<crate::DiagnosticView> {
        let diags = match studio_model::parse_playbook_value(content) {
            Ok(playbook) => {
                let catalog = self.catalog();
                let mut diags = studio_model::check_playbook(&playbook, &studio_model::CheckOptions { catalog: Some(&catalog) });
                diags.extend(Self::designer_checks(&playbook, &catalog));
                studio_model::diagnostic::sort(&mut diags);
                diags
            }
            Err(diags) => diags,
        };
        diags.into_iter().map(Into::into).collect()
    }

    pub fn rename_playbook(&mut self, id: &str, name: &str) -> Result<PlaybookSummary> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StudioError::InvalidInput { field: "name", message: "a playbook needs a name".into() });
        }
        let mut playbook = self.store.playbook_content(id, None)?;
        playbook.name = Some(name.to_owned());
        Ok(self.store.save_playbook(&playbook, &format!("renamed to {name}"))?.into())
    }

    /// A copy under a new uuid, named "<name> (copy)".
    pub fn duplicate_playbook(&mut self, id: &str) -> Result<PlaybookSummary> {
        let mut playbook = self.store.playbook_content(id, None)?;
        playbook.uuid = Some(uuid::Uuid::new_v4().to_string());
        playbook.name = Some(format!("{} (copy)", playbook.name()));
        Ok(self.store.save_playbook(&playbook, &format!("duplicated from {id}"))?.into())
    }

    pub fn delete_playbook(&mut self, id: &str) -> Result<()> {
        self.store.delete_playbook(id)?;
        tracing::info!(id, "playbook deleted");
        Ok(())
    }

    pub fn versions(&self, id: &str) -> Result<Vec<crate::VersionView>> {
        Ok(self.store.history(id)?.into_iter().map(Into::into).collect())
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
