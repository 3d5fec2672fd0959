//! Jobs built for tests: a history of given states and times, nothing else to set up.

use crate::job_state::JobState;
use crate::model::{Event, EventKind, Job, JobInfo, SharedInfo, SharedText};
use crate::time::{parse_timestamp, Timestamp};

/// 2025-03-03T00:00:00Z, a Monday: the time tests' offsets count from.
pub(crate) fn t0() -> Timestamp {
    parse_timestamp("2025-03-03T00:00:00Z").unwrap()
}

/// `seconds` after [`t0`].
pub(crate) fn at(seconds: f64) -> Timestamp {
    t0() + chrono::Duration::microseconds((seconds * 1e6) as i64)
}

/// A finished job of `app version` on `system/queue`, submitted `start` seconds after
/// [`t0`], spending the given seconds in each state in turn (then FINISHED), owned
/// by `researcher`.
pub(crate) fn job(
    n: usize,
    (app, version): (&str, &str),
    (system, queue): (&str, &str),
    start: f64,
    states: &[(JobState, f64)],
) -> Job {
    let mut now = start;
    let mut events = Vec::new();
    for (state, seconds) in states.iter().cloned().chain([(JobState::Finished, 0.0)]) {
        events.push(Event {
            kind: EventKind::NewStatus(state),
            created: at(now),
            message: None,
            transfer: None,
        });
        now += seconds;
    }
    let id: SharedText = format!("00000000-0000-4000-8000-{n:012}").into();
    Job {
        id: id.clone(),
        uuid: Some(id),
        name: Some(format!("job-{n}").into()),
        info: Some(SharedInfo::new(JobInfo {
            owner: Some("researcher".into()),
            app_id: Some(app.into()),
            app_version: Some(version.into()),
            exec_system_id: Some(system.into()),
            exec_system_logical_queue: Some(queue.into()),
            status: Some(JobState::Finished),
            ..JobInfo::default()
        })),
        events: events.into(),
        inputs: Vec::new(),
        captured: None,
    }
}

/// Messy synthetic jobs (several apps, queues, endings; unknown fields; `zombies` left
/// open and stale) analysed with the default options.
pub(crate) fn synthetic_report(jobs: usize, seed: u64, zombies: usize) -> crate::report::Report {
    let config = crate::synthetic::Config {
        jobs,
        seed,
        zombies,
        ..Default::default()
    };
    let jobs = crate::synthetic::generate(&config);
    crate::analysis::analyse_jobs(&jobs, &crate::analysis::Options::default())
}
