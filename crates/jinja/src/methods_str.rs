//! The methods of strings (`s.split(',')`, `'{} {}'.format(a, b)`...), one function each:
//! their rows are in `methods`.

use crate::error::{type_err, value_err, Result};
use crate::interp::Args;
use crate::methods::{int_arg, str_arg};
use crate::print::to_str;
use crate::value::Value;

fn strs(items: Vec<&str>) -> Value {
    Value::list(items.into_iter().map(Value::str).collect())
}

/// Python's `str.split(sep=None, maxsplit=-1)`.
pub fn split(s: &str, sep: Option<&str>, maxsplit: i128) -> Result<Value> {
    match sep {
        None => {
            let mut out = Vec::new();
            let mut rest = s.trim_start();
            while !rest.is_empty() {
                if maxsplit >= 0 && out.len() as i128 == maxsplit {
                    out.push(rest);
                    break;
                }
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                out.push(&rest[..end]);
                rest = rest[end..].trim_start();
            }
            Ok(strs(out))
        }
        Some("") => Err(value_err("empty separator")),
        Some(sep) => {
            if maxsplit < 0 {
                Ok(strs(s.split(sep).collect()))
            } else {
                Ok(strs(s.splitn(maxsplit as usize + 1, sep).collect()))
            }
        }
    }
}

fn strip<'a>(s: &'a str, chars: Option<&str>, left: bool, right: bool) -> &'a str {
    let pred = |c: char| match chars {
        Some(set) => set.contains(c),
        None => c.is_whitespace(),
    };
    let s = if left { s.trim_start_matches(pred) } else { s };
    if right {
        s.trim_end_matches(pred)
    } else {
        s
    }
}

pub fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect(),
        None => String::new(),
    }
}

/// Python's `str.title()`: a letter after a non-letter is upper-cased, others lower-cased.
pub fn py_title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_cased = c.is_alphabetic();
    }
    out
}

fn find(s: &str, sub: &str, reverse: bool) -> i128 {
    let byte = if reverse { s.rfind(sub) } else { s.find(sub) };
    byte.map(|b| s[..b].chars().count() as i128).unwrap_or(-1)
}

fn affix_test(s: &str, arg: &Value, prefix: bool) -> Result<bool> {
    let test = |p: &str| if prefix { s.starts_with(p) } else { s.ends_with(p) };
    match arg {
        Value::Str(p) | Value::Markup(p) => Ok(test(p)),
        Value::Tuple(items) => Ok(items.iter().any(|i| i.as_str().is_some_and(test))),
        other => Err(type_err(format!("{} first arg must be str or a tuple of str, not {}", if prefix { "startswith" } else { "endswith" }, other.type_name()))),
    }
}

fn justify(s: &str, width: i128, fill: Option<String>, how: char) -> Result<String> {
    let fill = match fill {
        Some(f) if f.chars().count() == 1 => f.chars().next().unwrap_or(' '),
        Some(_) => return Err(type_err("The fill character must be exactly one character long")),
        None => ' ',
    };
    let len = s.chars().count() as i128;
    if width <= len {
        return Ok(s.to_string());
    }
    let total = (width - len) as usize;
    let f = |n: usize| std::iter::repeat_n(fill, n).collect::<String>();
    Ok(match how {
        '<' => format!("{s}{}", f(total)),
        '>' => format!("{}{s}", f(total)),
        _ => {
            // Python's center puts the extra space on the left when the string length is odd.
            let left = total / 2 + (total & width as usize & 1);
            format!("{}{s}{}", f(left), f(total - left))
        }
    })
}

pub(crate) fn str_upper(s: &str, _name: &str, _args: Args) -> Result<Value> {
    Ok(Value::str(s.to_uppercase()))
}

pub(crate) fn str_lower(s: &str, _name: &str, _args: Args) -> Result<Value> {
    Ok(Value::str(s.to_lowercase()))
}

