//! Transfer anatomy: what each STAGING_INPUTS and ARCHIVING visit was made of,
//! read from the `transferSummary` of the transfer events in it.
//!
//! In the real histories (fixture 4dfa35e1) Tapis enters the state, asks Files
//! for a transfer (the summary's `created`, a fraction of a second later), Files
//! starts copying at `startTime` and stops at `endTime`, and Tapis notices a few
//! seconds later, logs the transfer event and moves to the next status. So:
//! waiting = state entry → `startTime`, copying = `startTime` → `endTime`,
//! completion lag = `endTime` → the next status, and the rest of the visit is
//! unexplained. Odd summaries give a note and leave the part unknown (counted in
//! the rest), never an invented number.

use serde::{Deserialize, Serialize};

use crate::format::format_duration;
use crate::job_state::JobState;
use crate::model::{Event, EventKind, Transfer, ARCHIVE_EVENT, INPUT_EVENT};
use crate::profile::Segment;
use crate::time::{seconds_between, Timestamp};

/// Which way the files went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Input staging: STAGING_INPUTS, `JOB_INPUT_TRANSACTION_ID`.
    In,
    /// Archiving: ARCHIVING, `JOB_ARCHIVE_TRANSACTION_ID`.
    Out,
}

impl Direction {
    pub const ALL: [Direction; 2] = [Direction::In, Direction::Out];

    pub fn state(self) -> JobState {
        match self {
            Direction::In => JobState::StagingInputs,
            Direction::Out => JobState::Archiving,
        }
    }

    fn event(self) -> &'static str {
        match self {
            Direction::In => INPUT_EVENT,
            Direction::Out => ARCHIVE_EVENT,
        }
    }

    /// "Input staging" / "Archiving".
    pub fn title(self) -> &'static str {
        match self {
            Direction::In => "Input staging",
            Direction::Out => "Archiving",
        }
    }

    /// "input staging" / "archiving".
    pub fn label(self) -> &'static str {
        match self {
            Direction::In => "input staging",
            Direction::Out => "archiving",
        }
    }
}

/// One STAGING_INPUTS or ARCHIVING visit, part by part (seconds; `None`: not
/// known, see `notes`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Anatomy {
    pub direction: Direction,
    /// Index of the visit in the job's `segments`.
    pub segment: usize,
    pub state_seconds: f64,
    /// State entry → `startTime`: Tapis asking Files, Files queueing the transfer.
    pub waiting_seconds: Option<f64>,
    /// `startTime` → `endTime`: the copy itself.
    pub copying_seconds: Option<f64>,
    /// `endTime` → the next status: Tapis noticing the copy is done.
    pub lag_seconds: Option<f64>,
    /// What the parts above do not explain (including the parts not known).
    pub rest_seconds: f64,
    /// `totalTransfers` and `totalBytesTransferred`, summed over the visit's transfers.
    pub files: Option<u64>,
    pub bytes: Option<u64>,
    /// Data-quality notes on this visit's summaries.
    #[serde(default)]
    pub notes: Vec<String>,
}

impl Anatomy {
    /// The visit's copy as one row of the transfer cost model: (files, bytes,
    /// seconds), when all three are known and non-zero.
    pub fn sample(&self) -> Option<(f64, f64, f64)> {
        let (f, b, c) = (self.files?, self.bytes?, self.copying_seconds?);
        (f > 0 && b > 0 && c > 0.0).then_some((f as f64, b as f64, c))
    }
}

