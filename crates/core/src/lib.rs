//! The analysis core of Tapis Job Profiler: Tapis job data in, where each job's
//! time went and what to change out.
//!
//! Pure Rust with no web dependency, so the browser app, the native CLI and plain
//! `cargo test` all use the same code. See `ARCHITECTURE.md` at the repository root.
//!
//! The pipeline, each stage a plain function over plain data:
//! [`read_input`] (one input) → [`assemble`] (all inputs → [`Job`]s) →
//! [`analyse`] (→ [`Report`]: per-job profiles, aggregates, recommendations,
//! checklist, diagnostics).

pub mod analysis;
pub mod checklist;
pub mod cohort;
pub mod export;
pub mod fast_hash;
pub mod fit;
pub mod format;
pub mod handoff;
pub mod import;
mod job_fields;
pub mod job_report;
pub mod job_state;
pub mod load;
pub mod metric;
pub mod model;
pub mod ordered_map;
pub mod profile;
pub mod report;
pub mod rng;
pub mod rules;
pub mod savings;
pub mod sort;
pub mod state_map;
pub mod stats;
#[cfg(feature = "synthetic")]
pub mod synthetic;
#[cfg(test)]
mod test_jobs;
pub mod texts;
pub mod time;
pub mod transfer_model;
pub mod trends;
pub mod what_if;

pub use analysis::{analyse, Options};
pub use import::{
    assemble, import_all, import_text, read_bytes, read_input, read_input_itemwise, to_bundle,
    Assembling, Import, InputFormat, InputRecords, JobRecord,
};
pub use job_report::JobReport;
pub use job_state::{Bucket, JobState};
pub use model::{Diagnostic, Event, EventKind, Job, JobInfo, Location, Severity, Transfer};
pub use profile::{profile, JobProfile, Segment, StateTotal};
pub use report::Report;
