//! The platform's own filters (`jsonpath`, `timestamp_to_iso8601`, `iso8601_to_timestamp`,
//! `regex_match`, `time_with_delta`, `fromjson`), with the semantics written down in
//! `tests/jinja-diff/PLATFORM_FILTERS.md` and played by the differential test's reference.

use crate::error::{type_err, value_err, Error, ErrorKind, Result};
use crate::interp::{Args, Interp};
use crate::print::to_str;
use crate::value::Value;

pub(crate) fn do_fromjson(_it: &mut Interp<'_>, v: Value, _args: Args) -> Result<Value> {
    match &v {
        Value::Str(s) | Value::Markup(s) => crate::pyjson::loads(s),
        _ => Ok(v),
    }
}

pub(crate) fn do_regex_match(it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
    let pattern = args.take(0, "pattern").map(|p| to_str(&p)).ok_or_else(|| type_err("regex_match() missing 1 required positional argument: 'pattern'"))?;
    let ignore_case = args.take(1, "ignore_case").is_some_and(|b| b.truthy());
    args.done("regex_match", 2)?;
    let subject = crate::filters::soft_str(it, &v)?;
    let re = python_regex(&pattern, ignore_case)?;
    let matched = re.is_match(&subject).map_err(|e| Error::new(ErrorKind::Limit, format!("regex_match gave up: {e}")))?;
    Ok(Value::Bool(matched))
}

pub(crate) fn do_timestamp_to_iso8601(_it: &mut Interp<'_>, v: Value, _args: Args) -> Result<Value> {
    defined(&v)?;
    Ok(Value::str(iso_from_seconds(seconds(&v)?)?))
}

pub(crate) fn do_time_with_delta(_it: &mut Interp<'_>, v: Value, _args: Args) -> Result<Value> {
    defined(&v)?;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0);
    let delta = match seconds(&v)? {
        Value::Int(i) => i as f64,
        Value::Float(f) => f,
        _ => 0.0,
    };
    Ok(Value::str(iso_from_seconds(Value::Float(now + delta))?))
}

pub(crate) fn do_iso8601_to_timestamp(_it: &mut Interp<'_>, v: Value, _args: Args) -> Result<Value> {
    defined(&v)?;
    match &v {
        Value::Str(s) | Value::Markup(s) => Ok(Value::Int(iso_to_seconds(s)?)),
        other => Err(type_err(format!("expected an ISO 8601 string, got {}", other.type_name()))),
    }
}

pub(crate) fn do_jsonpath(_it: &mut Interp<'_>, v: Value, mut args: Args) -> Result<Value> {
    defined(&v)?;
    let path = args.take(0, "path").map(|p| to_str(&p)).ok_or_else(|| type_err("jsonpath() missing 1 required positional argument: 'path'"))?;
    let return_all = args.take(1, "return_all").is_some_and(|b| b.truthy());
    args.done("jsonpath", 2)?;
    let steps = crate::jsonpath::parse(&path)?;
    let mut matches = crate::jsonpath::find(&steps, &v);
    Ok(if return_all {
        Value::list(matches)
    } else {
        match matches.len() {
            0 => Value::None,
            1 => matches.remove(0),
            _ => Value::list(matches),
        }
    })
}

/// Every platform filter but regex_match and fromjson refuses an undefined value.
fn defined(v: &Value) -> Result<()> {
    match v {
        Value::Undefined(msg) => Err(Error::undefined(msg)),
        _ => Ok(()),
    }
}

/// Python `re.match`: anchored at the start, Python's syntax (named groups `(?P<n>)`,
/// back-references `\1` and `(?P=n)`, look-around) through fancy-regex.
fn python_regex(pattern: &str, ignore_case: bool) -> Result<std::rc::Rc<fancy_regex::Regex>> {
    // Compiled patterns are cached per thread, like Python's `re` module cache. By pattern,
    // then case sensitive / insensitive: a hit allocates nothing, and the regex keeps its
    // matching caches warm (a cloned regex would start them again).
    type Compiled = [Option<std::rc::Rc<fancy_regex::Regex>>; 2];
    thread_local! {
        static CACHE: std::cell::RefCell<rustc_hash::FxHashMap<String, Compiled>> = Default::default();
    }
    let slot = ignore_case as usize;
    if let Some(re) = CACHE.with(|c| c.borrow().get(pattern).and_then(|both| both[slot].clone())) {
        return Ok(re);
    }
    let re = std::rc::Rc::new(compile_python_regex(pattern, ignore_case)?);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= 512 {
            c.clear();
        }
        c.entry(pattern.to_owned()).or_default()[slot] = Some(re.clone());
    });
    Ok(re)
}

