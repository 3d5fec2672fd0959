//! Reading Tapis job data in every shape users hold it. This is the only module
//! that knows the wire format's field names and its drift across versions.
//!
//! Two stages, so an app can cache the expensive one per input:
//! * [`read_input`] parses ONE input (any format, auto-detected) into
//!   [`InputRecords`]: what it says job by job, plus its diagnostics
//!   ([`read_bytes`] first decodes a file's bytes);
//! * [`assemble`] merges the records of all inputs into [`Job`]s: grouped by
//!   UUID, events in time order, exact duplicates counted once. It is cheap.
//!
//! Neither ever panics or fails as a whole: arbitrary bytes are a valid input.

pub mod api_response;
mod assemble;
mod bundle;
mod decode;
mod detect;
mod dto;
mod entry;
mod history;
mod job;
mod json;
mod lenient;
mod limits;
mod locate;
mod nonfinite;
mod pylit;
mod records;
mod stream;
mod tapipy;

pub use assemble::{assemble, Assembling};
pub use bundle::{to_bundle, to_bundle_as_of, to_bundle_pretty};
pub use decode::utf8_lossy;
pub use detect::{detect, InputFormat};
pub use records::{BUNDLE_FORMAT, BUNDLE_VERSION, EXPORT_FORMAT, EXPORT_VERSION};

use crate::format::{count, shorten};
use crate::model::{
    Diagnostic, Job, Location, Severity, SharedEvents, SharedInfo, SharedText, Ticks, WhatIf,
};
use crate::time::Timestamp;
use decode::Decoded;
use dto::Items;
use limits::{too_large, MAX_TREE_BYTES};
use locate::{location_of, Pos};
use records::Builder;

/// What one input says, before it is merged with the others.
#[derive(Debug, Clone, PartialEq)]
pub struct InputRecords {
    /// The input's name as diagnostics and jobs cite it (a file name, "pasted text").
    pub name: String,
    pub format: InputFormat,
    /// Job by job, in the order first met.
    pub jobs: Vec<JobRecord>,
    pub diagnostics: Vec<Diagnostic>,
    /// The I/O checklist ticks saved in an export (empty for any other input).
    pub checklist_ticks: Ticks,
    /// The what-if settings an export's report was computed with (`None` for
    /// any other input).
    pub what_if: Option<WhatIf>,
}

impl InputRecords {
    /// Something usable was read (the app keeps what is on screen otherwise).
    pub fn read_something(&self) -> bool {
        !self.jobs.is_empty()
    }

    pub fn event_count(&self) -> usize {
        self.jobs.iter().map(|j| j.events.len()).sum()
    }
}

/// One job as one input describes it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JobRecord {
    /// `None` when this input never named the job's UUID.
    pub uuid: Option<SharedText>,
    /// A bundle's name for a job without UUID.
    pub label: Option<String>,
    pub name: Option<SharedText>,
    pub info: Option<SharedInfo>,
    /// Events in the order the input gave them.
    pub events: SharedEvents,
    /// A bundle's `capturedAt` for this job (see `Job::captured`).
    pub captured: Option<Timestamp>,
}

/// What an import produced: the jobs that could be read, and every problem met.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Import {
    pub jobs: Vec<Job>,
    pub diagnostics: Vec<Diagnostic>,
}

/// How many problems in one input get their line and column worked out;
/// beyond that they are counted (finding a position re-scans the text).
const MAX_LOCATED: usize = 100;

/// Parses one input given as bytes (a file, standard input): decoded as a
/// browser's `FileReader.readAsText` decodes a file — UTF-8, a byte order mark
/// dropped, invalid sequences replaced by U+FFFD, as today without a diagnostic
/// — or as UTF-16 when its byte order mark says so; then [`read_input`]. A file
/// that is not text (`decode`) is an error that names it, with its size. The one
/// place an input's encoding is decided.
pub fn read_bytes(name: &str, bytes: &[u8]) -> InputRecords {
    match decode::decode(bytes) {
        Decoded::Text(text) => read_input(name, &text),
        Decoded::Binary(why) => InputRecords {
            name: name.to_string(),
            format: InputFormat::Unknown,
            jobs: Vec::new(),
            diagnostics: vec![Diagnostic::new(Severity::Error, name, why).action("input skipped")],
            checklist_ticks: Ticks::new(),
            what_if: None,
        },
    }
}

/// Parses one input (`name` is what diagnostics call it, e.g. a file name).
pub fn read_input(name: &str, text: &str) -> InputRecords {
    read_input_as(name, text, false)
}

