//! A client of the Sekoia.io Symphony REST API (`<base_url>/v1/symphony`): typed requests
//! and answers, a timeout on every call, retries that never repeat a side effect, paginated
//! lists, and a side-effect-free permission check.
//!
//! It holds the API key only in memory ([`ApiKey`] prints as `***`); storing it is the
//! caller's business (the OS vault, through `studio-core`).

mod api;
mod client;
mod error;
mod permissions;
mod types;

pub use api::PlaybookBody;
pub use client::{normalize_base_url, ApiKey, Client, ClientOptions, Idempotence, Page, RetryPolicy};
pub use error::{PlatformError, Result};
pub use permissions::{ConnectionReport, PermissionCheck};
pub use reqwest::Method;
pub use types::*;

/// A platform region: where its API lives.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Region {
    pub id: &'static str,
    pub label: &'static str,
    pub base_url: &'static str,
}

/// The platform's public regions; FRA1 is the default.
pub const REGIONS: &[Region] = &[
    Region { id: "fra1", label: "Europe (FRA1)", base_url: "https://api.sekoia.io" },
    Region { id: "fra2", label: "Europe (FRA2)", base_url: "https://app.fra2.sekoia.io/api" },
    Region { id: "mco1", label: "Europe (MCO1)", base_url: "https://app.mco1.sekoia.io/api" },
    Region { id: "uae1", label: "UAE (UAE1)", base_url: "https://app.uae1.sekoia.io/api" },
    Region { id: "usa1", label: "USA (USA1)", base_url: "https://app.usa1.sekoia.io/api" },
];
