//! Python's operators: equality, ordering, arithmetic, membership, with Python's results
//! (`7 // -2 == -4`, `-7 % 3 == 2`, `1 / 2 == 0.5`) and Python's errors (dividing by zero,
//! ordering a number against a string).

use crate::error::{type_err, Error, ErrorKind, Result};
use crate::print::to_str;
use crate::value::Value;
use std::cmp::Ordering;

fn num(v: &Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        Value::Bool(b) => Some(*b as i128 as f64),
        _ => None,
    }
}

fn int(v: &Value) -> Option<i128> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i128),
        _ => None,
    }
}

pub fn py_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Undefined(_), Value::Undefined(_)) => true,
        (Value::None, Value::None) => true,
        (Value::Str(x) | Value::Markup(x), Value::Str(y) | Value::Markup(y)) => x == y,
        (Value::List(x), Value::List(y)) => *x.borrow() == *y.borrow(),
        (Value::Tuple(x), Value::Tuple(y)) => x == y,
        (Value::Dict(x), Value::Dict(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| w == v))
        }
        (Value::Range(a1, a2, a3), Value::Range(b1, b2, b3)) => (a1, a2, a3) == (b1, b2, b3),
        (Value::Func(x), Value::Func(y)) => std::rc::Rc::ptr_eq(x, y),
        _ => match (int(a), int(b)) {
            (Some(x), Some(y)) => x == y,
            _ => match (num(a), num(b)) {
                (Some(x), Some(y)) => x == y,
                _ => false,
            },
        },
    }
}

fn undefined_err(v: &Value) -> Option<Error> {
    match v {
        Value::Undefined(msg) => Some(Error::undefined(msg)),
        _ => None,
    }
}

fn unsupported(op: &str, a: &Value, b: &Value) -> Error {
    if let Some(e) = undefined_err(a).or_else(|| undefined_err(b)) {
        return e;
    }
    type_err(format!("unsupported operand type(s) for {op}: '{}' and '{}'", a.type_name(), b.type_name()))
}

/// Python's ordering; `Err` where Python raises `TypeError`.
pub fn py_cmp(a: &Value, b: &Value, op: &str) -> Result<Ordering> {
    if let (Some(x), Some(y)) = (int(a), int(b)) {
        return Ok(x.cmp(&y));
    }
    if let (Some(x), Some(y)) = (num(a), num(b)) {
        // NaN compares false every way; callers of `<` etc. get `false` from `Less`-tests.
        return Ok(x.partial_cmp(&y).unwrap_or(Ordering::Equal));
    }
    match (a, b) {
        (Value::Str(x) | Value::Markup(x), Value::Str(y) | Value::Markup(y)) => Ok(x.cmp(y)),
        (Value::List(x), Value::List(y)) => seq_cmp(&x.borrow(), &y.borrow(), op),
        (Value::Tuple(x), Value::Tuple(y)) => seq_cmp(x, y, op),
        _ => Err(undefined_err(a).or_else(|| undefined_err(b)).unwrap_or_else(|| type_err(format!("'{op}' not supported between instances of '{}' and '{}'", a.type_name(), b.type_name())))),
    }
}

fn seq_cmp(x: &[Value], y: &[Value], op: &str) -> Result<Ordering> {
    for (a, b) in x.iter().zip(y) {
        if !py_eq(a, b) {
            return py_cmp(a, b, op);
        }
    }
    Ok(x.len().cmp(&y.len()))
}

pub fn compare(op: &str, a: &Value, b: &Value) -> Result<bool> {
    Ok(match op {
        "==" => py_eq(a, b),
        "!=" => !py_eq(a, b),
        _ => {
            if let (Some(x), Some(y)) = (num(a), num(b)) {
                if x.is_nan() || y.is_nan() {
                    return Ok(false);
                }
            }
            let ord = py_cmp(a, b, op)?;
            match op {
                "<" => ord == Ordering::Less,
                "<=" => ord != Ordering::Greater,
                ">" => ord == Ordering::Greater,
                ">=" => ord != Ordering::Less,
                _ => unreachable!("comparison operators are fixed by the parser"),
            }
        }
    })
}

