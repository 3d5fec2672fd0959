//! Each rule: one test that fires it, one that does not. Jobs are built as
//! histories and analysed for real, so the tests also cover the path from
//! events to the predicate.

use super::*;
use crate::analysis::{analyse_jobs, Options};
use crate::job_state::JobState;
use crate::model::{Event, EventKind, Job, JobInfo, SharedInfo, Transfer};
use crate::time::{parse_timestamp, Timestamp};

fn t0() -> Timestamp {
    parse_timestamp("2025-01-01T00:00:00Z").unwrap()
}

fn at(s: f64) -> Timestamp {
    t0() + chrono::Duration::milliseconds((s * 1000.0) as i64)
}

/// A job passing through `states` for the given seconds each, then `end`.
fn job(uuid: &str, states: &[(JobState, f64)], end: JobState) -> Job {
    let mut t = 0.0;
    let mut events = Vec::new();
    for (s, secs) in states {
        events.push(Event {
            kind: EventKind::NewStatus(s.clone()),
            created: at(t),
            message: None,
            transfer: None,
        });
        t += secs;
    }
    events.push(Event {
        kind: EventKind::NewStatus(end),
        created: at(t),
        message: None,
        transfer: None,
    });
    Job {
        id: uuid.into(),
        uuid: Some(uuid.into()),
        events: events.into(),
        ..Job::default()
    }
}

fn with_transfer(mut j: Job, kind: &str, within: JobState, files: u64, bytes: u64) -> Job {
    let start = j
        .events
        .iter()
        .find(|e| e.kind == EventKind::NewStatus(within.clone()))
        .map(|e| e.created)
        .unwrap();
    let events = std::sync::Arc::make_mut(&mut j.events);
    events.push(Event {
        kind: EventKind::Other {
            event: kind.into(),
            detail: "COMPLETED".into(),
        },
        created: start + chrono::Duration::seconds(1),
        message: None,
        transfer: Some(std::sync::Arc::new(Transfer {
            files: Some(files),
            bytes: Some(bytes),
            created: Some(start),
            start: Some(start),
            end: Some(start + chrono::Duration::seconds(1)),
            ..Transfer::default()
        })),
    });
    events.sort_by_key(|e| e.created);
    j
}

fn info(j: Job, f: impl FnOnce(&mut JobInfo)) -> Job {
    let mut i = j.info.as_deref().cloned().unwrap_or_default();
    f(&mut i);
    Job {
        info: Some(SharedInfo::new(i)),
        ..j
    }
}

fn ids(jobs: &[Job]) -> Vec<String> {
    analyse_jobs(jobs, &Options::default())
        .recommendations
        .into_iter()
        .map(|r| r.id)
        .collect()
}

fn fired(jobs: &[Job], id: &str) -> Option<Recommendation> {
    analyse_jobs(jobs, &Options::default())
        .recommendations
        .into_iter()
        .find(|r| r.id == id)
}

use JobState::*;

fn normal(uuid: &str) -> Job {
    job(
        uuid,
        &[
            (Pending, 1.0),
            (StagingInputs, 10.0),
            (Queued, 60.0),
            (Running, 600.0),
            (Archiving, 20.0),
        ],
        Finished,
    )
}

#[test]
fn a_healthy_job_fires_nothing() {
    assert!(ids(&[normal("a")]).is_empty(), "{:?}", ids(&[normal("a")]));
}

#[test]
fn long_queue_wait_fires_on_hours_in_queue_only() {
    let waited = job(
        "w",
        &[(Pending, 1.0), (Queued, 7200.0), (Running, 600.0)],
        Finished,
    );
    let r = fired(&[waited, normal("a")], "long-queue-wait").unwrap();
    assert_eq!(r.jobs, vec!["w".into()]);
    assert!(r.evidence[0].contains("2 h"), "{:?}", r.evidence);
    assert!((r.time_at_stake_seconds - 7201.0).abs() < 1e-6);
    let short = job("s", &[(Queued, 1000.0), (Running, 600.0)], Finished);
    assert!(fired(&[short], "long-queue-wait").is_none());
}

