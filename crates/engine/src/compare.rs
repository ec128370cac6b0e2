//! A condition case's comparison, with the platform's loose typing: numbers written as text
//! compare as numbers; ordering a number against other text is an error naming both.

use serde_json::Value;

fn as_number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        Value::Bool(_) => None,
        _ => None,
    }
}

fn loose_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(_), Value::String(_)) | (Value::String(_), Value::Number(_)) => match (as_number(a), as_number(b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        },
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

fn show(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 80 {
        format!("{}…", &s[..s.char_indices().take(80).last().map(|(i, c)| i + c.len_utf8()).unwrap_or(0)])
    } else {
        s
    }
}

/// A condition case's comparison. Numbers written as text compare as numbers
/// (`"72" >= 70`); ordering a number against other text is an error that names both.
pub fn compare(op: &str, left: &Value, right: &Value) -> Result<bool, String> {
    let order = |l: &Value, r: &Value| -> Result<std::cmp::Ordering, String> {
        if let (Value::String(a), Value::String(b)) = (l, r) {
            if as_number(l).is_none() || as_number(r).is_none() {
                return Ok(a.cmp(b));
            }
        }
        match (as_number(l), as_number(r)) {
            (Some(a), Some(b)) => a.partial_cmp(&b).ok_or_else(|| "cannot compare NaN".to_owned()),
            _ => Err(format!("cannot order {} and {}", show(l), show(r))),
        }
    };
    let contains = |needle: &Value, hay: &Value| -> Result<bool, String> {
        Ok(match hay {
            Value::Array(items) => items.iter().any(|i| loose_eq(i, needle)),
            Value::Object(map) => needle.as_str().is_some_and(|k| map.contains_key(k)),
            Value::String(s) => match needle {
                Value::String(n) => s.contains(n.as_str()),
                other => s.contains(&other.to_string()),
            },
            Value::Null => false,
            other => return Err(format!("`in` needs a list, an object or a text on the right, got {}", show(other))),
        })
    };
    Ok(match op {
        "==" => loose_eq(left, right),
        "!=" => !loose_eq(left, right),
        "<" => order(left, right)? == std::cmp::Ordering::Less,
        "<=" => order(left, right)? != std::cmp::Ordering::Greater,
        ">" => order(left, right)? == std::cmp::Ordering::Greater,
        ">=" => order(left, right)? != std::cmp::Ordering::Less,
        "in" => contains(left, right)?,
        "not in" => !contains(left, right)?,
        "range" => {
            let bounds = match right {
                Value::String(s) => serde_json::from_str::<Value>(s).map_err(|_| format!("range needs [low, high], got {}", show(right)))?,
                other => other.clone(),
            };
            match bounds.as_array().map(Vec::as_slice) {
                Some([low, high]) => order(low, left)? != std::cmp::Ordering::Greater && order(left, high)? != std::cmp::Ordering::Greater,
                _ => return Err(format!("range needs [low, high], got {}", show(right))),
            }
        }
        other => return Err(format!("unknown comparison `{other}`")),
    })
}

#[cfg(test)]
mod tests {
    use super::compare;
    use serde_json::json;

    #[test]
    fn comparisons_follow_the_platform() {
        assert!(compare(">=", &json!(72), &json!(70)).unwrap());
        assert!(compare(">=", &json!("72"), &json!(70)).unwrap(), "numbers in text compare as numbers");
        assert!(compare("==", &json!("Not Found"), &json!("Not Found")).unwrap());
        assert!(compare("in", &json!("b"), &json!(["a", "b"])).unwrap());
        assert!(compare("not in", &json!("z"), &json!("abc")).unwrap());
        assert!(compare("range", &json!(50), &json!("[10, 100]")).unwrap());
        assert!(!compare("range", &json!(500), &json!([10, 100])).unwrap());
        assert_eq!(compare("<", &json!(1), &json!("abc")).unwrap_err(), "cannot order 1 and \"abc\"");
    }
}
