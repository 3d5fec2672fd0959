//! Cohorts, load and trends of the generator's sweep: two app versions that stage
//! differently, as a user upgrading mid-sweep would have them.

use tapis_profile::analysis::{analyse_jobs, Options};
use tapis_profile::cohort::{compare, Selector, Verdict};
use tapis_profile::metric::Metric;
use tapis_profile::synthetic::{generate, Config, Sweep};
use tapis_profile::trends::{trends, Period};
use tapis_profile::JobState;

fn sweep(jobs: usize) -> tapis_profile::Report {
    let config = Config {
        jobs,
        seed: 5,
        sweep: Some(Sweep::default()),
        ..Config::default()
    };
    analyse_jobs(&generate(&config), &Options::default())
}

#[test]
fn the_zipped_version_stages_faster_and_the_ranking_says_why() {
    let report = sweep(300);
    let a = Selector::parse("version=1.2").unwrap();
    let b = Selector::parse("version=1.3").unwrap();
    let c = compare(&report, &a, &b).unwrap();
    assert_eq!((c.a.jobs, c.b.jobs), (150, 150));
    let staging = c
        .rows
        .iter()
        .find(|r| r.metric == Metric::State(JobState::StagingInputs))
        .unwrap();
    assert_eq!(staging.verdict, Verdict::Shorter);
    assert!(staging.median_difference.unwrap() < -60.0, "{staging:?}");
    let top: Vec<&str> = c
        .attributes
        .iter()
        .take(2)
        .map(|a| a.key.as_str())
        .collect();
    assert!(
        top.contains(&"input-files") && top.contains(&"STAGING_INPUTS"),
        "{top:?}"
    );
    // Same jobs, same numbers: the interval is seeded.
    assert_eq!(compare(&report, &a, &b).unwrap(), c);
}

#[test]
fn a_sweep_over_weeks_trends_by_week() {
    let report = sweep(400);
    let t = trends(report.counted());
    assert_eq!(t.period, Period::Week);
    assert_eq!(t.jobs.iter().sum::<usize>(), 400);
    let blocked = t
        .series
        .iter()
        .find(|s| s.label() == "Blocked / paused")
        .unwrap();
    assert!(blocked.points.iter().flatten().any(|p| p.p90 > 0.0));
}
