//! Playbook files on disk: import one, export one. Exports are written atomically (a
//! temporary file in the same folder, synced, renamed over the target), so a crash or a full
//! disk never leaves half a file where a good one was.

use crate::{PlaybookSummary, Result, Studio, StudioError};
use std::io::{self, Write};
use std::path::Path;

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

impl Studio {
    /// Imports an SPL file (a new version when its uuid is already stored). Errors name the
    /// file and, for invalid JSON, the line and column.
    pub fn import_playbook_file(&mut self, path: &Path) -> Result<PlaybookSummary> {
        let bytes = std::fs::read(path).map_err(|e| StudioError::io(path, e))?;
        let label = path.display().to_string();
        match self.import_playbook(&bytes, &label) {
            Ok(outcome) => Ok(outcome.record.into()),
            Err(StudioError::InvalidPlaybook(diags)) => Err(StudioError::InvalidFile { path: label, diagnostics: diags }),
            Err(e) => Err(e),
        }
    }

    /// Writes a playbook's current version as SPL JSON.
    pub fn export_playbook_file(&self, id: &str, path: &Path) -> Result<()> {
        let text = self.export_playbook(id)?;
        write_atomically(path, format!("{text}\n").as_bytes()).map_err(|e| StudioError::io(path, e))?;
        tracing::info!(id, path = %path.display(), "playbook exported");
        Ok(())
    }
}
