//! Python methods templates call on values: `s.upper()`, `s.split(',')`, `d.items()`,
//! `d.get('k', 'x')`, `l.append(x)`, `'{} {}'.format(a, b)`... One row per method (name, the
//! kind of value it belongs to, function), like the filters' and tests' registries: which
//! attributes are methods (`attribute`, `is_method_name`) and the dispatch (`call_method`)
//! derive from it.

use crate::error::{type_err, Result};
use crate::interp::{Args, Interp};
use crate::methods_coll::*;
use crate::methods_str::*;
use crate::value::{Dict, Func, Value};
use std::cell::RefCell;
use std::rc::Rc;

pub use crate::methods_str::capitalize;

/// The kind of value a method belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Receiver {
    Str,
    Dict,
    List,
    Tuple,
    Cycler,
}

/// A method's function, typed by what it is called on; each gets its own name (a function
/// can serve several: `strip`, `lstrip`, `rstrip`).
#[derive(Debug, Clone, Copy)]
pub(crate) enum MethodFn {
    Str(fn(&str, &str, Args) -> Result<Value>),
    Dict(fn(&RefCell<Dict>, &str, Args) -> Result<Value>),
    List(fn(&RefCell<Vec<Value>>, &str, Args) -> Result<Value>),
    /// Read-only sequence methods, shared by lists and tuples.
    Seq(fn(&[Value], &str, Args) -> Result<Value>),
    Cycler(fn(&CyclerState, &str) -> Result<Value>),
}

/// A `cycler`'s items and where it is.
pub(crate) type CyclerState = RefCell<(Vec<Value>, usize)>;

/// One method.
#[derive(Debug)]
pub struct Method {
    pub name: &'static str,
    pub receiver: Receiver,
    pub(crate) call: MethodFn,
}

