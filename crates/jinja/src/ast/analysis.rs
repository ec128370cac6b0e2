//! What a lowered template reads: which variables and constant keys (so a context converts
//! only those), and which names a macro body uses.

use super::visit;
use super::{ExprKind, Stmt};
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
    let mut acc = Acc::new();
    visit::stmts(stmts, true, &mut |e| match &e.kind {
        ExprKind::Var(n) => {
            note(&mut acc, n, None);
            false
        }
        // `node.items()`, `node.get('0')`: a method of the whole dict, not a key of it.
        ExprKind::GetAttr(inner, attr) => match &inner.kind {
            ExprKind::Var(n) => {
                note(&mut acc, n, (!attr.method).then(|| attr.name.clone()));
                false
            }
            _ => true,
        },
        // A constant key is noted; a computed one makes the whole variable needed (its
        // inside is walked: the variable, then the key's own reads).
        ExprKind::GetItem(inner, key) => match (&inner.kind, &key.kind) {
            (ExprKind::Var(n), ExprKind::Const(Value::Int(i))) => {
                note(&mut acc, n, Some(i.to_string()));
                false
            }
            (ExprKind::Var(n), ExprKind::Const(Value::Str(s))) => {
                note(&mut acc, n, Some(s.to_string()));
                false
            }
            _ => true,
        },
        _ => true,
    });
    acc
}

/// Names a statement list reads, to know whether a macro uses `caller`, `varargs`, `kwargs`.
pub(super) fn collect_names(stmts: &[Stmt], out: &mut Vec<String>) {
    visit::stmts(stmts, false, &mut |e| {
        if let ExprKind::Var(n) = &e.kind {
            out.push(n.to_string());
        }
        true
    });
}
