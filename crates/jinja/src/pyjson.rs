//! Python's `json.loads` for the `fromjson` filter: like JSON, plus `NaN`, `Infinity`,
//! `-Infinity`, integers past 64 bits, floats past the double range (`1e400` is `inf`), and
//! the last of duplicate keys winning.

use crate::error::{value_err, Result};
use crate::value::{Dict, Value};

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    depth: usize,
}

pub fn loads(text: &str) -> Result<Value> {
    let mut p = Parser { s: text.as_bytes(), i: 0, depth: 0 };
    p.ws();
    let v = p.value()?;
    p.ws();
    if p.i < p.s.len() {
        return Err(p.err("Extra data"));
    }
    Ok(v)
}

impl Parser<'_> {
    fn err(&self, what: &str) -> crate::error::Error {
        let before = &self.s[..self.i.min(self.s.len())];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let col = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        value_err(format!("{what}: line {line} column {col} (char {})", self.i))
    }

    fn ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn eat(&mut self, lit: &str) -> bool {
        if self.s[self.i..].starts_with(lit.as_bytes()) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Result<Value> {
        self.depth += 1;
        if self.depth > 500 {
            return Err(self.err("document nested too deeply"));
        }
        let v = match self.s.get(self.i) {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => self.string().map(Value::str),
            Some(b'n') if self.eat("null") => Ok(Value::None),
            Some(b't') if self.eat("true") => Ok(Value::Bool(true)),
            Some(b'f') if self.eat("false") => Ok(Value::Bool(false)),
            Some(b'N') if self.eat("NaN") => Ok(Value::Float(f64::NAN)),
            Some(b'I') if self.eat("Infinity") => Ok(Value::Float(f64::INFINITY)),
            Some(b'-') if self.eat("-Infinity") => Ok(Value::Float(f64::NEG_INFINITY)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.err("Expecting value")),
        };
        self.depth -= 1;
        v
    }

    fn number(&mut self) -> Result<Value> {
        let start = self.i;
        self.eat("-");
        let int_start = self.i;
        while self.i < self.s.len() && self.s[self.i].is_ascii_digit() {
            self.i += 1;
        }
        if self.i == int_start || (self.s[int_start] == b'0' && self.i - int_start > 1) {
            self.i = start;
            return Err(self.err("Expecting value"));
        }
        let mut is_float = false;
        if self.s.get(self.i) == Some(&b'.') && self.s.get(self.i + 1).is_some_and(u8::is_ascii_digit) {
            is_float = true;
            self.i += 1;
            while self.i < self.s.len() && self.s[self.i].is_ascii_digit() {
                self.i += 1;
            }
        }
        if matches!(self.s.get(self.i), Some(b'e' | b'E')) {
            let save = self.i;
            self.i += 1;
            if matches!(self.s.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.s.get(self.i).is_some_and(u8::is_ascii_digit) {
                is_float = true;
                while self.i < self.s.len() && self.s[self.i].is_ascii_digit() {
                    self.i += 1;
                }
            } else {
                self.i = save;
            }
        }
        let text = std::str::from_utf8(&self.s[start..self.i]).expect("ASCII digits");
        if !is_float {
            if let Ok(i) = text.parse::<i128>() {
                return Ok(Value::Int(i));
            }
        }
        Ok(Value::Float(text.parse::<f64>().unwrap_or(if text.starts_with('-') { f64::NEG_INFINITY } else { f64::INFINITY })))
    }

    fn string(&mut self) -> Result<String> {
        self.i += 1;
        let mut out = String::new();
        loop {
            let Some(&b) = self.s.get(self.i) else { return Err(self.err("Unterminated string starting at")) };
            match b {
                b'"' => {
                    self.i += 1;
                    return Ok(out);
                }
                b'\\' => {
                    let Some(&e) = self.s.get(self.i + 1) else { return Err(self.err("Unterminated string starting at")) };
                    self.i += 2;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hex = |p: &Self, at: usize| -> Option<u32> { std::str::from_utf8(p.s.get(at..at + 4)?).ok().and_then(|h| u32::from_str_radix(h, 16).ok()) };
                            let Some(hi) = hex(self, self.i) else { return Err(self.err("Invalid \\uXXXX escape")) };
                            self.i += 4;
                            let code = if (0xD800..0xDC00).contains(&hi) && self.s[self.i..].starts_with(b"\\u") {
                                match hex(self, self.i + 2) {
                                    Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                                        self.i += 6;
                                        0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                    }
                                    _ => hi,
                                }
                            } else {
                                hi
                            };
                            out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                        }
                        _ => return Err(self.err("Invalid \\escape")),
                    }
                }
                b if b < 0x20 => return Err(self.err("Invalid control character at")),
                _ => {
                    let len = utf8_len(b);
                    let chunk = std::str::from_utf8(&self.s[self.i..self.i + len]).map_err(|_| self.err("invalid UTF-8"))?;
                    out.push_str(chunk);
                    self.i += len;
                }
            }
        }
    }

    fn array(&mut self) -> Result<Value> {
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.eat("]") {
            return Ok(Value::list(items));
        }
        loop {
            self.ws();
            items.push(self.value()?);
            self.ws();
            if self.eat(",") {
                continue;
            }
            if self.eat("]") {
                return Ok(Value::list(items));
            }
            return Err(self.err("Expecting ',' delimiter"));
        }
    }

    fn object(&mut self) -> Result<Value> {
        self.i += 1;
        let mut d = Dict::new();
        self.ws();
        if self.eat("}") {
            return Ok(Value::dict(d));
        }
        loop {
            self.ws();
            if self.s.get(self.i) != Some(&b'"') {
                return Err(self.err("Expecting property name enclosed in double quotes"));
            }
            let key = self.string()?;
            self.ws();
            if !self.eat(":") {
                return Err(self.err("Expecting ':' delimiter"));
            }
            self.ws();
            let v = self.value()?;
            d.insert(Value::str(key), v);
            self.ws();
            if self.eat(",") {
                continue;
            }
            if self.eat("}") {
                return Ok(Value::dict(d));
            }
            return Err(self.err("Expecting ',' delimiter"));
        }
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xF7 => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}
