//! Cohort statistics on constructed job sets whose answers are known.

use super::*;
use crate::analysis::{analyse_jobs, Options};
use crate::job_state::JobState;
use crate::metric::Metric;
use crate::model::{EventKind, Job};
use crate::report::Report;
use crate::test_jobs::job;
use crate::time::parse_timestamp;

/// `n` jobs of a version, their staging and queue times spread by a seeded generator;
/// `staging` scales STAGING_INPUTS, `queue` names the queue of every job.
fn sweep(first: usize, n: usize, version: &str, staging: f64, queue: &str, seed: u64) -> Vec<Job> {
    let mut rng = crate::rng::Rng::new(seed);
    (0..n)
        .map(|k| {
            let states = [
                (JobState::Pending, rng.lognormal(1.0, 0.2)),
                (JobState::StagingInputs, staging * rng.lognormal(300.0, 0.5)),
                (JobState::Queued, rng.lognormal(600.0, 0.8)),
                (JobState::Running, rng.lognormal(1_800.0, 0.4)),
                (JobState::Archiving, rng.lognormal(60.0, 0.4)),
            ];
            job(
                first + k,
                ("opensees", version),
                ("frontera", queue),
                (k * 600) as f64,
                &states,
            )
        })
        .collect()
}

fn report(jobs: &[Job]) -> Report {
    analyse_jobs(jobs, &Options::default())
}

fn row<'a>(c: &'a Comparison, metric: &Metric) -> &'a Row {
    c.rows.iter().find(|r| r.metric == *metric).unwrap()
}

#[test]
fn identical_cohorts_show_no_difference() {
    let mut jobs = sweep(0, 60, "1.2", 1.0, "normal", 1);
    // The same times again, as version 1.3.
    jobs.extend(sweep(100, 60, "1.3", 1.0, "normal", 1));
    let r = report(&jobs);
    let a = Selector::parse("version=1.2").unwrap();
    let b = Selector::parse("appVersion=1.3").unwrap();
    let c = compare(&r, &a, &b).unwrap();
    assert_eq!((c.a.jobs, c.b.jobs), (60, 60));
    for row in &c.rows {
        assert_eq!(row.median_difference, Some(0.0), "{:?}", row.metric);
        assert_eq!(row.p90_difference, Some(0.0), "{:?}", row.metric);
        let (lo, hi) = row.interval.unwrap();
        assert!(lo <= 0.0 && hi >= 0.0, "{:?} {lo} {hi}", row.metric);
        assert_eq!(row.verdict, Verdict::Unclear);
    }
    assert!(
        c.attributes.iter().all(|a| a.score == 0.0),
        "{:?}",
        c.attributes
    );
    assert!(
        c.attributes
            .iter()
            .all(|a| !["app-version", "app", "version"].contains(&a.key.as_str())),
        "the attributes the cohorts were picked by are not ranked"
    );
}

