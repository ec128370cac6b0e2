//! Where blocks come from: the catalogue compiled into the binary (`builtin/`, written by the
//! project with the platform's real uuids) and folders in automation-library layout
//! (`<Module>/manifest.json`, `action_*.json`, `trigger_*.json`).
//!
//! Parsing rules live in `studio_model::catalog`; this crate only finds and reads the files.
//! Storing the result is the store's job.

use include_dir::{include_dir, Dir};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use studio_model::catalog::{parse_block, parse_manifest, parse_operators, CatalogError};
use studio_model::{BlockKind, Catalog, Module};

static BUILTIN_DIR: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/builtin");

/// The built-in catalogue: operators, the common Sekoia.io triggers and actions, HTTP request,
/// and the Utils wait / current time actions. Parsed once.
pub fn builtin() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| load_builtin().unwrap_or_else(|e| panic!("the built-in catalogue is broken: {e}")))
}

fn load_builtin() -> Result<Catalog, CatalogError> {
    let mut catalog = Catalog::default();
    for dir in BUILTIN_DIR.dirs() {
        let files = dir.files().map(|f| (f.path().to_string_lossy().into_owned(), f.contents().to_vec()));
        let report = read_module(&format!("builtin/{}", dir.path().display()), files);
        if let Some(e) = report.errors.into_iter().next() {
            return Err(e);
        }
        catalog.modules.extend(report.module);
    }
    let operators = BUILTIN_DIR.get_file("operators.json").ok_or_else(|| CatalogError { path: "builtin/operators.json".into(), field: None, message: "missing".into() })?;
    catalog.operators = parse_operators("builtin/operators.json", operators.contents())?;
    catalog.modules.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(catalog)
}

/// What importing one module folder gave.
#[derive(Debug, Clone, Serialize)]
pub struct ModuleReport {
    pub path: String,
    /// The module, when its manifest could be read (with the blocks that could be read).
    #[serde(skip)]
    pub module: Option<Module>,
    pub uuid: Option<String>,
    pub name: Option<String>,
    pub actions: usize,
    pub triggers: usize,
    /// Files that could not be read, each with the field at fault.
    pub errors: Vec<CatalogError>,
}

fn file_kind(name: &str) -> Option<BlockKind> {
    if !name.ends_with(".json") {
        return None;
    }
    if name.starts_with("action_") {
        Some(BlockKind::Action)
    } else if name.starts_with("trigger_") {
        Some(BlockKind::Trigger)
    } else {
        None
    }
}

/// Reads one module from its files (path, bytes): `manifest.json` plus blocks. A broken block
/// file is reported and skipped; a broken manifest loses the module.
fn read_module(dir_label: &str, files: impl Iterator<Item = (String, Vec<u8>)>) -> ModuleReport {
    let mut report = ModuleReport { path: dir_label.to_owned(), module: None, uuid: None, name: None, actions: 0, triggers: 0, errors: Vec::new() };
    let mut files: Vec<(String, Vec<u8>)> = files.collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let file_name = |p: &str| Path::new(p).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let Some((manifest_path, manifest_bytes)) = files.iter().find(|(p, _)| file_name(p) == "manifest.json") else {
        report.errors.push(CatalogError { path: format!("{dir_label}/manifest.json"), field: None, message: "missing".into() });
        return report;
    };
    let mut module = match parse_manifest(manifest_path, manifest_bytes) {
        Ok(m) => m,
        Err(e) => {
            report.errors.push(e);
            return report;
        }
    };
    for (path, bytes) in &files {
        let Some(kind) = file_kind(&file_name(path)) else { continue };
        match parse_block(path, bytes, kind) {
            Ok(block) if kind == BlockKind::Action => module.actions.push(block),
            Ok(block) => module.triggers.push(block),
            Err(e) => report.errors.push(e),
        }
    }
    report.uuid = Some(module.uuid.clone());
    report.name = Some(module.name.clone());
    report.actions = module.actions.len();
    report.triggers = module.triggers.len();
    report.module = Some(module);
    report
}

/// Imports one module from its files in memory (path, bytes), as [`import_dir`] does for
/// each module folder: what an import of a module sent another way (a drop, a download) uses.
pub fn import_files(label: &str, files: Vec<(String, Vec<u8>)>) -> ModuleReport {
    read_module(label, files.into_iter())
}

/// The module folders under `root` (a folder holding module folders, or one module folder):
/// the folders with a `manifest.json`, sorted.
pub fn module_dirs(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut module_dirs: Vec<PathBuf> = Vec::new();
    if root.join("manifest.json").is_file() {
        module_dirs.push(root.to_path_buf());
    } else {
        for entry in std::fs::read_dir(root)? {
            let path = entry?.path();
            if path.is_dir() && path.join("manifest.json").is_file() {
                module_dirs.push(path);
            }
        }
    }
    module_dirs.sort();
    Ok(module_dirs)
}

/// Reads one module folder: its manifest and its `action_*.json` / `trigger_*.json` files.
pub fn import_module_dir(dir: &Path) -> std::io::Result<ModuleReport> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if path.is_file() && (name == "manifest.json" || file_kind(&name).is_some()) {
            files.push((path.display().to_string(), std::fs::read(&path)?));
        }
    }
    Ok(read_module(&dir.display().to_string(), files.into_iter()))
}

/// Imports every module under `root` (a folder holding module folders, or one module folder).
/// Each module is independent: one broken manifest does not stop the others.
pub fn import_dir(root: &Path) -> std::io::Result<Vec<ModuleReport>> {
    module_dirs(root)?.iter().map(|dir| import_module_dir(dir)).collect()
}