/// Every STAGING_INPUTS and ARCHIVING visit of a job, in time order. Each transfer
/// event belongs to the visit of its state that holds its `startTime` (else its
/// `created`, else the event's own time): Tapis logs it at completion, which can
/// fall after the state ended.
pub fn anatomy(events: &[Event], segments: &[Segment]) -> Vec<Anatomy> {
    // Each transfer event's visit and summary, in event order: one list for the job, not
    // one per visit (a job's analysis allocates little: docs/performance.md, P1).
    let mut found: Vec<(usize, Option<&Transfer>)> = Vec::with_capacity(events.len());
    for event in events {
        let EventKind::Other { event: name, .. } = &event.kind else {
            continue;
        };
        let Some(direction) = Direction::ALL.into_iter().find(|d| **name == *d.event()) else {
            continue;
        };
        let t = event.transfer.as_deref();
        let at = [
            t.and_then(|t| t.start),
            t.and_then(|t| t.created),
            Some(event.created),
        ];
        let visit = at.iter().flatten().find_map(|&when| {
            segments
                .iter()
                .position(|s| s.state == direction.state() && s.start <= when && when <= s.end)
        });
        if let Some(i) = visit {
            found.push((i, t));
        }
    }
    let direction_of = |s: &Segment| Direction::ALL.into_iter().find(|d| d.state() == s.state);
    let mut out = Vec::with_capacity(
        segments
            .iter()
            .filter(|s| direction_of(s).is_some())
            .count(),
    );
    out.extend(segments.iter().enumerate().filter_map(|(i, s)| {
        let transfers = found.iter().filter(move |(k, _)| *k == i).map(|(_, t)| *t);
        Some(visit(direction_of(s)?, i, s, transfers))
    }));
    out
}

/// A visit's anatomy from its transfer events' summaries (`None`: an event without one).
fn visit<'a>(
    direction: Direction,
    index: usize,
    s: &Segment,
    transfers: impl Iterator<Item = Option<&'a Transfer>> + Clone,
) -> Anatomy {
    let mut a = Anatomy {
        direction,
        segment: index,
        state_seconds: s.seconds(),
        waiting_seconds: None,
        copying_seconds: None,
        lag_seconds: None,
        rest_seconds: s.seconds(),
        files: None,
        bytes: None,
        notes: Vec::new(),
    };
    let events = transfers.clone().count();
    if events == 0 {
        a.notes
            .push("no transfer event in this visit: all of it is unexplained".into());
        return a;
    }
    let summaries = transfers.flatten();
    let count = summaries.clone().count();
    if count < events {
        a.notes
            .push("a transfer event without a transferSummary".into());
    }
    for t in summaries.clone() {
        a.files = add(a.files, t.files);
        a.bytes = add(a.bytes, t.bytes);
    }
    if summaries
        .clone()
        .any(|t| t.files == Some(0) || t.bytes == Some(0))
    {
        a.notes
            .push("a summary counts zero files or zero bytes".into());
    }
    // Several transfers in one visit: from the first start to the last end.
    let start = earliest(summaries.clone().map(|t| t.start), count);
    let end = latest(summaries.map(|t| t.end), count);
    match (start, end) {
        (None, Some(_)) => a
            .notes
            .push("no startTime, only an endTime: waiting and copying cannot be told apart".into()),
        (None, None) | (Some(_), None) => a.notes.push(format!(
            "no {}: the copy's length is not known",
            if start.is_none() {
                "startTime or endTime"
            } else {
                "endTime"
            }
        )),
        _ => {}
    }
    if let (Some(st), Some(en)) = (start, end) {
        if en < st {
            a.notes
                .push("endTime before startTime: the copy's timing is not used".into());
            return finish(a);
        }
        a.copying_seconds = Some(seconds_between(st, en));
    }
    if let Some(st) = start {
        if st < s.start {
            a.notes
                .push("the copy started before the state was entered".into());
        } else if st <= s.end {
            a.waiting_seconds = Some(seconds_between(s.start, st));
        } else {
            a.notes
                .push("the copy started after the state ended".into());
            a.copying_seconds = None;
        }
    }
    if let Some(en) = end {
        if s.open {
            a.notes
                .push("still in the state: no completion lag yet".into());
        } else if en > s.end {
            a.notes.push(format!(
                "endTime {} after the next status",
                format_duration(seconds_between(s.end, en))
            ));
        } else if en >= s.start {
            a.lag_seconds = Some(seconds_between(en, s.end));
        }
    }
    finish(a)
}

fn finish(mut a: Anatomy) -> Anatomy {
    let known: f64 = [a.waiting_seconds, a.copying_seconds, a.lag_seconds]
        .iter()
        .flatten()
        .sum();
    a.rest_seconds = (a.state_seconds - known).max(0.0);
    a
}

/// The earliest of the times when every one of `n` is known.
fn earliest(times: impl Iterator<Item = Option<Timestamp>>, n: usize) -> Option<Timestamp> {
    extreme(times, n, std::cmp::min)
}

