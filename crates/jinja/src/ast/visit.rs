//! One walk over a lowered template, for every analysis of it (what it reads, which names a
//! macro uses, the designer's lint): `f` sees each expression, outermost first, and says
//! whether to look inside it.

use super::{Arg, Expr, ExprKind, Stmt};

/// Calls `f` on every expression of `e`, outermost first; `f` returning false skips the inside.
pub(crate) fn expr(e: &Expr, f: &mut dyn FnMut(&Expr) -> bool) {
    if !f(e) {
        return;
    }
    match &e.kind {
        ExprKind::Var(_) | ExprKind::Const(_) => {}
        ExprKind::Slice(a, b, c, d) => {
            expr(a, f);
            [b, c, d].into_iter().flatten().for_each(|x| expr(x, f));
        }
        ExprKind::Not(a) | ExprKind::Neg(a) | ExprKind::GetAttr(a, _) => expr(a, f),
        ExprKind::Bin(_, a, b) | ExprKind::GetItem(a, b) => {
            expr(a, f);
            expr(b, f);
        }
        ExprKind::Compare(a, rest) => {
            expr(a, f);
            rest.iter().for_each(|(_, e)| expr(e, f));
        }
        ExprKind::IfExpr(a, b, c) => {
            expr(a, f);
            expr(b, f);
            c.iter().for_each(|c| expr(c, f));
        }
        ExprKind::Filter(_, a, args) => {
            a.iter().for_each(|a| expr(a, f));
            args_of(args, f);
        }
        ExprKind::Test(_, a, args) | ExprKind::Call(a, args) => {
            expr(a, f);
            args_of(args, f);
        }
        ExprKind::List(items) | ExprKind::Tuple(items) => items.iter().for_each(|e| expr(e, f)),
        ExprKind::Dict(pairs) => pairs.iter().for_each(|(k, v)| {
            expr(k, f);
            expr(v, f);
        }),
    }
}

fn args_of(args: &[Arg], f: &mut dyn FnMut(&Expr) -> bool) {
    for a in args {
        match a {
            Arg::Pos(e) | Arg::Kw(_, e) | Arg::PosSplat(e) | Arg::KwSplat(e) => expr(e, f),
        }
    }
}

/// Every expression of a statement list. `into_macros`: also macro definitions (defaults and
/// bodies) and `{% call %}` bodies; without it a macro is skipped and a call block gives only
/// its call.
pub(crate) fn stmts(body: &[Stmt], into_macros: bool, f: &mut dyn FnMut(&Expr) -> bool) {
    for s in body {
        match s {
            Stmt::Emit(e) | Stmt::Set(_, e) => expr(e, f),
            Stmt::Raw(_) | Stmt::Fail(_) => {}
            Stmt::Macro(m) if into_macros => {
                m.defaults.iter().for_each(|d| expr(d, f));
                stmts(&m.body, into_macros, f);
            }
            Stmt::Macro(_) => {}
            Stmt::For(l) => {
                expr(&l.iter, f);
                l.filter.iter().for_each(|e| expr(e, f));
                stmts(&l.body, into_macros, f);
                stmts(&l.else_body, into_macros, f);
            }
            Stmt::If(c, a, b) => {
                expr(c, f);
                stmts(a, into_macros, f);
                stmts(b, into_macros, f);
            }
            Stmt::With(assigns, inner) => {
                assigns.iter().for_each(|(_, e)| expr(e, f));
                stmts(inner, into_macros, f);
            }
            Stmt::SetBlock(_, filter, inner) => {
                filter.iter().for_each(|e| expr(e, f));
                stmts(inner, into_macros, f);
            }
            Stmt::Scope(inner) | Stmt::FilterBlock(_, inner) => stmts(inner, into_macros, f),
            Stmt::CallBlock(c, m) => {
                expr(c, f);
                if into_macros {
                    stmts(&m.body, into_macros, f);
                }
            }
        }
    }
}
