//! Python's string formatting: `'%s is %d' % (a, b)`, `'{:>8.2f}'.format(x)`, and the
//! number renderings they share.

use crate::error::{type_err, value_err, Result};
use crate::print::{repr, to_str};
use crate::value::Value;

/// `%e` digits in Python's form: `1.500000e-07`.
pub fn exp_format(f: f64, prec: usize, upper: bool) -> String {
    let s = format!("{f:.prec$e}");
    let (m, e) = s.split_once('e').expect("exponent");
    let e: i32 = e.parse().expect("exponent");
    let out = format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    if upper {
        out.to_uppercase()
    } else {
        out
    }
}

/// `%g`: significant digits, fixed or exponential like Python, trailing zeros removed unless
/// `alt`.
pub fn general_format(f: f64, prec: usize, upper: bool, alt: bool) -> String {
    if !f.is_finite() {
        return special(f, upper);
    }
    let p = prec.max(1);
    if f == 0.0 {
        let body = if alt { format!("{:.*}", p - 1, 0.0) } else { "0".into() };
        return if f.is_sign_negative() { format!("-{body}") } else { body };
    }
    let e_str = format!("{:.*e}", p - 1, f);
    let exp: i32 = e_str.split_once('e').expect("exponent").1.parse().expect("exponent");
    let mut out = if exp < -4 || exp >= p as i32 {
        let s = exp_format(f, p - 1, upper);
        if alt {
            s
        } else {
            let (m, e) = s.split_once(if upper { 'E' } else { 'e' }).expect("exponent");
            let m = if m.contains('.') { m.trim_end_matches('0').trim_end_matches('.') } else { m };
            format!("{m}{}{e}", if upper { 'E' } else { 'e' })
        }
    } else {
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        let s = format!("{f:.decimals$}");
        if alt || !s.contains('.') {
            s
        } else {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
    };
    if upper {
        out = out.to_uppercase();
    }
    out
}

fn special(f: f64, upper: bool) -> String {
    let s = if f.is_nan() {
        "nan"
    } else if f > 0.0 {
        "inf"
    } else {
        "-inf"
    };
    if upper {
        s.to_uppercase()
    } else {
        s.to_string()
    }
}

fn as_float(v: &Value, conv: char) -> Result<f64> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Float(f) => Ok(*f),
        Value::Bool(b) => Ok(*b as i128 as f64),
        other => Err(type_err(format!("must be real number, not {}", other.type_name())).with_conv(conv)),
    }
}

trait WithConv {
    fn with_conv(self, conv: char) -> Self;
}

impl WithConv for crate::error::Error {
    fn with_conv(mut self, conv: char) -> Self {
        self.message = format!("%{conv} format: a real number is required, not {}", self.message.rsplit(' ').next().unwrap_or(""));
        self
    }
}

fn as_int(v: &Value, conv: char) -> Result<i128> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i128),
        Value::Float(f) if f.is_finite() => Ok(f.trunc() as i128),
        Value::Float(_) => Err(value_err("cannot convert float infinity or NaN to integer")),
        other => Err(type_err(format!("%{conv} format: a real number is required, not {}", other.type_name()))),
    }
}

struct Spec {
    left: bool,
    plus: bool,
    space: bool,
    zero: bool,
    alt: bool,
    width: usize,
    prec: Option<usize>,
}

fn pad(body: String, spec: &Spec, numeric: bool) -> String {
    let len = body.chars().count();
    if len >= spec.width {
        return body;
    }
    let fill = spec.width - len;
    if spec.left {
        format!("{body}{}", " ".repeat(fill))
    } else if spec.zero && numeric {
        let (sign, digits) = match body.chars().next() {
            Some(c @ ('-' | '+' | ' ')) => (c.to_string(), body[1..].to_string()),
            _ => (String::new(), body),
        };
        format!("{sign}{}{digits}", "0".repeat(fill))
    } else {
        format!("{}{body}", " ".repeat(fill))
    }
}

fn signed(body: String, negative: bool, spec: &Spec) -> String {
    if negative {
        format!("-{body}")
    } else if spec.plus {
        format!("+{body}")
    } else if spec.space {
        format!(" {body}")
    } else {
        body
    }
}

