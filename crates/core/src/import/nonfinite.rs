//! `NaN`, `Infinity` and `-Infinity` in JSON. They are not JSON, but Python's
//! `json.dump` writes them for float fields (`allow_nan` is on by default), and
//! one of them would make a whole file unreadable. Only when a JSON input does
//! not read, its text is searched for them outside strings; each becomes `null`
//! (an absent value, as any value of the wrong kind is) and the input is read
//! again, with a note saying how many there were. Positions are mapped back, so
//! every line:column still points into the input as given.

use super::locate::{location_of, offset_of};
use crate::model::Location;

/// The input with its non-finite numbers made `null`.
pub(crate) struct Patched {
    pub text: String,
    /// Offsets in `text` just after a byte that the input did not have (`NaN`,
    /// three bytes, became `null`, four), ascending.
    grown: Vec<usize>,
    /// Offsets in the input of the numbers replaced.
    pub found: Vec<usize>,
}

const WORDS: [(&str, &str); 3] = [
    ("NaN", "null"),
    ("-Infinity", "null     "),
    ("Infinity", "null    "),
];

/// The text with every `NaN`, `Infinity` and `-Infinity` outside strings made
/// `null`; `None` when it has none.
pub(crate) fn patch(text: &str) -> Option<Patched> {
    let bytes = text.as_bytes();
    let mut out = Patched {
        text: String::new(),
        grown: Vec::new(),
        found: Vec::new(),
    };
    let (mut in_string, mut escaped) = (false, false);
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        if b == b'"' {
            in_string = true;
            i += 1;
            continue;
        }
        let word = WORDS.iter().find(|(w, _)| {
            bytes[i..].starts_with(w.as_bytes())
                && !bytes.get(i + w.len()).is_some_and(|n| is_word(*n))
                && !(i > 0 && is_word(bytes[i - 1]))
        });
        match word {
            Some((w, null)) => {
                out.text.push_str(&text[copied..i]);
                out.found.push(i);
                out.text.push_str(null);
                if null.len() > w.len() {
                    out.grown.push(out.text.len());
                }
                i += w.len();
                copied = i;
            }
            None => i += 1,
        }
    }
    if out.found.is_empty() {
        return None;
    }
    out.text.push_str(&text[copied..]);
    Some(out)
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b'+')
}

impl Patched {
    /// Where `at`, a location in the patched text, is in `input`, the text as given.
    pub fn restore(&self, input: &str, at: Location) -> Location {
        let offset = offset_of(&self.text, at);
        let before = self.grown.partition_point(|&g| g <= offset);
        location_of(input, offset - before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_bare_words_outside_strings_are_replaced() {
        let text = r#"{"a": NaN, "b": [Infinity, -Infinity], "NaN": "NaN Infinity", "c": NaNx}"#;
        let p = patch(text).unwrap();
        assert_eq!(
            p.text,
            r#"{"a": null, "b": [null    , null     ], "NaN": "NaN Infinity", "c": NaNx}"#
        );
        assert_eq!(p.found, vec![6, 17, 27]);
        assert!(patch(r#"{"a": "NaN", "b": 1.5e3}"#).is_none());
        // Found by the property tests: a word after a character of several bytes.
        assert_eq!(patch("[\"é\", NaN, é]").unwrap().text, "[\"é\", null, é]");
    }

    #[test]
    fn locations_after_a_replacement_point_into_the_input() {
        let text = "[NaN, NaN, oops]\n[1]";
        let p = patch(text).unwrap();
        let oops = |t: &str| Location {
            line: 1,
            column: t.find("oops").unwrap() + 1,
        };
        assert_eq!(p.restore(text, oops(&p.text)), oops(text));
        let next = Location { line: 2, column: 2 };
        assert_eq!(p.restore(text, next), next);
    }
}
