//! Bounds on untrusted templates, error positions, and the typed-value API the engine uses.

use serde_json::json;
use std::time::{Duration, Instant};
use studio_jinja::{render, render_typed, Config, ErrorKind};

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let r = f();
    (r, start.elapsed())
}

#[test]
fn an_endless_loop_runs_out_of_fuel() {
    let template = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}";
    let (result, _took) = timed(|| render(template, &json!({}), &Config::default()));
    let err = result.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Limit);
    assert!(err.message.contains("ran out of fuel"), "{}", err.message);
}

#[test]
fn printing_gigabytes_stops_at_the_output_limit() {
    let template = "{% for a in range(100000) %}{% for b in range(100000) %}{{ 'x' * 100000 }}{% endfor %}{% endfor %}";
    let err = render(template, &json!({}), &Config::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Limit);
    assert!(err.message.contains("output would exceed"), "{}", err.message);
}

#[test]
fn huge_repetition_is_refused_before_allocating() {
    let err = render("{{ 'x' * 100000000000 }}", &json!({}), &Config::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Limit);
}

#[test]
fn endless_recursion_stops_like_python() {
    let err = render("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", &json!({}), &Config::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Other);
    assert!(err.message.contains("RecursionError"), "{}", err.message);
}

#[test]
fn a_small_fuel_budget_is_honoured() {
    let cfg = Config { fuel: 50, ..Config::default() };
    assert!(render("{% for i in range(10) %}{{ i }}{% endfor %}", &json!({}), &cfg).is_ok());
    assert_eq!(render("{% for i in range(100) %}{{ i }}{% endfor %}", &json!({}), &cfg).unwrap_err().kind, ErrorKind::Limit);
}

#[test]
fn errors_carry_line_and_column() {
    let err = render("Alert {{ node.1.title }}\n{{ 10 / node.1.count }}", &json!({"node": {"1": {"title": "t", "count": 0}}}), &Config::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::ZeroDivision);
    assert_eq!((err.line, err.column), (Some(2), Some(4)));
    assert_eq!(err.to_string(), "line 2, column 4: division by zero");

    let err = render("ok\n{{ x | nope }}", &json!({}), &Config::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::UnknownFilter);
    assert_eq!(err.line, Some(2));

    let err = render("{{ 'a' ~ }}", &json!({}), &Config::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Syntax);
    assert_eq!(err.line, Some(1));
}

#[test]
fn strict_mode_refuses_undefined_values() {
    let data = json!({"node": {"0": {}}});
    assert_eq!(render("[{{ node.0.missing }}]", &data, &Config::default()).unwrap(), "[]");
    let err = render("[{{ node.0.missing }}]", &data, &Config::strict()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Undefined);
    assert!(err.message.contains("'dict object' has no attribute 'missing'"), "{}", err.message);
}

#[test]
fn one_expression_keeps_its_json_type() {
    let data = json!({"node": {"2": {"urgency": {"current_value": 72}, "tags": ["a", "b"], "ok": true, "none": null}}});
    let cfg = Config::default();
    assert_eq!(render_typed("{{ node.2.urgency.current_value }}", &data, &cfg).unwrap(), json!(72));
    assert_eq!(render_typed("  {{ node.2.tags }} ", &data, &cfg).unwrap(), json!(["a", "b"]));
    assert_eq!(render_typed("{{ node.2.ok }}", &data, &cfg).unwrap(), json!(true));
    assert_eq!(render_typed("{{ node.2.none }}", &data, &cfg).unwrap(), json!(null));
    assert_eq!(render_typed("{{ node.2.urgency }}", &data, &cfg).unwrap(), json!({"current_value": 72}));
    assert_eq!(render_typed("{{ 80 }}", &data, &cfg).unwrap(), json!(80));
    assert_eq!(render_typed("urgency {{ node.2.urgency.current_value }}", &data, &cfg).unwrap(), json!("urgency 72"));
    assert_eq!(render_typed("{{ a }}{{ b }}", &json!({"a": 1, "b": 2}), &cfg).unwrap(), json!("12"));
}

#[test]
fn crlf_becomes_lf_and_a_final_newline_is_dropped() {
    assert_eq!(render("a\r\nb\r\n", &json!({}), &Config::default()).unwrap(), "a\nb");
}

#[test]
fn deeply_nested_expressions_render_or_fail_cleanly_without_overflowing_the_stack() {
    // As deep as the parser accepts, on a thread with a 2 MiB stack (a test thread's): the interpreter grows
    // its stack on the heap instead of overflowing.
    for depth in [50, 100, 140, 1000] {
        let template = format!("{{{{ {}1{} }}}}", "[".repeat(depth), "]".repeat(depth));
        let handle = std::thread::Builder::new().stack_size(2 << 20).spawn(move || render(&template, &json!({}), &Config::default())).unwrap();
        match handle.join().expect("no stack overflow") {
            Ok(out) => assert!(out.starts_with("[[") && out.contains('1'), "{depth}: {out}"),
            Err(e) => assert_eq!(e.kind, ErrorKind::Syntax, "{depth}: {}", e.message),
        }
    }
}
