//! The timeline's input: one row per job, its state visits as plain numbers.
//!
//! Rows are built once from the core's profiles; everything the timeline does
//! afterwards (culling, hit-testing, ticks) reads only these numbers. Times are
//! seconds since the Unix epoch (UTC) as `f64`: at today's epoch values that
//! still resolves well below a microsecond, and it keeps the geometry free of
//! date arithmetic.

use std::ops::Deref;
use std::rc::Rc;
use std::sync::Arc;

use tapis_profile::analysis::anatomy::Anatomy;
use tapis_profile::fast_hash::FastSet;
use tapis_profile::model::SharedText;
use tapis_profile::report::{JobReport, Phase};
use tapis_profile::sort::{sort_by, sort_by_key};
use tapis_profile::time::Timestamp;
use tapis_profile::{JobProfile, JobState, Segment};

use crate::model::labels::Labels;

/// One visit to a state, or one coarse phase of a job known only from its job object.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The state; for a coarse phase, the state it is (QUEUED, RUNNING, ARCHIVING) or,
    /// for one that mixes states, an unknown state named after it (drawn as unknown).
    pub state: JobState,
    /// The coarse phase this is, from the job object's timestamps; `None` for a visit
    /// from the history.
    pub phase: Option<Phase>,
    /// Seconds since the Unix epoch.
    pub start: f64,
    /// Seconds since the Unix epoch; never before `start`.
    pub end: f64,
    /// The job is still in this state: `end` is an "as of" time, not a status change.
    pub open: bool,
}

impl Span {
    pub fn seconds(&self) -> f64 {
        self.end - self.start
    }
}

/// Whether a job was left in an open state for longer than it can plausibly last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Staleness {
    #[default]
    Fresh,
    /// Stale and left out: its open state stops at its start.
    LeftOut,
    /// Stale, but the user counts it: measured up to now.
    Counted,
}

impl Staleness {
    pub fn of(j: &JobReport) -> Staleness {
        match &j.stale {
            None => Staleness::Fresh,
            Some(s) if s.included => Staleness::Counted,
            Some(_) => Staleness::LeftOut,
        }
    }

    pub fn is_stale(self) -> bool {
        self != Staleness::Fresh
    }
}

/// One job on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineRow {
    /// Stable and unique among the rows: what `on_select` reports (the job's UUID,
    /// shared with its report, but where it is not unique).
    pub id: SharedText,
    /// What a person calls the job (its name, else its UUID).
    pub label: String,
    /// The job's t = 0 when the axis is aligned at submission.
    pub submitted: f64,
    /// The last state its history reached: FINISHED, FAILED, CANCELLED (which
    /// have no visits, so no segment), or the state it is still in.
    pub status: Option<JobState>,
    /// Left in an open state for longer than it can plausibly last: drawn apart, and
    /// (unless the user counts it) its bar stops at its last event.
    pub stale: Staleness,
    /// Visits in time order (sorted by start).
    spans: Vec<Span>,
    total: f64,
    /// The core's transfer anatomy of its STAGING_INPUTS and ARCHIVING visits (the
    /// report's own, shared), and each one's visit's start (seconds since the epoch;
    /// infinite, so no span's, where its visit is not known): the tooltip's parts.
    anatomy: Arc<[Anatomy]>,
    anatomy_starts: Vec<f64>,
}

impl TimelineRow {
    /// A row from spans in any order. Spans are sorted by start and a span that
    /// ends before it starts is cut to zero length, so the geometry can rely on
    /// both. `submitted` defaults to the first span's start.
    pub fn new(
        id: impl Into<SharedText>,
        label: String,
        submitted: Option<f64>,
        mut spans: Vec<Span>,
    ) -> Self {
        for span in &mut spans {
            if span.end.is_nan() || span.end < span.start {
                span.end = span.start;
            }
        }
        spans.retain(|s| s.start.is_finite() && s.end.is_finite());
        sort_by(&mut spans, |a, b| a.start.total_cmp(&b.start));
        let first = spans.first().map(|s| s.start);
        let total = spans.iter().map(Span::seconds).sum();
        TimelineRow {
            id: id.into(),
            label,
            submitted: submitted.filter(|t| t.is_finite()).or(first).unwrap_or(0.0),
            status: spans.last().map(|s| s.state.clone()),
            stale: Staleness::Fresh,
            spans,
            total,
            anatomy: Arc::default(),
            anatomy_starts: Vec::new(),
        }
    }

