//! Python's `str.format` for templates: `'{} {}'.format(a, b)`, `{0}`, `{name}`,
//! `{0[key]}`, `{name.attr}`, `{!r}`, `{:spec}`.

use crate::error::{type_err, value_err, Error, ErrorKind, Result};
use crate::interp::Args;
use crate::print::to_str;
use crate::pyfmt;
use crate::value::Value;

/// Python's `str.format`: `{}`, `{0}`, `{name}`, `{0[key]}`, `{name.attr}`, `{!r}`, `{:spec}`.
pub fn str_format(fmt: &str, args: &Args) -> Result<String> {
    let mut out = String::new();
    let mut auto = 0usize;
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '}' => return Err(value_err("Single '}' encountered in format string")),
            '{' => {
                let mut field = String::new();
                let mut depth = 1;
                for c in chars.by_ref() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    field.push(c);
                }
                if depth != 0 {
                    return Err(value_err("expected '}' before end of string"));
                }
                let (name_conv, spec) = match field.find(':') {
                    Some(i) => (&field[..i], &field[i + 1..]),
                    None => (field.as_str(), ""),
                };
                let (name, conv) = match name_conv.find('!') {
                    Some(i) => (&name_conv[..i], Some(&name_conv[i + 1..])),
                    None => (name_conv, None),
                };
                let split = name.find(['.', '[']).unwrap_or(name.len());
                let (head, mut rest) = (&name[..split], &name[split..]);
                let mut value = if head.is_empty() {
                    let v = args.pos.get(auto).cloned().ok_or_else(|| Error::new(ErrorKind::Other, format!("IndexError: Replacement index {auto} out of range for positional args tuple")))?;
                    auto += 1;
                    v
                } else if let Ok(i) = head.parse::<usize>() {
                    args.pos.get(i).cloned().ok_or_else(|| Error::new(ErrorKind::Other, format!("IndexError: Replacement index {i} out of range for positional args tuple")))?
                } else {
                    args.kw.get(head).cloned().ok_or_else(|| Error::new(ErrorKind::Other, format!("KeyError: '{head}'")))?
                };
                while !rest.is_empty() {
                    if let Some(r) = rest.strip_prefix('.') {
                        let end = r.find(['.', '[']).unwrap_or(r.len());
                        value = match &value {
                            Value::Dict(_) | Value::Str(_) | Value::List(_) => {
                                let attr = crate::methods::attribute(&value, &r[..end]);
                                attr.ok_or_else(|| Error::new(ErrorKind::Other, format!("AttributeError: '{}' object has no attribute '{}'", value.type_name(), &r[..end])))?
                            }
                            _ => return Err(Error::new(ErrorKind::Other, format!("AttributeError: '{}' object has no attribute '{}'", value.type_name(), &r[..end]))),
                        };
                        rest = &r[end..];
                    } else if let Some(r) = rest.strip_prefix('[') {
                        let end = r.find(']').ok_or_else(|| value_err("Missing ']' in format string"))?;
                        let key = &r[..end];
                        let k = key.parse::<i128>().map(Value::Int).unwrap_or_else(|_| Value::str(key));
                        value = match (&value, &k) {
                            (Value::Dict(d), _) => d.borrow().get(&k).cloned().ok_or_else(|| Error::new(ErrorKind::Other, format!("KeyError: '{key}'")))?,
                            (Value::List(_) | Value::Tuple(_), Value::Int(i)) => {
                                value.iter_values().and_then(|items| items.get(*i as usize).cloned()).ok_or_else(|| Error::new(ErrorKind::Other, "IndexError: list index out of range"))?
                            }
                            _ => return Err(type_err(format!("'{}' object is not subscriptable", value.type_name()))),
                        };
                        rest = &r[end + 1..];
                    } else {
                        return Err(value_err("Only '.' or '[' may follow ']' in format field specifier"));
                    }
                }
                let value = match conv {
                    Some("r") | Some("a") => Value::str(crate::print::repr(&value)),
                    Some("s") => Value::str(to_str(&value)),
                    None => value,
                    Some(other) => return Err(value_err(format!("Unknown conversion specifier {other}"))),
                };
                out.push_str(&pyfmt::format_spec(&value, spec)?);
            }
            c => out.push(c),
        }
    }
    Ok(out)
}
