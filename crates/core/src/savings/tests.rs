//! Each recommendation's saving: one history that fires it with a saving, one
//! where it is zero or unknown (and says why). Jobs are built as histories and
//! analysed for real, so the path from events to the estimate is covered too.

use crate::analysis::goodput::Outcome;
use crate::analysis::{analyse_jobs, Options};
use crate::job_report::JobReport;
use crate::job_state::JobState::{self, *};
use crate::model::{Event, EventKind, Job, JobInfo, SharedInfo, Transfer};
use crate::report::Report;
use crate::rules::Recommendation;
use crate::time::{parse_timestamp, Timestamp};
use crate::what_if::WhatIf;

fn at(s: f64) -> Timestamp {
    parse_timestamp("2025-01-01T00:00:00Z").unwrap()
        + chrono::Duration::milliseconds((s * 1000.0) as i64)
}

fn status(state: JobState, t: f64) -> Event {
    Event {
        kind: EventKind::NewStatus(state),
        created: at(t),
        message: None,
        transfer: None,
    }
}

/// A copy inside a state: waiting `wait` after entry, copying `copy` seconds.
struct Copy {
    files: u64,
    bytes: u64,
    wait: f64,
    copy: f64,
}

/// A job starting at `offset` through `states`, then `end`; a state's copy
/// (`copies`) is logged as Tapis does, when it completes.
fn job(
    uuid: &str,
    offset: f64,
    states: &[(JobState, f64)],
    end: JobState,
    copies: &[(JobState, Copy)],
) -> Job {
    let mut t = offset;
    let mut events = Vec::new();
    for (s, secs) in states {
        events.push(status(s.clone(), t));
        if let Some((_, c)) = copies.iter().find(|(cs, _)| cs == s) {
            let kind = if *s == Archiving {
                "JOB_ARCHIVE_TRANSACTION_ID"
            } else {
                "JOB_INPUT_TRANSACTION_ID"
            };
            events.push(Event {
                kind: EventKind::Other {
                    event: kind.into(),
                    detail: "COMPLETED".into(),
                },
                created: at(t + c.wait + c.copy),
                message: None,
                transfer: Some(std::sync::Arc::new(Transfer {
                    files: Some(c.files),
                    bytes: Some(c.bytes),
                    created: Some(at(t)),
                    start: Some(at(t + c.wait)),
                    end: Some(at(t + c.wait + c.copy)),
                    ..Transfer::default()
                })),
            });
        }
        t += secs;
    }
    events.push(status(end, t));
    Job {
        id: uuid.into(),
        uuid: Some(uuid.into()),
        events: events.into(),
        ..Job::default()
    }
}

fn info(j: Job, f: impl FnOnce(&mut JobInfo)) -> Job {
    let mut i = j.info.as_deref().cloned().unwrap_or_default();
    f(&mut i);
    Job {
        info: Some(SharedInfo::new(i)),
        ..j
    }
}

fn analysed(jobs: &[Job]) -> Report {
    analyse_jobs(jobs, &Options::default())
}

fn rec<'a>(r: &'a Report, id: &str) -> &'a Recommendation {
    r.recommendations
        .iter()
        .find(|x| x.id == id)
        .unwrap_or_else(|| panic!("{id} fired"))
}

/// Input copy time = 5 s + 40 ms per file + 10 ns per byte: a known model.
fn staged(uuid: &str, files: u64, bytes: u64) -> Job {
    let copy = 5.0 + 0.04 * files as f64 + 1e-8 * bytes as f64;
    job(
        uuid,
        0.0,
        &[
            (Pending, 1.0),
            (StagingInputs, 2.0 + copy + 3.0),
            (Queued, 30.0),
            (Running, 60.0),
            (Archiving, 5.0),
        ],
        Finished,
        &[(
            StagingInputs,
            Copy {
                files,
                bytes,
                wait: 2.0,
                copy,
            },
        )],
    )
}

