//! Member lookups with Jinja2's rules (`obj.name`: method first, then key; `obj[key]`: item
//! first, then attribute; the platform's string-key fallback for `node.0`), the undefined
//! they give when nothing is found, and Python slicing.

use super::{Interp, LoopState};
use crate::error::{type_err, Error, ErrorKind, Result};
use crate::print::to_str;
use crate::value::{Func, Value};
use std::rc::Rc;

impl Interp<'_> {
    /// `obj.name`: Python attribute first (methods of str/dict/list), then item, like
    /// Jinja2's `Environment.getattr`.
    pub fn getattr(&self, obj: &Value, name: &str) -> Result<Value> {
        self.getattr_with(obj, name, crate::methods::is_method_name(name))
    }

    /// [`Interp::getattr`] when the caller knows whether `name` can be a method at all.
    pub fn getattr_with(&self, obj: &Value, name: &str, maybe_method: bool) -> Result<Value> {
        if let Value::Undefined(msg) = obj {
            if self.cfg.chainable {
                return Ok(obj.clone());
            }
            return Err(Error::undefined(msg));
        }
        if name.starts_with('_') {
            return Ok(Value::undefined(format!("SecurityError: access to attribute '{name}' of '{}' object is unsafe.", obj.type_name())));
        }
        if maybe_method {
            if let Some(v) = crate::methods::attribute(obj, name) {
                return Ok(v);
            }
        }
        if let (Value::Tuple(t), "grouper" | "list") = (obj, name) {
            // groupby's result items are named tuples (grouper, list).
            if t.len() == 2 {
                return Ok(t[if name == "grouper" { 0 } else { 1 }].clone());
            }
        }
        match obj {
            Value::Dict(d) => {
                if let Some(v) = d.borrow().get_str(name) {
                    return Ok(v.clone());
                }
            }
            Value::Func(f) => match &**f {
                Func::Namespace(attrs) => {
                    if let Some(v) = attrs.borrow().get(name) {
                        return Ok(v.clone());
                    }
                }
                Func::Loop(state) => {
                    if let Some(v) = loop_attr(state, name) {
                        return Ok(v);
                    }
                }
                Func::Cycler(c) if name == "current" => {
                    let c = c.borrow();
                    return Ok(c.0.get(c.1).cloned().unwrap_or(Value::None));
                }
                _ => {}
            },
            _ => {}
        }
        Ok(missing(obj, &Value::str(name)))
    }

    /// `obj[key]` (and `obj.0`): item first, then attribute for string keys. The platform's
    /// extra: an integer key missing from a dict is looked up as a string (`node.0` on the
    /// CODE JSON, whose keys are strings).
    pub fn getitem(&self, obj: &Value, key: &Value) -> Result<Value> {
        if let Value::Undefined(msg) = obj {
            if self.cfg.chainable {
                return Ok(obj.clone());
            }
            return Err(Error::undefined(msg));
        }
        let found = match (obj, key) {
            (Value::Dict(d), Value::Str(s)) => d.borrow().get_str(s).cloned(),
            (Value::Dict(d), k) => {
                let d = d.borrow();
                d.get(k).cloned().or_else(|| match k {
                    Value::Int(i) => d.get_str(decimal(*i, &mut [0; 40])).cloned(),
                    _ => None,
                })
            }
            (Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Markup(_) | Value::Range(..), Value::Int(_) | Value::Bool(_)) => {
                let i = match key {
                    Value::Int(i) => *i,
                    Value::Bool(b) => *b as i128,
                    _ => 0,
                };
                let len = obj.len().unwrap_or(0) as i128;
                let idx = if i < 0 { i + len } else { i };
                if (0..len).contains(&idx) {
                    match obj {
                        Value::List(l) => l.borrow().get(idx as usize).cloned(),
                        Value::Tuple(t) => t.get(idx as usize).cloned(),
                        Value::Str(s) | Value::Markup(s) => s.chars().nth(idx as usize).map(|c| Value::str(c.to_string())),
                        Value::Range(a, _, step) => Some(Value::Int(*a as i128 + idx * *step as i128)),
                        _ => None,
                    }
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(v) = found {
            return Ok(v);
        }
        if let Value::Str(name) = key {
            return self.getattr(obj, name);
        }
        Ok(missing(obj, key))
    }
}

/// An integer's decimal text, written in `buf` (no allocation on this hot path: `node.3`).
fn decimal(i: i128, buf: &mut [u8; 40]) -> &str {
    use std::io::Write;
    let mut cursor = std::io::Cursor::new(&mut buf[..]);
    write!(cursor, "{i}").expect("40 bytes hold any i128");
    let len = cursor.position() as usize;
    std::str::from_utf8(&buf[..len]).expect("digits are ASCII")
}

/// Jinja2's undefined for a missing member, with its message.
pub fn missing(obj: &Value, key: &Value) -> Value {
    let owner = match obj {
        Value::None => "'None'".to_string(),
        other => format!("'{} object'", other.type_name()),
    };
    match key {
        Value::Str(name) => Value::undefined(format!("{owner} has no attribute '{name}'")),
        other => Value::undefined(format!("{owner} has no element {}", crate::print::repr(other))),
    }
}

fn loop_attr(state: &Rc<LoopState>, name: &str) -> Option<Value> {
    let i = state.index0.get();
    let n = state.items.len();
    Some(match name {
        "index" => Value::Int(i as i128 + 1),
        "index0" => Value::Int(i as i128),
        "revindex" => Value::Int((n - i) as i128),
        "revindex0" => Value::Int((n - i - 1) as i128),
        "first" => Value::Bool(i == 0),
        "last" => Value::Bool(i + 1 == n),
        "length" => Value::Int(n as i128),
        "depth" => Value::Int(state.depth0 as i128 + 1),
        "depth0" => Value::Int(state.depth0 as i128),
        "previtem" => match i.checked_sub(1) {
            Some(p) => state.items[p].clone(),
            None => Value::undefined("there is no previous item"),
        },
        "nextitem" => match state.items.get(i + 1) {
            Some(v) => v.clone(),
            None => Value::undefined("there is no next item"),
        },
        "cycle" => Value::Func(Rc::new(Func::LoopMethod(state.clone(), "cycle"))),
        "changed" => Value::Func(Rc::new(Func::LoopMethod(state.clone(), "changed"))),
        _ => return None,
    })
}

/// Python slicing of lists, tuples, strings and ranges.
pub fn slice(v: &Value, start: Option<i128>, stop: Option<i128>, step: Option<i128>) -> Result<Value> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(Error::new(ErrorKind::Value, "slice step cannot be zero"));
    }
    let items: Vec<Value> = match v {
        Value::Undefined(msg) => return Err(Error::undefined(msg)),
        other => other.iter_values().filter(|_| !matches!(other, Value::Dict(_))).ok_or_else(|| type_err(format!("'{}' object is not subscriptable", other.type_name())))?,
    };
    let len = items.len() as i128;
    let clamp = |x: i128, lo: i128, hi: i128| x.max(lo).min(hi);
    let norm = |x: Option<i128>, default: i128, lo: i128, hi: i128| match x {
        None => default,
        Some(i) if i < 0 => clamp(i + len, lo, hi),
        Some(i) => clamp(i, lo, hi),
    };
    let picked: Vec<Value> = if step > 0 {
        let (a, b) = (norm(start, 0, 0, len), norm(stop, len, 0, len));
        (a..b.max(a)).step_by(step as usize).map(|i| items[i as usize].clone()).collect()
    } else {
        let (a, b) = (norm(start, len - 1, -1, len - 1), norm(stop, -1, -1, len - 1));
        let mut out = Vec::new();
        let mut i = a;
        while i > b {
            out.push(items[i as usize].clone());
            i += step;
        }
        out
    };
    Ok(match v {
        Value::Str(_) | Value::Markup(_) => Value::str(picked.iter().map(to_str).collect::<String>()),
        Value::Tuple(_) => Value::tuple(picked),
        _ => Value::list(picked),
    })
}