pub(crate) fn str_strip(s: &str, name: &str, mut args: Args) -> Result<Value> {
    let chars = str_arg(args.take(0, "chars"), name)?;
    Ok(Value::str(strip(s, chars.as_deref(), name != "rstrip", name != "lstrip")))
}

pub(crate) fn str_split(s: &str, name: &str, mut args: Args) -> Result<Value> {
    let sep = str_arg(args.take(0, "sep"), "sep")?;
    let max = int_arg(args.take(1, "maxsplit"), -1)?;
    Ok(if name == "rsplit" && max >= 0 {
        let parts = match &sep {
            Some(sep) => s.rsplitn(max as usize + 1, sep.as_str()).collect::<Vec<_>>(),
            None => s.trim_end().rsplitn(max as usize + 1, char::is_whitespace).collect::<Vec<_>>(),
        };
        let mut parts: Vec<&str> = parts.into_iter().rev().collect();
        if sep.is_none() {
            if let Some(first) = parts.first_mut() {
                *first = first.trim_end();
            }
        }
        strs(parts)
    } else {
        split(s, sep.as_deref(), max)?
    })
}

pub(crate) fn str_splitlines(s: &str, _name: &str, _args: Args) -> Result<Value> {
    Ok(strs(s.lines().collect()))
}

pub(crate) fn str_affix(s: &str, name: &str, mut args: Args) -> Result<Value> {
    let arg = args.take(0, "prefix").ok_or_else(|| type_err(format!("{name}() takes at least 1 argument (0 given)")))?;
    Ok(Value::Bool(affix_test(s, &arg, name == "startswith")?))
}

pub(crate) fn str_replace(s: &str, _name: &str, mut args: Args) -> Result<Value> {
    let old = args.take(0, "old").map(|v| to_str(&v)).unwrap_or_default();
    let new = args.take(1, "new").map(|v| to_str(&v)).unwrap_or_default();
    let count = int_arg(args.take(2, "count"), -1)?;
    Ok(Value::str(if count < 0 { s.replace(&old, &new) } else { s.replacen(&old, &new, count as usize) }))
}

pub(crate) fn str_find(s: &str, name: &str, mut args: Args) -> Result<Value> {
    let sub = args.take(0, "sub").map(|v| to_str(&v)).unwrap_or_default();
    let pos = find(s, &sub, name.starts_with('r'));
    if pos < 0 && name.ends_with("index") {
        return Err(value_err("substring not found"));
    }
    Ok(Value::Int(pos))
}

pub(crate) fn str_count(s: &str, _name: &str, mut args: Args) -> Result<Value> {
    let sub = args.take(0, "sub").map(|v| to_str(&v)).unwrap_or_default();
    Ok(Value::Int(if sub.is_empty() { s.chars().count() as i128 + 1 } else { s.matches(sub.as_str()).count() as i128 }))
}

pub(crate) fn str_join(s: &str, _name: &str, mut args: Args) -> Result<Value> {
    let items = args.take(0, "iterable").and_then(|v| v.iter_values()).ok_or_else(|| type_err("can only join an iterable"))?;
    let mut parts = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match item {
            Value::Str(p) | Value::Markup(p) => parts.push(p.to_string()),
            other => return Err(type_err(format!("sequence item {i}: expected str instance, {} found", other.type_name()))),
        }
    }
    Ok(Value::str(parts.join(s)))
}

pub(crate) fn str_format(s: &str, _name: &str, args: Args) -> Result<Value> {
    Ok(Value::str(crate::strformat::str_format(s, &args)?))
}

pub(crate) fn str_capitalize(s: &str, _name: &str, _args: Args) -> Result<Value> {
    Ok(Value::str(capitalize(s)))
}

pub(crate) fn str_title(s: &str, _name: &str, _args: Args) -> Result<Value> {
    Ok(Value::str(py_title(s)))
}

pub(crate) fn str_swapcase(s: &str, _name: &str, _args: Args) -> Result<Value> {
    Ok(Value::str(s.chars().flat_map(|c| if c.is_uppercase() { c.to_lowercase().collect::<Vec<_>>() } else { c.to_uppercase().collect() }).collect::<String>()))
}

