//! A logarithmic time axis for distributions: durations across jobs span
//! seconds to days, and a linear axis would squash all but the longest.

use crate::model::words::format_duration;

/// Round durations the axis may mark, in seconds.
const TICKS: [f64; 11] = [
    0.1,
    1.0,
    10.0,
    60.0,
    600.0,
    3_600.0,
    36_000.0,
    86_400.0,
    864_000.0,
    8_640_000.0,
    86_400_000.0,
];

/// From `lo` to `hi` seconds (both round values from the tick list), log-spaced.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogScale {
    pub lo: f64,
    pub hi: f64,
}

impl LogScale {
    /// The narrowest scale from round values that holds every positive value;
    /// zeros and negatives are drawn at the low end.
    pub fn covering(values: impl IntoIterator<Item = f64>) -> LogScale {
        let (mut min, mut max) = (f64::INFINITY, 0.0_f64);
        for v in values.into_iter().filter(|v| v.is_finite() && *v > 0.0) {
            min = min.min(v);
            max = max.max(v);
        }
        if !(min.is_finite() && max > 0.0) {
            return LogScale { lo: 1.0, hi: 60.0 };
        }
        let lo = TICKS
            .iter()
            .rev()
            .copied()
            .find(|t| *t <= min)
            .unwrap_or(TICKS[0]);
        let hi = TICKS
            .iter()
            .copied()
            .find(|t| *t >= max && *t > lo)
            .unwrap_or(TICKS[TICKS.len() - 1]);
        LogScale { lo, hi }
    }

    /// Where `seconds` falls, 0 (left) to 1 (right), clamped.
    pub fn at(&self, seconds: f64) -> f64 {
        if seconds.is_nan() || seconds <= self.lo {
            return 0.0;
        }
        ((seconds.ln() - self.lo.ln()) / (self.hi.ln() - self.lo.ln())).clamp(0.0, 1.0)
    }

    /// The round values inside the scale, each with its position and label.
    pub fn ticks(&self) -> Vec<(f64, String)> {
        TICKS
            .iter()
            .filter(|t| **t >= self.lo && **t <= self.hi)
            .map(|t| (self.at(*t), label(*t)))
            .collect()
    }
}

fn label(seconds: f64) -> String {
    if seconds < 1.0 {
        format!("{seconds} s")
    } else {
        format_duration(seconds).replace(".0 s", " s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_the_values_with_round_ends() {
        let s = LogScale::covering([0.0, 2.2, 215.1, 46.4]);
        assert_eq!((s.lo, s.hi), (1.0, 600.0));
        assert_eq!(s.at(1.0), 0.0);
        assert_eq!(s.at(600.0), 1.0);
        assert_eq!(s.at(0.0), 0.0, "zero sits at the low end");
        assert!((s.at(60.0) - (60f64.ln() / 600f64.ln())).abs() < 1e-12);
        let labels: Vec<String> = s.ticks().into_iter().map(|(_, l)| l).collect();
        assert_eq!(labels, ["1 s", "10 s", "1 min", "10 min"]);
    }

    #[test]
    fn days_and_tiny_values_and_nothing() {
        let s = LogScale::covering([0.05, 3.0 * 86_400.0]);
        assert_eq!((s.lo, s.hi), (0.1, 864_000.0));
        assert_eq!(s.ticks().last().unwrap().1, "10 d");
        assert_eq!(s.ticks()[0].1, "0.1 s");
        let empty = LogScale::covering([]);
        assert!(empty.lo < empty.hi);
        let one = LogScale::covering([60.0]);
        assert!(one.lo < one.hi, "{one:?}");
        assert!(s.ticks().windows(2).all(|w| w[0].0 < w[1].0));
    }
}
