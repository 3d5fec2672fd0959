//! The full export: the report, the bundle it was computed from and the
//! checklist ticks, in one versioned JSON document (`tapis-profile-export`).
//! Reading it back through [`crate::read_input`] takes the bundle, so the
//! analysis gives the same report again.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::import::{to_bundle_as_of, EXPORT_FORMAT, EXPORT_VERSION};
use crate::model::{Job, Ticks};
use crate::report::Report;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Document<'a> {
    format: &'static str,
    version: u32,
    /// Small and the user's own: first, where a person opening the file sees it.
    checklist_ticks: &'a Ticks,
    report: &'a Report,
    bundle: &'a RawValue,
}

/// The export of `report`, computed from `jobs`, with the user's checklist ticks.
/// Its bundle records the report's "as of" as the jobs' capture time, so the
/// export analysed again, any day, gives the same report.
/// Compact JSON: thousands of jobs make a large file.
pub fn export_document(report: &Report, jobs: &[Job], ticks: &Ticks) -> String {
    let bundle = to_bundle_as_of(jobs, report.as_of);
    let Ok(bundle) = RawValue::from_string(bundle) else {
        return String::new();
    };
    serde_json::to_string(&Document {
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        checklist_ticks: ticks,
        report,
        bundle: &bundle,
    })
    .unwrap_or_default()
}

/// The checklist ticks of an export document; `None` for any other text.
pub fn read_ticks(text: &str) -> Option<Ticks> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Head {
        format: String,
        #[serde(default)]
        checklist_ticks: Ticks,
    }
    let head: Head = serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
    (head.format == EXPORT_FORMAT).then_some(head.checklist_ticks)
}
