//! The platform's Jinja: what Python Jinja2 (the platform's renderer) would print for a
//! template, computed in Rust.
//!
//! minijinja parses the template (its `unstable_machinery` parser, pinned); everything after
//! that is ours: the tree is lowered (`ast`), then interpreted (`interp`) with Python's
//! values and operators (`value`, `ops`, `print`), Jinja2's filters and tests, Python's
//! string/dict/list methods, and the platform's filters and context rules (`platform`:
//! `node.0` on string keys, `jsonpath`, time filters). Untrusted templates are bounded by
//! fuel, an output limit and a recursion limit.
//!
//! Not here: any IO, and the playbook context's construction (the engine builds `node` and
//! `store` from a run).

mod ast;
mod error;
mod filters;
mod filters_num;
mod filters_seq;
mod filters_str;
mod filters_text;
mod globals;
mod interp;
mod jsonpath;
pub mod lint;
mod methods;
mod ops;
mod platform;
mod pprint;
mod print;
mod pyfmt;
mod pyjson;
mod strformat;
mod tests;
mod tojson;
mod value;

pub use error::{Error, ErrorKind, Result};
pub use filters::{filter_docs, Filter, FilterDoc, Origin, FILTERS};
pub use tests::{Test, TESTS};

use std::collections::HashMap;

/// Largest collection a template may build by repetition (`[0] * n`, `'x' * n`).
pub(crate) const MAX_COLLECTION_ITEMS: usize = 10_000_000;

/// How a render is bounded and how it treats undefined values.
#[derive(Debug, Clone)]
pub struct Config {
    /// Jinja2's `StrictUndefined`: printing or testing an undefined value is an error.
    pub strict: bool,
    /// Steps (statements, expressions, loop iterations) a render may take.
    pub fuel: u64,
    /// Bytes a render may print.
    pub max_output: usize,
    /// Nested macro calls and recursive loops.
    pub max_depth: usize,
    /// Jinja2's `ChainableUndefined`: a member of an undefined value is undefined too
    /// (instead of an error). Used to render mocked runs, whose generated results may lack
    /// what a playbook reads; never for what the platform would render.
    pub chainable: bool,
}

impl Default for Config {
    /// Lenient undefined (Jinja2's default), 2 million steps (well under a second), 8 MiB of
    /// output, 100 nested calls.
    fn default() -> Self {
        Self { strict: false, fuel: 2_000_000, max_output: 8 << 20, max_depth: 100, chainable: false }
    }
}

impl Config {
    pub fn strict() -> Self {
        Self { strict: true, ..Self::default() }
    }
}

/// A compiled template: parse once, render many times.
#[derive(Debug)]
pub struct Template {
    body: Vec<ast::Stmt>,
    /// What the template reads of each variable (see [`Context`]), worked out the first time a
    /// context with entries still in JSON renders it.
    accesses: std::cell::OnceCell<Accesses>,
    /// Comments make a template text even around a single expression (as the platform's
    /// detection of typed values works on the template's tokens).
    has_comment: bool,
}

type Accesses = HashMap<String, Option<std::collections::HashSet<String>>>;

/// Variables of a render, converted once from JSON (reusable across renders). Entries added
/// with [`Context::set_entry`] stay JSON until a template that reads them is rendered: a run
/// adds every node's results, and most templates read one or two of them.
#[derive(Default)]
pub struct Context {
    vars: rustc_hash::FxHashMap<String, value::Value>,
    pending: std::cell::RefCell<HashMap<String, indexmap::IndexMap<String, std::sync::Arc<serde_json::Value>>>>,
}

impl Context {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets (or replaces) a variable.
    pub fn set(&mut self, name: &str, value: &serde_json::Value) {
        self.vars.insert(name.to_owned(), value::Value::from_json(value));
    }

    /// Sets `name[key]` in a dict variable (created empty when missing): how a run adds one
    /// node's results to `node` without converting the others again.
    pub fn set_entry(&mut self, name: &str, key: &str, value: &serde_json::Value) {
        self.set_entry_shared(name, key, std::sync::Arc::new(value.clone()));
    }

    /// [`Context::set_entry`] without copying a value the caller keeps too.
    pub fn set_entry_shared(&mut self, name: &str, key: &str, value: std::sync::Arc<serde_json::Value>) {
        let entry = self.vars.entry(name.to_owned()).or_insert_with(|| value::Value::dict(value::Dict::new()));
        if !matches!(entry, value::Value::Dict(_)) {
            *entry = value::Value::dict(value::Dict::new());
        }
        if let value::Value::Dict(d) = entry {
            // A converted older value of the same key must not shadow the new one.
            d.borrow_mut().remove(&value::Value::str(key));
        }
        self.pending.get_mut().entry(name.to_owned()).or_default().insert(key.to_owned(), value);
    }

