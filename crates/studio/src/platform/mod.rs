//! The platform side of the studio: the connection (base URL in the store, API key in the
//! OS vault), the permission check, and the features built on them (catalogue sync,
//! push/pull in `sync.rs`, remote runs in `remote_runs.rs`).
//!
//! Every call builds a client from the stored settings and runs it on a short-lived
//! single-threaded runtime, like local runs do: the studio's API stays synchronous.

mod activation;
mod node_runs;
mod remote_runs;
mod sync;

use crate::{Result, Studio, StudioError};
use serde::Serialize;
use serde_json::{json, Value};
use std::time::Duration;
use studio_platform::{ApiKey, Client, ClientOptions, PlatformError};
use ts_rs::TS;

pub use activation::{PlatformLogLine, PlatformPlaybookStatus};
pub use remote_runs::RemoteRunRequest;
pub use studio_platform::REGIONS;
pub use sync::{compare_documents, CatalogSync, Comparison, PushResult, RemotePlaybookView};

const BASE_URL_SETTING: &str = "platform.base_url";
/// The community new playbooks are created in (for keys that see several).
pub(crate) const COMMUNITY_SETTING: &str = "platform.community_uuid";

/// The vault entry of the API key for one platform.
fn api_key_entry(base_url: &str) -> String {
    format!("platform/{base_url}/api-key")
}

impl Studio {
    /// The stored platform key, to scrub it from what leaves the machine (a run bundle).
    pub(crate) fn platform_key_for_scrub(&self) -> Option<String> {
        let base_url = self.store.setting(BASE_URL_SETTING).ok()??.as_str()?.to_owned();
        self.vault.get(&api_key_entry(&base_url)).ok()?
    }
}

/// How patient platform calls are (tests shorten it).
#[derive(Debug, Clone)]
pub struct PlatformTuning {
    pub client: ClientOptions,
    /// First wait between two polls of a run; it grows by half each time up to `poll_max`.
    pub poll_first: Duration,
    pub poll_max: Duration,
    /// How long to follow a run (or wait for it to appear) before giving up following.
    pub follow_timeout: Duration,
}

impl Default for PlatformTuning {
    fn default() -> Self {
        Self { client: ClientOptions::default(), poll_first: Duration::from_millis(250), poll_max: Duration::from_secs(5), follow_timeout: Duration::from_secs(30 * 60) }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PlatformRegion {
    pub id: String,
    pub label: String,
    pub base_url: String,
}

/// The connection as the settings screen shows it (never the key).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PlatformSettings {
    pub base_url: Option<String>,
    pub has_api_key: bool,
    pub regions: Vec<PlatformRegion>,
}

/// One permission the app needs, granted or not (and why not).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PermissionCheck {
    pub id: String,
    pub label: String,
    pub granted: bool,
    pub detail: Option<String>,
}

/// What "Check connection" found.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ConnectionReport {
    pub base_url: String,
    /// Whether the platform accepted the key at all.
    pub authenticated: bool,
    pub permissions: Vec<PermissionCheck>,
    /// Labels of the permissions not granted.
    pub missing: Vec<String>,
}

impl From<studio_platform::ConnectionReport> for ConnectionReport {
    fn from(r: studio_platform::ConnectionReport) -> Self {
        let permissions = r.permissions.into_iter().map(|p| PermissionCheck { id: p.id.into(), label: p.label.into(), granted: p.granted, detail: p.detail }).collect();
        Self { base_url: r.base_url, authenticated: r.authenticated, permissions, missing: r.missing }
    }
}

pub(crate) fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a single-threaded runtime").block_on(future)
}

impl Studio {
    /// Changes how patient platform calls are.
    pub fn set_platform_tuning(&mut self, tuning: PlatformTuning) {
        self.platform_tuning = tuning;
    }

    fn platform_base_url(&self) -> Result<Option<String>> {
        Ok(self.store.setting(BASE_URL_SETTING)?.and_then(|v| v.as_str().map(str::to_owned)))
    }

