//! Parsing, lossless round trips and graph checks, on small playbooks written here and on the
//! platform's real templates.

use serde_json::{json, Value};
use studio_model::{check_playbook, parse_playbook, validate, CheckOptions, Diagnostic, Severity};

fn errors_of(doc: &[u8]) -> Vec<String> {
    let (_, diags) = validate(doc, None);
    diags.iter().filter(|d| d.is_error()).map(ToString::to_string).collect()
}

fn minimal() -> Value {
    json!({
        "uuid": "5b6a8f0e-1111-4c3e-9d2a-000000000001",
        "name": "Triage",
        "description": "Fetch the alert and comment it",
        "tags": ["alerts"],
        "nodes": {
            "0": {"type": "trigger", "name": "Alert Created", "module_uuid": "m", "trigger_uuid": "t", "outputs": {"default": ["1"]}},
            "1": {"type": "action", "name": "Get alert", "module_uuid": "m", "action_uuid": "a",
                  "module_configuration_uuid": null, "arguments": {"uuid": "{{ node.0.alert_uuid }}", "stix": false},
                  "outputs": {"default": []}, "position": {"x": -16, "y": 12.5}, "custom_flag": {"kept": true}}
        },
        "future_field": [1, 2]
    })
}

#[test]
fn round_trip_keeps_unknown_fields_nulls_and_number_forms() {
    let doc = minimal();
    let pb = parse_playbook(doc.to_string().as_bytes()).expect("valid playbook");
    assert_eq!(pb.to_value(), doc);
    let text = pb.to_json_pretty();
    assert!(text.contains("\"x\": -16"), "integer positions stay integers: {text}");
    assert!(text.contains("\"module_configuration_uuid\": null"));
}

#[test]
fn minimal_playbook_has_no_diagnostics() {
    let (pb, diags) = validate(minimal().to_string().as_bytes(), None);
    assert!(pb.is_some());
    assert_eq!(diags, Vec::<Diagnostic>::new());
}

#[test]
fn empty_truncated_and_non_utf8_files_are_named() {
    assert_eq!(errors_of(b""), vec!["the file is empty: expected a playbook JSON object"]);
    let truncated = &minimal().to_string()[..40];
    let errs = errors_of(truncated.as_bytes());
    assert_eq!(errs.len(), 1);
    assert!(errs[0].starts_with("line 1, column 40: invalid JSON: EOF"), "{errs:?}");
    assert!(errors_of(b"{\"name\": \"\xff\xfe\"}")[0].contains("not valid UTF-8"));
}

#[test]
fn nodes_as_an_array_is_a_shape_error() {
    let errs = errors_of(br#"{"name": "x", "nodes": [{"type": "trigger"}]}"#);
    assert_eq!(errs, vec!["nodes: `nodes` must be an object keyed by node id, found an array"]);
}

#[test]
fn unknown_node_type_names_the_type() {
    let mut doc = minimal();
    doc["nodes"]["1"]["type"] = json!("webhook");
    assert_eq!(errors_of(doc.to_string().as_bytes()), vec!["node 1: type: unknown node type `webhook` (expected trigger, action or operator)"]);
}

#[test]
fn dangling_output_target_names_the_missing_id() {
    let mut doc = minimal();
    doc["nodes"]["1"]["outputs"] = json!({"default": ["9"]});
    assert_eq!(errors_of(doc.to_string().as_bytes()), vec!["node 1: outputs.default[0]: target \"9\" is not a node"]);
}

#[test]
fn cycles_are_reported_with_their_path() {
    let mut doc = minimal();
    doc["nodes"]["2"] = json!({"type": "action", "name": "b", "module_uuid": "m", "action_uuid": "a", "outputs": {"default": ["1"]}});
    doc["nodes"]["1"]["outputs"] = json!({"default": ["2"]});
    assert_eq!(errors_of(doc.to_string().as_bytes()), vec!["node 2: outputs: cycle: 1 → 2 → 1"]);
}

#[test]
fn foreach_loop_back_edge_is_not_a_cycle() {
    let doc = json!({"name": "loop", "nodes": {
        "0": {"type": "trigger", "name": "t", "module_uuid": "m", "trigger_uuid": "t", "outputs": {"default": ["1"]}},
        "1": {"type": "operator", "subtype": "foreach", "name": "each", "items": "{{ node.0.items }}", "loop": ["2"], "outputs": {"default": []}},
        "2": {"type": "operator", "subtype": "store", "name": "keep", "modifications": [{"key": "k", "type": "append", "value": "{{ node.1.default.value }}"}], "outputs": {"default": ["1"]}}
    }});
    assert_eq!(errors_of(doc.to_string().as_bytes()), Vec::<String>::new());
}

#[test]
fn missing_trigger_and_unreachable_nodes() {
    let doc = json!({"name": "no trigger", "nodes": {
        "1": {"type": "action", "name": "a", "module_uuid": "m", "action_uuid": "a", "outputs": {"default": []}}
    }});
    assert_eq!(errors_of(doc.to_string().as_bytes()), vec!["nodes: the playbook has no trigger node"]);

    let mut doc = minimal();
    doc["nodes"]["0"]["outputs"] = json!({"default": []});
    let pb = parse_playbook(doc.to_string().as_bytes()).unwrap();
    let diags = check_playbook(&pb, &CheckOptions::default());
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].severity, Severity::Warning);
    assert_eq!(diags[0].node.as_deref(), Some("1"));
}

#[test]
fn operator_fields_are_required() {
    let doc = json!({"name": "ops", "nodes": {
        "0": {"type": "trigger", "name": "t", "module_uuid": "m", "trigger_uuid": "t", "outputs": {"default": ["1", "2", "3"]}},
        "1": {"type": "operator", "subtype": "condition", "name": "c", "outputs": {"else": []}},
        "2": {"type": "operator", "subtype": "foreach", "name": "f", "outputs": {"default": []}},
        "3": {"type": "operator", "subtype": "store", "name": "s", "modifications": [{"key": "k", "type": "upsert"}], "outputs": {"default": []}}
    }});
    assert_eq!(
        errors_of(doc.to_string().as_bytes()),
        vec![
            "node 1: cases: a condition needs `cases`",
            "node 2: items: a foreach needs `items`",
            "node 2: loop: a foreach needs `loop`",
            "node 3: modifications[0].type: unknown modification type `upsert` (expected set, unset, append, remove)",
        ]
    );
}

#[test]
fn every_shared_template_validates_and_round_trips() {
    let Some(fixtures) = studio_testkit::sekoia_fixtures() else { return };
    let files = studio_testkit::json_files(&fixtures.join("templates"));
    assert_eq!(files.len(), 26, "the shared fixtures hold 26 templates");
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        let (pb, diags) = validate(&bytes, None);
        let errors: Vec<String> = diags.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
        let original: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(pb.unwrap().to_value(), original, "{} must round-trip losslessly", file.display());
    }
}
