//! Which reader an input needs, from its first characters: users paste and
//! drop files without saying what they are.

use serde::{Deserialize, Serialize};

use super::tapipy::looks_like_tapipy;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputFormat {
    /// JSON: one document, several in a row, or NDJSON (a bundle is JSON too).
    Json,
    /// What a tapipy notebook prints: `key: value` lines.
    TapipyText,
    /// A Python dict or list repr (`print(job.__dict__)`, pprint).
    PythonRepr,
    /// Nothing recognisable (empty, binary, prose).
    Unknown,
}

pub fn detect(text: &str) -> InputFormat {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    let Some(first) = t.chars().next() else {
        return InputFormat::Unknown;
    };
    match first {
        '{' | '[' | '(' => {
            // Past the brackets, a quote tells Python from JSON.
            let inner = t.trim_start_matches(|c: char| {
                c == '[' || c == '{' || c == '(' || c.is_whitespace()
            });
            if inner.starts_with('\'') {
                return InputFormat::PythonRepr;
            }
            let after_bracket = t[1..].trim_start_matches([' ', '\t']);
            // The rest of the first line is blank: found without looking for the
            // line's end, which in a compact document is the end of the text.
            let first_line_blank = || {
                let rest =
                    after_bracket.trim_start_matches(|c: char| c != '\n' && c.is_whitespace());
                rest.is_empty() || rest.starts_with('\n')
            };
            if first == '[' && first_line_blank() && looks_like_tapipy(t) {
                let next = after_bracket.trim_start();
                if !next.starts_with(['{', '[', '"', ']']) {
                    return InputFormat::TapipyText;
                }
            }
            if first == '(' {
                InputFormat::PythonRepr
            } else {
                InputFormat::Json
            }
        }
        '\'' => InputFormat::PythonRepr,
        // A notebook may print a header line (`<uuid> FAILED <time>`) before the items.
        '-' | '0'..='9'
            if looks_like_tapipy(t)
                && serde_json::from_str::<serde::de::IgnoredAny>(t).is_err() =>
        {
            InputFormat::TapipyText
        }
        '"' | '-' | '0'..='9' => InputFormat::Json,
        _ if looks_like_tapipy(t) => InputFormat::TapipyText,
        _ => InputFormat::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_the_shapes_apart() {
        assert_eq!(detect("  {\"result\": []}"), InputFormat::Json);
        assert_eq!(detect("[\n {\"event\": 1}]"), InputFormat::Json);
        assert_eq!(detect("{'id': 1,\n 'name': 'x'}"), InputFormat::PythonRepr);
        assert_eq!(detect("'JobMetadata': {'id': 1},"), InputFormat::PythonRepr);
        assert_eq!(
            detect("\ncreated: x\nevent: JOB_NEW_STATUS\n"),
            InputFormat::TapipyText
        );
        assert_eq!(
            detect("[\ncreated: x\nevent: JOB_NEW_STATUS, \ncreated: y]"),
            InputFormat::TapipyText
        );
        assert_eq!(
            detect("0d3c-007 FAILED 2024\n\nappId: a\nuuid: 0d3c-007\n"),
            InputFormat::TapipyText
        );
        assert_eq!(detect("3"), InputFormat::Json);
        assert_eq!(detect(""), InputFormat::Unknown);
        assert_eq!(detect("\u{0}\u{1}binary"), InputFormat::Unknown);
    }
}
