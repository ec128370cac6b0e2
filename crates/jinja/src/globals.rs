//! Jinja2's global functions: `range`, `dict`, `namespace`, `cycler`, `joiner`.

use crate::error::{type_err, Error, ErrorKind, Result};
use crate::interp::{Args, Interp};
use crate::value::{range_len, Dict, Func, Value};
use indexmap::IndexMap;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// Jinja2's sandbox limit on `range()`.
const MAX_RANGE: usize = 100_000;

pub(crate) const GLOBALS: [&str; 5] = ["range", "dict", "namespace", "cycler", "joiner"];

pub fn global(name: &str) -> Option<Value> {
    GLOBALS.iter().find(|g| **g == name).map(|g| Value::Func(Rc::new(Func::Global(g))))
}

fn int_arg(v: &Value) -> Result<i128> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i128),
        other => Err(type_err(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
    }
}

pub fn call_global(_it: &mut Interp<'_>, name: &str, args: Args) -> Result<Value> {
    match name {
        "range" => {
            if !args.kw.is_empty() {
                return Err(type_err("range() takes no keyword arguments"));
            }
            let n: Vec<i64> = args
                .pos
                .iter()
                .map(|v| int_arg(v).and_then(|i| i64::try_from(i).map_err(|_| Error::new(ErrorKind::Other, "OverflowError: Python int too large to convert to C ssize_t"))))
                .collect::<Result<_>>()?;
            let (start, stop, step) = match n.as_slice() {
                [stop] => (0, *stop, 1),
                [start, stop] => (*start, *stop, 1),
                [start, stop, step] => (*start, *stop, *step),
                _ => return Err(type_err(format!("range expected at most 3 arguments, got {}", n.len()))),
            };
            if step == 0 {
                return Err(Error::new(ErrorKind::Value, "range() arg 3 must not be zero"));
            }
            if range_len(start, stop, step) > MAX_RANGE {
                // The platform renders in Jinja2's sandbox, which refuses such ranges.
                return Err(Error::new(ErrorKind::Other, format!("OverflowError: Range too big. The sandbox blocks ranges larger than MAX_RANGE ({MAX_RANGE}).")));
            }
            Ok(Value::Range(start, stop, step))
        }
        "dict" => {
            let mut d = Dict::new();
            if let Some(first) = args.pos.first() {
                match first {
                    Value::Dict(src) => {
                        for (k, v) in src.borrow().iter() {
                            d.insert(k.clone(), v.clone());
                        }
                    }
                    other => {
                        for pair in other.iter_values().ok_or_else(|| type_err("dict() argument must be a mapping or pairs"))? {
                            let kv = pair.iter_values().unwrap_or_default();
                            if kv.len() != 2 {
                                return Err(Error::new(ErrorKind::Value, "dictionary update sequence element has wrong length; 2 is required"));
                            }
                            d.insert(kv[0].clone(), kv[1].clone());
                        }
                    }
                }
            }
            for (k, v) in args.kw {
                d.insert(Value::str(k), v);
            }
            Ok(Value::dict(d))
        }
        "namespace" => {
            let mut attrs = IndexMap::new();
            if let Some(Value::Dict(src)) = args.pos.first() {
                for (k, v) in src.borrow().iter() {
                    attrs.insert(crate::print::to_str(k), v.clone());
                }
            }
            attrs.extend(args.kw);
            Ok(Value::Func(Rc::new(Func::Namespace(RefCell::new(attrs)))))
        }
        "cycler" => Ok(Value::Func(Rc::new(Func::Cycler(RefCell::new((args.pos, 0)))))),
        "joiner" => {
            let sep = args.pos.first().or_else(|| args.kw.get("sep")).map(crate::print::to_str).unwrap_or_else(|| ", ".into());
            Ok(Value::Func(Rc::new(Func::Joiner(sep, Cell::new(false)))))
        }
        _ => Err(type_err(format!("'{name}' is not callable"))),
    }
}
