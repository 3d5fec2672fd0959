//! Where the analysis's time goes, natively: each step of [`Analysis::step`] timed on its
//! own (the best of several rounds), summed by [`Phase`] and listed, after the read and
//! the assembly; then the load view's steps ([`Loading::step`]), each a task on the page
//! (docs/performance.md, P1 and P6).
//!
//! `cargo run --release -p tapis-profile --example stages -- FILE.json [ROUNDS] [--steps]`

use std::time::Instant;

use tapis_profile::analysis::{Analysis, Options, Phase};
use tapis_profile::load::Loading;
use tapis_profile::{assemble, read_bytes};

/// Jobs per step, as the page takes them (src/edge/prepare.rs).
const JOBS_PER_STEP: usize = 1_000;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .expect("usage: stages FILE.json [ROUNDS] [--steps]");
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3);
    let list = args.iter().any(|a| a == "--steps");
    let bytes = std::fs::read(path).expect("readable file");
    let t = Instant::now();
    let records = read_bytes(path, &bytes);
    println!("read       {:>8.1} ms", ms(t));
    let t = Instant::now();
    let import = assemble(&[&records]);
    println!("assemble   {:>8.1} ms", ms(t));
    let options = Options::at(None);
    // Each step's phase and its best time over the rounds (the steps are the same in each).
    let mut best: Vec<(Phase, f64)> = Vec::new();
    for round in 0..rounds {
        let mut analysis = Analysis::of(&import, &options);
        let mut k = 0;
        loop {
            let phase = analysis.phase();
            let t = Instant::now();
            let done = analysis.step(JOBS_PER_STEP);
            let took = ms(t);
            if round == 0 {
                best.push((phase, took));
            } else {
                best[k].1 = best[k].1.min(took);
            }
            k += 1;
            if done {
                break;
            }
        }
        if round + 1 < rounds {
            continue;
        }
        let report = analysis.finish();
        load_steps(&report, rounds, list);
    }
    let total: f64 = best.iter().map(|(_, t)| t).sum();
    println!(
        "analyse    {total:>8.1} ms ({} steps, each the best of {rounds})",
        best.len()
    );
    for phase in [Phase::Jobs, Phase::Statistics, Phase::Model, Phase::Judging] {
        let steps: Vec<f64> = best
            .iter()
            .filter(|(p, _)| *p == phase)
            .map(|(_, t)| *t)
            .collect();
        let longest = steps.iter().copied().fold(0.0, f64::max);
        println!(
            "  {:<10} {:>8.1} ms in {:>3} steps, the longest {longest:.1} ms",
            format!("{phase:?}"),
            steps.iter().sum::<f64>(),
            steps.len()
        );
    }
    if list {
        for (i, (phase, t)) in best.iter().enumerate() {
            println!("    step {i:>3} {phase:?} {t:.2} ms");
        }
    }
}

/// The load view's steps on `report`, each the best of `rounds`: their sum and the longest.
fn load_steps(report: &tapis_profile::Report, rounds: usize, list: bool) {
    let mut best: Vec<f64> = Vec::new();
    for round in 0..rounds {
        let mut loading = Loading::new(report.counted());
        let mut k = 0;
        loop {
            let t = Instant::now();
            let done = loading.step();
            let took = ms(t);
            if round == 0 {
                best.push(took);
            } else {
                best[k] = best[k].min(took);
            }
            k += 1;
            if done {
                break;
            }
        }
        drop(loading.finish());
    }
    let longest = best.iter().copied().fold(0.0, f64::max);
    println!(
        "load view  {:>8.1} ms in {:>3} steps, the longest {longest:.1} ms",
        best.iter().sum::<f64>(),
        best.len()
    );
    if list {
        for (i, t) in best.iter().enumerate() {
            println!("    load step {i:>3} {t:.2} ms");
        }
    }
}
