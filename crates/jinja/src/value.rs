//! Values as Python sees them inside a Jinja2 template: `None`, bools, ints, floats, strings,
//! lists (mutable through `.append()`), tuples, dicts in insertion order, ranges, markup,
//! callables, and `Undefined` carrying the message Jinja2 would raise with.

use indexmap::IndexMap;
use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use crate::interp::MacroRef;

#[derive(Clone, Debug)]
pub enum Value {
    /// A name or member that does not exist; the text is Jinja2's message for it.
    Undefined(Rc<str>),
    None,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(Rc<str>),
    /// A string marked safe (`|safe`, `|escape`, macro output under autoescape).
    Markup(Rc<str>),
    List(Rc<RefCell<Vec<Value>>>),
    Tuple(Rc<Vec<Value>>),
    Dict(Rc<RefCell<Dict>>),
    Range(i64, i64, i64),
    /// `d.items()`, `d.keys()`, `d.values()`: Python's dict views (named by their class).
    View(&'static str, Rc<Vec<Value>>),
    Func(Rc<Func>),
}

/// Callables a template can hold.
#[derive(Debug)]
pub enum Func {
    /// A global function (`range`, `dict`, `namespace`, `lipsum`...).
    Global(&'static str),
    /// A method looked up on a value (`d.items`, `s.upper`), not yet called.
    Method(Value, String),
    Macro(MacroRef),
    /// `loop.cycle` and friends, bound to the loop they came from.
    LoopMethod(Rc<crate::interp::LoopState>, &'static str),
    /// The `loop` object itself when the for loop is `recursive`.
    Namespace(RefCell<IndexMap<String, Value>>),
    Cycler(RefCell<(Vec<Value>, usize)>),
    Joiner(String, std::cell::Cell<bool>),
    Loop(Rc<crate::interp::LoopState>),
}

/// A dict in insertion order; keys compare like Python's (`1 == 1.0 == True`).
#[derive(Debug, Default, Clone)]
pub struct Dict {
    entries: IndexMap<Key, (Value, Value), rustc_hash::FxBuildHasher>,
}

/// Hashable form of a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    None,
    Int(i128),
    Float(u64),
    Str(Rc<str>),
    Tuple(Vec<Key>),
    Other(String),
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, h: &mut H) {
        match self {
            Key::None => 0u8.hash(h),
            Key::Int(i) => {
                1u8.hash(h);
                i.hash(h);
            }
            Key::Float(bits) => {
                2u8.hash(h);
                bits.hash(h);
            }
            Key::Str(s) => StrKey(s).hash(h),
            Key::Tuple(items) => {
                4u8.hash(h);
                items.hash(h);
            }
            Key::Other(s) => {
                5u8.hash(h);
                s.hash(h);
            }
        }
    }
}

/// Looks a string key up without allocating a `Key`.
struct StrKey<'a>(&'a str);

impl Hash for StrKey<'_> {
    fn hash<H: Hasher>(&self, h: &mut H) {
        3u8.hash(h);
        self.0.hash(h);
    }
}

impl indexmap::Equivalent<Key> for StrKey<'_> {
    fn equivalent(&self, key: &Key) -> bool {
        matches!(key, Key::Str(s) if &**s == self.0)
    }
}

impl Key {
    pub fn of(v: &Value) -> Key {
        match v {
            Value::None => Key::None,
            Value::Bool(b) => Key::Int(*b as i128),
            Value::Int(i) => Key::Int(*i),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => Key::Int(*f as i128),
            Value::Float(f) => Key::Float(f.to_bits()),
            Value::Str(s) | Value::Markup(s) => Key::Str(s.clone()),
            Value::Tuple(items) => Key::Tuple(items.iter().map(Key::of).collect()),
            other => Key::Other(crate::print::repr(other)),
        }
    }
}

impl Dict {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn insert(&mut self, key: Value, value: Value) {
        let k = Key::of(&key);
        match self.entries.get_mut(&k) {
            // Python keeps the first key object and replaces the value.
            Some(entry) => entry.1 = value,
            None => {
                self.entries.insert(k, (key, value));
            }
        }
    }

    pub fn get(&self, key: &Value) -> Option<&Value> {
        self.entries.get(&Key::of(key)).map(|(_, v)| v)
    }

    /// The last key, when it is a string.
    pub fn last_str_key(&self) -> Option<&str> {
        match self.entries.last() {
            Some((Key::Str(s), _)) => Some(s),
            _ => None,
        }
    }

    /// Puts the string keys in `rank`'s order; keys it does not rank keep their order, after.
    pub fn reorder(&mut self, rank: impl Fn(&str) -> Option<usize>) {
        self.entries.sort_by_cached_key(|k, _| match k {
            Key::Str(s) => rank(s).unwrap_or(usize::MAX),
            _ => usize::MAX,
        });
    }

    pub fn get_str(&self, key: &str) -> Option<&Value> {
        // Most dicts of a run's data are small: comparing a few keys beats hashing one.
        if self.entries.len() <= 8 {
            return self.entries.iter().find(|(k, _)| matches!(k, Key::Str(s) if &**s == key)).map(|(_, (_, v))| v);
        }
        self.entries.get(&StrKey(key)).map(|(_, v)| v)
    }

    pub fn remove(&mut self, key: &Value) -> Option<Value> {
        self.entries.shift_remove(&Key::of(key)).map(|(_, v)| v)
    }

