//! What can go wrong talking to the platform. Messages name the request (method and path)
//! and what the platform said; they never contain the API key (it only travels in a header,
//! and bodies we quote are the platform's answers, not our requests).

use thiserror::Error;

#[derive(Debug, Error)]
pub enum PlatformError {
    /// 401: the key is unknown, expired or revoked.
    #[error("the platform refused the API key (401 on {method} {path}); log in again with a valid key")]
    Unauthorized { method: String, path: String },
    /// 403: the key is valid but lacks a permission.
    #[error("the API key lacks a permission for {method} {path} (403){}", detail_suffix(.detail))]
    Forbidden { method: String, path: String, detail: String },
    #[error("not found on the platform: {method} {path} (404){}", detail_suffix(.detail))]
    NotFound { method: String, path: String, detail: String },
    /// 429 still after every retry.
    #[error("the platform is rate limiting us on {method} {path} (429){}", match .retry_after { Some(s) => format!("; it asks to wait {s} s"), None => String::new() })]
    RateLimited { method: String, path: String, retry_after: Option<u64> },
    /// Any other non-success answer (5xx after retries, 400, 409, 422...).
    #[error("the platform answered {status} to {method} {path}{}", detail_suffix(.detail))]
    Status { status: u16, method: String, path: String, detail: String },
    /// No answer: DNS, connection refused, TLS. `summary` says it in a few words with what to
    /// check; `detail` is the whole chain of causes (for a "details" disclosure and the logs).
    #[error("cannot reach {}: {summary}", host_of(.base_url))]
    Unreachable { base_url: String, summary: String, detail: String },
    #[error("the platform did not answer {method} {path} within {seconds} s")]
    Timeout { method: String, path: String, seconds: u64 },
    /// The answer is not the JSON we expect.
    #[error("unexpected answer to {method} {path}: {detail}")]
    Decode { method: String, path: String, detail: String },
    #[error("invalid platform URL {url:?}: {detail}")]
    InvalidUrl { url: String, detail: String },
}

/// The host of a base URL (`https://api.sekoia.io/x` → `api.sekoia.io`).
fn host_of(base_url: &str) -> &str {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    rest.split(['/', '?']).next().unwrap_or(rest)
}

/// A transport failure in a few words, with what to check.
pub(crate) fn summarize_transport(detail: &str) -> String {
    let d = detail.to_ascii_lowercase();
    let has = |needles: &[&str]| needles.iter().any(|n| d.contains(n));
    if has(&["dns error", "failed to lookup address", "name or service not known", "no such host", "nodename nor servname", "temporary failure in name resolution"]) {
        "the name does not resolve — check the region or your connection".into()
    } else if has(&["connection refused"]) {
        "nothing answers there (connection refused) — check the URL".into()
    } else if has(&["certificate", "tls", "ssl", "handshake"]) {
        "the secure connection failed (certificate) — check the URL, or a proxy that intercepts HTTPS".into()
    } else if has(&["network is unreachable", "no route to host"]) {
        "the network is unreachable — check your connection".into()
    } else if has(&["connection reset", "broken pipe", "connection closed"]) {
        "the connection was cut — try again".into()
    } else {
        "the connection failed — check the URL and your connection".into()
    }
}

impl PlatformError {
    /// The full technical detail behind a short message, when there is one.
    pub fn details(&self) -> Option<&str> {
        match self {
            Self::Unreachable { detail, .. } => Some(detail),
            _ => None,
        }
    }
}

fn detail_suffix(detail: &str) -> String {
    if detail.is_empty() {
        String::new()
    } else {
        format!(": {detail}")
    }
}

impl PlatformError {
    /// The HTTP status the platform answered, when it answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Unauthorized { .. } => Some(401),
            Self::Forbidden { .. } => Some(403),
            Self::NotFound { .. } => Some(404),
            Self::RateLimited { .. } => Some(429),
            Self::Status { status, .. } => Some(*status),
            _ => None,
        }
    }
}

pub type Result<T, E = PlatformError> = std::result::Result<T, E>;
