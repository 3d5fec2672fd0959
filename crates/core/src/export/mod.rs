//! Exports: the report and the data as the files people take elsewhere. One
//! implementation for the app's downloads and the CLI's `--format`, each a
//! pure function of the report (and, for the full export, the jobs and the
//! checklist ticks) — nothing else, so no file can carry a Tapis token or any
//! other app state. Formats are documented in `docs/formats.md`.

mod cohorts;
mod csv;
mod document;
mod file;
mod markdown;
mod ndjson;
mod rows;
mod tables;
mod trace;

pub use cohorts::{
    comparison_markdown, interval_words, load_markdown, point_words, shares_words, trends_markdown,
    MAX_ATTRIBUTES, MAX_VISITS,
};
pub use csv::{jobs_csv, states_csv};
pub use document::{export_document, read_ticks};
pub use file::{file_name, ExportKind};
pub use markdown::{markdown, markdown_with};
pub use rows::{ndjson_rows, Rows};
pub use tables::{job_events_ndjson, jobs_ndjson, JOB_EVENTS_COLUMNS};
pub use trace::chrome_trace;

pub use crate::import::{EXPORT_FORMAT, EXPORT_VERSION};