    pub fn contains(&self, key: &Value) -> bool {
        self.entries.contains_key(&Key::of(key))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.entries.values().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> Vec<Value> {
        self.entries.values().map(|(k, _)| k.clone()).collect()
    }
}

impl Value {
    pub fn str(s: impl Into<Rc<str>>) -> Value {
        Value::Str(s.into())
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(items)))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(items))
    }

    pub fn dict(d: Dict) -> Value {
        Value::Dict(Rc::new(RefCell::new(d)))
    }

    pub fn undefined(message: impl Into<Rc<str>>) -> Value {
        Value::Undefined(message.into())
    }

    pub fn is_undefined(&self) -> bool {
        matches!(self, Value::Undefined(_))
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) | Value::Markup(s) => Some(s),
            _ => None,
        }
    }

    /// Python's class name, as error messages print it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Undefined(_) => "Undefined",
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Markup(_) => "Markup",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Dict(_) => "dict",
            Value::Range(..) => "range",
            Value::View(name, _) => name,
            Value::Func(f) => match **f {
                Func::Macro(_) => "Macro",
                Func::Namespace(_) => "Namespace",
                Func::Cycler(_) => "Cycler",
                Func::Joiner(..) => "Joiner",
                Func::Loop(_) => "LoopContext",
                _ => "builtin_function_or_method",
            },
        }
    }

    /// Elements when iterating: list/tuple items, dict keys, string characters, range ints.
    /// `None` when the value is not iterable.
    pub fn iter_values(&self) -> Option<Vec<Value>> {
        Some(match self {
            Value::List(l) => l.borrow().clone(),
            Value::Tuple(t) => t.as_ref().clone(),
            Value::Dict(d) => d.borrow().keys(),
            Value::Str(s) | Value::Markup(s) => s.chars().map(|c| Value::str(c.to_string())).collect(),
            Value::Range(start, stop, step) => range_values(*start, *stop, *step),
            Value::View(_, items) => items.as_ref().clone(),
            Value::Undefined(_) => Vec::new(),
            _ => return None,
        })
    }

    pub fn len(&self) -> Option<usize> {
        Some(match self {
            Value::List(l) => l.borrow().len(),
            Value::Tuple(t) => t.len(),
            Value::Dict(d) => d.borrow().len(),
            Value::Str(s) | Value::Markup(s) => s.chars().count(),
            Value::Range(start, stop, step) => range_len(*start, *stop, *step),
            Value::View(_, items) => items.len(),
            _ => return None,
        })
    }

    /// Python truthiness (undefined is false; strict mode checks it before asking).
    pub fn truthy(&self) -> bool {
        match self {
            Value::Undefined(_) | Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) | Value::Markup(s) => !s.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !d.borrow().is_empty(),
            Value::Range(a, b, c) => range_len(*a, *b, *c) > 0,
            Value::View(_, items) => !items.is_empty(),
            Value::Func(_) => true,
        }
    }

    pub fn from_json(v: &serde_json::Value) -> Value {
        match v {
            serde_json::Value::Null => Value::None,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => Value::Int(i as i128),
                (None, Some(u)) => Value::Int(u as i128),
                _ => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            serde_json::Value::String(s) => Value::str(s.as_str()),
            serde_json::Value::Array(items) => Value::list(items.iter().map(Value::from_json).collect()),
            serde_json::Value::Object(map) => {
                let mut d = Dict::new();
                for (k, v) in map {
                    d.insert(Value::str(k.as_str()), Value::from_json(v));
                }
                Value::dict(d)
            }
        }
    }

    /// The JSON form of a typed result: tuples become arrays, undefined and callables null,
    /// non-finite floats null (JSON has no NaN), non-string keys their Python `str()`.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Value::Undefined(_) | Value::None | Value::Func(_) => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => match (i64::try_from(*i), u64::try_from(*i)) {
                (Ok(x), _) => J::from(x),
                (_, Ok(x)) => J::from(x),
                _ => J::from(*i as f64),
            },
            Value::Float(f) => serde_json::Number::from_f64(*f).map(J::Number).unwrap_or(J::Null),
            Value::Str(s) | Value::Markup(s) => J::String(s.to_string()),
            Value::List(_) | Value::Tuple(_) | Value::Range(..) | Value::View(..) => J::Array(self.iter_values().unwrap_or_default().iter().map(Value::to_json).collect()),
            Value::Dict(d) => {
                let mut map = serde_json::Map::new();
                for (k, v) in d.borrow().iter() {
                    map.insert(crate::print::to_str(k), v.to_json());
                }
                J::Object(map)
            }
        }
    }
}

pub fn range_len(start: i64, stop: i64, step: i64) -> usize {
    let (start, stop, step) = (start as i128, stop as i128, step as i128);
    let n = if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    };
    usize::try_from(n).unwrap_or(usize::MAX)
}

pub fn range_values(start: i64, stop: i64, step: i64) -> Vec<Value> {
    let n = range_len(start, stop, step);
    (0..n as i128).map(|i| Value::Int(start as i128 + i * step as i128)).collect()
}

impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        crate::ops::py_eq(self, other)
    }
}

impl Hash for Value {
    fn hash<H: Hasher>(&self, state: &mut H) {
        Key::of(self).hash(state)
    }
}