/// Every method a template may call.
pub static METHODS: &[Method] = &[
    Method { name: "upper", receiver: Receiver::Str, call: MethodFn::Str(str_upper) },
    Method { name: "lower", receiver: Receiver::Str, call: MethodFn::Str(str_lower) },
    Method { name: "casefold", receiver: Receiver::Str, call: MethodFn::Str(str_lower) },
    Method { name: "strip", receiver: Receiver::Str, call: MethodFn::Str(str_strip) },
    Method { name: "lstrip", receiver: Receiver::Str, call: MethodFn::Str(str_strip) },
    Method { name: "rstrip", receiver: Receiver::Str, call: MethodFn::Str(str_strip) },
    Method { name: "split", receiver: Receiver::Str, call: MethodFn::Str(str_split) },
    Method { name: "rsplit", receiver: Receiver::Str, call: MethodFn::Str(str_split) },
    Method { name: "splitlines", receiver: Receiver::Str, call: MethodFn::Str(str_splitlines) },
    Method { name: "startswith", receiver: Receiver::Str, call: MethodFn::Str(str_affix) },
    Method { name: "endswith", receiver: Receiver::Str, call: MethodFn::Str(str_affix) },
    Method { name: "replace", receiver: Receiver::Str, call: MethodFn::Str(str_replace) },
    Method { name: "find", receiver: Receiver::Str, call: MethodFn::Str(str_find) },
    Method { name: "rfind", receiver: Receiver::Str, call: MethodFn::Str(str_find) },
    Method { name: "index", receiver: Receiver::Str, call: MethodFn::Str(str_find) },
    Method { name: "rindex", receiver: Receiver::Str, call: MethodFn::Str(str_find) },
    Method { name: "count", receiver: Receiver::Str, call: MethodFn::Str(str_count) },
    Method { name: "join", receiver: Receiver::Str, call: MethodFn::Str(str_join) },
    Method { name: "format", receiver: Receiver::Str, call: MethodFn::Str(str_format) },
    Method { name: "capitalize", receiver: Receiver::Str, call: MethodFn::Str(str_capitalize) },
    Method { name: "title", receiver: Receiver::Str, call: MethodFn::Str(str_title) },
    Method { name: "swapcase", receiver: Receiver::Str, call: MethodFn::Str(str_swapcase) },
    Method { name: "center", receiver: Receiver::Str, call: MethodFn::Str(str_justify) },
    Method { name: "ljust", receiver: Receiver::Str, call: MethodFn::Str(str_justify) },
    Method { name: "rjust", receiver: Receiver::Str, call: MethodFn::Str(str_justify) },
    Method { name: "zfill", receiver: Receiver::Str, call: MethodFn::Str(str_zfill) },
    Method { name: "isdigit", receiver: Receiver::Str, call: MethodFn::Str(str_isdigit) },
    Method { name: "isnumeric", receiver: Receiver::Str, call: MethodFn::Str(str_isdigit) },
    Method { name: "isdecimal", receiver: Receiver::Str, call: MethodFn::Str(str_isdigit) },
    Method { name: "isalpha", receiver: Receiver::Str, call: MethodFn::Str(str_isalpha) },
    Method { name: "isalnum", receiver: Receiver::Str, call: MethodFn::Str(str_isalnum) },
    Method { name: "isspace", receiver: Receiver::Str, call: MethodFn::Str(str_isspace) },
    Method { name: "islower", receiver: Receiver::Str, call: MethodFn::Str(str_islower) },
    Method { name: "isupper", receiver: Receiver::Str, call: MethodFn::Str(str_isupper) },
    Method { name: "istitle", receiver: Receiver::Str, call: MethodFn::Str(str_istitle) },
    Method { name: "partition", receiver: Receiver::Str, call: MethodFn::Str(str_partition) },
    Method { name: "rpartition", receiver: Receiver::Str, call: MethodFn::Str(str_partition) },
    Method { name: "removeprefix", receiver: Receiver::Str, call: MethodFn::Str(str_removeprefix) },
    Method { name: "removesuffix", receiver: Receiver::Str, call: MethodFn::Str(str_removesuffix) },
    Method { name: "encode", receiver: Receiver::Str, call: MethodFn::Str(str_encode) },
    Method { name: "items", receiver: Receiver::Dict, call: MethodFn::Dict(dict_items) },
    Method { name: "keys", receiver: Receiver::Dict, call: MethodFn::Dict(dict_keys) },
    Method { name: "values", receiver: Receiver::Dict, call: MethodFn::Dict(dict_values) },
    Method { name: "get", receiver: Receiver::Dict, call: MethodFn::Dict(dict_get) },
    Method { name: "copy", receiver: Receiver::Dict, call: MethodFn::Dict(dict_copy) },
    Method { name: "pop", receiver: Receiver::Dict, call: MethodFn::Dict(dict_pop) },
    Method { name: "setdefault", receiver: Receiver::Dict, call: MethodFn::Dict(dict_setdefault) },
    Method { name: "update", receiver: Receiver::Dict, call: MethodFn::Dict(dict_update) },
    Method { name: "append", receiver: Receiver::List, call: MethodFn::List(list_append) },
    Method { name: "extend", receiver: Receiver::List, call: MethodFn::List(list_extend) },
    Method { name: "insert", receiver: Receiver::List, call: MethodFn::List(list_insert) },
    Method { name: "pop", receiver: Receiver::List, call: MethodFn::List(list_pop) },
    Method { name: "remove", receiver: Receiver::List, call: MethodFn::List(list_remove) },
    Method { name: "reverse", receiver: Receiver::List, call: MethodFn::List(list_reverse) },
    Method { name: "clear", receiver: Receiver::List, call: MethodFn::List(list_clear) },
    Method { name: "copy", receiver: Receiver::List, call: MethodFn::List(list_copy) },
    Method { name: "sort", receiver: Receiver::List, call: MethodFn::List(list_sort) },
    Method { name: "index", receiver: Receiver::List, call: MethodFn::Seq(list_index_count) },
    Method { name: "index", receiver: Receiver::Tuple, call: MethodFn::Seq(tuple_index_count) },
    Method { name: "count", receiver: Receiver::List, call: MethodFn::Seq(list_index_count) },
    Method { name: "count", receiver: Receiver::Tuple, call: MethodFn::Seq(tuple_index_count) },
    Method { name: "next", receiver: Receiver::Cycler, call: MethodFn::Cycler(cycler_step) },
    Method { name: "reset", receiver: Receiver::Cycler, call: MethodFn::Cycler(cycler_step) },
];

