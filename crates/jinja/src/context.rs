//! The variables of a render. A context is converted once from JSON and reused across
//! renders; entries added one by one ([`Context::set_entry`], a run adding each node's
//! results) or taken from a shared document ([`Context::from_shared`], the tester) stay JSON
//! until a template that reads them is rendered, since most templates read one or two of
//! them. Whatever the order entries are converted in, a dict keeps the order they were added
//! in, as the platform's CODE JSON does.

use crate::value::{Dict, Value};
use crate::Template;
use indexmap::{IndexMap, IndexSet};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// What a template reads of each variable: its constant keys, or `None` for all of it.
pub(crate) type Accesses = HashMap<String, Option<HashSet<String>>>;

#[derive(Default)]
pub struct Context {
    pub(crate) vars: FxHashMap<String, Value>,
    /// Entries not converted yet, per variable.
    pending: RefCell<HashMap<String, IndexMap<String, Arc<serde_json::Value>>>>,
    /// Every key added with `set_entry`, per variable, in the order first added.
    order: HashMap<String, IndexSet<String>>,
}

impl Context {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets (or replaces) a variable.
    pub fn set(&mut self, name: &str, value: &serde_json::Value) {
        self.vars.insert(name.to_owned(), Value::from_json(value));
    }

    /// Sets `name[key]` in a dict variable (created empty when missing): how a run adds one
    /// node's results to `node` without converting the others again.
    pub fn set_entry(&mut self, name: &str, key: &str, value: &serde_json::Value) {
        self.set_entry_shared(name, key, Arc::new(value.clone()));
    }

    /// [`Context::set_entry`] without copying a value the caller keeps too. A key set again
    /// keeps its place, as in a Python dict.
    pub fn set_entry_shared(&mut self, name: &str, key: &str, value: Arc<serde_json::Value>) {
        let entry = self.vars.entry(name.to_owned()).or_insert_with(|| Value::dict(Dict::new()));
        if !matches!(entry, Value::Dict(_)) {
            *entry = Value::dict(Dict::new());
        }
        if let Value::Dict(d) = entry {
            // A converted older value of the same key must not shadow the new one.
            d.borrow_mut().remove(&Value::str(key));
        }
        self.order.entry(name.to_owned()).or_default().insert(key.to_owned());
        self.pending.get_mut().entry(name.to_owned()).or_default().insert(key.to_owned(), value);
    }

    /// A context over a shared document: each object variable's members stay JSON until a
    /// template reads them (how the tester renders every keystroke against one run's data
    /// without converting it again).
    pub fn from_shared(vars: &SharedVars) -> Self {
        let mut ctx = Self::new();
        for (name, var) in &vars.entries {
            match var {
                SharedVar::Members(members) => {
                    ctx.vars.insert(name.clone(), Value::dict(Dict::new()));
                    for (k, v) in members {
                        ctx.set_entry_shared(name, k, v.clone());
                    }
                }
                SharedVar::Whole(v) => ctx.set(name, v),
            }
        }
        ctx
    }

    /// From a JSON object whose keys are the template's variables (`node`, `store`...).
    /// Anything else gives an empty context.
    pub fn from_json(data: &serde_json::Value) -> Self {
        let mut ctx = Self::new();
        if let serde_json::Value::Object(map) = data {
            for (k, v) in map {
                ctx.vars.insert(k.clone(), Value::from_json(v));
            }
        }
        ctx
    }

    /// Converts the pending entries a template may read (all of a variable's when the
    /// template uses it other than with constant keys), each put back in its place.
    pub(crate) fn materialize(&self, template: &Template) {
        let mut pending = self.pending.borrow_mut();
        if pending.is_empty() {
            return;
        }
        for (var, keys) in template.accesses.get_or_init(|| crate::ast::variable_keys(&template.body)) {
            let Some(entries) = pending.get_mut(var) else { continue };
            let Some(Value::Dict(d)) = self.vars.get(var) else { continue };
            let wanted: Vec<String> = match keys {
                Some(keys) => keys.iter().filter(|k| entries.contains_key(*k)).cloned().collect(),
                None => entries.keys().cloned().collect(),
            };
            if wanted.is_empty() {
                continue;
            }
            let mut d = d.borrow_mut();
            let order = self.order.get(var);
            let rank = |key: Option<&str>| key.and_then(|k| order.and_then(|o| o.get_index_of(k)));
            // A run reads its nodes mostly in the order it added them: the dict is sorted
            // again only when an entry lands before one already there.
            let mut out_of_order = false;
            for k in wanted {
                if let Some(json) = entries.shift_remove(&k) {
                    out_of_order |= rank(d.last_str_key()) > rank(Some(&k));
                    d.insert(Value::str(k), Value::from_json(&json));
                }
            }
            if let (true, Some(order)) = (out_of_order, order) {
                d.reorder(|key| order.get_index_of(key));
            }
        }
    }
}

/// A JSON document of variables split once into its top-level entries, an object's members
/// each shared (see [`Context::from_shared`]). `Send`, so it can be kept between renders.
pub struct SharedVars {
    entries: Vec<(String, SharedVar)>,
}

enum SharedVar {
    Members(Vec<(String, Arc<serde_json::Value>)>),
    Whole(serde_json::Value),
}

impl SharedVars {
    /// Takes the document apart (nothing is copied). Anything but an object gives no variable.
    pub fn new(doc: serde_json::Value) -> Self {
        let serde_json::Value::Object(map) = doc else { return Self { entries: Vec::new() } };
        let entries = map
            .into_iter()
            .map(|(name, v)| match v {
                serde_json::Value::Object(members) => (name, SharedVar::Members(members.into_iter().map(|(k, v)| (k, Arc::new(v))).collect())),
                other => (name, SharedVar::Whole(other)),
            })
            .collect();
        Self { entries }
    }
}