fn compile_python_regex(pattern: &str, ignore_case: bool) -> Result<fancy_regex::Regex> {
    static NAMED_BACKREF: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| regex::Regex::new(r"\(\?P=(\w+)\)").expect("a valid pattern"));
    let translated = NAMED_BACKREF.replace_all(pattern, r"\k<$1>");
    let translated = translated.replace("\\Z", "\\z");
    let flags = if ignore_case { "(?i)" } else { "" };
    fancy_regex::RegexBuilder::new(&format!("{flags}^(?:{translated})")).backtrack_limit(1_000_000).build().map_err(|e| Error::new(ErrorKind::Other, format!("re.error: {e}")))
}

/// A number of seconds: an int, a float, or a string holding one.
fn seconds(v: &Value) -> Result<Value> {
    match v {
        Value::Int(_) | Value::Float(_) => Ok(v.clone()),
        Value::Str(s) | Value::Markup(s) => {
            let t = s.trim();
            if let Ok(i) = t.parse::<i128>() {
                return Ok(Value::Int(i));
            }
            crate::filters_num::parse_py_float(t).map(Value::Float).ok_or_else(|| value_err(format!("could not convert string to float: '{t}'")))
        }
        other => Err(type_err(format!("expected a number of seconds, got {}", other.type_name()))),
    }
}

/// `datetime.fromtimestamp(s, tz=UTC).isoformat()`.
fn iso_from_seconds(v: Value) -> Result<String> {
    let micros: i128 = match v {
        Value::Int(i) => i * 1_000_000,
        Value::Float(f) if f.is_finite() => (f * 1e6).round_ties_even() as i128,
        _ => return Err(value_err("cannot convert float NaN or infinity to a date")),
    };
    let dt = time::OffsetDateTime::from_unix_timestamp_nanos(micros * 1000).map_err(|_| value_err(format!("year is out of range (timestamp {})", micros / 1_000_000)))?;
    if dt.year() < 1 || dt.year() > 9999 {
        return Err(value_err(format!("year {} is out of range", dt.year())));
    }
    let base = format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", dt.year(), dt.month() as u8, dt.day(), dt.hour(), dt.minute(), dt.second());
    let us = dt.microsecond();
    Ok(if us == 0 { format!("{base}+00:00") } else { format!("{base}.{us:06}+00:00") })
}

/// ISO 8601 text to whole epoch seconds (fraction dropped toward zero); a time without
/// offset is UTC.
fn iso_to_seconds(s: &str) -> Result<i128> {
    let t = s.trim();
    static ISO: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$").expect("a valid pattern"));
    let re = &*ISO;
    let bad = || value_err(format!("not an ISO 8601 date-time: '{t}'"));
    let c = re.captures(t).ok_or_else(bad)?;
    let num = |i: usize| c.get(i).map(|m| m.as_str().parse::<i128>().unwrap_or(0)).unwrap_or(0);
    let month = time::Month::try_from(num(2) as u8).map_err(|_| value_err("month must be in 1..12"))?;
    let date = time::Date::from_calendar_date(num(1) as i32, month, num(3) as u8).map_err(|_| value_err("day is out of range for month"))?;
    let frac = c.get(7).map(|m| m.as_str()).unwrap_or("");
    let micros: u32 = format!("{:0<6}", &frac[..frac.len().min(6)]).parse().unwrap_or(0);
    let time = time::Time::from_hms_micro(num(4) as u8, num(5) as u8, num(6) as u8, micros).map_err(|_| value_err("time out of range"))?;
    let mut offset_secs = 0i128;
    if let Some(tz) = c.get(8).map(|m| m.as_str()) {
        if !tz.eq_ignore_ascii_case("z") {
            let digits = tz[1..].replace(':', "");
            let hours: i128 = digits[..2].parse().unwrap_or(0);
            let minutes: i128 = digits.get(2..4).and_then(|m| m.parse().ok()).unwrap_or(0);
            if hours > 23 || minutes > 59 {
                return Err(value_err(format!("bad UTC offset in '{t}'")));
            }
            offset_secs = (hours * 3600 + minutes * 60) * if tz.starts_with('-') { -1 } else { 1 };
        }
    }
    let utc = time::PrimitiveDateTime::new(date, time).assume_utc();
    let whole = utc.unix_timestamp() as i128 - offset_secs;
    Ok(if whole < 0 && micros > 0 { whole + 1 } else { whole })
}
