//! What each export is called, as a file and on a button.

use chrono::NaiveDateTime;

/// The files the app can download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// Report + bundle + ticks ([`super::export_document`]).
    Json,
    /// One row per job × state ([`super::states_csv`]).
    Csv,
    /// The report for notes and tickets ([`super::markdown`]).
    Markdown,
    /// Chrome Trace Event JSON for Perfetto ([`super::chrome_trace`]).
    Trace,
    /// The timeline as a picture (drawn by the app from the timeline's model).
    Svg,
}

impl ExportKind {
    pub const ALL: [ExportKind; 5] = [
        ExportKind::Json,
        ExportKind::Csv,
        ExportKind::Markdown,
        ExportKind::Trace,
        ExportKind::Svg,
    ];

    /// What ends the file name (after the time stamp).
    pub fn suffix(self) -> &'static str {
        match self {
            ExportKind::Json => ".json",
            ExportKind::Csv => ".csv",
            ExportKind::Markdown => ".md",
            ExportKind::Trace => ".trace.json",
            ExportKind::Svg => ".svg",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            ExportKind::Json | ExportKind::Trace => "application/json",
            ExportKind::Csv => "text/csv;charset=utf-8",
            ExportKind::Markdown => "text/markdown;charset=utf-8",
            ExportKind::Svg => "image/svg+xml",
        }
    }
}

/// `tapis-profile-20250507-2213.json`: sortable, and safe on every file system.
/// `at` is the user's local time (the app reads the clock; the core never does).
pub fn file_name(kind: ExportKind, at: NaiveDateTime) -> String {
    format!(
        "tapis-profile-{}{}",
        crate::time::format_compact_minute(&at),
        kind.suffix()
    )
}
