//! Python methods templates call on values: `s.upper()`, `s.split(',')`, `d.items()`,
//! `d.get('k', 'x')`, `l.append(x)`, `'{} {}'.format(a, b)`...

use crate::error::{type_err, value_err, Error, ErrorKind, Result};
use crate::interp::{Args, Interp};
use crate::print::to_str;
use crate::pyfmt;
use crate::value::{Func, Value};
use std::rc::Rc;

const STR_METHODS: &[&str] = &[
    "upper",
    "lower",
    "strip",
    "lstrip",
    "rstrip",
    "split",
    "rsplit",
    "splitlines",
    "startswith",
    "endswith",
    "replace",
    "find",
    "rfind",
    "index",
    "rindex",
    "count",
    "join",
    "format",
    "capitalize",
    "title",
    "swapcase",
    "center",
    "ljust",
    "rjust",
    "zfill",
    "isdigit",
    "isalpha",
    "isalnum",
    "isspace",
    "islower",
    "isupper",
    "isnumeric",
    "isdecimal",
    "istitle",
    "partition",
    "rpartition",
    "casefold",
    "removeprefix",
    "removesuffix",
    "encode",
];
const DICT_METHODS: &[&str] = &["items", "keys", "values", "get", "copy", "pop", "update", "setdefault"];
const LIST_METHODS: &[&str] = &["append", "extend", "insert", "pop", "remove", "index", "count", "reverse", "copy", "clear", "sort"];

/// Whether some value has a Python method of that name (`attribute` can only find those).
pub fn is_method_name(name: &str) -> bool {
    STR_METHODS.contains(&name) || DICT_METHODS.contains(&name) || LIST_METHODS.contains(&name) || matches!(name, "next" | "reset")
}

/// A bound method when `name` is one of the value's Python methods.
pub fn attribute(obj: &Value, name: &str) -> Option<Value> {
    let known = match obj {
        Value::Str(_) | Value::Markup(_) => STR_METHODS.contains(&name),
        Value::Dict(_) => DICT_METHODS.contains(&name),
        Value::List(_) => LIST_METHODS.contains(&name),
        Value::Tuple(_) => matches!(name, "index" | "count"),
        Value::Func(f) => matches!((&**f, name), (Func::Cycler(_), "next" | "reset")),
        _ => false,
    };
    known.then(|| Value::Func(Rc::new(Func::Method(obj.clone(), name.to_owned()))))
}

fn str_arg(v: Option<Value>, what: &str) -> Result<Option<String>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s) | Value::Markup(s)) => Ok(Some(s.to_string())),
        Some(other) => Err(type_err(format!("{what} arg must be None or str, not {}", other.type_name()))),
    }
}

