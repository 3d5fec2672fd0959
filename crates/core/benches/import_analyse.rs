//! Import + analysis throughput at 1k and 10k synthetic jobs, against
//! `serde_json::from_str::<serde_json::Value>` of the same bytes in the same run
//! (the nearest native stand-in for the browser's `JSON.parse`).
//!
//! `cargo bench -p tapis-profile` (release build). Two shapes: the bundle the
//! app exports and `tapis-profile synth` writes, and Tapis history responses
//! (one envelope per job, `description` as a JSON string) — what the app holds
//! after fetching histories. Each timing is the median of repeated runs.

use std::hint::black_box;
use std::time::{Duration, Instant};

use tapis_profile::analysis::{analyse, Options};
use tapis_profile::synthetic::{generate, to_history_envelopes, Config};
use tapis_profile::{assemble, read_input, to_bundle};

/// Median of repeated runs: at least `MIN_RUNS`, until `MIN_TIME` has passed.
fn time<T>(mut f: impl FnMut() -> T) -> Duration {
    const MIN_RUNS: usize = 5;
    const MIN_TIME: Duration = Duration::from_millis(1500);
    black_box(f()); // warm-up
    let mut runs = Vec::new();
    let start = Instant::now();
    while runs.len() < MIN_RUNS || start.elapsed() < MIN_TIME {
        let t = Instant::now();
        black_box(f());
        runs.push(t.elapsed());
        if runs.len() >= 200 {
            break;
        }
    }
    runs.sort();
    runs[runs.len() / 2]
}

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

fn main() {
    println!(
        "{:<8} {:<8} {:>9} {:>12} {:>12} {:>12} {:>14} {:>8} {:>8}",
        "jobs",
        "shape",
        "MB",
        "Value parse",
        "import",
        "import+anal.",
        "import+anal.",
        "import/",
        "total/"
    );
    println!(
        "{:<8} {:<8} {:>9} {:>12} {:>12} {:>12} {:>14} {:>8} {:>8}",
        "", "", "", "MB/s", "MB/s", "MB/s", "ms", "Value", "Value"
    );
    for n in [1_000, 10_000] {
        let jobs = generate(&Config {
            jobs: n,
            ..Config::default()
        });
        let bundle = to_bundle(&jobs);
        let history = format!(
            "[{}]",
            to_history_envelopes(&jobs)
                .lines()
                .collect::<Vec<_>>()
                .join(",")
        );
        for (shape, text) in [("bundle", &bundle), ("history", &history)] {
            let value = time(|| serde_json::from_str::<serde_json::Value>(text).unwrap());
            let import = time(|| assemble(&[read_input("bench", text)]));
            let full = time(|| {
                let import = assemble(&[read_input("bench", text)]);
                analyse(&import, &Options::default())
            });
            let check = assemble(&[read_input("bench", text)]);
            assert_eq!(
                check.jobs.len(),
                n,
                "{shape}: {:?}",
                check.diagnostics.first()
            );
            println!(
                "{:<8} {:<8} {:>9.1} {:>12.0} {:>12.0} {:>12.0} {:>14.1} {:>8.2} {:>8.2}",
                n,
                shape,
                text.len() as f64 / 1e6,
                mb_per_s(text.len(), value),
                mb_per_s(text.len(), import),
                mb_per_s(text.len(), full),
                full.as_secs_f64() * 1e3,
                import.as_secs_f64() / value.as_secs_f64(),
                full.as_secs_f64() / value.as_secs_f64(),
            );
        }
    }
    println!("\nimport/Value and total/Value: time relative to parsing the same bytes into serde_json::Value (lower is better; < 1 is faster).");
}
