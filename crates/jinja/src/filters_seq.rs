//! Jinja2's sequence filters: sorting, grouping, selecting, mapping, aggregating.

use crate::error::{type_err, Error, ErrorKind, Result};
use crate::filters::soft_str;
use crate::interp::{Args, Interp};
use crate::print::to_str;
use crate::value::Value;

fn items_of(v: &Value) -> Result<Vec<Value>> {
    v.iter_values().ok_or_else(|| type_err(format!("'{}' object is not iterable", v.type_name())))
}

/// Jinja2's `make_attrgetter`, prepared once per filter call: `"a.0.b"` walks items or
/// attributes (digits become indexes); `default` replaces an undefined result; no attribute
/// gives the item itself.
struct Getter {
    path: Option<Vec<Value>>,
    default: Option<Value>,
}

impl Getter {
    fn new(attribute: Option<Value>, default: Option<Value>) -> Self {
        let path = attribute.map(|a| match a {
            Value::Str(s) => s.split('.').map(|p| p.parse::<i128>().map(Value::Int).unwrap_or_else(|_| Value::str(p))).collect(),
            other => vec![other],
        });
        Getter { path, default }
    }

    fn get(&self, it: &Interp<'_>, v: &Value) -> Result<Value> {
        let Some(path) = &self.path else { return Ok(v.clone()) };
        let mut cur = it.getitem(v, &path[0])?;
        for p in &path[1..] {
            cur = it.getitem(&cur, p)?;
        }
        Ok(match (&cur, &self.default) {
            (Value::Undefined(_), Some(d)) => d.clone(),
            _ => cur,
        })
    }
}

/// The key Jinja2 compares when case does not matter: strings in lower case (the same string
/// when it has no upper-case ASCII letter and nothing else).
fn lower_key(v: Value, case_sensitive: bool) -> Value {
    match v {
        Value::Str(s) | Value::Markup(s) if !case_sensitive => {
            if s.is_ascii() && !s.bytes().any(|b| b.is_ascii_uppercase()) {
                Value::Str(s)
            } else {
                Value::str(s.to_lowercase())
            }
        }
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

pub(crate) fn do_batch(_it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
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
    Ok(Value::list(out))
}

pub(crate) fn do_length(it: &mut Interp<'_>, v: Value, _args: Args) -> Result<Value> {
    Ok(match &v {
        Value::Undefined(msg) if it.cfg.strict => return Err(Error::undefined(msg)),
        Value::Undefined(_) => Value::Int(0),
        other => Value::Int(other.len().ok_or_else(|| type_err(format!("object of type '{}' has no len()", other.type_name())))? as i128),
    })
}

pub(crate) fn do_dictsort(_it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
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
    Ok(Value::list(pairs.into_iter().map(|(_, p)| p).collect()))
}

pub(crate) fn do_first(_it: &mut Interp<'_>, v: Value, _args: Args) -> Result<Value> {
    Ok(match &v {
        Value::Undefined(_) => v.clone(),
        other => items_of(other)?.into_iter().next().unwrap_or_else(|| Value::undefined("No first item, sequence was empty.")),
    })
}

pub(crate) fn do_last(_it: &mut Interp<'_>, v: Value, _args: Args) -> Result<Value> {
    Ok(match &v {
        Value::Undefined(_) => v.clone(),
        other => items_of(other)?.pop().unwrap_or_else(|| Value::undefined("No last item, sequence was empty.")),
    })
}

pub(crate) fn do_groupby(it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
    let getter = Getter::new(args.take(0, "attribute"), args.take(1, "default"));
    let case_sensitive = truthy_kw(&mut args, 2, "case_sensitive");
    let items = items_of(&v)?;
    let mut keyed = Vec::with_capacity(items.len());
    for item in items {
        let k = getter.get(it, &item)?;
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
        let grouper = if case_sensitive { k } else { getter.get(it, &list[0])? };
        out.push(Value::tuple(vec![grouper, Value::list(list)]));
    }
    Ok(Value::list(out))
}

pub(crate) fn do_items(_it: &mut Interp<'_>, v: Value, _args: Args) -> Result<Value> {
    Ok(match &v {
        Value::Undefined(_) => Value::list(Vec::new()),
        Value::Dict(d) => Value::list(d.borrow().iter().map(|(k, val)| Value::tuple(vec![k.clone(), val.clone()])).collect()),
        _ => return Err(type_err("Can only get item pairs from a mapping.")),
    })
}

pub(crate) fn do_join(it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
    let sep = args.take(0, "d").map(|d| to_str(&d)).unwrap_or_default();
    let getter = Getter::new(args.take(1, "attribute"), None);
    let items = match &v {
        Value::Undefined(_) if !it.cfg.strict => Vec::new(),
        other => items_of(other)?,
    };
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        match getter.get(it, item)? {
            Value::Str(s) => out.push_str(&s),
            x => out.push_str(&soft_str(it, &x)?),
        }
    }
    Ok(Value::str(out))
}

pub(crate) fn do_list(it: &mut Interp<'_>, v: Value, _args: Args) -> Result<Value> {
    Ok(match &v {
        Value::Undefined(msg) if it.cfg.strict => return Err(Error::undefined(msg)),
        other => Value::list(items_of(other)?),
    })
}

pub(crate) fn do_map(it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
    let items = match &v {
        Value::Undefined(_) => Vec::new(),
        other => items_of(other)?,
    };
    Ok(if let Some(attribute) = args.kw.shift_remove("attribute") {
        let getter = Getter::new(Some(attribute), args.kw.shift_remove("default"));
        Value::list(items.iter().map(|i| getter.get(it, i)).collect::<Result<_>>()?)
    } else {
        if args.pos.is_empty() {
            return Err(Error::new(ErrorKind::Other, "map requires a filter argument"));
        }
        let name = to_str(&args.pos.remove(0));
        let filter = crate::filters::lookup(&name).ok_or_else(|| crate::filters::unknown_filter(&name))?;
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            let a = Args { pos: args.pos.clone(), kw: args.kw.clone() };
            out.push(filter.apply(it, item, a)?);
        }
        Value::list(out)
    })
}

