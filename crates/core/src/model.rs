//! Domain types: what the import produces and the analysis consumes.
//! Nothing here knows Tapis' JSON field names; that is `import`'s business (and,
//! for the job object's fields, the one list in `job_fields.rs` both build on).

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::job_state::JobState;
use crate::time::Timestamp;

pub use crate::texts::SharedText;

/// One entry of a job's history.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub kind: EventKind,
    pub created: Timestamp,
    /// The human message Tapis attached, when there was one.
    pub message: Option<SharedText>,
    /// The Files transfer behind a `JOB_INPUT_TRANSACTION_ID` / `JOB_ARCHIVE_TRANSACTION_ID`
    /// event (`transferSummary`); behind a pointer because most events have none, shared
    /// as the text is.
    pub transfer: Option<Arc<Transfer>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    /// `JOB_NEW_STATUS`: the job entered this state.
    NewStatus(JobState),
    /// Any other event type (`JOB_SUBSCRIPTION`, transfer events, …), kept by name.
    Other {
        event: SharedText,
        detail: SharedText,
    },
}

impl EventKind {
    /// The event type as Tapis names it (`JOB_NEW_STATUS`, `JOB_ERROR_MESSAGE`, …).
    pub fn event_type(&self) -> &str {
        match self {
            EventKind::NewStatus(_) => "JOB_NEW_STATUS",
            EventKind::Other { event, .. } => event,
        }
    }

    /// `eventDetail`: the new status, or the other event's detail.
    pub fn detail(&self) -> &str {
        match self {
            EventKind::NewStatus(state) => state.name(),
            EventKind::Other { detail, .. } => detail,
        }
    }
}

/// The event that carries an input staging's `transferSummary`.
pub const INPUT_EVENT: &str = "JOB_INPUT_TRANSACTION_ID";
/// The event that carries an archiving's `transferSummary`.
pub const ARCHIVE_EVENT: &str = "JOB_ARCHIVE_TRANSACTION_ID";

/// The event types Tapis v3 emits (API.md §2.4); others are kept but reported.
pub const KNOWN_EVENT_TYPES: [&str; 7] = [
    "JOB_NEW_STATUS",
    "JOB_INPUT_TRANSACTION_ID",
    "JOB_ARCHIVE_TRANSACTION_ID",
    "JOB_SUBSCRIPTION",
    "JOB_SHARE_EVENT",
    "JOB_ERROR_MESSAGE",
    "JOB_USER_EVENT",
];

/// A Files-service transfer as the history's `transferSummary` describes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Transfer {
    pub uuid: Option<String>,
    /// Files' transfer status: COMPLETED, FAILED, CANCELLED, …
    pub status: Option<String>,
    /// `totalBytesTransferred` (Tapis fills `estimatedTotalBytes` with the same number).
    pub bytes: Option<u64>,
    /// `totalTransfers`: files in the transfer.
    pub files: Option<u64>,
    /// `completeTransfers`: files done.
    pub files_done: Option<u64>,
    pub created: Option<Timestamp>,
    pub start: Option<Timestamp>,
    pub end: Option<Timestamp>,
    pub error: Option<String>,
}

