//! The real core's answers for the UI tests' backend (`frontend/src/ipc/mock/`), so that its
//! answers cannot disagree with the core: the problems of the documents the UI tests open
//! (`validate_playbook`), of the invalid files they import (`import_playbook_file`), and the
//! comparisons of the Triage playbook with its edited platform copies (`platform_compare`),
//! written to `frontend/src/ipc/mock/goldens.json`. Like the TypeScript bindings, the file is
//! regenerated here and CI fails when the committed one differs; the mock has no rule of its
//! own for either command.
//!
//! Inputs: `frontend/e2e/fixtures/` (the small Triage playbook, `import/*.json`), the project's
//! templates, and the platform template the editor screenshot uses (from ../shared).

use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};
use studio_core::{ErrorPayload, Home, Studio};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The key both sides compute for a document: keys sorted at every level (by UTF-16 code
/// units, as JavaScript sorts), numbers as JavaScript prints them, no `uuid` at the top (the
/// backend adds its own id there). A number whose printing could differ (exponents) stops
/// the generator rather than give a key the backend would never find.
fn canonical(v: &Value) -> String {
    fn write(v: &Value, out: &mut String) {
        match v {
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
                out.push('{');
                for (i, k) in keys.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::String((*k).clone()).to_string());
                    out.push(':');
                    write(&map[*k], out);
                }
                out.push('}');
            }
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write(item, out);
                }
                out.push(']');
            }
            Value::Number(n) => {
                let f = n.as_f64().unwrap_or(0.0);
                assert!(f == 0.0 || (1e-6..1e15).contains(&f.abs()), "fixture number {n}: JavaScript may print it differently; use a plainer one");
                match n.is_f64() && f.fract() == 0.0 {
                    true => out.push_str(&(f as i64).to_string()),
                    false => out.push_str(&n.to_string()),
                }
            }
            other => out.push_str(&other.to_string()),
        }
    }
    let mut v = v.clone();
    if let Value::Object(map) = &mut v {
        map.remove("uuid");
    }
    let mut out = String::new();
    write(&v, &mut out);
    out
}

/// What the test backend's `platform.editRemote` makes of a document: `name` and
/// `description` replaced, `nodes` merged (`null` removes a block).
fn edited(doc: &Value, edit: &Value) -> Value {
    let mut doc = doc.clone();
    for field in ["name", "description"] {
        if let Some(v) = edit.get(field) {
            doc[field] = v.clone();
        }
    }
    if let Some(nodes) = edit.get("nodes").and_then(Value::as_object) {
        for (id, node) in nodes {
            let all = doc["nodes"].as_object_mut().unwrap();
            if node.is_null() {
                all.remove(id);
            } else {
                all.insert(id.clone(), node.clone());
            }
        }
    }
    doc
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

#[test]
fn ui_goldens_are_current() {
    let Some(shared) = studio_testkit::sekoia_fixtures() else { return };
    let fixtures = repo().join("frontend/e2e/fixtures");
    let dir = tempfile::tempdir().unwrap();
    let mut studio = Studio::open(Home::new(dir.path().join("home"))).unwrap();

    let mut documents = vec![fixtures.join("triage-small.json"), shared.join("templates/slack_notification_on_alert.json")];
    documents.extend(studio_testkit::json_files(&repo().join("templates")).into_iter().filter(|p| !p.to_string_lossy().ends_with(".test.json") && !p.ends_with("index.json")));
    let mut validate = Map::new();
    for path in &documents {
        let content = read_json(path);
        let diagnostics = serde_json::to_value(studio.validate_document(content.clone())).unwrap();
        validate.insert(canonical(&content), diagnostics);
    }

    let mut imports = Map::new();
    for path in studio_testkit::json_files(&fixtures.join("import")) {
        let text = std::fs::read_to_string(&path).unwrap();
        let copy = dir.path().join(path.file_name().unwrap());
        std::fs::write(&copy, &text).unwrap();
        let answer = match studio.import_playbook_file(&copy, None) {
            Ok(_) => Value::Null,
            // The file's place becomes `{path}`: the backend puts the path the test chose.
            Err(e) => serde_json::from_str(&serde_json::to_string(&ErrorPayload::from(e)).unwrap().replace(&copy.display().to_string(), "{path}")).unwrap(),
        };
        imports.insert(text, answer);
    }
    let broken = imports.values().find(|a| a["code"] == "invalid_playbook" && a["diagnostics"].is_array()).expect("an invalid file's structured problems");
    assert_eq!(broken["path"], "{path}");
    assert!(validate.values().any(|d| d.as_array().is_some_and(|d| !d.is_empty())), "a document with problems");

    let mut compare = Map::new();
    let triage = read_json(&fixtures.join("triage-small.json"));
    let edits = read_json(&fixtures.join("compare-edits.json"));
    let mut remotes = vec![triage.clone()];
    remotes.extend(edits.as_object().unwrap().iter().filter(|(k, _)| !k.starts_with('_')).map(|(_, edit)| edited(&triage, edit)));
    // Locally: the playbook as seeded, or any platform copy pulled over it.
    for local in &remotes {
        let parsed = studio_model::parse_playbook_value(local.clone()).expect("the fixtures are valid playbooks");
        for remote_content in &remotes {
            let remote: studio_platform::RemotePlaybook = serde_json::from_value(json!({
                "uuid": "{remote_uuid}", "name": remote_content["name"], "description": remote_content["description"], "content": remote_content,
            }))
            .unwrap();
            let answer = studio_core::compare_documents("{local_id}", local["name"].as_str().unwrap_or("Untitled"), &parsed, &remote);
            compare.insert(format!("{} ~ {}", canonical(local), canonical(remote_content)), serde_json::to_value(answer).unwrap());
        }
    }
    assert!(compare.values().any(|c| c["same"] == false) && compare.values().any(|c| c["same"] == true));

    let goldens = json!({
        "_comment": "Generated by crates/studio/tests/ui_goldens.rs from the real core. Do not edit.",
        "validate": validate,
        "import": imports,
        "compare": compare,
    });
    let out = repo().join("frontend/src/ipc/mock/goldens.json");
    std::fs::write(out, serde_json::to_string_pretty(&goldens).unwrap() + "\n").unwrap();
}
