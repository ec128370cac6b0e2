//! Number filters and Python's lenient number parsing: `float`, `int` (with base and the
//! fallback through float), `round` (ties to even), `filesizeformat`.

use crate::error::{type_err, Error, ErrorKind, Result};
use crate::value::Value;

/// Python's `float(x)` for the `float` filter: `None` where Python raises.
pub(crate) fn py_float(v: &Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        Value::Bool(b) => Some(*b as i128 as f64),
        Value::Str(s) | Value::Markup(s) => parse_py_float(s),
        _ => None,
    }
}

/// Python's int()/float() accept any Unicode decimal digit; these are the common blocks
/// (each a run of ten starting at its zero).
const DIGIT_ZEROS: &[u32] = &[
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0,
    0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
];

pub(crate) fn ascii_digits(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() {
        return s.into();
    }
    s.chars()
        .map(|c| {
            let n = c as u32;
            DIGIT_ZEROS.iter().find(|z| (**z..**z + 10).contains(&n)).map(|z| char::from(b'0' + (n - z) as u8)).unwrap_or(c)
        })
        .collect::<String>()
        .into()
}

pub(crate) fn parse_py_float(s: &str) -> Option<f64> {
    let s = ascii_digits(s);
    let t = s.trim();
    if t.is_empty() || t.starts_with('_') || t.ends_with('_') || t.contains("__") {
        return None;
    }
    let cleaned: String = t.chars().filter(|c| *c != '_').collect();
    let lower = cleaned.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    if matches!(body, "nan" | "inf" | "infinity") {
        let neg = lower.starts_with('-');
        let f = if body == "nan" { f64::NAN } else { f64::INFINITY };
        return Some(if neg { -f } else { f });
    }
    if !body.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '+' | '-')) || !body.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    cleaned.parse::<f64>().ok()
}

pub(crate) fn parse_py_int(s: &str, base: i128) -> Option<i128> {
    let s = ascii_digits(s);
    let t = s.trim();
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let lower = body.to_ascii_lowercase();
    let (base, digits) = match base {
        0 => {
            if let Some(d) = lower.strip_prefix("0x") {
                (16, d.to_string())
            } else if let Some(d) = lower.strip_prefix("0o") {
                (8, d.to_string())
            } else if let Some(d) = lower.strip_prefix("0b") {
                (2, d.to_string())
            } else {
                (10, lower.clone())
            }
        }
        16 => (16, lower.strip_prefix("0x").unwrap_or(&lower).to_string()),
        8 => (8, lower.strip_prefix("0o").unwrap_or(&lower).to_string()),
        2 => (2, lower.strip_prefix("0b").unwrap_or(&lower).to_string()),
        b if (2..=36).contains(&b) => (b, lower.clone()),
        _ => return None,
    };
    let digits = digits.strip_prefix('_').unwrap_or(&digits).to_string();
    if digits.is_empty() || digits.starts_with('_') || digits.ends_with('_') || digits.contains("__") {
        return None;
    }
    let cleaned: String = digits.chars().filter(|c| *c != '_').collect();
    let n = i128::from_str_radix(&cleaned, base as u32).ok()?;
    Some(if neg { -n } else { n })
}

/// The `int` filter: `int(value, base)` for strings, `int(value)` otherwise, then
/// `int(float(value))`; `None` means "use the default".
pub(crate) fn py_int(v: &Value, base: i128) -> Option<i128> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i128),
        Value::Float(f) if f.is_finite() => Some(f.trunc() as i128),
        Value::Str(s) | Value::Markup(s) => parse_py_int(s, base).or_else(|| parse_py_float(s).filter(|f| f.is_finite()).map(|f| f.trunc() as i128)),
        _ => None,
    }
}

pub(crate) fn filesizeformat(bytes: f64, binary: bool) -> String {
    let base: f64 = if binary { 1024.0 } else { 1000.0 };
    let prefixes = if binary { ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"] } else { ["kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"] };
    if bytes == 1.0 {
        return "1 Byte".into();
    }
    if bytes < base {
        return format!("{} Bytes", bytes as i128);
    }
    let mut unit = base;
    for (i, prefix) in prefixes.iter().enumerate() {
        unit = base.powi(i as i32 + 2);
        if bytes < unit {
            return format!("{:.1} {prefix}", base * bytes / unit);
        }
    }
    format!("{:.1} {}", base * bytes / unit, prefixes[7])
}

/// Python's `round(x, n)`: exact ties go to the even neighbour (on the binary value).
pub(crate) fn round(v: &Value, precision: i128, method: &str) -> Result<Value> {
    let x = match v {
        Value::Int(i) if method == "common" => {
            if precision >= 0 {
                return Ok(Value::Int(*i));
            }
            let m = 10i128.checked_pow((-precision) as u32).unwrap_or(i128::MAX);
            let q = i.div_euclid(m);
            let r = i.rem_euclid(m);
            let q = if r * 2 > m || (r * 2 == m && q % 2 != 0) { q + 1 } else { q };
            return Ok(Value::Int(q * m));
        }
        Value::Int(i) => *i as f64,
        Value::Bool(b) => *b as i128 as f64,
        Value::Float(f) => *f,
        Value::Undefined(msg) => return Err(Error::undefined(msg)),
        other => return Err(type_err(format!("type {} doesn't define __round__ method", other.type_name()))),
    };
    let scale = 10f64.powi(precision as i32);
    Ok(Value::Float(match method {
        "common" => {
            if !x.is_finite() {
                x
            } else if precision >= 0 {
                format!("{x:.*}", precision as usize).parse().unwrap_or(x)
            } else {
                (x / 10f64.powi(-precision as i32)).round_ties_even() * 10f64.powi(-precision as i32)
            }
        }
        "ceil" => (x * scale).ceil() / scale,
        "floor" => (x * scale).floor() / scale,
        _ => return Err(Error::new(ErrorKind::Other, "method must be common, ceil or floor")),
    }))
}
