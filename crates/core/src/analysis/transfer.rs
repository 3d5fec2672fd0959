//! A job's file movement from the `transferSummary` of its transfer events:
//! files, bytes, throughput, the wait before the copy began, and how much of
//! the state it sits in the copy itself explains.

use crate::job_report::{TransferFacts, Transfers};
use crate::job_state::JobState;
use crate::model::{Event, EventKind};
use crate::profile::JobProfile;
use crate::time::seconds_between;

pub use crate::model::{ARCHIVE_EVENT, INPUT_EVENT};

pub fn transfers(events: &[Event], profile: &JobProfile, placed: &[Option<usize>]) -> Transfers {
    Transfers {
        input: facts(
            events,
            profile,
            placed,
            INPUT_EVENT,
            JobState::StagingInputs,
        ),
        archive: facts(events, profile, placed, ARCHIVE_EVENT, JobState::Archiving),
    }
}

fn facts(
    events: &[Event],
    profile: &JobProfile,
    placed: &[Option<usize>],
    kind: &str,
    default_state: JobState,
) -> Option<TransferFacts> {
    let mut out: Option<TransferFacts> = None;
    let (mut copy, mut delay) = (None::<f64>, None::<f64>);
    // The status is the last event's: written once after the loop, not once an event.
    let mut last: Option<&Event> = None;
    for (event, segment) in events.iter().zip(placed) {
        let EventKind::Other { event: name, .. } = &event.kind else {
            continue;
        };
        if &**name != kind {
            continue;
        }
        let f = out.get_or_insert(TransferFacts {
            count: 0,
            status: None,
            files: None,
            bytes: None,
            mean_file_bytes: None,
            copy_seconds: None,
            bytes_per_second: None,
            delay_seconds: None,
            state: None,
            state_seconds: 0.0,
            share_of_state: None,
            error: None,
        });
        f.count += 1;
        f.state = segment
            .and_then(|i| profile.segments.get(i))
            .map(|s| s.state.clone())
            .or_else(|| Some(default_state.clone()));
        last = Some(event);
        let Some(t) = event.transfer.as_deref() else {
            continue;
        };
        f.files = add(f.files, t.files);
        f.bytes = add(f.bytes, t.bytes);
        if let (Some(s), Some(e)) = (t.start, t.end) {
            copy = Some(copy.unwrap_or(0.0) + seconds_between(s, e).max(0.0));
        }
        if let (Some(c), Some(s)) = (t.created, t.start) {
            delay = Some(delay.unwrap_or(0.0) + seconds_between(c, s).max(0.0));
        }
        if t.error.is_some() {
            f.error.clone_from(&t.error);
        }
    }
    let mut f = out?;
    if let Some(event) = last {
        let detail = event.kind.detail();
        f.status = match event.transfer.as_deref() {
            None => Some(detail.to_string()).filter(|s| !s.is_empty()),
            Some(t) => t.status.clone().or_else(|| Some(detail.to_string())),
        };
    }
    f.copy_seconds = copy;
    f.delay_seconds = delay;
    f.mean_file_bytes = match (f.bytes, f.files) {
        (Some(b), Some(n)) if n > 0 => Some(b as f64 / n as f64),
        _ => None,
    };
    f.bytes_per_second = match (f.bytes, copy) {
        (Some(b), Some(s)) if s > 0.0 => Some(b as f64 / s),
        _ => None,
    };
    f.state_seconds = f.state.as_ref().map_or(0.0, |s| profile.seconds_in(s));
    f.share_of_state = match copy {
        Some(c) if f.state_seconds > 0.0 => Some((c / f.state_seconds).min(1.0)),
        _ => None,
    };
    Some(f)
}

fn add(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    match (a, b) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(0).saturating_add(b.unwrap_or(0))),
    }
}