#[test]
fn a_shifted_cohort_shows_the_shift() {
    // Version 1.3 stages every job exactly 2 minutes faster than 1.2 did: 1.2's jobs
    // are 1.3's with 2 minutes more in STAGING_INPUTS.
    let b_jobs = sweep(1_000, 80, "1.3", 1.0, "normal", 2);
    let a_jobs: Vec<Job> = b_jobs
        .iter()
        .enumerate()
        .map(|(k, j)| {
            let mut states: Vec<(JobState, f64)> = Vec::new();
            for w in j.events.windows(2) {
                if let EventKind::NewStatus(s) = &w[0].kind {
                    let mut secs = crate::time::seconds_between(w[0].created, w[1].created);
                    if *s == JobState::StagingInputs {
                        secs += 120.0;
                    }
                    states.push((s.clone(), secs));
                }
            }
            job(
                k,
                ("opensees", "1.2"),
                ("frontera", "normal"),
                (k * 600) as f64,
                &states,
            )
        })
        .collect();
    let jobs: Vec<Job> = a_jobs.into_iter().chain(b_jobs).collect();
    let r = report(&jobs);
    let c = compare(
        &r,
        &Selector::parse("version=1.2").unwrap(),
        &Selector::parse("version=1.3").unwrap(),
    )
    .unwrap();
    let staging = row(&c, &Metric::State(JobState::StagingInputs));
    assert!((staging.median_difference.unwrap() + 120.0).abs() < 1e-3);
    assert!((staging.p90_difference.unwrap() + 120.0).abs() < 1e-3);
    let (lo, hi) = staging.interval.unwrap();
    assert!(hi < 0.0 && lo <= -120.0 + 1e-3, "{lo} {hi}");
    assert_eq!(staging.verdict, Verdict::Shorter);
    let running = row(&c, &Metric::State(JobState::Running));
    assert!(running.median_difference.unwrap().abs() < 1e-3);
    assert_eq!(running.verdict, Verdict::Unclear);
    // The data-movement bucket moves by the same 2 minutes.
    let moving = row(&c, &Metric::Bucket(crate::job_state::Bucket::DataMovement));
    assert!((moving.median_difference.unwrap() + 120.0).abs() < 60.0);
}

#[test]
fn the_ranking_puts_the_changed_attribute_first() {
    // Version 1.3 stages ten times faster; both run on the same queues alike.
    let mut jobs = sweep(0, 100, "1.2", 1.0, "normal", 3);
    jobs.extend(sweep(200, 100, "1.3", 0.1, "normal", 3));
    let r = report(&jobs);
    let c = compare(
        &r,
        &Selector::parse("version=1.2").unwrap(),
        &Selector::parse("version=1.3").unwrap(),
    )
    .unwrap();
    assert_eq!(
        c.attributes[0].key,
        "STAGING_INPUTS",
        "{:#?}",
        &c.attributes[..3]
    );
    assert!(c.attributes[0].score > 0.5);
    // Picked by the app's version: the queue is the changed attribute instead.
    let mut jobs = sweep(0, 100, "1.2", 1.0, "normal", 4);
    jobs.extend(sweep(200, 100, "1.2", 1.0, "development", 5));
    let r = report(&jobs);
    let c = compare(
        &r,
        &Selector::All,
        &Selector::parse("queue=development").unwrap(),
    );
    // `all` against a part of it: the queue is not ranked (it picked B), the rest is.
    let c = c.unwrap();
    assert_eq!(c.a.jobs, 200);
    assert!(c.attributes.iter().all(|a| a.key != "system-queue"));
}

#[test]
fn rest_is_everything_counted_but_the_other_cohort() {
    let mut jobs = sweep(0, 10, "1.2", 1.0, "normal", 6);
    jobs.extend(sweep(50, 7, "1.3", 1.0, "normal", 7));
    let r = report(&jobs);
    let (a, b) = pick(
        &r.jobs,
        &Selector::parse("version=1.3").unwrap(),
        &Selector::Rest,
    )
    .unwrap();
    assert_eq!((a.len(), b.len()), (7, 10));
    let (a, b) = pick(
        &r.jobs,
        &Selector::Rest,
        &Selector::parse("version=1.3").unwrap(),
    )
    .unwrap();
    assert_eq!((a.len(), b.len()), (10, 7));
    assert!(pick(&r.jobs, &Selector::Rest, &Selector::Rest).is_err());
    let err = compare(&r, &Selector::parse("version=9").unwrap(), &Selector::Rest).unwrap_err();
    assert!(err.contains("version has 1.2, 1.3"), "{err}");
}

