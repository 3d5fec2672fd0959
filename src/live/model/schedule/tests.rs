use super::*;

const HISTORY: Paging = Paging {
    limit: 100,
    wanted: None,
};

fn policy(concurrency: usize) -> Policy {
    Policy {
        concurrency,
        ..Policy::default()
    }
}

fn scheduler(concurrency: usize, jobs: usize) -> Scheduler {
    let mut s = Scheduler::new(policy(concurrency), 1);
    for i in 0..jobs {
        s.add(&format!("job-{i}"), HISTORY);
    }
    s
}

fn keys(requests: &[Request]) -> Vec<&str> {
    requests.iter().map(|r| r.key.as_str()).collect()
}

fn retryable(reason: &str) -> Failure {
    Failure {
        reason: reason.into(),
        detail: None,
        retryable: true,
        retry_after_ms: None,
    }
}

#[test]
fn starts_at_most_concurrency_requests_in_order() {
    let mut s = scheduler(4, 10);
    let first = s.poll(0.0);
    assert_eq!(keys(&first), ["job-0", "job-1", "job-2", "job-3"]);
    assert!(s.poll(0.0).is_empty(), "all slots are taken");
    assert_eq!(
        s.arrived("job-1", 50.0, "p".into(), 12),
        Arrived::Finished(vec!["p".into()])
    );
    assert_eq!(keys(&s.poll(50.0)), ["job-4"]);
    assert_eq!(s.progress(50.0).in_flight, 4);
    s.set_concurrency(6);
    assert_eq!(keys(&s.poll(50.0)), ["job-5", "job-6"]);
    s.set_concurrency(99);
    assert_eq!(s.policy().concurrency, 8, "clamped to the allowed range");
}

#[test]
fn follows_history_pages_until_a_short_one() {
    let mut s = scheduler(1, 1);
    let r = s.poll(0.0);
    assert_eq!((r[0].skip, r[0].limit), (0, 100));
    assert_eq!(s.arrived("job-0", 1.0, "a".into(), 100), Arrived::More);
    let r = s.poll(1.0);
    assert_eq!((r[0].skip, r[0].limit, r[0].attempt), (100, 100, 1));
    assert_eq!(s.arrived("job-0", 2.0, "b".into(), 100), Arrived::More);
    assert_eq!(s.poll(2.0)[0].skip, 200);
    assert_eq!(
        s.arrived("job-0", 3.0, "c".into(), 37),
        Arrived::Finished(vec!["a".into(), "b".into(), "c".into()])
    );
    assert!(s.is_idle());
    assert_eq!(s.progress(3.0).requests, 3);
}

#[test]
fn exactly_a_full_page_needs_one_more_empty_page() {
    let mut s = scheduler(1, 1);
    s.poll(0.0);
    assert_eq!(s.arrived("job-0", 1.0, "a".into(), 100), Arrived::More);
    assert_eq!(s.poll(1.0)[0].skip, 100);
    assert_eq!(
        s.arrived("job-0", 2.0, "empty".into(), 0),
        Arrived::Finished(vec!["a".into(), "empty".into()])
    );
}

#[test]
fn a_page_continues_before_new_tasks_start() {
    let mut s = scheduler(1, 2);
    s.poll(0.0);
    s.arrived("job-0", 1.0, "a".into(), 100);
    assert_eq!(keys(&s.poll(1.0)), ["job-0"]);
}

#[test]
fn a_listing_stops_at_the_count_wanted() {
    let mut s = Scheduler::new(policy(4), 1);
    s.add(
        "listing",
        Paging {
            limit: 100,
            wanted: Some(250),
        },
    );
    let limits: Vec<usize> = (0..3)
        .map(|i| {
            let r = s.poll(i as f64).remove(0);
            assert_eq!(r.skip, i * 100);
            let n = r.limit;
            let _ = s.arrived("listing", i as f64, format!("page {i}"), n);
            n
        })
        .collect();
    assert_eq!(limits, [100, 100, 50]);
    assert_eq!(s.status("listing"), Some(&Status::Done));
}

#[test]
fn retries_back_off_exponentially_with_jitter_then_give_up() {
    let mut s = scheduler(1, 1);
    let mut now = 0.0;
    let mut delays = Vec::new();
    loop {
        let r = s.poll(now);
        assert_eq!(r.len(), 1, "the retry is due at {now}");
        match s.failed("job-0", now, retryable("Tapis answered 503")) {
            Setback::RetryIn(d) => {
                assert!(s.poll(now + d - 1.0).is_empty(), "not before its time");
                delays.push(d);
                now += d;
            }
            Setback::GaveUp(why) => {
                assert_eq!(why, "Tapis answered 503; gave up after 5 tries.");
                assert_eq!(r[0].attempt, 5);
                break;
            }
            Setback::Ignored => unreachable!(),
        }
    }
    assert_eq!(delays.len(), 4);
    for (i, d) in delays.iter().enumerate() {
        let full = 500.0 * 2f64.powi(i as i32);
        assert!((full / 2.0..=full).contains(d), "delay {i} = {d}");
    }
    assert_eq!(
        s.failures(),
        [(
            "job-0".to_string(),
            "Tapis answered 503; gave up after 5 tries.".to_string()
        )]
    );
    let p = s.progress(now);
    assert_eq!((p.failed, p.retries, p.requests), (1, 4, 5));
}

