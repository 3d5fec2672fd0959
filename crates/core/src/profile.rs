//! Where one job's time went: the intervals between its status changes, and the
//! time per state summed over every visit. The segments are the timeline's data.

use serde::{Deserialize, Serialize};

use crate::job_state::JobState;
use crate::model::{EventKind, Job, SharedText};
use crate::time::{seconds_between, Timestamp};

/// One visit to a state, from the status event that entered it to the next one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    pub state: JobState,
    pub start: Timestamp,
    pub end: Timestamp,
    /// The job is still in this state: `end` is the "as of" time, not a status change.
    pub open: bool,
}

impl Segment {
    pub fn seconds(&self) -> f64 {
        seconds_between(self.start, self.end).max(0.0)
    }
}

/// Time spent in one state, summed over every visit (recovery can re-enter a state).
#[derive(Debug, Clone, PartialEq)]
pub struct StateTotal {
    pub state: JobState,
    pub seconds: f64,
    /// How many times the job entered the state.
    pub entered: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct JobProfile {
    pub uuid: Option<SharedText>,
    pub name: Option<SharedText>,
    /// Visits in time order.
    pub segments: Vec<Segment>,
    /// Per-state totals in lifecycle order; states never entered are absent.
    pub totals: Vec<StateTotal>,
    /// The last state the history reached (terminal or not).
    pub last_state: Option<JobState>,
}

impl JobProfile {
    /// First status change to the last one (or to the "as of" time for an open job).
    pub fn total_seconds(&self) -> f64 {
        self.segments.iter().map(Segment::seconds).sum()
    }

    pub fn seconds_in(&self, state: &JobState) -> f64 {
        self.totals
            .iter()
            .find(|t| &t.state == state)
            .map_or(0.0, |t| t.seconds)
    }