fn receiver_of(v: &Value) -> Option<Receiver> {
    Some(match v {
        Value::Str(_) | Value::Markup(_) => Receiver::Str,
        Value::Dict(_) => Receiver::Dict,
        Value::List(_) => Receiver::List,
        Value::Tuple(_) => Receiver::Tuple,
        Value::Func(f) if matches!(**f, Func::Cycler(_)) => Receiver::Cycler,
        _ => return None,
    })
}

/// The method of that name on that kind of value.
pub fn lookup(receiver: Receiver, name: &str) -> Option<&'static Method> {
    type ByName = rustc_hash::FxHashMap<(Receiver, &'static str), &'static Method>;
    static BY_NAME: std::sync::OnceLock<ByName> = std::sync::OnceLock::new();
    BY_NAME.get_or_init(|| METHODS.iter().map(|m| ((m.receiver, m.name), m)).collect()).get(&(receiver, name)).copied()
}

/// Whether some value has a Python method of that name (`attribute` can only find those).
pub fn is_method_name(name: &str) -> bool {
    static NAMES: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| METHODS.iter().map(|m| m.name).collect()).contains(name)
}

/// A bound method when `name` is one of the value's Python methods.
pub fn attribute(obj: &Value, name: &str) -> Option<Value> {
    let receiver = receiver_of(obj)?;
    lookup(receiver, name).map(|_| Value::Func(Rc::new(Func::Method(obj.clone(), name.to_owned()))))
}

/// Calls a method bound by `attribute`.
pub fn call_method(_it: &mut Interp<'_>, recv: &Value, name: &str, args: Args) -> Result<Value> {
    let Some(method) = receiver_of(recv).and_then(|r| lookup(r, name)) else {
        return Err(type_err(format!("'{}' object has no attribute '{name}'", recv.type_name())));
    };
    match (method.call, recv) {
        (MethodFn::Str(f), Value::Str(s) | Value::Markup(s)) => f(s, name, args),
        (MethodFn::Dict(f), Value::Dict(d)) => f(d, name, args),
        (MethodFn::List(f), Value::List(l)) => f(l, name, args),
        (MethodFn::Seq(f), Value::List(l)) => f(&l.borrow(), name, args),
        (MethodFn::Seq(f), Value::Tuple(t)) => f(t, name, args),
        (MethodFn::Cycler(f), Value::Func(func)) => match &**func {
            Func::Cycler(c) => f(c, name),
            _ => Err(type_err(format!("no method {name}"))),
        },
        _ => Err(type_err(format!("'{}' object has no attribute '{name}'", recv.type_name()))),
    }
}

/// An optional string argument (`None` when absent or None).
pub(crate) fn str_arg(v: Option<Value>, what: &str) -> Result<Option<String>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s) | Value::Markup(s)) => Ok(Some(s.to_string())),
        Some(other) => Err(type_err(format!("{what} arg must be None or str, not {}", other.type_name()))),
    }
}

/// An optional integer argument, `default` when absent or None.
pub(crate) fn int_arg(v: Option<Value>, default: i128) -> Result<i128> {
    match v {
        None | Some(Value::None) => Ok(default),
        Some(Value::Int(i)) => Ok(i),
        Some(Value::Bool(b)) => Ok(b as i128),
        Some(other) => Err(type_err(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
    }
}