#[test]
fn zipping_inputs_saves_the_per_file_cost_the_model_finds() {
    let jobs: Vec<Job> = (0..12)
        .map(|i| {
            staged(
                &format!("j{i}"),
                3000 + 300 * i,
                1_000_000 * (1 + (i * 7) % 5),
            )
        })
        .collect();
    let r = analysed(&jobs);
    let fit = r
        .data_movement
        .model
        .for_job(crate::analysis::anatomy::Direction::In, None)
        .unwrap();
    assert!((fit.per_file_seconds.value - 0.04).abs() < 1e-6, "{fit:?}");
    let s = rec(&r, "slow-input-staging")
        .estimated_savings
        .as_ref()
        .unwrap();
    let want: f64 = (0..12)
        .map(|i| 0.04 * (3000.0 + 300.0 * i as f64 - 1.0))
        .sum();
    assert!((s.seconds - want).abs() < 1e-3, "{} vs {want}", s.seconds);
    assert!(s.low_seconds <= s.seconds && s.seconds <= s.high_seconds);
    assert_eq!(s.jobs, 12);
    assert!((s.per_job_seconds - want / 12.0).abs() < 1e-3);
    let wall: f64 = r.jobs.iter().map(|j| j.total_seconds).sum();
    assert!((s.share_of_wall_time.unwrap() - want / wall).abs() < 1e-9);
    assert!(
        s.basis.contains("Zipping the inputs of 12 jobs")
            && s.basis
                .contains("least absolute deviations over 12 transfers"),
        "{}",
        s.basis
    );
    // The same staging without any transfer summary: unknown, and why.
    let bare: Vec<Job> = jobs
        .iter()
        .map(|j| Job {
            events: j
                .events
                .iter()
                .filter(|e| e.transfer.is_none())
                .cloned()
                .collect::<Vec<_>>()
                .into(),
            ..j.clone()
        })
        .collect();
    let r = analysed(&bare);
    let x = rec(&r, "slow-input-staging");
    assert_eq!(x.estimated_savings, None);
    assert!(
        x.savings_unknown
            .as_deref()
            .unwrap()
            .contains("no transfer of these jobs"),
        "{x:?}"
    );
}

/// dapi's documentation: 15 input files staged in 10 min 58 s; one ZIP, 46 s.
/// With one transfer the model is per-file cost = 658 s ÷ 15, which predicts
/// 43.9 s for the ZIP, a saving of 614.1 s against the published 612 s. The
/// range cannot contain the published outcome: one transfer gives no range
/// (low = high = the estimate, as the basis says); the estimate is within 0.5%.
#[test]
fn dapis_published_zip_outcome_is_within_half_a_percent_of_the_estimate() {
    let j = job(
        "dapi",
        0.0,
        &[
            (Pending, 2.0),
            (StagingInputs, 658.0),
            (Queued, 60.0),
            (Running, 900.0),
            (Archiving, 30.0),
        ],
        Finished,
        &[(
            StagingInputs,
            Copy {
                files: 15,
                bytes: 2_000_000_000,
                wait: 0.0,
                copy: 658.0,
            },
        )],
    );
    let r = analysed(&[j]);
    let s = rec(&r, "slow-input-staging")
        .estimated_savings
        .clone()
        .unwrap();
    let published = 658.0 - 46.0;
    assert!((s.seconds - 658.0 / 15.0 * 14.0).abs() < 1e-6);
    assert!(
        (s.seconds - published).abs() / published < 0.005,
        "{}",
        s.seconds
    );
    assert_eq!((s.low_seconds, s.high_seconds), (s.seconds, s.seconds));
    assert!(
        s.basis.contains("only 1 transfer") && s.basis.contains("no range"),
        "{}",
        s.basis
    );
}

fn archiver(uuid: &str, files: u64, copy: f64) -> Job {
    job(
        uuid,
        0.0,
        &[
            (Pending, 1.0),
            (Queued, 10.0),
            (Running, 30.0),
            (Archiving, 5.0 + copy + 2.0),
        ],
        Finished,
        &[(
            Archiving,
            Copy {
                files,
                bytes: files * 20_000,
                wait: 5.0,
                copy,
            },
        )],
    )
}

#[test]
fn archiving_less_follows_the_share_the_user_sets() {
    let jobs = [archiver("a", 3000, 300.0)];
    let with = |share: f64| {
        let o = Options {
            what_if: WhatIf::default().with_archived_share(share),
            ..Options::default()
        };
        let r = analyse_jobs(&jobs, &o);
        let x = rec(&r, "slow-archiving").clone();
        (x, r.what_if)
    };
    let (x, w) = with(0.1);
    assert_eq!(w.archived_share, 0.1, "the assumption is in the report");
    let s = x.estimated_savings.unwrap();
    assert!(
        (s.seconds - 270.0).abs() < 1e-6,
        "per-file model: 90% of the files, 90% of the copy: {}",
        s.seconds
    );
    assert!(s.basis.contains("10.0 % of today's files"), "{}", s.basis);
    let (x, _) = with(1.0);
    assert_eq!(
        x.estimated_savings.unwrap().seconds,
        0.0,
        "archiving everything saves nothing"
    );
    // Many small files too: ZIP them.
    let (r, _) = (analysed(&jobs), ());
    let z = rec(&r, "many-small-files")
        .estimated_savings
        .as_ref()
        .unwrap();
    assert!((z.seconds - 300.0 / 3000.0 * 2999.0).abs() < 1e-6);
    assert!(
        z.basis
            .contains("Zipping the outputs of 1 job (3,000 files in 1 transfer → 1 ZIP"),
        "{}",
        z.basis
    );
}