    /// Share of the total spent in `state`, 0–1 (0 for an empty profile).
    pub fn share_of(&self, state: &JobState) -> f64 {
        crate::stats::share(self.seconds_in(state), self.total_seconds())
    }
}

/// Profiles one job. Status events are taken in time order (stable for equal
/// times). A job whose last state is not terminal is measured up to `as_of`
/// (else the job object's `ended` or `lastUpdated`) when that is later than the
/// state's start, and its last segment is open. With a job object, the gap from
/// its `created` to the first status event is a [`JobState::Submission`] segment.
pub fn profile(job: &Job, as_of: Option<Timestamp>) -> JobProfile {
    // Room for every event at once: grown push by push, these two lists were most of
    // the analysis's reallocations (docs/performance.md, P1); both are dropped below.
    let mut statuses: Vec<(&JobState, Timestamp)> = Vec::with_capacity(job.events.len());
    statuses.extend(job.events.iter().filter_map(|e| match &e.kind {
        EventKind::NewStatus(state) => Some((state, e.created)),
        EventKind::Other { .. } => None,
    }));
    statuses.sort_by_key(|&(_, at)| at);

    let info = job.info.as_deref();
    let mut segments: Vec<Segment> = Vec::with_capacity(statuses.len() + 1);
    if let (Some(created), Some(&(_, first))) = (info.and_then(|i| i.created), statuses.first()) {
        if created < first {
            segments.push(Segment {
                state: JobState::Submission,
                start: created,
                end: first,
                open: false,
            });
        }
    }
    segments.extend(
        statuses
            .windows(2)
            .filter(|pair| !pair[0].0.is_terminal())
            .map(|pair| Segment {
                state: pair[0].0.clone(),
                start: pair[0].1,
                end: pair[1].1,
                open: false,
            }),
    );
    if let Some(&(state, start)) = statuses.last() {
        if !state.is_terminal() {
            let fallback = info.and_then(|i| i.ended.or(i.last_updated));
            let end = as_of.or(fallback).filter(|&t| t > start).unwrap_or(start);
            segments.push(Segment {
                state: state.clone(),
                start,
                end,
                open: true,
            });
        }
    }

    let mut totals: Vec<StateTotal> = Vec::with_capacity(segments.len());
    for segment in &segments {
        let seconds = segment.seconds();
        match totals.iter_mut().find(|t| t.state == segment.state) {
            Some(total) => {
                total.seconds += seconds;
                total.entered += 1;
            }
            None => totals.push(StateTotal {
                state: segment.state.clone(),
                seconds,
                entered: 1,
            }),
        }
    }
    totals.sort_by_key(|t| t.state.order());

    JobProfile {
        uuid: job.uuid.clone(),
        name: job.name.clone(),
        segments,
        totals,
        last_state: statuses.last().map(|(s, _)| (*s).clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Event;
    use crate::time::parse_timestamp;

    fn status(state: JobState, at: &str) -> Event {
        Event {
            kind: EventKind::NewStatus(state),
            created: parse_timestamp(at).unwrap(),
            message: None,
            transfer: None,
        }
    }

    fn job(events: Vec<Event>) -> Job {
        Job {
            events: events.into(),
            ..Job::default()
        }
    }

    #[test]
    fn re_entered_states_are_summed_and_counted() {
        let j = job(vec![
            status(JobState::Queued, "2025-01-01T00:00:00Z"),
            status(JobState::Blocked, "2025-01-01T00:00:10Z"),
            status(JobState::Queued, "2025-01-01T00:01:10Z"),
            status(JobState::Running, "2025-01-01T00:01:15Z"),
            status(JobState::Failed, "2025-01-01T00:01:20Z"),
        ]);
        let p = profile(&j, None);
        assert_eq!(
            p.totals,
            vec![
                StateTotal {
                    state: JobState::Queued,
                    seconds: 15.0,
                    entered: 2
                },
                StateTotal {
                    state: JobState::Running,
                    seconds: 5.0,
                    entered: 1
                },
                StateTotal {
                    state: JobState::Blocked,
                    seconds: 60.0,
                    entered: 1
                },
            ]
        );
        assert_eq!(p.total_seconds(), 80.0);
        assert_eq!(p.last_state, Some(JobState::Failed));
    }

    #[test]
    fn an_active_job_is_measured_up_to_as_of_and_marked_open() {
        let j = job(vec![
            status(JobState::Pending, "2025-01-01T00:00:00Z"),
            status(JobState::Running, "2025-01-01T00:00:30Z"),
        ]);
        let p = profile(&j, parse_timestamp("2025-01-01T00:01:30Z"));
        let last = p.segments.last().unwrap();
        assert!(last.open);
        assert_eq!(last.seconds(), 60.0);
        // Without an "as of" time the open state has no length yet, but is still there.
        let p = profile(&j, None);
        assert_eq!(p.segments.last().unwrap().seconds(), 0.0);
        assert!(p.segments.last().unwrap().open);
    }

    #[test]
    fn the_submission_gap_is_its_own_segment_when_the_job_object_is_known() {
        let mut j = job(vec![
            status(JobState::Pending, "2025-01-01T00:00:03Z"),
            status(JobState::Failed, "2025-01-01T00:00:04Z"),
        ]);
        assert_eq!(profile(&j, None).segments.len(), 1);
        j.info = Some(crate::model::SharedInfo::new(crate::model::JobInfo {
            created: parse_timestamp("2025-01-01T00:00:00Z"),
            ..Default::default()
        }));
        let p = profile(&j, None);
        assert_eq!(p.segments[0].state, JobState::Submission);
        assert_eq!(p.seconds_in(&JobState::Submission), 3.0);
        assert_eq!(p.total_seconds(), 4.0);
    }

    #[test]
    fn events_are_taken_in_time_order() {
        let j = job(vec![
            status(JobState::Running, "2025-01-01T00:00:10Z"),
            status(JobState::Pending, "2025-01-01T00:00:00Z"),
            status(JobState::Finished, "2025-01-01T00:00:20Z"),
        ]);
        let p = profile(&j, None);
        assert_eq!(p.seconds_in(&JobState::Pending), 10.0);
        assert_eq!(p.seconds_in(&JobState::Running), 10.0);
        assert_eq!(p.share_of(&JobState::Running), 0.5);
    }
}
