//! Catalogue use cases: the effective catalogue (built-in, then imported modules over it) and
//! the import of an automation-library folder.

use crate::{Result, Studio, StudioError};
use serde::Serialize;
use std::path::Path;
use studio_catalog::ModuleReport;
use studio_model::{Block, Catalog};
use studio_store::ModuleSource;

/// A module as `catalog list` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct CatalogModuleSummary {
    pub uuid: String,
    pub name: String,
    pub slug: String,
    pub actions: Vec<BlockSummary>,
    pub triggers: Vec<BlockSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BlockSummary {
    pub uuid: String,
    pub name: String,
    pub slug: String,
    pub description: String,
}

impl From<&Block> for BlockSummary {
    fn from(b: &Block) -> Self {
        Self { uuid: b.uuid.clone(), name: b.name.clone(), slug: b.slug.clone(), description: b.description.clone() }
    }
}

/// Where a catalogue module comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ModuleOrigin {
    Builtin,
    Import,
    Platform,
}

/// A module as the Catalogue page lists it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CatalogModuleView {
    pub uuid: String,
    pub name: String,
    pub description: String,
    pub version: String,
    pub origin: ModuleOrigin,
    /// When it was imported or synced (RFC 3339); `null` for a built-in module.
    pub imported_at: Option<String>,
    /// Whether a built-in module of the same uuid lies under this one.
    pub overrides_builtin: bool,
    pub actions: Vec<CatalogBlockView>,
    pub triggers: Vec<CatalogBlockView>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CatalogBlockView {
    pub uuid: String,
    pub name: String,
    pub description: String,
}

/// One module of a folder import read: `done` of `total`, and its folder's name.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CatalogImportProgress {
    pub done: usize,
    pub total: usize,
    pub module: String,
}

/// What the import did with one module folder.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ModuleImportReport {
    pub folder: String,
    pub name: Option<String>,
    pub uuid: Option<String>,
    /// Whether the module was stored (its manifest could be read).
    pub imported: bool,
    pub actions: usize,
    pub triggers: usize,
    /// Each file (or the manifest) that was skipped, and why.
    pub skipped: Vec<String>,
}

impl From<&ModuleReport> for ModuleImportReport {
    fn from(r: &ModuleReport) -> Self {
        Self {
            folder: folder_name(Path::new(&r.path)),
            name: r.name.clone(),
            uuid: r.uuid.clone(),
            imported: r.module.is_some(),
            actions: r.actions,
            triggers: r.triggers,
            skipped: r.errors.iter().map(|e| e.to_string()).collect(),
        }
    }
}

fn folder_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

fn block_views(blocks: &[Block]) -> Vec<CatalogBlockView> {
    let mut views: Vec<CatalogBlockView> = blocks.iter().map(|b| CatalogBlockView { uuid: b.uuid.clone(), name: b.name.clone(), description: b.description.clone() }).collect();
    views.sort_by_key(|b| b.name.to_lowercase());
    views
}

