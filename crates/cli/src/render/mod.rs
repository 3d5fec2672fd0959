//! The report as people read it: a terminal table, CSV for spreadsheets,
//! Markdown for notes and issues. (JSON is the report itself.)

pub mod csv;
pub mod markdown;
pub mod table;

use tapis_profile::report::JobReport;

/// The first 8 characters of a UUID: enough to tell jobs apart on screen.
pub fn short(uuid: &str) -> &str {
    if uuid.len() > 8 && uuid.as_bytes()[8] == b'-' {
        &uuid[..8]
    } else {
        uuid
    }
}

pub fn status(j: &JobReport) -> String {
    match (&j.final_status, &j.open_state) {
        (_, Some(open)) => format!("{open} (open)"),
        (Some(s), None) => s.name().to_string(),
        (None, None) => "?".to_string(),
    }
}
