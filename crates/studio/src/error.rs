use serde::Serialize;
use studio_model::Diagnostic;
use studio_store::StoreError;
use thiserror::Error;
use ts_rs::TS;

#[derive(Debug, Error)]
pub enum StudioError {
    /// A field of a request is wrong (empty name...).
    #[error("{field}: {message}")]
    InvalidInput { field: &'static str, message: String },
    /// A playbook document has errors; every one is listed.
    #[error("{}", format_diagnostics(.0))]
    InvalidPlaybook(Vec<Diagnostic>),
    /// A playbook file with errors: the file and every error in it.
    #[error("{path}: {}", format_diagnostics(.diagnostics).replace('\n', &format!("\n{path}: ")))]
    InvalidFile { path: String, diagnostics: Vec<Diagnostic> },
    #[error("no playbook with id {0}")]
    PlaybookNotFound(String),
    #[error("no run with id {0}")]
    RunNotFound(String),
    /// A request that cannot be honoured as asked (rerun of a running run...).
    #[error("{0}")]
    Refused(String),
    /// A file whose playbook is already here with other content: the caller asks whether
    /// it is a new version of that playbook or a copy.
    #[error("{path} is the playbook “{name}”, already here (version {version}): import it as a new version of it, or as a copy")]
    PlaybookExists { path: String, id: String, name: String, version: u32 },
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error(transparent)]
    Store(StoreError),
    #[error(transparent)]
    Vault(#[from] studio_vault::VaultError),
    /// No platform URL or no API key: `playbook platform login` (or the app's settings) first.
    #[error("{0}; log in first (`playbook platform login --base-url URL`, or Platform in the app)")]
    PlatformNotConfigured(String),
    #[error(transparent)]
    Platform(#[from] studio_platform::PlatformError),
}

fn format_diagnostics(diags: &[Diagnostic]) -> String {
    diags.iter().filter(|d| d.is_error()).map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

impl From<StoreError> for StudioError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { what: "playbook", id } => Self::PlaybookNotFound(id),
            StoreError::NotFound { what: "run", id } => Self::RunNotFound(id),
            other => Self::Store(other),
        }
    }
}

impl StudioError {
    /// A stable code the frontend switches on (never on the message).
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidInput { .. } => "invalid_input",
            Self::InvalidPlaybook(_) | Self::InvalidFile { .. } => "invalid_playbook",
            Self::PlaybookNotFound(_) | Self::RunNotFound(_) => "not_found",
            Self::Refused(_) => "refused",
            Self::PlaybookExists { .. } => "playbook_exists",
            Self::Store(StoreError::NotFound { .. }) => "not_found",
            Self::Io { .. } => "io",
            Self::Store(_) => "store",
            Self::Vault(studio_vault::VaultError::Unavailable { .. }) => "vault_unavailable",
            Self::Vault(_) => "vault",
            Self::PlatformNotConfigured(_) => "platform_not_configured",
            Self::Platform(e) => e.code(),
        }
    }

    pub fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        Self::Io { path: path.display().to_string(), source }
    }
}

/// What an IPC command returns on failure.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
    /// The technical detail behind a short message (a network failure's chain of causes),
    /// for a "Details" disclosure.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub details: Option<String>,
}

impl From<StudioError> for ErrorPayload {
    fn from(e: StudioError) -> Self {
        let details = match &e {
            StudioError::Platform(p) => p.details().map(str::to_owned),
            _ => None,
        };
        // The app's words where the CLI's name a command (this payload goes to the app only).
        let message = match &e {
            StudioError::PlatformNotConfigured(what) => format!("{what}; connect to the platform first (Platform, at the top of the start page)"),
            other => other.to_string(),
        };
        Self { code: e.code().to_owned(), message, details }
    }
}

pub type Result<T, E = StudioError> = std::result::Result<T, E>;
