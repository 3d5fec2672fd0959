//! `tapis-profile`: the analysis core on the command line. Reads every input
//! named (or standard input), prints the report, and writes diagnostics to
//! standard error; `synth` writes synthetic jobs for tests and benchmarks.

mod args;
mod render;

use std::io::{Read, Write};
use std::process::ExitCode;

use args::{AsOf, Command, Format, Shape};
use tapis_profile::analysis::{analyse, Options};
use tapis_profile::checklist::Ticks;
use tapis_profile::export;
use tapis_profile::synthetic::{generate, to_history_envelopes, Config};
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
            let _ = writeln!(err, "{d}");
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
    let text = match a.format {
        Format::Json => serde_json::to_string_pretty(&report).unwrap_or_default() + "\n",
        Format::Table => render::table::render(&report),
        Format::Export => export::export_document(&report, &import.jobs, &Ticks::new()) + "\n",
        Format::Csv => export::states_csv(&report),
        Format::JobsCsv => export::jobs_csv(&report),
        Format::Markdown => export::markdown(&report, &Ticks::new()),
        Format::Trace => export::chrome_trace(&report) + "\n",
        Format::Ndjson(rows) => export::ndjson_rows(&report, rows),
        Format::TapisEvents => export::job_events_ndjson(&inputs, &import.jobs),
        Format::TapisJobs => export::jobs_ndjson(&import.jobs),
    };
    write_out(&text)
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
