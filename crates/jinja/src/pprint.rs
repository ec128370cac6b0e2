//! Python's `pprint.pformat` (width 80, sorted dict keys), which the `pprint` filter prints.

use crate::print::str_repr;
use crate::value::Value;

const WIDTH: usize = 80;

/// `repr` with dict keys sorted, as `pprint` shows even short values.
fn safe_repr(v: &Value) -> String {
    match v {
        Value::Dict(_) => {
            let items = sorted_items(v);
            let parts: Vec<String> = items.iter().map(|(k, val)| format!("{}: {}", safe_repr(k), safe_repr(val))).collect();
            format!("{{{}}}", parts.join(", "))
        }
        Value::List(l) => format!("[{}]", l.borrow().iter().map(safe_repr).collect::<Vec<_>>().join(", ")),
        Value::Tuple(t) if t.len() == 1 => format!("({},)", safe_repr(&t[0])),
        Value::Tuple(t) => format!("({})", t.iter().map(safe_repr).collect::<Vec<_>>().join(", ")),
        other => crate::print::repr(other),
    }
}

fn sorted_items(v: &Value) -> Vec<(Value, Value)> {
    let Value::Dict(d) = v else { return Vec::new() };
    let mut items: Vec<(Value, Value)> = d.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    items.sort_by(|a, b| crate::ops::py_cmp(&a.0, &b.0, "<").unwrap_or_else(|_| a.0.type_name().cmp(b.0.type_name())));
    items
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

pub fn pformat(v: &Value) -> String {
    let mut out = String::new();
    format(v, &mut out, 0, 0, 0);
    out
}

fn format(v: &Value, out: &mut String, indent: usize, allowance: usize, level: usize) {
    let rep = safe_repr(v);
    let max_width = WIDTH.saturating_sub(indent + allowance);
    if chars(&rep) > max_width || (WIDTH < indent + allowance) {
        match v {
            Value::Dict(_) => {
                out.push('{');
                let items = sorted_items(v);
                if !items.is_empty() {
                    dict_items(&items, out, indent, allowance + 1, level + 1);
                }
                out.push('}');
                return;
            }
            Value::List(l) => {
                out.push('[');
                items(&l.borrow(), out, indent, allowance + 1, level + 1);
                out.push(']');
                return;
            }
            Value::Tuple(t) => {
                out.push('(');
                let end = if t.len() == 1 { ",)" } else { ")" };
                items(t, out, indent, allowance + end.len(), level + 1);
                out.push_str(end);
                return;
            }
            Value::Str(s) => {
                string(s, out, indent, allowance, level + 1);
                return;
            }
            _ => {}
        }
    }
    out.push_str(&rep);
}

fn dict_items(entries: &[(Value, Value)], out: &mut String, indent: usize, allowance: usize, level: usize) {
    let indent = indent + 1;
    let last_index = entries.len() - 1;
    for (i, (k, v)) in entries.iter().enumerate() {
        let last = i == last_index;
        let rep = safe_repr(k);
        out.push_str(&rep);
        out.push_str(": ");
        format(v, out, indent + chars(&rep) + 2, if last { allowance } else { 1 }, level);
        if !last {
            out.push_str(",\n");
            out.push_str(&" ".repeat(indent));
        }
    }
}

fn items(list: &[Value], out: &mut String, indent: usize, allowance: usize, level: usize) {
    let indent = indent + 1;
    for (i, v) in list.iter().enumerate() {
        let last = i + 1 == list.len();
        if i > 0 {
            out.push_str(",\n");
            out.push_str(&" ".repeat(indent));
        }
        format(v, out, indent, if last { allowance } else { 1 }, level);
    }
}

fn repr_of(s: &str) -> String {
    let mut o = String::new();
    str_repr(s, &mut o);
    o
}

/// Python's `str.splitlines(keepends=True)` for `\n`-style text.
fn lines_keepends(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c == '\n' {
            out.push(&s[start..i + 1]);
            start = i + 1;
        }
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

fn string(s: &str, out: &mut String, mut indent: usize, mut allowance: usize, level: usize) {
    if s.is_empty() {
        out.push_str(&repr_of(s));
        return;
    }
    let lines = lines_keepends(s);
    if level == 1 {
        indent += 1;
        allowance += 1;
    }
    let max_width = WIDTH.saturating_sub(indent);
    let mut max_width1 = max_width;
    let mut chunks: Vec<String> = Vec::new();
    let mut last_rep = String::new();
    for (i, line) in lines.iter().enumerate() {
        let rep = repr_of(line);
        if i == lines.len() - 1 {
            max_width1 = max_width1.saturating_sub(allowance);
        }
        if chars(&rep) <= max_width1 {
            chunks.push(rep.clone());
        } else {
            // Alternating runs of non-space then space, like re.findall(r'\S*\s*').
            let mut parts: Vec<&str> = Vec::new();
            let mut rest = *line;
            while !rest.is_empty() {
                let ns = rest.find(char::is_whitespace).unwrap_or(rest.len());
                let after = &rest[ns..];
                let sp = after.find(|c: char| !c.is_whitespace()).unwrap_or(after.len());
                parts.push(&rest[..ns + sp]);
                rest = &rest[ns + sp..];
            }
            let mut max_width2 = max_width;
            let mut current = String::new();
            for (j, part) in parts.iter().enumerate() {
                let candidate = format!("{current}{part}");
                if j == parts.len() - 1 && i == lines.len() - 1 {
                    max_width2 = max_width2.saturating_sub(allowance);
                }
                if chars(&repr_of(&candidate)) > max_width2 {
                    if !current.is_empty() {
                        chunks.push(repr_of(&current));
                    }
                    current = part.to_string();
                } else {
                    current = candidate;
                }
            }
            if !current.is_empty() {
                chunks.push(repr_of(&current));
            }
        }
        last_rep = rep;
    }
    if chunks.len() == 1 {
        out.push_str(&last_rep);
        return;
    }
    if level == 1 {
        out.push('(');
    }
    for (i, rep) in chunks.iter().enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(rep);
    }
    if level == 1 {
        out.push(')');
    }
}
