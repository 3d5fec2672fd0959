//! JSON inputs: one document, several documents one after another (pages of a
//! history, concatenated arrays or envelopes), or NDJSON. Read in one typed
//! pass per value; a syntax error in NDJSON costs only its line.

use super::dto::Items;
use super::locate::Pos;
use super::records::Builder;
use crate::model::{Location, Severity};

/// Reads every JSON value of `text` into `out`; returns how many values were read.
pub(crate) fn read_json(text: &str, out: &mut Builder) -> usize {
    let mut values = 0;
    let mut base = 0; // byte offset where the current stream starts
    let mut base_line = 1;
    loop {
        let mut stream = serde_json::Deserializer::from_str(&text[base..]).into_iter::<Items>();
        let mut single_lines = true;
        let mut read_here = 0;
        let failed = loop {
            let start = base + stream.byte_offset();
            match stream.next() {
                None => break None,
                Some(Ok(items)) => {
                    let end = base + stream.byte_offset();
                    single_lines &= !text[start..end].trim().contains('\n');
                    out.top(&items, Pos::json(start));
                    values += 1;
                    read_here += 1;
                }
                Some(Err(e)) => break Some(e),
            }
        };
        let Some(e) = failed else { return values };
        let line = base_line + e.line().saturating_sub(1);
        let at = Location {
            line,
            column: e.column(),
        };
        out.diagnostics.push(
            crate::model::Diagnostic::new(
                Severity::Warning,
                out.name,
                format!("not valid JSON: {}", strip_position(&e.to_string())),
            )
            .at(Some(at)),
        );
        // NDJSON: carry on at the next line that starts a value; anything else
        // (one pretty-printed document) cannot be resynchronised.
        let next = next_line_start(text, base, e.line());
        let ndjson = single_lines
            && (read_here > 0 || line == 1)
            && next.is_some_and(|n| text[n..].trim_start().starts_with(['{', '[']));
        let last = out.diagnostics.len() - 1;
        match next {
            Some(n) if ndjson => {
                out.diagnostics[last].action = "this line skipped".into();
                base_line = line + 1;
                base = n;
            }
            _ => {
                out.diagnostics[last].action = if values > 0 {
                    "the rest of this input skipped".into()
                } else {
                    "input skipped".into()
                };
                return values;
            }
        }
    }
}

/// Byte offset of the line after line `line` (1-based) of `text[base..]`.
fn next_line_start(text: &str, base: usize, line: usize) -> Option<usize> {
    let mut at = base;
    for _ in 0..line {
        at += text[at..].find('\n')? + 1;
    }
    (at < text.len()).then_some(at)
}

/// serde_json appends " at line L column C"; we report the position separately.
pub(crate) fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |at| &message[..at])
}
