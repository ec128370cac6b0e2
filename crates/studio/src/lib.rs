//! Playbook Studio's use cases, independent of any host: the CLI and the desktop app are thin
//! layers over [`Studio`]. A `Studio` owns the home folder (store file, logs) and the store.
//!
//! Not here: argument parsing, printing, windows, IPC (the hosts'); file formats and rules
//! (the model's); SQL (the store's).

mod bundles;
mod error;
mod files;
mod home;
pub mod jinja;
mod jinja_checks;
pub mod listen;
mod required_checks;
mod run_diff;
pub mod testing;
pub use bundles::ImportedBundle;
mod catalog;
mod configurations;
mod logging;
mod platform;
mod playbooks;
mod run_views;
mod runs;
mod templates;
mod views;

pub use catalog::{CatalogBlockView, CatalogImportProgress, CatalogModuleSummary, CatalogModuleView, ModuleImportReport, ModuleOrigin};
pub use configurations::NewConfiguration;
pub use error::{ErrorCode, ErrorPayload, Result, StudioError};
pub use files::{read_json_file, tests_path, write_atomically, WhenExists};
pub use home::Home;
pub use logging::init_logging;
pub use platform::{
    check_connection, compare_documents, CatalogSync, Comparison, ConnectionReport, PermissionCheck, PlatformLogLine, PlatformPlaybookStatus, PlatformRegion, PlatformSettings, PlatformTuning,
    PushResult, RemotePlaybookView, RemoteRunRequest,
};
pub use playbooks::{CreatePlaybookInput, ImportOutcome, PlaybookSummary};
pub use run_diff::{json_changes, JsonChange, NodeDifference, RunComparison, RunSide};
pub use run_views::{NodeRunStatus, NodeRunView, PlatformNodeRunDetails, RunDefaults, RunDetailsView, RunEventView, RunListFilter, RunPage, RunSettings, RunStatusView, RunSummaryView, StartRunInput};
pub use runs::{RunRequest, RunView};
pub use studio_catalog::ModuleReport;
pub use studio_engine::{CancellationToken, MockMode, NodeRun, RunEvent, RunOutcome, RunStatus};
pub use studio_model::{Catalog, Diagnostic, Playbook, Severity};
pub use studio_platform::Client as PlatformClient;
pub use studio_vault::{MemoryVault, Vault, VaultError};
pub use templates::{builtin_templates, slugify, SaveTemplateInput, Template, TemplateOrigin, TemplateView};
pub use views::{BlockView, CatalogView, DiagnosticView, ModuleConfigurationView, ModuleView, NewModuleConfigurationInput, OperatorView, PlaybookDocument, StartupOpen, VersionView};

use studio_store::Store;

pub struct Studio {
    home: Home,
    store: Store,
    /// Shared by every run of this process (the rate limit counts across runs).
    limiter: studio_engine::RateLimiter,
    /// Where secret fields of module configurations go.
    vault: std::sync::Arc<dyn studio_vault::Vault>,
    platform_tuning: platform::PlatformTuning,
    /// Who reads the messages: they name the CLI's commands or the app's buttons.
    host: Host,
}

/// The program a `Studio` serves, so that its messages point at what that user can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Host {
    #[default]
    Cli,
    App,
}

impl Studio {
    /// Messages from now on speak the app's words (its buttons, not CLI commands).
    pub fn for_host(mut self, host: Host) -> Self {
        self.host = host;
        self
    }

    /// The CLI's hint or the app's, for this studio's user.
    pub(crate) fn hint(&self, cli: String, app: &str) -> String {
        match self.host {
            Host::Cli => cli,
            Host::App => app.to_owned(),
        }
    }

    /// Opens the home folder (creating it), its store, and marks runs that a crash left
    /// running as interrupted.
    pub fn open(home: Home) -> Result<Self> {
        Self::open_with_vault(home, std::sync::Arc::new(studio_vault::OsVault))
    }

    /// [`Studio::open`] with another vault (tests use the in-memory one).
    pub fn open_with_vault(home: Home, vault: std::sync::Arc<dyn studio_vault::Vault>) -> Result<Self> {
        home.create()?;
        let mut store = Store::open(&home.store_path())?;
        let interrupted = store.mark_interrupted_runs()?;
        if interrupted > 0 {
            tracing::warn!(interrupted, "runs left running by a previous process were marked interrupted");
        }
        Ok(Self { home, store, limiter: studio_engine::RateLimiter::new(), vault, platform_tuning: platform::PlatformTuning::default(), host: Host::default() })
    }

    /// Another studio on the same home and vault, for work on another thread (the app's
    /// webhook listener). Unlike [`Studio::open`] it leaves running runs alone: they belong
    /// to this process.
    pub fn open_sibling(&self) -> Result<Self> {
        let store = Store::open(&self.home.store_path())?;
        Ok(Self { home: self.home.clone(), store, limiter: studio_engine::RateLimiter::new(), vault: self.vault.clone(), platform_tuning: self.platform_tuning.clone(), host: self.host })
    }

    pub fn home(&self) -> &Home {
        &self.home
    }

    pub fn store(&self) -> &Store {
        &self.store
    }
}
