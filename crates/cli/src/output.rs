//! Writing to stdout without panicking on a closed pipe (`playbook list | head -1`).

use std::io::{self, Write};

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