/// [`read_input`] with a bundle's histories and the history responses'
/// `result`s read into items first, as before their events were read straight
/// into events: the benchmark's A/B baseline.
#[doc(hidden)]
pub fn read_input_itemwise(name: &str, text: &str) -> InputRecords {
    read_input_as(name, text, true)
}

fn read_input_as(name: &str, text: &str, itemwise: bool) -> InputRecords {
    let format = detect(text);
    let (records, invalid_json) = read_as(name, text, format, itemwise);
    if invalid_json == 0 {
        return records;
    }
    // JSON that did not read may hold Python's NaN or Infinity: read it again
    // with those absent.
    let Some(patched) = nonfinite::patch(text) else {
        return records;
    };
    let (mut again, _) = read_as(name, &patched.text, format, itemwise);
    for d in &mut again.diagnostics {
        d.location = d.location.map(|at| patched.restore(text, at));
    }
    let note = nonfinite_note(
        name,
        patched.found.len(),
        location_of(text, patched.found[0]),
    );
    let at = usize::from(!again.read_something() && !again.diagnostics.is_empty());
    again.diagnostics.insert(at, note);
    again
}

/// The note for numbers written as NaN or Infinity, read as absent.
fn nonfinite_note(name: &str, n: usize, first: Location) -> Diagnostic {
    Diagnostic::new(
        Severity::Info,
        name,
        format!(
            "{} {} NaN or Infinity, which JSON has no value for \
             (Python writes them for floats)",
            count(n, "number"),
            if n == 1 { "is" } else { "are" }
        ),
    )
    .at(Some(first))
    .action("read as absent values")
}

/// [`read_input`] in `format`; also how many JSON values failed to parse.
fn read_as(name: &str, text: &str, format: InputFormat, itemwise: bool) -> (InputRecords, usize) {
    let mut b = Builder::new(name);
    b.itemwise = itemwise;
    match format {
        InputFormat::Json => {
            json::read_json(text, &mut b);
            if b.jobs.is_empty() && looks_pythonic(text) {
                let mut py = Builder::new(name);
                if read_python(text, &mut py) {
                    b = py;
                }
            }
        }
        InputFormat::PythonRepr => {
            read_python(text, &mut b);
        }
        InputFormat::TapipyText => read_tapipy(text, &mut b),
        InputFormat::Unknown => {
            let why = if text.trim().is_empty() {
                "the input is empty"
            } else {
                "not a format this tool reads: expected Tapis JSON (history, job, list, \
                 bundle), NDJSON, tapipy print output or a Python dict"
            };
            b.diagnostics
                .push(Diagnostic::new(Severity::Error, name, why).action("input skipped"));
        }
    }
    b.report_unknowns();
    b.adopt_anonymous();
    let invalid_json = b.invalid_json;
    (finish(b, text, format), invalid_json)
}

/// `import_text` for one input: [`read_input`] then [`assemble`].
pub fn import_text(name: &str, text: &str) -> Import {
    assemble(&[read_input(name, text)])
}

/// Several named inputs at once.
pub fn import_all<'a>(inputs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Import {
    let records: Vec<InputRecords> = inputs
        .into_iter()
        .map(|(name, text)| read_input(name, text))
        .collect();
    assemble(&records)
}

fn finish(b: Builder, text: &str, format: InputFormat) -> InputRecords {
    let Builder {
        name,
        jobs,
        pending,
        diagnostics: direct,
        checklist_ticks,
        what_if,
        ..
    } = b;
    let mut diagnostics = Vec::with_capacity(pending.len().min(MAX_LOCATED + 1) + direct.len());
    let extra = pending.len().saturating_sub(MAX_LOCATED);
    for (d, pos) in pending.into_iter().take(MAX_LOCATED) {
        diagnostics.push(d.at(pos.resolve(text)));
    }
    if extra > 0 {
        diagnostics.push(
            Diagnostic::new(
                Severity::Warning,
                name,
                format!("{} like the ones above", count(extra, "more problem")),
            )
            .action("skipped likewise"),
        );
    }
    diagnostics.extend(direct);
    if jobs.is_empty() {
        // The first problem is why nothing was read: make it the headline error.
        match diagnostics
            .iter()
            .position(|d| d.severity != Severity::Info)
        {
            Some(i) => {
                let mut d = diagnostics.remove(i);
                d.severity = Severity::Error;
                if d.action.is_empty() || d.action == "skipped" {
                    d.action = "nothing could be read from this input".into();
                }
                diagnostics.insert(0, d);
            }
            None => diagnostics.insert(
                0,
                Diagnostic::new(Severity::Error, name, "no job data found in this input")
                    .action("input skipped"),
            ),
        }
    }
    InputRecords {
        name: name.to_string(),
        format,
        jobs,
        diagnostics,
        checklist_ticks,
        what_if,
    }
}

