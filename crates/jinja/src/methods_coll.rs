//! The methods of dicts, lists, tuples and cyclers (`d.items()`, `l.append(x)`...), one
//! function each: their rows are in `methods`.

use crate::error::{type_err, value_err, Error, ErrorKind, Result};
use crate::interp::Args;
use crate::methods::int_arg;
use crate::value::{Dict, Value};
use std::cell::RefCell;
use std::rc::Rc;

pub(crate) fn dict_items(d: &RefCell<Dict>, _name: &str, _args: Args) -> Result<Value> {
    Ok(Value::View("dict_items", Rc::new(d.borrow().iter().map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()])).collect())))
}

pub(crate) fn dict_keys(d: &RefCell<Dict>, _name: &str, _args: Args) -> Result<Value> {
    Ok(Value::View("dict_keys", Rc::new(d.borrow().keys())))
}

pub(crate) fn dict_values(d: &RefCell<Dict>, _name: &str, _args: Args) -> Result<Value> {
    Ok(Value::View("dict_values", Rc::new(d.borrow().iter().map(|(_, v)| v.clone()).collect())))
}

pub(crate) fn dict_get(d: &RefCell<Dict>, _name: &str, mut args: Args) -> Result<Value> {
    let key = args.take(0, "key").ok_or_else(|| type_err("get expected at least 1 argument, got 0"))?;
    let default = args.take(1, "default").unwrap_or(Value::None);
    Ok(d.borrow().get(&key).cloned().unwrap_or(default))
}

pub(crate) fn dict_copy(d: &RefCell<Dict>, _name: &str, _args: Args) -> Result<Value> {
    Ok(Value::dict(d.borrow().clone()))
}

pub(crate) fn dict_pop(d: &RefCell<Dict>, _name: &str, mut args: Args) -> Result<Value> {
    let key = args.take(0, "key").ok_or_else(|| type_err("pop expected at least 1 argument, got 0"))?;
    let default = args.take(1, "default");
    let removed = d.borrow_mut().remove(&key);
    removed.or(default).ok_or_else(|| Error::new(ErrorKind::Other, format!("KeyError: {}", crate::print::repr(&key))))
}

pub(crate) fn dict_setdefault(d: &RefCell<Dict>, _name: &str, mut args: Args) -> Result<Value> {
    let key = args.take(0, "key").ok_or_else(|| type_err("setdefault expected at least 1 argument, got 0"))?;
    let default = args.take(1, "default").unwrap_or(Value::None);
    let existing = d.borrow().get(&key).cloned();
    Ok(match existing {
        Some(v) => v,
        None => {
            d.borrow_mut().insert(key, default.clone());
            default
        }
    })
}

pub(crate) fn dict_update(d: &RefCell<Dict>, _name: &str, args: Args) -> Result<Value> {
    let mut pairs: Vec<(Value, Value)> = Vec::new();
    if let Some(Value::Dict(src)) = args.pos.first() {
        pairs.extend(src.borrow().iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    pairs.extend(args.kw.iter().map(|(k, v)| (Value::str(k.as_str()), v.clone())));
    let mut target = d.borrow_mut();
    for (k, v) in pairs {
        target.insert(k, v);
    }
    Ok(Value::None)
}

pub(crate) fn list_append(l: &RefCell<Vec<Value>>, _name: &str, mut args: Args) -> Result<Value> {
    let x = args.take(0, "object").ok_or_else(|| type_err("list.append() takes exactly one argument (0 given)"))?;
    l.borrow_mut().push(x);
    Ok(Value::None)
}

pub(crate) fn list_extend(l: &RefCell<Vec<Value>>, _name: &str, mut args: Args) -> Result<Value> {
    let x = args.take(0, "iterable").and_then(|v| v.iter_values()).ok_or_else(|| type_err("list.extend() needs an iterable"))?;
    l.borrow_mut().extend(x);
    Ok(Value::None)
}

pub(crate) fn list_insert(l: &RefCell<Vec<Value>>, _name: &str, mut args: Args) -> Result<Value> {
    let at = int_arg(args.take(0, "index"), 0)?;
    let x = args.take(1, "object").unwrap_or(Value::None);
    let mut list = l.borrow_mut();
    let len = list.len() as i128;
    let idx = if at < 0 { (at + len).max(0) } else { at.min(len) };
    list.insert(idx as usize, x);
    Ok(Value::None)
}

pub(crate) fn list_pop(l: &RefCell<Vec<Value>>, _name: &str, mut args: Args) -> Result<Value> {
    let mut list = l.borrow_mut();
    let len = list.len() as i128;
    let at = int_arg(args.take(0, "index"), -1)?;
    let idx = if at < 0 { at + len } else { at };
    if list.is_empty() || !(0..len).contains(&idx) {
        return Err(Error::new(ErrorKind::Other, "IndexError: pop index out of range"));
    }
    Ok(list.remove(idx as usize))
}

pub(crate) fn list_remove(l: &RefCell<Vec<Value>>, _name: &str, mut args: Args) -> Result<Value> {
    let x = args.take(0, "value").unwrap_or(Value::None);
    let mut list = l.borrow_mut();
    let pos = list.iter().position(|v| *v == x).ok_or_else(|| value_err("list.remove(x): x not in list"))?;
    list.remove(pos);
    Ok(Value::None)
}

pub(crate) fn list_reverse(l: &RefCell<Vec<Value>>, _name: &str, _args: Args) -> Result<Value> {
    l.borrow_mut().reverse();
    Ok(Value::None)
}

pub(crate) fn list_clear(l: &RefCell<Vec<Value>>, _name: &str, _args: Args) -> Result<Value> {
    l.borrow_mut().clear();
    Ok(Value::None)
}

pub(crate) fn list_copy(l: &RefCell<Vec<Value>>, _name: &str, _args: Args) -> Result<Value> {
    Ok(Value::list(l.borrow().clone()))
}

pub(crate) fn list_sort(l: &RefCell<Vec<Value>>, _name: &str, mut args: Args) -> Result<Value> {
    let reverse = args.kw.shift_remove("reverse").is_some_and(|v| v.truthy());
    let mut items = l.borrow().clone();
    crate::filters::sort_values(&mut items, true, reverse)?;
    *l.borrow_mut() = items;
    Ok(Value::None)
}

pub(crate) fn list_index_count(items: &[Value], name: &str, args: Args) -> Result<Value> {
    index_count(items, name, args, "list")
}

pub(crate) fn tuple_index_count(items: &[Value], name: &str, args: Args) -> Result<Value> {
    index_count(items, name, args, "tuple")
}

pub(crate) fn index_count(items: &[Value], name: &str, mut args: Args, ty: &str) -> Result<Value> {
    let x = args.take(0, "value").unwrap_or(Value::None);
    match name {
        "count" => Ok(Value::Int(items.iter().filter(|v| **v == x).count() as i128)),
        _ => items.iter().position(|v| *v == x).map(|p| Value::Int(p as i128)).ok_or_else(|| value_err(format!("{} is not in {ty}", crate::print::repr(&x)))),
    }
}

/// A cycler's `next()` (the current item, then moves on) and `reset()`.
pub(crate) fn cycler_step(c: &crate::methods::CyclerState, name: &str) -> Result<Value> {
    let mut c = c.borrow_mut();
    if name == "reset" {
        c.1 = 0;
        return Ok(Value::None);
    }
    let v = c.0.get(c.1).cloned().unwrap_or(Value::None);
    c.1 = if c.0.is_empty() { 0 } else { (c.1 + 1) % c.0.len() };
    Ok(v)
}
