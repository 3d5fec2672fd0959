//! JSON inputs: one document, several documents one after another (pages of a
//! history, concatenated arrays or envelopes), or NDJSON. Read in one typed
//! pass per value; a syntax error in NDJSON costs only its line.

use super::dto::Items;
use super::limits::too_deep;
use super::locate::Pos;
use super::records::Builder;
use crate::model::{Location, Severity};

/// Reads every JSON value of `text` into `out`; returns how many values were read.
pub(crate) fn read_json(text: &str, out: &mut Builder) -> usize {
    read(text, out, true)
}

/// [`read_json`] with every value collected before the builder sees it, as the
/// import did before `stream`: what the tests compare streaming against.
#[cfg(test)]
pub(crate) fn read_json_collected(text: &str, out: &mut Builder) -> usize {
    read(text, out, false)
}

fn read(text: &str, out: &mut Builder, stream_first: bool) -> usize {
    let mut values = 0;
    let mut base = 0; // byte offset where the current stream starts
    let mut base_line = 1;
    loop {
        let mut de = serde_json::Deserializer::from_str(&text[base..]);
        let mut single_lines = true;
        let mut read_here = 0;
        // The input's first value goes straight into the builder as it is parsed
        // (`stream`); the values after it (NDJSON lines, pages) are small.
        let first = base + leading_whitespace(&text[base..]);
        let streamed = if stream_first && out.is_pristine() && text[first..].starts_with(['{', '['])
        {
            match super::stream::read_value(&mut de, out, Pos::json(first)) {
                Ok(()) => Ok(true),
                Err(e) => {
                    let itemwise = out.itemwise;
                    *out = Builder::new(out.name); // nothing from a broken value
                    out.itemwise = itemwise;
                    Err(e)
                }
            }
        } else {
            Ok(false)
        };
        let mut stream = de.into_iter::<Items>();
        // Whether the streamed value held a line break matters only if a value
        // after it fails: asked then, as scanning a whole compact document for
        // one costs a tenth of reading it.
        let mut streamed_span = None;
        let failed = match streamed {
            Err(e) => Some(e),
            Ok(streamed) => {
                if streamed {
                    let end = base + stream.byte_offset();
                    streamed_span = Some((first, end));
                    if out.itemwise {
                        single_lines &= !text[first..end].trim().contains('\n');
                    }
                    values += 1;
                    read_here += 1;
                }
                loop {
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
                }
            }
        };
        let Some(e) = failed else { return values };
        if let Some((start, end)) = streamed_span {
            single_lines &= !text[start..end].trim().contains('\n');
        }
        let line = base_line + e.line().saturating_sub(1);
        let (at_line, column) = position(&text[base..], e.line(), e.column());
        let at = Location {
            line: base_line + at_line.saturating_sub(1),
            column,
        };
        out.invalid_json += 1;
        out.diagnostics.push(
            crate::model::Diagnostic::new(Severity::Warning, out.name, message(&e)).at(Some(at)),
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

/// serde_json's position of an error in `text` (1-based line, bytes into it), with "just
/// after a line break" (column 0) told as the end of the line the break ends: a reader that
/// skips a string stops before a raw line break in it, one that reads it stops after, and
/// the same text must get the same place whichever read it.
fn position(text: &str, line: usize, column: usize) -> (usize, usize) {
    if column > 0 || line < 2 {
        return (line, column);
    }
    let before = text.split('\n').nth(line - 2).map_or(0, str::len);
    (line - 1, before)
}

/// Bytes of JSON whitespace at the start of `text`.
fn leading_whitespace(text: &str) -> usize {
    text.len() - text.trim_start_matches([' ', '\t', '\r', '\n']).len()
}

/// Byte offset of the line after line `line` (1-based) of `text[base..]`.
fn next_line_start(text: &str, base: usize, line: usize) -> Option<usize> {
    let mut at = base;
    for _ in 0..line {
        at += text[at..].find('\n')? + 1;
    }
    (at < text.len()).then_some(at)
}

/// What was wrong: serde_json's words, without the position (reported apart);
/// its recursion limit in the words every reader uses for it.
fn message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let what = strip_position(&text);
    if what == "recursion limit exceeded" {
        too_deep()
    } else {
        format!("not valid JSON: {what}")
    }
}

/// serde_json appends " at line L column C"; we report the position separately.
pub(crate) fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |at| &message[..at])
}
