//! Jinja2's sequence filters: sorting, grouping, selecting, mapping, aggregating.

use crate::error::{type_err, Error, ErrorKind, Result};
use crate::filters::soft_str;
use crate::interp::{Args, Interp};
use crate::print::to_str;
use crate::value::Value;

fn items_of(v: &Value) -> Result<Vec<Value>> {
    v.iter_values().ok_or_else(|| type_err(format!("'{}' object is not iterable", v.type_name())))
}

/// Jinja2's `make_attrgetter`: `"a.0.b"` walks items/attributes; digits become indexes.
fn attr_get(it: &Interp<'_>, v: &Value, attribute: &Value) -> Result<Value> {
    let parts: Vec<Value> = match attribute {
        Value::Str(s) => s.split('.').map(|p| p.parse::<i128>().map(Value::Int).unwrap_or_else(|_| Value::str(p))).collect(),
        other => vec![other.clone()],
    };
    let mut cur = v.clone();
    for p in parts {
        cur = it.getitem(&cur, &p)?;
    }
    Ok(cur)
}

fn attr_getter(it: &Interp<'_>, attribute: &Option<Value>, default: &Option<Value>, v: &Value) -> Result<Value> {
    match attribute {
        None => Ok(v.clone()),
        Some(a) => {
            let got = attr_get(it, v, a)?;
            Ok(match (&got, default) {
                (Value::Undefined(_), Some(d)) => d.clone(),
                _ => got,
            })
        }
    }
}

fn lower_key(v: Value, case_sensitive: bool) -> Value {
    match v {
        Value::Str(s) | Value::Markup(s) if !case_sensitive => Value::str(s.to_lowercase()),
        other => other,
    }
}

fn sort_by_key(items: &mut [(Value, Value)]) -> Result<()> {
    sort_by_key_dir(items, false)
}

/// A stable sort on the keys; `reverse` keeps equal items in their original order, like
/// Python's `sorted(reverse=True)`.
fn sort_by_key_dir(items: &mut [(Value, Value)], reverse: bool) -> Result<()> {
    let mut err = None;
    items.sort_by(|a, b| match crate::ops::py_cmp(&a.0, &b.0, "<").map(|o| if reverse { o.reverse() } else { o }) {
        Ok(o) => o,
        Err(e) => {
            err.get_or_insert(e);
            std::cmp::Ordering::Equal
        }
    });
    err.map_or(Ok(()), Err)
}

fn truthy_kw(args: &mut Args, idx: usize, name: &str) -> bool {
    args.take(idx, name).is_some_and(|v| v.truthy())
}

