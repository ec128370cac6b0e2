//! The client against the project's stand-in platform: auth, permissions, retries, timeouts,
//! pagination. Retry delays are shortened; the rules are the real ones.

use serde_json::json;
use std::time::{Duration, Instant};
use studio_platform::{ApiKey, Client, ClientOptions, PlatformError, PlaybookBody, RetryPolicy};
use studio_testkit::platform::{Fault, MockPlatform};

const KEY: &str = "sk-test-0123456789abcdef";

fn options() -> ClientOptions {
    ClientOptions {
        timeout: Duration::from_millis(800),
        connect_timeout: Duration::from_millis(800),
        retry: RetryPolicy { max_attempts: 4, base_delay: Duration::from_millis(10), max_delay: Duration::from_secs(3) },
    }
}

fn client(platform: &MockPlatform, key: &str) -> Client {
    Client::new(&platform.url, ApiKey::new(key).unwrap(), options()).unwrap()
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(f)
}

fn body<'a>(nodes: &'a serde_json::Value) -> PlaybookBody<'a> {
    PlaybookBody { name: "Enrich", description: "d", community_uuid: None, tags: &[], nodes, trigger_configurations: None }
}

#[test]
fn a_refused_key_is_a_401_error_that_does_not_quote_the_key() {
    let platform = MockPlatform::start(KEY);
    let err = block_on(client(&platform, "wrong-key-value").playbooks()).unwrap_err();
    assert!(matches!(err, PlatformError::Unauthorized { .. }), "{err:?}");
    assert!(!err.to_string().contains("wrong-key-value"));
    let seen = platform.seen();
    assert_eq!(seen[0].header("authorization"), Some("Bearer wrong-key-value"));
    assert_eq!(seen.len(), 1, "401 is not retried");
}

#[test]
fn the_check_names_each_missing_permission_without_side_effects() {
    let platform = MockPlatform::start(KEY);
    platform.deny(KEY, &["rerun", "execute_actions"]);
    let report = block_on(client(&platform, KEY).check_connection()).unwrap();
    assert!(report.authenticated);
    assert_eq!(report.missing, vec!["Re-run playbooks", "Execute actions"]);
    let granted: Vec<&str> = report.permissions.iter().filter(|p| p.granted).map(|p| p.id).collect();
    assert_eq!(granted, vec!["view_playbooks", "manage_playbooks", "view_runs", "view_integrations"]);
    let state = platform.state();
    assert!(state.playbooks.is_empty() && state.runs.is_empty(), "probes must not create anything");
}

#[test]
fn the_check_with_a_bad_key_reports_every_permission_missing() {
    let platform = MockPlatform::start(KEY);
    let report = block_on(client(&platform, "nope").check_connection()).unwrap();
    assert!(!report.authenticated);
    assert_eq!(report.missing.len(), 6);
    assert_eq!(platform.seen().len(), 1, "one 401 is enough to know");
}

#[test]
fn a_429_is_retried_after_retry_after_and_then_succeeds() {
    let platform = MockPlatform::start(KEY);
    platform.fault(Fault { retry_after: Some("1".into()), ..Fault::status("/playbooks", 429) });
    let started = Instant::now();
    let list = block_on(client(&platform, KEY).playbooks()).unwrap();
    assert!(list.is_empty());
    assert!(started.elapsed() >= Duration::from_millis(950), "Retry-After: 1 must be honoured, waited {:?}", started.elapsed());
    assert_eq!(platform.calls().len(), 2);
}

#[test]
fn a_429_is_retried_even_for_a_create_since_nothing_was_done() {
    let platform = MockPlatform::start(KEY);
    platform.fault(Fault { retry_after: Some("0".into()), ..Fault::status("/playbooks", 429) });
    let nodes = json!({});
    let created = block_on(client(&platform, KEY).create_playbook(&body(&nodes))).unwrap();
    assert_eq!(platform.state().playbooks.len(), 1);
    assert_eq!(platform.state().playbooks.keys().next().unwrap(), &created.uuid);
}

