//! A context whose entries stay JSON until a template reads them (how a run adds each node's
//! results): a template gets every entry it can reach, whatever way it reads them.

use serde_json::json;
use studio_jinja::{Config, Context, SharedVars, Template};

fn render(template: &str, ctx: &Context) -> String {
    Template::compile(template).unwrap().render(ctx, &Config::default()).unwrap()
}

#[test]
fn entries_added_one_by_one_are_all_there_for_methods_loops_and_keys() {
    let mut ctx = Context::new();
    ctx.set_entry("node", "0", &json!({"id": "a"}));
    ctx.set_entry("node", "1", &json!({"id": "b"}));
    assert_eq!(render("{{ node.1.id }}", &ctx), "b");
    assert_eq!(render("{{ node.get('0').id }}", &ctx), "a");
    assert_eq!(render("{{ node.keys() | list }}", &ctx), "['0', '1']");
    assert_eq!(render("{% for k, v in node.items() %}{{ k }}={{ v.id }};{% endfor %}", &ctx), "0=a;1=b;");
}

#[test]
fn a_shared_document_renders_as_the_same_document_converted_whole() {
    let doc = json!({"node": {"0": {"id": "a"}, "10": {"id": "c"}}, "store": {"count": 2}, "flag": true});
    let shared = Context::from_shared(&SharedVars::new(doc.clone()));
    let whole = Context::from_json(&doc);
    for template in ["{{ node.10.id }}", "{{ node.values() | map(attribute='id') | join }}", "{{ store.count }} {{ flag }}", "{{ node | length }}", "{{ node['0'] }}"] {
        assert_eq!(render(template, &shared), render(template, &whole), "{template}");
    }
}