#[test]
fn archiving_known_only_from_a_job_object_cannot_be_priced() {
    let j = Job {
        id: "c".into(),
        uuid: Some("c".into()),
        info: Some(SharedInfo::new(JobInfo {
            status: Some(Finished),
            created: Some(at(0.0)),
            remote_submitted: Some(at(10.0)),
            remote_started: Some(at(20.0)),
            remote_ended: Some(at(50.0)),
            ended: Some(at(650.0)),
            ..JobInfo::default()
        })),
        ..Job::default()
    };
    let r = analysed(&[j]);
    let x = rec(&r, "slow-archiving");
    assert!(x.estimated_savings.is_none());
    assert!(
        x.savings_unknown
            .as_deref()
            .unwrap()
            .contains("known only from job objects"),
        "{x:?}"
    );
}

/// The job stages `url` and an input of its own.
fn staging_url(j: Job, url: &str) -> Job {
    let own = format!("tapis://work/{}.tcl", j.id);
    info(j, |i| i.input_urls = vec![url.into(), own.into()])
}

#[test]
fn inputs_kept_in_work_save_the_repeats_staging() {
    let jobs: Vec<Job> = (0..4)
        .map(|i| {
            staging_url(
                staged(&format!("r{i}"), 100, 1_000_000),
                "tapis://work/model.zip",
            )
        })
        .collect();
    let r = analysed(&jobs);
    let s = rec(&r, "repeated-inputs")
        .estimated_savings
        .clone()
        .unwrap();
    let copy = 5.0 + 0.04 * 100.0 + 0.01;
    assert_eq!(s.jobs, 3, "the first job stages it anyway");
    assert!((s.seconds - 3.0 * copy).abs() < 1e-6, "{}", s.seconds);
    assert!(
        (s.low_seconds - 1.5 * copy).abs() < 1e-6,
        "half of each job's inputs repeat"
    );
    assert!(
        (s.high_seconds - 3.0 * (copy + 5.0)).abs() < 1e-6,
        "the whole STAGING_INPUTS"
    );
    // The same jobs known only from their job objects: unknown.
    let objects: Vec<Job> = (0..4)
        .map(|i| {
            let j = Job {
                id: format!("o{i}").into(),
                uuid: Some(format!("o{i}").into()),
                ..Job::default()
            };
            staging_url(
                info(j, |i| {
                    i.status = Some(Finished);
                    i.created = Some(at(0.0));
                    i.ended = Some(at(100.0));
                }),
                "tapis://work/model.zip",
            )
        })
        .collect();
    let r = analysed(&objects);
    let x = rec(&r, "repeated-inputs");
    assert!(x.estimated_savings.is_none());
    assert!(
        x.savings_unknown
            .as_deref()
            .unwrap()
            .contains("have no history"),
        "{x:?}"
    );
}

/// 200 s of staging, 100 s queued, FAILED 10 s into RUNNING.
fn failed_early() -> Job {
    job(
        "f",
        0.0,
        &[
            (Pending, 1.0),
            (StagingInputs, 200.0),
            (Queued, 100.0),
            (Running, 10.0),
        ],
        Failed,
        &[],
    )
}

#[test]
fn failing_fast_saves_the_staging_burned() {
    let j = failed_early();
    let r = analysed(&[j]);
    let s = rec(&r, "early-failure").estimated_savings.clone().unwrap();
    assert_eq!(
        (s.seconds, s.low_seconds, s.high_seconds),
        (200.0, 200.0, 311.0)
    );
    // A failure that staged nothing burned no staging: zero.
    let j = job(
        "g",
        0.0,
        &[(Pending, 1.0), (Queued, 100.0), (Running, 10.0)],
        Failed,
        &[],
    );
    let r = analysed(&[j]);
    let s = rec(&r, "early-failure").estimated_savings.clone().unwrap();
    assert_eq!(s.seconds, 0.0);
    assert_eq!(s.high_seconds, 111.0);
}

/// A finished job in `queue` that asked for `minutes` and `nodes`, waited `wait`.
fn queued(uuid: &str, queue: &str, minutes: u32, nodes: u32, wait: f64, run: f64) -> Job {
    let j = job(
        uuid,
        0.0,
        &[
            (Pending, 1.0),
            (Queued, wait),
            (Running, run),
            (Archiving, 1.0),
        ],
        Finished,
        &[],
    );
    on(j, ("stampede3", queue, nodes, minutes))
}

