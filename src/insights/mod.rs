//! What the insight views show, computed from the core's report: pure Rust
//! with no browser, natively tested. `normal` (what is normal, outliers), `cohorts`
//! (two cohorts compared, the core's numbers), `trends` (the trends' small
//! multiples), `scale`
//! (the spread plot's log axis). The checklist's tally in words is the core's
//! (`checklist::Tally::words`, which the Markdown export writes too). The
//! components in `components/` (`NormalView`, `RecommendationList`, `IoChecklist`)
//! render these models and report intents; nothing here touches the DOM. The export
//! menu's model is `model::exports`.

pub mod cohorts;
pub mod data_movement;
pub mod normal;
pub mod scale;
pub mod trends;

use tapis_profile::model::SharedText;

pub use normal::{Grouping, Metric, MetricRow, NormalModel};
pub use scale::LogScale;

/// Jobs an insight points at, and what to call them where the page says which
/// jobs it shows ("Only the jobs of: the QUEUED outliers").
#[derive(Clone, Debug, PartialEq)]
pub struct JobPick {
    pub label: String,
    /// UUIDs.
    pub jobs: Vec<String>,
}

impl JobPick {
    pub fn new(label: impl Into<String>, jobs: Vec<String>) -> JobPick {
        JobPick {
            label: label.into(),
            jobs,
        }
    }

    /// The jobs of the report's shared UUIDs (a finding's, a cohort's).
    pub fn of_shared(label: impl Into<String>, uuids: &[SharedText]) -> JobPick {
        JobPick::new(label, uuids.iter().map(|u| u.to_string()).collect())
    }
}
