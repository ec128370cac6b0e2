//! What a lowered template reads: which variables and constant keys (so a context converts
//! only those), and which names a macro body uses.

use super::{Arg, Expr, ExprKind, Stmt};
use crate::value::Value;

/// For each variable the template reads, the constant keys it reads of it (`node.1`,
/// `node['2']`, `store.key`), or `None` when it uses the variable some other way (whole, or
/// with a computed key). Lets a context convert only the entries a template can reach.
pub fn variable_keys(stmts: &[Stmt]) -> std::collections::HashMap<String, Option<std::collections::HashSet<String>>> {
    use std::collections::{HashMap, HashSet};
    type Acc = HashMap<String, Option<HashSet<String>>>;
    fn note(acc: &mut Acc, var: &str, key: Option<String>) {
        let entry = acc.entry(var.to_owned()).or_insert_with(|| Some(HashSet::new()));
        match (entry.as_mut(), key) {
            (Some(keys), Some(k)) => {
                keys.insert(k);
            }
            _ => *entry = None,
        }
    }
    fn expr(e: &Expr, acc: &mut Acc) {
        match &e.kind {
            ExprKind::Var(n) => note(acc, n, None),
            ExprKind::GetAttr(inner, name) if matches!(inner.kind, ExprKind::Var(_)) => {
                if let ExprKind::Var(n) = &inner.kind {
                    note(acc, n, Some(name.clone()));
                }
            }
            ExprKind::GetItem(inner, key) if matches!(inner.kind, ExprKind::Var(_)) => {
                let (ExprKind::Var(n), k) = (&inner.kind, &key.kind) else { return };
                match k {
                    ExprKind::Const(Value::Int(i)) => note(acc, n, Some(i.to_string())),
                    ExprKind::Const(Value::Str(s)) => note(acc, n, Some(s.to_string())),
                    _ => {
                        note(acc, n, None);
                        expr(key, acc);
                    }
                }
            }
            ExprKind::Const(_) => {}
            ExprKind::Slice(a, b, c, d) => {
                expr(a, acc);
                for x in [b, c, d].into_iter().flatten() {
                    expr(x, acc);
                }
            }
            ExprKind::Not(a) | ExprKind::Neg(a) | ExprKind::GetAttr(a, _) => expr(a, acc),
            ExprKind::Bin(_, a, b) | ExprKind::GetItem(a, b) => {
                expr(a, acc);
                expr(b, acc);
            }
            ExprKind::Compare(a, rest) => {
                expr(a, acc);
                rest.iter().for_each(|(_, e)| expr(e, acc));
            }
            ExprKind::IfExpr(a, b, c) => {
                expr(a, acc);
                expr(b, acc);
                if let Some(c) = c {
                    expr(c, acc);
                }
            }
            ExprKind::Filter(_, a, args) => {
                if let Some(a) = a {
                    expr(a, acc);
                }
                args_of(args, acc);
            }
            ExprKind::Test(_, a, args) | ExprKind::Call(a, args) => {
                expr(a, acc);
                args_of(args, acc);
            }
            ExprKind::List(items) | ExprKind::Tuple(items) => items.iter().for_each(|e| expr(e, acc)),
            ExprKind::Dict(pairs) => pairs.iter().for_each(|(k, v)| {
                expr(k, acc);
                expr(v, acc);
            }),
        }
    }
    fn args_of(args: &[Arg], acc: &mut Acc) {
        for a in args {
            match a {
                Arg::Pos(e) | Arg::Kw(_, e) | Arg::PosSplat(e) | Arg::KwSplat(e) => expr(e, acc),
            }
        }
    }
    fn stmts_of(stmts: &[Stmt], acc: &mut Acc) {
        for s in stmts {
            match s {
                Stmt::Emit(e) | Stmt::Set(_, e) => expr(e, acc),
                Stmt::Raw(_) | Stmt::Fail(_) => {}
                Stmt::Macro(m) => {
                    m.defaults.iter().for_each(|d| expr(d, acc));
                    stmts_of(&m.body, acc);
                }
                Stmt::For(f) => {
                    expr(&f.iter, acc);
                    if let Some(e) = &f.filter {
                        expr(e, acc);
                    }
                    stmts_of(&f.body, acc);
                    stmts_of(&f.else_body, acc);
                }
                Stmt::If(c, a, b) => {
                    expr(c, acc);
                    stmts_of(a, acc);
                    stmts_of(b, acc);
                }
                Stmt::With(assigns, body) => {
                    assigns.iter().for_each(|(_, e)| expr(e, acc));
                    stmts_of(body, acc);
                }
                Stmt::SetBlock(_, f, body) => {
                    if let Some(f) = f {
                        expr(f, acc);
                    }
                    stmts_of(body, acc);
                }
                Stmt::Scope(body) | Stmt::FilterBlock(_, body) => stmts_of(body, acc),
                Stmt::CallBlock(c, m) => {
                    expr(c, acc);
                    stmts_of(&m.body, acc);
                }
            }
        }
    }
    let mut acc = Acc::new();
    stmts_of(stmts, &mut acc);
    acc
}