impl Studio {
    /// Every module of the effective catalogue with where it came from, by name.
    pub fn catalog_modules(&self) -> Result<Vec<CatalogModuleView>> {
        let origins: std::collections::HashMap<String, (String, String)> = self.store.module_origins()?.into_iter().map(|(uuid, source, at)| (uuid, (source, at))).collect();
        let builtin = studio_catalog::builtin();
        let mut views: Vec<CatalogModuleView> = self
            .catalog()
            .modules
            .iter()
            .map(|m| {
                let stored = origins.get(&m.uuid);
                let origin = match stored.map(|(source, _)| source.as_str()) {
                    None => ModuleOrigin::Builtin,
                    Some("platform") => ModuleOrigin::Platform,
                    Some(_) => ModuleOrigin::Import,
                };
                CatalogModuleView {
                    uuid: m.uuid.clone(),
                    name: m.name.clone(),
                    description: m.description.clone(),
                    version: m.version.clone(),
                    origin,
                    imported_at: stored.map(|(_, at)| at.clone()),
                    overrides_builtin: stored.is_some() && builtin.modules.iter().any(|b| b.uuid == m.uuid),
                    actions: block_views(&m.actions),
                    triggers: block_views(&m.triggers),
                }
            })
            .collect();
        views.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then_with(|| a.uuid.cmp(&b.uuid)));
        Ok(views)
    }

    /// Removes an imported or synced module (the built-in one of the same uuid shows again).
    pub fn remove_catalog_module(&mut self, uuid: &str) -> Result<()> {
        if self.store.delete_module(uuid)? {
            tracing::info!(uuid, "catalogue module removed");
            return Ok(());
        }
        if studio_catalog::builtin().modules.iter().any(|m| m.uuid == uuid) {
            return Err(StudioError::Refused(format!("module {uuid} is built in: it cannot be removed")));
        }
        Err(StudioError::InvalidInput { field: "uuid", message: format!("no imported module {uuid} in the catalogue") })
    }

    /// Built-in modules, replaced or completed by the ones imported into the store. A store
    /// that cannot be read leaves the built-in catalogue (and a log line).
    pub fn catalog(&self) -> Catalog {
        let mut catalog = studio_catalog::builtin().clone();
        match self.store.stored_modules() {
            Ok(stored) => catalog.merge_modules(stored),
            Err(e) => tracing::error!(error = %e, "stored catalogue unreadable; using the built-in one"),
        }
        catalog
    }

    pub fn catalog_view(&self) -> crate::CatalogView {
        (&self.catalog()).into()
    }

    pub fn catalog_summary(&self) -> Vec<CatalogModuleSummary> {
        let mut modules: Vec<CatalogModuleSummary> = self
            .catalog()
            .modules
            .iter()
            .map(|m| CatalogModuleSummary {
                uuid: m.uuid.clone(),
                name: m.name.clone(),
                slug: m.slug.clone(),
                actions: m.actions.iter().map(Into::into).collect(),
                triggers: m.triggers.iter().map(Into::into).collect(),
            })
            .collect();
        modules.sort_by_key(|m| m.name.to_lowercase());
        modules
    }

    /// Imports every module of an automation-library folder; modules whose manifest is broken
    /// are reported and skipped, the others are stored.
    pub fn import_catalog_dir(&mut self, dir: &Path) -> Result<Vec<ModuleReport>> {
        self.import_catalog_dir_with(dir, &mut |_| {})
    }

    /// [`Studio::import_catalog_dir`], telling `progress` about each module folder as it is
    /// read. A folder without any module is refused with what was expected, storing nothing.
    pub fn import_catalog_dir_with(&mut self, dir: &Path, progress: &mut dyn FnMut(CatalogImportProgress)) -> Result<Vec<ModuleReport>> {
        let dirs = studio_catalog::module_dirs(dir).map_err(|e| StudioError::io(dir, e))?;
        if dirs.is_empty() {
            let message = "no module here: expected an automation-library checkout (folders each holding a manifest.json) or one module's folder";
            return Err(StudioError::io(dir, std::io::Error::other(message)));
        }
        let total = dirs.len();
        let mut reports = Vec::with_capacity(total);
        for (done, module_dir) in dirs.iter().enumerate() {
            reports.push(studio_catalog::import_module_dir(module_dir).map_err(|e| StudioError::io(module_dir, e))?);
            progress(CatalogImportProgress { done: done + 1, total, module: folder_name(module_dir) });
        }
        let modules = reports.iter().filter_map(|r| r.module.as_ref());
        let stored = self.store.upsert_modules(modules, ModuleSource::Import)?;
        tracing::info!(dir = %dir.display(), stored, failed = reports.iter().filter(|r| r.module.is_none()).count(), "catalogue imported");
        Ok(reports)
    }
}