    /// The label without the short UUID that tells it from a job of the same name.
    pub fn name(&self) -> &str {
        self.label
            .strip_suffix(')')
            .and_then(|l| l.rsplit_once(" ("))
            .filter(|(_, tag)| self.id.starts_with(tag))
            .map_or(&self.label, |(name, _)| name)
    }

    /// The short UUID in the label, when it has one (`0d3c401b`).
    pub fn tag(&self) -> Option<&str> {
        self.label
            .strip_suffix(')')
            .and_then(|l| l.rsplit_once(" ("))
            .map(|(_, tag)| tag)
            .filter(|tag| self.id.starts_with(tag))
    }

    /// Known only from its job object: its spans are coarse phases.
    pub fn coarse(&self) -> bool {
        self.spans.iter().any(|s| s.phase.is_some())
    }

    /// The same row with the last state its history reached.
    pub fn with_status(self, status: Option<JobState>) -> Self {
        TimelineRow {
            status: status.or(self.status),
            ..self
        }
    }

    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// The transfer anatomy of a visit from the history (none for a coarse phase
    /// or a state without transfers).
    pub fn anatomy_of(&self, span: &Span) -> Option<&Anatomy> {
        self.anatomy
            .iter()
            .zip(&self.anatomy_starts)
            .find(|(a, start)| **start == span.start && a.direction.state() == span.state)
            .map(|(a, _)| a)
    }

    /// Time in all states together: the denominator of "share of the job".
    pub fn total_seconds(&self) -> f64 {
        self.total
    }

    /// Earliest start and latest end, in seconds since the epoch.
    pub fn extent(&self) -> Option<(f64, f64)> {
        let start = self.spans.first()?.start;
        let end = self.spans.iter().map(|s| s.end).fold(start, f64::max);
        Some((start, end))
    }

    /// Seconds in each state this job visited, in lifecycle order (none for a job known
    /// only from its job object: its time per state is unknown; nor for the state a stale
    /// job was left in, which is not measured).
    pub fn seconds_per_state(&self) -> Vec<(JobState, f64)> {
        let mut out: Vec<(JobState, f64)> = Vec::new();
        let unmeasured = |s: &&Span| self.stale == Staleness::LeftOut && s.open;
        for span in self
            .spans
            .iter()
            .filter(|s| s.phase.is_none())
            .filter(|s| !unmeasured(s))
        {
            match out.iter_mut().find(|(s, _)| *s == span.state) {
                Some((_, seconds)) => *seconds += span.seconds(),
                None => out.push((span.state.clone(), span.seconds())),
            }
        }
        sort_by_key(&mut out, |(s, _)| s.order());
        out
    }
}

/// What a row is made of: id, label, spans, status, staleness, transfer anatomy.
type JobRow = (
    Option<SharedText>,
    Option<String>,
    Vec<Span>,
    Option<JobState>,
    Staleness,
    (Arc<[Anatomy]>, Vec<f64>),
);