    /// Converts the pending entries a template may read (all of a variable's when the
    /// template uses it other than with constant keys).
    fn materialize(&self, template: &Template) {
        let mut pending = self.pending.borrow_mut();
        if pending.is_empty() {
            return;
        }
        for (var, keys) in template.accesses.get_or_init(|| ast::variable_keys(&template.body)) {
            let Some(entries) = pending.get_mut(var) else { continue };
            let Some(value::Value::Dict(d)) = self.vars.get(var) else { continue };
            let wanted: Vec<String> = match keys {
                Some(keys) => keys.iter().filter(|k| entries.contains_key(*k)).cloned().collect(),
                None => entries.keys().cloned().collect(),
            };
            for k in wanted {
                if let Some(json) = entries.shift_remove(&k) {
                    d.borrow_mut().insert(value::Value::str(k), value::Value::from_json(&json));
                }
            }
        }
    }

    /// A context over a shared document: each object variable's members stay JSON until a
    /// template reads them (how the tester renders every keystroke against one run's data
    /// without converting it again).
    pub fn from_shared(vars: &SharedVars) -> Self {
        let mut ctx = Self::new();
        for (name, var) in &vars.entries {
            match var {
                SharedVar::Members(members) => {
                    ctx.vars.insert(name.clone(), value::Value::dict(value::Dict::new()));
                    ctx.pending.get_mut().insert(name.clone(), members.iter().map(|(k, v)| (k.clone(), v.clone())).collect());
                }
                SharedVar::Whole(v) => ctx.set(name, v),
            }
        }
        ctx
    }

    /// From a JSON object whose keys are the template's variables (`node`, `store`...).
    /// Anything else gives an empty context.
    pub fn from_json(data: &serde_json::Value) -> Self {
        let mut vars = rustc_hash::FxHashMap::default();
        if let serde_json::Value::Object(map) = data {
            for (k, v) in map {
                vars.insert(k.clone(), value::Value::from_json(v));
            }
        }
        Self { vars, pending: Default::default() }
    }
}

/// A JSON document of variables split once into its top-level entries, an object's members
/// each shared (see [`Context::from_shared`]). `Send`, so it can be kept between renders.
pub struct SharedVars {
    entries: Vec<(String, SharedVar)>,
}

enum SharedVar {
    Members(Vec<(String, std::sync::Arc<serde_json::Value>)>),
    Whole(serde_json::Value),
}

impl SharedVars {
    /// Takes the document apart (nothing is copied). Anything but an object gives no variable.
    pub fn new(doc: serde_json::Value) -> Self {
        let serde_json::Value::Object(map) = doc else { return Self { entries: Vec::new() } };
        let entries = map
            .into_iter()
            .map(|(name, v)| match v {
                serde_json::Value::Object(members) => (name, SharedVar::Members(members.into_iter().map(|(k, v)| (k, std::sync::Arc::new(v))).collect())),
                other => (name, SharedVar::Whole(other)),
            })
            .collect();
        Self { entries }
    }
}

fn syntax_config() -> minijinja::syntax::SyntaxConfig {
    minijinja::syntax::SyntaxConfig::default()
}

impl Template {
    /// Parses a template. Syntax errors, unknown filters and unknown tests are reported here,
    /// as Jinja2 reports them when compiling.
    pub fn compile(source: &str) -> Result<Template> {
        // Jinja2 reads `\r\n` and `\r` as `\n`.
        let normalized;
        let source = if source.contains('\r') {
            normalized = source.replace("\r\n", "\n").replace('\r', "\n");
            normalized.as_str()
        } else {
            source
        };
        let without_plus = strip_unary_plus(source);
        let source = without_plus.as_ref();
        let parsed = minijinja::machinery::parse(source, "<template>", syntax_config()).map_err(|e| syntax_error(&e, source))?;
        let lowering = ast::Lowering::default();
        let body = match lowering.stmt(&parsed)? {
            ast::Stmt::Scope(body) => body,
            other => vec![other],
        };
        Ok(Template { body, accesses: Default::default(), has_comment: source.contains("{#") })
    }

    /// Renders to text, exactly as Jinja2 would.
    pub fn render(&self, ctx: &Context, cfg: &Config) -> Result<String> {
        ctx.materialize(self);
        let mut it = interp::Interp::new(cfg, &ctx.vars);
        let mut out = String::new();
        it.run(&self.body, &mut out)?;
        Ok(out)
    }

    /// When the template is exactly one `{{ expression }}` (whitespace around allowed), the
    /// expression's value as JSON (an int stays an int, a list a list); otherwise the
    /// rendered text as a JSON string.
    pub fn render_typed(&self, ctx: &Context, cfg: &Config) -> Result<serde_json::Value> {
        match self.single_expression() {
            Some(expr) => {
                ctx.materialize(self);
                let mut it = interp::Interp::new(cfg, &ctx.vars);
                let v = it.eval(expr)?;
                if let (true, value::Value::Undefined(msg)) = (cfg.strict, &v) {
                    return Err(Error::undefined(msg).at(expr.pos.line as usize, expr.pos.col as usize));
                }
                Ok(v.to_json())
            }
            None => self.render(ctx, cfg).map(serde_json::Value::String),
        }
    }