#[test]
fn slow_input_staging_fires_when_staging_dominates() {
    let slow = job("s", &[(StagingInputs, 900.0), (Running, 600.0)], Finished);
    assert!(fired(&[slow], "slow-input-staging").is_some());
    let brief = job("b", &[(StagingInputs, 100.0), (Running, 6000.0)], Finished);
    assert!(fired(&[brief], "slow-input-staging").is_none());
}

#[test]
fn slow_archiving_fires_when_archiving_outlasts_running() {
    let slow = job("s", &[(Running, 26.0), (Archiving, 215.0)], Finished);
    let r = fired(&[slow], "slow-archiving").unwrap();
    assert!(r.evidence[0].contains("3 min 35 s"), "{:?}", r.evidence);
    let fine = job("f", &[(Running, 2600.0), (Archiving, 215.0)], Finished);
    assert!(fired(&[fine], "slow-archiving").is_none());
}

#[test]
fn many_small_files_fires_in_and_out() {
    let out = with_transfer(
        normal("o"),
        "JOB_ARCHIVE_TRANSACTION_ID",
        Archiving,
        5069,
        150_885_718,
    );
    let r = fired(&[out], "many-small-files").unwrap();
    assert!(
        r.evidence[0].contains("archived 5,069 files"),
        "{:?}",
        r.evidence
    );
    let inp = with_transfer(
        normal("i"),
        "JOB_INPUT_TRANSACTION_ID",
        StagingInputs,
        20_000,
        200_000_000,
    );
    let r = fired(&[inp], "many-small-files").unwrap();
    assert!(
        r.evidence[0].contains("staged in 20,000 files"),
        "{:?}",
        r.evidence
    );
    let big = with_transfer(
        normal("b"),
        "JOB_ARCHIVE_TRANSACTION_ID",
        Archiving,
        5069,
        50_000_000_000,
    );
    let few = with_transfer(
        normal("f"),
        "JOB_INPUT_TRANSACTION_ID",
        StagingInputs,
        112,
        2_859_879,
    );
    assert!(fired(&[big, few], "many-small-files").is_none());
}

#[test]
fn repeated_inputs_fires_on_the_same_url_in_several_jobs() {
    let staged = |u: &str, url: &str| info(normal(u), |i| i.input_urls = vec![url.into()]);
    let same = [
        staged("a", "tapis://s/gm"),
        staged("b", "tapis://s/gm"),
        staged("c", "tapis://s/gm"),
    ];
    let r = fired(&same, "repeated-inputs").unwrap();
    assert_eq!(r.jobs.len(), 3);
    assert!((r.time_at_stake_seconds - 20.0).abs() < 1e-6);
    let varied = [
        staged("a", "tapis://s/1"),
        staged("b", "tapis://s/2"),
        staged("c", "tapis://s/3"),
    ];
    assert!(fired(&varied, "repeated-inputs").is_none());
}

#[test]
fn early_failure_fires_with_condition_specific_advice() {
    let early = info(
        job("e", &[(Pending, 1.0), (StagingInputs, 5.0)], Failed),
        |i| i.condition = Some("JOB_UNABLE_TO_STAGE_INPUTS".into()),
    );
    let r = fired(&[early], "early-failure").unwrap();
    assert_eq!(r.severity, Level::Critical);
    assert!(
        r.specific_advice[0].starts_with("JOB_UNABLE_TO_STAGE_INPUTS"),
        "{:?}",
        r.specific_advice
    );
    assert!(
        r.evidence[1].contains("JOB_UNABLE_TO_STAGE_INPUTS ×1"),
        "{:?}",
        r.evidence
    );
    // Failing after hours of RUNNING is not early; an interactive session ending is not a failure.
    let late = job("l", &[(Queued, 10.0), (Running, 7200.0)], Failed);
    let interactive = info(job("i", &[(Pending, 1.0)], Failed), |i| {
        i.interactive = Some(true)
    });
    assert!(fired(&[late, interactive], "early-failure").is_none());
}

