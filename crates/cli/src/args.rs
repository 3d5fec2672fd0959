//! Command-line arguments, parsed by hand: two subcommands and a handful of
//! flags do not justify a parser crate's compile time.

use tapis_profile::cohort::Selector;
use tapis_profile::export::Rows;
use tapis_profile::time::{parse_timestamp, Timestamp};
use tapis_profile::what_if::WhatIf;

pub const USAGE: &str = "\
Usage: tapis-profile [OPTIONS] FILE...
       tapis-profile compare --a COHORT --b COHORT [OPTIONS] FILE...
       tapis-profile load [OPTIONS] FILE...
       tapis-profile trends [OPTIONS] FILE...
       tapis-profile synth [--jobs N] [--seed S] [--zombies N | --sweep] [--shape bundle|history] [--pretty]

Shows where Tapis jobs spent their time. FILE is any Tapis job data: history
responses or their result arrays (pages, NDJSON), job objects, list/search
responses, tapipy print output, Python dict prints, or a tapis-profile bundle.
'-' reads standard input.

Options:
  --format FORMAT              output (default: table):
                                 table     for a terminal
                                 json      the report (docs/formats.md)
                                 export    the report with the data it was computed from,
                                           as the app exports it (re-importable)
                                 csv       one row per job and state
                                 jobs-csv  one row per job, a column per state
                                 md        a Markdown report
                                 trace     Chrome Trace Event JSON (opens in Perfetto)
                                 ndjson    rows for SQL engines, one JSON object a line
                                           (see --rows)
                                 tapis-events  the events as rows of Tapis' job_events table
                                 tapis-jobs    the job objects as rows of Tapis' jobs table
  --rows state|visit|job       with --format ndjson: a row per job and state (default),
                               per visit to a state, or per job
  --as-of TIME|now             measure jobs still running up to TIME (RFC 3339; default: now)
  --include-stale              count stale jobs too (left in an open state for longer than
                               it can plausibly last; by default they stop at their last
                               event and are left out of totals, statistics and
                               recommendations: docs/formats.md, Stale jobs)
  --archived-share S           for the 'archive only final outputs' saving: the share
                               (0-1, default 0.1) of today's archived files and bytes
                               still archived
  --charge-rate SYS/QUEUE=R    SUs per node-hour for a system's queue (repeatable); TACC's
                               published rates are the defaults, R 'none' removes one
  -q, --quiet                  do not print import diagnostics on standard error
  -h, --help                   this help
  -V, --version                the version

