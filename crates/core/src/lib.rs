//! The analysis core of Tapis Job Profiler: Tapis job data in, where each job's
//! time went out.
//!
//! Pure Rust with no web dependency, so the browser app, a native CLI and plain
//! `cargo test` all use the same code. See `ARCHITECTURE.md` at the repository root.

pub mod format;
pub mod import;
pub mod model;
pub mod profile;
pub mod state;
pub mod time;

pub use import::{import_text, Import};
pub use model::{Diagnostic, Event, EventKind, Job, Location, Severity};
pub use profile::{profile, JobProfile, Segment, StateTotal};
pub use state::{Bucket, JobState};