/// The job on a system's queue, with its nodes and minutes requested.
fn on(j: Job, (system, queue, nodes, minutes): (&str, &str, u32, u32)) -> Job {
    info(j, |i| {
        i.exec_system_id = Some(system.into());
        i.exec_system_logical_queue = Some(queue.into());
        i.node_count = Some(nodes);
        i.max_minutes = Some(minutes);
    })
}

#[test]
fn a_smaller_request_saves_the_queue_wait_of_smaller_requests_in_the_same_queue() {
    let mut jobs = vec![queued("big", "skx", 600, 1, 7200.0, 600.0)];
    for (i, w) in [600.0, 1200.0, 1800.0].iter().enumerate() {
        jobs.push(queued(&format!("s{i}"), "skx", 30, 1, *w, 600.0));
    }
    let r = analysed(&jobs);
    let x = rec(&r, "walltime-request");
    let s = x.estimated_savings.as_ref().unwrap();
    assert_eq!(
        s.seconds,
        7200.0 - 1200.0,
        "its wait less the median of the smaller requests'"
    );
    assert_eq!(
        (s.low_seconds, s.high_seconds),
        (7200.0 - 1500.0, 7200.0 - 900.0)
    );
    assert!(s.basis.contains("3 such waits"), "{}", s.basis);
    // No smaller request in its queue (they are in another): unknown, not a guess.
    let mut other = vec![queued("big", "skx", 600, 1, 7200.0, 600.0)];
    other.push(queued("s", "icx", 30, 1, 60.0, 600.0));
    let r = analysed(&other);
    let x = rec(&r, "walltime-request");
    assert!(x.estimated_savings.is_none());
    assert!(
        x.savings_unknown
            .as_deref()
            .unwrap()
            .starts_with("no job in the same system and queue"),
        "{x:?}"
    );
    // The queue rule compares node-hours requested.
    let q = rec(&analysed(&jobs), "long-queue-wait").clone();
    let s = q.estimated_savings.unwrap();
    assert_eq!(s.seconds, 6000.0);
    let q = rec(&r, "long-queue-wait").clone();
    assert!(q.estimated_savings.is_none() && q.savings_unknown.unwrap().contains("node-hours"));
}

#[test]
fn blocked_time_says_why_it_has_no_estimate() {
    let j = job(
        "b",
        0.0,
        &[
            (Pending, 1.0),
            (Queued, 10.0),
            (Blocked, 300.0),
            (Running, 100.0),
        ],
        Finished,
        &[],
    );
    let x = rec(&analysed(&[j]), "blocked-time").clone();
    assert!(x.estimated_savings.is_none());
    assert!(x
        .savings_unknown
        .unwrap()
        .contains("BLOCKED is Tapis recovering"));
}

#[test]
fn recommendations_come_ordered_by_estimated_saving() {
    // Early failure: 200 s of staging at stake, 311 s of time; the archive:
    // 300 s at stake in ARCHIVING but the ZIP saves 299.9 s.
    let jobs = [failed_early(), archiver("a", 3000, 300.0)];
    let r = analysed(&jobs);
    let order: Vec<(&str, Option<f64>)> = r
        .recommendations
        .iter()
        .map(|x| {
            (
                x.id.as_str(),
                x.estimated_savings.as_ref().map(|s| s.seconds),
            )
        })
        .collect();
    let seconds: Vec<f64> = order.iter().filter_map(|(_, s)| *s).collect();
    assert!(seconds.windows(2).all(|w| w[0] >= w[1]), "{order:?}");
    let known = order.iter().take_while(|(_, s)| s.is_some()).count();
    assert!(
        order[known..].iter().all(|(_, s)| s.is_none()),
        "unknowns last: {order:?}"
    );
    assert_eq!(order[0].0, "many-small-files", "{order:?}");
}

