//! The transfer model's fits on a file's transfers, each timed (the best of five): the full
//! fit and its bootstrap apart (docs/performance.md, P1).
//!
//! `cargo run --release -p tapis-profile --example fits -- FILE.json`

use std::time::Instant;

use tapis_profile::analysis::{analyse, Options};
use tapis_profile::transfer_model::{samples, REPLICATES, RESAMPLE_ROWS, SEED};
use tapis_profile::{assemble, fit, read_bytes};

/// `f`'s result and its shortest time (ms) over five runs: the machine is shared.
fn best_of<T>(f: impl Fn() -> T) -> (T, f64) {
    let mut best = f64::INFINITY;
    let mut out = None;
    for _ in 0..5 {
        let t = Instant::now();
        out = Some(f());
        best = best.min(t.elapsed().as_secs_f64() * 1e3);
    }
    (out.expect("ran"), best)
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: fits FILE.json");
    let bytes = std::fs::read(&path).expect("readable file");
    let records = read_bytes(&path, &bytes);
    let import = assemble(&[&records]);
    let report = analyse(&import, &Options::at(None));
    let all = samples(report.jobs.iter());
    // Per direction over all systems, then per system, as the model fits them.
    let mut groups: Vec<(String, Vec<_>)> = Vec::new();
    for s in &all {
        for key in [
            format!("{:?} all systems", s.direction),
            format!("{:?} {:?}", s.direction, s.system),
        ] {
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, rows)) => rows.push(s),
                None => groups.push((key, vec![s])),
            }
        }
    }
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    for (key, rows) in groups {
        let n = rows.len();
        let x: Vec<f64> = rows.iter().flat_map(|s| [1.0, s.files, s.bytes]).collect();
        let y: Vec<f64> = rows.iter().map(|s| s.seconds).collect();
        let (b, full) = best_of(|| fit::lad(&x, &y, 3, None));
        let Some(b) = b else {
            println!("{key:<40} n {n:>6}  full {full:>7.2} ms  no fit");
            continue;
        };
        let (reps, boot) =
            best_of(|| fit::bootstrap(&x, &y, 3, &b, REPLICATES, n.min(RESAMPLE_ROWS), SEED));
        println!(
            "{key:<40} n {n:>6}  full {full:>7.2} ms  bootstrap {boot:>7.2} ms ({} replicates)",
            reps.len()
        );
    }
}
