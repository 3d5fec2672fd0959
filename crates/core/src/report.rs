//! The report: everything the analysis found, as one serializable value. It is
//! exactly what `tapis-profile --format json` prints and what the app exports;
//! its schema is documented (and versioned) in `docs/formats.md`.
//!
//! It holds the per-job facts ([`crate::job_report`]) and what was made of them:
//! the aggregate, the rules' recommendations and the checklist, which read those
//! facts and so sit between the two.

use serde::{Deserialize, Serialize};

use crate::analysis::anatomy::{AnatomyTotals, Direction};
use crate::analysis::goodput::Goodput;
use crate::analysis::totals::Totals;
use crate::checklist::ChecklistSection;
use crate::job_state::{Bucket, JobState};
use crate::model::Diagnostic;
use crate::rules::Recommendation;
use crate::stats::Summary;
use crate::time::Timestamp;
use crate::transfer_model::TransferModel;
use crate::what_if::WhatIf;

// Where dependants found them before the per-job facts had a module of their own.
pub use crate::analysis::totals::NodeHours;
pub use crate::job_report::{
    Coarse, CoarseSegment, Failure, JobReport, Outlier, Phase, PlacedEvent, TransferFacts,
    Transfers, Usage,
};
pub use crate::ordered_map::OrderedMap;
pub use crate::rules::Unjudged;

/// `"schema"` of every report.
pub const REPORT_SCHEMA: &str = "tapis-profile-report";
/// Bumped when a field changes meaning or disappears (adding fields does not). 2: stale
/// jobs left out of the aggregate, a job object's coarse profile in its totals.
pub const REPORT_VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub schema: String,
    pub version: u32,
    /// Open states are measured up to this time (else each job's `lastUpdated`).
    pub as_of: Option<Timestamp>,
    /// Stale jobs are counted too (`analysis::stale`); by default they are left out.
    #[serde(default)]
    pub include_stale: bool,
    pub jobs: Vec<JobReport>,
    pub aggregate: Aggregate,
    /// Transfer anatomy summed over the jobs counted, and the transfer cost model.
    #[serde(default)]
    pub data_movement: DataMovement,
    /// Goodput and badput of the jobs counted, in time, node-hours and SUs.
    #[serde(default)]
    pub goodput: Goodput,
    /// The assumptions the savings and SUs rest on, as the user left them.
    #[serde(default)]
    pub what_if: WhatIf,
    /// Ordered by estimated saving, largest first; those without an estimate
    /// follow by time at stake.
    pub recommendations: Vec<Recommendation>,
    /// The checks that could not judge some jobs (known only from a job object),
    /// and what data would let them.
    #[serde(default)]
    pub unjudged: Vec<Unjudged>,
    pub checklist: Vec<ChecklistSection>,
    /// Every problem met while importing.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// The job with this uuid (the first, were there two). A search: a caller
    /// asking for many jobs holds their indices instead (`cohort::compare_picked`).
    pub fn job(&self, uuid: &str) -> Option<&JobReport> {
        self.jobs.iter().find(|j| &*j.uuid == uuid)
    }

    /// The jobs counted in totals, statistics and recommendations.
    pub fn counted(&self) -> impl Iterator<Item = &JobReport> {
        self.jobs.iter().filter(|j| j.counted())
    }

    /// The stale jobs (left out, or counted when the user said so).
    pub fn stale(&self) -> impl Iterator<Item = &JobReport> {
        self.jobs.iter().filter(|j| j.stale.is_some())
    }

    /// Every outlier with its job, job by job.
    pub fn outliers(&self) -> impl Iterator<Item = (&JobReport, &Outlier)> {
        self.jobs
            .iter()
            .flat_map(|j| j.outliers.iter().map(move |o| (j, o)))
    }
}