fn int_arg(v: Option<Value>, default: i128) -> Result<i128> {
    match v {
        None | Some(Value::None) => Ok(default),
        Some(Value::Int(i)) => Ok(i),
        Some(Value::Bool(b)) => Ok(b as i128),
        Some(other) => Err(type_err(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
    }
}

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

pub fn call_method(it: &mut Interp<'_>, recv: &Value, name: &str, mut args: Args) -> Result<Value> {
    match recv {
        Value::Str(s) | Value::Markup(s) => str_method(it, s, name, args),
        Value::Dict(d) => {
            let v = match name {
                "items" => Value::View("dict_items", Rc::new(d.borrow().iter().map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()])).collect())),
                "keys" => Value::View("dict_keys", Rc::new(d.borrow().keys())),
                "values" => Value::View("dict_values", Rc::new(d.borrow().iter().map(|(_, v)| v.clone()).collect())),
                "get" => {
                    let key = args.take(0, "key").ok_or_else(|| type_err("get expected at least 1 argument, got 0"))?;
                    let default = args.take(1, "default").unwrap_or(Value::None);
                    return Ok(d.borrow().get(&key).cloned().unwrap_or(default));
                }
                "copy" => Value::dict(d.borrow().clone()),
                "pop" => {
                    let key = args.take(0, "key").ok_or_else(|| type_err("pop expected at least 1 argument, got 0"))?;
                    let default = args.take(1, "default");
                    let removed = d.borrow_mut().remove(&key);
                    return removed.or(default).ok_or_else(|| Error::new(ErrorKind::Other, format!("KeyError: {}", crate::print::repr(&key))));
                }
                "setdefault" => {
                    let key = args.take(0, "key").ok_or_else(|| type_err("setdefault expected at least 1 argument, got 0"))?;
                    let default = args.take(1, "default").unwrap_or(Value::None);
                    let existing = d.borrow().get(&key).cloned();
                    return Ok(match existing {
                        Some(v) => v,
                        None => {
                            d.borrow_mut().insert(key, default.clone());
                            default
                        }
                    });
                }
                "update" => {
                    let mut pairs: Vec<(Value, Value)> = Vec::new();
                    if let Some(Value::Dict(src)) = args.pos.first() {
                        pairs.extend(src.borrow().iter().map(|(k, v)| (k.clone(), v.clone())));
                    }
                    pairs.extend(args.kw.iter().map(|(k, v)| (Value::str(k.as_str()), v.clone())));
                    let mut target = d.borrow_mut();
                    for (k, v) in pairs {
                        target.insert(k, v);
                    }
                    Value::None
                }
                _ => return Err(type_err(format!("'dict' object has no attribute '{name}'"))),
            };
            Ok(v)
        }
        Value::List(l) => {
            let v = match name {
                "append" => {
                    let x = args.take(0, "object").ok_or_else(|| type_err("list.append() takes exactly one argument (0 given)"))?;
                    l.borrow_mut().push(x);
                    Value::None
                }
                "extend" => {
                    let x = args.take(0, "iterable").and_then(|v| v.iter_values()).ok_or_else(|| type_err("list.extend() needs an iterable"))?;
                    l.borrow_mut().extend(x);
                    Value::None
                }
                "insert" => {
                    let at = int_arg(args.take(0, "index"), 0)?;
                    let x = args.take(1, "object").unwrap_or(Value::None);
                    let mut list = l.borrow_mut();
                    let len = list.len() as i128;
                    let idx = if at < 0 { (at + len).max(0) } else { at.min(len) };
                    list.insert(idx as usize, x);
                    Value::None
                }
                "pop" => {
                    let mut list = l.borrow_mut();
                    let len = list.len() as i128;
                    let at = int_arg(args.take(0, "index"), -1)?;
                    let idx = if at < 0 { at + len } else { at };
                    if list.is_empty() || !(0..len).contains(&idx) {
                        return Err(Error::new(ErrorKind::Other, "IndexError: pop index out of range"));
                    }
                    list.remove(idx as usize)
                }
                "remove" => {
                    let x = args.take(0, "value").unwrap_or(Value::None);
                    let mut list = l.borrow_mut();
                    let pos = list.iter().position(|v| *v == x).ok_or_else(|| value_err("list.remove(x): x not in list"))?;
                    list.remove(pos);
                    Value::None
                }
                "reverse" => {
                    l.borrow_mut().reverse();
                    Value::None
                }
                "clear" => {
                    l.borrow_mut().clear();
                    Value::None
                }
                "copy" => Value::list(l.borrow().clone()),
                "sort" => {
                    let reverse = args.kw.shift_remove("reverse").is_some_and(|v| v.truthy());
                    let mut items = l.borrow().clone();
                    crate::filters::sort_values(&mut items, true, reverse)?;
                    *l.borrow_mut() = items;
                    Value::None
                }
                _ => return seq_method(&l.borrow(), name, args, "list"),
            };
            Ok(v)
        }
        Value::Tuple(t) => seq_method(t, name, args, "tuple"),
        Value::Func(f) => match &**f {
            Func::Cycler(c) => {
                let mut c = c.borrow_mut();
                if name == "reset" {
                    c.1 = 0;
                    return Ok(Value::None);
                }
                let v = c.0.get(c.1).cloned().unwrap_or(Value::None);
                c.1 = if c.0.is_empty() { 0 } else { (c.1 + 1) % c.0.len() };
                Ok(v)
            }
            _ => Err(type_err(format!("no method {name}"))),
        },
        other => Err(type_err(format!("'{}' object has no attribute '{name}'", other.type_name()))),
    }
}

fn seq_method(items: &[Value], name: &str, mut args: Args, ty: &str) -> Result<Value> {
    let x = args.take(0, "value").unwrap_or(Value::None);
    match name {
        "count" => Ok(Value::Int(items.iter().filter(|v| **v == x).count() as i128)),
        "index" => items.iter().position(|v| *v == x).map(|p| Value::Int(p as i128)).ok_or_else(|| value_err(format!("{} is not in {ty}", crate::print::repr(&x)))),
        _ => Err(type_err(format!("'{ty}' object has no attribute '{name}'"))),
    }
}

