//! A job known only from its job object (a list or search item, `getJob`):
//! a coarse profile from its timestamps, `created` → `remoteSubmitted` →
//! `remoteStarted` → `remoteEnded` → `ended` (API.md §3.1). Coarser than a
//! history (staging and Tapis' own steps are one phase) but true, and handled
//! for Tapis' known field bugs:
//!
//! * `remoteSubmitted` is null for BATCH jobs before Jobs 1.6.3 (2024-06) and
//!   in list summaries: the queue is then part of "before RUNNING";
//! * `remoteEnded` can come before `remoteStarted` (a job that ended between two
//!   polls while QUEUED): RUNNING is then 0 s, not negative;
//! * list summaries have no `remoteEnded`: RUNNING and what followed stay one
//!   phase, and the job's RUNNING time is unknown;
//! * a time before `created` or after `ended` (clocks of different pods) is
//!   moved to it.
//!
//! (The other known bug, remote times written into `remoteSubmitted` in terminal
//! events' descriptions, concerns histories and notifications, not job objects.)

use crate::job_report::{Coarse, CoarseSegment, Phase};
use crate::job_state::JobState;
use crate::model::JobInfo;
use crate::time::{seconds_between, Timestamp};

/// The coarse profile, measured up to `until` while the job is not over;
/// `None` without a `created` time.
pub fn coarse(i: &JobInfo, until: Option<Timestamp>) -> Option<Coarse> {
    let created = i.created?;
    let mut notes = Vec::new();
    let status_terminal = i.status.as_ref().is_some_and(JobState::is_terminal);
    // `lastUpdated` equals `ended` for a terminal job (API.md §3.1).
    let ended = i
        .ended
        .or(i.last_updated.filter(|_| status_terminal))
        .map(|t| t.max(created));
    // A time from another pod's clock, moved into [created, ended].
    let clamp = |t: Timestamp| {
        let t = t.max(created);
        ended.map_or(t, |e| t.min(e))
    };
    let started = i.remote_started.map(clamp);
    let submitted = i.remote_submitted.map(clamp).map(|s| match started {
        Some(r) if s > r => r,
        _ => s,
    });
    let remote_ended = match (i.remote_ended.map(clamp), started) {
        (Some(e), Some(r)) if e < r => {
            notes.push(
                "remoteEnded is earlier than remoteStarted (the job ended between two polls \
                 while QUEUED): RUNNING counted as 0 s"
                    .to_string(),
            );
            Some(r)
        }
        (e, Some(_)) => e,
        // An end without a start says nothing about RUNNING.
        (_, None) => None,
    };
    if i.remote_submitted.is_none() && started.is_some() {
        notes.push(
            "no remoteSubmitted (list summaries, and BATCH jobs before 2024-06): the queue \
             wait is part of \"before RUNNING\""
                .to_string(),
        );
    }

    let mut marks: Vec<(Phase, Timestamp)> = Vec::with_capacity(4);
    match submitted {
        Some(s) => marks.extend([(Phase::Setup, created), (Phase::Queued, s)]),
        None => marks.push((Phase::BeforeRunning, created)),
    }
    if let Some(r) = started {
        let still_running = ended.is_none() && i.status == Some(JobState::Running);
        match remote_ended {
            Some(e) => marks.extend([(Phase::Running, r), (Phase::AfterRunning, e)]),
            None if still_running => marks.push((Phase::Running, r)),
            None => {
                notes.push(
                    "no remoteEnded: RUNNING and what followed it are one phase, and the \
                     time in RUNNING is not known"
                        .to_string(),
                );
                marks.push((Phase::FromRunning, r));
            }
        }
    }
    let last_mark = marks.last().map_or(created, |m| m.1);
    let (end, open) = match ended {
        Some(e) => (e, false),
        None => (until.filter(|&u| u > last_mark).unwrap_or(last_mark), true),
    };
    let segments: Vec<CoarseSegment> = marks
        .iter()
        .enumerate()
        .map(|(k, &(phase, start))| {
            let next = marks.get(k + 1).map(|m| m.1);
            CoarseSegment {
                phase,
                start,
                end: next.unwrap_or(end).max(start),
                open: open && next.is_none(),
            }
        })
        .collect();
    let secs = |a: Option<Timestamp>, b: Option<Timestamp>| match (a, b) {
        (Some(a), Some(b)) => Some(seconds_between(a, b).max(0.0)),
        _ => None,
    };
    Some(Coarse {
        total_seconds: Some(segments.iter().map(CoarseSegment::seconds).sum()),
        before_running_seconds: secs(Some(created), started),
        from_running_seconds: secs(started, ended),
        segments,
        notes,
    })
}