    /// The rendered text and, when the template is one `{{ expression }}`, its typed value:
    /// what [`Template::render`] and [`Template::render_typed`] give, evaluating once.
    pub fn render_text_and_value(&self, ctx: &Context, cfg: &Config) -> Result<(String, Option<serde_json::Value>)> {
        let Some(expr) = self.single_expression() else { return Ok((self.render(ctx, cfg)?, None)) };
        ctx.materialize(self);
        let mut it = interp::Interp::new(cfg, &ctx.vars);
        let v = it.eval(expr)?;
        if let (true, value::Value::Undefined(msg)) = (cfg.strict, &v) {
            return Err(Error::undefined(msg).at(expr.pos.line as usize, expr.pos.col as usize));
        }
        // The text around the expression is only whitespace, printed as it is.
        let mut out = String::new();
        let mut emitted = false;
        for stmt in &self.body {
            match stmt {
                ast::Stmt::Raw(s) => out.push_str(s),
                _ if !emitted => {
                    print::write_str(&v, &mut out);
                    emitted = true;
                }
                _ => {}
            }
        }
        if out.len() > cfg.max_output {
            return Err(Error::new(ErrorKind::Limit, format!("the output would exceed {} bytes", cfg.max_output)));
        }
        Ok((out, Some(v.to_json())))
    }

    fn single_expression(&self) -> Option<&ast::Expr> {
        if self.has_comment {
            return None;
        }
        let mut found = None;
        for stmt in &self.body {
            match stmt {
                ast::Stmt::Raw(s) if s.trim().is_empty() => {}
                ast::Stmt::Emit(e) if found.is_none() => found = Some(e),
                _ => return None,
            }
        }
        found
    }

    pub fn is_single_expression(&self) -> bool {
        self.single_expression().is_some()
    }
}

/// Compiles and renders in one go.
pub fn render(source: &str, data: &serde_json::Value, cfg: &Config) -> Result<String> {
    Template::compile(source)?.render(&Context::from_json(data), cfg)
}

/// Compiles and renders with typed output (see [`Template::render_typed`]).
pub fn render_typed(source: &str, data: &serde_json::Value, cfg: &Config) -> Result<serde_json::Value> {
    Template::compile(source)?.render_typed(&Context::from_json(data), cfg)
}

/// Jinja2 accepts a unary `+` (`{{ +x }}`), minijinja's parser does not: each `+` in a
/// unary position becomes a space (positions stay the same).
fn strip_unary_plus(source: &str) -> std::borrow::Cow<'_, str> {
    use minijinja::machinery::Token as T;
    if !source.contains('+') {
        return source.into();
    }
    let mut blanks = Vec::new();
    let mut prev_allows_unary = false;
    for item in minijinja::machinery::tokenize(source, false, syntax_config()) {
        let Ok((token, span)) = item else { break };
        if matches!(token, T::Plus) && prev_allows_unary {
            blanks.push(span.start_offset as usize);
            continue;
        }
        prev_allows_unary = match token {
            T::VariableStart
            | T::BlockStart
            | T::Plus
            | T::Minus
            | T::Mul
            | T::Div
            | T::FloorDiv
            | T::Pow
            | T::Mod
            | T::Comma
            | T::Colon
            | T::Tilde
            | T::Assign
            | T::Eq
            | T::Ne
            | T::Gt
            | T::Gte
            | T::Lt
            | T::Lte
            | T::ParenOpen
            | T::BracketOpen
            | T::BraceOpen => true,
            T::Ident(word) => matches!(word, "and" | "or" | "not" | "in" | "if" | "else" | "is"),
            _ => false,
        };
    }
    if blanks.is_empty() {
        return source.into();
    }
    let mut bytes = source.as_bytes().to_vec();
    for b in blanks {
        bytes[b] = b' ';
    }
    String::from_utf8(bytes).expect("only an ASCII byte was replaced").into()
}

fn syntax_error(e: &minijinja::Error, source: &str) -> Error {
    let message = e.detail().map(str::to_owned).unwrap_or_else(|| e.kind().to_string());
    let mut err = Error::new(ErrorKind::Syntax, message);
    if let Some(range) = e.range() {
        let before = &source[..range.start.min(source.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
        err = err.at(line, column);
    } else if let Some(line) = e.line() {
        err = err.at(line, 1);
    }
    err
}

/// Python's `str()` of a JSON value (`True`, `None`, `['a', 1]`, `8.0`): what the platform
/// makes of a value it reads as text (a condition case with `value_type: string`).
pub fn python_str(v: &serde_json::Value) -> String {
    print::to_str(&value::Value::from_json(v))
}