fn latest(times: impl Iterator<Item = Option<Timestamp>>, n: usize) -> Option<Timestamp> {
    extreme(times, n, std::cmp::max)
}

/// `pick` over the times when every one of `n` is known (`None` else, or when none is),
/// counted as they come rather than gathered into a list (a job's analysis allocates
/// little: docs/performance.md, P1).
fn extreme(
    times: impl Iterator<Item = Option<Timestamp>>,
    n: usize,
    pick: fn(Timestamp, Timestamp) -> Timestamp,
) -> Option<Timestamp> {
    let (mut known, mut out) = (0, None);
    for t in times.flatten() {
        known += 1;
        out = Some(out.map_or(t, |o| pick(o, t)));
    }
    out.filter(|_| known == n)
}

fn add(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    match (a, b) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(0).saturating_add(b.unwrap_or(0))),
    }
}

/// One direction's anatomy summed over jobs.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnatomyTotals {
    /// Visits to the state.
    pub visits: usize,
    /// Of those, with a transfer whose copy time is known.
    pub with_copy: usize,
    pub state_seconds: f64,
    pub waiting_seconds: f64,
    pub copying_seconds: f64,
    pub lag_seconds: f64,
    pub rest_seconds: f64,
    /// Visits with a data-quality note.
    pub noted: usize,
}

impl AnatomyTotals {
    pub fn of<'a>(visits: impl IntoIterator<Item = &'a Anatomy>) -> AnatomyTotals {
        let mut t = AnatomyTotals::default();
        for a in visits {
            t.visits += 1;
            t.with_copy += usize::from(a.copying_seconds.is_some());
            t.state_seconds += a.state_seconds;
            t.waiting_seconds += a.waiting_seconds.unwrap_or(0.0);
            t.copying_seconds += a.copying_seconds.unwrap_or(0.0);
            t.lag_seconds += a.lag_seconds.unwrap_or(0.0);
            t.rest_seconds += a.rest_seconds;
            t.noted += usize::from(!a.notes.is_empty());
        }
        t
    }
}

/// The CSV's anatomy columns: per direction (input, then archive), waiting,
/// copying, lag and rest summed over the job's visits; `None` without a visit.
pub const CSV_COLUMNS: [&str; 8] = [
    "inputWaitingSeconds",
    "inputCopyingSeconds",
    "inputLagSeconds",
    "inputRestSeconds",
    "archiveWaitingSeconds",
    "archiveCopyingSeconds",
    "archiveLagSeconds",
    "archiveRestSeconds",
];

