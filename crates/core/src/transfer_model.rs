//! The transfer cost model: copy time ≈ a + b·files + c·bytes, fitted from the
//! loaded jobs' own transfers (their anatomy's copy times), per direction and,
//! where a system has enough transfers of its own, per system.
//!
//! The fit is least absolute deviations ([`crate::fit::lad`]): one wild
//! transfer (a Files outage, a retry) moves it little. Its range is a seeded
//! bootstrap, so the same data always give the same report. With fewer than
//! [`MIN_FIT_TRANSFERS`] transfers three coefficients cannot be told apart, and
//! the model is the simplest defensible one instead: all of the copy time is
//! per-file cost (copy time ÷ files), its range the lowest to the highest
//! transfer's ratio — which overstates what fewer files buy, and says so.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::analysis::anatomy::Direction;
use crate::fit;
use crate::format::format_count;
use crate::job_report::JobReport;
use crate::model::SharedText;

/// Fewer transfers than this: the per-file model. Three coefficients need at
/// least three rows, and a bootstrap resample of fewer than about eight rows
/// repeats rows so often that many resamples cannot tell the columns apart.
pub const MIN_FIT_TRANSFERS: usize = 8;
/// A system gets a fit of its own with at least this many transfers in a
/// direction: ten per coefficient, the usual rule of thumb for a regression.
pub const MIN_SYSTEM_TRANSFERS: usize = 30;
/// Bootstrap resamples per fit.
pub const REPLICATES: usize = 200;
/// Each resample draws at most this many rows (the spread is scaled back to
/// all of them, [`fit::interval`]), so a fit over 50,000 jobs stays quick.
pub const RESAMPLE_ROWS: usize = 200;
/// The range is the bootstrap's central 90%.
pub const RANGE_LEVEL: f64 = 0.9;
/// The bootstrap's seed: fixed, so reports are reproducible.
pub const SEED: u64 = 15;

/// One transfer as a row of the model.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub direction: Direction,
    pub system: Option<SharedText>,
    pub files: f64,
    pub bytes: f64,
    pub seconds: f64,
}

/// The transfers of the counted jobs with files, bytes and copy time known.
pub fn samples<'a>(jobs: impl IntoIterator<Item = &'a JobReport>) -> Vec<Sample> {
    jobs.into_iter()
        .filter(|j| j.counted())
        .flat_map(|j| {
            transfers_of(j).map(|(direction, files, bytes, seconds)| Sample {
                direction,
                system: j.exec_system.clone(),
                files,
                bytes,
                seconds,
            })
        })
        .collect()
}

/// One job's rows of the model, counted or not: each transfer's direction, files,
/// bytes and copy time ([`crate::analysis::anatomy::Anatomy::sample`]), in its visits'
/// order. For a view drawing the model's rows, without a copy of each row's system.
pub fn transfers_of(j: &JobReport) -> impl Iterator<Item = (Direction, f64, f64, f64)> + '_ {
    j.anatomy.iter().filter_map(|a| {
        let (files, bytes, seconds) = a.sample()?;
        Some((a.direction, files, bytes, seconds))
    })
}

/// How a fit was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// a + b·files + c·bytes by least absolute deviations.
    FilesAndBytes,
    /// a + b·files: bytes could not be told apart from files (e.g. every file
    /// the same size).
    Files,
    /// b·files, b = the median transfer's copy time ÷ files: too few transfers.
    PerFile,
}

/// A coefficient and its range.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Estimate {
    pub value: f64,
    pub low: f64,
    pub high: f64,
}

/// One direction's (and perhaps one system's) fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fit {
    pub direction: Direction,
    /// `None`: every system together.
    pub system: Option<String>,
    /// The transfers it rests on.
    pub transfers: usize,
    pub method: Method,
    /// a: seconds per transfer whatever its size.
    pub fixed_seconds: Estimate,
    /// b: seconds per file.
    pub per_file_seconds: Estimate,
    /// c: seconds per byte; `None` when the method has no byte term.
    pub per_byte_seconds: Option<Estimate>,
    /// How it was made, in a sentence.
    pub basis: String,
    /// The bootstrap's coefficients (per-file: each transfer's ratio), for the
    /// ranges of what it predicts; not exported.
    #[serde(skip)]
    pub replicates: Vec<[f64; 3]>,
}

