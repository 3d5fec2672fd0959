//! Everything one job's data can say: time per state and bucket, the share
//! outside RUNNING, file transfers, how it failed, request against use.

use super::stale::Stale;
use super::Options;
use crate::format::format_duration;
use crate::job_report::{Coarse, Failure, JobReport, PlacedEvent, Usage};
use crate::job_state::{Bucket, JobState};
use crate::model::{EventKind, Job, JobInfo};
use crate::ordered_map::OrderedMap;
use crate::profile::{profile, JobProfile, Segment};
use crate::time::{seconds_between, Timestamp};

/// Conditions that mean "stopped at its walltime" (API.md §1.5, §6.7).
pub const WALLTIME_CONDITIONS: [&str; 3] = [
    "SCHEDULER_TIMEOUT",
    "JOB_EXECUTION_MONITORING_TIMEOUT",
    "JOB_EXECUTION_MONITORING_ERROR_TIMEOUT",
];

/// RUNNING this close to `maxMinutes` counts as having hit the limit (the
/// monitor notices the end up to a poll interval late).
pub const WALLTIME_HIT_SHARE: f64 = 0.98;

pub fn job_report(job: &Job, options: &Options) -> JobReport {
    // An open state ends at the capture time when that comes before "as of".
    let at_capture = job
        .captured
        .is_some_and(|c| options.as_of.is_none_or(|a| c < a));
    let until = job.measured_until(options.as_of);
    let measured_to = until;
    let info = job.info.as_deref();
    let max_minutes = info.and_then(|i| i.max_minutes);
    let has_history = job
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::NewStatus(_)));
    // Where the job is still, and since when: its last status (a history), else
    // its job object's status and the latest of its timestamps.
    let open = if has_history {
        last_status(job).filter(|(s, _)| !s.is_terminal())
    } else {
        info.filter(|i| i.ended.is_none())
            .and_then(|i| Some((i.status.clone()?, super::coarse::last_heard(i)?)))
            .filter(|(s, _)| !s.is_terminal())
    };
    let stale = open.as_ref().and_then(|(state, since)| {
        super::stale::judge(state, *since, until, max_minutes, options.include_stale)
    });
    // A stale job left out stops at its last event.
    let until = match &stale {
        Some(s) if !s.included => Some(s.since),
        _ => until,
    };
    let p = profile(job, until);
    let coarse = if has_history {
        None
    } else {
        info.and_then(|i| super::coarse::coarse(i, until))
    };

    let durations = p
        .totals
        .iter()
        .map(|t| (t.state.clone(), t.seconds))
        .collect();
    let visits = p
        .totals
        .iter()
        .map(|t| (t.state.clone(), t.entered))
        .collect();
    let time = match &coarse {
        Some(c) => Time::of_coarse(c),
        None => Time::of_history(&p, has_history),
    };
    let final_status = job.final_status();
    let open_state = open.map(|(s, _)| s);

    let placed: Vec<Option<usize>> = job
        .events
        .iter()
        .map(|e| place(&p.segments, e.created))
        .collect();
    // Counted first: the list is kept in the report, at its length (grown push by push
    // it reallocated and kept up to twice the room, docs/performance.md, P1 and P5).
    let others = job
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Other { .. }))
        .count();
    let mut events = Vec::with_capacity(others);
    events.extend(
        job.events
            .iter()
            .zip(&placed)
            .filter_map(|(e, seg)| match &e.kind {
                EventKind::Other { event, detail } => Some(PlacedEvent {
                    created: e.created,
                    event: event.clone(),
                    detail: detail.clone(),
                    message: e.message.clone(),
                    segment: *seg,
                }),
                EventKind::NewStatus(_) => None,
            }),
    );

    let mut warnings = Vec::new();
    match (&open_state, &stale) {
        (Some(state), Some(s)) => warnings.push(stale_warning(state, s, measured_to, at_capture)),
        (Some(state), None) => warnings.push(match until {
            Some(end) if at_capture => format!(
                "still in {state} when the data was captured: measured up to then, {}",
                crate::time::format_timestamp(&end)
            ),
            Some(end) => format!(
                "still in {state}: measured up to {}",
                crate::time::format_timestamp(&end)
            ),
            None => {
                format!("still in {state}: its time so far is not known without an \"as of\" time")
            }
        }),
        _ => {}
    }
    for t in p.totals.iter().filter(|t| !t.state.is_known()) {
        warnings.push(format!(
            "unknown state {} ({}) is counted in the total but in no bucket",
            t.state,
            format_duration(t.seconds)
        ));
    }
    if !has_history {
        warnings.push(match &coarse {
            Some(_) => "no history: only coarse phases from the job object's timestamps; the \
                        time per state needs the job's history"
                .into(),
            None => "no history and no job object with a creation time: its time is unknown".into(),
        });
    }
    if let Some(c) = &coarse {
        warnings.extend(c.notes.iter().cloned());
    }

    JobReport {
        uuid: job.id.clone(),
        uuid_known: job.uuid.is_some(),
        name: job.name.clone(),
        owner: info.and_then(|i| i.owner.clone()),
        app_id: info.and_then(|i| i.app_id.clone()),
        app_version: info.and_then(|i| i.app_version.clone()),
        exec_system: info.and_then(|i| i.exec_system_id.clone()),
        queue: info.and_then(|i| i.exec_system_logical_queue.clone()),
        inputs: job.inputs.clone(),
        terminal: final_status.as_ref().is_some_and(JobState::is_terminal),
        condition: info.and_then(|i| i.condition.clone()),
        failure: failure(job, &p, final_status.as_ref()).map(Box::new),
        usage: usage(info, &time, final_status.as_ref()),
        final_status,
        open_state,
        stale: stale.map(Box::new),
        has_history,
        total_seconds: time.total,
        running_seconds: time.running,
        outside_running_seconds: time.outside,
        outside_running_share: time.outside_share(),
        durations,
        visits,
        buckets: time.buckets,
        coarse: coarse.map(Box::new),
        transfers: super::transfer::transfers(&job.events, &p, &placed),
        anatomy: super::anatomy::anatomy(&job.events, &p.segments).into(),
        events,
        staged_inputs: info.map(|i| i.input_urls.clone()).unwrap_or_default(),
        outliers: Vec::new(),
        warnings,
        segments: p.segments,
    }
}