/// Names a statement list reads, to know whether a macro uses `caller`, `varargs`, `kwargs`.
pub(super) fn collect_names(stmts: &[Stmt], out: &mut Vec<String>) {
    fn expr(e: &Expr, out: &mut Vec<String>) {
        match &e.kind {
            ExprKind::Var(n) => out.push(n.to_string()),
            ExprKind::Const(_) => {}
            ExprKind::Slice(a, b, c, d) => {
                expr(a, out);
                for x in [b, c, d].into_iter().flatten() {
                    expr(x, out);
                }
            }
            ExprKind::Not(a) | ExprKind::Neg(a) | ExprKind::GetAttr(a, _) => expr(a, out),
            ExprKind::Bin(_, a, b) | ExprKind::GetItem(a, b) => {
                expr(a, out);
                expr(b, out);
            }
            ExprKind::Compare(a, rest) => {
                expr(a, out);
                rest.iter().for_each(|(_, e)| expr(e, out));
            }
            ExprKind::IfExpr(a, b, c) => {
                expr(a, out);
                expr(b, out);
                if let Some(c) = c {
                    expr(c, out);
                }
            }
            ExprKind::Filter(_, a, args) => {
                if let Some(a) = a {
                    expr(a, out);
                }
                args_names(args, out);
            }
            ExprKind::Test(_, a, args) | ExprKind::Call(a, args) => {
                expr(a, out);
                args_names(args, out);
            }
            ExprKind::List(items) | ExprKind::Tuple(items) => items.iter().for_each(|e| expr(e, out)),
            ExprKind::Dict(pairs) => pairs.iter().for_each(|(k, v)| {
                expr(k, out);
                expr(v, out);
            }),
        }
    }
    fn args_names(args: &[Arg], out: &mut Vec<String>) {
        for a in args {
            match a {
                Arg::Pos(e) | Arg::Kw(_, e) | Arg::PosSplat(e) | Arg::KwSplat(e) => expr(e, out),
            }
        }
    }
    for s in stmts {
        match s {
            Stmt::Emit(e) | Stmt::Set(_, e) => expr(e, out),
            Stmt::Raw(_) | Stmt::Macro(_) | Stmt::Fail(_) => {}
            Stmt::For(f) => {
                expr(&f.iter, out);
                if let Some(e) = &f.filter {
                    expr(e, out);
                }
                collect_names(&f.body, out);
                collect_names(&f.else_body, out);
            }
            Stmt::If(c, a, b) => {
                expr(c, out);
                collect_names(a, out);
                collect_names(b, out);
            }
            Stmt::With(assigns, body) => {
                assigns.iter().for_each(|(_, e)| expr(e, out));
                collect_names(body, out);
            }
            Stmt::SetBlock(_, f, body) => {
                if let Some(f) = f {
                    expr(f, out);
                }
                collect_names(body, out);
            }
            Stmt::Scope(body) | Stmt::FilterBlock(_, body) => collect_names(body, out),
            Stmt::CallBlock(c, _) => expr(c, out),
        }
    }
}
