//! The Data movement view's scatter: a dot per transfer the cost model rests
//! on (files against copy time, both on log axes), and each direction's fitted
//! line. The points are the core's own model rows (`transfer_model::transfers_of`),
//! so the dots are exactly the transfers the report's fit counts. Transfers of
//! one direction that would be drawn on the same spot share one dot (it counts
//! them and selects all their jobs): 18,961 transfers of 10,000 jobs were as
//! many SVG elements, 87 % of the page's, for dots hidden under each other.

use tapis_profile::analysis::anatomy::Direction;
use tapis_profile::fast_hash::FastMap;
use tapis_profile::report::Report;
use tapis_profile::transfer_model::transfers_of;

/// Plot size in SVG units (it scales to the width it is given).
pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 320.0;
/// Room for the axes' labels.
pub const LEFT: f64 = 64.0;
pub const BOTTOM: f64 = 36.0;
pub const TOP: f64 = 24.0;
pub const RIGHT: f64 = 28.0;

/// Decades from `lo` to `hi` (powers of ten).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decades {
    pub lo: i32,
    pub hi: i32,
}

impl Decades {
    fn covering(values: impl Iterator<Item = f64>) -> Decades {
        let (mut min, mut max) = (f64::INFINITY, 0.0_f64);
        for v in values.filter(|v| v.is_finite() && *v > 0.0) {
            min = min.min(v);
            max = max.max(v);
        }
        if !(min.is_finite() && max > 0.0) {
            return Decades { lo: 0, hi: 1 };
        }
        let lo = min.log10().floor() as i32;
        Decades {
            lo,
            hi: (max.log10().ceil() as i32).max(lo + 1),
        }
    }

    /// Where `v` falls, 0–1 (held inside).
    pub fn at(self, v: f64) -> f64 {
        let l = v.max(f64::MIN_POSITIVE).log10();
        ((l - self.lo as f64) / (self.hi - self.lo) as f64).clamp(0.0, 1.0)
    }

