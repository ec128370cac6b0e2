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

impl Studio {
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
        modules.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()));
        modules
    }

    /// Imports every module of an automation-library folder; modules whose manifest is broken
    /// are reported and skipped, the others are stored.
    pub fn import_catalog_dir(&mut self, dir: &Path) -> Result<Vec<ModuleReport>> {
        let reports = studio_catalog::import_dir(dir).map_err(|e| StudioError::io(dir, e))?;
        let modules = reports.iter().filter_map(|r| r.module.as_ref());
        let stored = self.store.upsert_modules(modules, ModuleSource::Import)?;
        tracing::info!(dir = %dir.display(), stored, failed = reports.iter().filter(|r| r.module.is_none()).count(), "catalogue imported");
        Ok(reports)
    }
}