#[test]
fn a_window_picks_the_jobs_in_flight_during_it() {
    // Jobs every 10 minutes, each about 45 minutes long.
    let jobs = sweep(0, 12, "1.2", 1.0, "normal", 8);
    let r = report(&jobs);
    let t0 = parse_timestamp("2025-03-03T00:00:00Z").unwrap();
    let window = format!(
        "during={}..{}",
        crate::time::format_timestamp(&(t0 + chrono::Duration::seconds(3_000))),
        crate::time::format_timestamp(&(t0 + chrono::Duration::seconds(3_600)))
    );
    let s = Selector::parse(&window).unwrap();
    let brute: Vec<&str> = r
        .jobs
        .iter()
        .filter(|j| {
            let (start, end) = in_flight(j).unwrap();
            let secs = |t| crate::time::seconds_between(t0, t);
            secs(start) <= 3_600.0 && secs(end) >= 3_000.0
        })
        .map(|j| &*j.uuid)
        .collect();
    let picked: Vec<&str> = r
        .jobs
        .iter()
        .filter(|j| s.matches(j))
        .map(|j| &*j.uuid)
        .collect();
    assert_eq!(picked, brute);
    assert!(!picked.is_empty() && picked.len() < 12, "{}", picked.len());
}

#[test]
fn stale_jobs_are_in_no_cohort_unless_counted() {
    let mut jobs = sweep(0, 6, "1.2", 1.0, "normal", 9);
    // A job left in QUEUED for good: its history stops there.
    let mut zombie = sweep(90, 1, "1.2", 1.0, "normal", 10).remove(0);
    std::sync::Arc::make_mut(&mut zombie.events).truncate(3);
    jobs.push(zombie);
    let later = parse_timestamp("2026-03-03T00:00:00Z");
    let left_out = analyse_jobs(&jobs, &Options::at(later));
    let (a, _) = pick(&left_out.jobs, &Selector::All, &Selector::Rest).unwrap();
    assert_eq!(a.len(), 6);
    let counted = analyse_jobs(
        &jobs,
        &Options {
            as_of: later,
            include_stale: true,
            ..Options::default()
        },
    );
    let (a, _) = pick(&counted.jobs, &Selector::All, &Selector::Rest).unwrap();
    assert_eq!(a.len(), 7);
}

#[test]
fn verdict_keys_are_their_json_names() {
    for v in [
        Verdict::Longer,
        Verdict::Shorter,
        Verdict::Unclear,
        Verdict::TooFew,
    ] {
        assert_eq!(serde_json::to_value(v).unwrap(), v.key());
    }
}

/// Versions 1.2 and 1.3, and in 1.2 a job whose states no other visits: BLOCKED twice,
/// and a state the profiler does not know.
fn odd_states() -> Vec<Job> {
    let mut jobs = sweep(0, 30, "1.2", 1.0, "normal", 3);
    jobs.push(job(
        200,
        ("opensees", "1.2"),
        ("frontera", "normal"),
        0.0,
        &[
            (JobState::Pending, 2.0),
            (JobState::Blocked, 30.0),
            (JobState::Queued, 40.0),
            (JobState::Blocked, 5.0),
            (JobState::Unknown("RESTARTING".into()), 9.0),
            (JobState::Running, 100.0),
        ],
    ));
    jobs.extend(sweep(300, 20, "1.3", 2.0, "normal", 4));
    jobs
}

#[test]
fn a_metrics_values_in_one_pass_are_each_jobs_value_of_it() {
    let r = report(&odd_states());
    let members: Vec<usize> = (0..r.jobs.len()).rev().step_by(2).collect();
    let a = Selector::parse("version=1.2").unwrap();
    let b = Selector::parse("version=1.3").unwrap();
    let c = compare(&r, &a, &b).unwrap();
    let metrics: Vec<Metric> = c.rows.iter().map(|row| row.metric.clone()).collect();
    assert!(metrics.contains(&Metric::State(JobState::Unknown("RESTARTING".into()))));
    assert!(metrics.contains(&Metric::State(JobState::Blocked)));
    let values = compare::values(&r.jobs, &members, &metrics);
    for (metric, values) in metrics.iter().zip(&values) {
        let each: Vec<f64> = members
            .iter()
            .filter_map(|&i| metric.of(&r.jobs[i]))
            .collect();
        assert_eq!(values, &each, "{metric:?}");
    }
}

