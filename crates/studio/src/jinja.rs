//! The Jinja tester's use case: render a template on JSON data with the platform's semantics
//! and say what came out (text — and, for a template that is one `{{ expr }}`, the typed
//! value the platform would pass to a block —, or an error with kind and position). No store
//! needed.

use serde::Serialize;
use serde_json::Value;
use studio_jinja::{Config, Context, SharedVars, Template};
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
    render_in(template, &Context::from_json(data), strict)
}

fn render_in(template: &str, ctx: &Context, strict: bool) -> JinjaOutcome {
    let cfg = if strict { Config::strict() } else { Config::default() };
    let result = Template::compile(template).and_then(|compiled| compiled.render_text_and_value(ctx, &cfg));
    match result {
        Ok((output, value)) => JinjaOutcome::Rendered { ok: true, output, typed: value.is_some(), value },
        Err(e) => failed(e),
    }
}

/// [`render`] on data given as JSON text, parsed here so that the document's key order and
/// its numbers (`-0.0`, large integers) reach the template exactly as written — as the
/// platform reads them. `Err` names the line and column of invalid data.
///
/// The tester calls this on every keystroke with the same data: the last document is kept
/// parsed, and a template converts only the members it reads.
pub fn render_text(template: &str, data: &str, strict: bool) -> crate::Result<JinjaOutcome> {
    let vars = shared_vars(data)?;
    Ok(render_in(template, &Context::from_shared(&vars), strict))
}

fn shared_vars(data: &str) -> crate::Result<std::sync::Arc<SharedVars>> {
    static LAST: std::sync::Mutex<Option<(String, std::sync::Arc<SharedVars>)>> = std::sync::Mutex::new(None);
    if let Some((text, vars)) = LAST.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
        if text == data {
            return Ok(vars.clone());
        }
    }
    let doc: serde_json::Value = if data.trim().is_empty() {
        serde_json::json!({})
    } else {
        serde_json::from_str(data).map_err(|e| crate::StudioError::InvalidInput { field: "data", message: format!("invalid JSON at line {}, column {}: {e}", e.line(), e.column()) })?
    };
    if !doc.is_object() {
        return Err(crate::StudioError::InvalidInput { field: "data", message: "must be a JSON object whose keys are the template's variables".into() });
    }
    let vars = std::sync::Arc::new(SharedVars::new(doc));
    *LAST.lock().unwrap_or_else(|e| e.into_inner()) = Some((data.to_owned(), vars.clone()));
    Ok(vars)
}

/// The filters' reference the app's completion shows, as TypeScript: generated from the
/// engine's registry (`studio_jinja::filter_docs`) by the test below, committed, and checked
/// unchanged in CI like the other bindings, so the app never offers a filter the engine does
/// not have, nor misses one.
pub fn filter_reference_ts() -> String {
    let docs = serde_json::to_string_pretty(&studio_jinja::filter_docs()).expect("filter docs serialise");
    format!(
        "// Generated from the Jinja engine's filter registry (crates/jinja/src/filters.rs) by the test\n\
         // `filter_reference_binding_is_current` in crates/studio/src/jinja.rs. Do not edit.\n\n\
         export type FilterDoc = {{\n  name: string;\n  /** What follows the name, `(path, return_all=False)`, or '' when it takes nothing. */\n  signature: string;\n  doc: string;\n  source: 'platform' | 'jinja2';\n}};\n\n\
         /** Every filter the engine has: the platform's first, then Jinja2's in alphabetical order. */\n\
         export const FILTER_DOCS: readonly FilterDoc[] = {docs};\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn filter_reference_binding_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../frontend/src/ipc/bindings/JinjaFilters.ts");
        let ts = filter_reference_ts();
        assert!(ts.contains("\"name\": \"jsonpath\"") && ts.contains("\"source\": \"platform\"") && ts.contains("\"signature\": \"(old, new, count=None)\""), "{ts}");
        // Written like the ts-rs bindings; CI fails when the committed file differs.
        std::fs::write(&path, ts).expect("write the binding");
    }

    #[test]
    fn the_tester_keeps_the_last_data_parsed_and_renders_like_a_fresh_parse() {
        let data = r#"{"node": {"1": {"n": 2}, "2": {"s": "x"}}, "store": {"k": [1]}, "top": 5}"#;
        for _ in 0..2 {
            let out = render_text("{{ node.1.n + store.k[0] + top }}{{ node.2.s }}", data, false).unwrap();
            assert_eq!(out, JinjaOutcome::Rendered { ok: true, output: "8x".into(), typed: false, value: None });
        }
        let other = render_text("{{ node.1.n }}", r#"{"node": {"1": {"n": 9}}}"#, false).unwrap();
        assert_eq!(other, JinjaOutcome::Rendered { ok: true, output: "9".into(), typed: true, value: Some(json!(9)) });
        let whole = render_text("{% for k in node %}{{ k }}{% endfor %}", data, false).unwrap();
        assert_eq!(whole, JinjaOutcome::Rendered { ok: true, output: "12".into(), typed: false, value: None });
        // A method of the dict reads all of it (not a key named `get` or `keys`).
        let methods = render_text("{{ node.get('2').s }} {{ node.keys() | list }}", data, false).unwrap();
        assert_eq!(methods, JinjaOutcome::Rendered { ok: true, output: "x ['1', '2']".into(), typed: false, value: None });
    }

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