fn convert(conv: char, v: &Value, spec: &Spec) -> Result<String> {
    Ok(match conv {
        's' | 'r' | 'a' => {
            let s = if conv == 's' { to_str(v) } else { repr(v) };
            let s = match spec.prec {
                Some(p) => s.chars().take(p).collect(),
                None => s,
            };
            pad(s, spec, false)
        }
        'd' | 'i' | 'u' => {
            let n = as_int(v, conv)?;
            pad(signed(n.unsigned_abs().to_string(), n < 0, spec), spec, true)
        }
        'x' | 'X' | 'o' => {
            let n = match v {
                Value::Float(_) => return Err(type_err(format!("%{conv} format: an integer is required, not float"))),
                other => as_int(other, conv)?,
            };
            let digits = match conv {
                'x' => format!("{:x}", n.unsigned_abs()),
                'X' => format!("{:X}", n.unsigned_abs()),
                _ => format!("{:o}", n.unsigned_abs()),
            };
            let digits = if spec.alt {
                format!(
                    "{}{digits}",
                    match conv {
                        'x' => "0x",
                        'X' => "0X",
                        _ => "0o",
                    }
                )
            } else {
                digits
            };
            pad(signed(digits, n < 0, spec), spec, true)
        }
        'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
            let f = as_float(v, conv)?;
            let p = spec.prec.unwrap_or(6);
            let body = if !f.is_finite() {
                special(f.abs(), conv.is_uppercase())
            } else {
                match conv {
                    'f' | 'F' => format!("{:.p$}", f.abs()),
                    'e' | 'E' => exp_format(f.abs(), p, conv == 'E'),
                    _ => general_format(f.abs(), p, conv == 'G', spec.alt),
                }
            };
            pad(signed(body, f.is_sign_negative() && !f.is_nan(), spec), spec, true)
        }
        'c' => match v {
            Value::Int(i) => pad(char::from_u32(*i as u32).map(String::from).unwrap_or_default(), spec, false),
            Value::Str(s) if s.chars().count() == 1 => pad(s.to_string(), spec, false),
            _ => return Err(type_err("%c requires int or char")),
        },
        other => return Err(value_err(format!("unsupported format character '{other}' (0x{:x})", other as u32))),
    })
}

/// `fmt % args` with Python's rules: a tuple gives several arguments, a dict named ones
/// (`%(name)s`), anything else one.
pub fn percent_format(fmt: &str, args: &Value) -> Result<String> {
    let (positional, mapping): (Vec<Value>, Option<&Value>) = match args {
        Value::Tuple(t) => (t.as_ref().clone(), None),
        Value::Dict(_) => (vec![args.clone()], Some(args)),
        other => (vec![other.clone()], None),
    };
    let mut next = 0usize;
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    let mut used_mapping = false;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut key: Option<String> = None;
        if chars.get(i) == Some(&'(') {
            let close = chars[i..].iter().position(|c| *c == ')').ok_or_else(|| value_err("incomplete format key"))?;
            key = Some(chars[i + 1..i + close].iter().collect());
            i += close + 1;
        }
        let mut spec = Spec { left: false, plus: false, space: false, zero: false, alt: false, width: 0, prec: None };
        while let Some(&f) = chars.get(i) {
            match f {
                '-' => spec.left = true,
                '+' => spec.plus = true,
                ' ' => spec.space = true,
                '0' => spec.zero = true,
                '#' => spec.alt = true,
                _ => break,
            }
            i += 1;
        }
        let take_star = |next: &mut usize| -> Result<usize> {
            let v = positional.get(*next).ok_or_else(|| type_err("not enough arguments for format string"))?;
            *next += 1;
            as_int(v, '*').map(|n| n.max(0) as usize)
        };
        if chars.get(i) == Some(&'*') {
            spec.width = take_star(&mut next)?;
            i += 1;
        } else {
            while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
                spec.width = spec.width * 10 + d as usize;
                i += 1;
            }
        }
        if chars.get(i) == Some(&'.') {
            i += 1;
            if chars.get(i) == Some(&'*') {
                spec.prec = Some(take_star(&mut next)?);
                i += 1;
            } else {
                let mut p = 0;
                while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
                    p = p * 10 + d as usize;
                    i += 1;
                }
                spec.prec = Some(p);
            }
        }
        while matches!(chars.get(i), Some('h' | 'l' | 'L')) {
            i += 1;
        }
        let conv = *chars.get(i).ok_or_else(|| value_err("incomplete format"))?;
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let value = match &key {
            Some(k) => {
                used_mapping = true;
                match mapping {
                    Some(Value::Dict(d)) => d.borrow().get_str(k).cloned().ok_or_else(|| crate::error::Error::new(crate::error::ErrorKind::Other, format!("KeyError: '{k}'")))?,
                    _ => return Err(type_err("format requires a mapping")),
                }
            }
            None => {
                let v = positional.get(next).cloned().ok_or_else(|| type_err("not enough arguments for format string"))?;
                next += 1;
                v
            }
        };
        out.push_str(&convert(conv, &value, &spec)?);
    }
    if !used_mapping && mapping.is_none() && next < positional.len() {
        return Err(type_err("not all arguments converted during string formatting"));
    }
    Ok(out)
}

