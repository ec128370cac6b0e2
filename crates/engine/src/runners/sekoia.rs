//! The Sekoia.io alert actions as REST calls (SEKOIA.md §3): the block's `docker_parameters`
//! (`get-alerts/{uuid}`) gives the verb and the path under `<base_url>/api/v1/sic/`;
//! arguments marked `"in": "path"` fill the path, `"in": "query"` go to the query string,
//! the others form the JSON body. Auth: `Bearer <api_key>` from the module configuration.

use super::http::describe;
use crate::runner::{ActionCall, ActionOutput, BlockRunner, RunFuture};
use serde_json::{Map, Value};
use studio_model::Block;

pub struct SekoiaRest {
    pub client: reqwest::Client,
}

const VERBS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

fn verb_and_path(block: &Block) -> Option<(&str, &str)> {
    let dp = block.docker_parameters.as_deref()?;
    let (verb, path) = dp.split_once('-')?;
    (VERBS.contains(&verb) && path.starts_with("alerts")).then_some((verb, path))
}

pub fn is_alert_call(block: &Block) -> bool {
    verb_and_path(block).is_some()
}

/// `https://api.sekoia.io` → `https://api.sekoia.io/api/v1/sic/`; a regional base that already
/// ends in `/api` (`https://app.fra2.sekoia.io/api`) → `.../api/v1/sic/`.
pub fn sic_base(base_url: &str) -> String {
    let base = base_url.trim_end_matches('/');
    if base.ends_with("/api") {
        format!("{base}/v1/sic/")
    } else {
        format!("{base}/api/v1/sic/")
    }
}

fn plain(v: &Value) -> String {
    v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string())
}

impl BlockRunner for SekoiaRest {
    fn run<'a>(&'a self, call: ActionCall<'a>) -> RunFuture<'a> {
        Box::pin(async move {
            let block = call.block.ok_or("unknown Sekoia.io action")?;
            let (verb, path) = verb_and_path(block).ok_or("not a Sekoia.io alert call")?;
            let cfg = call.configuration.ok_or("this action needs a Sekoia.io module configuration (base URL and API key)")?;
            let api_key = cfg.values.get("api_key").and_then(Value::as_str).filter(|k| !k.is_empty()).ok_or("the module configuration has no api_key")?;
            let base = cfg.values.get("base_url").and_then(Value::as_str).unwrap_or("https://api.sekoia.io");
            let props = block.arguments.get("properties").and_then(Value::as_object).cloned().unwrap_or_default();
            let args = call.arguments.as_object().cloned().unwrap_or_default();
            let mut path = path.to_owned();
            let mut query: Vec<(String, String)> = Vec::new();
            let mut body = Map::new();
            for (k, v) in &args {
                if v.is_null() {
                    continue;
                }
                match props.get(k).and_then(|p| p.get("in")).and_then(Value::as_str) {
                    Some("path") => {
                        let enc: String = plain(v).bytes().map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }).collect();
                        path = path.replace(&format!("{{{k}}}"), &enc);
                    }
                    Some("query") => query.push((k.clone(), plain(v))),
                    _ => {
                        body.insert(k.clone(), v.clone());
                    }
                }
            }
            if let Some(start) = path.find('{') {
                let end = path[start..].find('}').map(|e| start + e + 1).unwrap_or(path.len());
                return Err(format!("argument `{}` is required (it goes in the URL)", &path[start + 1..end.saturating_sub(1)]));
            }
            let url = format!("{}{path}", sic_base(base));
            let method = reqwest::Method::from_bytes(verb.to_uppercase().as_bytes()).map_err(|e| e.to_string())?;
            let mut req = self.client.request(method, &url).bearer_auth(api_key).timeout(call.timeout).query(&query);
            if verb != "get" && verb != "delete" {
                req = req.json(&Value::Object(body));
            }
            let resp = req.send().await.map_err(|e| format!("{} {url} failed: {}", verb.to_uppercase(), describe(&e)))?;
            let status = resp.status();
            let text = resp.text().await.map_err(|e| describe(&e))?;
            if !status.is_success() {
                let snippet: String = text.chars().take(300).collect();
                return Err(format!("HTTP {} {} from {url}: {snippet}", status.as_u16(), status.canonical_reason().unwrap_or("")));
            }
            let results = if text.trim().is_empty() { Value::Object(Map::new()) } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
            Ok(ActionOutput::new(results))
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn base_urls_of_every_region_reach_the_sic_api() {
        assert_eq!(super::sic_base("https://api.sekoia.io"), "https://api.sekoia.io/api/v1/sic/");
        assert_eq!(super::sic_base("https://app.fra2.sekoia.io/api/"), "https://app.fra2.sekoia.io/api/v1/sic/");
    }
}