#[test]
fn a_retry_after_beyond_the_ceiling_is_reported_not_waited_for() {
    let platform = MockPlatform::start(KEY);
    platform.fault(Fault { retry_after: Some("3600".into()), ..Fault::status("/playbooks", 429) });
    let err = block_on(client(&platform, KEY).playbooks()).unwrap_err();
    assert!(matches!(err, PlatformError::RateLimited { retry_after: Some(3600), .. }), "{err:?}");
    assert!(err.to_string().contains("3600 s"));
}

#[test]
fn server_errors_are_retried_for_reads_but_never_for_a_create() {
    let platform = MockPlatform::start(KEY);
    platform.fault(Fault::status("/modules", 503));
    platform.fault(Fault::status("/modules", 502));
    let modules = block_on(client(&platform, KEY).modules()).unwrap();
    assert!(modules.is_empty());
    assert_eq!(platform.calls().len(), 3);

    let platform = MockPlatform::start(KEY);
    platform.fault(Fault::status("/playbooks", 503));
    let nodes = json!({});
    let err = block_on(client(&platform, KEY).create_playbook(&body(&nodes))).unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(platform.calls().len(), 1, "a create is sent once");
}

#[test]
fn persistent_server_errors_give_up_after_the_policy() {
    let platform = MockPlatform::start(KEY);
    for _ in 0..10 {
        platform.fault(Fault::status("/playbooks", 504));
    }
    let err = block_on(client(&platform, KEY).playbooks()).unwrap_err();
    assert_eq!(err.status(), Some(504));
    assert_eq!(platform.calls().len(), 4);
    assert!(err.to_string().contains("GET /playbooks"), "{err}");
}

#[test]
fn a_slow_answer_times_out_and_only_reads_are_retried() {
    let platform = MockPlatform::start(KEY);
    platform.fault(Fault { delay: Duration::from_secs(2), ..Fault::status("/playbooks", 0) });
    let list = block_on(client(&platform, KEY).playbooks()).unwrap();
    assert!(list.is_empty());
    assert_eq!(platform.calls().len(), 2);

    let platform = MockPlatform::start(KEY);
    platform.fault(Fault { delay: Duration::from_secs(2), ..Fault::status("/playbooks", 0) });
    let nodes = json!({});
    let err = block_on(client(&platform, KEY).create_playbook(&body(&nodes))).unwrap_err();
    assert!(matches!(err, PlatformError::Timeout { .. }), "{err:?}");
}

#[test]
fn lists_are_read_page_by_page() {
    let platform = MockPlatform::start(KEY);
    for i in 0..250 {
        platform.add_module(json!({ "uuid": format!("m-{i}"), "name": format!("Module {i}") }), vec![], vec![]);
    }
    let modules = block_on(client(&platform, KEY).modules()).unwrap();
    assert_eq!(modules.len(), 250);
    assert_eq!(modules[249].name, "Module 249");
    let pages: Vec<String> = platform.seen().iter().map(|s| s.path.clone()).collect();
    assert_eq!(pages.len(), 3, "{pages:?}");
    assert!(pages[2].contains("offset=200") && pages[2].contains("limit=100"), "{pages:?}");
}

#[test]
fn an_unreachable_platform_says_where_it_tried() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = Client::new(&url, ApiKey::new(KEY).unwrap(), options()).unwrap();
    let err = block_on(client.playbooks()).unwrap_err();
    assert!(matches!(err, PlatformError::Unreachable { .. }), "{err:?}");
    let host = url.trim_start_matches("http://");
    assert_eq!(err.to_string(), format!("cannot reach {host}: nothing answers there (connection refused) — check the URL"));
    assert!(err.details().is_some_and(|d| d.to_ascii_lowercase().contains("refused")), "the whole cause stays behind: {:?}", err.details());

    // A name that does not resolve (the `.invalid` TLD never does) says so in a few words.
    let client = Client::new("https://api.nowhere.invalid", ApiKey::new(KEY).unwrap(), options()).unwrap();
    let err = block_on(client.playbooks()).unwrap_err();
    assert_eq!(err.to_string(), "cannot reach api.nowhere.invalid: the name does not resolve — check the region or your connection", "{:?}", err.details());
}
