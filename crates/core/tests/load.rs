//! Load over time against a brute-force count: at every time a job changes state,
//! the number of jobs in each state is what counting every job's visits says.

use proptest::prelude::*;
use tapis_profile::analysis::{analyse_jobs, Options};
use tapis_profile::load::{is_active, load};
use tapis_profile::synthetic::{generate, Config};
use tapis_profile::time::parse_timestamp;

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn counts_match_a_brute_force_count_at_every_event_time(seed in any::<u64>(), n in 1usize..150) {
        let jobs = generate(&Config { jobs: n, seed, ..Config::default() });
        // Some jobs are still open: measured up to a fixed moment, stale ones counted.
        let options = Options { as_of: parse_timestamp("2025-06-01T00:00:00Z"), include_stale: true, ..Options::default() };
        let report = analyse_jobs(&jobs, &options);
        let l = load(report.counted());
        let segments: Vec<_> = report.jobs.iter().flat_map(|j| j.segments.iter()).collect();
        let mut times: Vec<_> = segments.iter().flat_map(|s| [s.start, s.end]).collect();
        times.sort();
        times.dedup();
        for t in times {
            let i = l.steps.times().partition_point(|at| *at <= t);
            let counted: Vec<u32> = match i.checked_sub(1) {
                Some(i) => l.steps.counts(i).to_vec(),
                None => vec![0; l.states.len()],
            };
            let brute: Vec<u32> = l.states.iter().map(|state| {
                segments.iter().filter(|s| s.state == *state && s.start <= t && t < s.end).count() as u32
            }).collect();
            prop_assert_eq!(counted, brute, "at {}", t);
        }
        // Every non-terminal state any job was in for a while is a series.
        for s in &segments {
            prop_assert!(s.state.is_terminal() || s.start == s.end || l.states.contains(&s.state));
        }
        // A peak is the most active jobs at once on its queue, by brute force too.
        for p in &l.peaks {
            let on_queue: Vec<_> = report.jobs.iter().filter(|j| j.system_queue().as_deref() == Some(p.system_queue.as_str())).collect();
            let active_at = |t| on_queue.iter().filter(|j| j.segments.iter().any(|s| is_active(&s.state) && s.start <= t && t < s.end)).count() as u32;
            prop_assert_eq!(active_at(p.from), p.active);
            let most = on_queue.iter().flat_map(|j| j.segments.iter().map(|s| active_at(s.start))).max().unwrap_or(0);
            prop_assert_eq!(most, p.active);
        }
    }
}

/// The generator's sweep: more jobs submitted at once than the quota allows wait
/// in BLOCKED, and every such visit is explained by the quota's active jobs.
#[test]
fn a_sweep_over_its_quota_is_blocked_and_explained() {
    use tapis_profile::synthetic::Sweep;
    let sweep = Sweep {
        quota: 6,
        burst: 20,
    };
    let jobs = generate(&Config {
        jobs: 80,
        seed: 11,
        sweep: Some(sweep),
        ..Config::default()
    });
    let report = analyse_jobs(&jobs, &Options::default());
    let l = load(report.counted());
    assert!(l.blocked.len() >= 40, "{} visits", l.blocked.len());
    // Blocked while the quota was full: six others active (or about to end).
    let full = l
        .blocked
        .iter()
        .filter(|v| v.active_when_blocked >= 5)
        .count();
    assert!(
        full * 10 >= l.blocked.len() * 9,
        "{full} of {}",
        l.blocked.len()
    );
    let peak = &l.peaks[0];
    assert_eq!(peak.system_queue, "frontera / normal");
    // The burst's first job is active before the full quota's first BLOCKED job is.
    assert!(peak.active <= 7, "{}", peak.active);
}