impl Fit {
    /// Predicted copy seconds with coefficients `c`.
    fn predict_with(c: &[f64; 3], files: f64, bytes: f64) -> f64 {
        c[0] + c[1] * files + c[2] * bytes
    }

    fn point(&self) -> [f64; 3] {
        [
            self.fixed_seconds.value,
            self.per_file_seconds.value,
            self.per_byte_seconds.map_or(0.0, |c| c.value),
        ]
    }

    /// Predicted copy seconds of a transfer.
    pub fn predict(&self, files: f64, bytes: f64) -> f64 {
        Self::predict_with(&self.point(), files, bytes)
    }

    /// Milliseconds per file.
    pub fn per_file_ms(&self) -> f64 {
        self.per_file_seconds.value * 1000.0
    }

    /// MB/s (10⁶ bytes) the byte term implies; `None` without a positive one.
    pub fn throughput_mb_per_second(&self) -> Option<f64> {
        self.per_byte_seconds
            .filter(|c| c.value > 0.0)
            .map(|c| 1e-6 / c.value)
    }

    /// `total(coefficients)` at the fit and its range over the replicates:
    /// (point, low, high). `total` adds up whatever the caller predicts with
    /// one set of coefficients, so a sum over jobs gets one range, not a sum
    /// of ranges.
    pub fn range_of(&self, total: impl Fn(&dyn Fn(f64, f64) -> f64) -> f64) -> (f64, f64, f64) {
        let with = |c: [f64; 3]| total(&move |f, b| Self::predict_with(&c, f, b));
        let point = with(self.point());
        let mut values: Vec<f64> = self.replicates.iter().map(|c| with(*c)).collect();
        let (low, high) = match self.method {
            Method::PerFile => {
                let lo = values.iter().copied().fold(point, f64::min);
                let hi = values.iter().copied().fold(point, f64::max);
                (lo, hi)
            }
            _ => {
                let m = self.transfers.min(RESAMPLE_ROWS);
                fit::interval(&mut values, point, RANGE_LEVEL, m, self.transfers)
            }
        };
        (point, low, high)
    }
}

/// Every fit: per direction over all systems, then per system with enough transfers.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TransferModel(pub Vec<Fit>);

impl TransferModel {
    pub fn fit(samples: &[Sample]) -> TransferModel {
        let mut fitting = Fitting::new(samples.to_vec());
        while fitting.step() {}
        fitting.finish()
    }

    /// The fit for a job's transfers: its system's own, else its direction's.
    pub fn for_job(&self, direction: Direction, system: Option<&str>) -> Option<&Fit> {
        let own = system.and_then(|s| {
            self.0
                .iter()
                .find(|f| f.direction == direction && f.system.as_deref() == Some(s))
        });
        own.or_else(|| {
            self.0
                .iter()
                .find(|f| f.direction == direction && f.system.is_none())
        })
    }
}

/// The model's fits one at a time ([`Fitting::step`]): each is a least-absolute-
/// deviations fit and its bootstrap (a few tens of ms on a page), so a page can answer
/// between them (docs/performance.md, P6). Per direction over all systems, then
/// per system with enough transfers, in that order: [`TransferModel::fit`]'s.
pub struct Fitting {
    samples: Vec<Sample>,
    planned: std::vec::IntoIter<(Direction, Option<String>)>,
    /// The fit begun: its rows made distinct, its point not yet found.
    begun: Option<Begun>,
    /// The fit under way: its point found, its bootstrap a part a step.
    resampling: Option<Resampling>,
    fits: Vec<Fit>,
}