    pub fn platform_settings(&self) -> Result<PlatformSettings> {
        let base_url = self.platform_base_url()?;
        let has_api_key = match &base_url {
            Some(url) => self.vault.get(&api_key_entry(url))?.is_some(),
            None => false,
        };
        let regions = REGIONS.iter().map(|r| PlatformRegion { id: r.id.into(), label: r.label.into(), base_url: r.base_url.into() }).collect();
        Ok(PlatformSettings { base_url, has_api_key, regions })
    }

    /// Checks the key against the platform (a refused key is not stored), then keeps the
    /// key in the vault and the URL in the store.
    pub fn platform_login(&mut self, base_url: &str, api_key: &str) -> Result<PlatformSettings> {
        let base_url = studio_platform::normalize_base_url(base_url)?;
        let key = ApiKey::new(api_key).ok_or(StudioError::InvalidInput { field: "api_key", message: "the API key is empty".into() })?;
        let client = Client::new(&base_url, key.clone(), self.platform_tuning.client.clone())?;
        // A 403 still proves the key is known; the permission check tells what it lacks.
        match block_on(client.get::<Value>("/playbooks", &[("limit", "1".into())])) {
            Ok(_) | Err(PlatformError::Forbidden { .. }) => {}
            Err(e) => return Err(e.into()),
        }
        if let Some(previous) = self.platform_base_url()?.filter(|p| *p != base_url) {
            self.vault.delete(&api_key_entry(&previous))?;
        }
        self.vault.set(&api_key_entry(&base_url), key.expose())?;
        self.store.set_setting(BASE_URL_SETTING, &json!(base_url))?;
        tracing::info!(base_url = %base_url, "platform login: API key stored in the OS vault");
        self.platform_settings()
    }

    /// Sets (or clears) the community new platform playbooks are created in; without one the
    /// platform picks the key's own community.
    pub fn set_platform_community(&mut self, community_uuid: Option<&str>) -> Result<()> {
        let value = match community_uuid.map(str::trim).filter(|c| !c.is_empty()) {
            Some(c) if uuid::Uuid::parse_str(c).is_ok() => json!(c),
            Some(c) => return Err(StudioError::InvalidInput { field: "community", message: format!("{c:?} is not a uuid") }),
            None => Value::Null,
        };
        self.store.set_setting(COMMUNITY_SETTING, &value)?;
        Ok(())
    }

    /// Forgets the key (vault) and the URL.
    pub fn platform_logout(&mut self) -> Result<PlatformSettings> {
        if let Some(url) = self.platform_base_url()? {
            self.vault.delete(&api_key_entry(&url))?;
        }
        self.store.set_setting(BASE_URL_SETTING, &Value::Null)?;
        self.platform_settings()
    }

    /// A client for the configured platform.
    pub(crate) fn platform_client(&self) -> Result<Client> {
        let not_configured = |why: &str| StudioError::PlatformNotConfigured(why.to_owned());
        let base_url = self.platform_base_url()?.ok_or_else(|| not_configured("no platform is configured"))?;
        let key = self.vault.get(&api_key_entry(&base_url))?.and_then(|k| ApiKey::new(&k)).ok_or_else(|| not_configured(&format!("no API key for {base_url} in the OS vault")))?;
        Ok(Client::new(&base_url, key, self.platform_tuning.client.clone())?)
    }

    /// Which permissions the stored key has.
    pub fn platform_check(&self) -> Result<ConnectionReport> {
        check_connection(&self.platform_check_client()?)
    }

    /// A client for the permission check, which must answer fast (the app runs it on its
    /// own at start, possibly offline): one retry at most. The check itself
    /// ([`check_connection`]) needs no `Studio`, so a host can run it without holding one.
    pub fn platform_check_client(&self) -> Result<Client> {
        let mut client = self.platform_client()?;
        client.set_max_attempts(2);
        Ok(client)
    }
}

/// Probes the key's permissions (see `studio_platform::Client::check_connection`).
pub fn check_connection(client: &Client) -> Result<ConnectionReport> {
    Ok(block_on(client.check_connection())?.into())
}
