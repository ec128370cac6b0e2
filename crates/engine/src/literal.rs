//! Python list literals written as text (`["a", 'b', 10, 2.5, True, None, [1]]`): the right
//! side of `in`, `not in` and `range` in a condition case.

use serde_json::Value;

/// The list a text spells, or `None` when it is not exactly one list literal.
pub fn parse_list_literal(text: &str) -> Option<Vec<Value>> {
    let mut p = Parser { s: text.trim().as_bytes(), i: 0 };
    let Value::Array(items) = p.list()? else {
        return None;
    };
    p.blank();
    (p.i == p.s.len()).then_some(items)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn blank(&mut self) {
        while self.s.get(self.i).is_some_and(u8::is_ascii_whitespace) {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.blank();
        let hit = self.s.get(self.i) == Some(&c);
        self.i += hit as usize;
        hit
    }

    fn list(&mut self) -> Option<Value> {
        if !self.eat(b'[') {
            return None;
        }
        let mut items = Vec::new();
        loop {
            if self.eat(b']') {
                return Some(Value::Array(items));
            }
            items.push(self.value()?);
            if !self.eat(b',') {
                return self.eat(b']').then_some(Value::Array(items));
            }
        }
    }

    fn value(&mut self) -> Option<Value> {
        self.blank();
        match *self.s.get(self.i)? {
            b'[' => self.list(),
            q @ (b'"' | b'\'') => self.string(q),
            _ => self.word(),
        }
    }

    fn string(&mut self, quote: u8) -> Option<Value> {
        self.i += 1;
        let mut out = Vec::new();
        loop {
            let c = *self.s.get(self.i)?;
            self.i += 1;
            match c {
                b'\\' => {
                    let e = *self.s.get(self.i)?;
                    self.i += 1;
                    out.push(match e {
                        b'n' => b'\n',
                        b't' => b'\t',
                        b'r' => b'\r',
                        other => other,
                    });
                }
                c if c == quote => return String::from_utf8(out).ok().map(Value::String),
                c => out.push(c),
            }
        }
    }

    /// A number, `True`, `False`, `None` (or JSON's `true`, `false`, `null`).
    fn word(&mut self) -> Option<Value> {
        let start = self.i;
        while self.s.get(self.i).is_some_and(|c| !matches!(c, b',' | b']') && !c.is_ascii_whitespace()) {
            self.i += 1;
        }
        let word = std::str::from_utf8(&self.s[start..self.i]).ok()?;
        Some(match word {
            "True" | "true" => Value::Bool(true),
            "False" | "false" => Value::Bool(false),
            "None" | "null" => Value::Null,
            w => match w.parse::<i64>() {
                Ok(i) => Value::from(i),
                Err(_) => serde_json::Number::from_f64(w.parse::<f64>().ok()?).map(Value::Number)?,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::parse_list_literal;
    use serde_json::json;

    #[test]
    fn reads_python_and_json_lists() {
        assert_eq!(parse_list_literal(r#" ["my rule 1", 'my \'second\' rule'] "#), Some(vec![json!("my rule 1"), json!("my 'second' rule")]));
        assert_eq!(parse_list_literal("[10, 2.5, True, None, [1]]"), Some(vec![json!(10), json!(2.5), json!(true), json!(null), json!([1])]));
        assert_eq!(parse_list_literal("[]"), Some(vec![]));
        assert_eq!(parse_list_literal("[1, 2] tail"), None);
        assert_eq!(parse_list_literal("[abc]"), None);
        assert_eq!(parse_list_literal("not a list"), None);
        assert_eq!(parse_list_literal("['open"), None);
    }
}
