//! Text filters with markupsafe's and Jinja2's exact algorithms: `striptags` (with HTML
//! entity decoding), `title`, `urlencode`.

use crate::error::{Error, ErrorKind, Result};
use crate::print::to_str;
use crate::value::Value;

pub(crate) fn striptags(s: &str) -> String {
    let mut text = String::new();
    let mut rest = s;
    // Comments first, then tags, as markupsafe does.
    while let Some(i) = rest.find("<!--") {
        text.push_str(&rest[..i]);
        match rest[i..].find("-->") {
            Some(j) => rest = &rest[i + j + 3..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    text.push_str(rest);
    let mut out = String::new();
    let mut chars = text.char_indices().peekable();
    let bytes = text.as_bytes();
    while let Some((i, c)) = chars.next() {
        if c == '<' && bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/' || *b == b'!' || *b == b'?') {
            if let Some(close) = text[i..].find('>') {
                let end = i + close;
                while chars.peek().is_some_and(|(j, _)| *j <= end) {
                    chars.next();
                }
                continue;
            }
        }
        out.push(c);
    }
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    unescape_html(&collapsed)
}

pub(crate) fn unescape_html(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(|c: char| !(c.is_alphanumeric() || c == '#')).map(|e| e + 1).unwrap_or(rest.len());
        let name = &rest[1..end];
        let semicolon = rest[end..].starts_with(';');
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16).ok().and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + semicolon as usize..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Jinja2's `title`: upper-case the first letter after spaces, `-`, `(`, `{`, `[`, `<`.
pub(crate) fn jinja_title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at_start = true;
    for c in s.chars() {
        if c.is_whitespace() || matches!(c, '-' | '(' | '{' | '[' | '<') {
            out.push(c);
            at_start = true;
        } else if at_start {
            out.extend(c.to_uppercase());
            at_start = false;
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

pub(crate) fn url_quote(s: &str, for_qs: bool) -> String {
    let mut out = String::new();
    for b in s.as_bytes() {
        let c = *b as char;
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '~') || (!for_qs && c == '/') {
            out.push(c);
        } else if for_qs && c == ' ' {
            out.push('+');
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub(crate) fn urlencode(v: &Value) -> Result<String> {
    match v {
        Value::Str(s) | Value::Markup(s) => Ok(url_quote(s, false)),
        Value::Dict(d) => Ok(d.borrow().iter().map(|(k, v)| format!("{}={}", url_quote(&to_str(k), true), url_quote(&to_str(v), true))).collect::<Vec<_>>().join("&")),
        other => match other.iter_values() {
            Some(items) if matches!(other, Value::List(_) | Value::Tuple(_)) => {
                let mut parts = Vec::new();
                for pair in items {
                    let kv = pair.iter_values().unwrap_or_default();
                    if kv.len() != 2 {
                        return Err(Error::new(ErrorKind::Value, "urlencode expects (key, value) pairs"));
                    }
                    parts.push(format!("{}={}", url_quote(&to_str(&kv[0]), true), url_quote(&to_str(&kv[1]), true)));
                }
                Ok(parts.join("&"))
            }
            _ => Ok(url_quote(&to_str(other), false)),
        },
    }
}
