//! How Python prints values: `str()` for template output, `repr()` inside containers.

use crate::value::{Func, Value};

/// Python's `str(value)` (what `{{ value }}` writes). Undefined prints as nothing; strict
/// mode refuses before it gets here.
pub fn to_str(v: &Value) -> String {
    match v {
        Value::Undefined(_) => String::new(),
        Value::Str(s) | Value::Markup(s) => s.to_string(),
        other => repr(other),
    }
}

/// [`to_str`] appended to `out` (no intermediate string: how a render prints values).
pub fn write_str(v: &Value, out: &mut String) {
    match v {
        Value::Undefined(_) => {}
        Value::Str(s) | Value::Markup(s) => out.push_str(s),
        other => write_repr(other, out),
    }
}

pub fn repr(v: &Value) -> String {
    let mut out = String::new();
    write_repr(v, &mut out);
    out
}

fn write_repr(v: &Value, out: &mut String) {
    match v {
        Value::Undefined(_) => out.push_str("Undefined"),
        Value::None => out.push_str("None"),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::Int(i) => {
            use std::fmt::Write;
            let _ = write!(out, "{i}");
        }
        Value::Float(f) => out.push_str(&float_repr(*f)),
        Value::Str(s) => str_repr(s, out),
        Value::Markup(s) => {
            out.push_str("Markup(");
            str_repr(s, out);
            out.push(')');
        }
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.borrow().iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(item, out);
            }
            out.push(']');
        }
        Value::Tuple(items) => {
            out.push('(');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(item, out);
            }
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Value::Dict(d) => {
            out.push('{');
            for (i, (k, val)) in d.borrow().iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(k, out);
                out.push_str(": ");
                write_repr(val, out);
            }
            out.push('}');
        }
        Value::View(name, items) => {
            out.push_str(name);
            out.push_str("([");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(item, out);
            }
            out.push_str("])");
        }
        Value::Range(start, stop, step) => {
            if *step == 1 {
                out.push_str(&format!("range({start}, {stop})"));
            } else {
                out.push_str(&format!("range({start}, {stop}, {step})"));
            }
        }
        Value::Func(f) => match &**f {
            Func::Namespace(attrs) => {
                out.push_str("<Namespace {");
                for (i, (k, val)) in attrs.borrow().iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    str_repr(k, out);
                    out.push_str(": ");
                    write_repr(val, out);
                }
                out.push_str("}>");
            }
            Func::Macro(m) => out.push_str(&format!("<Macro '{}'>", m.name)),
            Func::Global(name) => out.push_str(&format!("<function {name}>")),
            Func::Method(recv, name) => out.push_str(&format!("<built-in method {name} of {} object>", recv.type_name())),
            _ => out.push_str(&format!("<{} object>", v.type_name())),
        },
    }
}

/// Python's `repr(str)`: single quotes unless the text has `'` and no `"`; escapes for
/// backslashes, the quote, control and non-printable characters.
pub fn str_repr(s: &str, out: &mut String) {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if !is_printable(c) => {
                let n = c as u32;
                if n < 0x100 {
                    out.push_str(&format!("\\x{n:02x}"));
                } else if n < 0x10000 {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
}

/// An approximation of Python's `str.isprintable` for one character: control, format,
/// separator (other than space) and unassigned surrogate-range characters are not printable.
fn is_printable(c: char) -> bool {
    let n = c as u32;
    !(n < 0x20
        || (0x7f..=0xa0).contains(&n)
        || n == 0xad
        || (0x2000..=0x200f).contains(&n)
        || (0x2028..=0x202f).contains(&n)
        || (0x205f..=0x206f).contains(&n)
        || n == 0x3000
        || n == 0xfeff
        || (0xfff9..=0xfffb).contains(&n)
        || (0xe000..=0xf8ff).contains(&n))
}

/// Python's `repr(float)`: shortest round-trip digits, scientific notation below 1e-4 and
/// from 1e16 up, `.0` on whole numbers, `nan`, `inf`.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').expect("{:e} has an exponent");
    let exp: i32 = exp.parse().expect("exponent is an integer");
    if !(-4..16).contains(&exp) {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", exp.abs())
    } else {
        let s = format!("{f}");
        if s.contains('.') {
            s
        } else {
            format!("{s}.0")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_like_python() {
        for (f, s) in [
            (1e20, "1e+20"),
            (1.5e-7, "1.5e-07"),
            (2.0, "2.0"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (-2.5, "-2.5"),
            (123456.789, "123456.789"),
        ] {
            assert_eq!(float_repr(f), s);
        }
    }

    #[test]
    fn strings_repr_like_python() {
        let r = |s: &str| {
            let mut o = String::new();
            str_repr(s, &mut o);
            o
        };
        assert_eq!(r("it's"), "\"it's\"");
        assert_eq!(r("a'b\"c"), "'a\\'b\"c'");
        assert_eq!(r("tab\there\n"), "'tab\\there\\n'");
        assert_eq!(r("é\u{7}"), "'é\\x07'");
    }
}