fn str_method(_it: &mut Interp<'_>, s: &str, name: &str, mut args: Args) -> Result<Value> {
    let v = match name {
        "upper" => Value::str(s.to_uppercase()),
        "lower" | "casefold" => Value::str(s.to_lowercase()),
        "strip" | "lstrip" | "rstrip" => {
            let chars = str_arg(args.take(0, "chars"), name)?;
            Value::str(strip(s, chars.as_deref(), name != "rstrip", name != "lstrip"))
        }
        "split" | "rsplit" => {
            let sep = str_arg(args.take(0, "sep"), "sep")?;
            let max = int_arg(args.take(1, "maxsplit"), -1)?;
            if name == "rsplit" && max >= 0 {
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
            }
        }
        "splitlines" => strs(s.lines().collect()),
        "startswith" | "endswith" => {
            let arg = args.take(0, "prefix").ok_or_else(|| type_err(format!("{name}() takes at least 1 argument (0 given)")))?;
            Value::Bool(affix_test(s, &arg, name == "startswith")?)
        }
        "replace" => {
            let old = args.take(0, "old").map(|v| to_str(&v)).unwrap_or_default();
            let new = args.take(1, "new").map(|v| to_str(&v)).unwrap_or_default();
            let count = int_arg(args.take(2, "count"), -1)?;
            Value::str(if count < 0 { s.replace(&old, &new) } else { s.replacen(&old, &new, count as usize) })
        }
        "find" | "rfind" | "index" | "rindex" => {
            let sub = args.take(0, "sub").map(|v| to_str(&v)).unwrap_or_default();
            let pos = find(s, &sub, name.starts_with('r'));
            if pos < 0 && name.ends_with("index") {
                return Err(value_err("substring not found"));
            }
            Value::Int(pos)
        }
        "count" => {
            let sub = args.take(0, "sub").map(|v| to_str(&v)).unwrap_or_default();
            Value::Int(if sub.is_empty() { s.chars().count() as i128 + 1 } else { s.matches(sub.as_str()).count() as i128 })
        }
        "join" => {
            let items = args.take(0, "iterable").and_then(|v| v.iter_values()).ok_or_else(|| type_err("can only join an iterable"))?;
            let mut parts = Vec::new();
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::Str(p) | Value::Markup(p) => parts.push(p.to_string()),
                    other => return Err(type_err(format!("sequence item {i}: expected str instance, {} found", other.type_name()))),
                }
            }
            Value::str(parts.join(s))
        }
        "format" => Value::str(crate::strformat::str_format(s, &args)?),
        "capitalize" => Value::str(capitalize(s)),
        "title" => Value::str(py_title(s)),
        "swapcase" => Value::str(s.chars().flat_map(|c| if c.is_uppercase() { c.to_lowercase().collect::<Vec<_>>() } else { c.to_uppercase().collect() }).collect::<String>()),
        "center" | "ljust" | "rjust" => {
            let width = int_arg(args.take(0, "width"), 0)?;
            let fill = str_arg(args.take(1, "fillchar"), name)?;
            Value::str(justify(
                s,
                width,
                fill,
                match name {
                    "ljust" => '<',
                    "rjust" => '>',
                    _ => '^',
                },
            )?)
        }
        "zfill" => {
            let width = int_arg(args.take(0, "width"), 0)?.max(0) as usize;
            let len = s.chars().count();
            if len >= width {
                Value::str(s)
            } else {
                let (sign, rest) = match s.chars().next() {
                    Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
                    _ => (String::new(), s),
                };
                Value::str(format!("{sign}{}{rest}", "0".repeat(width - len)))
            }
        }
        "isdigit" | "isnumeric" | "isdecimal" => Value::Bool(!s.is_empty() && s.chars().all(|c| c.is_numeric())),
        "isalpha" => Value::Bool(!s.is_empty() && s.chars().all(char::is_alphabetic)),
        "isalnum" => Value::Bool(!s.is_empty() && s.chars().all(char::is_alphanumeric)),
        "isspace" => Value::Bool(!s.is_empty() && s.chars().all(char::is_whitespace)),
        "islower" => Value::Bool(s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase)),
        "isupper" => Value::Bool(s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)),
        "istitle" => Value::Bool(s.chars().any(char::is_alphabetic) && py_title(s) == s),
        "partition" | "rpartition" => {
            let sep = args.take(0, "sep").map(|v| to_str(&v)).unwrap_or_default();
            if sep.is_empty() {
                return Err(value_err("empty separator"));
            }
            let found = if name == "partition" { s.find(&sep) } else { s.rfind(&sep) };
            match found {
                Some(i) => Value::tuple(vec![Value::str(&s[..i]), Value::str(sep.as_str()), Value::str(&s[i + sep.len()..])]),
                None if name == "partition" => Value::tuple(vec![Value::str(s), Value::str(""), Value::str("")]),
                None => Value::tuple(vec![Value::str(""), Value::str(""), Value::str(s)]),
            }
        }
        "removeprefix" => {
            let p = args.take(0, "prefix").map(|v| to_str(&v)).unwrap_or_default();
            Value::str(s.strip_prefix(p.as_str()).unwrap_or(s))
        }
        "removesuffix" => {
            let p = args.take(0, "suffix").map(|v| to_str(&v)).unwrap_or_default();
            Value::str(s.strip_suffix(p.as_str()).unwrap_or(s))
        }
        _ => return Err(type_err(format!("'str' object has no attribute '{name}'"))),
    };
    Ok(v)
}

/// `fmt % args` (also the `format` filter).
pub fn percent_format(fmt: &str, args: &Value) -> Result<String> {
    pyfmt::percent_format(fmt, args)
}