/// The data-quality words for a stale job.
fn stale_warning(
    state: &JobState,
    s: &Stale,
    measured_to: Option<Timestamp>,
    at_capture: bool,
) -> String {
    let by = match (measured_to, at_capture) {
        (_, true) => "by the time the data was captured".to_string(),
        (Some(t), false) => format!("by {}", crate::time::format_timestamp(&t)),
        (None, false) => "by now".to_string(),
    };
    let what = if s.included {
        "counted anyway, measured up to then"
    } else {
        "not measured past its last status change, and left out of totals, statistics and recommendations"
    };
    format!(
        "stale: in {state} since {}, {} {by}, longer than the {} that state can plausibly last; {what}",
        crate::time::format_timestamp(&s.since),
        format_duration(s.open_seconds),
        format_duration(s.bound_seconds),
    )
}

/// The job's last status change, in time order.
fn last_status(job: &Job) -> Option<(JobState, Timestamp)> {
    let mut last: Option<(&JobState, Timestamp)> = None;
    for e in job.events.iter() {
        if let EventKind::NewStatus(s) = &e.kind {
            // Equal times keep the later event, as the profile's stable sort does.
            if last.is_none_or(|(_, t)| e.created >= t) {
                last = Some((s, e.created));
            }
        }
    }
    last.map(|(s, t)| (s.clone(), t))
}

/// A job's time as the overview, the tables and the rules read it: from its
/// history, or from its coarse phases.
struct Time {
    total: f64,
    running: f64,
    outside: f64,
    /// RUNNING and what followed are one phase (no `remoteEnded`).
    running_unknown: bool,
    buckets: OrderedMap<Bucket, f64>,
}

impl Time {
    fn of_history(p: &JobProfile, has_history: bool) -> Time {
        let mut buckets = OrderedMap(if has_history {
            Bucket::ALL.iter().map(|b| (*b, 0.0)).collect()
        } else {
            Vec::new()
        });
        for t in &p.totals {
            if let Some(b) = t.state.bucket() {
                if let Some(slot) = buckets.0.iter_mut().find(|(k, _)| *k == b) {
                    slot.1 += t.seconds;
                }
            }
        }
        let total = p.total_seconds();
        let running = p.seconds_in(&JobState::Running);
        Time {
            total,
            running,
            outside: (total - running).max(0.0),
            running_unknown: false,
            buckets,
        }
    }

