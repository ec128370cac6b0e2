//! `tojson`: Python's `json.dumps(value, sort_keys=True)` with Jinja2's HTML-safe escapes.

use crate::error::{type_err, Result};
use crate::print::float_repr;
use crate::value::Value;

/// Python's `json.dumps(value, sort_keys=True, indent=indent)` made HTML-safe like Jinja2's
/// `tojson` (`<`, `>`, `&`, `'` as `\u` escapes).
pub(crate) fn tojson(v: &Value, indent: Option<&Value>) -> Result<String> {
    let indent = match indent {
        None | Some(Value::None) => None,
        Some(Value::Int(n)) => Some(" ".repeat((*n).max(0) as usize)),
        Some(Value::Str(s)) => Some(s.to_string()),
        Some(other) => return Err(type_err(format!("indent must be int or str, not {}", other.type_name()))),
    };
    let mut out = String::new();
    json_dump(v, indent.as_deref(), 0, &mut out)?;
    Ok(out.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026").replace('\'', "\\u0027"))
}

pub(crate) fn json_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

pub(crate) fn json_dump(v: &Value, indent: Option<&str>, level: usize, out: &mut String) -> Result<()> {
    let newline = |out: &mut String, level: usize| {
        if let Some(ind) = indent {
            out.push('\n');
            out.push_str(&ind.repeat(level));
        }
    };
    let item_sep = if indent.is_some() { "," } else { ", " };
    match v {
        Value::None => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(f) if f.is_nan() => out.push_str("NaN"),
        Value::Float(f) if f.is_infinite() => out.push_str(if *f > 0.0 { "Infinity" } else { "-Infinity" }),
        Value::Float(f) => out.push_str(&float_repr(*f)),
        Value::Str(s) | Value::Markup(s) => json_str(s, out),
        Value::List(_) | Value::Tuple(_) => {
            let items = v.iter_values().unwrap_or_default();
            if items.is_empty() {
                out.push_str("[]");
                return Ok(());
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(item_sep);
                }
                newline(out, level + 1);
                json_dump(item, indent, level + 1, out)?;
            }
            newline(out, level);
            out.push(']');
        }
        Value::Dict(d) => {
            let d = d.borrow();
            if d.is_empty() {
                out.push_str("{}");
                return Ok(());
            }
            let mut entries: Vec<(String, &Value, &Value)> = Vec::new();
            for (k, val) in d.iter() {
                let key = match k {
                    Value::Str(s) | Value::Markup(s) => s.to_string(),
                    Value::Int(i) => i.to_string(),
                    Value::Float(f) => float_repr(*f),
                    Value::Bool(b) => {
                        if *b {
                            "true".into()
                        } else {
                            "false".into()
                        }
                    }
                    Value::None => "null".into(),
                    other => return Err(type_err(format!("keys must be str, int, float, bool or None, not {}", other.type_name()))),
                };
                entries.push((key, k, val));
            }
            let all_str = entries.iter().all(|(_, k, _)| matches!(k, Value::Str(_) | Value::Markup(_)));
            let all_num = entries.iter().all(|(_, k, _)| matches!(k, Value::Int(_) | Value::Float(_) | Value::Bool(_)));
            if !all_str && !all_num {
                return Err(type_err("'<' not supported between instances of 'int' and 'str'"));
            }
            if all_str {
                entries.sort_by(|a, b| a.0.cmp(&b.0));
            } else {
                entries.sort_by(|a, b| crate::ops::py_cmp(a.1, b.1, "<").unwrap_or(std::cmp::Ordering::Equal));
            }
            out.push('{');
            for (i, (key, _, val)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(item_sep);
                }
                newline(out, level + 1);
                json_str(key, out);
                out.push_str(": ");
                json_dump(val, indent, level + 1, out)?;
            }
            newline(out, level);
            out.push('}');
        }
        Value::Range(..) | Value::View(..) => return Err(type_err(format!("Object of type {} is not JSON serializable", v.type_name()))),
        Value::Undefined(_) => return Err(type_err("Object of type Undefined is not JSON serializable")),
        Value::Func(_) => return Err(type_err(format!("Object of type {} is not JSON serializable", v.type_name()))),
    }
    Ok(())
}