/// When a job known only from its job object was last heard of: the latest of
/// its timestamps (`lastUpdated` moves with every status change).
pub fn last_heard(i: &JobInfo) -> Option<Timestamp> {
    [
        i.created,
        i.remote_submitted,
        i.remote_started,
        i.remote_ended,
        i.last_updated,
    ]
    .into_iter()
    .flatten()
    .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_timestamp;

    fn t(s: &str) -> Option<Timestamp> {
        parse_timestamp(s)
    }

    fn phases(c: &Coarse) -> Vec<(Phase, f64, bool)> {
        c.segments
            .iter()
            .map(|s| (s.phase, (s.seconds() * 1e3).round() / 1e3, s.open))
            .collect()
    }

    #[test]
    fn every_timestamp_marks_a_phase() {
        // Real job 41d6ee21 (2026): all five timestamps.
        let i = JobInfo {
            status: Some(JobState::Finished),
            created: t("2026-02-10T17:18:03.777231Z"),
            remote_submitted: t("2026-02-10T17:19:30.372391Z"),
            remote_started: t("2026-02-10T17:19:32.796112Z"),
            remote_ended: t("2026-02-10T17:19:59.992416Z"),
            ended: t("2026-02-10T17:28:31.078037Z"),
            ..JobInfo::default()
        };
        let c = coarse(&i, None).unwrap();
        assert_eq!(
            phases(&c),
            [
                (Phase::Setup, 86.595, false),
                (Phase::Queued, 2.424, false),
                (Phase::Running, 27.196, false),
                (Phase::AfterRunning, 511.086, false)
            ]
        );
        assert!((c.total_seconds.unwrap() - 627.300806).abs() < 1e-6);
        assert!(c.notes.is_empty());
    }

    #[test]
    fn tapis_field_bugs_are_handled_and_said() {
        // No remoteSubmitted, remoteEnded before remoteStarted (ended while QUEUED).
        let i = JobInfo {
            status: Some(JobState::Finished),
            created: t("2024-01-01T00:00:00Z"),
            remote_started: t("2024-01-01T00:10:00Z"),
            remote_ended: t("2024-01-01T00:09:00Z"),
            ended: t("2024-01-01T00:12:00Z"),
            ..JobInfo::default()
        };
        let c = coarse(&i, None).unwrap();
        assert_eq!(
            phases(&c),
            [
                (Phase::BeforeRunning, 600.0, false),
                (Phase::Running, 0.0, false),
                (Phase::AfterRunning, 120.0, false)
            ]
        );
        assert_eq!(c.notes.len(), 2, "{:?}", c.notes);
        // A list summary: created, remoteStarted, ended only.
        let summary = JobInfo {
            remote_ended: None,
            ..i.clone()
        };
        let c = coarse(&summary, None).unwrap();
        assert_eq!(
            phases(&c),
            [
                (Phase::BeforeRunning, 600.0, false),
                (Phase::FromRunning, 120.0, false)
            ]
        );
        // Failed before RUNNING: one phase, to the end.
        let never = JobInfo {
            remote_started: None,
            remote_ended: None,
            status: Some(JobState::Failed),
            ..i
        };
        assert_eq!(
            phases(&coarse(&never, None).unwrap()),
            [(Phase::BeforeRunning, 720.0, false)]
        );
    }

    #[test]
    fn an_open_job_runs_to_until_and_a_terminal_one_without_ended_stops_at_its_update() {
        let running = JobInfo {
            status: Some(JobState::Running),
            created: t("2023-02-16T21:21:49Z"),
            remote_started: t("2023-02-16T21:22:09Z"),
            last_updated: t("2023-02-16T21:22:22Z"),
            ..JobInfo::default()
        };
        let c = coarse(&running, t("2023-02-16T21:23:09Z")).unwrap();
        assert_eq!(
            phases(&c),
            [
                (Phase::BeforeRunning, 20.0, false),
                (Phase::Running, 60.0, true)
            ]
        );
        assert_eq!(last_heard(&running), t("2023-02-16T21:22:22Z"));
        // Without a time to measure to, the open phase has no length yet.
        let c = coarse(&running, None).unwrap();
        assert_eq!(c.segments.last().unwrap().seconds(), 0.0);
        let finished = JobInfo {
            status: Some(JobState::Finished),
            remote_started: None,
            ..running
        };
        let c = coarse(&finished, None).unwrap();
        assert_eq!(phases(&c), [(Phase::BeforeRunning, 33.0, false)]);
        assert_eq!(coarse(&JobInfo::default(), None), None);
    }
}
