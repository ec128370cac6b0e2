//! Jinja2's built-in filters with Jinja2's arguments and results (string and number
//! filters here; sequence filters in `filters_seq`; the platform's in `platform`).

use crate::error::{type_err, Error, ErrorKind, Result};
use crate::interp::{Args, Interp};
use crate::methods::capitalize;
use crate::print::{float_repr, repr, to_str};
use crate::value::Value;

pub const FILTERS: &[&str] = &[
    "abs", "attr", "batch", "capitalize", "center", "count", "d", "default", "dictsort", "e", "escape", "filesizeformat",
    "first", "float", "forceescape", "format", "groupby", "indent", "int", "items", "join", "last", "length", "list", "lower",
    "map", "max", "min", "pprint", "random", "reject", "rejectattr", "replace", "reverse", "round", "safe", "select",
    "selectattr", "slice", "sort", "string", "striptags", "sum", "title", "tojson", "trim", "truncate", "unique", "upper",
    "urlencode", "urlize", "wordcount", "wordwrap", "xmlattr",
    // The platform's own.
    "jsonpath", "timestamp_to_iso8601", "iso8601_to_timestamp", "regex_match", "time_with_delta", "fromjson",
];

pub fn is_filter(name: &str) -> bool {
    FILTERS.contains(&name)
}

/// Python signatures of the filters (after the value): required positional names, then
/// optional ones. `None` for the variadic filters.
fn signature(name: &str) -> Option<(&'static [&'static str], &'static [&'static str])> {
    Some(match name {
        "attr" => (&["name"], &[]),
        "batch" => (&["linecount"], &["fill_with"]),
        "center" => (&[], &["width"]),
        "d" | "default" => (&[], &["default_value", "boolean"]),
        "dictsort" => (&[], &["case_sensitive", "by", "reverse"]),
        "filesizeformat" => (&[], &["binary"]),
        "float" => (&[], &["default"]),
        "groupby" => (&["attribute"], &["default", "case_sensitive"]),
        "indent" => (&[], &["width", "first", "blank"]),
        "int" => (&[], &["default", "base"]),
        "join" => (&[], &["d", "attribute"]),
        "max" | "min" => (&[], &["case_sensitive", "attribute"]),
        "replace" => (&["old", "new"], &["count"]),
        "round" => (&[], &["precision", "method"]),
        "slice" => (&["slices"], &["fill_with"]),
        "sort" => (&[], &["reverse", "case_sensitive", "attribute"]),
        "sum" => (&[], &["attribute", "start"]),
        "tojson" => (&[], &["indent"]),
        "trim" => (&[], &["chars"]),
        "truncate" => (&[], &["length", "killwords", "end", "leeway"]),
        "unique" => (&[], &["case_sensitive", "attribute"]),
        "urlize" => (&[], &["trim_url_limit", "nofollow", "target", "rel", "extra_schemes"]),
        "wordwrap" => (&[], &["width", "break_long_words", "wrapstring", "break_on_hyphens"]),
        "xmlattr" => (&[], &["autospace"]),
        "jsonpath" => (&["path"], &["return_all"]),
        "regex_match" => (&["pattern"], &["ignore_case"]),
        "format" | "map" | "select" | "reject" | "selectattr" | "rejectattr" => return None,
        _ => (&[], &[]),
    })
}

/// Fails like Python when a filter gets arguments its signature does not take.
fn check_signature(name: &str, args: &Args) -> Result<()> {
    let Some((required, optional)) = signature(name) else { return Ok(()) };
    let max = required.len() + optional.len();
    if args.pos.len() > max {
        return Err(type_err(format!("{name}() takes from {} to {} positional arguments but {} were given", required.len() + 1, max + 1, args.pos.len() + 1)));
    }
    for k in args.kw.keys() {
        let idx = required.iter().chain(optional.iter()).position(|n| n == k);
        match idx {
            None => return Err(type_err(format!("{name}() got an unexpected keyword argument '{k}'"))),
            Some(i) if i < args.pos.len() => return Err(type_err(format!("{name}() got multiple values for argument '{k}'"))),
            _ => {}
        }
    }
    for (i, r) in required.iter().enumerate() {
        if i >= args.pos.len() && !args.kw.contains_key(*r) {
            return Err(type_err(format!("{name}() missing 1 required positional argument: '{r}'")));
        }
    }
    Ok(())
}