impl Fitting {
    pub fn new(samples: Vec<Sample>) -> Fitting {
        let mut planned = Vec::new();
        for direction in Direction::ALL {
            // Each system's rows counted, in the systems' order, in one pass: a handful of
            // systems among ~100,000 rows at 50,000 jobs.
            let mut transfers = 0;
            let mut systems: BTreeMap<&str, usize> = BTreeMap::new();
            for s in samples.iter().filter(|s| s.direction == direction) {
                transfers += 1;
                if let Some(system) = s.system.as_deref() {
                    *systems.entry(system).or_default() += 1;
                }
            }
            if transfers == 0 {
                continue;
            }
            planned.push((direction, None));
            if systems.len() < 2 {
                continue; // one system: its fit is the one above
            }
            for (system, own) in systems {
                if own >= MIN_SYSTEM_TRANSFERS {
                    planned.push((direction, Some(system.to_string())));
                }
            }
        }
        Fitting {
            samples,
            planned: planned.into_iter(),
            begun: None,
            resampling: None,
            fits: Vec::new(),
        }
    }

    /// One more part of a fit: its rows made distinct, its point (with its whole fit when
    /// it has no bootstrap), or [`REPLICATES_PER_STEP`] of its bootstrap. False when none
    /// was left.
    pub fn step(&mut self) -> bool {
        if let Some(resampling) = self.resampling.as_mut() {
            if resampling.bootstrap.step(REPLICATES_PER_STEP) {
                let done = self.resampling.take().expect("under way");
                self.fits.push(done.fit());
            }
            return true;
        }
        let started = if let Some(begun) = self.begun.take() {
            let rows = self.rows(begun.direction, begun.system.as_deref());
            finish_fit(begun.direction, begun.system, &rows, Some(begun.distinct))
        } else {
            let Some((direction, system)) = self.planned.next() else {
                return false;
            };
            let rows = self.rows(direction, system.as_deref());
            start_fit(direction, system, &rows)
        };
        match started {
            Started::Begun(begun) => self.begun = Some(begun),
            Started::Resampling(resampling) => self.resampling = Some(resampling),
            Started::Done(fit) => self.fits.extend(fit),
        }
        true
    }

    /// The samples of a fit: of `direction`, on `system` when it names one.
    fn rows(&self, direction: Direction, system: Option<&str>) -> Vec<&Sample> {
        self.samples
            .iter()
            .filter(|s| {
                s.direction == direction && (system.is_none() || s.system.as_deref() == system)
            })
            .collect()
    }

    /// Steps left to take, at least (a fit not yet begun may need its bootstrap's).
    pub fn left(&self) -> usize {
        self.planned.len()
            + usize::from(self.begun.is_some())
            + usize::from(self.resampling.is_some())
    }

    /// The model: the fits not yet made, then all of them.
    pub fn finish(mut self) -> TransferModel {
        while self.step() {}
        TransferModel(self.fits)
    }
}

/// Bootstrap replicates per [`Fitting::step`]: 200 of 200 rows take ~8 ms natively
/// and ~40 ms on a page, and a fit's point over 50,000 transfers up to ~20 ms
/// natively, so a step stays well under 100 ms on a page.
pub const REPLICATES_PER_STEP: usize = 50;

/// A fit's step: done (no transfers, or too few for a bootstrap), its rows made
/// distinct, or its point found and its bootstrap to run.
enum Started {
    Done(Option<Fit>),
    Begun(Begun),
    Resampling(Resampling),
}

/// A fit whose rows of files and bytes are made distinct (sorted: at 50,000 transfers
/// about half of finding the point, so a step of its own; docs/performance.md, P6).
struct Begun {
    direction: Direction,
    system: Option<String>,
    distinct: fit::Rows,
}

/// A least-absolute-deviations fit whose point is found, its bootstrap under way.
struct Resampling {
    direction: Direction,
    system: Option<String>,
    transfers: usize,
    method: Method,
    point: Vec<f64>,
    bootstrap: fit::Bootstrap,
}

