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
mod context;
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
mod methods_coll;
mod methods_str;
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

pub use context::{Context, SharedVars};
pub use error::{Error, ErrorKind, Result};
pub use filters::{filter_docs, Filter, FilterDoc, Origin, FILTERS};
pub use tests::{Test, TESTS};

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
    pub(crate) body: Vec<ast::Stmt>,
    /// What the template reads of each variable (see [`Context`]), worked out the first time a
    /// context with entries still in JSON renders it.
    pub(crate) accesses: std::cell::OnceCell<context::Accesses>,
    /// Comments make a template text even around a single expression (as the platform's
    /// detection of typed values works on the template's tokens).
    has_comment: bool,
    /// The template's own text outside tags: what the output holds at least (its buffer is
    /// sized for it once).
    text_len: usize,
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
        let text_len = body.iter().map(|s| if let ast::Stmt::Raw(r) = s { r.len() } else { 8 }).sum();
        Ok(Template { body, accesses: Default::default(), has_comment: source.contains("{#"), text_len })
    }

    /// Renders to text, exactly as Jinja2 would.
    pub fn render(&self, ctx: &Context, cfg: &Config) -> Result<String> {
        ctx.materialize(self);
        let mut it = interp::Interp::new(cfg, &ctx.vars);
        let mut out = String::with_capacity(self.text_len);
        it.run(&self.body, &mut out)?;
        Ok(out)
    }

    /// When the template is exactly one `{{ expression }}` (whitespace around allowed), the
    /// expression's value as JSON (an int stays an int, a list a list); otherwise the
    /// rendered text as a JSON string.
    pub fn render_typed(&self, ctx: &Context, cfg: &Config) -> Result<serde_json::Value> {
        match self.single_expression() {
            Some(expr) => Ok(self.eval_single(expr, ctx, cfg)?.to_json()),
            None => self.render(ctx, cfg).map(serde_json::Value::String),
        }
    }

    /// The value of the template's one `{{ expression }}`; strict mode refuses undefined.
    fn eval_single(&self, expr: &ast::Expr, ctx: &Context, cfg: &Config) -> Result<value::Value> {
        ctx.materialize(self);
        let v = interp::Interp::new(cfg, &ctx.vars).eval(expr)?;
        if let (true, value::Value::Undefined(msg)) = (cfg.strict, &v) {
            return Err(Error::undefined(msg).at(expr.pos.line as usize, expr.pos.col as usize));
        }
        Ok(v)
    }

    /// The rendered text and, when the template is one `{{ expression }}`, its typed value:
    /// what [`Template::render`] and [`Template::render_typed`] give, evaluating once.
    pub fn render_text_and_value(&self, ctx: &Context, cfg: &Config) -> Result<(String, Option<serde_json::Value>)> {
        let Some(expr) = self.single_expression() else { return Ok((self.render(ctx, cfg)?, None)) };
        let v = self.eval_single(expr, ctx, cfg)?;
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
