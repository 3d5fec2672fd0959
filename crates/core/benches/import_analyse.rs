//! Import + analysis throughput at 1k and 10k synthetic jobs, against
//! `serde_json::from_str::<serde_json::Value>` of the same bytes in the same run
//! (the nearest native stand-in for the browser's `JSON.parse`).
//!
//! `cargo bench -p tapis-profile` (release build). Two shapes: the bundle the
//! app exports and `tapis-profile synth` writes, and Tapis history responses
//! (one envelope per job, `description` as a JSON string) — what the app holds
//! after fetching histories. Each timing is the median of repeated runs; the
//! stages (`read_input`, `assemble`, `analyse`) are timed apart too, so a
//! change shows where it paid. `BENCH_JOBS=1000,50000` picks other sizes.

use std::hint::black_box;
use std::time::{Duration, Instant};

use tapis_profile::analysis::{analyse, Options};
use tapis_profile::synthetic::{generate, to_history_envelopes, Config};
use tapis_profile::{assemble, read_input, to_bundle};

/// One measurement: the median wall time of repeated runs, and the mean CPU
/// time per run where the OS tells it (Linux). On a shared machine the CPU
/// time is the steadier figure: waiting for a core does not count.
struct Timing {
    wall: Duration,
    cpu: Option<f64>,
}

impl Timing {
    /// Seconds per run: CPU time when known, else wall time.
    fn secs(&self) -> f64 {
        self.cpu.unwrap_or(self.wall.as_secs_f64())
    }
}

/// Runs `f` at least `MIN_RUNS` times and until `MIN_TIME` has passed.
fn measure<T>(mut f: impl FnMut() -> T) -> Timing {
    const MIN_RUNS: usize = 5;
    const MIN_TIME: Duration = Duration::from_millis(1500);
    black_box(f()); // warm-up
    let mut runs = Vec::new();
    let cpu_start = cpu_seconds();
    let start = Instant::now();
    while runs.len() < MIN_RUNS || start.elapsed() < MIN_TIME {
        let t = Instant::now();
        black_box(f());
        runs.push(t.elapsed());
    }
    let cpu = cpu_start
        .zip(cpu_seconds())
        .map(|(a, b)| (b - a) / runs.len() as f64);
    runs.sort();
    Timing {
        wall: runs[runs.len() / 2],
        cpu,
    }
}

/// This process's user + system CPU time, from `/proc/self/stat` (in ticks of
/// 1/100 s, Linux's fixed USER_HZ; fine over the 1.5 s of a measurement).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start at field 3.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks = |i: usize| fields.get(i - 3)?.parse::<f64>().ok();
    Some((ticks(14)? + ticks(15)?) / 100.0)
}

fn ms(t: &Timing) -> f64 {
    t.secs() * 1e3
}

fn main() {
    let sizes: Vec<usize> = std::env::var("BENCH_JOBS")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000]);
    println!(
        "{:<7} {:<8} {:>6} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "jobs", "shape", "MB", "Value", "read", "assemble", "analyse", "total", "total", "total/"
    );
    println!(
        "{:<7} {:<8} {:>6} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "", "", "", "ms", "ms", "ms", "ms", "ms", "MB/s", "Value"
    );
    for n in sizes {
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
        drop(jobs);
        for (shape, text) in [("bundle", &bundle), ("history", &history)] {
            let value = measure(|| serde_json::from_str::<serde_json::Value>(text).unwrap());
            let read = measure(|| read_input("bench", text));
            let records = [read_input("bench", text)];
            let assembled = measure(|| assemble(&records));
            let import = assemble(&records);
            assert_eq!(
                import.jobs.len(),
                n,
                "{shape}: {:?}",
                import.diagnostics.first()
            );
            let analysed = measure(|| analyse(&import, &Options::default()));
            drop((records, import));
            let total = measure(|| {
                let import = assemble(&[read_input("bench", text)]);
                analyse(&import, &Options::default())
            });
            println!(
                "{:<7} {:<8} {:>6.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8.0} {:>8.2}",
                n,
                shape,
                text.len() as f64 / 1e6,
                ms(&value),
                ms(&read),
                ms(&assembled),
                ms(&analysed),
                ms(&total),
                text.len() as f64 / 1e6 / total.secs(),
                total.secs() / value.secs(),
            );
        }
    }
    let clock = if cpu_seconds().is_some() {
        "CPU time per run (mean)"
    } else {
        "wall time per run (median)"
    };
    println!("\ntimes: {clock}. total = read_input + assemble + analyse, timed together; total/Value: its time over parsing the same bytes into serde_json::Value (lower is better; < 1 is faster).");
}
