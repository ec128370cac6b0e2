//! What a designer checks in a template before any run: its syntax (as Jinja2 compiles it),
//! filters and tests this engine does not know (also inside `if`, where Jinja2 fails only
//! when the branch runs), and the variables it reads with the constant keys after them
//! (`node.3.results.id` is `node` → `["3", "results", "id"]`), each with its position.
//!
//! Names the template binds itself (`set`, `for`, macro arguments, `loop`...) are not
//! reported as reads.

use crate::ast::{visit, Expr, ExprKind, Stmt, Target};
use crate::value::Value;
use crate::{Error, Template};
use std::collections::HashSet;

/// A variable read with the constant keys that follow it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub var: String,
    /// Keys read in order, up to the first one computed at render time.
    pub path: Vec<String>,
    /// 1-based line and column of the variable in the template.
    pub line: usize,
    pub column: usize,
}

/// A filter or test this engine (and so the platform) does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    /// `filter` or `test`.
    pub kind: &'static str,
    pub name: String,
    pub line: usize,
    pub column: usize,
}

/// What [`lint`] found in a template that compiles.
#[derive(Debug, Clone, Default)]
pub struct Lint {
    pub references: Vec<Reference>,
    pub unknown: Vec<Unknown>,
}

/// Names a template has without a context besides the globals: `lipsum` and the loop and
/// macro helpers.
const HELPER_NAMES: [&str; 6] = ["lipsum", "loop", "caller", "varargs", "kwargs", "self"];

/// Compiles `source` (a syntax error is the `Err`, with its line and column) and reports
/// its unknown filters and tests and the context variables it reads.
pub fn lint(source: &str) -> std::result::Result<Lint, Error> {
    let template = Template::compile(source)?;
    let mut bound: HashSet<String> = crate::globals::GLOBALS.iter().chain(&HELPER_NAMES).map(|s| (*s).to_owned()).collect();
    bound_names(&template.body, &mut bound);
    let mut lint = Lint::default();
    visit::stmts(&template.body, true, &mut |e| look(e, &bound, &mut lint));
    Ok(lint)
}

/// `var.key[0]['k']` as the variable and its constant keys, when every key is constant.
fn chain(e: &Expr) -> Option<(&Expr, Vec<String>)> {
    match &e.kind {
        ExprKind::Var(_) => Some((e, Vec::new())),
        ExprKind::GetAttr(inner, attr) => chain(inner).map(|(v, mut p)| {
            p.push(attr.name.clone());
            (v, p)
        }),
        ExprKind::GetItem(inner, key) => {
            let key = match &key.kind {
                ExprKind::Const(Value::Int(i)) => i.to_string(),
                ExprKind::Const(Value::Str(s)) => s.to_string(),
                _ => return None,
            };
            chain(inner).map(|(v, mut p)| {
                p.push(key);
                (v, p)
            })
        }
        _ => None,
    }
}

/// Looks at one expression; returns whether to look inside it too.
fn look(e: &Expr, bound: &HashSet<String>, lint: &mut Lint) -> bool {
    let at = |x: &Expr| (x.pos.line as usize, x.pos.col as usize);
    match &e.kind {
        ExprKind::Var(_) | ExprKind::GetAttr(..) | ExprKind::GetItem(..) => {
            let Some((var, path)) = chain(e) else { return true };
            let ExprKind::Var(name) = &var.kind else { return true };
            if !bound.contains(name.as_ref()) {
                let (line, column) = at(var);
                lint.references.push(Reference { var: name.to_string(), path, line, column });
            }
            false
        }
        ExprKind::Filter(f, _, _) if f.def.is_none() => {
            let (line, column) = at(e);
            lint.unknown.push(Unknown { kind: "filter", name: f.name.clone(), line, column });
            true
        }
        ExprKind::Test(t, _, _) if t.def.is_none() => {
            let (line, column) = at(e);
            lint.unknown.push(Unknown { kind: "test", name: t.name.clone(), line, column });
            true
        }
        _ => true,
    }
}

fn target_names(t: &Target, out: &mut HashSet<String>) {
    match t {
        Target::Name(n) => {
            out.insert(n.to_string());
        }
        Target::Tuple(items) => items.iter().for_each(|t| target_names(t, out)),
        Target::Attr(..) => {}
    }
}

/// Every name the template assigns anywhere (Jinja2's scoping aside: a designer check only
/// needs to know it is not a context variable).
fn bound_names(body: &[Stmt], out: &mut HashSet<String>) {
    for s in body {
        match s {
            Stmt::Set(t, _) | Stmt::SetBlock(t, _, _) => target_names(t, out),
            Stmt::With(assigns, inner) => {
                assigns.iter().for_each(|(t, _)| target_names(t, out));
                bound_names(inner, out);
            }
            Stmt::For(f) => {
                target_names(&f.target, out);
                bound_names(&f.body, out);
                bound_names(&f.else_body, out);
            }
            Stmt::Macro(m) => {
                out.insert(m.name.clone());
                m.args.iter().for_each(|a| {
                    out.insert(a.to_string());
                });
                bound_names(&m.body, out);
            }
            Stmt::CallBlock(_, m) => {
                m.args.iter().for_each(|a| {
                    out.insert(a.to_string());
                });
                bound_names(&m.body, out);
            }
            Stmt::If(_, a, b) => {
                bound_names(a, out);
                bound_names(b, out);
            }
            Stmt::Scope(inner) | Stmt::FilterBlock(_, inner) => bound_names(inner, out),
            Stmt::Emit(_) | Stmt::Raw(_) | Stmt::Fail(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(source: &str) -> Vec<(String, Vec<String>, usize, usize)> {
        lint(source).unwrap().references.into_iter().map(|r| (r.var, r.path, r.line, r.column)).collect()
    }

    #[test]
    fn reads_are_the_constant_keys_after_a_variable() {
        let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
        assert_eq!(refs("{{ node.3.results.id }}"), vec![("node".into(), s(&["3", "results", "id"]), 1, 4)]);
        assert_eq!(refs("x {{ node[1]['rule name'] }}"), vec![("node".into(), s(&["1", "rule name"]), 1, 6)]);
        assert_eq!(refs("{{ node.1.items[i].id }}")[0].1, s(&["1", "items"]), "up to the computed key");
        assert_eq!(refs("{% for x in node.2.list %}{{ x.id }}{{ loop.index }}{% endfor %}").len(), 1, "loop targets are the template's own");
        assert_eq!(refs("{% set y = 1 %}{{ y }}{{ store.k | default('') }}"), vec![("store".into(), s(&["k"]), 1, 26)]);
    }

    #[test]
    fn unknown_filters_and_tests_are_found_even_inside_if() {
        let found = lint("{% if x %}{{ y | nosuchfilter }}{{ z is nosuchtest }}{% endif %}").unwrap();
        let names: Vec<(&str, &str)> = found.unknown.iter().map(|u| (u.kind, u.name.as_str())).collect();
        assert_eq!(names, vec![("filter", "nosuchfilter"), ("test", "nosuchtest")]);
        // Outside an `if`, Jinja2 refuses the template when compiling it.
        let err = lint("{{ z is nosuchtest }}").unwrap_err();
        assert_eq!((err.message.as_str(), err.line, err.column), ("No test named 'nosuchtest'.", Some(1), Some(9)));
    }

    #[test]
    fn a_syntax_error_has_its_position() {
        let err = lint("{{ node.0.urgency | }}").unwrap_err();
        assert!(err.line.is_some() && err.column.is_some(), "{err:?}");
        assert!(lint("{{ node.0.short_id").is_err());
    }
}
