//! Playbook files on disk: import one, export one. Exports are written atomically (a
//! temporary file in the same folder, synced, renamed over the target), so a crash or a full
//! disk never leaves half a file where a good one was.

use crate::{PlaybookSummary, Result, Studio, StudioError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `content` to `path` through a temporary file in the same folder, renamed over the
/// target at the end: readers never see half a file.
pub fn write_atomically(path: &Path, content: &[u8]) -> io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "export".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(content)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Where the tests of a playbook file are kept: `triage.json` → `triage.tests.json`.
pub fn tests_path(spl: &Path) -> PathBuf {
    let name = spl.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = name.strip_suffix(".json").unwrap_or(&name);
    spl.with_file_name(format!("{stem}.tests.json"))
}

/// What to do with a file whose playbook is already here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum WhenExists {
    /// A new version of the playbook here.
    NewVersion,
    /// A new playbook (new uuid, "(copy)" after its name).
    Copy,
}

impl Studio {
    /// Imports an SPL file for the designer (a new version when its uuid is already stored).
    /// A file with graph errors (a link to a missing block, a cycle) is stored and opens with
    /// its problems listed; one that cannot be read is refused, naming the file and, for
    /// invalid JSON, the line and column.
    ///
    /// A file whose playbook is here with other content needs `when_exists` (a new version
    /// of it, or a copy under a new uuid); without it the import stops with
    /// [`StudioError::PlaybookExists`]. The file's unchanged playbook is just opened.
    pub fn import_playbook_file(&mut self, path: &Path, when_exists: Option<WhenExists>) -> Result<PlaybookSummary> {
        let bytes = std::fs::read(path).map_err(|e| StudioError::io(path, e))?;
        let label = path.display().to_string();
        if when_exists != Some(WhenExists::Copy) {
            if let Some(outcome) = self.unchanged(&bytes) {
                return Ok(outcome.record.into());
            }
        }
        let (parsed, _) = self.validate(&bytes);
        let existing = parsed.as_ref().and_then(|p| p.uuid.as_deref()).and_then(|uuid| self.store.playbook_record(uuid).ok());
        let imported = match (existing, when_exists) {
            (Some(record), None) => return Err(StudioError::PlaybookExists { path: label, id: record.id, name: record.name, version: record.version }),
            (Some(_), Some(WhenExists::Copy)) => self.import_copy(&bytes, &label),
            _ => self.import_for_editing(&bytes, &label),
        };
        match imported {
            Ok(outcome) => {
                // The tests kept beside the file come along; a broken one leaves the playbook
                // imported (and says so in the log).
                if let Err(e) = self.import_tests_beside(&outcome.record.id, path) {
                    tracing::warn!(error = %e, "the tests beside the imported playbook were not imported");
                }
                Ok(outcome.record.into())
            }
            Err(StudioError::InvalidPlaybook(diags)) => Err(StudioError::InvalidFile { path: label, diagnostics: diags }),
            Err(e) => Err(e),
        }
    }

    /// Writes a playbook's current version as SPL JSON, and its tests beside it
    /// (`<name>.tests.json`) when it has some.
    pub fn export_playbook_file(&self, id: &str, path: &Path) -> Result<()> {
        let text = self.export_playbook(id)?;
        write_atomically(path, format!("{text}\n").as_bytes()).map_err(|e| StudioError::io(path, e))?;
        self.export_tests_beside(id, path)?;
        tracing::info!(id, path = %path.display(), "playbook exported");
        Ok(())
    }

    /// Writes the playbook's tests beside its exported file, when it has some.
    pub fn export_tests_beside(&self, id: &str, spl: &Path) -> Result<Option<PathBuf>> {
        let Some(text) = self.tests_file_text(id)? else { return Ok(None) };
        let path = tests_path(spl);
        write_atomically(&path, text.as_bytes()).map_err(|e| StudioError::io(&path, e))?;
        Ok(Some(path))
    }

    /// Imports the tests file beside a playbook file, when there is one (how many tests).
    pub fn import_tests_beside(&mut self, id: &str, spl: &Path) -> Result<Option<usize>> {
        let path = tests_path(spl);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(StudioError::io(&path, e)),
        };
        let file = Studio::parse_tests_file(&bytes, &path.display().to_string())?;
        self.import_tests(id, file).map(Some)
    }
}

/// The largest JSON document (an event, pinned results) read from a file: 256 MB.
pub const MAX_JSON_FILE_BYTES: u64 = 256 << 20;

/// Reads a JSON document (a run's event, pinned results). Errors name the file and, for
/// invalid JSON, the line and column; a folder or a file over the limit is refused before
/// anything is read.
pub fn read_json_file(path: &Path) -> Result<serde_json::Value> {
    let meta = std::fs::metadata(path).map_err(|e| StudioError::io(path, e))?;
    if meta.is_dir() {
        return Err(StudioError::io(path, io::Error::other("is a folder, expected a JSON file")));
    }
    if meta.len() > MAX_JSON_FILE_BYTES {
        let message = format!("the file is {} MB; the limit is {} MB", meta.len() >> 20, MAX_JSON_FILE_BYTES >> 20);
        return Err(StudioError::io(path, io::Error::other(message)));
    }
    let bytes = std::fs::read(path).map_err(|e| StudioError::io(path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| StudioError::io(path, io::Error::other(format!("invalid JSON at line {}, column {}: {e}", e.line(), e.column()))))
}
