//! The home folder: where the store and the logs live. Chosen by `--home`, else
//! `PLAYBOOK_STUDIO_HOME`, else the OS data folder (`~/.local/share/playbook-studio` on Linux,
//! `~/Library/Application Support/playbook-studio` on macOS, `%APPDATA%\playbook-studio` on
//! Windows).

use crate::{Result, StudioError};
use std::path::{Path, PathBuf};

pub const HOME_ENV: &str = "PLAYBOOK_STUDIO_HOME";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Home {
    root: PathBuf,
}

impl Home {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// `explicit` (a `--home` flag) wins over the environment, which wins over the OS default.
    pub fn resolve(explicit: Option<PathBuf>) -> Self {
        let root = explicit
            .or_else(|| std::env::var_os(HOME_ENV).filter(|v| !v.is_empty()).map(PathBuf::from))
            .or_else(|| dirs::data_dir().map(|d| d.join("playbook-studio")))
            .unwrap_or_else(|| PathBuf::from(".playbook-studio"));
        Self { root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn store_path(&self) -> PathBuf {
        self.root.join("studio.db")
    }

    pub fn logs_dir(&self) -> PathBuf {
        self.root.join("logs")
    }

    /// The user's own templates, in the layout of the built-in ones (`index.json`, then
    /// `<slug>.json` and `<slug>.test.json` per template).
    pub fn templates_dir(&self) -> PathBuf {
        self.root.join("templates")
    }

    pub(crate) fn create(&self) -> Result<()> {
        std::fs::create_dir_all(self.logs_dir()).map_err(|e| StudioError::io(&self.logs_dir(), e))
    }
}
