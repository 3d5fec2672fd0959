//! From jobs to a [`Report`]: per-job facts ([`job`]), statistics and outliers
//! across jobs ([`aggregate`]), then the rule table and the I/O checklist.

pub mod aggregate;
pub mod job;
pub mod transfer;

use crate::import::Import;
use crate::model::Job;
use crate::report::{Report, REPORT_SCHEMA, REPORT_VERSION};
use crate::time::Timestamp;

/// How to analyse. The core never reads the clock (it runs in wasm too): the
/// caller says what "now" is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// Open states (jobs not yet terminal) are measured up to this time; when
    /// `None`, up to each job's `lastUpdated` (or not at all without a job object).
    pub as_of: Option<Timestamp>,
}

/// Analyses an import: every job, the aggregates, recommendations, the
/// checklist, and the import's diagnostics carried along.
pub fn analyse(import: &Import, options: &Options) -> Report {
    let mut report = analyse_jobs(&import.jobs, options);
    report.diagnostics = import.diagnostics.clone();
    report
}

/// [`analyse`] without import diagnostics.
pub fn analyse_jobs(jobs: &[Job], options: &Options) -> Report {
    let mut reports: Vec<_> = jobs
        .iter()
        .map(|j| job::job_report(j, options.as_of))
        .collect();
    let aggregate = aggregate::aggregate(&mut reports);
    let recommendations = crate::rules::evaluate(&reports);
    let checklist = crate::checklist::evaluate(&reports, &recommendations);
    Report {
        schema: REPORT_SCHEMA.to_string(),
        version: REPORT_VERSION,
        as_of: options.as_of,
        jobs: reports,
        aggregate,
        recommendations,
        checklist,
        diagnostics: Vec::new(),
    }
}