fn undefined_error(v: &Value) -> Option<Error> {
    match v {
        Value::Undefined(msg) => Some(Error::undefined(msg)),
        _ => None,
    }
}

/// `str()` of a value for string filters; strict mode refuses undefined.
pub fn soft_str(it: &Interp<'_>, v: &Value) -> Result<String> {
    if it.cfg.strict {
        if let Some(e) = undefined_error(v) {
            return Err(e);
        }
    }
    Ok(to_str(v))
}

pub fn call_filter(it: &mut Interp<'_>, name: &str, v: Value, mut args: Args) -> Result<Value> {
    if !is_filter(name) {
        return Err(Error::new(ErrorKind::UnknownFilter, format!("No filter named '{name}'.")));
    }
    check_signature(name, &args)?;
    let out = match name {
        "attr" if v.is_undefined() => return Err(undefined_error(&v).expect("undefined")),
        "attr" => {
            let attr = to_str(&args.pos.first().cloned().or_else(|| args.kw.get("name").cloned()).unwrap_or(Value::None));
            // Only Python attributes (methods), never dict keys.
            if attr.starts_with('_') {
                Value::undefined(format!("SecurityError: access to attribute '{attr}' of '{}' object is unsafe.", v.type_name()))
            } else {
                crate::methods::attribute(&v, &attr).unwrap_or_else(|| crate::interp::missing(&v, &Value::str(attr)))
            }
        }
        "abs" => match v {
            Value::Int(i) => Value::Int(i.checked_abs().ok_or_else(|| Error::new(ErrorKind::Other, "integer overflow"))?),
            Value::Bool(b) => Value::Int(b as i128),
            Value::Float(f) => Value::Float(f.abs()),
            other => return Err(type_err(format!("bad operand type for abs(): '{}'", other.type_name()))),
        },
        "capitalize" => Value::str(capitalize(&soft_str(it, &v)?)),
        "center" => {
            let width = args.take(0, "width").unwrap_or(Value::Int(80));
            args.done("center", 1)?;
            let s = soft_str(it, &v)?;
            return crate::methods::call_method(it, &Value::str(s), "center", Args::positional(vec![width]));
        }
        "d" | "default" => {
            let default = args.take(0, "default_value").unwrap_or_else(|| Value::str(""));
            let boolean = args.take(1, "boolean").is_some_and(|b| b.truthy());
            args.done(name, 2)?;
            if v.is_undefined() || (boolean && !v.truthy()) {
                default
            } else {
                v
            }
        }
        "e" | "escape" => match v {
            Value::Markup(_) => v,
            other => Value::Markup(escape(&soft_str(it, &other)?).into()),
        },
        "forceescape" => Value::Markup(escape(&to_str(&v)).into()),
        "filesizeformat" => {
            let binary = args.take(0, "binary").is_some_and(|b| b.truthy());
            Value::str(filesizeformat(py_float(&v).ok_or_else(|| Error::new(ErrorKind::Value, format!("could not convert string to float: {}", repr(&v))))?, binary))
        }
        "float" | "int" if v.is_undefined() => return Err(undefined_error(&v).expect("undefined")),
        "float" => {
            let default = args.take(0, "default").unwrap_or(Value::Float(0.0));
            args.done("float", 1)?;
            py_float(&v).map(Value::Float).unwrap_or(default)
        }
        "int" => {
            let default = args.take(0, "default").unwrap_or(Value::Int(0));
            let base = args.take(1, "base").unwrap_or(Value::Int(10));
            args.done("int", 2)?;
            let base = match base {
                Value::Int(b) => b,
                _ => 10,
            };
            py_int(&v, base).map(Value::Int).unwrap_or(default)
        }
        "format" => {
            let fmt = soft_str(it, &v)?;
            if !args.pos.is_empty() && !args.kw.is_empty() {
                return Err(Error::new(ErrorKind::Other, "can't handle positional and keyword arguments at the same time"));
            }
            let fmt_args = if !args.kw.is_empty() {
                let mut d = crate::value::Dict::new();
                for (k, val) in args.kw {
                    d.insert(Value::str(k), val);
                }
                Value::dict(d)
            } else {
                Value::tuple(args.pos)
            };
            Value::str(crate::pyfmt::percent_format(&fmt, &fmt_args)?)
        }
        "indent" => {
            let width = args.take(0, "width").unwrap_or(Value::Int(4));
            let first = args.take(1, "first").is_some_and(|b| b.truthy());
            let blank = args.take(2, "blank").is_some_and(|b| b.truthy());
            args.done("indent", 3)?;
            let indention = match width {
                Value::Str(s) => s.to_string(),
                Value::Int(n) => " ".repeat(n.max(0) as usize),
                other => return Err(type_err(format!("can't multiply sequence by non-int of type '{}'", other.type_name()))),
            };
            let markup = matches!(v, Value::Markup(_));
            let s = format!("{}\n", soft_str(it, &v)?);
            let lines = py_splitlines(&s);
            let mut rv = if blank {
                lines.join(&format!("\n{indention}"))
            } else {
                let mut rv = lines.first().cloned().unwrap_or_default();
                if lines.len() > 1 {
                    let rest: Vec<String> = lines[1..].iter().map(|l| if l.is_empty() { String::new() } else { format!("{indention}{l}") }).collect();
                    rv.push('\n');
                    rv.push_str(&rest.join("\n"));
                }
                rv
            };
            if first {
                rv = format!("{indention}{rv}");
            }
            if markup { Value::Markup(rv.into()) } else { Value::str(rv) }
        }
        "lower" => Value::str(soft_str(it, &v)?.to_lowercase()),
        "upper" => Value::str(soft_str(it, &v)?.to_uppercase()),
        "pprint" => Value::str(crate::pprint::pformat(&v)),
        "replace" => {
            let old = args.take(0, "old").map(|x| to_str(&x)).unwrap_or_default();
            let new = args.take(1, "new").map(|x| to_str(&x)).unwrap_or_default();
            let count = match args.take(2, "count") {
                None | Some(Value::None) => -1,
                Some(Value::Int(c)) => c,
                Some(other) => return Err(type_err(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
            };
            args.done("replace", 3)?;
            let s = soft_str(it, &v)?;
            let r = if count < 0 { s.replace(&old, &new) } else { s.replacen(&old, &new, count as usize) };
            if matches!(v, Value::Markup(_)) { Value::Markup(r.into()) } else { Value::str(r) }
        }
        "round" => {
            let precision = match args.take(0, "precision") {
                None => 0,
                Some(Value::Int(p)) => p,
                Some(other) => return Err(type_err(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
            };
            let method = args.take(1, "method").map(|m| to_str(&m)).unwrap_or_else(|| "common".into());
            args.done("round", 2)?;
            round(&v, precision, &method)?
        }
        "safe" => Value::Markup(to_str(&v).into()),
        "string" => match v {
            Value::Markup(_) => v,
            other => Value::str(soft_str(it, &other)?),
        },
        "striptags" => Value::str(striptags(&to_str(&v))),
        "title" => Value::str(jinja_title(&soft_str(it, &v)?)),
        "trim" => {
            let chars = args.take(0, "chars");
            let s = soft_str(it, &v)?;
            return crate::methods::call_method(it, &Value::str(s), "strip", Args::positional(chars.into_iter().collect()));
        }
        "truncate" => {
            let length = int_of(args.take(0, "length"), 255)?;
            let killwords = args.take(1, "killwords").is_some_and(|b| b.truthy());
            let end = args.take(2, "end").map(|e| to_str(&e)).unwrap_or_else(|| "...".into());
            let leeway = int_of(args.take(3, "leeway"), 5)?;
            args.done("truncate", 4)?;
            let s = soft_str(it, &v)?;
            let end_len = end.chars().count() as i128;
            if length < end_len {
                return Err(Error::new(ErrorKind::Other, format!("expected length >= {end_len}, got {length}")));
            }
            if leeway < 0 {
                return Err(Error::new(ErrorKind::Other, format!("expected leeway >= 0, got {leeway}")));
            }
            let n = s.chars().count() as i128;
            if n <= length + leeway {
                Value::str(s)
            } else {
                let head: String = s.chars().take((length - end_len) as usize).collect();
                if killwords {
                    Value::str(format!("{head}{end}"))
                } else {
                    let cut = head.rsplit_once(' ').map(|(a, _)| a.to_string()).unwrap_or(head);
                    Value::str(format!("{cut}{end}"))
                }
            }
        }
        "urlencode" => Value::str(urlencode(&v)?),
        "urlize" => {
            let trim = match args.take(0, "trim_url_limit") {
                Some(Value::Int(n)) if n >= 0 => Some(n as usize),
                _ => None,
            };
            Value::str(crate::filters_seq::urlize(&soft_str(it, &v)?, trim))
        }
        "wordcount" => {
            let s = soft_str(it, &v)?;
            let count = s.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).count();
            Value::Int(count as i128)
        }
        "wordwrap" => {
            let width = int_of(args.take(0, "width"), 79)?;
            let break_long = args.take(1, "break_long_words").is_none_or(|b| b.truthy());
            let wrapstring = match args.take(2, "wrapstring") {
                None | Some(Value::None) => "\n".to_string(),
                Some(w) => to_str(&w),
            };
            let hyphens = args.take(3, "break_on_hyphens").is_none_or(|b| b.truthy());
            let s = soft_str(it, &v)?;
            Value::str(crate::filters_seq::wordwrap(&s, width.max(1) as usize, break_long, &wrapstring, hyphens))
        }
        "tojson" => {
            let indent = args.take(0, "indent");
            Value::Markup(tojson(&v, indent.as_ref())?.into())
        }
        "jsonpath" | "timestamp_to_iso8601" | "iso8601_to_timestamp" | "regex_match" | "time_with_delta" | "fromjson" => {
            crate::platform::call(it, name, v, args)?
        }
        other => crate::filters_seq::call(it, other, v, args)?,
    };
    Ok(out)
}

fn int_of(v: Option<Value>, default: i128) -> Result<i128> {
    match v {
        None | Some(Value::None) => Ok(default),
        Some(Value::Int(i)) => Ok(i),
        Some(Value::Bool(b)) => Ok(b as i128),
        Some(Value::Float(f)) => Ok(f as i128),
        Some(other) => Err(type_err(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
    }
}

/// Python's `str.splitlines()` (without keepends).
pub fn py_splitlines(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(std::mem::take(&mut cur));
            }
            '\n' | '\u{b}' | '\u{c}' | '\u{1c}' | '\u{1d}' | '\u{1e}' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// markupsafe's `escape`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Python's `float(x)` for the `float` filter: `None` where Python raises.
pub fn py_float(v: &Value) -> Option<f64> {
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
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6, 0xE50, 0xED0, 0xF20, 0x1040,
    0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0,
    0xA9F0, 0xAA50, 0xABF0, 0xFF10,
];

fn ascii_digits(s: &str) -> std::borrow::Cow<'_, str> {
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

pub fn parse_py_float(s: &str) -> Option<f64> {
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

fn parse_py_int(s: &str, base: i128) -> Option<i128> {
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
pub fn py_int(v: &Value, base: i128) -> Option<i128> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i128),
        Value::Float(f) if f.is_finite() => Some(f.trunc() as i128),
        Value::Str(s) | Value::Markup(s) => parse_py_int(s, base).or_else(|| parse_py_float(s).filter(|f| f.is_finite()).map(|f| f.trunc() as i128)),
        _ => None,
    }
}

fn filesizeformat(bytes: f64, binary: bool) -> String {
    let base: f64 = if binary { 1024.0 } else { 1000.0 };
    let prefixes = if binary {
        ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"]
    } else {
        ["kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
    };
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
fn round(v: &Value, precision: i128, method: &str) -> Result<Value> {
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

fn striptags(s: &str) -> String {
    let mut text = String::new();
    let mut rest = s;
    // Comments first, then tags, as markupsafe does.
    while let Some(i) = rest.find("<!--") {
        text.push_str(&rest[..i]);
        match rest[i..].find("-->") {
            Some(j) => rest = &rest[i + j + 3..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    text.push_str(rest);
    let mut out = String::new();
    let mut chars = text.char_indices().peekable();
    let bytes = text.as_bytes();
    while let Some((i, c)) = chars.next() {
        if c == '<' && bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/' || *b == b'!' || *b == b'?') {
            if let Some(close) = text[i..].find('>') {
                let end = i + close;
                while chars.peek().is_some_and(|(j, _)| *j <= end) {
                    chars.next();
                }
                continue;
            }
        }
        out.push(c);
    }
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    unescape_html(&collapsed)
}

fn unescape_html(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(|c: char| !(c.is_alphanumeric() || c == '#')).map(|e| e + 1).unwrap_or(rest.len());
        let name = &rest[1..end];
        let semicolon = rest[end..].starts_with(';');
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16).ok().and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + semicolon as usize..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Jinja2's `title`: upper-case the first letter after spaces, `-`, `(`, `{`, `[`, `<`.
fn jinja_title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at_start = true;
    for c in s.chars() {
        if c.is_whitespace() || matches!(c, '-' | '(' | '{' | '[' | '<') {
            out.push(c);
            at_start = true;
        } else if at_start {
            out.extend(c.to_uppercase());
            at_start = false;
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

fn url_quote(s: &str, for_qs: bool) -> String {
    let mut out = String::new();
    for b in s.as_bytes() {
        let c = *b as char;
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '~') || (!for_qs && c == '/') {
            out.push(c);
        } else if for_qs && c == ' ' {
            out.push('+');
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn urlencode(v: &Value) -> Result<String> {
    match v {
        Value::Str(s) | Value::Markup(s) => Ok(url_quote(s, false)),
        Value::Dict(d) => Ok(d.borrow().iter().map(|(k, v)| format!("{}={}", url_quote(&to_str(k), true), url_quote(&to_str(v), true))).collect::<Vec<_>>().join("&")),
        other => match other.iter_values() {
            Some(items) if matches!(other, Value::List(_) | Value::Tuple(_)) => {
                let mut parts = Vec::new();
                for pair in items {
                    let kv = pair.iter_values().unwrap_or_default();
                    if kv.len() != 2 {
                        return Err(Error::new(ErrorKind::Value, "urlencode expects (key, value) pairs"));
                    }
                    parts.push(format!("{}={}", url_quote(&to_str(&kv[0]), true), url_quote(&to_str(&kv[1]), true)));
                }
                Ok(parts.join("&"))
            }
            _ => Ok(url_quote(&to_str(other), false)),
        },
    }
}

/// Python's `json.dumps(value, sort_keys=True, indent=indent)` made HTML-safe like Jinja2's
/// `tojson` (`<`, `>`, `&`, `'` as `\u` escapes).
pub fn tojson(v: &Value, indent: Option<&Value>) -> Result<String> {
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

fn json_str(s: &str, out: &mut String) {
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

fn json_dump(v: &Value, indent: Option<&str>, level: usize, out: &mut String) -> Result<()> {
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
                    Value::Bool(b) => if *b { "true".into() } else { "false".into() },
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

/// Sorts values like Python's `sorted`, optionally ignoring case of strings; fails like
/// Python on values that do not order.
pub fn sort_values(items: &mut [Value], case_sensitive: bool, reverse: bool) -> Result<()> {
    let mut err = None;
    let key = |v: &Value| -> Value {
        match v {
            Value::Str(s) | Value::Markup(s) if !case_sensitive => Value::str(s.to_lowercase()),
            other => other.clone(),
        }
    };
    items.sort_by(|a, b| match crate::ops::py_cmp(&key(a), &key(b), "<").map(|o| if reverse { o.reverse() } else { o }) {
        Ok(o) => o,
        Err(e) => {
            err.get_or_insert(e);
            std::cmp::Ordering::Equal
        }
    });
    err.map_or(Ok(()), Err)
}

