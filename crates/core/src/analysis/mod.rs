//! From jobs to a [`Report`]: per-job facts ([`job`]: a history's states, or a
//! job object's [`coarse`] phases; open states judged by [`stale`]), the sums
//! every view shows ([`totals`]), statistics and outliers across jobs
//! ([`aggregate`]), then the rule table and the I/O checklist.

pub mod aggregate;
pub mod anatomy;
pub mod coarse;
pub mod goodput;
pub mod job;
pub mod stale;
pub mod totals;
pub mod transfer;

use crate::import::Import;
use crate::model::Job;
use crate::report::{DataMovement, Report, REPORT_SCHEMA, REPORT_VERSION};
use crate::time::Timestamp;
use crate::what_if::WhatIf;

/// How to analyse. The core never reads the clock (it runs in wasm too): the
/// caller says what "now" is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// Open states (jobs not yet terminal) are measured up to this time; when
    /// `None`, up to each job's `lastUpdated` (or not at all without a job object).
    pub as_of: Option<Timestamp>,
    /// Count stale jobs ([`stale`]) too, their open states measured up to
    /// `as_of` like any other; by default they stop at their last event and are
    /// left out of totals, statistics and recommendations.
    pub include_stale: bool,
    /// The user's assumptions behind savings and SUs (archived share, charge rates).
    pub what_if: WhatIf,
}

impl Options {
    /// Measured up to `as_of`, stale jobs left out.
    pub fn at(as_of: Option<Timestamp>) -> Options {
        Options {
            as_of,
            ..Options::default()
        }
    }
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
    let mut reports: Vec<_> = jobs.iter().map(|j| job::job_report(j, options)).collect();
    let aggregate = aggregate::aggregate(&mut reports);
    let mut recommendations = crate::rules::evaluate(&reports);
    let data_movement = DataMovement::of(&reports);
    crate::savings::attach(
        &mut recommendations,
        &reports,
        &data_movement.model,
        &options.what_if,
    );
    let goodput = goodput::Goodput::of(&reports, &options.what_if.charge_rates);
    let unjudged = crate::rules::unjudged(&reports);
    let checklist = crate::checklist::evaluate(&reports, &recommendations);
    Report {
        schema: REPORT_SCHEMA.to_string(),
        version: REPORT_VERSION,
        as_of: options.as_of,
        include_stale: options.include_stale,
        jobs: reports,
        aggregate,
        data_movement,
        goodput,
        what_if: options.what_if.clone(),
        recommendations,
        unjudged,
        checklist,
        diagnostics: Vec::new(),
    }
}
