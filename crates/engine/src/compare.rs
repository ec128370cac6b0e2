//! A condition case's comparison, as the platform evaluates it: the Python expression
//! `left <op> right` on the two rendered sides (docs/ENGINE.md, "Conditions").
//!
//! - A side keeps the type its rendering gives: plain text is a string ("interpreted as a
//!   String by default"), `{{ 80 }}` is a number. `"80" == 80` is false and ordering a
//!   number against text is an error, as in Python.
//! - `value_type` (`string`, `integer`) converts both sides first, with Python's `str()` and
//!   `int()`.
//! - For `in`, `not in` and `range`, a right side written as a list literal
//!   (`["my rule 1", "my second rule"]`, `[{{10}}, {{100}}]`) is that list (inferred from the
//!   documented `range` example; `in` on other text is a substring test).

use crate::literal::parse_list_literal;
use serde_json::Value;
use std::cmp::Ordering;

/// Python's name for a JSON value's type (for error messages).
fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

fn show(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

/// A number as Python sees it (`bool` is an `int`): exact integers stay integers.
enum Num {
    Int(i128),
    Float(f64),
}

fn number(v: &Value) -> Option<Num> {
    match v {
        Value::Bool(b) => Some(Num::Int(*b as i128)),
        Value::Number(n) => Some(match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Num::Int(i as i128),
            (_, Some(u)) => Num::Int(u as i128),
            _ => Num::Float(n.as_f64().unwrap_or(f64::NAN)),
        }),
        _ => None,
    }
}

fn num_cmp(a: Num, b: Num) -> Option<Ordering> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => Some(x.cmp(&y)),
        (Num::Int(x), Num::Float(y)) => (x as f64).partial_cmp(&y),
        (Num::Float(x), Num::Int(y)) => x.partial_cmp(&(y as f64)),
        (Num::Float(x), Num::Float(y)) => x.partial_cmp(&y),
    }
}

/// Python's `a == b`.
fn py_eq(a: &Value, b: &Value) -> bool {
    if let (Some(x), Some(y)) = (number(a), number(b)) {
        return num_cmp(x, y) == Some(Ordering::Equal);
    }
    match (a, b) {
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| py_eq(p, q)),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| py_eq(v, w))),
        _ => a == b,
    }
}

/// Python's ordering of `a` and `b` (`op` names the comparison in the error).
fn py_order(op: &str, a: &Value, b: &Value) -> Result<Option<Ordering>, String> {
    if let (Some(x), Some(y)) = (number(a), number(b)) {
        return Ok(num_cmp(x, y));
    }
    match (a, b) {
        (Value::String(x), Value::String(y)) => Ok(Some(x.cmp(y))),
        (Value::Array(x), Value::Array(y)) => {
            for (p, q) in x.iter().zip(y) {
                if !py_eq(p, q) {
                    return py_order(op, p, q);
                }
            }
            Ok(Some(x.len().cmp(&y.len())))
        }
        _ => {
            let mut msg = format!("'{op}' not supported between {} ({}) and {} ({})", show(a), type_name(a), show(b), type_name(b));
            let numeric_text = |v: &Value| v.as_str().is_some_and(|t| t.trim().parse::<f64>().is_ok());
            if (number(a).is_some() && numeric_text(b)) || (numeric_text(a) && number(b).is_some()) {
                msg.push_str(": plain text is a string; write the number as {{ 1 }}, or set the case's value_type to integer");
            }
            Err(msg)
        }
    }
}

/// Python's `needle in hay`.
fn py_in(needle: &Value, hay: &Value) -> Result<bool, String> {
    match hay {
        Value::Array(items) => Ok(items.iter().any(|i| py_eq(i, needle))),
        Value::String(s) => match needle {
            Value::String(n) => Ok(s.contains(n.as_str())),
            other => Err(format!("'in <string>' requires a string on the left, not {} ({})", show(other), type_name(other))),
        },
        Value::Object(map) => match needle {
            Value::String(k) => Ok(map.contains_key(k)),
            Value::Array(_) | Value::Object(_) => Err(format!("unhashable type: '{}'", type_name(needle))),
            // JSON object keys are text: a number, a boolean or None is never one.
            _ => Ok(false),
        },
        other => Err(format!("argument of type '{}' is not iterable ({})", type_name(other), show(other))),
    }
}

