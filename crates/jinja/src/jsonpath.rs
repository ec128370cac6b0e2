//! The JSONPath subset the `jsonpath` filter understands (jsonpath-ng's semantics): `$`,
//! `.name`, `['name']`, `.*`, `[*]`, `[n]`, `[a:b]`, `..name` (descendants, pre-order),
//! `[a,b]` unions of names or indexes.

use crate::error::{Error, ErrorKind, Result};
use crate::value::Value;

#[derive(Debug, Clone)]
pub enum Step {
    Field(String),
    AllFields,
    Index(i128),
    Slice(Option<i128>, Option<i128>),
    Union(Vec<Step>),
    Descend(Box<Step>),
    /// `[?(@.path op literal)]` or `[?(@.path)]`: the list items the condition keeps.
    Filter(Vec<Step>, Option<(String, Value)>),
}

fn bad(path: &str, why: &str) -> Error {
    Error::new(ErrorKind::Other, format!("JsonPathParserError: {why} in {path:?}"))
}

pub fn parse(path: &str) -> Result<Vec<Step>> {
    let chars: Vec<char> = path.trim().chars().collect();
    let mut i = 0;
    if chars.first() == Some(&'$') {
        i = 1;
    }
    let mut steps = Vec::new();
    let ident = |i: &mut usize| -> String {
        let start = *i;
        while *i < chars.len() && (chars[*i].is_alphanumeric() || matches!(chars[*i], '_' | '-' | '@')) {
            *i += 1;
        }
        chars[start..*i].iter().collect()
    };
    while i < chars.len() {
        match chars[i] {
            '.' if chars.get(i + 1) == Some(&'.') => {
                i += 2;
                let inner = if chars.get(i) == Some(&'*') {
                    i += 1;
                    Step::AllFields
                } else if chars.get(i) == Some(&'[') {
                    let (s, next) = bracket(&chars, i, path)?;
                    i = next;
                    s
                } else {
                    let name = ident(&mut i);
                    if name.is_empty() {
                        return Err(bad(path, "expected a field after '..'"));
                    }
                    Step::Field(name)
                };
                steps.push(Step::Descend(Box::new(inner)));
            }
            '.' => {
                i += 1;
                if chars.get(i) == Some(&'*') {
                    i += 1;
                    steps.push(Step::AllFields);
                } else {
                    let name = ident(&mut i);
                    if name.is_empty() {
                        return Err(bad(path, "expected a field after '.'"));
                    }
                    steps.push(Step::Field(name));
                }
            }
            '[' => {
                let (s, next) = bracket(&chars, i, path)?;
                i = next;
                steps.push(s);
            }
            c if c.is_whitespace() => i += 1,
            c if i == 0 && (c.is_alphanumeric() || c == '_') => {
                let name = ident(&mut i);
                steps.push(Step::Field(name));
            }
            c => return Err(bad(path, &format!("unexpected character {c:?}"))),
        }
    }
    Ok(steps)
}

fn bracket(chars: &[char], open: usize, path: &str) -> Result<(Step, usize)> {
    let close = chars[open..].iter().position(|c| *c == ']').map(|p| p + open).ok_or_else(|| bad(path, "unclosed '['"))?;
    let inner: String = chars[open + 1..close].iter().collect();
    let inner = inner.trim();
    let one = |part: &str| -> Result<Step> {
        let part = part.trim();
        if part == "*" {
            return Ok(Step::AllFields);
        }
        if (part.starts_with('\'') && part.ends_with('\'') || part.starts_with('"') && part.ends_with('"')) && part.len() >= 2 {
            return Ok(Step::Field(part[1..part.len() - 1].to_string()));
        }
        if let Some((a, b)) = part.split_once(':') {
            let n = |s: &str| if s.trim().is_empty() { Ok(None) } else { s.trim().parse::<i128>().map(Some).map_err(|_| bad(path, "bad slice")) };
            return Ok(Step::Slice(n(a)?, n(b)?));
        }
        part.parse::<i128>().map(Step::Index).or_else(|_| if part.is_empty() { Err(bad(path, "empty brackets")) } else { Ok(Step::Field(part.to_string())) })
    };
    if let Some(cond) = inner.strip_prefix("?(").and_then(|c| c.strip_suffix(')')) {
        return Ok((filter(cond.trim(), path)?, close + 1));
    }
    let step = if inner == "*" {
        Step::Slice(None, None)
    } else if inner.contains(',') {
        Step::Union(inner.split(',').map(one).collect::<Result<_>>()?)
    } else {
        one(inner)?
    };
    Ok((step, close + 1))
}

