//! The timeline's input: one row per job, its state visits as plain numbers.
//!
//! Rows are built once from the core's profiles; everything the timeline does
//! afterwards (culling, hit-testing, ticks) reads only these numbers. Times are
//! seconds since the Unix epoch (UTC) as `f64`: at today's epoch values that
//! still resolves well below a microsecond, and it keeps the geometry free of
//! date arithmetic.

use std::collections::HashSet;
use std::ops::Deref;
use std::rc::Rc;

use tapis_profile::report::JobReport;
use tapis_profile::time::Timestamp;
use tapis_profile::{JobProfile, JobState, Segment};

/// One visit to a state.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub state: JobState,
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

/// One job on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineRow {
    /// Stable and unique among the rows: what `on_select` reports.
    pub id: String,
    /// What a person calls the job (its name, else its UUID).
    pub label: String,
    /// The job's t = 0 when the axis is aligned at submission.
    pub submitted: f64,
    /// The last state its history reached: FINISHED, FAILED, CANCELLED (which
    /// have no visits, so no segment), or the state it is still in.
    pub status: Option<JobState>,
    /// Visits in time order (sorted by start).
    spans: Vec<Span>,
    total: f64,
}

impl TimelineRow {
    /// A row from spans in any order. Spans are sorted by start and a span that
    /// ends before it starts is cut to zero length, so the geometry can rely on
    /// both. `submitted` defaults to the first span's start.
    pub fn new(id: String, label: String, submitted: Option<f64>, mut spans: Vec<Span>) -> Self {
        for span in &mut spans {
            if span.end.is_nan() || span.end < span.start {
                span.end = span.start;
            }
        }
        spans.retain(|s| s.start.is_finite() && s.end.is_finite());
        spans.sort_by(|a, b| a.start.total_cmp(&b.start));
        let first = spans.first().map(|s| s.start);
        let total = spans.iter().map(Span::seconds).sum();
        TimelineRow {
            id,
            label,
            submitted: submitted.filter(|t| t.is_finite()).or(first).unwrap_or(0.0),
            status: spans.last().map(|s| s.state.clone()),
            spans,
            total,
        }
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

    /// Seconds in each state this job visited, in lifecycle order.
    pub fn seconds_per_state(&self) -> Vec<(JobState, f64)> {
        let mut out: Vec<(JobState, f64)> = Vec::new();
        for span in &self.spans {
            match out.iter_mut().find(|(s, _)| *s == span.state) {
                Some((_, seconds)) => *seconds += span.seconds(),
                None => out.push((span.state.clone(), span.seconds())),
            }
        }
        out.sort_by_key(|(s, _)| s.order());
        out
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
            let label = p.name.clone().or_else(|| p.uuid.clone());
            (p.uuid.clone(), label, &p.segments[..], p.last_state.clone())
        }))
    }

    /// One row per analysed job, in the given order (the page's sort and filter):
    /// its id in the report, its name (else that id), its final status.
    pub fn from_jobs<'a>(jobs: impl IntoIterator<Item = &'a JobReport>) -> Self {
        Self::unique(jobs.into_iter().map(|j| {
            let label = j.name.clone().unwrap_or_else(|| j.uuid.clone());
            (
                Some(j.uuid.clone()),
                Some(label),
                &j.segments[..],
                j.final_status.clone(),
            )
        }))
    }

    /// Rows from (id, label, segments, status), ids made unique.
    fn unique<'a>(
        jobs: impl Iterator<
            Item = (
                Option<String>,
                Option<String>,
                &'a [Segment],
                Option<JobState>,
            ),
        >,
    ) -> Self {
        let mut seen = HashSet::new();
        let rows = jobs.enumerate().map(|(i, (id, label, segments, status))| {
            let base = id.unwrap_or_else(|| format!("job-{}", i + 1));
            let id = if seen.insert(base.clone()) {
                base
            } else {
                format!("{base}#{}", i + 1)
            };
            let label = label.unwrap_or_else(|| format!("Job {}", i + 1));
            let spans = segments
                .iter()
                .map(|s| Span {
                    state: s.state.clone(),
                    start: epoch_seconds(s.start),
                    end: epoch_seconds(s.end),
                    open: s.open,
                })
                .collect();
            TimelineRow::new(id, label, None, spans).with_status(status)
        });
        TimelineRows(rows.collect())
    }

    /// The states any row visits, in lifecycle order: the legend and the table's columns.
    pub fn states_present(&self) -> Vec<JobState> {
        let mut states: Vec<JobState> = Vec::new();
        for span in self.iter().flat_map(|r| r.spans.iter()) {
            if !states.contains(&span.state) {
                states.push(span.state.clone());
            }
        }
        states.sort_by(|a, b| a.order().cmp(&b.order()).then_with(|| a.cmp(b)));
        states
    }

    /// Whether any job is still in a state (the legend then explains the hatching).
    pub fn any_open(&self) -> bool {
        self.iter().any(|r| r.spans.iter().any(|s| s.open))
    }

    /// The same jobs in the same order (their visits may differ: re-measured).
    pub fn same_jobs(&self, other: &TimelineRows) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a.id == b.id)
    }

    /// Position of the row with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.iter().position(|r| r.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tapis_profile::{import_text, profile};

    fn span(state: JobState, start: f64, end: f64) -> Span {
        Span {
            state,
            start,
            end,
            open: false,
        }
    }

    #[test]
    fn spans_are_sorted_and_never_negative() {
        let row = TimelineRow::new(
            "a".into(),
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
        let from_report = TimelineRows::from_jobs(&report.jobs);
        let from_profile = TimelineRows::from_profiles(&[profile(&import.jobs[0], None)]);
        assert_eq!(from_report.len(), 1);
        assert_eq!(from_report[0].spans(), from_profile[0].spans());
        assert_eq!(from_report[0].id, report.jobs[0].uuid);
        assert_eq!(from_report[0].label, from_profile[0].label);
        assert_eq!(from_report[0].status, Some(JobState::Finished));
        assert!(from_report.same_jobs(&TimelineRows::from_jobs(&report.jobs)));
        assert!(!from_report.same_jobs(&TimelineRows::default()));
    }

    #[test]
    fn rows_compare_by_identity() {
        let a = TimelineRows::from(Vec::new());
        let b = TimelineRows::from(Vec::new());
        assert_eq!(a, a.clone());
        assert_ne!(a, b);
    }
}
