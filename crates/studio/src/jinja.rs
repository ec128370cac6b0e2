//! The Jinja tester's use case: render a template on JSON data with the platform's semantics
//! and say what came out (text — and, for a template that is one `{{ expr }}`, the typed
//! value the platform would pass to a block —, or an error with kind and position). No store
//! needed.

use serde::Serialize;
use serde_json::Value;
use studio_jinja::{Config, Context, Template};
use ts_rs::TS;

/// What the tester shows: the output, or the error.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(untagged)]
#[ts(export)]
pub enum JinjaOutcome {
    Rendered {
        #[ts(type = "true")]
        ok: bool,
        /// Exactly what Jinja2 renders.
        output: String,
        /// `true` when the template is one `{{ expr }}`: `value` is then the expression's value.
        typed: bool,
        #[ts(type = "any")]
        value: Option<Value>,
    },
    Failed {
        #[ts(type = "false")]
        ok: bool,
        error: JinjaErrorView,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct JinjaErrorView {
    pub kind: String,
    #[ts(type = "number | null")]
    pub line: Option<usize>,
    #[ts(type = "number | null")]
    pub column: Option<usize>,
    pub message: String,
}

fn failed(e: studio_jinja::Error) -> JinjaOutcome {
    JinjaOutcome::Failed { ok: false, error: JinjaErrorView { kind: e.kind.as_str().to_owned(), line: e.line, column: e.column, message: e.message } }
}

/// Renders `template` with `data` (a JSON object whose keys are the variables).
pub fn render(template: &str, data: &Value, strict: bool) -> JinjaOutcome {
    let cfg = if strict { Config::strict() } else { Config::default() };
    let compiled = match Template::compile(template) {
        Ok(t) => t,
        Err(e) => return failed(e),
    };
    let ctx = Context::from_json(data);
    let output = match compiled.render(&ctx, &cfg) {
        Ok(output) => output,
        Err(e) => return failed(e),
    };
    if !compiled.is_single_expression() {
        return JinjaOutcome::Rendered { ok: true, output, typed: false, value: None };
    }
    match compiled.render_typed(&ctx, &cfg) {
        Ok(value) => JinjaOutcome::Rendered { ok: true, output, typed: true, value: Some(value) },
        Err(e) => failed(e),
    }
}

/// [`render`] on data given as JSON text, parsed here so that the document's key order and
/// its numbers (`-0.0`, large integers) reach the template exactly as written — as the
/// platform reads them. `Err` names the line and column of invalid data.
pub fn render_text(template: &str, data: &str, strict: bool) -> crate::Result<JinjaOutcome> {
    let data: serde_json::Value = if data.trim().is_empty() {
        serde_json::json!({})
    } else {
        serde_json::from_str(data).map_err(|e| crate::StudioError::InvalidInput { field: "data", message: format!("invalid JSON at line {}, column {}: {e}", e.line(), e.column()) })?
    };
    if !data.is_object() {
        return Err(crate::StudioError::InvalidInput { field: "data", message: "must be a JSON object whose keys are the template's variables".into() });
    }
    Ok(render(template, &data, strict))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_single_expression_gives_its_text_and_its_typed_value() {
        let data = json!({"node": {"0": {"count": 3, "tags": ["a", "b"]}}});
        assert_eq!(render("{{ node.0.count }}", &data, false), JinjaOutcome::Rendered { ok: true, output: "3".into(), typed: true, value: Some(json!(3)) });
        assert_eq!(render("{{ node.0.tags }}", &data, false), JinjaOutcome::Rendered { ok: true, output: "['a', 'b']".into(), typed: true, value: Some(json!(["a", "b"])) });
        assert_eq!(render("n={{ node.0.count }}", &data, false), JinjaOutcome::Rendered { ok: true, output: "n=3".into(), typed: false, value: None });
    }

    #[test]
    fn data_given_as_text_keeps_its_key_order_and_its_numbers() {
        let out = render_text("{% for k in d %}{{ k }} {% endfor %}{{ z }}", r#"{"d": {"zeta": 1, "10": 2, "2": 3}, "z": -0.0}"#, false).unwrap();
        assert_eq!(out, JinjaOutcome::Rendered { ok: true, output: "zeta 10 2 -0.0".into(), typed: false, value: None });
        let err = render_text("{{ x }}", "{\n  \"x\": }", false).unwrap_err();
        assert!(err.to_string().contains("line 2, column"), "{err}");
        assert!(render_text("{{ x }}", "[1]", false).is_err());
        assert!(matches!(render_text("{{ 1 }}", "", false), Ok(JinjaOutcome::Rendered { .. })));
    }

    #[test]
    fn errors_carry_their_position_and_a_runaway_loop_is_stopped() {
        let JinjaOutcome::Failed { error, .. } = render("{{ x |  }}", &json!({}), false) else { panic!("a syntax error") };
        assert_eq!((error.line, error.kind.as_str()), (Some(1), "syntax"));
        let JinjaOutcome::Failed { error, .. } = render("{% for i in range(10**9) %}{{ i }}{% endfor %}", &json!({}), false) else { panic!("stopped") };
        assert!(!error.message.is_empty());
        let JinjaOutcome::Failed { error, .. } = render("{{ missing.x }}", &json!({}), true) else { panic!("strict") };
        assert!(error.message.contains("missing"), "{}", error.message);
    }
}
