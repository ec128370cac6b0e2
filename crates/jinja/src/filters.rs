//! Jinja2's built-in filters with Jinja2's arguments and results (string and number
//! filters here; sequence filters in `filters_seq`; the platform's in `platform`).

use crate::error::{type_err, Error, ErrorKind, Result};
use crate::filters_num::{filesizeformat, py_float, py_int, round};
use crate::filters_text::{jinja_title, striptags, urlencode};
use crate::interp::{Args, Interp};
use crate::methods::capitalize;
use crate::print::{repr, to_str};
use crate::tojson::tojson;
use crate::value::Value;

pub const FILTERS: &[&str] = &[
    "abs",
    "attr",
    "batch",
    "capitalize",
    "center",
    "count",
    "d",
    "default",
    "dictsort",
    "e",
    "escape",
    "filesizeformat",
    "first",
    "float",
    "forceescape",
    "format",
    "groupby",
    "indent",
    "int",
    "items",
    "join",
    "last",
    "length",
    "list",
    "lower",
    "map",
    "max",
    "min",
    "pprint",
    "random",
    "reject",
    "rejectattr",
    "replace",
    "reverse",
    "round",
    "safe",
    "select",
    "selectattr",
    "slice",
    "sort",
    "string",
    "striptags",
    "sum",
    "title",
    "tojson",
    "trim",
    "truncate",
    "unique",
    "upper",
    "urlencode",
    "urlize",
    "wordcount",
    "wordwrap",
    "xmlattr",
    // The platform's own.
    "jsonpath",
    "timestamp_to_iso8601",
    "iso8601_to_timestamp",
    "regex_match",
    "time_with_delta",
    "fromjson",
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
            if markup {
                Value::Markup(rv.into())
            } else {
                Value::str(rv)
            }
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
            if matches!(v, Value::Markup(_)) {
                Value::Markup(r.into())
            } else {
                Value::str(r)
            }
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
        "jsonpath" | "timestamp_to_iso8601" | "iso8601_to_timestamp" | "regex_match" | "time_with_delta" | "fromjson" => crate::platform::call(it, name, v, args)?,
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
