//! `tapis-profile`: the analysis core on the command line. Reads every input
//! named (or standard input), prints the report, and writes diagnostics to
//! standard error; `compare`, `load` and `trends` print cohorts compared, load
//! over time and trends of the same jobs; `synth` writes synthetic jobs for tests
//! and benchmarks.

mod args;
mod render;

use std::io::{Read, Write};
use std::process::ExitCode;

use args::{AsOf, Command, Format, Shape, Task};
use tapis_profile::analysis::{analyse, Options};
use tapis_profile::checklist::Ticks;
use tapis_profile::export;
use tapis_profile::format::printable;
use tapis_profile::report::Report;
use tapis_profile::synthetic::{generate, to_history_envelopes, Config, Sweep};
use tapis_profile::{assemble, read_bytes, InputRecords};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args::parse(&args) {
        Ok(Command::Help) => {
            println!("{}", args::USAGE);
            ExitCode::SUCCESS
        }
        Ok(Command::Version) => {
            println!("tapis-profile {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Ok(Command::Synth(s)) => {
            let jobs = generate(&Config {
                jobs: s.jobs,
                seed: s.seed,
                zombies: s.zombies,
                sweep: s.sweep.then(Sweep::default),
                ..Config::default()
            });
            let text = match (s.shape, s.pretty) {
                (Shape::Bundle, false) => tapis_profile::to_bundle(&jobs),
                (Shape::Bundle, true) => tapis_profile::import::to_bundle_pretty(&jobs),
                (Shape::History, _) => to_history_envelopes(&jobs),
            };
            write_out(&text)
        }
        Ok(Command::Analyse(a)) => run(a),
        Err(why) => {
            eprintln!("tapis-profile: {why}\n\n{}", args::USAGE);
            ExitCode::from(2)
        }
    }
}

fn run(a: args::Analyse) -> ExitCode {
    let mut inputs: Vec<InputRecords> = Vec::new();
    let mut unreadable = Vec::new();
    let mut stdin_read = false;
    for file in &a.files {
        let (name, bytes) = if file == "-" {
            if stdin_read {
                continue;
            }
            stdin_read = true;
            let mut bytes = Vec::new();
            if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
                unreadable.push(format!("standard input: {e}"));
                continue;
            }
            ("(stdin)", bytes)
        } else {
            match std::fs::read(file) {
                Ok(bytes) => (file.as_str(), bytes),
                Err(e) => {
                    unreadable.push(format!("{file}: {e}"));
                    continue;
                }
            }
        };
        // Decoded as the page decodes a dropped file.
        inputs.push(read_bytes(name, &bytes));
    }
    let import = assemble(&inputs);
    let as_of = match a.as_of {
        AsOf::Now => chrono::Utc::now(),
        AsOf::At(t) => t,
    };
    let report = analyse(
        &import,
        &Options {
            as_of: Some(as_of),
            include_stale: a.include_stale,
            what_if: a.what_if.clone(),
        },
    );

    let mut err = std::io::stderr().lock();
    for why in &unreadable {
        let _ = writeln!(err, "tapis-profile: cannot read {why}");
    }
    if !a.quiet {
        for d in &report.diagnostics {
            let _ = writeln!(err, "{}", printable(&d.to_string()));
        }
    }
    if report.jobs.is_empty() {
        let _ = writeln!(
            err,
            "tapis-profile: nothing could be read from {} — no job history, job object or list found",
            a.files.join(", ")
        );
        return ExitCode::from(1);
    }
    let text = match &a.task {
        Task::Report => report_text(&a, &report, &import, &inputs),
        Task::Compare(x, y) => match tapis_profile::cohort::compare(&report, x, y) {
            Ok(c) => match a.format {
                Format::Json => json(&c),
                Format::Markdown => export::markdown_with(
                    &report,
                    &Ticks::new(),
                    &[export::comparison_markdown(&c)],
                ),
                _ => render::cohorts::comparison(&c),
            },
            Err(why) => {
                let _ = writeln!(err, "tapis-profile: {why}");
                return ExitCode::from(2);
            }
        },
        Task::Load => {
            let l = tapis_profile::load::load(report.counted());
            match a.format {
                // One line: it holds a step per change of state, thousands of them.
                Format::Json => serde_json::to_string(&l).unwrap_or_default() + "\n",
                Format::Markdown => export::load_markdown(&l),
                _ => render::cohorts::load(&l),
            }
        }
        Task::Trends => {
            let t = tapis_profile::trends::trends(report.counted());
            match a.format {
                Format::Json => json(&t),
                Format::Markdown => export::trends_markdown(&t),
                _ => render::cohorts::trends(&t),
            }
        }
    };
    write_out(&text)
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

/// The report in the format asked for.
fn report_text(
    a: &args::Analyse,
    report: &Report,
    import: &tapis_profile::Import,
    inputs: &[InputRecords],
) -> String {
    match a.format {
        Format::Json => json(report),
        Format::Table => render::table::render(report),
        Format::Export => export::export_document(report, &import.jobs, &Ticks::new()) + "\n",
        Format::Csv => export::states_csv(report),
        Format::JobsCsv => export::jobs_csv(report),
        Format::Markdown => export::markdown(report, &Ticks::new()),
        Format::Trace => export::chrome_trace(report) + "\n",
        Format::Ndjson(rows) => export::ndjson_rows(report, rows),
        Format::TapisEvents => export::job_events_ndjson(inputs, &import.jobs),
        Format::TapisJobs => export::jobs_ndjson(&import.jobs),
    }
}

/// Writes to standard output; a closed pipe (`| head`) is not an error.
fn write_out(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tapis-profile: cannot write: {e}");
            ExitCode::from(1)
        }
    }
}