    fn of_coarse(c: &Coarse) -> Time {
        let mut t = Time {
            total: 0.0,
            running: 0.0,
            outside: 0.0,
            running_unknown: false,
            buckets: OrderedMap(Vec::new()),
        };
        for s in &c.segments {
            let seconds = s.seconds();
            t.total += seconds;
            match s.phase.running() {
                Some(true) => t.running += seconds,
                Some(false) => t.outside += seconds,
                None => t.running_unknown = true,
            }
            if let Some(b) = s.phase.bucket() {
                match t.buckets.0.iter_mut().find(|(k, _)| *k == b) {
                    Some(slot) => slot.1 += seconds,
                    None => t.buckets.0.push((b, seconds)),
                }
            }
        }
        t.buckets.0.sort_by_key(|(b, _)| *b);
        t
    }

    fn outside_share(&self) -> Option<f64> {
        (self.total > 0.0 && !self.running_unknown).then(|| self.outside / self.total)
    }
}

/// The segment an instant falls in: `start <= t < end`, or the end of the last
/// segment (an event written in the same instant as the final status).
pub fn place(segments: &[Segment], t: Timestamp) -> Option<usize> {
    let i = segments.partition_point(|s| s.start <= t).checked_sub(1)?;
    let s = &segments[i];
    (t < s.end || (i == segments.len() - 1 && t <= s.end)).then_some(i)
}

fn failure(job: &Job, p: &JobProfile, status: Option<&JobState>) -> Option<Failure> {
    let status = status.filter(|s| matches!(s, JobState::Failed | JobState::Cancelled))?;
    let info = job.info.as_deref();
    let error_messages: Vec<String> = job
        .events
        .iter()
        .filter(|e| e.kind.event_type() == "JOB_ERROR_MESSAGE")
        .filter_map(|e| e.message.as_deref().map(str::to_string))
        .collect();
    let statuses: Vec<(&JobState, Timestamp)> = job
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::NewStatus(s) => Some((s, e.created)),
            EventKind::Other { .. } => None,
        })
        .collect();
    let end = statuses
        .iter()
        .rev()
        .find(|(s, _)| s.is_terminal())
        .map(|(_, t)| *t)
        .or(info.and_then(|i| i.ended));
    let start = info
        .and_then(|i| i.created)
        .or(statuses.first().map(|(_, t)| *t));
    let first_running = statuses
        .iter()
        .find(|(s, _)| **s == JobState::Running)
        .map(|(_, t)| *t);
    let reached_running = if !statuses.is_empty() {
        Some(first_running.is_some())
    } else {
        info.map(|i| i.remote_started.is_some())
    };
    let running_from = first_running.or(info.and_then(|i| i.remote_started));
    let secs = |a: Option<Timestamp>, b: Option<Timestamp>| match (a, b) {
        (Some(a), Some(b)) => Some(seconds_between(a, b).max(0.0)),
        _ => None,
    };
    let interactive = info.is_some_and(|i| {
        i.interactive == Some(true)
            || i.app_id
                .as_deref()
                .is_some_and(|a| a.to_ascii_lowercase().contains("interactive"))
    });
    Some(Failure {
        status: status.clone(),
        condition: info.and_then(|i| i.condition.as_deref().map(String::from)),
        last_message: info
            .and_then(|i| i.last_message.as_deref().map(String::from))
            .or_else(|| error_messages.last().cloned()),
        error_messages,
        failed_in: p
            .segments
            .iter()
            .rev()
            .find(|s| s.state != JobState::Submission)
            .map(|s| s.state.clone()),
        reached_running,
        seconds_to_failure: secs(start, end),
        seconds_after_running: secs(running_from, end),
        interactive,
    })
}