#[test]
fn early_failure_fires_from_a_list_item_alone() {
    let list = Job {
        id: "x".into(),
        uuid: Some("x".into()),
        info: Some(SharedInfo::new(JobInfo {
            status: Some(Failed),
            created: Some(t0()),
            ended: Some(at(60.0)),
            remote_started: None,
            ..JobInfo::default()
        })),
        ..Job::default()
    };
    let r = fired(&[list], "early-failure").unwrap();
    assert_eq!(r.time_at_stake_seconds, 60.0);
}

#[test]
fn walltime_request_fires_on_over_request_and_on_hitting_the_limit() {
    let over = info(normal("o"), |i| {
        i.max_minutes = Some(600);
        i.node_count = Some(2);
    });
    let r = fired(&[over], "walltime-request").unwrap();
    assert_eq!(r.severity, Level::Info);
    let killed = info(
        job("k", &[(StagingInputs, 300.0), (Running, 3600.0)], Failed),
        |i| {
            i.max_minutes = Some(60);
            i.condition = Some("SCHEDULER_TIMEOUT".into());
        },
    );
    let r = fired(&[killed], "walltime-request").unwrap();
    assert_eq!(r.severity, Level::Warning);
    assert!(
        r.evidence[0].contains("5 min of staging"),
        "{:?}",
        r.evidence
    );
    let fitting = info(normal("f"), |i| i.max_minutes = Some(15));
    assert!(fired(&[fitting], "walltime-request").is_none());
}

#[test]
fn blocked_time_fires_on_any_recovery() {
    let blocked = job(
        "b",
        &[
            (Queued, 10.0),
            (Blocked, 300.0),
            (Queued, 10.0),
            (Running, 60.0),
            (Archiving, 5.0),
        ],
        Finished,
    );
    let r = fired(&[blocked], "blocked-time").unwrap();
    assert_eq!(r.time_at_stake_seconds, 300.0);
    assert!(fired(&[normal("a")], "blocked-time").is_none());
}

