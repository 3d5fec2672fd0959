//! Hostile and broken input through the binary: the injection corpus
//! (`fixtures/hostile/injection.json`) through every `--format` beside a real job,
//! shown and never run; inputs nested 100,000 deep beside a good file, which survives.

use std::path::PathBuf;
use std::process::{Command, Output};

#[path = "../../core/tests/common/csv.rs"]
mod csv;

const BIN: &str = env!("CARGO_BIN_EXE_tapis-profile");
const AS_OF: &str = "--as-of=2026-01-01T00:00:00Z";

fn path(rel: &str) -> String {
    format!("{}/../../fixtures/{rel}", env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The corpus' job objects: what each field held, as given.
fn corpus() -> Vec<serde_json::Value> {
    let all: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(path("hostile/injection.json")).unwrap())
            .unwrap();
    all.into_iter()
        .filter(|v| v.get("status").is_some())
        .collect()
}

/// What a spreadsheet runs: a cell starting with `=`, `+`, `-`, `@`, tab or CR
/// that is not a number.
fn is_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
        && !cell.parse::<f64>().is_ok_and(f64::is_finite)
}

#[test]
fn the_injection_corpus_is_shown_never_run_in_every_format() {
    let corpus = corpus();
    let file = path("hostile/injection.json");
    // A real job beside it, which the hostile ones must not disturb.
    let good = path("tapis/source-ds-history-4dfa35e1-finished-2025.reconstructed.json");
    let names: Vec<&str> = corpus.iter().map(|j| j["name"].as_str().unwrap()).collect();
    for format in [
        "table",
        "json",
        "export",
        "csv",
        "jobs-csv",
        "md",
        "trace",
        "ndjson",
        "tapis-events",
        "tapis-jobs",
    ] {
        let out = run(&[&file, &good, "--format", format, AS_OF]);
        assert!(out.status.success(), "{format}: {}", text(&out.stderr));
        let stdout = text(&out.stdout);
        assert!(
            stdout.contains("4dfa35e1"),
            "{format}: the good job is missing"
        );
        // What people read is free of terminal escapes; data files keep the data.
        let read_by_people = matches!(format, "table" | "md");
        let escaped = |s: &str| s.contains('\u{1b}');
        assert!(
            !(escaped(&text(&out.stderr)) || read_by_people && escaped(&stdout)),
            "{format}: a terminal escape sequence came through"
        );
        match format {
            "csv" | "jobs-csv" => {
                let rows = csv::parse_csv(&stdout);
                let cells: Vec<&String> = rows.iter().flatten().collect();
                let run: Vec<_> = cells.iter().filter(|c| is_formula(c)).collect();
                assert!(run.is_empty(), "{format}: formulas {run:?}");
                // Each value is there, whole, behind its `'` where it needed one.
                for job in &corpus {
                    for field in ["name", "condition", "appId", "appVersion", "execSystemId"] {
                        let value = job[field].as_str().unwrap().trim(); // as the import keeps it
                        let want = if is_formula(value) {
                            format!("'{value}")
                        } else {
                            value.to_string()
                        };
                        assert!(
                            cells.iter().any(|c| **c == want),
                            "{format}: {field} {want:?} not in a cell"
                        );
                    }
                }
            }
            "md" => {
                for raw in ["<img", "<script", "</svg", "<b>", "<i>", "](javascript:"] {
                    let bare = stdout
                        .match_indices(raw)
                        .any(|(at, _)| raw.starts_with('<') || !stdout[..at].ends_with('\\'));
                    assert!(!bare, "md: {raw} is there as markup");
                }
                // Every row of the jobs table has its 8 cells, `|` in names or not.
                let rows: Vec<&str> = stdout
                    .lines()
                    .filter(|l| l.starts_with("| `a0000000`") || l.starts_with("| `c0000000`"))
                    .collect();
                assert_eq!(rows.len(), 4, "{stdout}");
                for row in rows {
                    let cells = row.replace("\\|", "").matches('|').count() - 1;
                    assert_eq!(cells, 8, "{row}");
                }
            }
            "table" => {
                let rows = stdout
                    .lines()
                    .filter(|l| l.starts_with("a0000000") || l.starts_with("c0000000"));
                assert_eq!(rows.count(), 4, "a job's row broken over lines: {stdout}");
            }
            "ndjson" | "tapis-events" | "tapis-jobs" => {
                for line in stdout.lines() {
                    serde_json::from_str::<serde_json::Value>(line)
                        .unwrap_or_else(|e| panic!("{format}: {e}: {line}"));
                }
                if format != "tapis-events" {
                    for name in &names {
                        assert!(
                            stdout.contains(&serde_json::to_string(name).unwrap()),
                            "{format}: {name:?}"
                        );
                    }
                }
            }
            _ => {
                // JSON documents: the names as data, exactly.
                let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
                let mut texts = Vec::new();
                strings(&doc, &mut texts);
                for name in &names {
                    assert!(
                        texts.iter().any(|t| t.contains(name)),
                        "{format}: {name:?} not kept"
                    );
                }
            }
        }
    }
}

/// Every string in a JSON value.
fn strings<'v>(v: &'v serde_json::Value, out: &mut Vec<&'v str>) {
    match v {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(m) => m.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// A 100,000-deep input of each kind a reader recurses on, beside a real job
/// file: the deep one is named with where it went too deep, the good one read.
#[test]
fn a_file_nested_100000_deep_costs_only_itself() {
    let n = 100_000;
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("deep");
    std::fs::create_dir_all(&dir).unwrap();
    let good = path("tapis/source-ds-history-4dfa35e1-finished-2025.reconstructed.json");
    for (name, body, at) in [
        (
            "deep.py",
            format!("{}{}", "[{'a': ".repeat(n), "}]".repeat(n)),
            "1:443",
        ),
        (
            "deep.json",
            format!("{}null{}", "[{\"result\": ".repeat(n), "}]".repeat(n)),
            "1:758",
        ),
        (
            "deep.txt",
            format!("{}uuid: u\n", "a: \n".repeat(n)),
            "127:1",
        ),
    ] {
        let deep = dir.join(name);
        std::fs::write(&deep, body).unwrap();
        let deep = deep.to_str().unwrap();
        let both = run(&[deep, &good, "--format", "json", AS_OF]);
        assert!(both.status.success(), "{name}: {}", text(&both.stderr));
        let report: serde_json::Value = serde_json::from_slice(&both.stdout).unwrap();
        assert_eq!(report["jobs"].as_array().unwrap().len(), 1, "{name}");
        assert_eq!(
            report["jobs"][0]["uuid"],
            "4dfa35e1-15cd-48fd-a090-f348544dee1f-007"
        );
        let said = format!("{deep}:{at}: error: nested deeper than 127 levels");
        assert!(
            text(&both.stderr).contains(&said),
            "{name}: {}",
            text(&both.stderr)
        );
        // Alone, it reads nothing: exit status 1, not a crash.
        let alone = run(&[deep]);
        assert_eq!(
            alone.status.code(),
            Some(1),
            "{name}: {}",
            text(&alone.stderr)
        );
    }
}