fn filter(cond: &str, path: &str) -> Result<Step> {
    let ops = ["==", "!=", "<=", ">=", "<", ">", "="];
    let (lhs, op) = match ops.iter().filter_map(|op| cond.find(op).map(|i| (i, *op))).min_by_key(|(i, op)| (*i, std::cmp::Reverse(op.len()))) {
        Some((i, op)) => (&cond[..i], Some((op, cond[i + op.len()..].trim()))),
        None => (cond, None),
    };
    let lhs = lhs.trim();
    let rel = lhs.strip_prefix('@').ok_or_else(|| bad(path, "a filter starts with @"))?;
    let steps = parse(&format!("${rel}"))?;
    let op = match op {
        None => None,
        Some((op, lit)) => {
            let value = if (lit.starts_with('\'') && lit.ends_with('\'') || lit.starts_with('"') && lit.ends_with('"')) && lit.len() >= 2 {
                Value::str(&lit[1..lit.len() - 1])
            } else {
                match serde_json::from_str::<serde_json::Value>(lit) {
                    Ok(j) => Value::from_json(&j),
                    Err(_) => return Err(bad(path, "a filter compares with a number, a string, true, false or null")),
                }
            };
            Some((if op == "=" { "==".to_string() } else { op.to_string() }, value))
        }
    };
    Ok(Step::Filter(steps, op))
}

fn apply(step: &Step, v: &Value, out: &mut Vec<Value>) {
    match step {
        Step::Field(name) => {
            if let Value::Dict(d) = v {
                if let Some(x) = d.borrow().get_str(name) {
                    out.push(x.clone());
                }
            }
        }
        Step::AllFields => {
            if let Value::Dict(d) = v {
                out.extend(d.borrow().iter().map(|(_, x)| x.clone()));
            }
        }
        Step::Index(i) => {
            if let Value::List(l) = v {
                let l = l.borrow();
                let idx = if *i < 0 { *i + l.len() as i128 } else { *i };
                if let Some(x) = usize::try_from(idx).ok().and_then(|i| l.get(i)) {
                    out.push(x.clone());
                }
            }
        }
        Step::Slice(a, b) => match v {
            Value::List(l) => {
                let l = l.borrow();
                let len = l.len() as i128;
                let norm = |x: Option<i128>, d: i128| match x {
                    None => d,
                    Some(i) if i < 0 => (i + len).max(0),
                    Some(i) => i.min(len),
                };
                let (s, e) = (norm(*a, 0), norm(*b, len));
                if s < e {
                    out.extend(l[s as usize..e as usize].iter().cloned());
                }
            }
            // jsonpath-ng treats a single value as a one-item list for `[*]`.
            other if a.is_none() && b.is_none() => out.push(other.clone()),
            _ => {}
        },
        Step::Union(steps) => {
            for s in steps {
                apply(s, v, out);
            }
        }
        Step::Descend(inner) => descend(inner, v, out),
        Step::Filter(rel, cond) => {
            if let Value::List(l) = v {
                for item in l.borrow().iter() {
                    let found = find(rel, item);
                    let keep = match cond {
                        None => !found.is_empty(),
                        Some((op, lit)) => found.iter().any(|x| crate::ops::compare(op, x, lit).unwrap_or(false)),
                    };
                    if keep {
                        out.push(item.clone());
                    }
                }
            }
        }
    }
}

fn descend(step: &Step, v: &Value, out: &mut Vec<Value>) {
    apply(step, v, out);
    match v {
        Value::List(l) => {
            for x in l.borrow().iter() {
                descend(step, x, out);
            }
        }
        Value::Dict(d) => {
            for (_, x) in d.borrow().iter() {
                descend(step, x, out);
            }
        }
        _ => {}
    }
}

pub fn find(steps: &[Step], root: &Value) -> Vec<Value> {
    let mut current = vec![root.clone()];
    for step in steps {
        let mut next = Vec::new();
        for v in &current {
            apply(step, v, &mut next);
        }
        current = next;
    }
    current
}
