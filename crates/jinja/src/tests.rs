//! Jinja2's tests (`x is defined`, `x is number`...) with Jinja2's truth tables.

use crate::error::{type_err, Error, ErrorKind, Result};
use crate::interp::{Args, Interp};
use crate::ops;
use crate::value::{Func, Value};

pub const TESTS: &[&str] = &[
    "odd",
    "even",
    "divisibleby",
    "defined",
    "undefined",
    "filter",
    "test",
    "none",
    "boolean",
    "false",
    "true",
    "integer",
    "float",
    "lower",
    "upper",
    "string",
    "mapping",
    "number",
    "sequence",
    "iterable",
    "callable",
    "sameas",
    "escaped",
    "in",
    "==",
    "eq",
    "equalto",
    "!=",
    "ne",
    ">",
    "gt",
    "greaterthan",
    ">=",
    "ge",
    "<",
    "lt",
    "lessthan",
    "<=",
    "le",
];

pub fn is_test(name: &str) -> bool {
    TESTS.contains(&name)
}

fn arg(args: &mut Args, name: &str, test: &str) -> Result<Value> {
    args.take(0, name).ok_or_else(|| type_err(format!("test_{test}() missing 1 required positional argument: '{name}'")))
}

pub fn call_test(it: &mut Interp<'_>, name: &str, v: &Value, mut args: Args) -> Result<bool> {
    if !is_test(name) {
        return Err(Error::new(ErrorKind::UnknownTest, format!("No test named '{name}' found.")));
    }
    let strict_check = |v: &Value| -> Result<()> {
        match v {
            Value::Undefined(msg) if it.cfg.strict => Err(Error::undefined(msg)),
            _ => Ok(()),
        }
    };
    Ok(match name {
        "defined" => !v.is_undefined(),
        "undefined" => v.is_undefined(),
        "none" => matches!(v, Value::None),
        "boolean" => matches!(v, Value::Bool(_)),
        "true" => matches!(v, Value::Bool(true)),
        "false" => matches!(v, Value::Bool(false)),
        "integer" => matches!(v, Value::Int(_)),
        "float" => matches!(v, Value::Float(_)),
        "number" => matches!(v, Value::Int(_) | Value::Float(_) | Value::Bool(_)),
        "string" => matches!(v, Value::Str(_) | Value::Markup(_)),
        "mapping" => matches!(v, Value::Dict(_)),
        "sequence" => matches!(v, Value::Str(_) | Value::Markup(_) | Value::List(_) | Value::Tuple(_) | Value::Dict(_) | Value::Range(..)),
        "iterable" => matches!(v, Value::Str(_) | Value::Markup(_) | Value::List(_) | Value::Tuple(_) | Value::Dict(_) | Value::Range(..) | Value::View(..) | Value::Undefined(_)),
        "callable" => matches!(v, Value::Func(f) if !matches!(**f, Func::Namespace(_) | Func::Cycler(_))),
        "escaped" => matches!(v, Value::Markup(_)),
        "lower" | "upper" => {
            strict_check(v)?;
            let s = crate::print::to_str(v);
            let has_lower = s.chars().any(char::is_lowercase);
            let has_upper = s.chars().any(char::is_uppercase);
            if name == "lower" {
                has_lower && !has_upper
            } else {
                has_upper && !has_lower
            }
        }
        "odd" | "even" => {
            strict_check(v)?;
            let r = ops::rem(v, &Value::Int(2))?;
            let one = r == Value::Int(1);
            if name == "odd" {
                one
            } else {
                r == Value::Int(0)
            }
        }
        "divisibleby" => {
            strict_check(v)?;
            let n = arg(&mut args, "num", name)?;
            ops::rem(v, &n)? == Value::Int(0)
        }
        "filter" => v.as_str().is_some_and(crate::filters::is_filter),
        "test" => v.as_str().is_some_and(is_test),
        "sameas" => {
            let other = arg(&mut args, "other", name)?;
            match (v, &other) {
                (Value::None, Value::None) => true,
                (Value::Bool(a), Value::Bool(b)) => a == b,
                (Value::Int(a), Value::Int(b)) => a == b && (-5..=256).contains(a),
                (Value::List(a), Value::List(b)) => std::rc::Rc::ptr_eq(a, b),
                (Value::Dict(a), Value::Dict(b)) => std::rc::Rc::ptr_eq(a, b),
                (Value::Tuple(a), Value::Tuple(b)) => std::rc::Rc::ptr_eq(a, b),
                (Value::Str(a), Value::Str(b)) => std::rc::Rc::ptr_eq(a, b),
                (Value::Func(a), Value::Func(b)) => std::rc::Rc::ptr_eq(a, b),
                _ => false,
            }
        }
        "in" => {
            let seq = arg(&mut args, "seq", name)?;
            ops::contains(&seq, v)?
        }
        cmp => {
            let other = arg(&mut args, "other", name)?;
            let op = match cmp {
                "==" | "eq" | "equalto" => "==",
                "!=" | "ne" => "!=",
                ">" | "gt" | "greaterthan" => ">",
                ">=" | "ge" => ">=",
                "<" | "lt" | "lessthan" => "<",
                "<=" | "le" => "<=",
                other => return Err(Error::new(ErrorKind::UnknownTest, format!("No test named '{other}'."))),
            };
            ops::compare(op, v, &other)?
        }
    })
}
