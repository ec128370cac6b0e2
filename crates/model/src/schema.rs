//! The part of JSON Schema (draft 7) that block arguments use: `type`, `enum`, `required`,
//! `properties`, `items`, `anyOf`/`oneOf`. Enough to tell an analyst that an argument is
//! missing, of the wrong type or not one of the allowed values; not a full validator.
//!
//! A string holding Jinja (`{{` or `{%`) is rendered at run time into a value of any type, so
//! it is accepted wherever a value is expected.

use crate::parse::type_name;
use serde_json::Value;

/// One argument problem: the path inside the arguments (`uuid`, `json.items[2]`) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaIssue {
    pub path: String,
    pub message: String,
}

pub fn is_jinja(s: &str) -> bool {
    s.contains("{{") || s.contains("{%")
}

/// Checks `value` against `schema`, appending what is wrong to `out`.
pub fn check(schema: &Value, value: &Value, path: &str, out: &mut Vec<SchemaIssue>) {
    let Some(schema) = schema.as_object() else { return };
    if matches!(value, Value::String(s) if is_jinja(s)) {
        return;
    }
    let issue = |message: String| SchemaIssue { path: path.to_owned(), message };
    if let Some(types) = schema.get("type") {
        let allowed: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if !allowed.is_empty() && !allowed.iter().any(|t| has_type(value, t)) {
            out.push(issue(format!("expected {}, found {}", allowed.join(" or "), type_name(value))));
            return;
        }
    }
    if let Some(Value::Array(options)) = schema.get("enum") {
        if !options.contains(value) {
            let list: Vec<String> = options.iter().map(Value::to_string).collect();
            out.push(issue(format!("{} is not one of {}", value, list.join(", "))));
        }
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(Value::Array(options)) = schema.get(key) {
            let fits = options.iter().any(|option| {
                let mut scratch = Vec::new();
                check(option, value, path, &mut scratch);
                scratch.is_empty()
            });
            if !options.is_empty() && !fits {
                out.push(issue(format!("{} does not match any of the allowed shapes", type_name(value))));
            }
        }
    }
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(required)) = schema.get("required") {
                for key in required.iter().filter_map(Value::as_str) {
                    if !map.contains_key(key) {
                        out.push(SchemaIssue { path: join(path, key), message: "required, but missing".into() });
                    }
                }
            }
            if let Some(Value::Object(props)) = schema.get("properties") {
                for (key, sub) in props {
                    if let Some(v) = map.get(key) {
                        check(sub, v, &join(path, key), out);
                    }
                }
            }
        }
        Value::Array(items) => {
            if let Some(item_schema @ Value::Object(_)) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    check(item_schema, item, &format!("{path}[{i}]"), out);
                }
            }
        }
        _ => {}
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn has_type(value: &Value, ty: &str) -> bool {
    match ty {
        "string" => value.is_string(),
        "number" => value.is_number(),
        "integer" => value.as_i64().is_some() || value.as_u64().is_some() || value.as_f64().is_some_and(|f| f.fract() == 0.0),
        "boolean" => value.is_boolean(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        "null" => value.is_null(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn issues(schema: Value, value: Value) -> Vec<String> {
        let mut out = Vec::new();
        check(&schema, &value, "", &mut out);
        out.into_iter().map(|i| format!("{}: {}", i.path, i.message)).collect()
    }

    #[test]
    fn reports_missing_required_and_wrong_types() {
        let schema = json!({"type": "object", "required": ["uuid"], "properties": {"stix": {"type": "boolean"}}});
        assert_eq!(issues(schema, json!({"stix": "yes"})), vec!["uuid: required, but missing", "stix: expected boolean, found a string"]);
    }

    #[test]
    fn jinja_strings_fit_any_type() {
        let schema = json!({"properties": {"n": {"type": "integer"}}});
        assert!(issues(schema, json!({"n": "{{ node.1.count }}"})).is_empty());
    }

    #[test]
    fn enum_and_any_of() {
        let schema = json!({"properties": {"m": {"enum": ["get", "post"]}, "p": {"anyOf": [{"type": "object"}, {"type": "string"}]}}});
        assert_eq!(issues(schema, json!({"m": "put", "p": 3})), vec!["m: \"put\" is not one of \"get\", \"post\"", "p: a number does not match any of the allowed shapes"]);
    }

    #[test]
    fn integers_accept_whole_floats_only() {
        let schema = json!({"type": "integer"});
        assert!(issues(schema.clone(), json!(3.0)).is_empty());
        assert_eq!(issues(schema, json!(3.5)).len(), 1);
    }
}