#[test]
fn giving_up_names_the_last_reason_then_the_others_met() {
    let mut s = scheduler(1, 1);
    let mut now = 0.0;
    for (why, said) in [
        (
            "Tapis had an internal error",
            "Tapis answered 500: FILES_X.",
        ),
        ("the answer was cut off", "The browser said: network error."),
        (
            "Tapis had an internal error",
            "Tapis answered 500: FILES_X.",
        ),
        ("Tapis asked to slow down", "Tapis answered 429."),
    ] {
        s.poll(now);
        let failure = Failure {
            detail: Some(said.into()),
            ..retryable(why)
        };
        let Setback::RetryIn(d) = s.failed("job-0", now, failure) else {
            panic!()
        };
        now += d;
    }
    s.poll(now);
    let last = Failure {
        detail: Some("The browser said: network error.".into()),
        ..retryable("The answer was cut off")
    };
    assert_eq!(
        s.failed("job-0", now, last),
        Setback::GaveUp(
            "The answer was cut off; gave up after 5 tries. Earlier tries: Tapis had an \
             internal error; Tapis asked to slow down. The browser said: network error. Tapis \
             answered 429. Tapis answered 500: FILES_X."
                .into()
        )
    );
}

#[test]
fn backoff_is_capped_and_jitter_differs_between_tasks() {
    let mut s = Scheduler::new(
        Policy {
            max_attempts: 20,
            ..policy(2)
        },
        7,
    );
    s.add("a", HISTORY);
    s.add("b", HISTORY);
    let mut now = 0.0;
    let mut seen = Vec::new();
    for _ in 0..12 {
        for r in s.poll(now) {
            if let Setback::RetryIn(d) = s.failed(&r.key, now, retryable("x")) {
                assert!(d <= 8_000.0, "{d}");
                seen.push(d);
            }
        }
        now = s.next_wake().unwrap();
    }
    assert!(seen.iter().any(|&d| d > 4_000.0), "reaches the cap's range");
    seen.sort_by(f64::total_cmp);
    seen.dedup();
    assert!(seen.len() > 12, "jitter: delays differ ({})", seen.len());
}

#[test]
fn retry_after_is_honoured_up_to_a_bound() {
    let mut s = scheduler(1, 1);
    s.poll(0.0);
    let slow_down = Failure {
        reason: "429".into(),
        detail: None,
        retryable: true,
        retry_after_ms: Some(30_000.0),
    };
    assert_eq!(
        s.failed("job-0", 0.0, slow_down.clone()),
        Setback::RetryIn(30_000.0)
    );
    assert_eq!(s.next_wake(), Some(30_000.0));
    assert!(s.poll(29_999.0).is_empty());
    s.poll(30_000.0);
    let absurd = Failure {
        retry_after_ms: Some(86_400_000.0),
        ..slow_down
    };
    assert_eq!(
        s.failed("job-0", 30_000.0, absurd),
        Setback::RetryIn(120_000.0)
    );
}

#[test]
fn a_permanent_failure_is_not_retried_and_others_go_on() {
    let mut s = scheduler(2, 3);
    s.poll(0.0);
    let gone = Failure {
        reason: "Tapis has no such job, or hides it from you".into(),
        detail: Some("Tapis answered 404: JOBS_JOB_NOT_FOUND Job x not found.".into()),
        retryable: false,
        retry_after_ms: None,
    };
    assert_eq!(
        s.failed("job-0", 1.0, gone),
        Setback::GaveUp(
            "Tapis has no such job, or hides it from you. Tapis answered 404: \
             JOBS_JOB_NOT_FOUND Job x not found."
                .into()
        )
    );
    assert_eq!(keys(&s.poll(1.0)), ["job-2"]);
    s.arrived("job-1", 2.0, "b".into(), 5);
    s.arrived("job-2", 2.0, "c".into(), 5);
    let p = s.progress(2.0);
    assert_eq!((p.done, p.failed, p.total), (2, 1, 3));
    assert!(!p.active());
}

#[test]
fn due_retries_go_before_fresh_tasks() {
    let mut s = scheduler(1, 3);
    s.poll(0.0);
    let Setback::RetryIn(d) = s.failed("job-0", 0.0, retryable("x")) else {
        panic!()
    };
    assert_eq!(
        keys(&s.poll(0.0)),
        ["job-1"],
        "the free slot is used meanwhile"
    );
    s.arrived("job-1", d + 1.0, "b".into(), 1);
    assert_eq!(keys(&s.poll(d + 1.0)), ["job-0"]);
}