    pub fn ticks(self) -> impl Iterator<Item = f64> {
        (self.lo..=self.hi).map(|e| 10f64.powi(e))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dot {
    /// The job of the first transfer drawn here (its index in the report's jobs).
    pub job: usize,
    /// The jobs of the other transfers drawn on the same spot (indices, as `job`): their
    /// UUIDs are looked up when a dot is picked, not copied for tens of thousands of dots.
    pub more: Vec<usize>,
    pub direction: Direction,
    pub files: f64,
    pub bytes: f64,
    pub seconds: f64,
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub direction: Direction,
    /// Bytes per file the line is drawn at: the direction's median.
    pub bytes_per_file: f64,
    pub points: Vec<(f64, f64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scatter {
    pub files: Decades,
    pub seconds: Decades,
    pub dots: Vec<Dot>,
    pub lines: Vec<Line>,
}

/// The most dots drawn: the spots shared grow until the dots are this few.
pub const MAX_DOTS: usize = 1_500;
/// Transfers closer than this (SVG units, in both directions) share a dot at
/// first: the dot's radius, so a dot hides nothing it stands for.
const SPOT: f64 = 4.0;

impl Dot {
    /// A place holder for a dot moved out.
    const EMPTY: Dot = Dot {
        job: 0,
        more: Vec::new(),
        direction: Direction::In,
        files: 0.0,
        bytes: 0.0,
        seconds: 0.0,
        x: 0.0,
        y: 0.0,
    };

    /// Transfers it stands for.
    pub fn transfers(&self) -> usize {
        1 + self.more.len()
    }
}

impl Scatter {
    pub fn x(&self, files: f64) -> f64 {
        LEFT + self.files.at(files) * (WIDTH - LEFT - RIGHT)
    }

    pub fn y(&self, seconds: f64) -> f64 {
        HEIGHT - BOTTOM - self.seconds.at(seconds) * (HEIGHT - BOTTOM - TOP)
    }

    /// The scatter of the report's transfers: [`Scatter::placed`], then
    /// [`Placed::finish`].
    pub fn of(report: &Report) -> Scatter {
        Scatter::placed(report).finish(report)
    }

    /// Its first half: a dot per transfer of the counted jobs, placed on axes covering
    /// them all (at 50,000 jobs the two halves were ~12 ms natively and ~55 ms of one task
    /// on the page; docs/performance.md, P6).
    pub fn placed(report: &Report) -> Placed {
        // A dot per row of the counted jobs (about two a job: room made once), placed once
        // the axes are known.
        let mut dots = Vec::with_capacity(2 * report.jobs.len());
        for (job, j) in report.jobs.iter().enumerate().filter(|(_, j)| j.counted()) {
            dots.extend(
                transfers_of(j).map(|(direction, files, bytes, seconds)| Dot {
                    job,
                    more: Vec::new(),
                    direction,
                    files,
                    bytes,
                    seconds,
                    x: 0.0,
                    y: 0.0,
                }),
            );
        }
        let files = Decades::covering(dots.iter().map(|d| d.files));
        let seconds = Decades::covering(dots.iter().map(|d| d.seconds));
        let scatter = Scatter {
            files,
            seconds,
            dots: Vec::new(),
            lines: Vec::new(),
        };
        for d in &mut dots {
            (d.x, d.y) = (scatter.x(d.files), scatter.y(d.seconds));
        }
        Placed { scatter, dots }
    }
}

/// A [`Scatter`] whose dots are placed, one per transfer, not yet sharing spots.
pub struct Placed {
    scatter: Scatter,
    dots: Vec<Dot>,
}

impl Placed {
    /// The scatter: the dots on one spot merged, each direction's fit drawn as a line at
    /// its median bytes per file (`report` is the one the dots were placed from).
    pub fn finish(self, report: &Report) -> Scatter {
        let Placed { mut scatter, dots } = self;
        let (files, seconds) = (scatter.files, scatter.seconds);
        let per_file = |direction: Direction| -> Vec<f64> {
            let of_direction = dots.iter().filter(|d| d.direction == direction);
            of_direction.map(|d| d.bytes / d.files).collect()
        };
        let per_file = Direction::ALL.map(per_file);
        scatter.dots = share_spots(dots);
        for (d, per_file) in Direction::ALL.into_iter().zip(per_file) {
            let Some(fit) = report.data_movement.model.for_job(d, None) else {
                continue;
            };
            let bytes_per_file = tapis_profile::stats::median(&per_file);
            let n = 48;
            let points = (0..=n)
                .map(|i| {
                    let e = files.lo as f64 + (files.hi - files.lo) as f64 * i as f64 / n as f64;
                    let f = 10f64.powf(e);
                    (f, fit.predict(f, f * bytes_per_file))
                })
                // Drawn only inside the plot: clamped, it would run flat along an edge.
                .filter(|(_, t)| *t >= 10f64.powi(seconds.lo) && *t <= 10f64.powi(seconds.hi))
                .map(|(f, t)| (scatter.x(f), scatter.y(t)))
                .collect();
            scatter.lines.push(Line {
                direction: d,
                bytes_per_file,
                points,
            });
        }
        scatter
    }
}

/// Dots of one direction on the same spot (a square of [`SPOT`], doubled until
/// at most [`MAX_DOTS`] are left) merged into the first of them, in order.
fn share_spots(mut dots: Vec<Dot>) -> Vec<Dot> {
    let mut spot = SPOT;
    // Each dot's first dot on its spot, by position; the dots are moved only once it holds.
    let mut first: Vec<usize> = Vec::with_capacity(dots.len());
    loop {
        first.clear();
        let mut at: FastMap<(Direction, i64, i64), usize> = FastMap::default();
        for (i, d) in dots.iter().enumerate() {
            let key = (d.direction, (d.x / spot) as i64, (d.y / spot) as i64);
            first.push(*at.entry(key).or_insert(i));
        }
        if at.len() <= MAX_DOTS || spot >= WIDTH {
            break;
        }
        spot *= 2.0;
    }
    let mut slot = vec![usize::MAX; dots.len()];
    let mut merged: Vec<Dot> = Vec::new();
    for (i, &f) in first.iter().enumerate() {
        if f == i {
            slot[i] = merged.len();
            merged.push(std::mem::replace(&mut dots[i], Dot::EMPTY));
        } else {
            let job = dots[i].job;
            merged[slot[f]].more.push(job);
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use tapis_profile::analysis::{analyse, Options};
    use tapis_profile::{assemble, read_input};

    fn fixture() -> Report {
        let name = "source-ds-history-4dfa35e1-finished-2025.reconstructed.json";
        let text = std::fs::read_to_string(format!(
            "{}/fixtures/tapis/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        analyse(&assemble(&[read_input(name, &text)]), &Options::default())
    }

    #[test]
    fn every_transfer_the_model_rests_on_is_a_dot_on_log_axes() {
        let r = fixture();
        let s = Scatter::of(&r);
        let n: usize = r
            .data_movement
            .model
            .0
            .iter()
            .filter(|f| f.system.is_none())
            .map(|f| f.transfers)
            .sum();
        assert_eq!(s.dots.len(), n);
        assert_eq!(s.dots.len(), 2);
        // 112 and 5,069 files: 10² to 10⁴; 27 s and 172 s: 10¹ to 10³.
        assert_eq!(s.files, Decades { lo: 2, hi: 4 });
        assert_eq!(s.seconds, Decades { lo: 1, hi: 3 });
        let out = s
            .dots
            .iter()
            .find(|d| d.direction == Direction::Out)
            .unwrap();
        assert_eq!(out.files, 5069.0);
        assert!((out.x - s.x(5069.0)).abs() < 1e-9 && out.x > LEFT && out.x < WIDTH);
        // The per-file line passes through its one transfer.
        let line = s
            .lines
            .iter()
            .find(|l| l.direction == Direction::Out)
            .unwrap();
        assert!(line.points.len() > 10);
        let fit = r.data_movement.model.for_job(Direction::Out, None).unwrap();
        assert!((fit.predict(5069.0, 0.0) - out.seconds).abs() < 1e-9);
    }

    #[test]
    fn decades_hold_their_values() {
        let d = Decades::covering([3.0, 250.0].into_iter());
        assert_eq!(d, Decades { lo: 0, hi: 3 });
        assert_eq!(d.at(1.0), 0.0);
        assert_eq!(d.at(1000.0), 1.0);
        assert_eq!(
            d.ticks().collect::<Vec<_>>(),
            vec![1.0, 10.0, 100.0, 1000.0]
        );
        assert_eq!(
            Decades::covering(std::iter::empty()),
            Decades { lo: 0, hi: 1 }
        );
    }

    #[test]
    fn transfers_on_one_spot_share_a_dot_and_none_is_lost() {
        let dot = |job: usize, direction, x: f64, y: f64| Dot {
            job,
            more: Vec::new(),
            direction,
            files: 1.0,
            bytes: 1.0,
            seconds: 1.0,
            x,
            y,
        };
        let dots = vec![
            dot(0, Direction::In, 100.0, 100.0),
            dot(1, Direction::In, 101.0, 102.0),
            dot(2, Direction::Out, 101.0, 102.0),
            dot(3, Direction::In, 140.0, 100.0),
        ];
        let merged = share_spots(dots);
        assert_eq!(merged.len(), 3);
        assert_eq!(merged[0].more, vec![1]);
        assert_eq!((merged[1].job, merged[2].job), (2, 3));
        // Thousands spread over the plot: at most MAX_DOTS, every transfer counted.
        let many: Vec<Dot> = (0..20_000)
            .map(|i| {
                let (x, y) = ((i * 7919 % 560) as f64, (i * 104_729 % 260) as f64);
                dot(i, Direction::ALL[i % 2], LEFT + x, TOP + y)
            })
            .collect();
        let merged = share_spots(many);
        assert!(merged.len() <= MAX_DOTS, "{}", merged.len());
        assert_eq!(merged.iter().map(Dot::transfers).sum::<usize>(), 20_000);
        // Every transfer once, each in the dot of the first transfer on its spot.
        let mut jobs: Vec<usize> = merged
            .iter()
            .flat_map(|d| std::iter::once(d.job).chain(d.more.iter().copied()))
            .collect();
        assert!(merged.iter().all(|d| d.more.iter().all(|&m| m > d.job)));
        jobs.sort_unstable();
        assert_eq!(jobs, (0..20_000).collect::<Vec<_>>());
    }
}
