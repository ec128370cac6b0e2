//! The HTTP layer: one request with a timeout, retried when that is safe.
//!
//! Retry rules (no retry may duplicate a side effect):
//! - 429: retried for every method (the platform refused the request, it did nothing),
//!   after `Retry-After` when given (seconds or an HTTP date), else after a backoff; a
//!   `Retry-After` longer than the policy's ceiling is not waited for: the error says it.
//! - 502, 503, 504 and timeouts: retried only for idempotent requests (GET, and the calls
//!   the API layer marks so, such as a PATCH that sends a whole playbook).
//! - A connection that could not be opened: retried for every method (nothing was sent).
//!
//! Backoff is exponential with full jitter: attempt n waits a random time in
//! `[0, min(max_delay, base_delay * 2^n)]`.

use crate::error::{PlatformError, Result};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

/// An API key. It is sent as a bearer token and printed nowhere: `Debug` hides it and there
/// is no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// The key with surrounding whitespace (a newline from stdin) removed; `None` when empty.
    pub fn new(key: &str) -> Option<Self> {
        let key = key.trim();
        (!key.is_empty()).then(|| Self(key.to_owned()))
    }

    /// The secret itself, for the vault and the `Authorization` header only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(***)")
    }
}

#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Tries in all, the first included.
    pub max_attempts: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self { max_attempts: 5, base_delay: Duration::from_millis(500), max_delay: Duration::from_secs(30) }
    }
}

#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// For a whole request (connect, send, read the answer).
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub retry: RetryPolicy,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self { timeout: Duration::from_secs(30), connect_timeout: Duration::from_secs(10), retry: RetryPolicy::default() }
    }
}

/// Whether sending a request twice has the same effect as sending it once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idempotence {
    Idempotent,
    SideEffect,
}

/// A connection to one platform with one key.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: String,
    api_root: String,
    key: ApiKey,
    options: ClientOptions,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client").field("base_url", &self.base_url).field("key", &self.key).finish()
    }
}

/// Checks and normalizes a base URL (`https://api.sekoia.io`, no trailing slash).
pub fn normalize_base_url(url: &str) -> Result<String> {
    let trimmed = url.trim().trim_end_matches('/');
    let invalid = |detail: &str| PlatformError::InvalidUrl { url: url.to_owned(), detail: detail.to_owned() };
    let parsed = reqwest::Url::parse(trimmed).map_err(|e| invalid(&e.to_string()))?;
    if !matches!(parsed.scheme(), "https" | "http") {
        return Err(invalid("the URL must start with https://"));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(invalid("the URL has no host"));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(invalid("credentials do not belong in the URL; the API key is asked for separately"));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(invalid("the URL must not have a query or a fragment"));
    }
    Ok(trimmed.to_owned())
}

impl Client {
    pub fn new(base_url: &str, key: ApiKey, options: ClientOptions) -> Result<Self> {
        let base_url = normalize_base_url(base_url)?;
        let http = reqwest::Client::builder()
            .user_agent(concat!("PlaybookStudio/", env!("CARGO_PKG_VERSION")))
            .timeout(options.timeout)
            .connect_timeout(options.connect_timeout)
            .build()
            .map_err(|e| PlatformError::Unreachable { base_url: base_url.clone(), summary: "cannot set up HTTPS on this computer".into(), detail: format!("cannot set up HTTPS: {e}") })?;
        Ok(Self { api_root: format!("{base_url}/v1/symphony"), base_url, http, key, options })
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Caps the tries of every request (for calls that must fail fast, such as a check).
    pub fn set_max_attempts(&mut self, attempts: u32) {
        self.options.retry.max_attempts = attempts.max(1);
    }

    /// GET a JSON document.
    pub async fn get<T: DeserializeOwned>(&self, path: &str, query: &[(&str, String)]) -> Result<T> {
        let value = self.send(Method::GET, path, query, None, Idempotence::Idempotent).await?;
        decode(&Method::GET, path, value)
    }

    /// Sends a request and returns its JSON answer (`Value::Null` for an empty body).
    pub async fn send(&self, method: Method, path: &str, query: &[(&str, String)], body: Option<&Value>, idempotence: Idempotence) -> Result<Value> {
        let idempotent = idempotence == Idempotence::Idempotent;
        let policy = &self.options.retry;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let last = attempt >= policy.max_attempts;
            let mut request = self.http.request(method.clone(), format!("{}{path}", self.api_root)).bearer_auth(self.key.expose()).query(query);
            if let Some(body) = body {
                request = request.json(body);
            }
            let wait = match request.send().await {
                Ok(response) => {
                    let status = response.status();
                    let retry_after = retry_after(response.headers());
                    let text = response.text().await.unwrap_or_default();
                    if status.is_success() {
                        return parse_body(&method, path, &text);
                    }
                    let retryable = status == StatusCode::TOO_MANY_REQUESTS || (idempotent && matches!(status.as_u16(), 502..=504));
                    if !retryable || last {
                        return Err(status_error(status, &method, path, &text, retry_after));
                    }
                    match retry_after {
                        Some(wait) if wait > policy.max_delay => return Err(status_error(status, &method, path, &text, Some(wait))),
                        Some(wait) => wait,
                        None => backoff(policy, attempt),
                    }
                }
                Err(e) => {
                    let retryable = e.is_connect() || (idempotent && e.is_timeout());
                    if !retryable || last {
                        return Err(self.transport_error(&method, path, &e));
                    }
                    backoff(policy, attempt)
                }
            };
            tracing::info!(method = %method, path, attempt, wait_ms = wait.as_millis() as u64, "retrying a platform request");
            tokio::time::sleep(wait).await;
        }
    }