#[test]
fn cancel_stops_everything_keeps_what_finished_and_late_answers_are_dropped() {
    let mut s = scheduler(2, 5);
    s.poll(0.0);
    s.arrived("job-0", 1.0, "a".into(), 3);
    s.poll(1.0);
    assert_eq!(s.cancel(2.0), 4);
    assert!(s.is_idle());
    assert!(s.poll(3.0).is_empty());
    assert_eq!(s.arrived("job-1", 3.0, "late".into(), 3), Arrived::Ignored);
    assert_eq!(s.failed("job-2", 3.0, retryable("x")), Setback::Ignored);
    let p = s.progress(3.0);
    assert_eq!((p.done, p.cancelled, p.in_flight), (1, 4, 0));
    assert_eq!(s.cancelled(), ["job-1", "job-2", "job-3", "job-4"]);
    // "Fetch the rest" queues them again; what finished is not fetched twice.
    for key in s.cancelled() {
        s.add(&key, HISTORY);
    }
    s.add("job-0", HISTORY);
    assert_eq!(
        s.status("job-0"),
        Some(&Status::Queued),
        "done tasks may be refreshed"
    );
    s.cancel(3.0);
    s.add("job-1", HISTORY);
    assert_eq!(keys(&s.poll(4.0)), ["job-1"]);
    s.add("job-1", HISTORY);
    assert_eq!(
        s.status("job-1"),
        Some(&Status::InFlight),
        "adding a running task changes nothing"
    );
}

#[test]
fn progress_counts_and_estimates_the_time_left() {
    let mut s = scheduler(4, 8);
    assert_eq!(s.progress(0.0).eta_ms, None);
    s.poll(1_000.0);
    assert_eq!(s.progress(1_050.0).eta_ms, None, "nothing finished yet");
    for k in ["job-0", "job-1", "job-2", "job-3"] {
        s.arrived(k, 1_100.0, "p".into(), 1);
    }
    s.poll(1_100.0);
    let p = s.progress(1_100.0);
    assert_eq!((p.done, p.in_flight, p.total), (4, 4, 8));
    assert_eq!(p.elapsed_ms, 100.0);
    assert_eq!(p.eta_ms, Some(100.0), "4 done in 100 ms, 4 left");
    for k in ["job-4", "job-5", "job-6", "job-7"] {
        s.arrived(k, 1_200.0, "p".into(), 1);
    }
    let p = s.progress(5_000.0);
    assert_eq!(
        (p.eta_ms, p.elapsed_ms),
        (Some(0.0), 200.0),
        "a finished run keeps its time"
    );
}

/// A run against a simulated server that fails at random, in virtual time: every task ends
/// done or failed, no more than `concurrency` requests are ever in flight, every page of a
/// done task arrives once and in order, and `poll` never starts a task twice.
#[test]
fn simulated_runs_with_random_faults_finish_every_task() {
    for seed in 0..40u64 {
        let concurrency = 1 + (seed as usize % 8);
        let jobs = 30;
        let events = |i: usize| (i * 37) % 260; // 0..259 events: up to 3 pages
        let mut s = Scheduler::new(policy(concurrency), seed);
        for i in 0..jobs {
            s.add(&format!("job-{i}"), HISTORY);
        }
        let mut rng = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
        let mut roll = move || {
            rng = rng
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (rng >> 33) as f64 / (1u64 << 31) as f64
        };
        let mut in_flight: Vec<(f64, Request)> = Vec::new();
        let mut now = 0.0;
        let mut finished: HashMap<String, Vec<String>> = HashMap::new();
        for _ in 0..100_000 {
            for r in s.poll(now) {
                assert!(
                    !in_flight.iter().any(|(_, f)| f.key == r.key),
                    "{} started twice",
                    r.key
                );
                in_flight.push((now + 10.0 + roll() * 90.0, r));
            }
            assert!(in_flight.len() <= concurrency);
            assert_eq!(s.progress(now).in_flight, in_flight.len());
            if in_flight.is_empty() {
                match s.next_wake() {
                    Some(t) => {
                        now = t;
                        continue;
                    }
                    None => break,
                }
            }
            in_flight.sort_by(|a, b| a.0.total_cmp(&b.0));
            let (at, r) = in_flight.remove(0);
            now = at;
            let i: usize = r.key[4..].parse().unwrap();
            let broken = i % 11 == 5;
            if broken || roll() < 0.3 {
                s.failed(&r.key, now, retryable("flaky"));
            } else {
                let records = events(i).saturating_sub(r.skip).min(r.limit);
                let page = format!("{}@{}", r.key, r.skip);
                if let Arrived::Finished(pages) = s.arrived(&r.key, now, page, records) {
                    assert!(finished.insert(r.key.clone(), pages).is_none());
                }
            }
        }
        let p = s.progress(now);
        assert_eq!(p.finished(), jobs, "seed {seed}: {p:?}");
        for i in 0..jobs {
            let key = format!("job-{i}");
            match s.status(&key).unwrap() {
                Status::Done => {
                    let want: Vec<String> = (0..=events(i) / 100)
                        .map(|n| format!("{key}@{}", n * 100))
                        .collect();
                    assert_eq!(finished[&key], want, "seed {seed}");
                }
                Status::Failed(why) => assert!(why.starts_with("flaky"), "{why}"),
                other => panic!("seed {seed}: {key} ended {other:?}"),
            }
            if i % 11 == 5 {
                assert!(matches!(s.status(&key), Some(Status::Failed(_))));
            }
        }
    }
}
