//! Domain types: what the import produces and the analysis consumes.
//! Nothing here knows Tapis' JSON field names; that is `import`'s business.

use crate::state::JobState;
use crate::time::Timestamp;

/// One entry of a job's history.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub kind: EventKind,
    pub created: Timestamp,
    /// The human message Tapis attached, when there was one.
    pub message: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum EventKind {
    /// `JOB_NEW_STATUS`: the job entered this state.
    NewStatus(JobState),
    /// Any other event type (`JOB_SUBSCRIPTION`, transfer events, …), kept by name.
    Other { event: String, detail: String },
}

/// Everything known about one job: its identity and its history.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Job {
    /// The job's UUID; `None` when the input never said.
    pub uuid: Option<String>,
    pub name: Option<String>,
    /// History in the order it was given (see `import` for ordering rules).
    pub events: Vec<Event>,
}

/// Something odd in the input, where it was, and what was done about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The input's name: a file name, or "pasted text".
    pub input: String,
    pub location: Option<Location>,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Nothing could be read from this input.
    Error,
    /// Something was read, but part of it was skipped or repaired.
    Warning,
}

/// 1-based line and column in the input text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.input)?;
        if let Some(at) = self.location {
            write!(f, ":{}:{}", at.line, at.column)?;
        }
        write!(f, ": {}", self.message)
    }
}
