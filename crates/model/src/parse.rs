//! From bytes to a [`Playbook`]: UTF-8, JSON syntax (with line and column), then the shape of
//! every field, reported as diagnostics that name the node and the field. Only a document whose
//! shape is right becomes a typed playbook; graph rules are `check`'s job.

use crate::diagnostic::Diagnostic;
use crate::spl::{NodeType, OperatorSubtype, Playbook, MODIFICATION_TYPES};
use serde_json::{Map, Value};

pub fn parse_playbook(bytes: &[u8]) -> Result<Playbook, Vec<Diagnostic>> {
    let text = std::str::from_utf8(bytes).map_err(|e| vec![Diagnostic::error(format!("the file is not valid UTF-8 (invalid byte at offset {})", e.valid_up_to()))])?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::error("the file is empty: expected a playbook JSON object")]);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| vec![Diagnostic::error(format!("invalid JSON: {}", json_error_message(&e))).at_position(e.line(), e.column())])?;
    parse_playbook_value(value)
}

/// serde_json's message without its trailing " at line L column C" (we print those ourselves).
fn json_error_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    }
}

pub fn parse_playbook_value(value: Value) -> Result<Playbook, Vec<Diagnostic>> {
    let diags = check_shape(&value);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    serde_json::from_value(value).map_err(|e| vec![Diagnostic::error(format!("unreadable playbook: {e}"))])
}

pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

struct Shape {
    diags: Vec<Diagnostic>,
}

impl Shape {
    fn err(&mut self, node: Option<&str>, field: &str, message: String) {
        let mut d = Diagnostic::error(message).at_field(field);
        if let Some(node) = node {
            d = d.at_node(node);
        }
        self.diags.push(d);
    }

    fn expect_string(&mut self, obj: &Map<String, Value>, node: Option<&str>, key: &str, nullable: bool) {
        match obj.get(key) {
            None | Some(Value::String(_)) => {}
            Some(Value::Null) if nullable => {}
            Some(other) => self.err(node, key, format!("expected a string, found {}", type_name(other))),
        }
    }

    fn expect_string_list(&mut self, value: &Value, node: Option<&str>, field: &str) {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if !item.is_string() {
                        self.err(node, &format!("{field}[{i}]"), format!("expected a string, found {}", type_name(item)));
                    }
                }
            }
            other => self.err(node, field, format!("expected an array of strings, found {}", type_name(other))),
        }
    }
}

fn check_shape(value: &Value) -> Vec<Diagnostic> {
    let mut s = Shape { diags: Vec::new() };
    let Some(root) = value.as_object() else {
        s.diags.push(Diagnostic::error(format!("a playbook must be a JSON object, found {}", type_name(value))));
        return s.diags;
    };
    match root.get("name") {
        None => s.err(None, "name", "the playbook has no `name`".into()),
        Some(Value::String(_)) => {}
        Some(other) => s.err(None, "name", format!("expected a string, found {}", type_name(other))),
    }
    s.expect_string(root, None, "uuid", false);
    s.expect_string(root, None, "description", true);
    s.expect_string(root, None, "workspace", true);
    if let Some(tags) = root.get("tags") {
        s.expect_string_list(tags, None, "tags");
    }
    match root.get("nodes") {
        None => s.err(None, "nodes", "the playbook has no `nodes` object".into()),
        Some(Value::Object(nodes)) => {
            for (id, node) in nodes {
                check_node_shape(&mut s, id, node);
            }
        }
        Some(other) => s.err(None, "nodes", format!("`nodes` must be an object keyed by node id, found {}", type_name(other))),
    }
    s.diags
}

fn check_node_shape(s: &mut Shape, id: &str, node: &Value) {
    let at = Some(id);
    let Some(obj) = node.as_object() else {
        s.diags.push(Diagnostic::error(format!("a node must be a JSON object, found {}", type_name(node))).at_node(id));
        return;
    };
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        s.diags.push(Diagnostic::warning("node ids are integer strings on the platform").at_node(id));
    }
    let kind = match obj.get("type") {
        None => {
            s.err(at, "type", "the node has no `type` (expected trigger, action or operator)".into());
            None
        }
        Some(Value::String(t)) => match t.as_str() {
            "trigger" => Some(NodeType::Trigger),
            "action" => Some(NodeType::Action),
            "operator" => Some(NodeType::Operator),
            other => {
                s.err(at, "type", format!("unknown node type `{other}` (expected trigger, action or operator)"));
                None
            }
        },
        Some(other) => {
            s.err(at, "type", format!("expected a string, found {}", type_name(other)));
            None
        }
    };
    match obj.get("name") {
        None => s.diags.push(Diagnostic::warning("the node has no `name`").at_node(id).at_field("name")),
        Some(_) => s.expect_string(obj, at, "name", false),
    }
    match obj.get("outputs") {
        None => s.err(at, "outputs", "the node has no `outputs` (use {\"default\": []} for none)".into()),
        Some(Value::Object(branches)) => {
            for (branch, targets) in branches {
                s.expect_string_list(targets, at, &format!("outputs.{branch}"));
            }
        }
        Some(other) => s.err(at, "outputs", format!("expected an object of branch → targets, found {}", type_name(other))),
    }
    for key in ["module_uuid", "action_uuid", "trigger_uuid", "icon"] {
        s.expect_string(obj, at, key, false);
    }
    for key in ["module_configuration_uuid", "trigger_configuration_uuid"] {
        s.expect_string(obj, at, key, true);
    }
    if let Some(args) = obj.get("arguments") {
        if !args.is_object() {
            s.err(at, "arguments", format!("expected an object, found {}", type_name(args)));
        }
    }
    if let Some(pos) = obj.get("position") {
        check_position(s, id, pos);
    }
    if let Some(cases) = obj.get("cases") {
        check_cases(s, id, cases);
    }
    if let Some(mods) = obj.get("modifications") {
        check_modifications(s, id, mods);
    }
    if let Some(targets) = obj.get("loop") {
        s.expect_string_list(targets, at, "loop");
    }
    match kind {
        Some(NodeType::Trigger) => require(s, obj, id, &["module_uuid", "trigger_uuid"], "a trigger"),
        Some(NodeType::Action) => require(s, obj, id, &["module_uuid", "action_uuid"], "an action"),
        Some(NodeType::Operator) => check_operator_fields(s, obj, id),
        None => {}
    }
}

