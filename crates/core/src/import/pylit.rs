//! Python literals as notebooks print them: `print(job.__dict__)`, pprint'ed
//! dicts, `['a', 'b']` lists inside tapipy prints. Read into JSON values so the
//! rest of the import treats them like any JSON payload. Recursive descent,
//! bounded by [`MAX_DEPTH`]; Python's `nan`, `inf` and `-inf` (which JSON has
//! no word for) are read as `None`, and counted.

use serde_json::{Map, Number, Value};

use super::limits::{too_deep, MAX_DEPTH};
use crate::model::Location;

/// A Python literal read whole.
#[derive(Debug)]
pub(crate) struct Literal {
    pub value: Value,
    /// Byte offsets of the `nan`s and `inf`s read as `None`.
    pub nonfinite: Vec<usize>,
}

/// A Python literal; `Err` carries where and why it stopped.
pub(crate) fn parse(text: &str) -> Result<Literal, (Location, String)> {
    let mut p = Parser::new(text);
    p.ws();
    let value = p.value()?;
    p.ws();
    if p.i < p.s.len() {
        return Err(p.err("text after the value"));
    }
    Ok(Literal {
        value,
        nonfinite: p.nonfinite,
    })
}

/// The Python literal at the start of `text` (a list in a tapipy line) and the
/// byte where it ends; `None` when `text` does not start with one.
pub(crate) fn parse_prefix(text: &str) -> Option<(Value, usize)> {
    let mut p = Parser::new(text);
    let value = p.value().ok()?;
    Some((value, p.i))
}

struct Parser<'t> {
    s: &'t [u8],
    i: usize,
    text: &'t str,
    /// Dicts and lists open around the current position.
    depth: usize,
    nonfinite: Vec<usize>,
}

impl<'t> Parser<'t> {
    fn new(text: &'t str) -> Parser<'t> {
        Parser {
            s: text.as_bytes(),
            i: 0,
            text,
            depth: 0,
            nonfinite: Vec::new(),
        }
    }

    fn err(&self, why: &str) -> (Location, String) {
        (
            super::locate::location_of(self.text, self.i),
            why.to_string(),
        )
    }

    fn ws(&mut self) {
        while self.i < self.s.len() && (self.s[self.i] as char).is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn value(&mut self) -> Result<Value, (Location, String)> {
        self.ws();
        match self.peek() {
            Some(b'{') => self.dict(),
            Some(b'[') => self.list(b']'),
            Some(b'(') => {
                // pprint wraps long strings as ('part' 'part'); tuples read as lists.
                self.list(b')').map(|v| match v {
                    Value::Array(mut a) if a.len() == 1 => a.remove(0),
                    other => other,
                })
            }
            Some(b'\'' | b'"') => self.strings(),
            Some(_) => self.atom(),
            None => Err(self.err("unexpected end of text")),
        }
    }

    /// Opens a dict or list: an error past [`MAX_DEPTH`], before any recursion.
    fn enter(&mut self) -> Result<(), (Location, String)> {
        if self.depth == MAX_DEPTH {
            return Err(self.err(&too_deep()));
        }
        self.depth += 1;
        self.i += 1;
        Ok(())
    }

    fn dict(&mut self) -> Result<Value, (Location, String)> {
        self.enter()?;
        let mut map = Map::new();
        loop {
            self.ws();
            if self.peek() == Some(b'}') {
                self.i += 1;
                self.depth -= 1;
                return Ok(Value::Object(map));
            }
            let key = match self.value()? {
                Value::String(s) => s,
                other => other.to_string(),
            };
            self.ws();
            if self.peek() != Some(b':') {
                return Err(self.err("expected ':' after a dict key"));
            }
            self.i += 1;
            let v = self.value()?;
            map.insert(key, v);
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {}
                _ => return Err(self.err("expected ',' or '}' in a dict")),
            }
        }
    }

    fn list(&mut self, close: u8) -> Result<Value, (Location, String)> {
        self.enter()?;
        let mut items = Vec::new();
        loop {
            self.ws();
            if self.peek() == Some(close) {
                self.i += 1;
                self.depth -= 1;
                return Ok(Value::Array(items));
            }
            items.push(self.value()?);
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(c) if c == close => {}
                _ => return Err(self.err("expected ',' or the end of a list")),
            }
        }
    }

    /// One or more adjacent string literals, concatenated as Python does.
    fn strings(&mut self) -> Result<Value, (Location, String)> {
        let mut out = String::new();
        while let Some(q @ (b'\'' | b'"')) = self.peek() {
            self.string(q, &mut out)?;
            self.ws();
        }
        Ok(Value::String(out))
    }