/// What the row of an analysed job is made of (see [`TimelineRows::from_jobs`]).
fn job_row(j: &JobReport, labels: &Labels) -> JobRow {
    let spans = match (&j.coarse, j.has_history) {
        (Some(c), false) => c
            .segments
            .iter()
            .map(|s| Span {
                state: s
                    .phase
                    .state()
                    .unwrap_or_else(|| JobState::Unknown(s.phase.label().into())),
                phase: Some(s.phase),
                start: epoch_seconds(s.start),
                end: epoch_seconds(s.end),
                open: s.open,
            })
            .collect(),
        _ => j.segments.iter().map(visit).collect(),
    };
    let starts = j
        .anatomy
        .iter()
        .map(|a| {
            j.segments
                .get(a.segment)
                .map_or(f64::INFINITY, |v| epoch_seconds(v.start))
        })
        .collect();
    let anatomy = (j.anatomy.clone(), starts);
    (
        Some(j.uuid.clone()),
        Some(labels.of_job(j)),
        spans,
        j.final_status.clone(),
        Staleness::of(j),
        anatomy,
    )
}

/// The `i`th row (from 0), from what it is made of; its id not yet made unique.
fn made(
    i: usize,
    (id, label, spans, status, stale, (anatomy, anatomy_starts)): JobRow,
) -> TimelineRow {
    let id = id.unwrap_or_else(|| format!("job-{}", i + 1).into());
    let label = label.unwrap_or_else(|| format!("Job {}", i + 1));
    TimelineRow {
        stale,
        anatomy,
        anatomy_starts,
        ..TimelineRow::new(id, label, None, spans).with_status(status)
    }
}

/// [`TimelineRows::of_shown`] some jobs at a time (each a [`RowsMaking::step`]), so the
/// page can make them over several tasks: 50,000 rows were ~80–100 ms of one task.
pub struct RowsMaking<'a> {
    jobs: &'a [JobReport],
    shown: &'a [usize],
    labels: &'a Labels,
    rows: Vec<TimelineRow>,
}

/// Rows made a [`RowsMaking::step`].
const ROWS_A_STEP: usize = 10_000;

impl<'a> RowsMaking<'a> {
    pub fn new(jobs: &'a [JobReport], shown: &'a [usize], labels: &'a Labels) -> Self {
        RowsMaking {
            jobs,
            shown,
            labels,
            rows: Vec::with_capacity(shown.len()),
        }
    }

    /// Makes up to `n` more rows; `true` once all are made.
    pub fn step_of(&mut self, n: usize) -> bool {
        let from = self.rows.len();
        let to = (from + n.max(1)).min(self.shown.len());
        for (i, &job) in self.shown.iter().enumerate().take(to).skip(from) {
            let row = job_row(&self.jobs[job], self.labels);
            self.rows.push(made(i, row));
        }
        self.rows.len() == self.shown.len()
    }

    /// Makes the next rows; `true` once all are made.
    pub fn step(&mut self) -> bool {
        self.step_of(ROWS_A_STEP)
    }

    /// The rows, those not yet made made first, their ids made unique.
    pub fn finish(mut self) -> TimelineRows {
        while !self.step() {}
        TimelineRows::with_unique_ids(self.rows)
    }
}

/// A visit from a history.
fn visit(s: &Segment) -> Span {
    Span {
        state: s.state.clone(),
        phase: None,
        start: epoch_seconds(s.start),
        end: epoch_seconds(s.end),
        open: s.open,
    }
}

/// Seconds since the epoch, to the microsecond.
pub fn epoch_seconds(t: Timestamp) -> f64 {
    t.timestamp() as f64 + f64::from(t.timestamp_subsec_micros()) / 1e6
}

/// The rows the timeline shows, shared and cheap to clone.
///
/// Equality is identity: comparing ten thousand rows field by field on every
/// render would cost more than drawing them. Build a new `TimelineRows` when the
/// rows change (a new import, another sort or filter).
#[derive(Debug, Clone, Default)]
pub struct TimelineRows(Rc<[TimelineRow]>);