fn require(s: &mut Shape, obj: &Map<String, Value>, id: &str, keys: &[&str], what: &str) {
    for key in keys {
        if !obj.contains_key(*key) {
            s.err(Some(id), key, format!("{what} needs `{key}`"));
        }
    }
}

fn check_operator_fields(s: &mut Shape, obj: &Map<String, Value>, id: &str) {
    let subtype = match obj.get("subtype") {
        None => {
            let expected = OperatorSubtype::ALL.join(", ");
            s.err(Some(id), "subtype", format!("an operator needs a `subtype` ({expected})"));
            return;
        }
        Some(Value::String(st)) => st.as_str(),
        Some(other) => {
            s.err(Some(id), "subtype", format!("expected a string, found {}", type_name(other)));
            return;
        }
    };
    match subtype {
        "condition" => require(s, obj, id, &["cases"], "a condition"),
        "store" => require(s, obj, id, &["modifications"], "a store"),
        "foreach" => require(s, obj, id, &["items", "loop"], "a foreach"),
        "any" | "all" => {}
        other => {
            let expected = OperatorSubtype::ALL.join(", ");
            s.err(Some(id), "subtype", format!("unknown operator subtype `{other}` (expected {expected})"));
        }
    }
}

fn check_position(s: &mut Shape, id: &str, pos: &Value) {
    let ok = pos.as_object().is_some_and(|p| p.get("x").is_some_and(Value::is_number) && p.get("y").is_some_and(Value::is_number));
    if !ok {
        s.err(Some(id), "position", "expected {\"x\": number, \"y\": number}".into());
    }
}

fn check_cases(s: &mut Shape, id: &str, cases: &Value) {
    let Some(list) = cases.as_array() else {
        s.err(Some(id), "cases", format!("expected an array of cases, found {}", type_name(cases)));
        return;
    };
    for (i, case) in list.iter().enumerate() {
        let field = format!("cases[{i}]");
        let Some(obj) = case.as_object() else {
            s.err(Some(id), &field, format!("expected an object, found {}", type_name(case)));
            continue;
        };
        match obj.get("name") {
            Some(Value::String(_)) => {}
            Some(other) => s.err(Some(id), &format!("{field}.name"), format!("expected a string, found {}", type_name(other))),
            None => s.err(Some(id), &format!("{field}.name"), "a case needs a `name` (it is the branch name)".into()),
        }
        s.expect_string(obj, Some(id), "comparison", false);
        if let Some(Value::String(cmp)) = obj.get("comparison") {
            if !crate::spl::COMPARISONS.contains(&cmp.as_str()) {
                let expected = crate::spl::COMPARISONS.join(" ");
                s.err(Some(id), &format!("{field}.comparison"), format!("unknown comparison `{cmp}` (expected one of {expected})"));
            }
        }
    }
}

fn check_modifications(s: &mut Shape, id: &str, mods: &Value) {
    let Some(list) = mods.as_array() else {
        s.err(Some(id), "modifications", format!("expected an array, found {}", type_name(mods)));
        return;
    };
    for (i, m) in list.iter().enumerate() {
        let field = format!("modifications[{i}]");
        let Some(obj) = m.as_object() else {
            s.err(Some(id), &field, format!("expected an object, found {}", type_name(m)));
            continue;
        };
        if !obj.get("key").is_some_and(Value::is_string) {
            s.err(Some(id), &format!("{field}.key"), "a modification needs a string `key`".into());
        }
        match obj.get("type") {
            Some(Value::String(t)) if MODIFICATION_TYPES.contains(&t.as_str()) => {}
            Some(Value::String(t)) => s.err(Some(id), &format!("{field}.type"), format!("unknown modification type `{t}` (expected {})", MODIFICATION_TYPES.join(", "))),
            _ => s.err(Some(id), &format!("{field}.type"), "a modification needs a string `type`".into()),
        }
    }
}