pub(crate) fn str_justify(s: &str, name: &str, mut args: Args) -> Result<Value> {
    let width = int_arg(args.take(0, "width"), 0)?;
    let fill = str_arg(args.take(1, "fillchar"), name)?;
    Ok(Value::str(justify(
        s,
        width,
        fill,
        match name {
            "ljust" => '<',
            "rjust" => '>',
            _ => '^',
        },
    )?))
}

pub(crate) fn str_zfill(s: &str, _name: &str, mut args: Args) -> Result<Value> {
    let width = int_arg(args.take(0, "width"), 0)?.max(0) as usize;
    let len = s.chars().count();
    Ok(if len >= width {
        Value::str(s)
    } else {
        let (sign, rest) = match s.chars().next() {
            Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
            _ => (String::new(), s),
        };
        Value::str(format!("{sign}{}{rest}", "0".repeat(width - len)))
    })
}

pub(crate) fn str_isdigit(s: &str, _name: &str, _args: Args) -> Result<Value> {
    Ok(Value::Bool(!s.is_empty() && s.chars().all(|c| c.is_numeric())))
}

pub(crate) fn str_isalpha(s: &str, _name: &str, _args: Args) -> Result<Value> {
    Ok(Value::Bool(!s.is_empty() && s.chars().all(char::is_alphabetic)))
}

pub(crate) fn str_isalnum(s: &str, _name: &str, _args: Args) -> Result<Value> {
    Ok(Value::Bool(!s.is_empty() && s.chars().all(char::is_alphanumeric)))
}

pub(crate) fn str_isspace(s: &str, _name: &str, _args: Args) -> Result<Value> {
    Ok(Value::Bool(!s.is_empty() && s.chars().all(char::is_whitespace)))
}

pub(crate) fn str_islower(s: &str, _name: &str, _args: Args) -> Result<Value> {
    Ok(Value::Bool(s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase)))
}

pub(crate) fn str_isupper(s: &str, _name: &str, _args: Args) -> Result<Value> {
    Ok(Value::Bool(s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)))
}

pub(crate) fn str_istitle(s: &str, _name: &str, _args: Args) -> Result<Value> {
    Ok(Value::Bool(s.chars().any(char::is_alphabetic) && py_title(s) == s))
}

pub(crate) fn str_partition(s: &str, name: &str, mut args: Args) -> Result<Value> {
    let sep = args.take(0, "sep").map(|v| to_str(&v)).unwrap_or_default();
    if sep.is_empty() {
        return Err(value_err("empty separator"));
    }
    let found = if name == "partition" { s.find(&sep) } else { s.rfind(&sep) };
    Ok(match found {
        Some(i) => Value::tuple(vec![Value::str(&s[..i]), Value::str(sep.as_str()), Value::str(&s[i + sep.len()..])]),
        None if name == "partition" => Value::tuple(vec![Value::str(s), Value::str(""), Value::str("")]),
        None => Value::tuple(vec![Value::str(""), Value::str(""), Value::str(s)]),
    })
}

pub(crate) fn str_removeprefix(s: &str, _name: &str, mut args: Args) -> Result<Value> {
    let p = args.take(0, "prefix").map(|v| to_str(&v)).unwrap_or_default();
    Ok(Value::str(s.strip_prefix(p.as_str()).unwrap_or(s)))
}

pub(crate) fn str_removesuffix(s: &str, _name: &str, mut args: Args) -> Result<Value> {
    let p = args.take(0, "suffix").map(|v| to_str(&v)).unwrap_or_default();
    Ok(Value::str(s.strip_suffix(p.as_str()).unwrap_or(s)))
}

/// `str.encode` is a method (printing it shows one) that templates cannot use: Jinja2 gives
/// bytes, which the platform's output cannot hold (a known divergence, see divergences.json).
pub(crate) fn str_encode(_s: &str, name: &str, _args: Args) -> Result<Value> {
    Err(type_err(format!("'str' object has no attribute '{name}'")))
}