#[test]
fn goodput_splits_running_by_outcome_and_prices_it() {
    let fin = queued("fin", "skx", 120, 2, 10.0, 3600.0);
    let failed = on(
        job(
            "bad",
            0.0,
            &[(Pending, 1.0), (Queued, 10.0), (Running, 1800.0)],
            Failed,
            &[],
        ),
        ("stampede3", "spr", 1, 120),
    );
    let cut = info(
        on(
            job(
                "cut",
                0.0,
                &[(Pending, 1.0), (Queued, 10.0), (Running, 3600.0)],
                Failed,
                &[],
            ),
            ("mycluster", "batch", 4, 60),
        ),
        |i| i.condition = Some("JOB_EXECUTION_TIMEOUT".into()),
    );
    let r = analysed(&[fin, failed, cut]);
    let g = &r.goodput;
    let fin_wall = 1.0 + 10.0 + 3600.0 + 1.0;
    assert!((g.share.unwrap() - 3600.0 / fin_wall).abs() < 1e-12);
    let f = g.of_outcome(Outcome::Finished);
    assert_eq!(
        (f.jobs, f.node_hours, f.sus),
        (1, 2.0, 2.0),
        "skx: 1 SU a node-hour"
    );
    let b = g.of_outcome(Outcome::Failed);
    assert_eq!(
        (b.jobs, b.node_hours, b.sus),
        (1, 0.5, 1.0),
        "spr: 2 SUs a node-hour"
    );
    let c = g.of_outcome(Outcome::WalltimeCut);
    assert_eq!(
        (c.jobs, c.node_hours, c.sus, c.unpriced_node_hours),
        (1, 4.0, 0.0, 4.0)
    );
    assert_eq!(g.unpriced(), vec!["mycluster / batch".to_string()]);
    assert_eq!(g.lost().running_seconds, 5400.0);
    let queue_wait = g
        .badput_buckets
        .get(&crate::job_state::Bucket::QueueWait)
        .copied();
    assert_eq!(
        queue_wait,
        Some(30.0),
        "time lost in the queue: charged nothing"
    );
    assert!(g
        .badput_buckets
        .get(&crate::job_state::Bucket::Compute)
        .is_none());
}

/// `smaller_requests` as first written: every queue's waits filtered by `<` for each
/// request asked about. The definition the quicker one (waits sorted by request once,
/// borrowed keys) must agree with, to the bit.
fn smaller_requests_by_definition(jobs: &[&JobReport]) -> Option<(f64, f64, f64, usize)> {
    let request = |j: &JobReport| j.usage.as_ref()?.max_minutes.map(f64::from);
    let queue_of = |j: &JobReport| Some((j.exec_system.clone()?, j.queue.clone()?));
    let (mut point, mut low, mut high, mut covered) = (0.0, 0.0, 0.0, 0);
    for &j in jobs.iter().filter(|j| j.has_history) {
        let (Some(q), Some(r)) = (queue_of(j), request(j)) else {
            continue;
        };
        let mut waits: Vec<f64> = jobs
            .iter()
            .filter(|o| o.has_history && o.visits.get(&JobState::Queued).is_some())
            .filter(|o| queue_of(o) == Some(q.clone()) && request(o).is_some_and(|x| x < r))
            .map(|o| o.seconds_in(&JobState::Queued))
            .collect();
        if waits.is_empty() {
            continue;
        }
        waits.sort_unstable_by(f64::total_cmp);
        let wait = j.seconds_in(&JobState::Queued);
        let save = |p: f64| (wait - crate::stats::quantile_sorted(&waits, p)).max(0.0);
        point += save(0.5);
        low += save(0.75);
        high += save(0.25);
        covered += 1;
    }
    (covered > 0).then_some((point, low, high, covered))
}

#[test]
fn smaller_requests_agree_with_their_definition() {
    let mut rng = crate::rng::Rng::new(19);
    let mut priced = 0;
    for case in 0..60 {
        let jobs: Vec<Job> = (0..3 + rng.below(40))
            .map(|i| {
                let queue = ["skx", "icx", "spr"][rng.below(3)];
                let minutes = [30, 60, 60, 120, 600][rng.below(5)];
                let wait = (rng.below(7200) as f64).max(1.0);
                queued(&format!("j{case}-{i}"), queue, minutes, 1, wait, 600.0)
            })
            .collect();
        let r = analysed(&jobs);
        let all: Vec<&JobReport> = r.jobs.iter().collect();
        let quick = super::smaller_requests(&all, &all, "wall time", |j| {
            j.usage.as_ref()?.max_minutes.map(f64::from)
        });
        match (quick, smaller_requests_by_definition(&all)) {
            (Ok(s), Some((point, low, high, n))) => {
                assert_eq!(s.seconds.to_bits(), point.to_bits(), "case {case}");
                assert_eq!(s.low_seconds.to_bits(), low.min(point).to_bits());
                assert_eq!(s.high_seconds.to_bits(), high.max(point).to_bits());
                assert_eq!(s.jobs, n);
                priced += 1;
            }
            (Err(_), None) => {}
            (quick, slow) => panic!("case {case}: {quick:?} against {slow:?}"),
        }
    }
    assert!(
        priced > 40,
        "most cases have a smaller request to compare: {priced}"
    );
}
