//! What the transfer model's bootstrap size buys: for each fit of a file's transfers, its
//! 90% ranges drawn again with 30 seeds at each replicate count, and how far their ends
//! move from seed to seed, as a share of the range's width (docs/performance.md, P1: the
//! least the model's ranges cost). The report's ranges use [`REPLICATES`] and one seed.
//!
//! `cargo run --release -p tapis-profile --example replicates -- FILE.json`

use std::time::Instant;

use tapis_profile::analysis::{analyse, Options};
use tapis_profile::transfer_model::{samples, RANGE_LEVEL, REPLICATES, RESAMPLE_ROWS};
use tapis_profile::{assemble, fit, read_bytes};

const COUNTS: [usize; 6] = [25, 50, 100, 200, 400, 1000];
const SEEDS: u64 = 30;
const NAMES: [&str; 3] = ["fixed", "per file", "per byte"];

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

fn sd(v: &[f64]) -> f64 {
    let m = mean(v);
    (v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (v.len() - 1) as f64).sqrt()
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: replicates FILE.json");
    let bytes = std::fs::read(&path).expect("readable file");
    let records = read_bytes(&path, &bytes);
    let import = assemble(&[&records]);
    let report = analyse(&import, &Options::at(None));
    let all = samples(report.jobs.iter());
    // Per direction over all systems, as the model's first fits are.
    let mut directions: Vec<_> = all.iter().map(|s| s.direction).collect();
    directions.sort_by_key(|d| format!("{d:?}"));
    directions.dedup();
    println!(
        "the model's ranges at {REPLICATES} replicates (the report's), against fewer and more"
    );
    println!("spread: seed-to-seed SD of a range's low and high ends ÷ its mean width (30 seeds)");
    for direction in directions {
        let rows: Vec<_> = all.iter().filter(|s| s.direction == direction).collect();
        let n = rows.len();
        let x: Vec<f64> = rows.iter().flat_map(|s| [1.0, s.files, s.bytes]).collect();
        let y: Vec<f64> = rows.iter().map(|s| s.seconds).collect();
        let Some(point) = fit::lad(&x, &y, 3, None) else {
            println!("{direction:?}: {n} transfers, no fit");
            continue;
        };
        let m = n.min(RESAMPLE_ROWS);
        println!("{direction:?}: {n} transfers, resamples of {m}");
        for count in COUNTS {
            let started = Instant::now();
            let mut ends = vec![(Vec::new(), Vec::new()); 3];
            for seed in 1..=SEEDS {
                let reps = fit::bootstrap(&x, &y, 3, &point, count, m, seed);
                for (k, (lows, highs)) in ends.iter_mut().enumerate() {
                    let mut v: Vec<f64> = reps.iter().map(|r| r[k]).collect();
                    let (lo, hi) = fit::interval(&mut v, point[k], RANGE_LEVEL, m, n);
                    lows.push(lo);
                    highs.push(hi);
                }
            }
            let ms = started.elapsed().as_secs_f64() * 1e3 / SEEDS as f64;
            let mut line = format!("  {count:>5} replicates {ms:>7.2} ms a bootstrap:");
            for (k, (lows, highs)) in ends.iter().enumerate() {
                let width: Vec<f64> = lows.iter().zip(highs).map(|(l, h)| h - l).collect();
                let w = mean(&width);
                let spread = if w > 0.0 {
                    sd(lows).max(sd(highs)) / w
                } else {
                    0.0
                };
                line += &format!("  {} {:>5.1} %", NAMES[k], spread * 100.0);
            }
            println!("{line}");
        }
    }
}