pub fn call(it: &mut Interp<'_>, name: &str, v: Value, mut args: Args) -> Result<Value> {
    Ok(match name {
        "batch" => {
            let n = match args.take(0, "linecount") {
                Some(Value::Int(n)) if n > 0 => n as usize,
                _ => return Err(Error::new(ErrorKind::Value, "batch needs a positive line count")),
            };
            let fill = args.take(1, "fill_with").filter(|f| !matches!(f, Value::None));
            let items = items_of(&v)?;
            let mut out = Vec::new();
            for chunk in items.chunks(n) {
                let mut c = chunk.to_vec();
                if let Some(f) = &fill {
                    while c.len() < n {
                        c.push(f.clone());
                    }
                }
                out.push(Value::list(c));
            }
            Value::list(out)
        }
        "count" | "length" => match &v {
            Value::Undefined(msg) if it.cfg.strict => return Err(Error::undefined(msg)),
            Value::Undefined(_) => Value::Int(0),
            other => Value::Int(other.len().ok_or_else(|| type_err(format!("object of type '{}' has no len()", other.type_name())))? as i128),
        },
        "dictsort" => {
            let case_sensitive = truthy_kw(&mut args, 0, "case_sensitive");
            let by = args.take(1, "by").map(|b| to_str(&b)).unwrap_or_else(|| "key".into());
            let reverse = truthy_kw(&mut args, 2, "reverse");
            let Value::Dict(d) = &v else { return Err(type_err("dictsort expects a mapping")) };
            let pos = match by.as_str() {
                "key" => 0,
                "value" => 1,
                _ => return Err(Error::new(ErrorKind::Other, "You can only sort by either \"key\" or \"value\"")),
            };
            let mut pairs: Vec<(Value, Value)> = d
                .borrow()
                .iter()
                .map(|(k, val)| {
                    let key = if pos == 0 { k.clone() } else { val.clone() };
                    (lower_key(key, case_sensitive), Value::tuple(vec![k.clone(), val.clone()]))
                })
                .collect();
            sort_by_key(&mut pairs)?;
            if reverse {
                pairs.reverse();
            }
            Value::list(pairs.into_iter().map(|(_, p)| p).collect())
        }
        "first" => match &v {
            Value::Undefined(_) => v.clone(),
            other => items_of(other)?.into_iter().next().unwrap_or_else(|| Value::undefined("No first item, sequence was empty.")),
        },
        "last" => match &v {
            Value::Undefined(_) => v.clone(),
            other => items_of(other)?.pop().unwrap_or_else(|| Value::undefined("No last item, sequence was empty.")),
        },
        "groupby" => {
            let attribute = args.take(0, "attribute");
            let default = args.take(1, "default");
            let case_sensitive = truthy_kw(&mut args, 2, "case_sensitive");
            let items = items_of(&v)?;
            let mut keyed = Vec::new();
            for item in items {
                let k = attr_getter(it, &attribute, &default, &item)?;
                keyed.push((lower_key(k, case_sensitive), item));
            }
            sort_by_key(&mut keyed)?;
            let mut groups: Vec<(Value, Vec<Value>)> = Vec::new();
            for (k, item) in keyed {
                match groups.last_mut() {
                    Some((gk, list)) if *gk == k => list.push(item),
                    _ => groups.push((k, vec![item])),
                }
            }
            let mut out = Vec::new();
            for (k, list) in groups {
                let grouper = if case_sensitive { k } else { attr_getter(it, &attribute, &default, &list[0])? };
                out.push(Value::tuple(vec![grouper, Value::list(list)]));
            }
            Value::list(out)
        }
        "items" => match &v {
            Value::Undefined(_) => Value::list(Vec::new()),
            Value::Dict(d) => Value::list(d.borrow().iter().map(|(k, val)| Value::tuple(vec![k.clone(), val.clone()])).collect()),
            _ => return Err(type_err("Can only get item pairs from a mapping.")),
        },
        "join" => {
            let sep = args.take(0, "d").map(|d| to_str(&d)).unwrap_or_default();
            let attribute = args.take(1, "attribute");
            let items = match &v {
                Value::Undefined(_) if !it.cfg.strict => Vec::new(),
                other => items_of(other)?,
            };
            let mut parts = Vec::with_capacity(items.len());
            for item in items {
                let x = attr_getter(it, &attribute, &None, &item)?;
                parts.push(soft_str(it, &x)?);
            }
            Value::str(parts.join(&sep))
        }
        "list" => match &v {
            Value::Undefined(msg) if it.cfg.strict => return Err(Error::undefined(msg)),
            other => Value::list(items_of(other)?),
        },
        "map" => {
            let items = match &v {
                Value::Undefined(_) => Vec::new(),
                other => items_of(other)?,
            };
            if let Some(attribute) = args.kw.shift_remove("attribute") {
                let default = args.kw.shift_remove("default");
                let attribute = Some(attribute);
                Value::list(items.iter().map(|i| attr_getter(it, &attribute, &default, i)).collect::<Result<_>>()?)
            } else {
                if args.pos.is_empty() {
                    return Err(Error::new(ErrorKind::Other, "map requires a filter argument"));
                }
                let filter = to_str(&args.pos.remove(0));
                if !crate::filters::is_filter(&filter) {
                    return Err(Error::new(ErrorKind::UnknownFilter, format!("No filter named '{filter}'.")));
                }
                let mut out = Vec::new();
                for item in items {
                    let a = Args { pos: args.pos.clone(), kw: args.kw.clone() };
                    out.push(crate::filters::call_filter(it, &filter, item, a)?);
                }
                Value::list(out)
            }
        }
        "max" | "min" => {
            let case_sensitive = truthy_kw(&mut args, 0, "case_sensitive");
            let attribute = args.take(1, "attribute");
            let items = items_of(&v)?;
            let mut best: Option<(Value, Value)> = None;
            for item in items {
                let k = lower_key(attr_getter(it, &attribute, &None, &item)?, case_sensitive);
                let better = match &best {
                    None => true,
                    Some((bk, _)) => {
                        let ord = crate::ops::py_cmp(&k, bk, if name == "max" { ">" } else { "<" })?;
                        if name == "max" {
                            ord == std::cmp::Ordering::Greater
                        } else {
                            ord == std::cmp::Ordering::Less
                        }
                    }
                };
                if better {
                    best = Some((k, item));
                }
            }
            best.map(|(_, item)| item).unwrap_or_else(|| Value::undefined("No aggregated item, sequence was empty."))
        }
        "random" => {
            let items = items_of(&v)?;
            if items.is_empty() {
                return Err(Error::new(ErrorKind::Other, "IndexError: Cannot choose from an empty sequence"));
            }
            let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
            items[nanos as usize % items.len()].clone()
        }
        "select" | "reject" | "selectattr" | "rejectattr" => {
            let by_attr = name.ends_with("attr");
            let items = match &v {
                Value::Undefined(_) => Vec::new(),
                other => items_of(other)?,
            };
            let mut pos = std::mem::take(&mut args.pos).into_iter();
            let attribute = if by_attr { pos.next() } else { None };
            let test = pos.next().map(|t| to_str(&t));
            let rest: Vec<Value> = pos.collect();
            if let Some(t) = &test {
                if !crate::tests::is_test(t) {
                    return Err(Error::new(ErrorKind::UnknownTest, format!("No test named '{t}'.")));
                }
            }
            let keep_if = name.starts_with("select");
            let mut out = Vec::new();
            for item in items {
                let x = attr_getter(it, &attribute, &None, &item)?;
                let ok = match &test {
                    Some(t) => crate::tests::call_test(it, t, &x, Args { pos: rest.clone(), kw: args.kw.clone() })?,
                    None => it.truthy(&x)?,
                };
                if ok == keep_if {
                    out.push(item);
                }
            }
            Value::list(out)
        }
        "reverse" => match &v {
            Value::Str(s) | Value::Markup(s) => Value::str(s.chars().rev().collect::<String>()),
            other => {
                let mut items = items_of(other)?;
                items.reverse();
                Value::list(items)
            }
        },
        "slice" => {
            let slices = match args.take(0, "slices") {
                Some(Value::Int(n)) if n > 0 => n as usize,
                _ => return Err(Error::new(ErrorKind::Value, "slice needs a positive number of slices")),
            };
            let fill = args.take(1, "fill_with").filter(|f| !matches!(f, Value::None));
            let items = items_of(&v)?;
            let per = items.len() / slices;
            let with_extra = items.len() % slices;
            let mut offset = 0;
            let mut out = Vec::new();
            for n in 0..slices {
                let start = offset + n * per;
                if n < with_extra {
                    offset += 1;
                }
                let end = offset + (n + 1) * per;
                let mut chunk = items[start..end].to_vec();
                if let (Some(f), true) = (&fill, n >= with_extra) {
                    chunk.push(f.clone());
                }
                out.push(Value::list(chunk));
            }
            Value::list(out)
        }
        "sort" => {
            let reverse = truthy_kw(&mut args, 0, "reverse");
            let case_sensitive = truthy_kw(&mut args, 1, "case_sensitive");
            let attribute = args.take(2, "attribute");
            let items = items_of(&v)?;
            let attrs: Vec<Value> = match &attribute {
                None => Vec::new(),
                Some(Value::Str(s)) => s.split(',').map(|p| Value::str(p.trim())).collect(),
                Some(other) => vec![other.clone()],
            };
            let mut keyed = Vec::new();
            for item in items {
                let key = if attrs.is_empty() {
                    lower_key(item.clone(), case_sensitive)
                } else {
                    let mut key = Vec::new();
                    for a in &attrs {
                        key.push(lower_key(attr_get(it, &item, a)?, case_sensitive));
                    }
                    if key.len() == 1 {
                        key.remove(0)
                    } else {
                        Value::tuple(key)
                    }
                };
                keyed.push((key, item));
            }
            sort_by_key_dir(&mut keyed, reverse)?;
            let sorted: Vec<Value> = keyed.into_iter().map(|(_, i)| i).collect();
            Value::list(sorted)
        }
        "sum" => {
            let attribute = args.take(0, "attribute");
            let mut total = args.take(1, "start").unwrap_or(Value::Int(0));
            for item in items_of(&v)? {
                let x = attr_getter(it, &attribute, &None, &item)?;
                total = crate::ops::add(&total, &x)?;
            }
            total
        }
        "unique" => {
            let case_sensitive = truthy_kw(&mut args, 0, "case_sensitive");
            let attribute = args.take(1, "attribute");
            let mut seen: Vec<Value> = Vec::new();
            let mut out = Vec::new();
            for item in items_of(&v)? {
                let k = lower_key(attr_getter(it, &attribute, &None, &item)?, case_sensitive);
                if !seen.contains(&k) {
                    seen.push(k);
                    out.push(item);
                }
            }
            Value::list(out)
        }
        "xmlattr" => {
            let autospace = args.take(0, "autospace").is_none_or(|a| a.truthy());
            let Value::Dict(d) = &v else { return Err(type_err("xmlattr expects a mapping")) };
            let mut parts = Vec::new();
            for (k, val) in d.borrow().iter() {
                if matches!(val, Value::None | Value::Undefined(_)) {
                    continue;
                }
                let key = to_str(k);
                if key.is_empty() || key.chars().any(|c| c.is_whitespace() || matches!(c, '/' | '>' | '=')) {
                    return Err(Error::new(ErrorKind::Value, format!("Invalid character in attribute name: {}", crate::print::repr(k))));
                }
                parts.push(format!("{}=\"{}\"", crate::filters::escape(&key), crate::filters::escape(&to_str(val))));
            }
            let s = parts.join(" ");
            Value::Markup(if autospace && !s.is_empty() { format!(" {s}") } else { s }.into())
        }
        other => return Err(Error::new(ErrorKind::UnknownFilter, format!("No filter named '{other}'."))),
    })
}

