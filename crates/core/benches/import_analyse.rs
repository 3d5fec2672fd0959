//! Import + analysis throughput against `serde_json::from_str::<serde_json::Value>`
//! of the same bytes in the same run (the nearest native stand-in for the
//! browser's `JSON.parse`).
//!
//! `cargo bench -p tapis-profile` generates 1k and 10k synthetic jobs in two
//! shapes: the bundle the app exports and `tapis-profile synth` writes, and Tapis
//! history responses (an array of envelopes, `description` as a JSON string) —
//! what the app holds after fetching histories. The stages (`read_input`,
//! `assemble`, `analyse`) are timed apart too, so a change shows where it paid.
//!
//! Environment (`./x bench` sets them): `BENCH_JOBS=1000,50000` other sizes;
//! `BENCH_FILES=a.json,b.json` measure these files instead (named
//! `<shape>-<jobs>-s<seed>.json`); `BENCH_CLI=path/to/tapis-profile` also time
//! the CLI on each file (`--format csv`, output discarded); `BENCH_JSON=path`
//! write the figures there as JSON.

use std::hint::black_box;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;
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

    fn ms(&self) -> f64 {
        self.secs() * 1e3
    }
}

/// Runs `f` at least `MIN_RUNS` times and until `MIN_TIME` has passed; `cpu`
/// reads the CPU time to charge (this process's, or its children's).
fn measure_with<T>(cpu: fn() -> Option<f64>, mut f: impl FnMut() -> T) -> Timing {
    const MIN_RUNS: usize = 3;
    const MIN_TIME: Duration = Duration::from_millis(1500);
    black_box(f()); // warm-up
    let mut runs = Vec::new();
    let cpu_start = cpu();
    let start = Instant::now();
    while runs.len() < MIN_RUNS || start.elapsed() < MIN_TIME {
        let t = Instant::now();
        black_box(f());
        runs.push(t.elapsed());
    }
    let cpu = cpu_start
        .zip(cpu())
        .map(|(a, b)| (b - a) / runs.len() as f64);
    runs.sort();
    Timing {
        wall: runs[runs.len() / 2],
        cpu,
    }
}

fn measure<T>(f: impl FnMut() -> T) -> Timing {
    measure_with(|| cpu_seconds(14), f)
}

/// CPU time from `/proc/self/stat`: field 14 + 15 this process's user + system
/// time, 16 + 17 its waited-for children's. In ticks of 1/100 s (Linux's fixed
/// USER_HZ), fine over the 1.5 s of a measurement.
fn cpu_seconds(field: usize) -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start at field 3.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks = |i: usize| fields.get(i - 3)?.parse::<f64>().ok();
    Some((ticks(field)? + ticks(field + 1)?) / 100.0)
}

/// One input to measure.
struct Input {
    name: String,
    shape: String,
    path: Option<String>,
    text: String,
}

fn generated(n: usize) -> Vec<Input> {
    let jobs = generate(&Config {
        jobs: n,
        ..Config::default()
    });
    let history = format!(
        "[{}]",
        to_history_envelopes(&jobs)
            .lines()
            .collect::<Vec<_>>()
            .join(",")
    );
    vec![
        Input {
            name: format!("bundle-{n}"),
            shape: "bundle".into(),
            path: None,
            text: to_bundle(&jobs),
        },
        Input {
            name: format!("history-{n}"),
            shape: "history".into(),
            path: None,
            text: history,
        },
    ]
}

fn from_file(path: &str) -> Input {
    let name = std::path::Path::new(path)
        .file_stem()
        .map_or(path.to_string(), |s| s.to_string_lossy().into_owned());
    Input {
        shape: name.split('-').next().unwrap_or("?").to_string(),
        name,
        path: Some(path.to_string()),
        text: std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}")),
    }
}

/// `BENCH_READ_AB=ROUNDS`: the read alone, the shipped reader against the one
/// it replaced (`read_input_itemwise`), beside `serde_json::Value` and the floor
/// (serde_json walking the same bytes into `IgnoredAny`), alternated in every
/// round so load moves all four alike; the median of each over the rounds.
fn read_ab(inputs: impl Iterator<Item = Input>, rounds: usize) {
    println!(
        "{:<20} {:>8} {:>8} {:>8} {:>8} {:>9} {:>9} {:>9}",
        "input", "Value", "floor", "before", "read", "before/V", "read/V", "read/floor"
    );
    for input in inputs {
        let text = &input.text;
        let before_jobs = tapis_profile::read_input_itemwise("bench", text).jobs;
        let read_jobs = read_input("bench", text).jobs;
        assert_eq!(before_jobs, read_jobs, "{}: both readers agree", input.name);
        let mut all: [Vec<f64>; 4] = Default::default();
        for _ in 0..rounds {
            all[0].push(measure(|| serde_json::from_str::<serde_json::Value>(text).unwrap()).ms());
            all[1].push(
                measure(|| serde_json::from_str::<serde::de::IgnoredAny>(text).unwrap()).ms(),
            );
            all[2].push(measure(|| tapis_profile::read_input_itemwise("bench", text)).ms());
            all[3].push(measure(|| read_input("bench", text)).ms());
        }
        let [value, floor, before, read] = all.map(|mut v| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        });
        println!(
            "{:<20} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>9.2} {:>9.2} {:>9.2}",
            input.name,
            value,
            floor,
            before,
            read,
            before / value,
            read / value,
            read / floor
        );
    }
}