/// `max` and `min` (`name` says which).
pub(crate) fn extreme(it: &mut Interp<'_>, v: Value, mut args: Args, name: &str) -> Result<Value> {
    let case_sensitive = truthy_kw(&mut args, 0, "case_sensitive");
    let getter = Getter::new(args.take(1, "attribute"), None);
    let items = items_of(&v)?;
    let mut best: Option<(Value, Value)> = None;
    for item in items {
        let k = lower_key(getter.get(it, &item)?, case_sensitive);
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
    Ok(best.map(|(_, item)| item).unwrap_or_else(|| Value::undefined("No aggregated item, sequence was empty.")))
}

pub(crate) fn do_random(_it: &mut Interp<'_>, v: Value, _args: Args) -> Result<Value> {
    let items = items_of(&v)?;
    if items.is_empty() {
        return Err(Error::new(ErrorKind::Other, "IndexError: Cannot choose from an empty sequence"));
    }
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    Ok(items[nanos as usize % items.len()].clone())
}

/// `select`, `reject`, `selectattr`, `rejectattr` (`name` says which).
pub(crate) fn filter_items(it: &mut Interp<'_>, v: Value, mut args: Args, name: &str) -> Result<Value> {
    let by_attr = name.ends_with("attr");
    let items = match &v {
        Value::Undefined(_) => Vec::new(),
        other => items_of(other)?,
    };
    // Like Jinja2, an empty sequence is returned before the test is even looked up.
    if items.is_empty() {
        return Ok(Value::list(Vec::new()));
    }
    let mut pos = std::mem::take(&mut args.pos).into_iter();
    let getter = Getter::new(if by_attr { pos.next() } else { None }, None);
    // The test is looked up and its arguments bound once, not per item.
    let test = match pos.next().map(|t| to_str(&t)) {
        Some(name) => {
            let test = crate::tests::lookup(&name).ok_or_else(|| crate::tests::unknown_test(&name))?;
            let bound = test.bind(Args { pos: pos.collect(), kw: std::mem::take(&mut args.kw) })?;
            Some((test, bound))
        }
        None => None,
    };
    let keep_if = name.starts_with("select");
    let mut out = Vec::new();
    for item in items {
        let x = getter.get(it, &item)?;
        let ok = match &test {
            Some((test, bound)) => (test.call)(it, &x, bound)?,
            None => it.truthy(&x)?,
        };
        if ok == keep_if {
            out.push(item);
        }
    }
    Ok(Value::list(out))
}

pub(crate) fn do_reverse(_it: &mut Interp<'_>, v: Value, _args: Args) -> Result<Value> {
    Ok(match &v {
        Value::Str(s) | Value::Markup(s) => Value::str(s.chars().rev().collect::<String>()),
        other => {
            let mut items = items_of(other)?;
            items.reverse();
            Value::list(items)
        }
    })
}

pub(crate) fn do_slice(_it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
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
    Ok(Value::list(out))
}

pub(crate) fn do_sort(it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
    let reverse = truthy_kw(&mut args, 0, "reverse");
    let case_sensitive = truthy_kw(&mut args, 1, "case_sensitive");
    let attribute = args.take(2, "attribute");
    let items = items_of(&v)?;
    let attrs: Vec<Getter> = match attribute {
        None => Vec::new(),
        Some(Value::Str(s)) => s.split(',').map(|p| Getter::new(Some(Value::str(p.trim())), None)).collect(),
        Some(other) => vec![Getter::new(Some(other), None)],
    };
    let mut keyed = Vec::new();
    for item in items {
        let key = if attrs.is_empty() {
            lower_key(item.clone(), case_sensitive)
        } else {
            let mut key = Vec::new();
            for a in &attrs {
                key.push(lower_key(a.get(it, &item)?, case_sensitive));
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
    Ok(Value::list(sorted))
}

pub(crate) fn do_sum(it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
    let getter = Getter::new(args.take(0, "attribute"), None);
    let mut total = args.take(1, "start").unwrap_or(Value::Int(0));
    for item in items_of(&v)? {
        let x = getter.get(it, &item)?;
        total = crate::ops::add(&total, &x)?;
    }
    Ok(total)
}

pub(crate) fn do_unique(it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
    let case_sensitive = truthy_kw(&mut args, 0, "case_sensitive");
    let getter = Getter::new(args.take(1, "attribute"), None);
    let mut seen: Vec<Value> = Vec::new();
    let mut out = Vec::new();
    for item in items_of(&v)? {
        let k = lower_key(getter.get(it, &item)?, case_sensitive);
        if !seen.contains(&k) {
            seen.push(k);
            out.push(item);
        }
    }
    Ok(Value::list(out))
}