/// Statistics across the jobs counted (stale jobs left out unless included).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Aggregate {
    /// The jobs counted.
    pub jobs: usize,
    pub jobs_with_history: usize,
    /// The sums over every job counted, history or coarse: what the overview shows.
    #[serde(default)]
    pub totals: Totals,
    pub total: Option<Summary>,
    pub outside_running: Option<Summary>,
    /// Per state, over the jobs that entered it.
    pub states: OrderedMap<JobState, Summary>,
    pub buckets: OrderedMap<Bucket, Summary>,
    pub node_hours: NodeHours,
    /// The same per app (+version), per execution system + queue, per final status.
    pub groups: Vec<Group>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    /// `app`, `system-queue` or `final-status`.
    pub by: String,
    pub key: String,
    pub jobs: usize,
    pub total: Option<Summary>,
    pub states: OrderedMap<JobState, Summary>,
    pub buckets: OrderedMap<Bucket, Summary>,
}

/// The data-movement view's numbers: each direction's anatomy summed over the
/// jobs counted, and the cost model fitted from their transfers.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataMovement {
    /// Input staging (`in`) and archiving (`out`).
    pub anatomy: OrderedMap<Direction, AnatomyTotals>,
    pub model: TransferModel,
}

impl DataMovement {
    /// The anatomy of these jobs beside the model fitted to their transfers
    /// ([`crate::transfer_model::Fitting`], in steps).
    pub fn with_model<'a>(
        jobs: impl IntoIterator<Item = &'a JobReport>,
        model: TransferModel,
    ) -> DataMovement {
        let counted: Vec<&JobReport> = jobs.into_iter().filter(|j| j.counted()).collect();
        let anatomy = Direction::ALL
            .iter()
            .map(|d| {
                let visits = counted
                    .iter()
                    .flat_map(|j| j.anatomy.iter().filter(move |a| a.direction == *d));
                (*d, AnatomyTotals::of(visits))
            })
            .collect();
        DataMovement {
            anatomy: OrderedMap(anatomy),
            model,
        }
    }
}

impl DataMovement {
    /// The anatomy and the model in sentences, for the CLI and the Markdown report.
    pub fn lines(&self) -> Vec<String> {
        use crate::format::format_duration;
        let mut out = Vec::new();
        for (d, t) in self.anatomy.iter().filter(|(_, t)| t.visits > 0) {
            let mut s = format!(
                "{} ({} in {}): waiting {}, copying {}, completion lag {}, unexplained {}",
                d.title(),
                format_duration(t.state_seconds),
                crate::format::count(t.visits, "visit"),
                format_duration(t.waiting_seconds),
                format_duration(t.copying_seconds),
                format_duration(t.lag_seconds),
                format_duration(t.rest_seconds),
            );
            if t.noted > 0 {
                s.push_str(&format!(
                    " ({} with a data-quality note)",
                    crate::format::count(t.noted, "visit")
                ));
            }
            s.push('.');
            out.push(s);
        }
        for f in &self.model.0 {
            let b = f.per_file_seconds;
            let mut s = format!(
                "Model, {}: {} ms a file ({})",
                f.system.as_deref().map_or_else(
                    || f.direction.label().to_string(),
                    |sys| format!("{} on {sys}", f.direction.label())
                ),
                format_ms(b.value),
                if b.low == b.high {
                    "no range".to_string()
                } else {
                    format!("{} – {}", format_ms(b.low), format_ms(b.high))
                },
            );
            if f.fixed_seconds.value != 0.0 {
                s.push_str(&format!(
                    ", {} a transfer",
                    format_duration(f.fixed_seconds.value)
                ));
            }
            if let Some(mb) = f.throughput_mb_per_second() {
                s.push_str(&format!(", {mb:.1} MB/s"));
            }
            s.push_str(&format!(
                "; {}, {}.",
                crate::format::count(f.transfers, "transfer"),
                match f.method {
                    crate::transfer_model::Method::FilesAndBytes => "a + b·files + c·bytes",
                    crate::transfer_model::Method::Files => "a + b·files",
                    crate::transfer_model::Method::PerFile => "per-file cost only",
                }
            ));
            out.push(s);
        }
        if self.model.0.is_empty() {
            out.push("No transfer with files, bytes and copy time known: no cost model.".into());
        }
        out
    }
}

/// Seconds as milliseconds with one decimal.
fn format_ms(seconds: f64) -> String {
    format!("{:.1}", seconds * 1000.0)
}