/// `needle in haystack`.
pub fn contains(haystack: &Value, needle: &Value) -> Result<bool> {
    match haystack {
        Value::Str(h) | Value::Markup(h) => match needle {
            Value::Str(n) | Value::Markup(n) => Ok(h.contains(&**n)),
            Value::Undefined(msg) => Err(Error::undefined(msg)),
            other => Err(type_err(format!("'in <string>' requires string as left operand, not {}", other.type_name()))),
        },
        Value::Dict(d) => Ok(d.borrow().contains(needle)),
        Value::Undefined(_) => Ok(false),
        Value::List(_) | Value::Tuple(_) | Value::Range(..) | Value::View(..) => Ok(haystack.iter_values().unwrap_or_default().iter().any(|v| py_eq(v, needle))),
        other => Err(type_err(format!("argument of type '{}' is not iterable", other.type_name()))),
    }
}

fn checked(r: Option<i128>) -> Result<Value> {
    r.map(Value::Int).ok_or_else(|| Error::new(ErrorKind::Other, "integer overflow (Python would use a big integer)"))
}

pub fn add(a: &Value, b: &Value) -> Result<Value> {
    if let (Some(x), Some(y)) = (int(a), int(b)) {
        return checked(x.checked_add(y));
    }
    if let (Some(x), Some(y)) = (num(a), num(b)) {
        return Ok(Value::Float(x + y));
    }
    match (a, b) {
        (Value::Str(x) | Value::Markup(x), Value::Str(y) | Value::Markup(y)) => Ok(Value::str(format!("{x}{y}"))),
        (Value::List(x), Value::List(y)) => Ok(Value::list(x.borrow().iter().chain(y.borrow().iter()).cloned().collect())),
        (Value::Tuple(x), Value::Tuple(y)) => Ok(Value::tuple(x.iter().chain(y.iter()).cloned().collect())),
        (Value::Str(_), _) | (_, Value::Str(_)) if undefined_err(a).is_none() && undefined_err(b).is_none() => {
            let other = if matches!(a, Value::Str(_)) { b } else { a };
            if matches!(a, Value::Str(_)) {
                Err(type_err(format!("can only concatenate str (not \"{}\") to str", other.type_name())))
            } else {
                Err(unsupported("+", a, b))
            }
        }
        (Value::List(_), _) if undefined_err(b).is_none() => Err(type_err(format!("can only concatenate list (not \"{}\") to list", b.type_name()))),
        _ => Err(unsupported("+", a, b)),
    }
}

pub fn sub(a: &Value, b: &Value) -> Result<Value> {
    if let (Some(x), Some(y)) = (int(a), int(b)) {
        return checked(x.checked_sub(y));
    }
    match (num(a), num(b)) {
        (Some(x), Some(y)) => Ok(Value::Float(x - y)),
        _ => Err(unsupported("-", a, b)),
    }
}

fn repeat(items: &[Value], n: i128) -> Vec<Value> {
    let n = n.max(0) as usize;
    let mut out = Vec::with_capacity(items.len() * n);
    for _ in 0..n {
        out.extend_from_slice(items);
    }
    out
}

pub fn mul(a: &Value, b: &Value) -> Result<Value> {
    if let (Some(x), Some(y)) = (int(a), int(b)) {
        return checked(x.checked_mul(y));
    }
    if let (Some(x), Some(y)) = (num(a), num(b)) {
        return Ok(Value::Float(x * y));
    }
    let (seq, n) = match (a, b) {
        (s, n) if int(n).is_some() => (s, int(n).unwrap_or(0)),
        (n, s) if int(n).is_some() => (s, int(n).unwrap_or(0)),
        _ => return Err(unsupported("*", a, b)),
    };
    if n.saturating_mul(seq.len().unwrap_or(0) as i128) > crate::MAX_COLLECTION_ITEMS as i128 {
        return Err(Error::new(ErrorKind::Limit, "repetition too large: the result would exceed the output limit"));
    }
    match seq {
        Value::Str(s) | Value::Markup(s) => Ok(Value::str(s.repeat(n.max(0) as usize))),
        Value::List(l) => Ok(Value::list(repeat(&l.borrow(), n))),
        Value::Tuple(t) => Ok(Value::tuple(repeat(t, n))),
        _ => Err(type_err(format!("can't multiply sequence by non-int of type '{}'", a.type_name()))),
    }
}