/// Declares [`JobInfo`] and its merge from the job's field list (`job_fields.rs`).
macro_rules! job_info {
    ([] $( $(#[$doc:meta])* $field:ident: $ty:ty = $tapis:literal as $kind:ident, )*) => {
        /// What a job object or a list/search item says about a job (all optional: a
        /// summary item has a third of the fields, a status answer two).
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct JobInfo {
            $( $(#[$doc])* pub $field: $ty, )*
        }

        impl JobInfo {
            /// Fills what `self` lacks from `other`; where both know a field, the one
            /// updated later wins (a full job object over an older list summary).
            pub fn merge(&mut self, other: JobInfo) {
                let other_newer = match (self.last_updated, other.last_updated) {
                    (Some(a), Some(b)) => b > a,
                    (None, Some(_)) => true,
                    _ => false,
                };
                $(
                    if other.$field.is_known() && (!self.$field.is_known() || other_newer) {
                        self.$field = other.$field;
                    }
                )*
            }
        }
    };
}

crate::job_fields::job_info_fields!(job_info! {});

/// A job object as the input's records hold it and the jobs assembled from them
/// share it (one copy, not one per holder: P5 in docs/performance.md).
pub type SharedInfo = Arc<JobInfo>;

/// A history as the input's records hold it and the jobs assembled from them share
/// it while it needs no merging, sorting or de-duplication (the usual case: one
/// input names the job, in time order). Changed through `Arc::make_mut`, which
/// copies it first only while another holder shares it.
pub type SharedEvents = Arc<Vec<Event>>;

/// Puts `info` in `slot`, or merges it into the job object already there (see
/// [`JobInfo::merge`]); the object in `slot` is copied first only while another
/// holder shares it.
pub fn merge_info(slot: &mut Option<SharedInfo>, info: SharedInfo) {
    match slot {
        Some(existing) => Arc::make_mut(existing).merge(Arc::unwrap_or_clone(info)),
        None => *slot = Some(info),
    }
}

/// A field a job object may or may not have given: a value, or a non-empty list.
trait Known {
    fn is_known(&self) -> bool;
}

impl<T> Known for Option<T> {
    fn is_known(&self) -> bool {
        self.is_some()
    }
}

impl<T> Known for Vec<T> {
    fn is_known(&self) -> bool {
        !self.is_empty()
    }
}

/// Everything known about one job: its identity, what its job object said, its history.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Job {
    /// What the job is called everywhere in the output: its UUID when known,
    /// otherwise the name of the input it came from.
    pub id: SharedText,
    /// The job's UUID; `None` when no input said.
    pub uuid: Option<SharedText>,
    pub name: Option<SharedText>,
    /// From a job object or list/search item, when one was read: the records' own.
    pub info: Option<SharedInfo>,
    /// History in time order, exact duplicates removed (see `import::assemble`):
    /// the record's own when one input gave it so.
    pub events: SharedEvents,
    /// Names of the inputs this job was read from (provenance, not data: a bundle
    /// round trip does not keep it).
    pub inputs: Vec<SharedText>,
    /// When the data was captured (a bundle's `capturedAt`): a state still open
    /// then is measured up to here, not to the analysis' "as of" — an export
    /// analysed a year later must not grow by a year. `None` for data that
    /// carries no capture time (a Tapis response read live or pasted).
    pub captured: Option<Timestamp>,
}

impl Job {
    /// Where an open state ends: when the data was captured, if that is known
    /// and earlier than the analysis' "as of" (see [`Job::captured`]).
    pub fn measured_until(&self, as_of: Option<Timestamp>) -> Option<Timestamp> {
        match (self.captured, as_of) {
            (Some(c), Some(a)) => Some(c.min(a)),
            (c, a) => c.or(a),
        }
    }

    /// The last state the history reached, else the job object's status.
    pub fn final_status(&self) -> Option<JobState> {
        self.events
            .iter()
            .rev()
            .find_map(|e| match &e.kind {
                EventKind::NewStatus(s) => Some(s.clone()),
                EventKind::Other { .. } => None,
            })
            .or_else(|| self.info.as_ref().and_then(|i| i.status.clone()))
    }
}

/// The user's own ticks on the I/O checklist (`crate::checklist`), by item id:
/// `true` for done, `false` for not done. An item without a tick is done when the
/// data says it passes. Data, not analysis: an export carries them, the import
/// reads them back.
pub type Ticks = BTreeMap<String, bool>;

/// The user's assumptions behind "what a change would save" and the SUs (the
/// defaults, TACC's rates and the edits: `crate::what_if`). Like [`Ticks`], the
/// user's own and kept with the data: an export carries them, the import reads
/// them back ([`WhatIf::from_export`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WhatIf {
    /// The share (0–1) of today's archived files and bytes still archived if
    /// only final outputs were.
    pub archived_share: f64,
    /// SUs per node-hour per system and queue.
    pub charge_rates: ChargeRates,
}

/// What one node-hour in a system's queue is charged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChargeRate {
    /// The execution system's id as Tapis names it (`stampede3`).
    pub system: String,
    /// The logical queue (`skx`).
    pub queue: String,
    pub su_per_node_hour: f64,
}

/// The charge-rate table: TACC's published rates by default, each row the
/// user's to change, rows to add for queues it does not know.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ChargeRates(pub Vec<ChargeRate>);

impl WhatIf {
    /// Settings read back from an export (`report.whatIf`), held to what they can
    /// mean: the share within 0–1, only rates that are finite numbers ≥ 0 (a row
    /// with another rate is dropped, as the page and the CLI drop it). `None` for
    /// a value that is not such settings at all.
    pub fn from_export(value: serde_json::Value) -> Option<WhatIf> {
        let read: WhatIf = serde_json::from_value(value).ok()?;
        let mut rates: Vec<ChargeRate> = Vec::new();
        for r in read.charge_rates.0 {
            let same = |k: &ChargeRate| {
                k.system.eq_ignore_ascii_case(&r.system) && k.queue.eq_ignore_ascii_case(&r.queue)
            };
            if valid_rate(r.su_per_node_hour) && !rates.iter().any(same) {
                rates.push(r);
            }
        }
        Some(WhatIf {
            archived_share: archived_share(read.archived_share)?,
            charge_rates: ChargeRates(rates),
        })
    }
}

/// A share (0–1) held within 0–1; `None` when it is no number.
pub fn archived_share(share: f64) -> Option<f64> {
    share.is_finite().then(|| share.clamp(0.0, 1.0))
}

/// A charge rate means something when it is a finite number ≥ 0.
pub fn valid_rate(rate: f64) -> bool {
    rate.is_finite() && rate >= 0.0
}

/// Something odd in the input, where it was, and what was done about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    pub severity: Severity,
    /// The input's name: a file name, or "pasted text".
    pub input: String,
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The job concerned, when one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job: Option<String>,
    /// What is wrong or noteworthy.
    pub message: String,
    /// What the import did about it.
    pub action: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Nothing could be read from this input.
    Error,
    /// Something was read, but part of it was skipped or repaired.
    Warning,
    /// Read as given; worth knowing (events re-ordered, duplicates merged, …).
    Info,
}

/// 1-based line and column in the input text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Diagnostic {
    pub fn new(severity: Severity, input: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            input: input.to_string(),
            location: None,
            job: None,
            message: message.into(),
            action: String::new(),
        }
    }

    pub fn at(mut self, location: Option<Location>) -> Diagnostic {
        self.location = location;
        self
    }

    pub fn job(mut self, job: Option<&str>) -> Diagnostic {
        self.job = job.map(str::to_string);
        self
    }

    pub fn action(mut self, action: impl Into<String>) -> Diagnostic {
        self.action = action.into();
        self
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        };
        write!(f, "{}", self.input)?;
        if let Some(at) = self.location {
            write!(f, ":{}:{}", at.line, at.column)?;
        }
        write!(f, ": {level}: ")?;
        if let Some(job) = &self.job {
            write!(f, "job {job}: ")?;
        }
        write!(f, "{}", self.message)?;
        if !self.action.is_empty() {
            write!(f, " ({})", self.action)?;
        }
        Ok(())
    }
}
