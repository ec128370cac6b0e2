use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot create the store's folder {path}: {source}")]
    Folder { path: String, source: std::io::Error },
    #[error("no {what} with id {id}")]
    NotFound { what: &'static str, id: String },
    #[error("stored {what} {id} is unreadable: {message}")]
    Corrupt { what: &'static str, id: String, message: String },
    #[error("the store was written by a newer Playbook Studio (schema {found}, this build knows {known})")]
    TooNew { found: i64, known: i64 },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