    fn string(&mut self, quote: u8, out: &mut String) -> Result<(), (Location, String)> {
        self.i += 1;
        loop {
            let rest = &self.text[self.i..];
            let stop = rest
                .bytes()
                .position(|b| b == quote || b == b'\\' || b == b'\n')
                .ok_or_else(|| self.err("unterminated string"))?;
            out.push_str(&rest[..stop]);
            self.i += stop;
            match self.s[self.i] {
                b'\\' => {
                    self.i += 1;
                    let c = self.peek().ok_or_else(|| self.err("unterminated string"))?;
                    self.i += 1;
                    match c {
                        b'n' => out.push('\n'),
                        b't' => out.push('\t'),
                        b'r' => out.push('\r'),
                        b'0' => out.push('\0'),
                        b'x' => out.push(self.hex(2)?),
                        b'u' => out.push(self.hex(4)?),
                        b'U' => out.push(self.hex(8)?),
                        b'\n' => {}
                        other => {
                            // \\, \', \" and anything Python keeps as is.
                            if !matches!(other, b'\\' | b'\'' | b'"') {
                                out.push('\\');
                            }
                            self.i -= 1;
                            let ch = self.text[self.i..].chars().next().unwrap_or('\\');
                            out.push(ch);
                            self.i += ch.len_utf8();
                        }
                    }
                }
                b'\n' => return Err(self.err("a line break inside a string")),
                _ => {
                    self.i += 1;
                    return Ok(());
                }
            }
        }
    }

    fn hex(&mut self, n: usize) -> Result<char, (Location, String)> {
        let digits = self
            .text
            .get(self.i..self.i + n)
            .ok_or_else(|| self.err("a short escape"))?;
        let code = u32::from_str_radix(digits, 16).map_err(|_| self.err("a bad escape"))?;
        self.i += n;
        Ok(char::from_u32(code).unwrap_or('\u{fffd}'))
    }

    fn atom(&mut self) -> Result<Value, (Location, String)> {
        let start = self.i;
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'+' | b'_') {
                self.i += 1;
            } else {
                break;
            }
        }
        let word = &self.text[start..self.i];
        Ok(match word {
            "None" | "null" => Value::Null,
            "True" | "true" => Value::Bool(true),
            "False" | "false" => Value::Bool(false),
            _ if is_nonfinite(word) => {
                self.nonfinite.push(start);
                Value::Null
            }
            _ => match number(word) {
                Some(n) => Value::Number(n),
                None => {
                    self.i = start;
                    return Err(self.err("not a Python literal"));
                }
            },
        })
    }
}

/// Python's words for floats JSON cannot hold (and `json.dump`'s), or a number
/// too large for a float.
fn is_nonfinite(word: &str) -> bool {
    matches!(
        word,
        "nan" | "inf" | "-inf" | "+inf" | "NaN" | "Infinity" | "-Infinity"
    ) || (word.bytes().any(|b| b.is_ascii_digit())
        && word.parse::<f64>().is_ok_and(|v| !v.is_finite()))
}

/// An integer or a decimal number as Python prints them.
pub(crate) fn number(word: &str) -> Option<Number> {
    if let Ok(i) = word.parse::<i64>() {
        return Some(Number::from(i));
    }
    if word.bytes().any(|b| b.is_ascii_digit())
        && word
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
    {
        return word.parse::<f64>().ok().and_then(Number::from_f64);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dicts_lists_and_python_atoms() {
        let v = parse("{'a': None, 'b': [True, False], 'c': 'it''s' \"x\", 'd': -2, 'e': 1.5, 'f': ('long' 'er')}")
            .unwrap()
            .value;
        assert_eq!(
            v,
            serde_json::json!({"a": null, "b": [true, false], "c": "itsx", "d": -2, "e": 1.5, "f": "longer"})
        );
        assert_eq!(
            parse(r#"['a\'b', 'c\\d', '\u00e9']"#).unwrap().value,
            serde_json::json!(["a'b", "c\\d", "é"])
        );
    }

    #[test]
    fn nan_and_inf_are_none_and_counted() {
        let read = parse("{'a': nan, 'b': [inf, -inf, 1e999], 'c': 1.5}").unwrap();
        assert_eq!(
            read.value,
            serde_json::json!({"a": null, "b": [null, null, null], "c": 1.5})
        );
        assert_eq!(read.nonfinite, vec![6, 17, 22, 28]);
    }

    #[test]
    fn nesting_is_bounded_and_says_where() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        // 100,000 levels, as a hostile file has them: no recursion past the bound.
        let deep = "[{'a': ".repeat(50_000);
        let (at, why) = parse(&deep).unwrap_err();
        assert_eq!(why, format!("nested deeper than {MAX_DEPTH} levels"));
        // At the first bracket past the bound, each `[{'a': ` holding two.
        let (pairs, odd) = (MAX_DEPTH / 2, MAX_DEPTH % 2);
        assert_eq!(
            at,
            Location {
                line: 1,
                column: pairs * 7 + odd + 1
            }
        );
    }

    #[test]
    fn a_prefix_says_where_it_ends() {
        assert_eq!(
            parse_prefix("['a', 1]], tail"),
            Some((serde_json::json!(["a", 1]), 8))
        );
        assert_eq!(parse_prefix("plain"), None);
    }

    #[test]
    fn says_where_it_stopped() {
        let (at, _) = parse("{'a':\n  oops}").unwrap_err();
        assert_eq!(at, Location { line: 2, column: 3 });
    }
}