fn zero_div(msg: &str) -> Error {
    Error::new(ErrorKind::ZeroDivision, msg)
}

pub fn div(a: &Value, b: &Value) -> Result<Value> {
    match (num(a), num(b)) {
        (Some(_), Some(0.0)) => Err(zero_div("division by zero")),
        (Some(x), Some(y)) => match (int(a), int(b)) {
            // Python divides ints exactly then rounds once.
            (Some(p), Some(q)) if p.unsigned_abs() < (1 << 53) && q.unsigned_abs() < (1 << 53) => Ok(Value::Float(p as f64 / q as f64)),
            _ => Ok(Value::Float(x / y)),
        },
        _ => Err(unsupported("/", a, b)),
    }
}

pub fn floor_div(a: &Value, b: &Value) -> Result<Value> {
    if let (Some(x), Some(y)) = (int(a), int(b)) {
        if y == 0 {
            return Err(zero_div("integer division or modulo by zero"));
        }
        let q = x.checked_div(y).map(|q| if x % y != 0 && ((x < 0) != (y < 0)) { q - 1 } else { q });
        return checked(q);
    }
    match (num(a), num(b)) {
        (Some(_), Some(0.0)) => Err(zero_div("float floor division by zero")),
        (Some(x), Some(y)) => Ok(Value::Float(python_float_mod(x, y).1)),
        _ => Err(unsupported("//", a, b)),
    }
}

/// Python's float `divmod`: (remainder with the divisor's sign, floored quotient).
fn python_float_mod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0_f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0_f64.copysign(x / y)
    };
    (m, floordiv)
}

pub fn rem(a: &Value, b: &Value) -> Result<Value> {
    if let Value::Str(fmt) | Value::Markup(fmt) = a {
        return crate::pyfmt::percent_format(fmt, b).map(Value::str);
    }
    if let (Some(x), Some(y)) = (int(a), int(b)) {
        if y == 0 {
            return Err(zero_div("integer division or modulo by zero"));
        }
        let r = x.wrapping_rem(y);
        return Ok(Value::Int(if r != 0 && ((r < 0) != (y < 0)) { r + y } else { r }));
    }
    match (num(a), num(b)) {
        (Some(_), Some(0.0)) => Err(zero_div("float modulo")),
        (Some(x), Some(y)) => Ok(Value::Float(python_float_mod(x, y).0)),
        _ => Err(unsupported("%", a, b)),
    }
}

pub fn pow(a: &Value, b: &Value) -> Result<Value> {
    if let (Some(x), Some(y)) = (int(a), int(b)) {
        if y >= 0 {
            let exp = u32::try_from(y).map_err(|_| Error::new(ErrorKind::Limit, "exponent too large"))?;
            return checked(x.checked_pow(exp));
        }
        if x == 0 {
            return Err(zero_div("0.0 cannot be raised to a negative power"));
        }
        return Ok(Value::Float((x as f64).powf(y as f64)));
    }
    match (num(a), num(b)) {
        (Some(x), Some(y)) if x == 0.0 && y < 0.0 => Err(zero_div("0.0 cannot be raised to a negative power")),
        (Some(x), Some(y)) if x < 0.0 && y.fract() != 0.0 => Err(Error::new(ErrorKind::Other, "negative number raised to a fractional power gives a complex number")),
        (Some(x), Some(y)) => Ok(Value::Float(x.powf(y))),
        _ => Err(unsupported("** or pow()", a, b)),
    }
}

pub fn neg(v: &Value) -> Result<Value> {
    match v {
        Value::Int(i) => checked(i.checked_neg()),
        Value::Bool(b) => Ok(Value::Int(-(*b as i128))),
        Value::Float(f) => Ok(Value::Float(-f)),
        Value::Undefined(msg) => Err(Error::undefined(msg)),
        other => Err(type_err(format!("bad operand type for unary -: '{}'", other.type_name()))),
    }
}

/// `a ~ b`: both as Python `str()`.
pub fn concat(a: &Value, b: &Value) -> Value {
    Value::str(format!("{}{}", to_str(a), to_str(b)))
}