fn main() {
    let cli = std::env::var("BENCH_CLI").ok();
    let inputs: Box<dyn Iterator<Item = Input>> = match std::env::var("BENCH_FILES") {
        Ok(files) => Box::new(
            files
                .split(',')
                .map(str::to_string)
                .collect::<Vec<_>>()
                .into_iter()
                .map(|f| from_file(&f)),
        ),
        Err(_) => {
            let sizes: Vec<usize> = std::env::var("BENCH_JOBS")
                .ok()
                .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
                .unwrap_or_else(|| vec![1_000, 10_000]);
            Box::new(sizes.into_iter().flat_map(generated))
        }
    };
    if let Some(rounds) = std::env::var("BENCH_READ_AB")
        .ok()
        .and_then(|r| r.parse().ok())
    {
        return read_ab(inputs, rounds);
    }
    println!(
        "{:<20} {:>7} {:>6} {:>8} {:>8} {:>8} {:>8} {:>8} {:>6} {:>7}{}",
        "input",
        "jobs",
        "MB",
        "Value",
        "read",
        "assemble",
        "analyse",
        "total",
        "MB/s",
        "total/",
        if cli.is_some() {
            "      CLI    CLI/"
        } else {
            ""
        }
    );
    println!(
        "{:<20} {:>7} {:>6} {:>8} {:>8} {:>8} {:>8} {:>8} {:>6} {:>7}{}",
        "",
        "",
        "",
        "ms",
        "ms",
        "ms",
        "ms",
        "ms",
        "",
        "Value",
        if cli.is_some() {
            "       ms   Value"
        } else {
            ""
        }
    );
    let mut rows = Vec::new();
    for input in inputs {
        let text = &input.text;
        let value = measure(|| serde_json::from_str::<serde_json::Value>(text).unwrap());
        let read = measure(|| read_input("bench", text));
        let records = [read_input("bench", text)];
        let assembled = measure(|| assemble(&records));
        let import = assemble(&records);
        let jobs = import.jobs.len();
        assert!(jobs > 0, "{}: {:?}", input.name, import.diagnostics.first());
        let analysed = measure(|| analyse(&import, &Options::default()));
        drop((records, import));
        let total = measure(|| {
            let import = assemble(&[read_input("bench", text)]);
            analyse(&import, &Options::default())
        });
        let cli_time = match (&cli, &input.path) {
            (Some(cli), Some(path)) => Some(measure_with(
                || cpu_seconds(16),
                || {
                    let status = Command::new(cli)
                        .args([path.as_str(), "--format", "csv"])
                        .stdout(Stdio::null())
                        .stderr(Stdio::null())
                        .status()
                        .expect("the CLI runs");
                    assert!(status.success(), "{cli} {path}: {status}");
                },
            )),
            _ => None,
        };
        let mb = text.len() as f64 / 1e6;
        println!(
            "{:<20} {:>7} {:>6.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>6.0} {:>7.2}{}",
            input.name,
            jobs,
            mb,
            value.ms(),
            read.ms(),
            assembled.ms(),
            analysed.ms(),
            total.ms(),
            mb / total.secs(),
            total.secs() / value.secs(),
            cli_time.as_ref().map_or(String::new(), |c| format!(
                " {:>8.1} {:>7.2}",
                c.ms(),
                c.secs() / value.secs()
            )),
        );
        rows.push(json!({
            "input": input.name,
            "shape": input.shape,
            "jobs": jobs,
            "bytes": text.len(),
            "valueMs": value.ms(),
            "readMs": read.ms(),
            "assembleMs": assembled.ms(),
            "analyseMs": analysed.ms(),
            "totalMs": total.ms(),
            "totalOverValue": total.secs() / value.secs(),
            "cliMs": cli_time.as_ref().map(Timing::ms),
            "cliOverValue": cli_time.as_ref().map(|c| c.secs() / value.secs()),
        }));
    }
    let clock = if cpu_seconds(14).is_some() {
        "CPU time per run (mean)"
    } else {
        "wall time per run (median)"
    };
    println!(
        "\ntimes: {clock}. total = read_input + assemble + analyse, timed together; \
         total/Value: its time over parsing the same bytes into serde_json::Value \
         (lower is better; < 1 is faster). CLI: `tapis-profile FILE --format csv`, \
         a process per run (reading the file, the pipeline, writing CSV)."
    );
    if let Ok(path) = std::env::var("BENCH_JSON") {
        let out = json!({ "clock": clock, "inputs": rows });
        std::fs::write(&path, serde_json::to_string_pretty(&out).unwrap())
            .unwrap_or_else(|e| panic!("{path}: {e}"));
    }
}