impl PartialEq for TimelineRows {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for TimelineRows {
    type Target = [TimelineRow];
    fn deref(&self) -> &[TimelineRow] {
        &self.0
    }
}

impl From<Vec<TimelineRow>> for TimelineRows {
    fn from(rows: Vec<TimelineRow>) -> Self {
        TimelineRows(rows.into())
    }
}

impl TimelineRows {
    /// One row per profile, in the given order. Ids are UUIDs, made unique with
    /// a `#n` suffix when the same job was loaded twice; jobs without a UUID get
    /// their position (`job-3`).
    pub fn from_profiles(profiles: &[JobProfile]) -> Self {
        Self::unique(profiles.iter().map(|p| {
            let label = p.name.as_deref().or(p.uuid.as_deref()).map(String::from);
            let spans = p.segments.iter().map(visit).collect();
            (
                p.uuid.clone(),
                label,
                spans,
                p.last_state.clone(),
                Staleness::Fresh,
                (Arc::default(), Vec::new()),
            )
        }))
    }

    /// One row per analysed job, in the given order (the page's sort and filter):
    /// its id in the report, what the page calls it (`labels`: its name, with its short
    /// UUID when another job has the same name), its final status; its visits, or for a
    /// job without history its coarse phases; whether it is stale.
    pub fn from_jobs<'a>(jobs: impl IntoIterator<Item = &'a JobReport>, labels: &Labels) -> Self {
        Self::unique(jobs.into_iter().map(|j| job_row(j, labels)))
    }

    /// The rows of the jobs `shown` (indices into `jobs`, in the order shown), named by
    /// `labels`: what the timeline draws and its picture exports.
    pub fn of_shown(jobs: &[JobReport], shown: &[usize], labels: &Labels) -> Self {
        Self::from_jobs(shown.iter().map(|&i| &jobs[i]), labels)
    }

    /// Rows from (id, label, spans, status, stale, anatomy), ids made unique: a row whose
    /// id an earlier row has gets `#` and its position. The ids are checked borrowed,
    /// after the rows are made (a copy of each to check it was ~30 ms at 50,000 jobs).
    fn unique(jobs: impl Iterator<Item = JobRow>) -> Self {
        let rows = jobs.enumerate().map(|(i, row)| made(i, row)).collect();
        Self::with_unique_ids(rows)
    }

    /// `rows`, a row whose id an earlier row has given `#` and its position.
    fn with_unique_ids(mut rows: Vec<TimelineRow>) -> Self {
        let again: Vec<usize> = {
            let mut seen: FastSet<&str> = FastSet::default();
            seen.reserve(rows.len());
            (0..rows.len())
                .filter(|&i| !seen.insert(&*rows[i].id))
                .collect()
        };
        for i in again {
            rows[i].id = format!("{}#{}", rows[i].id, i + 1).into();
        }
        TimelineRows(rows.into())
    }

    /// Some row is known only from its job object (the legend explains the pale bars).
    pub fn any_coarse(&self) -> bool {
        self.iter().any(TimelineRow::coarse)
    }

    /// Some row is stale (the legend explains how it is drawn).
    pub fn any_stale(&self) -> bool {
        self.iter().any(|r| r.stale.is_stale())
    }

    /// The states any row visits, in lifecycle order: the legend and the table's columns
    /// (a coarse phase is no state visited).
    pub fn states_present(&self) -> Vec<JobState> {
        let mut states: Vec<JobState> = Vec::new();
        for span in self
            .iter()
            .flat_map(|r| r.spans.iter())
            .filter(|s| s.phase.is_none())
        {
            if !states.contains(&span.state) {
                states.push(span.state.clone());
            }
        }
        JobState::sort_in_lifecycle_order(&mut states);
        states
    }

    /// Whether any job is still in a state (the legend then explains the hatching); a stale
    /// job is drawn otherwise (`any_stale`).
    pub fn any_open(&self) -> bool {
        self.iter()
            .any(|r| !r.stale.is_stale() && r.spans.iter().any(|s| s.open))
    }

