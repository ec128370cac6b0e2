//! One test per node kind of minijinja's parser output (`unstable_machinery`, pinned
//! `=3.1.0`, whose AST has no semver guarantee): each compiles a template holding that node
//! and checks the tree it is lowered into, printed compactly by `shape`. When an upgrade of
//! minijinja renames, splits or reshapes a node, the test named after it fails, and nothing
//! else has to be searched. (Tried 2026-12-07: 3.1.0 is the newest release, so nothing broke.)

use super::{Arg, Expr, ExprKind, Lowering, Stmt, Target};
use crate::value::Value;

fn lower(source: &str) -> Vec<Stmt> {
    let parsed = minijinja::machinery::parse(source, "<t>", Default::default()).expect("parses");
    match Lowering::default().stmt(&parsed).expect("lowers") {
        Stmt::Scope(body) => body,
        other => vec![other],
    }
}

fn shape(source: &str) -> String {
    stmts(&lower(source))
}

fn stmts(body: &[Stmt]) -> String {
    body.iter().map(stmt).collect::<Vec<_>>().join(" ")
}

fn stmt(s: &Stmt) -> String {
    match s {
        Stmt::Emit(e) => format!("emit({})", expr(e)),
        Stmt::Raw(r) => format!("raw({r:?})"),
        Stmt::For(f) => {
            let filter = f.filter.as_ref().map(|e| format!(" if {}", expr(e))).unwrap_or_default();
            format!("for({} in {}{filter}{}: {} else: {})", target(&f.target), expr(&f.iter), if f.recursive { " recursive" } else { "" }, stmts(&f.body), stmts(&f.else_body))
        }
        Stmt::If(c, a, b) => format!("if({}: {} else: {})", expr(c), stmts(a), stmts(b)),
        Stmt::With(assigns, body) => format!("with({}: {})", assigns.iter().map(|(t, e)| format!("{}={}", target(t), expr(e))).collect::<Vec<_>>().join(", "), stmts(body)),
        Stmt::Set(t, e) => format!("set({}={})", target(t), expr(e)),
        Stmt::SetBlock(t, f, body) => format!("setblock({}{}: {})", target(t), f.as_ref().map(|f| format!(" | {}", expr(f))).unwrap_or_default(), stmts(body)),
        Stmt::Scope(body) => format!("scope({})", stmts(body)),
        Stmt::FilterBlock(f, body) => format!("filterblock({}: {})", expr(f), stmts(body)),
        Stmt::Macro(m) => format!("macro({}({}): {})", m.name, m.args.join(", "), stmts(&m.body)),
        Stmt::CallBlock(c, m) => format!("callblock({}: {})", expr(c), stmts(&m.body)),
        Stmt::Fail(e) => format!("fail({})", e.kind.as_str()),
    }
}

fn target(t: &Target) -> String {
    match t {
        Target::Name(n) => n.to_string(),
        Target::Tuple(items) => format!("({})", items.iter().map(target).collect::<Vec<_>>().join(", ")),
        Target::Attr(e, name) => format!("{}.{name}", expr(e)),
    }
}