/// Python's `int(v)`.
fn py_int(v: &Value) -> Result<Value, String> {
    match v {
        Value::Bool(b) => Ok(Value::from(*b as i64)),
        Value::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap_or(f64::NAN);
            if f.is_finite() {
                Ok(Value::from(f.trunc() as i64))
            } else {
                Err(format!("cannot convert float {f} to integer"))
            }
        }
        Value::Number(_) => Ok(v.clone()),
        Value::String(s) => {
            let t = s.trim();
            let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
            let valid = !digits.is_empty() && !digits.starts_with('_') && !digits.ends_with('_') && !digits.contains("__") && digits.chars().all(|c| c.is_ascii_digit() || c == '_');
            match t.replace('_', "").parse::<i64>() {
                Ok(i) if valid => Ok(Value::from(i)),
                _ => Err(format!("invalid literal for int() with base 10: {}", studio_jinja::python_str(&Value::Array(vec![v.clone()])).trim_matches(['[', ']']))),
            }
        }
        other => Err(format!("int() argument must be a string or a number, not '{}'", type_name(other))),
    }
}

/// Converts a side to the case's `value_type` (`None`: as rendered).
fn convert(v: &Value, value_type: Option<&str>) -> Result<Value, String> {
    match value_type {
        None | Some("") => Ok(v.clone()),
        Some("string") => Ok(Value::String(studio_jinja::python_str(v))),
        Some("integer") => py_int(v),
        Some(other) => Err(format!("unknown value_type `{other}` (string or integer)")),
    }
}

/// The right side of `in`, `not in` and `range`: a list literal written as text is that list.
fn collection(right: &Value) -> Value {
    match right {
        Value::String(s) => parse_list_literal(s).map(Value::Array).unwrap_or_else(|| right.clone()),
        other => other.clone(),
    }
}

/// Converts a collection's members (or the value itself when it is not a list).
fn convert_members(v: &Value, value_type: Option<&str>) -> Result<Value, String> {
    match (v, value_type) {
        (_, None) => Ok(v.clone()),
        (Value::Array(items), Some(_)) => items.iter().map(|i| convert(i, value_type)).collect::<Result<_, _>>().map(Value::Array),
        _ => convert(v, value_type),
    }
}

/// A condition case's comparison: `left <op> right` as Python evaluates it, after the
/// `value_type` conversion. Errors read like Python's, with both values.
pub fn compare(op: &str, left: &Value, right: &Value, value_type: Option<&str>) -> Result<bool, String> {
    let l = convert(left, value_type)?;
    let ordered = |want: fn(Ordering) -> bool| -> Result<bool, String> {
        let r = convert(right, value_type)?;
        Ok(py_order(op, &l, &r)?.is_some_and(want))
    };
    Ok(match op {
        "==" => py_eq(&l, &convert(right, value_type)?),
        "!=" => !py_eq(&l, &convert(right, value_type)?),
        "<" => ordered(|o| o == Ordering::Less)?,
        "<=" => ordered(|o| o != Ordering::Greater)?,
        ">" => ordered(|o| o == Ordering::Greater)?,
        ">=" => ordered(|o| o != Ordering::Less)?,
        "in" => py_in(&l, &convert_members(&collection(right), value_type)?)?,
        "not in" => !py_in(&l, &convert_members(&collection(right), value_type)?)?,
        "range" => match convert_members(&collection(right), value_type)?.as_array().map(Vec::as_slice) {
            Some([low, high]) => py_order(op, low, &l)?.is_some_and(|o| o != Ordering::Greater) && py_order(op, &l, high)?.is_some_and(|o| o != Ordering::Greater),
            _ => return Err(format!("range needs [low, high] on the right, got {}", show(right))),
        },
        other => return Err(format!("unknown comparison `{other}`")),
    })
}

