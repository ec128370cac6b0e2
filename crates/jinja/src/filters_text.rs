//! Text filters with markupsafe's and Jinja2's exact algorithms: `striptags` (with HTML
//! entity decoding), `title`, `urlencode`, `urlize`, `wordwrap` (textwrap's).

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
