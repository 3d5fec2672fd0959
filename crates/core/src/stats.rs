//! Robust statistics for durations across jobs: medians and P90 rather than
//! means (one stuck job drags a mean), and median/MAD outlier scores.

use serde::{Deserialize, Serialize};

use crate::sort::{from_total_order_key, total_order_key};

/// Count, sum, min, median, P90 and max of a set of values (seconds).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub count: usize,
    pub sum: f64,
    pub min: f64,
    pub median: f64,
    pub p90: f64,
    pub max: f64,
}

/// `None` for no values; non-finite values are ignored.
pub fn summarize(values: &[f64]) -> Option<Summary> {
    summarize_each(values.iter().copied())
}

/// [`summarize`] of the values as they come, gathered once, as sort keys: neither a list
/// of the values before nor one of the sorted values after (the two were 15 of the 37 MB
/// the statistics allocated at 10,000 jobs, docs/performance.md, P1).
pub fn summarize_each(values: impl Iterator<Item = f64>) -> Option<Summary> {
    // Sorted as `total_cmp` sorts them, by integer keys (the quicker sort). Unstable
    // is enough: values equal under `total_cmp` are the same bits.
    let mut keys: Vec<u64> = Vec::with_capacity(values.size_hint().1.unwrap_or(0));
    keys.extend(values.filter(|x| x.is_finite()).map(total_order_key));
    summarize_keys(keys)
}

/// The summary of the values whose [`total_order_key`]s these are: one copy of the
/// sort and the rest for every kind of iterator [`summarize_each`] reads.
fn summarize_keys(mut keys: Vec<u64>) -> Option<Summary> {
    keys.sort_unstable();
    summarize_sorted_keys(&keys)
}

/// The summary of values whose sort keys these are, already in order (what
/// `summarize_each` gives once it has sorted them).
pub fn summarize_sorted_keys(keys: &[u64]) -> Option<Summary> {
    if keys.is_empty() {
        return None;
    }
    let n = keys.len();
    let at = |i: usize| from_total_order_key(keys[i]);
    Some(Summary {
        count: n,
        sum: keys.iter().map(|&k| from_total_order_key(k)).sum(),
        min: at(0),
        median: quantile_of(n, 0.5, at),
        p90: quantile_of(n, 0.9, at),
        max: at(n - 1),
    })
}

/// The `q` quantile (0–1) of sorted values, interpolated linearly between ranks
/// (the usual "type 7" definition, as numpy and R compute it by default).
pub fn quantile_sorted(sorted: &[f64], q: f64) -> f64 {
    quantile_of(sorted.len(), q, |i| sorted[i])
}

/// [`quantile_sorted`] of `n` sorted values, the `i`th given by `at(i)` (the
/// median of values already in order, without gathering them: `q` = 0.5).
pub fn quantile_of(n: usize, q: f64, at: impl Fn(usize) -> f64) -> f64 {
    match n {
        0 => f64::NAN,
        1 => at(0),
        n => {
            let rank = q.clamp(0.0, 1.0) * (n - 1) as f64;
            let lo = rank.floor() as usize;
            let hi = rank.ceil() as usize;
            at(lo) + (at(hi) - at(lo)) * (rank - lo as f64)
        }
    }
}

/// The median, as [`quantile_sorted`] computes it, in linear time: only the
/// middle one or two values are put in place, not the whole list sorted.
pub fn median(values: &[f64]) -> f64 {
    let mut v: Vec<f64> = values.to_vec();
    let n = v.len();
    if n < 2 {
        return quantile_sorted(&v, 0.5);
    }
    let (below, &mut hi, _) = v.select_nth_unstable_by(n / 2, f64::total_cmp);
    let lo = if n % 2 == 1 {
        hi
    } else {
        below.iter().copied().max_by(f64::total_cmp).unwrap_or(hi)
    };
    lo + (hi - lo) * 0.5
}

/// `part` over `whole`, 0 when there is no whole (a share of nothing is none of it).
pub fn share(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        part / whole
    } else {
        0.0
    }
}

/// Median absolute deviation from `center`.
pub fn mad(values: &[f64], center: f64) -> f64 {
    let deviations: Vec<f64> = values.iter().map(|v| (v - center).abs()).collect();
    median(&deviations)
}

/// [`mad`] of `n` sorted (finite) values, the `k`th given by `at(k)`, from their
/// median `m`, without gathering the distances: they are taken in order, walking
/// down from `m` and up from it at once, as far as the middle one or two.
pub fn mad_of_sorted(n: usize, at: impl Fn(usize) -> f64, m: f64) -> f64 {
    let split = (0..n).position(|k| at(k) >= m).unwrap_or(n);
    let (mut down, mut up) = (split, split);
    let mut last = [0.0; 2];
    for _ in 0..n / 2 + 1 {
        let below = if down > 0 {
            (at(down - 1) - m).abs()
        } else {
            f64::INFINITY
        };
        let above = if up < n {
            (at(up) - m).abs()
        } else {
            f64::INFINITY
        };
        let d = if below < above {
            down -= 1;
            below
        } else {
            up += 1;
            above
        };
        last = [last[1], d];
    }
    let (lo, hi) = if n % 2 == 1 {
        (last[1], last[1])
    } else {
        (last[0], last[1])
    };
    lo + (hi - lo) * 0.5
}

/// The modified z-score of Iglewicz and Hoaglin: 0.6745 (x − median) / MAD.
/// Above 3.5 is the usual outlier cut. `None` when the MAD is 0 (half the group
/// is identical: no scale to judge by).
pub fn robust_z(x: f64, median: f64, mad: f64) -> Option<f64> {
    (mad > 0.0).then(|| 0.6745 * (x - median) / mad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_of_a_small_set() {
        let s = summarize(&[4.0, 1.0, 3.0, 2.0, 10.0]).unwrap();
        assert_eq!(
            (s.count, s.sum, s.min, s.median, s.max),
            (5, 20.0, 1.0, 3.0, 10.0)
        );
        assert!((s.p90 - 7.6).abs() < 1e-9, "{}", s.p90);
        assert_eq!(summarize(&[]), None);
        assert_eq!(summarize(&[f64::NAN]), None);
    }

    #[test]
    fn median_agrees_with_the_sorted_quantile() {
        let mut rng = crate::rng::Rng::new(5);
        for n in 0..40 {
            let v: Vec<f64> = (0..n).map(|_| (rng.below(7) as f64) * 1.5 - 3.0).collect();
            let mut sorted = v.clone();
            sorted.sort_by(f64::total_cmp);
            let (a, b) = (median(&v), quantile_sorted(&sorted, 0.5));
            assert!(a == b || (a.is_nan() && b.is_nan()), "{v:?}: {a} vs {b}");
        }
    }

    #[test]
    fn mad_and_robust_z() {
        let v = [1.0, 2.0, 3.0, 4.0, 100.0];
        let m = median(&v);
        assert_eq!(m, 3.0);
        assert_eq!(mad(&v, m), 1.0);
        assert!(robust_z(100.0, m, 1.0).unwrap() > 3.5);
        assert_eq!(robust_z(5.0, 3.0, 0.0), None);
    }
}
