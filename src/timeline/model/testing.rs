//! Test helpers: a small seeded generator for property tests (no dependency,
//! reproducible failures) and synthetic rows shaped like real Tapis jobs.

use tapis_profile::JobState;

use super::rows::{Span, TimelineRow};

/// SplitMix64: tiny, fast, and good enough to explore inputs.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[lo, hi)`.
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        let unit = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        lo + (hi - lo) * unit
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

/// The states a Tapis job passes through, in order.
pub const LIFECYCLE: &[JobState] = JobState::LIFECYCLE;

/// `n` jobs submitted over about a day, each through the lifecycle with
/// durations from a tenth of a second to hours, some still running.
pub fn synthetic_rows(rng: &mut Rng, n: usize) -> Vec<TimelineRow> {
    (0..n)
        .map(|i| {
            let mut t = 1.746e9 + rng.range(0.0, 86_400.0);
            let submitted = t;
            let open_at = if rng.below(10) == 0 {
                rng.below(LIFECYCLE.len() as u64) as usize
            } else {
                usize::MAX
            };
            let mut spans = Vec::new();
            for (k, state) in LIFECYCLE.iter().enumerate() {
                let seconds = 10f64.powf(rng.range(-1.0, 4.0));
                spans.push(Span {
                    phase: None,
                    state: state.clone(),
                    start: t,
                    end: t + seconds,
                    open: k == open_at,
                });
                t += seconds;
                if k == open_at {
                    break;
                }
            }
            TimelineRow::new(format!("j{i}"), format!("job {i}"), Some(submitted), spans)
        })
        .collect()
}