#[test]
fn recommendations_come_costliest_first_and_advice_is_the_guides() {
    let seed: String = include_str!("../../../../docs/seed/tapis-job-profiling.md")
        .replace('*', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for rule in RULES {
        for quote in rule.advice {
            assert!(seed.contains(quote), "{}: {quote}", rule.id);
        }
        assert!(!rule.thresholds.is_empty(), "{}", rule.id);
    }
    let jobs = [
        job("w", &[(Queued, 7200.0), (Running, 600.0)], Finished),
        job("s", &[(Running, 26.0), (Archiving, 215.0)], Finished),
    ];
    let r = analyse_jobs(&jobs, &Options::default()).recommendations;
    assert_eq!(r[0].id, "long-queue-wait");
    assert_eq!(r[1].id, "slow-archiving");
}

/// A job known only from its job object's timestamps (seconds after t0).
fn object_only(uuid: &str, marks: [Option<f64>; 5], status: JobState) -> Job {
    let [created, submitted, started, remote_ended, ended] = marks.map(|m| m.map(at));
    Job {
        id: uuid.into(),
        uuid: Some(uuid.into()),
        info: Some(SharedInfo::new(JobInfo {
            status: Some(status),
            created,
            remote_submitted: submitted,
            remote_started: started,
            remote_ended,
            ended,
            ..JobInfo::default()
        })),
        ..Job::default()
    }
}

#[test]
fn slow_work_after_running_fires_from_a_job_object_alone() {
    // Real job 41d6ee21's shape: RUNNING 27 s, then 8 min 31 s to `ended`.
    let slow = object_only(
        "41d6",
        [Some(0.0), Some(86.6), Some(89.0), Some(116.2), Some(627.3)],
        Finished,
    );
    let r = fired(std::slice::from_ref(&slow), "slow-archiving").unwrap();
    assert!((r.time_at_stake_seconds - 511.1).abs() < 1e-6);
    assert!(
        r.evidence[0].contains("from its job object"),
        "{:?}",
        r.evidence
    );
    // Quick after RUNNING: nothing.
    let quick = object_only(
        "q",
        [Some(0.0), Some(60.0), Some(70.0), Some(700.0), Some(720.0)],
        Finished,
    );
    assert!(fired(&[quick], "slow-archiving").is_none());
    // What coarse data cannot judge is said, with what would let it.
    let report = analyse_jobs(&[slow, normal("h")], &Options::default());
    let unjudged: Vec<&str> = report.unjudged.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(
        unjudged,
        [
            "long-queue-wait",
            "slow-input-staging",
            "many-small-files",
            "blocked-time"
        ]
    );
    assert!(report.unjudged.iter().all(|u| u.jobs == ["41d6".into()]));
    assert!(report.unjudged[0].needs.contains("/history"));
    let groups = unjudged_groups(&report.unjudged);
    assert_eq!(groups.len(), 1);
    assert_eq!(
        (groups[0].jobs, groups[0].lacking),
        (1, "without a history")
    );
}

#[test]
fn a_stale_job_is_judged_by_no_rule_unless_it_is_included() {
    // In STAGING_INPUTS since t0, a year before "as of": stale.
    let stuck = job("z", &[(Pending, 1.0), (StagingInputs, 0.0)], StagingInputs);
    let stuck = Job {
        events: stuck.events[..2].to_vec().into(),
        ..stuck
    };
    let as_of = Some(at(365.0 * 86_400.0));
    let left_out = analyse_jobs(&[stuck.clone(), normal("a")], &Options::at(as_of));
    assert!(
        left_out.recommendations.is_empty(),
        "{:?}",
        left_out.recommendations
    );
    assert_eq!(left_out.aggregate.jobs, 1);
    assert_eq!(left_out.aggregate.totals.stale_left_out, 1);
    let z = left_out.job("z").unwrap();
    assert_eq!(z.stale.as_ref().unwrap().state, StagingInputs);
    assert_eq!(z.total_seconds, 1.0, "stops at its last status change");
    let counted = analyse_jobs(
        &[stuck, normal("a")],
        &Options {
            as_of,
            include_stale: true,
            ..Options::default()
        },
    );
    let r = counted
        .recommendations
        .iter()
        .find(|r| r.id == "slow-input-staging")
        .expect("counted, a year of staging is at stake");
    assert!(r.time_at_stake_seconds > 364.0 * 86_400.0);
    assert_eq!(counted.aggregate.jobs, 2);
    assert_eq!(counted.aggregate.totals.stale_counted, 1);
}

#[test]
fn a_finding_lists_each_job_once_by_address_or_by_text() {
    let report = crate::test_jobs::synthetic_report(12, 3, 0);
    let jobs: Vec<&crate::job_report::JobReport> = report.jobs.iter().collect();
    let picked = [jobs[2], jobs[5], jobs[2], jobs[9], jobs[5]];
    let uuids = |l: Vec<SharedText>| l.iter().map(|u| u.to_string()).collect::<Vec<_>>();
    assert_eq!(
        uuids(table::uuids_once(&picked)),
        [&jobs[2].uuid, &jobs[5].uuid, &jobs[9].uuid].map(|u| u.to_string())
    );
    // Two jobs without a UUID that carry one input's name are one name, as before.
    let mut a = jobs[1].clone();
    (a.uuid_known, a.uuid) = (false, "export.json".into());
    let mut b = a.clone();
    b.uuid = "export.json".into();
    let picked = [jobs[2], &a, &b, jobs[2]];
    assert_eq!(
        uuids(table::uuids_once(&picked)),
        [jobs[2].uuid.to_string(), "export.json".to_string()]
    );
}
