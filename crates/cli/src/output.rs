//! Writing to stdout without panicking on a closed pipe (`playbook list | head -1`), and
//! writing files atomically.

use std::io::{self, Write};
use std::path::Path;

/// Prints a line; a reader that went away ends the process quietly and successfully.
pub fn line(text: impl AsRef<str>) {
    let mut out = io::stdout().lock();
    if let Err(e) = writeln!(out, "{}", text.as_ref()).and_then(|_| out.flush()) {
        if e.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
    }
}

pub fn json(value: &impl serde::Serialize) {
    line(serde_json::to_string_pretty(value).expect("output serializes"));
}

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