fn args(a: &[Arg]) -> String {
    a.iter()
        .map(|a| match a {
            Arg::Pos(e) => expr(e),
            Arg::Kw(k, e) => format!("{k}={}", expr(e)),
            Arg::PosSplat(e) => format!("*{}", expr(e)),
            Arg::KwSplat(e) => format!("**{}", expr(e)),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn list(items: &[Expr]) -> String {
    items.iter().map(expr).collect::<Vec<_>>().join(", ")
}

fn expr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Var(n) => n.to_string(),
        ExprKind::Const(v) => crate::print::repr(v),
        ExprKind::Slice(o, a, b, c) => {
            let part = |x: &Option<Box<Expr>>| x.as_ref().map(|x| expr(x)).unwrap_or_default();
            format!("{}[{}:{}:{}]", expr(o), part(a), part(b), part(c))
        }
        ExprKind::Not(a) => format!("not {}", expr(a)),
        ExprKind::Neg(a) => format!("-{}", expr(a)),
        ExprKind::Bin(op, a, b) => format!("({} {op:?} {})", expr(a), expr(b)),
        ExprKind::Compare(a, rest) => format!("({}{})", expr(a), rest.iter().map(|(op, e)| format!(" {op} {}", expr(e))).collect::<String>()),
        ExprKind::IfExpr(t, a, b) => format!("({} if {} else {})", expr(a), expr(t), b.as_ref().map(|b| expr(b)).unwrap_or_else(|| "-".into())),
        ExprKind::Filter(f, v, a) => format!("{}|{}{}({})", v.as_ref().map(|v| expr(v)).unwrap_or_default(), f.name, if f.def.is_some() { "" } else { "?" }, args(a)),
        ExprKind::Test(t, v, a) => format!("{} is {}({})", expr(v), t.name, args(a)),
        ExprKind::GetAttr(o, a) => format!("{}.{}{}", expr(o), a.name, if a.method { "()?" } else { "" }),
        ExprKind::GetItem(o, k) => format!("{}[{}]", expr(o), expr(k)),
        ExprKind::Call(f, a) => format!("{}({})", expr(f), args(a)),
        ExprKind::List(items) => format!("[{}]", list(items)),
        ExprKind::Tuple(items) => format!("tuple({})", list(items)),
        ExprKind::Dict(pairs) => format!("{{{}}}", pairs.iter().map(|(k, v)| format!("{}: {}", expr(k), expr(v))).collect::<Vec<_>>().join(", ")),
    }
}

// ------------------------------------------------------------------ statements

#[test]
fn template_is_a_scope_of_its_children() {
    assert_eq!(shape("a{{ b }}"), "raw(\"a\") emit(b)");
}

#[test]
fn emit_expr() {
    assert_eq!(shape("{{ x }}"), "emit(x)");
}

#[test]
fn emit_raw() {
    assert_eq!(shape("plain text"), "raw(\"plain text\")");
}

#[test]
fn for_loop_with_filter_recursive_and_else() {
    assert_eq!(shape("{% for k, v in d if v recursive %}{{ k }}{% else %}none{% endfor %}"), "for((k, v) in d if v recursive: emit(k) else: raw(\"none\"))");
}

#[test]
fn if_cond_with_elif() {
    assert_eq!(shape("{% if a %}1{% elif b %}2{% else %}3{% endif %}"), "if(a: raw(\"1\") else: if(b: raw(\"2\") else: raw(\"3\")))");
}

#[test]
fn with_block() {
    assert_eq!(shape("{% with a = 1, b = x %}{{ a }}{% endwith %}"), "with(a=1, b=x: emit(a))");
}

#[test]
fn set_name_tuple_and_namespace_attribute() {
    assert_eq!(shape("{% set a = 1 %}{% set b, c = t %}{% set ns.n = 2 %}"), "set(a=1) set((b, c)=t) set(ns.n=2)");
}

#[test]
fn set_block_with_filter() {
    assert_eq!(shape("{% set s | upper %}hi{% endset %}"), "setblock(s | |upper(): raw(\"hi\"))");
}

#[test]
fn autoescape_keeps_only_its_body() {
    assert_eq!(shape("{% autoescape true %}{{ x }}{% endautoescape %}"), "scope(emit(x))");
}

#[test]
fn filter_block() {
    assert_eq!(shape("{% filter upper %}hi{% endfilter %}"), "filterblock(|upper(): raw(\"hi\"))");
}

#[test]
fn block_is_a_scope() {
    assert_eq!(shape("{% block b %}x{% endblock %}"), "scope(raw(\"x\"))");
}

#[test]
fn extends_include_import_from_import_fail_when_reached() {
    assert_eq!(shape("{% extends 'a' %}"), "fail(type)");
    assert_eq!(shape("{% include 'a' %}"), "fail(type)");
    assert_eq!(shape("{% import 'a' as m %}"), "fail(type)");
    assert_eq!(shape("{% from 'a' import b %}"), "fail(type)");
}

#[test]
fn macro_definition() {
    assert_eq!(shape("{% macro m(a, b=1) %}{{ a }}{% endmacro %}"), "macro(m(a, b): emit(a))");
}

#[test]
fn call_block() {
    assert_eq!(shape("{% call m(1) %}in{% endcall %}"), "callblock(m(1): raw(\"in\"))");
}

#[test]
fn do_is_refused_as_in_stock_jinja2() {
    // With the features we build minijinja with, its parser refuses `do` itself; the lowering
    // refuses the node too, should a feature ever let it through.
    assert!(minijinja::machinery::parse("{% do x %}", "<t>", Default::default()).is_err());
    assert_eq!(crate::Template::compile("{% do x %}").expect_err("refused").kind.as_str(), "syntax");
}

// ----------------------------------------------------------------- expressions

#[test]
fn var_and_const() {
    assert_eq!(shape("{{ x }}{{ 'a' }}{{ 1.5 }}{{ none }}{{ true }}"), "emit(x) emit('a') emit(1.5) emit(None) emit(True)");
}

#[test]
fn slice() {
    assert_eq!(shape("{{ s[1:] }}{{ s[::2] }}"), "emit(s[1::]) emit(s[::2])");
}

#[test]
fn unary_ops() {
    assert_eq!(shape("{{ not a }}{{ -b }}"), "emit(not a) emit(-b)");
}

#[test]
fn binary_ops() {
    assert_eq!(shape("{{ a + b * c }}{{ a ~ b }}{{ a and b }}{{ a // b }}{{ a ** b }}"), "emit((a Add (b Mul c))) emit((a Concat b)) emit((a And b)) emit((a FloorDiv b)) emit((a Pow b))");
}

#[test]
fn compare_chain_and_membership() {
    assert_eq!(shape("{{ 1 < x <= 3 }}{{ a in b }}{{ a not in b }}"), "emit((1 < x <= 3)) emit((a in b)) emit(not (a in b))");
}

#[test]
fn if_expr() {
    assert_eq!(shape("{{ a if c else b }}{{ a if c }}"), "emit((a if c else b)) emit((a if c else -))");
}

#[test]
fn filter_known_and_unknown_inside_if() {
    assert_eq!(shape("{{ x | join(', ') }}"), "emit(x|join(', '))");
    assert_eq!(shape("{% if f %}{{ x | nosuch }}{% endif %}"), "if(f: emit(x|nosuch?()) else: )");
}

#[test]
fn test_expr() {
    assert_eq!(shape("{{ x is divisibleby(3) }}{{ x is not none }}"), "emit(x is divisibleby(3)) emit(not x is none())");
}

#[test]
fn get_attr_knows_method_names() {
    assert_eq!(shape("{{ node.alert.items }}"), "emit(node.alert.items()?)");
}

#[test]
fn get_item() {
    assert_eq!(shape("{{ node[1]['a'] }}"), "emit(node[1]['a'])");
}

#[test]
fn call_with_every_kind_of_argument() {
    assert_eq!(shape("{{ f(1, k=2, *a, **kw) }}"), "emit(f(1, k=2, *a, **kw))");
}

#[test]
fn list_tuple_and_map() {
    assert_eq!(shape("{{ [1, a] }}{{ (1, a) }}{{ {'k': v} }}"), "emit([1, a]) emit(tuple(1, a)) emit({'k': v})");
}

#[test]
fn constants_fold_into_values() {
    let body = lower("{{ [1, 2] }}");
    let Stmt::Emit(Expr { kind: ExprKind::Const(Value::List(_)) | ExprKind::List(_), .. }) = &body[0] else { panic!("a list") };
}