    fn transport_error(&self, method: &Method, path: &str, e: &reqwest::Error) -> PlatformError {
        if e.is_timeout() {
            return PlatformError::Timeout { method: method.to_string(), path: path.to_owned(), seconds: self.options.timeout.as_secs().max(1) };
        }
        let mut detail = e.to_string();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            detail = format!("{detail}: {s}");
            source = s.source();
        }
        PlatformError::Unreachable { base_url: self.base_url.clone(), summary: crate::error::summarize_transport(&detail), detail }
    }

    /// Every item of a `{"items", "total"}` list, 100 at a time.
    pub async fn list_all<T: DeserializeOwned>(&self, path: &str, query: &[(&str, String)]) -> Result<Vec<T>> {
        const PAGE: usize = 100;
        let mut items: Vec<T> = Vec::new();
        loop {
            let mut q = query.to_vec();
            q.push(("limit", PAGE.to_string()));
            q.push(("offset", items.len().to_string()));
            let page: Page<T> = self.get(path, &q).await?;
            let got = page.items.len();
            items.extend(page.items);
            let done = got == 0 || page.total.is_some_and(|t| items.len() as u64 >= t) || (page.total.is_none() && got < PAGE);
            if done {
                return Ok(items);
            }
        }
    }
}

/// One page of a list.
#[derive(Debug, serde::Deserialize)]
pub struct Page<T> {
    #[serde(default = "Vec::new")]
    pub items: Vec<T>,
    #[serde(default)]
    pub total: Option<u64>,
}

fn parse_body(method: &Method, path: &str, text: &str) -> Result<Value> {
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_str(text).map_err(|e| PlatformError::Decode { method: method.to_string(), path: path.to_owned(), detail: format!("not JSON ({e})") })
}

pub(crate) fn decode<T: DeserializeOwned>(method: &Method, path: &str, value: Value) -> Result<T> {
    serde_json::from_value(value).map_err(|e| PlatformError::Decode { method: method.to_string(), path: path.to_owned(), detail: e.to_string() })
}

/// What the platform said in an error body: its `message` (or `detail`, `error`), else the
/// beginning of the text.
fn platform_message(text: &str) -> String {
    let from_json = serde_json::from_str::<Value>(text).ok().and_then(|v| {
        ["message", "detail", "error", "description"].iter().find_map(|k| match v.get(k) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Null) | None => None,
            Some(other) => Some(other.to_string()),
        })
    });
    let message = from_json.unwrap_or_else(|| text.trim().to_owned());
    match message.char_indices().nth(300) {
        Some((cut, _)) => format!("{}…", &message[..cut]),
        None => message,
    }
}

fn status_error(status: StatusCode, method: &Method, path: &str, text: &str, retry_after: Option<Duration>) -> PlatformError {
    let (method, path, detail) = (method.to_string(), path.to_owned(), platform_message(text));
    match status.as_u16() {
        401 => PlatformError::Unauthorized { method, path },
        403 => PlatformError::Forbidden { method, path, detail },
        404 => PlatformError::NotFound { method, path, detail },
        429 => PlatformError::RateLimited { method, path, retry_after: retry_after.map(|d| d.as_secs()) },
        status => PlatformError::Status { status, method, path, detail },
    }
}

/// `Retry-After` as a delay: delta-seconds or an HTTP date.
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

fn backoff(policy: &RetryPolicy, attempt: u32) -> Duration {
    let ceiling = policy.base_delay.saturating_mul(1 << attempt.min(16)).min(policy.max_delay);
    let random = std::collections::hash_map::RandomState::new().build_hasher().finish();
    ceiling.mul_f64((random % 10_000) as f64 / 10_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_checked_and_normalized() {
        assert_eq!(normalize_base_url(" https://api.sekoia.io/ ").unwrap(), "https://api.sekoia.io");
        assert_eq!(normalize_base_url("https://app.fra2.sekoia.io/api").unwrap(), "https://app.fra2.sekoia.io/api");
        for bad in ["api.sekoia.io", "ftp://x", "https://user:pw@x.io", "https://x.io/?k=1", ""] {
            assert!(normalize_base_url(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn keys_are_trimmed_and_never_printed() {
        let key = ApiKey::new("  secret-key\n").unwrap();
        assert_eq!(key.expose(), "secret-key");
        assert!(!format!("{key:?}").contains("secret"));
        assert!(ApiKey::new(" \n").is_none());
    }

    #[test]
    fn backoff_stays_under_its_ceiling() {
        let policy = RetryPolicy { max_attempts: 5, base_delay: Duration::from_millis(100), max_delay: Duration::from_millis(250) };
        for attempt in 1..10 {
            assert!(backoff(&policy, attempt) <= Duration::from_millis(250));
        }
    }

    #[test]
    fn error_bodies_are_quoted_briefly() {
        assert_eq!(platform_message(r#"{"message": "missing role"}"#), "missing role");
        assert_eq!(platform_message("plain text"), "plain text");
        assert!(platform_message(&"x".repeat(1000)).chars().count() <= 301);
    }
}