/// One `{...}` replacement of `str.format`: value formatted with a format spec.
pub fn format_spec(v: &Value, spec: &str) -> Result<String> {
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let (mut fill, mut align) = (' ', None);
    if chars.len() >= 2 && matches!(chars[1], '<' | '>' | '^' | '=') {
        fill = chars[0];
        align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && matches!(chars[0], '<' | '>' | '^' | '=') {
        align = Some(chars[0]);
        i = 1;
    }
    let mut sign = '-';
    if let Some(&c @ ('+' | '-' | ' ')) = chars.get(i) {
        sign = c;
        i += 1;
    }
    let mut alt = false;
    if chars.get(i) == Some(&'#') {
        alt = true;
        i += 1;
    }
    if chars.get(i) == Some(&'0') {
        if align.is_none() {
            fill = '0';
            align = Some('=');
        }
        i += 1;
    }
    let mut width = 0usize;
    while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
        width = width * 10 + d as usize;
        i += 1;
    }
    let mut grouping = None;
    if let Some(&c @ (',' | '_')) = chars.get(i) {
        grouping = Some(c);
        i += 1;
    }
    let mut prec = None;
    if chars.get(i) == Some(&'.') {
        i += 1;
        let mut p = 0;
        while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
            p = p * 10 + d as usize;
            i += 1;
        }
        prec = Some(p);
    }
    let ty = chars.get(i).copied();
    if i + ty.map_or(0, |_| 1) != chars.len() {
        return Err(value_err(format!("Invalid format specifier '{spec}'")));
    }
    let numeric = matches!(v, Value::Int(_) | Value::Float(_) | Value::Bool(_)) && !matches!(ty, Some('s'));
    let (negative, mut body) = match (v, ty) {
        (Value::Str(_) | Value::Markup(_), None | Some('s')) => {
            let s = to_str(v);
            (
                false,
                match prec {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                },
            )
        }
        (Value::Str(_) | Value::Markup(_), Some(t)) => return Err(value_err(format!("Unknown format code '{t}' for object of type 'str'"))),
        (Value::Int(_) | Value::Bool(_), None | Some('d') | Some('n')) => {
            let n = as_int(v, 'd')?;
            (n < 0, n.unsigned_abs().to_string())
        }
        (Value::Int(_) | Value::Bool(_), Some(t @ ('x' | 'X' | 'o' | 'b'))) => {
            let n = as_int(v, 'd')?;
            let a = n.unsigned_abs();
            let digits = match t {
                'x' => format!("{a:x}"),
                'X' => format!("{a:X}"),
                'o' => format!("{a:o}"),
                _ => format!("{a:b}"),
            };
            let prefix = if alt {
                match t {
                    'x' => "0x",
                    'X' => "0X",
                    'o' => "0o",
                    _ => "0b",
                }
            } else {
                ""
            };
            (n < 0, format!("{prefix}{digits}"))
        }
        (Value::Int(_) | Value::Bool(_) | Value::Float(_), Some(t @ ('f' | 'F' | 'e' | 'E' | 'g' | 'G' | '%'))) => {
            let f = as_float(v, t)?;
            let p = prec.unwrap_or(6);
            let a = f.abs();
            let body = match t {
                _ if !a.is_finite() => special(a, t.is_uppercase()),
                'f' | 'F' => format!("{a:.p$}"),
                'e' | 'E' => exp_format(a, p, t == 'E'),
                '%' => format!("{:.p$}%", a * 100.0),
                _ => general_format(a, p, t == 'G', alt),
            };
            (f.is_sign_negative() && !f.is_nan(), body)
        }
        (Value::Float(f), None) => {
            let body = match prec {
                Some(p) => general_format(f.abs(), p, false, alt),
                None => crate::print::float_repr(f.abs()),
            };
            (f.is_sign_negative() && !f.is_nan(), body)
        }
        (_, None) => (false, to_str(v)),
        (other, Some(t)) => return Err(value_err(format!("Unknown format code '{t}' for object of type '{}'", other.type_name()))),
    };
    if let (Some(sep), true) = (grouping, numeric) {
        let (int_part, rest) = match body.find(|c: char| !c.is_ascii_digit()) {
            Some(pos) => (body[..pos].to_string(), body[pos..].to_string()),
            None => (body.clone(), String::new()),
        };
        let mut grouped = String::new();
        for (n, c) in int_part.chars().enumerate() {
            if n > 0 && (int_part.len() - n) % 3 == 0 {
                grouped.push(sep);
            }
            grouped.push(c);
        }
        body = format!("{grouped}{rest}");
    }
    let sign_str = if numeric {
        if negative {
            "-"
        } else if sign == '+' {
            "+"
        } else if sign == ' ' {
            " "
        } else {
            ""
        }
    } else {
        ""
    };
    let len = sign_str.chars().count() + body.chars().count();
    let fill_n = width.saturating_sub(len);
    let fills = |n: usize| std::iter::repeat_n(fill, n).collect::<String>();
    let align = align.unwrap_or(if numeric { '>' } else { '<' });
    Ok(match align {
        '<' => format!("{sign_str}{body}{}", fills(fill_n)),
        '^' => format!("{}{sign_str}{body}{}", fills(fill_n / 2), fills(fill_n - fill_n / 2)),
        '=' => format!("{sign_str}{}{body}", fills(fill_n)),
        _ => format!("{}{sign_str}{body}", fills(fill_n)),
    })
}
