//! The Jinja tester's use case: render a template on JSON data with the platform's semantics
//! and say what came out (text, or an error with kind and position). No store needed.

use serde::Serialize;
use studio_jinja::{Config, Context, Template};

/// What the tester shows: the output, or the error.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum JinjaOutcome {
    Rendered { ok: bool, output: String },
    Failed { ok: bool, error: JinjaErrorView },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JinjaErrorView {
    pub kind: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

/// Renders `template` with `data` (a JSON object whose keys are the variables).
pub fn render(template: &str, data: &serde_json::Value, strict: bool) -> JinjaOutcome {
    let cfg = if strict { Config::strict() } else { Config::default() };
    match Template::compile(template).and_then(|t| t.render(&Context::from_json(data), &cfg)) {
        Ok(output) => JinjaOutcome::Rendered { ok: true, output },
        Err(e) => JinjaOutcome::Failed {
            ok: false,
            error: JinjaErrorView { kind: e.kind.as_str().to_owned(), line: e.line, column: e.column, message: e.message },
        },
    }
}