impl Resampling {
    fn fit(self) -> Fit {
        let Resampling {
            direction,
            system,
            transfers: n,
            method,
            point: b,
            bootstrap,
        } = self;
        let replicates: Vec<[f64; 3]> = bootstrap
            .finish()
            .iter()
            .map(|r| [r[0], r[1], r.get(2).copied().unwrap_or(0.0)])
            .collect();
        let (formula, note) = match method {
            Method::FilesAndBytes => ("a + b·files + c·bytes", ""),
            _ => ("a + b·files", " (bytes could not be told apart from files)"),
        };
        Fit {
            basis: format!(
                "{}: copy time = {formula}, least absolute deviations over {} transfers{note}; ranges are a seeded bootstrap's central {:.0}%",
                whose(direction, system.as_deref()),
                format_count(n as u64),
                RANGE_LEVEL * 100.0
            ),
            direction,
            system,
            transfers: n,
            method,
            fixed_seconds: coefficient(&replicates, 0, b[0], n),
            per_file_seconds: coefficient(&replicates, 1, b[1], n),
            per_byte_seconds: (b.len() == 3).then(|| coefficient(&replicates, 2, b[2], n)),
            replicates,
        }
    }
}

/// The fit's subject, as its basis names it.
fn whose(direction: Direction, system: Option<&str>) -> String {
    match system {
        Some(s) => format!("{} on {s}", direction.label()),
        None => direction.label().to_string(),
    }
}

/// A fit's first step: its rows of files and bytes made distinct when there are enough;
/// else the fit, as [`finish_fit`] makes it.
fn start_fit(direction: Direction, system: Option<String>, rows: &[&Sample]) -> Started {
    if rows.is_empty() {
        return Started::Done(None);
    }
    if rows.len() >= MIN_FIT_TRANSFERS {
        if let Some(distinct) = distinct_rows(rows, 3) {
            return Started::Begun(Begun {
                direction,
                system,
                distinct,
            });
        }
    }
    finish_fit(direction, system, rows, None)
}

/// The fit's point by least absolute deviations and its bootstrap: on files and bytes
/// (`first`, those rows made distinct, when they were), else on files alone; with too
/// few transfers, or none that separate the terms, per-file cost only.
fn finish_fit(
    direction: Direction,
    system: Option<String>,
    rows: &[&Sample],
    first: Option<fit::Rows>,
) -> Started {
    let n = rows.len();
    if n >= MIN_FIT_TRANSFERS {
        let resample = |distinct: fit::Rows| {
            let point = distinct.lad(None)?;
            let bootstrap =
                fit::Bootstrap::new(distinct, &point, REPLICATES, n.min(RESAMPLE_ROWS), SEED);
            Some((point, bootstrap))
        };
        let fitted = first
            .and_then(resample)
            .map(|f| (f, Method::FilesAndBytes))
            .or_else(|| {
                distinct_rows(rows, 2)
                    .and_then(resample)
                    .map(|f| (f, Method::Files))
            });
        if let Some(((point, bootstrap), method)) = fitted {
            return Started::Resampling(Resampling {
                direction,
                system,
                transfers: n,
                method,
                point,
                bootstrap,
            });
        }
    }
    Started::Done(Some(per_file_fit(direction, system, rows)))
}

/// The rows' first `p` terms (1, files, bytes) against their copy times, made distinct.
fn distinct_rows(rows: &[&Sample], p: usize) -> Option<fit::Rows> {
    let y: Vec<f64> = rows.iter().map(|s| s.seconds).collect();
    let mut x = Vec::with_capacity(rows.len() * p);
    for s in rows {
        x.extend_from_slice(&[1.0, s.files, s.bytes][..p]);
    }
    fit::Rows::of(&x, &y, p)
}

