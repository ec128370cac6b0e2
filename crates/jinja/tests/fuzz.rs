//! No panic on any template: random sequences of Jinja fragments (valid and broken) are
//! compiled and rendered; each must give text or an error, never a panic, within bounds.
//!
//! `RANDOM_JINJA=N` sets how many templates each property tries (default 3,000).

use proptest::prelude::*;
use serde_json::json;
use studio_jinja::{Config, Context, Template};

const FRAGMENTS: &[&str] = &[
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "#}",
    " if ",
    " for ",
    " in ",
    " endfor ",
    " endif ",
    " else ",
    " set ",
    " = ",
    " x ",
    " node ",
    ".0",
    ".1",
    "[0]",
    "['a']",
    "|",
    "length",
    "join",
    "upper",
    "int",
    "float",
    "round",
    "tojson",
    "jsonpath('$..a')",
    "fromjson",
    "regex_match('a+')",
    "default('d')",
    "sort",
    "unique",
    "map(attribute='a')",
    "selectattr('a')",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "+",
    "-",
    "*",
    "/",
    "//",
    "%",
    "**",
    "~",
    "==",
    "<",
    "not ",
    " and ",
    " or ",
    "'s'",
    "\"q\"",
    "1",
    "2.5",
    "-3",
    "None",
    "True",
    "range(",
    "namespace(",
    "loop.index",
    " is defined",
    " is number",
    "text",
    "\n",
    "\r\n",
    " ",
    "é",
    "\\",
    " macro m(a) ",
    " endmacro ",
    "m(",
    " raw ",
    " endraw ",
    "caller()",
    "store.k",
    ".items()",
    ".split(',')",
    "'%s' % ",
];

fn cases() -> u32 {
    std::env::var("RANDOM_JINJA").ok().and_then(|v| v.parse().ok()).unwrap_or(3_000)
}

fn data() -> serde_json::Value {
    json!({"x": [1, 2, {"a": "b"}], "node": {"0": {"a": [1, "two", null], "b": {"c": 1.5}}, "1": "text"}, "store": {"k": [3, 1]}, "text": "Hello"})
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn random_templates_never_panic(parts in proptest::collection::vec(0..FRAGMENTS.len(), 0..24)) {
        let source: String = parts.iter().map(|i| FRAGMENTS[*i]).collect();
        let ctx = Context::from_json(&data());
        let cfg = Config { fuel: 20_000, max_output: 1 << 16, ..Config::default() };
        if let Ok(t) = Template::compile(&source) {
            let _ = t.render(&ctx, &cfg);
            let _ = t.render_typed(&ctx, &Config::strict());
        }
    }

    #[test]
    fn arbitrary_text_never_panics(source in ".{0,64}") {
        if let Ok(t) = Template::compile(&source) {
            let _ = t.render(&Context::from_json(&data()), &Config::default());
        }
    }
}
