//! Jinja2's string and number filters, one function each (their rows are in `filters`).

use crate::error::{type_err, Error, ErrorKind, Result};
use crate::filters::{soft_str, undefined_error};
use crate::filters_num::{filesizeformat, py_float, py_int, round};
use crate::filters_text::{jinja_title, striptags, urlencode};
use crate::interp::{Args, Interp};
use crate::print::{repr, to_str};
use crate::tojson::tojson;
use crate::value::Value;

pub(crate) fn do_attr(_it: &mut Interp<'_>, v: Value, args: Args) -> Result<Value> {
    if let Some(e) = undefined_error(&v) {
        return Err(e);
    }
    let attr = to_str(&args.pos.first().cloned().or_else(|| args.kw.get("name").cloned()).unwrap_or(Value::None));
    Ok(if attr.starts_with('_') {
        Value::undefined(format!("SecurityError: access to attribute '{attr}' of '{}' object is unsafe.", v.type_name()))
    } else {
        crate::methods::attribute(&v, &attr).unwrap_or_else(|| crate::interp::missing(&v, &Value::str(attr)))
    })
}

pub(crate) fn do_abs(_it: &mut Interp<'_>, v: Value, _args: Args) -> Result<Value> {
    Ok(match v {
        Value::Int(i) => Value::Int(i.checked_abs().ok_or_else(|| Error::new(ErrorKind::Other, "integer overflow"))?),
        Value::Bool(b) => Value::Int(b as i128),
        Value::Float(f) => Value::Float(f.abs()),
        other => return Err(type_err(format!("bad operand type for abs(): '{}'", other.type_name()))),
    })
}

pub(crate) fn do_capitalize(it: &mut Interp<'_>, v: Value, _args: Args) -> Result<Value> {
    Ok(Value::str(crate::methods::capitalize(&soft_str(it, &v)?)))
}

pub(crate) fn do_center(it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
    let width = args.take(0, "width").unwrap_or(Value::Int(80));
    args.done("center", 1)?;
    let s = soft_str(it, &v)?;
    crate::methods::call_method(it, &Value::str(s), "center", Args::positional(vec![width]))
}

pub(crate) fn do_default(_it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
    let default = args.take(0, "default_value").unwrap_or_else(|| Value::str(""));
    let boolean = args.take(1, "boolean").is_some_and(|b| b.truthy());
    args.done("default", 2)?;
    Ok(if v.is_undefined() || (boolean && !v.truthy()) { default } else { v })
}

pub(crate) fn do_escape(it: &mut Interp<'_>, v: Value, _args: Args) -> Result<Value> {
    Ok(match v {
        Value::Markup(_) => v,
        other => Value::Markup(crate::filters::escape(&soft_str(it, &other)?).into()),
    })
}

pub(crate) fn do_forceescape(_it: &mut Interp<'_>, v: Value, _args: Args) -> Result<Value> {
    Ok(Value::Markup(crate::filters::escape(&to_str(&v)).into()))
}

pub(crate) fn do_filesizeformat(_it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
    let binary = args.take(0, "binary").is_some_and(|b| b.truthy());
    Ok(Value::str(filesizeformat(py_float(&v).ok_or_else(|| Error::new(ErrorKind::Value, format!("could not convert string to float: {}", repr(&v))))?, binary)))
}

pub(crate) fn do_float(_it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
    if let Some(e) = undefined_error(&v) {
        return Err(e);
    }
    let default = args.take(0, "default").unwrap_or(Value::Float(0.0));
    args.done("float", 1)?;
    Ok(py_float(&v).map(Value::Float).unwrap_or(default))
}

pub(crate) fn do_int(_it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
    if let Some(e) = undefined_error(&v) {
        return Err(e);
    }
    let default = args.take(0, "default").unwrap_or(Value::Int(0));
    let base = args.take(1, "base").unwrap_or(Value::Int(10));
    args.done("int", 2)?;
    let base = match base {
        Value::Int(b) => b,
        _ => 10,
    };
    Ok(py_int(&v, base).map(Value::Int).unwrap_or(default))
}

pub(crate) fn do_format(it: &mut Interp<'_>, v: Value, args: Args) -> Result<Value> {
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
    Ok(Value::str(crate::pyfmt::percent_format(&fmt, &fmt_args)?))
}

pub(crate) fn do_indent(it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
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
    let lines = crate::filters::py_splitlines(&s);
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
    Ok(if markup { Value::Markup(rv.into()) } else { Value::str(rv) })
}

pub(crate) fn do_lower(it: &mut Interp<'_>, v: Value, _args: Args) -> Result<Value> {
    Ok(Value::str(soft_str(it, &v)?.to_lowercase()))
}

pub(crate) fn do_upper(it: &mut Interp<'_>, v: Value, _args: Args) -> Result<Value> {
    Ok(Value::str(soft_str(it, &v)?.to_uppercase()))
}

