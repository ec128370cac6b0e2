//! The local store: one SQLite file (WAL) per home folder.
//!
//! Schema changes are numbered SQL files in `migrations/`, embedded at build time and applied
//! in order on open (`PRAGMA user_version` records the last one). Each table has its own file
//! of queries. Every write that touches several rows runs in one transaction, so a crash at any
//! point leaves either the old or the new state.
//!
//! Not here: secrets (the vault's), file formats (the model's), use cases (studio's).

mod catalog;
mod error;
mod module_configs;
mod playbooks;
mod run_settings;
mod runs;
mod settings;
mod tx;

pub use catalog::Source as ModuleSource;
pub use error::{Result, StoreError};
pub use module_configs::{ModuleConfiguration, NewModuleConfiguration};
pub use playbooks::{PlaybookRecord, VersionInfo};
pub use runs::{BundleRunWrite, NewRun, NodeRunRow, NodeRunWrite, PlatformRunWrite, RunFilter, RunRow};

use rusqlite::Connection;
use std::path::Path;

const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_run_options.sql"),
    include_str!("../migrations/0003_node_run_lookup.sql"),
    include_str!("../migrations/0004_node_run_scope.sql"),
    include_str!("../migrations/0005_run_settings.sql"),
    include_str!("../migrations/0006_platform_details.sql"),
    include_str!("../migrations/0007_edit_bursts.sql"),
    include_str!("../migrations/0008_playbook_samples.sql"),
    include_str!("../migrations/0009_playbook_tests.sql"),
];

pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the store file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::Folder { path: parent.display().to_string(), source })?;
        }
        Self::init(Connection::open(path)?)
    }

    /// A store that lives in memory only (tests and benchmarks of other crates).
    pub fn in_memory() -> Result<Self> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> Result<Self> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Self { conn };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&mut self) -> Result<()> {
        let current: i64 = self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let known = MIGRATIONS.len() as i64;
        if current > known {
            return Err(StoreError::TooNew { found: current, known });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
            self.in_transaction(|s| {
                s.conn.execute_batch(sql)?;
                s.conn.pragma_update(None, "user_version", (i + 1) as i64)?;
                Ok(())
            })?;
        }
        Ok(())
    }

    /// `PRAGMA integrity_check`: `Ok(())` when SQLite finds the file sound.
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows.into_iter().filter(|r| r != "ok").collect())
    }
}

/// The current UTC time as fixed-width RFC 3339 (microseconds), so text order is time order.
/// The time `ago` before now, in the store's timestamp format (they compare as text).
pub(crate) fn time_ago(ago: time::Duration) -> String {
    const FORMAT: &[time::format_description::FormatItem<'static>] = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");
    (time::OffsetDateTime::now_utc() - ago).format(FORMAT).expect("formatting a time")
}

pub(crate) fn now() -> String {
    time_ago(time::Duration::ZERO)
}