fn usage(info: Option<&JobInfo>, time: &Time, status: Option<&JobState>) -> Option<Usage> {
    let i = info?;
    if i.node_count.is_none() && i.max_minutes.is_none() {
        return None;
    }
    // The job's own RUNNING time (history, or remoteStarted → remoteEnded), the
    // one every view shows; unknown for a list summary without remoteEnded.
    let running = (!time.running_unknown).then_some(time.running);
    let nodes = i.node_count.map(f64::from);
    let max_seconds = i
        .max_minutes
        .map(|m| f64::from(m) * 60.0)
        .filter(|m| *m > 0.0);
    let lost = matches!(status, Some(JobState::Failed | JobState::Cancelled));
    let by_condition = i
        .condition
        .as_deref()
        .is_some_and(|c| WALLTIME_CONDITIONS.contains(&c));
    let by_message = i
        .last_message
        .as_deref()
        .is_some_and(|m| m.contains("TIME_EXPIRED") || m.contains("\"TIMEOUT\""));
    let by_time = max_seconds
        .zip(running)
        .is_some_and(|(m, r)| r >= WALLTIME_HIT_SHARE * m);
    let hours = |n: f64, seconds: f64| n * seconds / 3600.0;
    Some(Usage {
        nodes: i.node_count,
        cores_per_node: i.cores_per_node,
        cores: i.node_count.zip(i.cores_per_node).map(|(n, c)| n * c),
        max_minutes: i.max_minutes,
        running_seconds: time.running,
        walltime_used_share: max_seconds.zip(running).map(|(m, r)| r / m),
        node_hours_requested: nodes.zip(max_seconds).map(|(n, m)| hours(n, m)),
        node_hours_running: nodes.zip(running).map(|(n, r)| hours(n, r)),
        node_hours_outside_running: nodes.map(|n| hours(n, time.outside)),
        node_hours_lost: nodes
            .zip(running)
            .map(|(n, r)| if lost { hours(n, r) } else { 0.0 }),
        hit_walltime: by_condition || by_message || (by_time && lost),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::import_text;

    const HISTORY: &str = include_str!(
        "../../../../fixtures/tapis/source-ds-history-4dfa35e1-finished-2025.reconstructed.json"
    );

    #[test]
    fn the_real_opensees_job_in_numbers() {
        let job = &import_text("h", HISTORY).jobs[0];
        let r = job_report(job, &Options::default());
        assert!((r.total_seconds - 334.653272).abs() < 1e-6);
        assert!((r.outside_running_seconds - (334.653272 - 25.832062)).abs() < 1e-6);
        assert!((r.bucket_seconds(Bucket::DataMovement) - (46.40372 + 215.100597)).abs() < 1e-6);
        let input = r.transfers.input.as_ref().unwrap();
        assert_eq!((input.files, input.bytes), (Some(112), Some(2_859_879)));
        assert_eq!(input.state, Some(JobState::StagingInputs));
        assert!((input.delay_seconds.unwrap() - 15.133838).abs() < 1e-6);
        let archive = r.transfers.archive.as_ref().unwrap();
        assert_eq!(archive.files, Some(5069));
        assert!((archive.mean_file_bytes.unwrap() - 150_885_718.0 / 5069.0).abs() < 1e-6);
        assert!((archive.share_of_state.unwrap() - 171.703664 / 215.100597).abs() < 1e-6);
        // The subscription event sits in PENDING, the archive event in ARCHIVING.
        assert_eq!(r.events[0].segment, Some(0));
        assert_eq!(
            r.segments[r.events[2].segment.unwrap()].state,
            JobState::Archiving
        );
        assert_eq!(r.failure, None);
        assert!(r.terminal);
    }

    #[test]
    fn place_finds_the_interval_an_instant_falls_in() {
        let t = |s: &str| crate::time::parse_timestamp(s).unwrap();
        let seg = |a, b| Segment {
            state: JobState::Queued,
            start: t(a),
            end: t(b),
            open: false,
        };
        let segs = [
            seg("2025-01-01T00:00:00Z", "2025-01-01T00:00:10Z"),
            seg("2025-01-01T00:00:10Z", "2025-01-01T00:00:20Z"),
        ];
        assert_eq!(place(&segs, t("2024-12-31T00:00:00Z")), None);
        assert_eq!(place(&segs, t("2025-01-01T00:00:05Z")), Some(0));
        assert_eq!(place(&segs, t("2025-01-01T00:00:10Z")), Some(1));
        assert_eq!(place(&segs, t("2025-01-01T00:00:20Z")), Some(1));
        assert_eq!(place(&segs, t("2025-01-01T00:00:21Z")), None);
    }
}