pub(crate) fn do_pprint(_it: &mut Interp<'_>, v: Value, _args: Args) -> Result<Value> {
    Ok(Value::str(crate::pprint::pformat(&v)))
}

pub(crate) fn do_replace(it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
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
    Ok(if matches!(v, Value::Markup(_)) { Value::Markup(r.into()) } else { Value::str(r) })
}

pub(crate) fn do_round(_it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
    let precision = match args.take(0, "precision") {
        None => 0,
        Some(Value::Int(p)) => p,
        Some(other) => return Err(type_err(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
    };
    let method = args.take(1, "method").map(|m| to_str(&m)).unwrap_or_else(|| "common".into());
    args.done("round", 2)?;
    round(&v, precision, &method)
}

pub(crate) fn do_safe(_it: &mut Interp<'_>, v: Value, _args: Args) -> Result<Value> {
    Ok(Value::Markup(to_str(&v).into()))
}

pub(crate) fn do_string(it: &mut Interp<'_>, v: Value, _args: Args) -> Result<Value> {
    Ok(match v {
        Value::Markup(_) => v,
        other => Value::str(soft_str(it, &other)?),
    })
}

pub(crate) fn do_striptags(_it: &mut Interp<'_>, v: Value, _args: Args) -> Result<Value> {
    Ok(Value::str(striptags(&to_str(&v))))
}

pub(crate) fn do_title(it: &mut Interp<'_>, v: Value, _args: Args) -> Result<Value> {
    Ok(Value::str(jinja_title(&soft_str(it, &v)?)))
}

pub(crate) fn do_trim(it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
    let chars = args.take(0, "chars");
    let s = soft_str(it, &v)?;
    crate::methods::call_method(it, &Value::str(s), "strip", Args::positional(chars.into_iter().collect()))
}

pub(crate) fn do_truncate(it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
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
    Ok(if n <= length + leeway {
        Value::str(s)
    } else {
        let head: String = s.chars().take((length - end_len) as usize).collect();
        if killwords {
            Value::str(format!("{head}{end}"))
        } else {
            let cut = head.rsplit_once(' ').map(|(a, _)| a.to_string()).unwrap_or(head);
            Value::str(format!("{cut}{end}"))
        }
    })
}

pub(crate) fn do_urlencode(_it: &mut Interp<'_>, v: Value, _args: Args) -> Result<Value> {
    Ok(Value::str(urlencode(&v)?))
}

pub(crate) fn do_urlize(it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
    let trim = match args.take(0, "trim_url_limit") {
        Some(Value::Int(n)) if n >= 0 => Some(n as usize),
        _ => None,
    };
    Ok(Value::str(crate::filters_text::urlize(&soft_str(it, &v)?, trim)))
}

pub(crate) fn do_wordcount(it: &mut Interp<'_>, v: Value, _args: Args) -> Result<Value> {
    let s = soft_str(it, &v)?;
    let count = s.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).count();
    Ok(Value::Int(count as i128))
}

pub(crate) fn do_wordwrap(it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
    let width = int_of(args.take(0, "width"), 79)?;
    let break_long = args.take(1, "break_long_words").is_none_or(|b| b.truthy());
    let wrapstring = match args.take(2, "wrapstring") {
        None | Some(Value::None) => "\n".to_string(),
        Some(w) => to_str(&w),
    };
    let hyphens = args.take(3, "break_on_hyphens").is_none_or(|b| b.truthy());
    let s = soft_str(it, &v)?;
    Ok(Value::str(crate::filters_text::wordwrap(&s, width.max(1) as usize, break_long, &wrapstring, hyphens)))
}

pub(crate) fn do_tojson(_it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
    let indent = args.take(0, "indent");
    Ok(Value::Markup(tojson(&v, indent.as_ref())?.into()))
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

/// `xmlattr`: a dict as XML/HTML attributes.
pub(crate) fn do_xmlattr(_it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
    let autospace = args.take(0, "autospace").is_none_or(|a| a.truthy());
    let Value::Dict(d) = &v else { return Err(type_err("xmlattr expects a mapping")) };
    let mut parts = Vec::new();
    for (k, val) in d.borrow().iter() {
        if matches!(val, Value::None | Value::Undefined(_)) {
            continue;
        }
        let key = to_str(k);
        if key.is_empty() || key.chars().any(|c| c.is_whitespace() || matches!(c, '/' | '>' | '=')) {
            return Err(Error::new(ErrorKind::Value, format!("Invalid character in attribute name: {}", crate::print::repr(k))));
        }
        parts.push(format!("{}=\"{}\"", crate::filters::escape(&key), crate::filters::escape(&to_str(val))));
    }
    let s = parts.join(" ");
    Ok(Value::Markup(if autospace && !s.is_empty() { format!(" {s}") } else { s }.into()))
}
