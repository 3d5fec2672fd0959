//! How sure a difference of medians is: a percentile bootstrap interval of the
//! difference (B's median − A's), from a fixed seed.
//!
//! Why a bootstrap of the median difference rather than Mann–Whitney's U: it answers
//! the question in the unit people act on ("B stages 2 min faster, somewhere between
//! 1 min 40 s and 2 min 30 s") where a p-value only says that the two distributions
//! differ somehow; it assumes nothing of the shape (job times are skewed, heavy-tailed
//! and full of ties); and it is the same statistic the tables show. The seed is fixed
//! and each cohort's values are sorted first, so the same jobs give the same interval
//! on every machine, in the page and the CLI, whatever order the files were read in:
//! the core never reads the clock or the system's randomness.

use crate::rng::Rng;
use crate::stats::quantile_sorted;

/// Resamples per interval: enough for a stable 95 % interval's ends (to about a
/// percent of their spread), few enough for 10,000 jobs in a browser.
pub const RESAMPLES: usize = 1_000;
/// The interval's confidence.
pub const LEVEL: f64 = 0.95;
/// Fewer jobs than this in a cohort: no interval (a median of four says little).
pub const MIN_JOBS: usize = 5;
/// The generator's seed, mixed with the metric's name (so each metric's interval
/// does not depend on which other metrics were computed before it).
pub const SEED: u64 = 0x7A91_5C0B_0B5E_ED18;

/// The difference of medians, B − A, and its interval at [`LEVEL`]; `None` when
/// either side has fewer than [`MIN_JOBS`] values.
pub fn median_difference(a: &[f64], b: &[f64], name: &str) -> Option<(f64, f64, f64)> {
    let (a, b) = (sorted(a), sorted(b));
    if a.len() < MIN_JOBS || b.len() < MIN_JOBS {
        return None;
    }
    let observed = quantile_sorted(&b, 0.5) - quantile_sorted(&a, 0.5);
    let mut rng = Rng::new(SEED ^ fnv1a(name));
    let mut draws: Vec<usize> = Vec::with_capacity(a.len().max(b.len()));
    let mut differences: Vec<f64> = (0..RESAMPLES)
        .map(|_| {
            resampled_median(&b, &mut rng, &mut draws) - resampled_median(&a, &mut rng, &mut draws)
        })
        .collect();
    differences.sort_unstable_by(f64::total_cmp);
    let tail = (1.0 - LEVEL) / 2.0;
    Some((
        observed,
        quantile_sorted(&differences, tail),
        quantile_sorted(&differences, 1.0 - tail),
    ))
}

fn sorted(values: &[f64]) -> Vec<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    v.sort_unstable_by(f64::total_cmp);
    v
}

/// The median of `sorted.len()` draws with replacement from `sorted`. The values are
/// sorted, so the draws' middle positions are the resample's middle values: only
/// positions are drawn and put in place, never values copied.
fn resampled_median(sorted: &[f64], rng: &mut Rng, draws: &mut Vec<usize>) -> f64 {
    let n = sorted.len();
    draws.clear();
    draws.extend((0..n).map(|_| rng.below(n)));
    let (below, &mut hi, _) = draws.select_nth_unstable(n / 2);
    if n % 2 == 1 {
        return sorted[hi];
    }
    let lo = below.iter().copied().max().unwrap_or(hi);
    (sorted[lo] + sorted[hi]) / 2.0
}

/// FNV-1a: a stable hash of a name (std's hasher may change between releases).
fn fnv1a(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::median;

    fn lognormal(n: usize, median: f64, seed: u64) -> Vec<f64> {
        let mut rng = Rng::new(seed);
        (0..n).map(|_| rng.lognormal(median, 0.6)).collect()
    }

    #[test]
    fn identical_cohorts_differ_by_nothing_and_the_interval_holds_zero() {
        let a = lognormal(200, 120.0, 1);
        let (d, lo, hi) = median_difference(&a, &a, "QUEUED").unwrap();
        assert_eq!(d, 0.0);
        assert!(lo < 0.0 && hi > 0.0, "{lo} {hi}");
    }

    #[test]
    fn a_shifted_cohort_differs_by_the_shift_and_the_interval_says_so() {
        let a = lognormal(300, 600.0, 2);
        let b: Vec<f64> = a.iter().map(|v| v - 120.0).collect();
        let (d, lo, hi) = median_difference(&a, &b, "STAGING_INPUTS").unwrap();
        assert!((d + 120.0).abs() < 1e-9, "{d}");
        assert!(lo <= -120.0 + 1e-9 && hi >= -120.0 - 1e-9, "{lo} {hi}");
        assert!(hi < 0.0, "the whole interval is faster: {lo} {hi}");
    }

    #[test]
    fn the_interval_is_reproducible_and_independent_of_order() {
        let a = lognormal(150, 60.0, 3);
        let b = lognormal(170, 90.0, 4);
        let first = median_difference(&a, &b, "RUNNING");
        let mut reversed = a.clone();
        reversed.reverse();
        assert_eq!(median_difference(&reversed, &b, "RUNNING"), first);
        assert_ne!(
            median_difference(&a, &b, "QUEUED"),
            first,
            "another metric, another stream"
        );
    }

    #[test]
    fn too_few_jobs_give_no_interval() {
        assert_eq!(median_difference(&[1.0; 4], &[2.0; 40], "x"), None);
        assert!(median_difference(&[1.0; 5], &[2.0; 5], "x").is_some());
    }

    #[test]
    fn resampled_medians_are_medians_of_the_draws() {
        let mut draws = Vec::new();
        for n in 1..30 {
            let values = sorted(&lognormal(n, 10.0, n as u64));
            let mut check = Rng::new(77 + n as u64);
            let mut replay = Rng::new(77 + n as u64);
            let got = resampled_median(&values, &mut check, &mut draws);
            let picked: Vec<f64> = (0..n).map(|_| values[replay.below(n)]).collect();
            assert_eq!(got, median(&picked), "{n}");
        }
    }
}