#[test]
fn a_times_ranked_bins_are_each_members_bin_of_it() {
    // "Never entered" is a value (no job of B is BLOCKED); some jobs of both cohorts
    // have no history.
    let mut r = report(&odd_states());
    for j in r.jobs.iter_mut().step_by(7) {
        j.has_history = false;
    }
    let (a, b) = (
        Selector::parse("version=1.2").unwrap(),
        Selector::parse("version=1.3").unwrap(),
    );
    let (c, (ia, ib)) = compare_picked(&r, &a, &b).unwrap();
    let times: Vec<&Attribute> = c
        .attributes
        .iter()
        .filter(|t| t.key == "total" || JobState::parse(&t.key).is_known() || t.key == "RESTARTING")
        .collect();
    assert_eq!(
        times.len(),
        c.rows
            .iter()
            .filter(|row| !matches!(row.metric, Metric::Bucket(_)))
            .count()
    );
    for t in times {
        let metric = Metric::from_key(&t.key);
        // Each member with a history: its time's bin, or "never entered".
        let counts = |members: &[usize]| {
            let mut counts = std::collections::BTreeMap::<&str, usize>::new();
            let with_history = members
                .iter()
                .map(|&i| &r.jobs[i])
                .filter(|j| j.has_history);
            for j in with_history {
                *counts
                    .entry(metric.of(j).map_or(NOT_ENTERED, bin))
                    .or_default() += 1;
            }
            counts
        };
        let (ca, cb) = (counts(&ia), counts(&ib));
        let (na, nb) = (ca.values().sum::<usize>(), cb.values().sum::<usize>());
        assert_eq!((t.jobs_a, t.jobs_b), (na, nb), "{}", t.key);
        let seen: std::collections::BTreeSet<&str> = ca.keys().chain(cb.keys()).copied().collect();
        assert_eq!(t.values.len(), seen.len(), "{}", t.key);
        for v in &t.values {
            let share = |c: &std::collections::BTreeMap<&str, usize>, n: usize| {
                c.get(v.value.as_str()).copied().unwrap_or(0) as f64 / n as f64
            };
            assert_eq!(
                (v.a, v.b),
                (share(&ca, na), share(&cb, nb)),
                "{} {}",
                t.key,
                v.value
            );
        }
    }
    let blocked = c.attributes.iter().find(|t| t.key == "BLOCKED").unwrap();
    assert!(blocked
        .values
        .iter()
        .any(|v| v.value == NOT_ENTERED && v.b == 1.0));
}

#[test]
fn comparing_a_part_at_a_time_is_the_comparison() {
    let mut jobs = sweep(0, 40, "1.2", 1.0, "normal", 5);
    jobs.extend(sweep(100, 40, "1.3", 3.0, "development", 6));
    let r = report(&jobs);
    let (a, b) = (
        Selector::parse("version=1.2").unwrap(),
        Selector::parse("rest").unwrap(),
    );
    let whole = compare_picked(&r, &a, &b).unwrap();
    // The values gathered, a row a step, then the attributes.
    let mut comparing = Comparing::new(&r, &a, &b).unwrap().in_steps_of(1);
    let mut steps = 1;
    while !comparing.step() {
        steps += 1;
    }
    assert_eq!(steps, 1 + whole.0.rows.len() + 1);
    assert!(comparing.step(), "done stays done");
    let stepped = comparing.finish();
    assert!(!stepped.0.attributes.is_empty() && !stepped.0.rows.is_empty());
    assert_eq!(stepped, whole);
    assert_eq!(
        stepped.0,
        compare_members(&r.jobs, (&a, &stepped.1 .0), (&b, &stepped.1 .1))
    );
    // A cohort of no job says so before any part is done.
    let none = Selector::parse("version=9.9").unwrap();
    assert!(Comparing::new(&r, &none, &b).is_err());
}