compare puts two cohorts of the jobs side by side: each state's and bucket's
median and P90 in both, the difference with a bootstrap interval, and the job
attributes ranked by how differently they are spread. A COHORT is key=value
(keys: app-version, app, version, system-queue, system, queue, status, nodes,
input-files, owner, week, month; Tapis' names such as appVersion work too),
conditions joined by &, alternatives by |; during=TIME..TIME (jobs in flight
then); jobs=UUID|UUID; all; or rest (every job not in the other cohort):
  tapis-profile compare --a 'appVersion=1.2' --b 'appVersion=1.3' jobs.json
load shows how many jobs were in each state over time, each system and queue's
peak of active jobs, and every BLOCKED visit with the jobs active around it.
trends shows each bucket's and each queue's wait, median and P90, per day or week.
These three print a table (default), json, or md (compare: the Markdown report
with the comparison section; load, trends: their section).

synth writes N synthetic jobs (default 1000, seed 7) as a bundle (default) or as
history API responses, one per line (--shape history); --zombies N of them are
left by Tapis in STAGING_INPUTS, QUEUED or ARCHIVING for good, with no capture time;
--sweep instead writes a parameter sweep: one app in two versions (1.3 stages
inputs as one ZIP), submitted in bursts against a quota of 8 active jobs.

Exit status: 0 when at least one job was analysed, 1 when nothing could be read,
2 for a usage error.";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Export,
    Csv,
    JobsCsv,
    Markdown,
    Trace,
    Ndjson(Rows),
    TapisEvents,
    TapisJobs,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AsOf {
    Now,
    At(Timestamp),
}

/// What to print of the jobs read.
#[derive(Debug, Clone, PartialEq)]
pub enum Task {
    /// The report, in `format`.
    Report,
    /// Two cohorts compared (table, json or md).
    Compare(Selector, Selector),
    /// Load over time (table, json or md).
    Load,
    /// Trends (table, json or md).
    Trends,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Analyse {
    pub task: Task,
    pub files: Vec<String>,
    pub format: Format,
    pub as_of: AsOf,
    pub include_stale: bool,
    /// The savings' and SUs' assumptions.
    pub what_if: WhatIf,
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Bundle,
    History,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Synth {
    pub jobs: usize,
    pub seed: u64,
    pub zombies: usize,
    pub shape: Shape,
    pub pretty: bool,
    pub sweep: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Analyse(Analyse),
    Synth(Synth),
    Help,
    Version,
}

/// Parses arguments (without the program name).
pub fn parse(args: &[String]) -> Result<Command, String> {
    let (task, args) = match args.first().map(String::as_str) {
        Some("synth") => return parse_synth(&args[1..]),
        Some(name @ ("compare" | "load" | "trends")) => (name, &args[1..]),
        _ => ("report", args),
    };
    let (mut a, mut b) = (None, None);
    let mut out = Analyse {
        task: Task::Report,
        files: Vec::new(),
        format: Format::Table,
        as_of: AsOf::Now,
        include_stale: false,
        what_if: WhatIf::default(),
        quiet: false,
    };
    let mut rows = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = split(arg);
        match flag {
            "-h" | "--help" => return Ok(Command::Help),
            "-V" | "--version" => return Ok(Command::Version),
            "-q" | "--quiet" => out.quiet = true,
            "--include-stale" => out.include_stale = true,
            "--format" => {
                out.format = match value(flag, inline, &mut it)?.as_str() {
                    "table" => Format::Table,
                    "json" => Format::Json,
                    "export" => Format::Export,
                    "csv" => Format::Csv,
                    "jobs-csv" => Format::JobsCsv,
                    "md" | "markdown" => Format::Markdown,
                    "trace" => Format::Trace,
                    "ndjson" => Format::Ndjson(Rows::default()),
                    "tapis-events" => Format::TapisEvents,
                    "tapis-jobs" => Format::TapisJobs,
                    other => {
                        return Err(format!(
                            "--format: unknown format {other:?} (table, json, export, csv, jobs-csv, md, trace, ndjson, tapis-events, tapis-jobs)"
                        ))
                    }
                }
            }
            "--rows" => {
                let v = value(flag, inline, &mut it)?;
                rows = Some(Rows::parse(&v).ok_or_else(|| {
                    format!("--rows: unknown rows {v:?} ({})", Rows::NAMES.join(", "))
                })?);
            }
            "--archived-share" => {
                let v = value(flag, inline, &mut it)?;
                let share: f64 = v
                    .parse()
                    .ok()
                    .filter(|s: &f64| (0.0..=1.0).contains(s))
                    .ok_or_else(|| format!("--archived-share: {v:?} is not a share from 0 to 1"))?;
                out.what_if = out.what_if.with_archived_share(share);
            }
            "--charge-rate" => {
                let v = value(flag, inline, &mut it)?;
                let bad = || format!("--charge-rate: {v:?} is not SYSTEM/QUEUE=RATE (e.g. stampede3/skx=1)");
                let (key, rate) = v.split_once('=').ok_or_else(bad)?;
                let (system, queue) = key.split_once('/').ok_or_else(bad)?;
                let rate = match rate {
                    "none" => f64::NAN,
                    r => r.parse().ok().filter(|r: &f64| *r >= 0.0).ok_or_else(bad)?,
                };
                out.what_if.charge_rates = out.what_if.charge_rates.clone()
                    .with_rate(system, queue, rate);
            }
            "--as-of" => {
                let v = value(flag, inline, &mut it)?;
                out.as_of = if v == "now" {
                    AsOf::Now
                } else {
                    AsOf::At(parse_timestamp(&v).ok_or_else(|| {
                        format!("--as-of: {v:?} is not an RFC 3339 time (e.g. 2025-05-07T22:20:00Z) or 'now'")
                    })?)
                };
            }
            "--a" | "--b" if task == "compare" => {
                let v = value(flag, inline, &mut it)?;
                let cohort = Selector::parse(&v).map_err(|e| format!("{flag}: {e}"))?;
                *(if flag == "--a" { &mut a } else { &mut b }) = Some(cohort);
            }
            "-" => out.files.push("-".into()),
            f if f.starts_with('-') => return Err(format!("unknown option {f}")),
            _ => out.files.push(arg.clone()),
        }
    }
    if let Some(rows) = rows {
        match out.format {
            Format::Ndjson(_) => out.format = Format::Ndjson(rows),
            _ => return Err("--rows goes with --format ndjson".into()),
        }
    }
    if out.files.is_empty() {
        return Err("no input: give one or more files, or '-' for standard input".into());
    }
    out.task = match (task, a, b) {
        ("compare", Some(a), Some(b)) => Task::Compare(a, b),
        ("compare", _, _) => return Err("compare needs both --a COHORT and --b COHORT".into()),
        ("load", ..) => Task::Load,
        ("trends", ..) => Task::Trends,
        _ => Task::Report,
    };
    if out.task != Task::Report
        && !matches!(out.format, Format::Table | Format::Json | Format::Markdown)
    {
        return Err(format!("{task} prints table, json or md"));
    }
    Ok(Command::Analyse(out))
}

fn parse_synth(args: &[String]) -> Result<Command, String> {
    let mut out = Synth {
        jobs: 1000,
        seed: 7,
        zombies: 0,
        shape: Shape::Bundle,
        pretty: false,
        sweep: false,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = split(arg);
        match flag {
            "-h" | "--help" => return Ok(Command::Help),
            "--pretty" => out.pretty = true,
            "--sweep" => out.sweep = true,
            "--jobs" => {
                out.jobs = value(flag, inline, &mut it)?
                    .parse()
                    .map_err(|_| "--jobs: expected a whole number".to_string())?
            }
            "--seed" => {
                out.seed = value(flag, inline, &mut it)?
                    .parse()
                    .map_err(|_| "--seed: expected a whole number".to_string())?
            }
            "--zombies" => {
                out.zombies = value(flag, inline, &mut it)?
                    .parse()
                    .map_err(|_| "--zombies: expected a whole number".to_string())?
            }
            "--shape" => {
                out.shape = match value(flag, inline, &mut it)?.as_str() {
                    "bundle" => Shape::Bundle,
                    "history" => Shape::History,
                    other => {
                        return Err(format!(
                            "--shape: unknown shape {other:?} (bundle, history)"
                        ))
                    }
                }
            }
            other => return Err(format!("synth: unknown argument {other}")),
        }
    }
    if out.sweep && out.zombies > 0 {
        return Err("synth: --sweep and --zombies do not go together".into());
    }
    Ok(Command::Synth(out))
}

fn split(arg: &str) -> (&str, Option<&str>) {
    match arg.split_once('=') {
        Some((f, v)) if f.starts_with("--") => (f, Some(v)),
        _ => (arg, None),
    }
}

fn value<'a>(
    flag: &str,
    inline: Option<&str>,
    it: &mut impl Iterator<Item = &'a String>,
) -> Result<String, String> {
    match inline {
        Some(v) => Ok(v.to_string()),
        None => it
            .next()
            .cloned()
            .ok_or_else(|| format!("{flag} needs a value")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn reads_files_formats_and_as_of() {
        let Command::Analyse(a) =
            parse(&args("a.json - --format=json --as-of 2025-01-01T00:00:00Z")).unwrap()
        else {
            panic!("not analyse")
        };
        assert_eq!(a.files, vec!["a.json", "-"]);
        assert_eq!(a.format, Format::Json);
        assert!(matches!(a.as_of, AsOf::At(_)));
        assert!(!a.include_stale);
        let Command::Analyse(a) = parse(&args("a.json --include-stale")).unwrap() else {
            panic!("not analyse")
        };
        assert!(a.include_stale);
        let Command::Analyse(a) = parse(&args(
            "a.json --archived-share 0.25 --charge-rate mine/batch=0.5 --charge-rate stampede3/skx=none",
        ))
        .unwrap() else {
            panic!("not analyse")
        };
        assert_eq!(a.what_if.archived_share, 0.25);
        assert_eq!(a.what_if.charge_rates.rate("mine", "batch"), Some(0.5));
        assert_eq!(a.what_if.charge_rates.rate("stampede3", "skx"), None);
        assert!(parse(&args("a --archived-share 2")).is_err());
        assert!(parse(&args("a --charge-rate skx=1")).is_err());
        assert!(parse(&args("a --charge-rate s/q=-1")).is_err());
        assert!(parse(&args("--format xml a")).is_err());
        assert!(parse(&args("")).is_err());
        assert!(parse(&args("--bogus a")).is_err());
    }

    #[test]
    fn rows_go_with_ndjson_only() {
        let format = |s: &str| match parse(&args(s)) {
            Ok(Command::Analyse(a)) => Ok(a.format),
            Ok(_) => panic!("not analyse"),
            Err(e) => Err(e),
        };
        assert_eq!(format("a --format ndjson"), Ok(Format::Ndjson(Rows::State)));
        assert_eq!(
            format("a --rows visit --format ndjson"),
            Ok(Format::Ndjson(Rows::Visit))
        );
        assert_eq!(
            format("a --format=ndjson --rows=job"),
            Ok(Format::Ndjson(Rows::Job))
        );
        assert_eq!(format("a --format tapis-events"), Ok(Format::TapisEvents));
        assert!(format("a --format csv --rows job").is_err());
        assert!(format("a --format ndjson --rows day").is_err());
    }

    #[test]
    fn reads_synth() {
        assert_eq!(
            parse(&args(
                "synth --jobs 2000 --seed 9 --zombies 4 --shape history"
            ))
            .unwrap(),
            Command::Synth(Synth {
                jobs: 2000,
                seed: 9,
                zombies: 4,
                shape: Shape::History,
                pretty: false,
                sweep: false
            })
        );
        assert!(parse(&args("synth --sweep --zombies 2")).is_err());
    }

    #[test]
    fn reads_compare_load_and_trends() {
        let Command::Analyse(a) = parse(&args(
            "compare --a appVersion=1.2 --b=rest --format json a.json --include-stale",
        ))
        .unwrap() else {
            panic!("not analyse")
        };
        assert_eq!(
            a.task,
            Task::Compare(Selector::parse("version=1.2").unwrap(), Selector::Rest)
        );
        assert_eq!((a.format, a.include_stale), (Format::Json, true));
        let task = |s: &str| match parse(&args(s)) {
            Ok(Command::Analyse(a)) => Ok(a.task),
            Ok(_) => panic!("not analyse"),
            Err(e) => Err(e),
        };
        assert_eq!(task("load a.json"), Ok(Task::Load));
        assert_eq!(task("trends --format md a.json"), Ok(Task::Trends));
        assert!(task("compare --a version=1.2 a.json")
            .unwrap_err()
            .contains("--b"));
        assert!(task("compare --a colour=red --b rest a.json")
            .unwrap_err()
            .contains("colour"));
        assert!(task("load --format csv a.json").is_err());
        assert!(task("a.json --a version=1.2").is_err(), "--a is compare's");
    }
}
