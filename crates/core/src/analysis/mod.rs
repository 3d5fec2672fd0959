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
use crate::job_report::JobReport;
use crate::model::{Diagnostic, Job};
use crate::report::{Aggregate, DataMovement, Report, REPORT_SCHEMA, REPORT_VERSION};
use crate::time::Timestamp;
use crate::transfer_model::{samples, Fitting};
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
    Analysis::of(import, options).finish()
}

/// [`analyse`] without import diagnostics.
pub fn analyse_jobs(jobs: &[Job], options: &Options) -> Report {
    Analysis::of_jobs(jobs, options).finish()
}

/// An analysis that can be done in steps ([`Analysis::step`]), so a page can paint and
/// answer between them (docs/performance.md, P6): the jobs' own facts a few jobs at a
/// time, then the statistics across them, each of the transfer model's fits, the rules,
/// the savings, goodput with the checklist. Its report is [`analyse`]'s, whatever the steps.
pub struct Analysis<'a> {
    jobs: &'a [Job],
    diagnostics: &'a [Diagnostic],
    options: Options,
    reports: Vec<JobReport>,
    aggregating: Option<aggregate::Aggregating>,
    aggregate: Option<Aggregate>,
    fitting: Option<Fitting>,
    judging: Judging,
}

/// The parts of an [`Analysis`], in the order its steps take them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Each job's own facts.
    Jobs,
    /// The statistics across jobs and the outliers.
    Statistics,
    /// The transfer model's fits and their bootstraps.
    Model,
    /// The data movement, the rules, the savings, goodput and the checklist.
    Judging,
    Done,
}

/// What is judged once the model is fitted, a step each: each rule, then each
/// recommendation's saving, then goodput and the checklist (together ~200 ms of one
/// task at 10,000 jobs on the page, the savings half of it; ~500 ms at 50,000).
#[derive(Default)]
enum Judging {
    #[default]
    NotYet,
    /// The recommendations of the rules before the index (ordered once all have run).
    Ruling(DataMovement, Vec<crate::rules::Recommendation>, usize),
    /// The recommendations, those before the index priced.
    Pricing(DataMovement, Vec<crate::rules::Recommendation>, usize),
    Judged(DataMovement, Judged),
}

