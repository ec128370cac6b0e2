//! Logs go to `<home>/logs/<component>.log` (plain text, appended). Log lines carry ids and
//! counts, never argument values or secrets.

use crate::{Home, Result, StudioError};
use std::fs::OpenOptions;
use std::sync::Mutex;
use tracing_subscriber::EnvFilter;

/// Sends this process's `tracing` events to `<home>/logs/<component>.log`. Level from
/// `PLAYBOOK_STUDIO_LOG` (default `info`). Calling it twice keeps the first setup.
pub fn init_logging(home: &Home, component: &str) -> Result<()> {
    let dir = home.logs_dir();
    std::fs::create_dir_all(&dir).map_err(|e| StudioError::io(&dir, e))?;
    let path = dir.join(format!("{component}.log"));
    let file = OpenOptions::new().create(true).append(true).open(&path).map_err(|e| StudioError::io(&path, e))?;
    let filter = EnvFilter::try_from_env("PLAYBOOK_STUDIO_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_ansi(false).with_writer(Mutex::new(file)).try_init();
    Ok(())
}