/// Jinja2's `urlize`: http(s) links, `www.` hosts and e-mail addresses become anchors; link
/// text is cut to `trim` characters when given.
pub fn urlize(s: &str, trim: Option<usize>) -> String {
    let trim_url = |x: &str| match trim {
        Some(limit) if x.chars().count() > limit => format!("{}...", x.chars().take(limit).collect::<String>()),
        _ => x.to_string(),
    };
    let esc = crate::filters::escape;
    s.split(' ')
        .map(|word| {
            let lead_len = word.find(|c: char| !matches!(c, '(' | '<' | '"' | '\'')).unwrap_or(word.len());
            let (lead, rest) = word.split_at(lead_len);
            let trail_at = rest.char_indices().rev().find(|(_, c)| !matches!(c, '.' | ',' | ')' | '>' | '\n' | '"' | '\'' | ':' | ';' | '!')).map(|(i, c)| i + c.len_utf8()).unwrap_or(0);
            let (middle, trail) = rest.split_at(trail_at);
            let is_email = || {
                let Some((user, host)) = middle.split_once('@') else { return false };
                !user.is_empty()
                    && !user.chars().any(char::is_whitespace)
                    && host.contains('.')
                    && host.chars().next().is_some_and(|c| c.is_alphanumeric() || c == '_')
                    && host.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'))
                    && host.rsplit('.').next().is_some_and(|t| !t.is_empty())
                    && !middle.starts_with("http")
            };
            if middle.starts_with("http://") || middle.starts_with("https://") {
                format!("{}<a href=\"{}\" rel=\"noopener\">{}</a>{}", esc(lead), esc(middle), esc(&trim_url(middle)), esc(trail))
            } else if middle.starts_with("www.") {
                format!("{}<a href=\"https://{}\" rel=\"noopener\">{}</a>{}", esc(lead), esc(middle), esc(&trim_url(middle)), esc(trail))
            } else if is_email() {
                format!("{}<a href=\"mailto:{}\">{}</a>{}", esc(lead), esc(middle), esc(middle), esc(trail))
            } else {
                esc(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_letter(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphabetic() || *c == '_')
}

/// textwrap's chunks: whitespace runs, and words split after hyphens between letters.
fn chunks(line: &str, break_on_hyphens: bool) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        if chars[i].is_whitespace() {
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
            continue;
        }
        while i < chars.len() && !chars[i].is_whitespace() {
            let c = chars[i];
            i += 1;
            if break_on_hyphens && c == '-' && i >= 3 {
                let two_letters = is_letter(chars.get(i - 3)) && is_letter(chars.get(i - 2));
                let next_ok = is_letter(chars.get(i)) && (is_letter(chars.get(i + 1)) || (chars.get(i + 1) == Some(&'-') && is_letter(chars.get(i + 2))));
                if two_letters && next_ok {
                    break;
                }
            }
        }
        out.push(chars[start..i].iter().collect());
    }
    out
}

/// Python's `textwrap.wrap` with Jinja2's `wordwrap` settings, line by line.
pub fn wordwrap(s: &str, width: usize, break_long: bool, wrapstring: &str, break_on_hyphens: bool) -> String {
    let len = |x: &String| x.chars().count();
    let mut paragraphs = Vec::new();
    for line in crate::filters::py_splitlines(s) {
        let mut stack: Vec<String> = chunks(&line, break_on_hyphens);
        stack.reverse();
        let mut lines: Vec<String> = Vec::new();
        while !stack.is_empty() {
            let mut cur: Vec<String> = Vec::new();
            let mut cur_len = 0;
            if stack.last().is_some_and(|c| c.trim().is_empty()) && !lines.is_empty() {
                stack.pop();
            }
            while let Some(next) = stack.last() {
                if cur_len + len(next) <= width {
                    cur_len += len(next);
                    cur.push(stack.pop().expect("a chunk"));
                } else {
                    break;
                }
            }
            if let Some(next) = stack.last() {
                if len(next) > width {
                    if break_long {
                        let space_left = width.saturating_sub(cur_len).max(1);
                        let chunk = stack.pop().expect("a chunk");
                        let head: String = chunk.chars().take(space_left).collect();
                        let tail: String = chunk.chars().skip(space_left).collect();
                        cur.push(head);
                        if !tail.is_empty() {
                            stack.push(tail);
                        }
                    } else if cur.is_empty() {
                        cur.push(stack.pop().expect("a chunk"));
                    }
                }
            }
            if cur.last().is_some_and(|c| c.trim().is_empty()) {
                cur.pop();
            }
            if !cur.is_empty() {
                lines.push(cur.concat());
            }
        }
        paragraphs.push(lines.join(wrapstring));
    }
    paragraphs.join(wrapstring)
}