    /// The same jobs in the same order (their visits may differ: re-measured).
    pub fn same_jobs(&self, other: &TimelineRows) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a.id == b.id)
    }

    /// Position of the row with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.iter().position(|r| &*r.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tapis_profile::{import_text, profile};

    fn span(state: JobState, start: f64, end: f64) -> Span {
        Span {
            state,
            phase: None,
            start,
            end,
            open: false,
        }
    }

    #[test]
    fn rows_made_some_jobs_a_step_are_the_rows_of_the_jobs_shown() {
        let jobs = tapis_profile::synthetic::generate(&tapis_profile::synthetic::Config {
            jobs: 40,
            seed: 9,
            ..Default::default()
        });
        let report = tapis_profile::analysis::analyse_jobs(&jobs, &Default::default());
        let labels = Labels::of(&report.jobs);
        // In another order, and one job shown twice: its second row's id is made unique.
        let mut shown: Vec<usize> = (0..report.jobs.len()).rev().collect();
        shown.push(7);
        let whole = TimelineRows::of_shown(&report.jobs, &shown, &labels);
        let mut making = RowsMaking::new(&report.jobs, &shown, &labels);
        let mut steps = 1;
        while !making.step_of(3) {
            steps += 1;
        }
        assert_eq!(steps, shown.len().div_ceil(3));
        let stepped = making.finish();
        assert_eq!(&*stepped, &*whole);
        assert_eq!(stepped.len(), 41);
        assert!(stepped[40].id.ends_with("#41"), "{}", stepped[40].id);
    }

    #[test]
    fn spans_are_sorted_and_never_negative() {
        let row = TimelineRow::new(
            "a",
            "a".into(),
            None,
            vec![
                span(JobState::Running, 10.0, 20.0),
                span(JobState::Queued, 5.0, 10.0),
                span(JobState::Archiving, 20.0, 19.0),
                span(JobState::Pending, f64::NAN, 3.0),
            ],
        );
        let states: Vec<_> = row.spans().iter().map(|s| s.state.clone()).collect();
        assert_eq!(
            states,
            [JobState::Queued, JobState::Running, JobState::Archiving]
        );
        assert_eq!(row.spans()[2].seconds(), 0.0);
        assert_eq!(row.submitted, 5.0);
        assert_eq!(row.total_seconds(), 15.0);
        assert_eq!(row.extent(), Some((5.0, 20.0)));
    }

    #[test]
    fn the_sample_becomes_one_row_with_its_eight_visits() {
        let job = import_text("s", crate::model::page_reducer::SAMPLE_HISTORY)
            .jobs
            .remove(0);
        let p = profile(&job, None);
        let rows = TimelineRows::from_profiles(&[p.clone(), p]);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].spans().len(), 8);
        assert!((rows[0].total_seconds() - 334.7).abs() < 0.05);
        assert_ne!(rows[0].id, rows[1].id, "ids stay unique");
        assert_eq!(
            rows[0].status,
            Some(JobState::Finished),
            "not its last visit, ARCHIVING"
        );
        assert!(rows[1].id.ends_with("#2"));
        assert_eq!(rows.states_present().first(), Some(&JobState::Pending));
        let archiving = rows[0]
            .seconds_per_state()
            .into_iter()
            .find(|(s, _)| *s == JobState::Archiving)
            .unwrap();
        assert!((archiving.1 - 215.1).abs() < 0.05);
    }

    #[test]
    fn rows_from_the_report_match_rows_from_profiles() {
        let import = import_text("s", crate::model::page_reducer::SAMPLE_HISTORY);
        let report = tapis_profile::analyse(&import, &Default::default());
        let from_report = TimelineRows::from_jobs(&report.jobs, &Labels::of(&report.jobs));
        let from_profile = TimelineRows::from_profiles(&[profile(&import.jobs[0], None)]);
        assert_eq!(from_report.len(), 1);
        assert_eq!(from_report[0].spans(), from_profile[0].spans());
        assert_eq!(from_report[0].id, report.jobs[0].uuid);
        assert_eq!(from_report[0].label, from_profile[0].label);
        assert_eq!(from_report[0].status, Some(JobState::Finished));
        assert!(from_report.same_jobs(&TimelineRows::from_jobs(&report.jobs, &Labels::default())));
        assert!(!from_report.same_jobs(&TimelineRows::default()));
        // The report's rows carry the core's anatomy of each transfer visit.
        let row = &from_report[0];
        let with_anatomy: Vec<(JobState, &Anatomy)> = row
            .spans()
            .iter()
            .filter_map(|s| row.anatomy_of(s).map(|a| (s.state.clone(), a)))
            .collect();
        assert_eq!(with_anatomy.len(), report.jobs[0].anatomy.len());
        for (state, a) in with_anatomy {
            assert_eq!(a.direction.state(), state);
            assert!(report.jobs[0].anatomy.contains(a));
        }
        // Shared with the report, not copied (P5 in docs/performance.md).
        assert!(Arc::ptr_eq(&row.anatomy, &report.jobs[0].anatomy));
        assert_eq!(row, &row.clone(), "a row equals itself");
        assert!(from_profile[0]
            .spans()
            .iter()
            .all(|s| from_profile[0].anatomy_of(s).is_none()));
    }

    #[test]
    fn job_objects_are_coarse_rows_and_stale_jobs_say_so() {
        let fixture = |name: &str| {
            std::fs::read_to_string(format!(
                "{}/fixtures/tapis/{name}",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap()
        };
        let (job, list, staging) = (
            fixture("source-ds-job-41d6ee21-finished-2026.reconstructed.json"),
            fixture("source-ds-joblist-failed-2024.reconstructed.json"),
            fixture("source-dsportal-notification-staging-inputs-2023.json"),
        );
        let import = tapis_profile::import_all([
            ("job", job.as_str()),
            ("list", list.as_str()),
            ("staging", staging.as_str()),
        ]);
        let as_of = tapis_profile::time::parse_timestamp("2026-11-20T12:00:00Z");
        let report = tapis_profile::analyse(&import, &tapis_profile::Options::at(as_of));
        let rows = TimelineRows::from_jobs(&report.jobs, &Labels::of(&report.jobs));
        let job = &rows[0];
        assert!(job.coarse() && rows.any_coarse());
        let phases: Vec<Option<Phase>> = job.spans().iter().map(|s| s.phase).collect();
        assert_eq!(
            phases,
            [
                Some(Phase::Setup),
                Some(Phase::Queued),
                Some(Phase::Running),
                Some(Phase::AfterRunning)
            ]
        );
        assert!((job.total_seconds() - report.jobs[0].total_seconds).abs() < 1e-6);
        assert_eq!(job.seconds_per_state(), [], "its time per state is unknown");
        assert!(
            !rows.states_present().iter().any(|s| !s.is_known()),
            "no phase is a state of the table"
        );
        // Two jobs of one name: the short UUID is the label's tag, the name apart.
        assert_eq!(rows[1].tag(), Some("0d3c401b"));
        assert_eq!(rows[1].name(), "opensees-mp-s3-3.6.0_2024-06-13T18:18:01");
        assert_eq!(rows[3].tag(), None);
        // The 2023 notification: stale, its STAGING_INPUTS not measured.
        let staging = rows.last().unwrap();
        assert_eq!(staging.stale, Staleness::LeftOut);
        assert!(rows.any_stale());
        assert_eq!(staging.total_seconds(), 0.0);
        assert_eq!(staging.seconds_per_state(), []);
        assert!(
            !rows.any_open(),
            "a stale job is drawn apart, not hatched as open"
        );
    }

    #[test]
    fn rows_compare_by_identity() {
        let a = TimelineRows::from(Vec::new());
        let b = TimelineRows::from(Vec::new());
        assert_eq!(a, a.clone());
        assert_ne!(a, b);
    }
}
