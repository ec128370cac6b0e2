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
    pub fn code(&self) -> ErrorCode {
        use studio_platform::PlatformError as P;
        match self {
            Self::InvalidInput { .. } => ErrorCode::InvalidInput,
            Self::InvalidPlaybook(_) | Self::InvalidFile { .. } => ErrorCode::InvalidPlaybook,
            Self::PlaybookNotFound(_) | Self::RunNotFound(_) => ErrorCode::NotFound,
            Self::Refused(_) => ErrorCode::Refused,
            Self::PlaybookExists { .. } => ErrorCode::PlaybookExists,
            Self::Store(StoreError::NotFound { .. }) => ErrorCode::NotFound,
            Self::Io { .. } => ErrorCode::Io,
            Self::Store(_) => ErrorCode::Store,
            Self::Vault(studio_vault::VaultError::Unavailable { .. }) => ErrorCode::VaultUnavailable,
            Self::Vault(_) => ErrorCode::Vault,
            Self::PlatformNotConfigured(_) => ErrorCode::PlatformNotConfigured,
            Self::Platform(P::Unauthorized { .. }) => ErrorCode::PlatformUnauthorized,
            Self::Platform(P::Forbidden { .. }) => ErrorCode::PlatformForbidden,
            Self::Platform(P::NotFound { .. }) => ErrorCode::NotFound,
            Self::Platform(P::Unreachable { .. } | P::Timeout { .. }) => ErrorCode::PlatformUnreachable,
            Self::Platform(P::InvalidUrl { .. }) => ErrorCode::InvalidInput,
            Self::Platform(P::RateLimited { .. } | P::Status { .. } | P::Decode { .. }) => ErrorCode::PlatformError,
        }
    }

    /// The problems behind an invalid playbook or file, each with its place.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Self::InvalidPlaybook(d) | Self::InvalidFile { diagnostics: d, .. } => d,
            _ => &[],
        }
    }

    pub fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        Self::Io { path: path.display().to_string(), source }
    }
}

/// Why a command failed, for the UI to branch on (never on the message). `Unknown` and
/// `Internal` are not a core verdict: a failure that came without a payload (a bug, no
/// backend) and a command that stopped unexpectedly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    InvalidInput,
    InvalidPlaybook,
    NotFound,
    Refused,
    PlaybookExists,
    Io,
    Store,
    VaultUnavailable,
    Vault,
    PlatformNotConfigured,
    PlatformUnauthorized,
    PlatformForbidden,
    PlatformUnreachable,
    PlatformError,
    Internal,
    Unknown,
}

impl ErrorCode {
    /// The code as the UI sees it (`invalid_playbook`), its serialized form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidInput => "invalid_input",
            Self::InvalidPlaybook => "invalid_playbook",
            Self::NotFound => "not_found",
            Self::Refused => "refused",
            Self::PlaybookExists => "playbook_exists",
            Self::Io => "io",
            Self::Store => "store",
            Self::VaultUnavailable => "vault_unavailable",
            Self::Vault => "vault",
            Self::PlatformNotConfigured => "platform_not_configured",
            Self::PlatformUnauthorized => "platform_unauthorized",
            Self::PlatformForbidden => "platform_forbidden",
            Self::PlatformUnreachable => "platform_unreachable",
            Self::PlatformError => "platform_error",
            Self::Internal => "internal",
            Self::Unknown => "unknown",
        }
    }
}

/// `code() == "refused"`: the code compared with its name.
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an IPC command returns on failure.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ErrorPayload {
    pub code: ErrorCode,
    pub message: String,
    /// An invalid playbook's problems, each with its node, field, line and column (the UI
    /// lists them from these, never by reading the message).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<crate::DiagnosticView>>")]
    pub diagnostics: Vec<crate::DiagnosticView>,
    /// The file the problems are in, for an invalid file.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub path: Option<String>,
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
        let diagnostics = e.diagnostics().iter().filter(|d| d.is_error()).cloned().map(crate::DiagnosticView::from).collect();
        let path = match &e {
            StudioError::InvalidFile { path, .. } => Some(path.clone()),
            _ => None,
        };
        Self { code: e.code(), message, diagnostics, path, details }
    }
}

impl ErrorPayload {
    /// A failure with a code and a message only.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), diagnostics: Vec::new(), path: None, details: None }
    }
}

pub type Result<T, E = StudioError> = std::result::Result<T, E>;
