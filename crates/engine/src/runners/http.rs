//! HTTP Request URL: method, url, headers, params, data / json body, Basic and Bearer auth,
//! `fail_on_http_error`, `verify_ssl`, timeout. Results: status_code, reason, url, headers,
//! text, json, elapsed.

use crate::runner::{ActionCall, ActionOutput, BlockRunner, RunFuture};
use serde_json::{json, Map, Value};
use std::time::Instant;

pub fn client(verify_ssl: bool) -> reqwest::Client {
    reqwest::Client::builder().danger_accept_invalid_certs(!verify_ssl).user_agent(concat!("PlaybookStudio/", env!("CARGO_PKG_VERSION"))).build().expect("an HTTP client with default TLS settings")
}

pub struct HttpRequest {
    verified: reqwest::Client,
    unverified: std::sync::OnceLock<reqwest::Client>,
}

impl HttpRequest {
    pub fn new() -> Self {
        Self { verified: client(true), unverified: std::sync::OnceLock::new() }
    }
}

fn text_arg(args: &Value, key: &str) -> Option<String> {
    match args.get(key) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    }
}

pub fn response_headers(headers: &reqwest::header::HeaderMap) -> Value {
    let mut map = Map::new();
    for (k, v) in headers {
        map.insert(k.as_str().to_owned(), Value::String(v.to_str().unwrap_or_default().to_owned()));
    }
    Value::Object(map)
}

impl BlockRunner for HttpRequest {
    fn run<'a>(&'a self, call: ActionCall<'a>) -> RunFuture<'a> {
        Box::pin(async move {
            let args = call.arguments;
            let url = text_arg(args, "url").ok_or("argument `url` is required")?;
            let method = text_arg(args, "method").unwrap_or_else(|| "get".into()).to_uppercase();
            let method = reqwest::Method::from_bytes(method.as_bytes()).map_err(|_| format!("argument `method`: unknown method {method}"))?;
            let verify = args.get("verify_ssl").and_then(Value::as_bool).unwrap_or(true);
            let client = if verify { &self.verified } else { self.unverified.get_or_init(|| client(false)) };
            let mut req = client.request(method, &url).timeout(call.timeout);
            if let Some(Value::Object(headers)) = args.get("headers") {
                for (k, v) in headers {
                    req = req.header(k.as_str(), v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string()));
                }
            }
            match args.get("params") {
                Some(Value::Object(params)) => {
                    let pairs: Vec<(String, String)> = params.iter().map(|(k, v)| (k.clone(), v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string()))).collect();
                    req = req.query(&pairs);
                }
                Some(Value::String(qs)) if !qs.is_empty() => {
                    let pairs: Vec<(String, String)> = qs
                        .trim_start_matches('?')
                        .split('&')
                        .filter(|p| !p.is_empty())
                        .map(|p| p.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())).unwrap_or((p.to_owned(), String::new())))
                        .collect();
                    req = req.query(&pairs);
                }
                _ => {}
            }
            match (args.get("json"), text_arg(args, "data")) {
                (Some(body), _) if !body.is_null() => req = req.json(body),
                (_, Some(data)) => req = req.body(data),
                _ => {}
            }
            match text_arg(args, "auth_type").as_deref().unwrap_or("None") {
                "None" | "" => {}
                "Basic" => req = req.basic_auth(text_arg(args, "auth_username").unwrap_or_default(), text_arg(args, "auth_password")),
                "Bearer" => req = req.bearer_auth(text_arg(args, "auth_token").ok_or("auth_type Bearer needs `auth_token`")?),
                "Digest" => return Err("Digest authentication is not supported by the local runner (use Basic or Bearer, or run on the platform)".into()),
                other => return Err(format!("argument `auth_type`: unknown value {other}")),
            }
            let started = Instant::now();
            let resp = req.send().await.map_err(|e| format!("request to {url} failed: {}", describe(&e)))?;
            let status = resp.status();
            let final_url = resp.url().to_string();
            let headers = response_headers(resp.headers());
            let text = resp.text().await.map_err(|e| format!("reading the response of {url} failed: {}", describe(&e)))?;
            let elapsed = started.elapsed().as_secs_f64();
            let fail = args.get("fail_on_http_error").and_then(Value::as_bool).unwrap_or(true);
            let reason = status.canonical_reason().unwrap_or("").to_owned();
            if fail && (status.is_client_error() || status.is_server_error()) {
                let snippet: String = text.chars().take(300).collect();
                return Err(format!("HTTP {} {reason} from {final_url}: {snippet}", status.as_u16()));
            }
            let json_body = serde_json::from_str::<Value>(&text).unwrap_or(Value::Null);
            Ok(ActionOutput {
                results: json!({
                    "status_code": status.as_u16(),
                    "reason": reason,
                    "url": final_url,
                    "headers": headers,
                    "text": text,
                    "json": json_body,
                    "elapsed": elapsed,
                }),
                branches: None,
            })
        })
    }
}

pub fn describe(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "timed out".into()
    } else if e.is_connect() {
        format!("could not connect ({e})")
    } else {
        e.to_string()
    }
}