/// Too few transfers (or none that separate the terms): per-file cost only.
fn per_file_fit(direction: Direction, system: Option<String>, rows: &[&Sample]) -> Fit {
    let n = rows.len();
    let ratios: Vec<f64> = rows.iter().map(|s| s.seconds / s.files).collect();
    let b = crate::stats::median(&ratios);
    let lo = ratios.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = ratios.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let range = if n == 1 {
        "one transfer gives no range".to_string()
    } else {
        "its range is the lowest to the highest transfer's".to_string()
    };
    Fit {
        basis: format!(
            "{}: only {} (fewer than {MIN_FIT_TRANSFERS} cannot separate a fixed, a per-file and a per-byte cost), so all copy time counts as per-file cost = copy time ÷ files (median), which overstates what fewer files save; {range}",
            whose(direction, system.as_deref()),
            crate::format::count(n, "transfer")
        ),
        direction,
        system,
        transfers: n,
        method: Method::PerFile,
        fixed_seconds: Estimate {
            value: 0.0,
            low: 0.0,
            high: 0.0,
        },
        per_file_seconds: Estimate {
            value: b,
            low: lo,
            high: hi,
        },
        per_byte_seconds: None,
        replicates: ratios.iter().map(|r| [0.0, *r, 0.0]).collect(),
    }
}