#[cfg(test)]
mod tests {
    use super::compare;
    use serde_json::json;

    fn c(op: &str, l: serde_json::Value, r: serde_json::Value) -> Result<bool, String> {
        compare(op, &l, &r, None)
    }

    #[test]
    fn sides_keep_their_types_as_in_python() {
        assert!(c(">=", json!(72), json!(70)).unwrap());
        assert!(!c("==", json!(80), json!("80")).unwrap(), "80 == '80' is False in Python");
        assert!(c("!=", json!(80), json!("80")).unwrap());
        assert!(c("==", json!(1), json!(1.0)).unwrap());
        assert!(c("==", json!(true), json!(1)).unwrap(), "True == 1 in Python");
        assert!(c("<", json!("10"), json!("9")).unwrap(), "text orders as text");
        assert_eq!(
            c(">=", json!(80), json!("70")).unwrap_err(),
            "'>=' not supported between 80 (int) and \"70\" (str): plain text is a string; write the number as {{ 1 }}, or set the case's value_type to integer"
        );
        assert_eq!(c("<", json!([1]), json!("a")).unwrap_err(), "'<' not supported between [1] (list) and \"a\" (str)");
        assert!(c("==", json!({"a": [1, 2]}), json!({"a": [1.0, 2]})).unwrap());
        assert!(c("<", json!([1, 2]), json!([1, 3])).unwrap());
    }

    #[test]
    fn membership_follows_python() {
        assert!(c("in", json!("b"), json!(["a", "b"])).unwrap());
        assert!(!c("in", json!("rule"), json!("[\"my rule 1\", \"my second rule\"]")).unwrap(), "a list literal is a list, not text");
        assert!(c("in", json!("my rule 1"), json!("[\"my rule 1\", \"my second rule\"]")).unwrap());
        assert!(c("in", json!("my rule 1"), json!("['my rule 1', 'other']")).unwrap(), "Python quotes too");
        assert!(c("in", json!("rule"), json!("my rule")).unwrap(), "substring of text");
        assert!(c("not in", json!("z"), json!("abc")).unwrap());
        assert!(c("in", json!("k"), json!({"k": 1})).unwrap());
        assert!(!c("in", json!("80"), json!([80])).unwrap());
        assert_eq!(c("in", json!(1), json!("abc")).unwrap_err(), "'in <string>' requires a string on the left, not 1 (int)");
        assert_eq!(c("in", json!("a"), json!(5)).unwrap_err(), "argument of type 'int' is not iterable (5)");
    }

    #[test]
    fn range_is_inclusive_on_both_ends() {
        assert!(c("range", json!(50), json!("[10, 100]")).unwrap());
        assert!(c("range", json!(100), json!([10, 100])).unwrap());
        assert!(!c("range", json!(500), json!([10, 100])).unwrap());
        assert_eq!(c("range", json!(5), json!("10")).unwrap_err(), "range needs [low, high] on the right, got \"10\"");
    }

    #[test]
    fn value_type_converts_both_sides() {
        assert!(compare("==", &json!(80), &json!("80"), Some("string")).unwrap());
        assert!(compare(">=", &json!("80"), &json!("70"), Some("integer")).unwrap());
        assert!(compare(">=", &json!(9), &json!(10), Some("string")).unwrap(), "as text, '9' comes after '10'");
        assert!(compare("==", &json!(true), &json!("True"), Some("string")).unwrap());
        assert!(compare("==", &json!(null), &json!("None"), Some("string")).unwrap());
        assert!(compare("==", &json!(7.9), &json!(7), Some("integer")).unwrap(), "int() truncates");
        assert!(compare("in", &json!("3"), &json!("[1, 2, 3]"), Some("integer")).unwrap());
        assert_eq!(compare("==", &json!("high"), &json!(3), Some("integer")).unwrap_err(), "invalid literal for int() with base 10: 'high'");
        assert_eq!(compare("==", &json!(1), &json!(1), Some("float")).unwrap_err(), "unknown value_type `float` (string or integer)");
    }
}