/// A job's values for [`CSV_COLUMNS`]; a part no visit knew is `None`.
pub fn csv_values(visits: &[Anatomy]) -> [Option<f64>; 8] {
    let mut out = [None; 8];
    for (k, d) in Direction::ALL.iter().enumerate() {
        let of: Vec<&Anatomy> = visits.iter().filter(|a| a.direction == *d).collect();
        if of.is_empty() {
            continue;
        }
        let part = |f: fn(&Anatomy) -> Option<f64>| {
            of.iter()
                .filter_map(|a| f(a))
                .fold(None, |s: Option<f64>, v| Some(s.unwrap_or(0.0) + v))
        };
        out[k * 4] = part(|a| a.waiting_seconds);
        out[k * 4 + 1] = part(|a| a.copying_seconds);
        out[k * 4 + 2] = part(|a| a.lag_seconds);
        out[k * 4 + 3] = Some(of.iter().map(|a| a.rest_seconds).sum());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_timestamp;

    fn at(s: &str) -> Timestamp {
        parse_timestamp(&format!("2025-05-07T22:{s}Z")).unwrap()
    }

    fn seg(state: JobState, a: &str, b: &str) -> Segment {
        Segment {
            state,
            start: at(a),
            end: at(b),
            open: false,
        }
    }

    fn transfer_event(kind: &str, logged: &str, t: Transfer) -> Event {
        Event {
            kind: EventKind::Other {
                event: kind.into(),
                detail: "COMPLETED".into(),
            },
            created: at(logged),
            message: None,
            transfer: Some(std::sync::Arc::new(t)),
        }
    }

    fn summary(files: u64, bytes: u64, start: Option<&str>, end: Option<&str>) -> Transfer {
        Transfer {
            files: Some(files),
            bytes: Some(bytes),
            start: start.map(at),
            end: end.map(at),
            ..Transfer::default()
        }
    }

    /// The parts of fixture 4dfa35e1's ARCHIVING, by hand from its timestamps.
    #[test]
    fn waiting_copying_and_lag_add_up_to_the_state() {
        let segments = vec![
            seg(JobState::Running, "16:51.803666", "17:17.635728"),
            seg(JobState::Archiving, "17:17.635728", "20:52.736325"),
        ];
        let events = vec![transfer_event(
            ARCHIVE_EVENT,
            "20:49.126545",
            summary(
                5069,
                150_885_718,
                Some("17:30.040657"),
                Some("20:21.744321"),
            ),
        )];
        let a = anatomy(&events, &segments);
        assert_eq!(a.len(), 1);
        let a = &a[0];
        assert_eq!((a.direction, a.segment), (Direction::Out, 1));
        assert!((a.waiting_seconds.unwrap() - 12.404929).abs() < 1e-6);
        assert!((a.copying_seconds.unwrap() - 171.703664).abs() < 1e-6);
        assert!((a.lag_seconds.unwrap() - 30.992004).abs() < 1e-6);
        assert!(a.rest_seconds < 1e-6 && a.notes.is_empty(), "{a:?}");
        assert_eq!(
            a.sample(),
            Some((5069.0, 150_885_718.0, a.copying_seconds.unwrap()))
        );
    }

    #[test]
    fn odd_summaries_give_notes_not_numbers() {
        let segments = vec![seg(JobState::StagingInputs, "10:00", "12:00")];
        let one = |t: Transfer| anatomy(&[transfer_event(INPUT_EVENT, "11:59", t)], &segments);
        // Logged only at completion: no startTime.
        let a = &one(summary(10, 100, None, Some("11:50")))[0];
        assert_eq!((a.waiting_seconds, a.copying_seconds), (None, None));
        assert_eq!(a.lag_seconds, Some(10.0));
        assert_eq!(a.rest_seconds, 110.0);
        assert!(a.notes[0].contains("no startTime"), "{:?}", a.notes);
        assert_eq!(a.sample(), None);
        // End before start.
        let a = &one(summary(10, 100, Some("11:00"), Some("10:30")))[0];
        assert_eq!(
            (a.waiting_seconds, a.copying_seconds, a.lag_seconds),
            (None, None, None)
        );
        assert_eq!(a.rest_seconds, 120.0);
        assert!(a.notes[0].contains("endTime before startTime"));
        // Totals of zero: timed, noted, no model row.
        let a = &one(summary(0, 0, Some("10:10"), Some("11:00")))[0];
        assert_eq!(a.copying_seconds, Some(50.0));
        assert!(a.notes[0].contains("zero"));
        assert_eq!(a.sample(), None);
        // No transfer event at all.
        let a = &anatomy(&[], &segments)[0];
        assert_eq!((a.copying_seconds, a.rest_seconds), (None, 120.0));
        assert!(a.notes[0].contains("no transfer event"));
        // An event without a summary.
        let mut e = transfer_event(INPUT_EVENT, "11:59", Transfer::default());
        e.transfer = None;
        let a = &anatomy(&[e], &segments)[0];
        assert!(a
            .notes
            .iter()
            .any(|n| n.contains("without a transferSummary")));
    }

    #[test]
    fn a_transfer_logged_after_its_state_goes_to_the_visit_that_holds_its_start() {
        let segments = vec![
            seg(JobState::StagingInputs, "10:00", "12:00"),
            seg(JobState::StagingJob, "12:00", "13:00"),
        ];
        let e = transfer_event(
            INPUT_EVENT,
            "12:30",
            summary(3, 300, Some("10:05"), Some("11:55")),
        );
        let a = anatomy(&[e], &segments);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].copying_seconds, Some(110.0));
        assert_eq!(a[0].waiting_seconds, Some(5.0));
        assert_eq!(a[0].lag_seconds, Some(5.0));
        let totals = AnatomyTotals::of(&a);
        assert_eq!(
            (totals.visits, totals.with_copy, totals.copying_seconds),
            (1, 1, 110.0)
        );
    }
}