impl<'a> Analysis<'a> {
    /// The analysis of an import, its diagnostics carried along.
    pub fn of(import: &'a Import, options: &Options) -> Analysis<'a> {
        Analysis {
            diagnostics: &import.diagnostics,
            ..Analysis::of_jobs(&import.jobs, options)
        }
    }

    /// The analysis of these jobs alone.
    pub fn of_jobs(jobs: &'a [Job], options: &Options) -> Analysis<'a> {
        Analysis {
            jobs,
            diagnostics: &[],
            options: options.clone(),
            reports: Vec::with_capacity(jobs.len()),
            aggregating: None,
            aggregate: None,
            fitting: None,
            judging: Judging::NotYet,
        }
    }

    /// What the next [`Analysis::step`] works on: the one place the parts' order is
    /// decided (the step does what it says; the benchmarks time the analysis by it,
    /// docs/performance.md, P1).
    pub fn phase(&self) -> Phase {
        if self.reports.len() < self.jobs.len() {
            Phase::Jobs
        } else if self.aggregate.is_none() {
            Phase::Statistics
        } else if matches!(self.judging, Judging::NotYet)
            && self.fitting.as_ref().is_none_or(|f| f.left() > 0)
        {
            // The samples gathered (a step of their own), then each fit; the judging
            // takes the fits once begun.
            Phase::Model
        } else if matches!(self.judging, Judging::Judged(..)) {
            Phase::Done
        } else {
            Phase::Judging
        }
    }

    /// One step: up to `jobs` more jobs; once every job has been, a part of the
    /// statistics across them; then each of the transfer model's fits; then the rules, the
    /// savings, and goodput with the checklist. True once all are done.
    pub fn step(&mut self, jobs: usize) -> bool {
        match self.phase() {
            Phase::Jobs => {
                let done = self.reports.len();
                let next = self.jobs.len().min(done.saturating_add(jobs));
                let options = &self.options;
                self.reports.extend(
                    self.jobs[done..next]
                        .iter()
                        .map(|j| job::job_report(j, options)),
                );
                return false;
            }
            Phase::Statistics => {
                let reports = &mut self.reports;
                // The totals and the jobs counted, a step of their own; then the rows, the
                // columns, the groups and the outliers, each a bounded amount a step
                // (`Aggregating::step`: none over ~11 ms natively at 50,000 jobs).
                let Some(aggregating) = self.aggregating.as_mut() else {
                    self.aggregating = Some(aggregate::Aggregating::new(reports));
                    return false;
                };
                if aggregating.step(reports) {
                    if let Some(done) = self.aggregating.take() {
                        self.aggregate = Some(done.finish(reports));
                    }
                }
                return false;
            }
            Phase::Model => {
                match self.fitting.as_mut() {
                    Some(fitting) => {
                        fitting.step();
                    }
                    None => self.fitting = Some(Fitting::new(samples(self.reports.iter()))),
                }
                return false;
            }
            Phase::Judging | Phase::Done => {}
        }
        let (reports, what_if) = (&self.reports, &self.options.what_if);
        self.judging = match std::mem::take(&mut self.judging) {
            Judging::NotYet => {
                let model = self.fitting.take().map(Fitting::finish).unwrap_or_default();
                let data_movement = DataMovement::with_model(reports, model);
                Judging::Ruling(data_movement, Vec::new(), 0)
            }
            Judging::Ruling(data_movement, mut recommendations, next)
                if next < crate::rules::RULES.len() =>
            {
                let counted: Vec<&JobReport> = reports.iter().filter(|j| j.counted()).collect();
                recommendations.extend(crate::rules::judge(next, &counted));
                Judging::Ruling(data_movement, recommendations, next + 1)
            }
            Judging::Ruling(data_movement, mut recommendations, _) => {
                crate::rules::order(&mut recommendations);
                Judging::Pricing(data_movement, recommendations, 0)
            }
            Judging::Pricing(data_movement, mut recommendations, next)
                if next < recommendations.len() =>
            {
                let counted: Vec<&JobReport> = reports.iter().filter(|j| j.counted()).collect();
                let model = &data_movement.model;
                crate::savings::price(&mut recommendations[next], &counted, model, what_if);
                Judging::Pricing(data_movement, recommendations, next + 1)
            }
            Judging::Pricing(data_movement, mut recommendations, _) => {
                crate::savings::order(&mut recommendations);
                let judged = Judged::with(reports, recommendations, what_if);
                Judging::Judged(data_movement, judged)
            }
            judged @ Judging::Judged(..) => judged,
        };
        matches!(self.judging, Judging::Judged(..))
    }

    /// The report, once the steps not yet taken are done.
    pub fn finish(mut self) -> Report {
        while !self.step(usize::MAX) {}
        let Judging::Judged(data_movement, judged) = self.judging else {
            unreachable!("step is done only once judged")
        };
        let Judged {
            recommendations,
            goodput,
            checklist,
        } = judged;
        let reports = self.reports;
        let aggregate = self.aggregate.unwrap_or_default();
        let unjudged = crate::rules::unjudged(&reports);
        Report {
            schema: REPORT_SCHEMA.to_string(),
            version: REPORT_VERSION,
            as_of: self.options.as_of,
            include_stale: self.options.include_stale,
            jobs: reports,
            aggregate,
            data_movement,
            goodput,
            what_if: self.options.what_if.clone(),
            recommendations,
            unjudged,
            checklist,
            diagnostics: self.diagnostics.to_vec(),
        }
    }
}

/// What the what-if settings change: the recommendations (their savings and
/// order), goodput's SUs, and the checklist that cites the recommendations.
struct Judged {
    recommendations: Vec<crate::rules::Recommendation>,
    goodput: goodput::Goodput,
    checklist: Vec<crate::checklist::ChecklistSection>,
}

impl Judged {
    fn of(reports: &[JobReport], data_movement: &DataMovement, what_if: &WhatIf) -> Judged {
        let mut recommendations = crate::rules::evaluate(reports);
        crate::savings::attach(&mut recommendations, reports, &data_movement.model, what_if);
        Judged::with(reports, recommendations, what_if)
    }

    /// With the recommendations priced: goodput and the checklist.
    fn with(
        reports: &[JobReport],
        recommendations: Vec<crate::rules::Recommendation>,
        what_if: &WhatIf,
    ) -> Judged {
        Judged {
            goodput: goodput::Goodput::of(reports, &what_if.charge_rates),
            checklist: crate::checklist::evaluate(reports, &recommendations),
            recommendations,
        }
    }
}

/// The report under other what-if settings: [`analyse`]'s with `what_if` in its
/// options, without measuring the jobs or fitting the transfer model again
/// (neither depends on the settings), so a page answers a moved control at once.
pub fn with_what_if(report: &Report, what_if: &WhatIf) -> Report {
    let Judged {
        recommendations,
        goodput,
        checklist,
    } = Judged::of(&report.jobs, &report.data_movement, what_if);
    Report {
        what_if: what_if.clone(),
        recommendations,
        goodput,
        checklist,
        ..report.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{assemble, read_input, to_bundle};
    use crate::synthetic::{generate, Config};
    use crate::time::parse_timestamp;

    #[test]
    fn an_analysis_in_steps_is_the_analysis_at_once() {
        let jobs = generate(&Config {
            jobs: 300,
            ..Config::default()
        });
        let running =
            include_str!("../../../../fixtures/tapis/source-dsportal-job-running-2023.json");
        let import = assemble(&[
            read_input("synthetic", &to_bundle(&jobs)),
            read_input("running", running),
            read_input("broken", "[1, 2"),
        ]);
        assert!(!import.diagnostics.is_empty());
        let options = Options::at(parse_timestamp("2026-01-01T00:00:00Z"));
        let whole = analyse(&import, &options);
        for per_step in [1, 7, 299, 300, 10_000] {
            let mut analysis = Analysis::of(&import, &options);
            let mut steps = 1;
            let mut phases = vec![analysis.phase()];
            while !analysis.step(per_step) {
                steps += 1;
                phases.push(analysis.phase());
            }
            // The phases in their order, each of them, and done at the end.
            phases.dedup();
            assert_eq!(
                phases,
                [Phase::Jobs, Phase::Statistics, Phase::Model, Phase::Judging]
            );
            assert_eq!(analysis.phase(), Phase::Done);
            // The jobs, then the statistics across them in 8 parts (their totals, the
            // rows they read, their columns sorted, all, 3 groupings, outliers: at this
            // size one step each), then the samples the model fits, then each of the
            // model's fits (its rows made distinct, its point, then its bootstrap
            // in parts), then the data movement, each rule, their order, each
            // recommendation's saving, and goodput with the checklist.
            let model = &whole.data_movement.model.0;
            assert!(model.len() >= 2, "both directions fitted: {}", model.len());
            let bootstrap_parts = crate::transfer_model::REPLICATES
                .div_ceil(crate::transfer_model::REPLICATES_PER_STEP);
            let fits: usize = model
                .iter()
                .map(|f| match f.method {
                    crate::transfer_model::Method::PerFile => 1,
                    // Its rows made distinct, its point, its bootstrap.
                    _ => 2 + bootstrap_parts,
                })
                .sum();
            let recommendations = whole.recommendations.len();
            assert!(recommendations >= 2, "{recommendations} recommendations");
            let judging = 1 + crate::rules::RULES.len() + 1 + recommendations + 1;
            assert_eq!(
                steps,
                import.jobs.len().div_ceil(per_step) + 8 + 1 + fits + judging
            );
            assert_eq!(analysis.finish(), whole, "{per_step} jobs a step");
        }
        let unstepped = Analysis::of(&import, &options).finish();
        assert_eq!(unstepped, whole);
    }

    #[test]
    fn a_report_under_other_settings_is_the_analysis_with_them() {
        let jobs = generate(&Config {
            jobs: 300,
            ..Config::default()
        });
        let import = assemble(&[read_input("synthetic", &to_bundle(&jobs))]);
        let at = Options::at(parse_timestamp("2026-01-01T00:00:00Z"));
        let first = analyse(&import, &at);
        let defaults = WhatIf::default();
        for what_if in [
            defaults.clone().with_archived_share(0.5),
            defaults.clone().with_archived_share(0.0),
            WhatIf {
                charge_rates: defaults
                    .charge_rates
                    .clone()
                    .with_rate("stampede3", "skx", 2.5),
                ..defaults.clone()
            },
        ] {
            let options = Options {
                what_if: what_if.clone(),
                ..at.clone()
            };
            assert_eq!(with_what_if(&first, &what_if), analyse(&import, &options));
        }
    }
}