fn looks_pythonic(text: &str) -> bool {
    ["None", "True", "False", "'"]
        .iter()
        .any(|w| text.contains(w))
}

/// A Python repr; a `'key': {...},` fragment (a dict entry copied out of a
/// bigger print) is read as the dict it belongs to. Returns whether it parsed.
fn read_python(text: &str, b: &mut Builder) -> bool {
    let trimmed = text.trim();
    if trimmed.len() > MAX_TREE_BYTES {
        b.diagnostics.push(
            Diagnostic::new(Severity::Warning, b.name, too_large("a Python repr"))
                .action("input skipped"),
        );
        return false;
    }
    let lead = text.len() - text.trim_start().len();
    let literal = match pylit::parse(trimmed) {
        Ok(v) => v,
        Err(first) => {
            let fragment = format!("{{{}}}", trimmed.trim_end_matches(','));
            match pylit::parse(&fragment) {
                Ok(mut v) if trimmed.starts_with('\'') => {
                    // Offsets into the fragment, which has a `{` before the text.
                    v.nonfinite.iter_mut().for_each(|o| *o -= 1);
                    v
                }
                _ => {
                    let (at, why) = first;
                    let at = location_of(text, lead + locate::offset_of(trimmed, at));
                    let why = if why == limits::too_deep() {
                        why
                    } else {
                        format!("not a valid Python literal: {why}")
                    };
                    b.diagnostics.push(
                        Diagnostic::new(Severity::Warning, b.name, why)
                            .at(Some(at))
                            .action("input skipped"),
                    );
                    return false;
                }
            }
        }
    };
    if let Some(&first) = literal.nonfinite.first() {
        b.diagnostics.push(nonfinite_note(
            b.name,
            literal.nonfinite.len(),
            location_of(text, lead + first),
        ));
    }
    feed_value(&literal.value, b, 0);
    true
}

/// Feeds a parsed value; an object that is none of ours (a notebook's wrapper
/// such as `{'JobMetadata': {...}}`) is searched one level down.
fn feed_value(value: &serde_json::Value, b: &mut Builder, depth: usize) {
    use serde_json::Value;
    let ours = |m: &serde_json::Map<String, Value>| {
        ["result", "event", "uuid", "status", "format", "created"]
            .iter()
            .any(|k| m.contains_key(*k))
    };
    match value {
        Value::Object(m) if !ours(m) && depth < 2 => {
            let before = b.jobs.len() + b.pending.len();
            for v in m.values().filter(|v| v.is_object() || v.is_array()) {
                feed_value(v, b, depth + 1);
            }
            if b.jobs.len() + b.pending.len() == before {
                b.problem(
                    Severity::Warning,
                    Pos::None,
                    "a dict that holds no job, event or history",
                    "skipped",
                );
            }
        }
        _ => {
            let text = value.to_string();
            b.top(&items_in(&text), Pos::None);
        }
    }
}

fn read_tapipy(text: &str, b: &mut Builder) {
    let parsed = tapipy::parse(text);
    if let Some(&(first, ref line)) = parsed.skipped.first() {
        let n = parsed.skipped.len();
        b.diagnostics.push(
            Diagnostic::new(
                Severity::Info,
                b.name,
                format!(
                    "{} that {} not `key: value` (first: {:?})",
                    count(n, "line"),
                    if n == 1 { "is" } else { "are" },
                    shorten(line, 60)
                ),
            )
            .at(Some(crate::model::Location {
                line: first,
                column: 1,
            }))
            .action("skipped, as headers a notebook printed"),
        );
    }
    for (line, why) in parsed.dropped {
        b.problem(Severity::Warning, Pos::Line(line), why, "this item skipped");
    }
    for (value, line) in &parsed.items {
        let text = value.to_string();
        b.top(&items_in(&text), Pos::Line(*line));
    }
}

/// The items in a parsed notebook value, read from its JSON text: through the one
/// path JSON takes (reading the `Value` directly would put a second copy of the
/// wire types' serde code in the wasm; these inputs are small).
fn items_in(json: &str) -> Items<'_> {
    serde_json::from_str(json).unwrap_or_default()
}

#[cfg(test)]
mod tests;
