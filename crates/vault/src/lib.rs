//! Secrets live in the operating system's vault and nowhere else: Secret Service on Linux
//! (gnome-keyring, KWallet), the Keychain on macOS, the Credential Manager on Windows.
//! Callers name an entry (`module-configuration/<uuid>/api_key`) and store, read, replace
//! or delete its secret; SQLite keeps only the entry's name.
//!
//! When no vault is reachable (a Linux session without a Secret Service) the error says so
//! and how to fix it; there is deliberately no plaintext fallback.

use std::collections::HashMap;
use std::sync::Mutex;
use thiserror::Error;

/// The service name entries are filed under.
pub const SERVICE: &str = "playbook-studio";

#[derive(Debug, Error, PartialEq, Eq)]
pub enum VaultError {
    /// No vault can be reached; `hint` says what to do.
    #[error("the OS vault is not available: {reason}. {hint}")]
    Unavailable { reason: String, hint: &'static str },
    /// The vault answered with an error (locked, refused...).
    #[error("the OS vault refused: {0}")]
    Backend(String),
    #[error("vault entry names must not be empty")]
    EmptyName,
}

pub type Result<T, E = VaultError> = std::result::Result<T, E>;

/// Where secrets go.
pub trait Vault: Send + Sync {
    /// Stores (or replaces) the secret of an entry.
    fn set(&self, entry: &str, secret: &str) -> Result<()>;
    /// The secret of an entry, `None` when the entry does not exist.
    fn get(&self, entry: &str) -> Result<Option<String>>;
    /// Removes an entry; removing a missing entry is not an error.
    fn delete(&self, entry: &str) -> Result<()>;
}

/// The name of the entry holding one secret field of one module configuration.
pub fn configuration_entry(configuration_uuid: &str, field: &str) -> String {
    format!("module-configuration/{configuration_uuid}/{field}")
}

/// The operating system's vault, through the `keyring` crate.
#[derive(Debug, Default, Clone, Copy)]
pub struct OsVault;

#[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows"))]
mod os {
    use super::*;

    const HINT: &str = if cfg!(target_os = "linux") {
        "Start a Secret Service provider in your session (for example gnome-keyring-daemon or KWallet) and unlock it, then try again"
    } else {
        "Check that your user can use the system keychain, then try again"
    };

    fn map(e: keyring::Error) -> VaultError {
        match e {
            keyring::Error::PlatformFailure(inner) | keyring::Error::NoStorageAccess(inner) => VaultError::Unavailable { reason: inner.to_string(), hint: HINT },
            other => VaultError::Backend(other.to_string()),
        }
    }

    fn entry(name: &str) -> Result<keyring::Entry> {
        if name.is_empty() {
            return Err(VaultError::EmptyName);
        }
        keyring::Entry::new(SERVICE, name).map_err(map)
    }

    impl Vault for OsVault {
        fn set(&self, name: &str, secret: &str) -> Result<()> {
            entry(name)?.set_password(secret).map_err(map)
        }

        fn get(&self, name: &str) -> Result<Option<String>> {
            match entry(name)?.get_password() {
                Ok(s) => Ok(Some(s)),
                Err(keyring::Error::NoEntry) => Ok(None),
                Err(e) => Err(map(e)),
            }
        }

        fn delete(&self, name: &str) -> Result<()> {
            match entry(name)?.delete_credential() {
                Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                Err(e) => Err(map(e)),
            }
        }
    }
}

/// Secrets in memory, for tests of other crates (never used by the app or the CLI).
#[derive(Debug, Default)]
pub struct MemoryVault {
    entries: Mutex<HashMap<String, String>>,
}

impl MemoryVault {
    pub fn new() -> Self {
        Self::default()
    }
}

impl Vault for MemoryVault {
    fn set(&self, entry: &str, secret: &str) -> Result<()> {
        if entry.is_empty() {
            return Err(VaultError::EmptyName);
        }
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).insert(entry.to_owned(), secret.to_owned());
        Ok(())
    }

    fn get(&self, entry: &str) -> Result<Option<String>> {
        Ok(self.entries.lock().unwrap_or_else(|p| p.into_inner()).get(entry).cloned())
    }

    fn delete(&self, entry: &str) -> Result<()> {
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).remove(entry);
        Ok(())
    }
}
