//! "Check connection": which of the roles the app needs does the key have?
//!
//! Reading permissions are probed with a one-item list. Writing ones are probed without any
//! side effect: the request targets the nil uuid, which names nothing, so a key with the
//! permission gets past authorization and hears 404 (or 400/422 for the empty body), and a
//! key without it hears 403. 401 on any probe means the key itself is refused.

use crate::client::{Client, Idempotence};
use crate::error::PlatformError;
use reqwest::Method;
use serde::Serialize;
use serde_json::json;

const NIL: &str = "00000000-0000-0000-0000-000000000000";

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PermissionCheck {
    pub id: &'static str,
    pub label: &'static str,
    pub granted: bool,
    /// Why it is not granted, or why we could not tell.
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConnectionReport {
    pub base_url: String,
    pub authenticated: bool,
    pub permissions: Vec<PermissionCheck>,
    /// Labels of the permissions not granted.
    pub missing: Vec<String>,
}

impl ConnectionReport {
    pub fn ok(&self) -> bool {
        self.authenticated && self.missing.is_empty()
    }
}

struct Probe {
    id: &'static str,
    label: &'static str,
    method: Method,
    path: String,
    query: Vec<(&'static str, String)>,
    body: Option<serde_json::Value>,
}

fn probes() -> Vec<Probe> {
    let list = |id, label, path: &str| Probe { id, label, method: Method::GET, path: path.to_owned(), query: vec![("limit", "1".into())], body: None };
    vec![
        list("view_playbooks", "View playbooks", "/playbooks"),
        Probe { id: "manage_playbooks", label: "Manage playbooks", method: Method::PATCH, path: format!("/playbooks/{NIL}"), query: vec![], body: Some(json!({ "playbook": {} })) },
        list("view_runs", "View playbook runs", "/playbook-runs"),
        Probe { id: "rerun", label: "Re-run playbooks", method: Method::POST, path: format!("/playbook-runs/{NIL}/re-run"), query: vec![("only_failed_actions", "true".into())], body: None },
        Probe { id: "execute_actions", label: "Execute actions", method: Method::POST, path: format!("/actions/{NIL}/run"), query: vec![], body: Some(json!({ "arguments": {} })) },
        list("view_integrations", "View integrations (modules, actions, triggers)", "/modules"),
    ]
}

impl Client {
    /// Probes every permission. Only a failure to reach the platform is an error; refusals
    /// are the report's content.
    pub async fn check_connection(&self) -> Result<ConnectionReport, PlatformError> {
        let mut permissions = Vec::new();
        let mut authenticated = true;
        for probe in probes() {
            // The write probes are aimed at nothing, so a repeat is harmless too.
            let answer = self.send(probe.method.clone(), &probe.path, &probe.query, probe.body.as_ref(), Idempotence::Idempotent).await;
            let is_write = probe.method != Method::GET;
            let (granted, detail) = match answer {
                Ok(_) => (true, None),
                Err(PlatformError::Unauthorized { .. }) => {
                    authenticated = false;
                    (false, Some("the API key was refused (401)".to_owned()))
                }
                Err(PlatformError::Forbidden { detail, .. }) => (false, Some(if detail.is_empty() { "403 Forbidden".to_owned() } else { format!("403 Forbidden: {detail}") })),
                Err(PlatformError::NotFound { .. }) if is_write => (true, None),
                Err(PlatformError::Status { status: 400 | 409 | 422, .. }) if is_write => (true, None),
                Err(e @ (PlatformError::Unreachable { .. } | PlatformError::Timeout { .. } | PlatformError::InvalidUrl { .. })) => return Err(e),
                Err(other) => (false, Some(format!("could not tell: {other}"))),
            };
            permissions.push(PermissionCheck { id: probe.id, label: probe.label, granted, detail });
            if !authenticated {
                break;
            }
        }
        if !authenticated {
            for probe in probes().into_iter().skip(permissions.len()) {
                permissions.push(PermissionCheck { id: probe.id, label: probe.label, granted: false, detail: Some("the API key was refused (401)".into()) });
            }
        }
        let missing = permissions.iter().filter(|p| !p.granted).map(|p| p.label.to_owned()).collect();
        Ok(ConnectionReport { base_url: self.base_url().to_owned(), authenticated, permissions, missing })
    }
}