fn coefficient(replicates: &[[f64; 3]], k: usize, value: f64, n: usize) -> Estimate {
    let mut v: Vec<f64> = replicates.iter().map(|r| r[k]).collect();
    let (low, high) = fit::interval(&mut v, value, RANGE_LEVEL, n.min(RESAMPLE_ROWS), n);
    Estimate { value, low, high }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    /// `n` transfers of known a, b, c (noise: ± half of `noise` of the time).
    fn constructed(n: usize, abc: [f64; 3], noise: f64, seed: u64) -> Vec<Sample> {
        let mut rng = Rng::new(seed);
        (0..n)
            .map(|i| {
                let files = 1.0 + rng.lognormal(300.0, 1.5).round();
                let bytes = files * rng.lognormal(100_000.0, 1.5);
                let t = abc[0] + abc[1] * files + abc[2] * bytes;
                Sample {
                    direction: if i % 4 == 0 {
                        Direction::Out
                    } else {
                        Direction::In
                    },
                    system: Some("stampede3".into()),
                    files,
                    bytes,
                    seconds: t * (1.0 + noise * (rng.unit() - 0.5)),
                }
            })
            .collect()
    }

    fn input_fit(m: &TransferModel) -> &Fit {
        m.for_job(Direction::In, Some("stampede3")).unwrap()
    }

    #[test]
    fn known_coefficients_are_recovered() {
        let abc = [4.0, 0.03, 2e-8];
        let m = TransferModel::fit(&constructed(80, abc, 0.0, 1));
        let f = input_fit(&m);
        assert_eq!(
            (f.method, f.transfers, f.system.as_deref()),
            (Method::FilesAndBytes, 60, None)
        );
        assert!((f.fixed_seconds.value - 4.0).abs() < 1e-6, "{f:?}");
        assert!((f.per_file_seconds.value - 0.03).abs() < 1e-9);
        assert!((f.per_byte_seconds.unwrap().value - 2e-8).abs() < 1e-14);
        assert!((f.per_file_ms() - 30.0).abs() < 1e-6);
        assert!((f.throughput_mb_per_second().unwrap() - 50.0).abs() < 1e-4);
        // The other direction is fitted on its own.
        let out = m.for_job(Direction::Out, None).unwrap();
        assert_eq!(out.transfers, 20);
    }

    /// Bytes a fixed multiple of files cannot be told apart from them: the fit falls back
    /// to files alone, in the same steps as any other (rows made distinct, point, bootstrap).
    #[test]
    fn bytes_in_step_with_files_are_fitted_on_files_alone() {
        let mut s = constructed(80, [0.0; 3], 0.0, 4);
        for x in &mut s {
            x.bytes = 1_000.0 * x.files;
            x.seconds = 4.0 + 0.03 * x.files;
        }
        let m = TransferModel::fit(&s);
        let f = input_fit(&m);
        assert_eq!((f.method, f.transfers), (Method::Files, 60), "{f:?}");
        assert!((f.fixed_seconds.value - 4.0).abs() < 1e-6, "{f:?}");
        assert!((f.per_file_seconds.value - 0.03).abs() < 1e-9, "{f:?}");
        assert!(f.per_byte_seconds.is_none());
        assert!(
            f.basis.contains("bytes could not be told apart from files"),
            "{}",
            f.basis
        );
        let mut fitting = Fitting::new(s.clone());
        let mut steps = 0;
        while fitting.step() {
            steps += 1;
        }
        assert_eq!(fitting.finish(), m);
        let parts = REPLICATES.div_ceil(REPLICATES_PER_STEP);
        assert_eq!(steps, 2 * (2 + parts), "both directions fitted in steps");
    }

    #[test]
    fn one_wild_transfer_moves_the_fit_little() {
        let abc = [4.0, 0.03, 2e-8];
        let mut s = constructed(60, abc, 0.1, 2);
        let calm = input_fit(&TransferModel::fit(&s)).per_file_seconds.value;
        s[1].seconds *= 50.0; // a Files outage
        let wild = input_fit(&TransferModel::fit(&s)).per_file_seconds.value;
        assert!((wild - calm).abs() < 0.05 * calm, "{calm} → {wild}");
        assert!((wild - 0.03).abs() < 0.1 * 0.03, "{wild}");
    }

    #[test]
    fn ranges_shrink_with_more_data_and_are_reproducible() {
        let abc = [4.0, 0.03, 2e-8];
        let width = |n: usize| {
            let f = TransferModel::fit(&constructed(n, abc, 0.4, 3));
            let b = input_fit(&f).per_file_seconds;
            assert!(b.low <= b.value && b.value <= b.high);
            b.high - b.low
        };
        let (few, many) = (width(24), width(400));
        assert!(many < few / 2.0, "{few} → {many}");
        let s = constructed(40, abc, 0.4, 4);
        assert_eq!(TransferModel::fit(&s), TransferModel::fit(&s), "seeded");
    }

    #[test]
    fn one_transfer_is_a_per_file_cost_without_a_range() {
        let s = vec![Sample {
            direction: Direction::In,
            system: None,
            files: 15.0,
            bytes: 1e6,
            seconds: 658.0,
        }];
        let m = TransferModel::fit(&s);
        let f = m.for_job(Direction::In, None).unwrap();
        assert_eq!(f.method, Method::PerFile);
        assert!((f.per_file_seconds.value - 658.0 / 15.0).abs() < 1e-9);
        assert_eq!(f.per_file_seconds.low, f.per_file_seconds.high);
        assert!(
            f.basis.contains("only 1 transfer") && f.basis.contains("no range"),
            "{}",
            f.basis
        );
        assert_eq!(
            f.range_of(|p| p(15.0, 1e6) - p(1.0, 1e6)).0,
            658.0 - 658.0 / 15.0
        );
        assert!(
            m.for_job(Direction::Out, None).is_none(),
            "no transfer, no fit"
        );
        // Two transfers: the range runs from one's ratio to the other's.
        let mut two = s.clone();
        two.push(Sample {
            files: 10.0,
            seconds: 100.0,
            ..s[0].clone()
        });
        let m = TransferModel::fit(&two);
        let b = m.for_job(Direction::In, None).unwrap().per_file_seconds;
        assert_eq!((b.low, b.high), (10.0, 658.0 / 15.0));
    }

    #[test]
    fn a_busy_system_gets_its_own_fit() {
        let mut s = constructed(200, [4.0, 0.03, 2e-8], 0.1, 5);
        for x in s.iter_mut().skip(100) {
            x.system = Some("frontera".into());
            x.seconds *= 2.0;
        }
        let m = TransferModel::fit(&s);
        let all = m.for_job(Direction::In, Some("ls6")).unwrap();
        assert_eq!(
            all.system, None,
            "a system without its own fit uses the direction's"
        );
        let fr = m.for_job(Direction::In, Some("frontera")).unwrap();
        let st = m.for_job(Direction::In, Some("stampede3")).unwrap();
        assert_eq!(fr.system.as_deref(), Some("frontera"));
        assert!(fr.per_file_seconds.value > 1.5 * st.per_file_seconds.value);
    }
}
