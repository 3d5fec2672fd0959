//! The exports (`tapis_profile::export`), tested as their readers use them: the
//! JSON export read back through `read_input` gives the same report; the CSV
//! parses back (RFC 4180) to the report's numbers, a row per job × state; the
//! trace is valid Trace Event JSON. Expected outputs for the real OpenSeesMP job
//! sit in `fixtures/tapis/expected/exports/` (`UPDATE_EXPECT=1` rewrites them).

mod common;
#[path = "common/csv.rs"]
mod csv;

use std::collections::BTreeMap;

use common::dir;
use serde_json::Value;
use tapis_profile::analysis::{analyse, Options};
use tapis_profile::checklist::Ticks;
use tapis_profile::export::{
    chrome_trace, export_document, file_name, jobs_csv, markdown, read_ticks, states_csv,
    ExportKind,
};
use tapis_profile::report::Report;
use tapis_profile::synthetic::{generate, Config};
use tapis_profile::time::parse_timestamp;
use tapis_profile::{assemble, read_input, Import, Severity};

fn options() -> Options {
    Options {
        as_of: parse_timestamp("2026-01-01T00:00:00Z"),
        ..Default::default()
    }
}

/// Every real fixture, as one import.
fn all_fixtures() -> Import {
    assemble(&common::read_fixtures())
}

/// The real OpenSeesMP job: its history and its job object.
fn opensees() -> Import {
    let read = |name: &str| std::fs::read_to_string(dir().join(name)).unwrap();
    assemble(&[
        read_input(
            "history.json",
            &read("source-ds-history-4dfa35e1-finished-2025.reconstructed.json"),
        ),
        read_input("getjob.txt", &read("ds-opensees-mp-s3-getjob.tapipy.txt")),
    ])
}

fn synthetic(jobs: usize, seed: u64) -> Import {
    Import {
        jobs: generate(&Config {
            jobs,
            seed,
            ..Config::default()
        }),
        diagnostics: Vec::new(),
    }
}

/// A report without what a round trip may change: which inputs each job came
/// from (provenance) and the import's diagnostics.
fn comparable(mut r: Report) -> Report {
    for j in &mut r.jobs {
        j.inputs.clear();
    }
    r.diagnostics.clear();
    r
}

fn expect(name: &str, got: &str) {
    let path = dir().join("expected/exports").join(name);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("no {}: run with UPDATE_EXPECT=1", path.display()));
    if want != got {
        let line = want
            .lines()
            .zip(got.lines())
            .position(|(w, g)| w != g)
            .map_or("lengths differ".to_string(), |i| format!("line {}", i + 1));
        panic!("{name} differs from its expected output at {line} (UPDATE_EXPECT=1 rewrites it)\n{got}");
    }
}

/// Where two JSON values first differ, as a path. Numbers are equal within
/// a relative 1e-12.
fn first_difference(a: &Value, b: &Value, at: &str) -> Option<String> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            ((x - y).abs() > 1e-12 * x.abs().max(y.abs())).then(|| format!("{at}: {x} vs {y}"))
        }
        (Value::Object(x), Value::Object(y)) => x
            .iter()
            .find_map(|(k, v)| match y.get(k) {
                Some(w) => first_difference(v, w, &format!("{at}.{k}")),
                None => Some(format!("{at}.{k} missing")),
            })
            .or_else(|| (x.len() != y.len()).then(|| format!("{at}: keys differ"))),
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| first_difference(v, w, &format!("{at}[{i}]"))),
        _ => (a != b).then(|| format!("{at}: {a} vs {b}")),
    }
}

// ---------------------------------------------------------------- JSON export

#[test]
fn the_json_export_reimports_to_the_same_report() {
    let ticks: Ticks = [
        ("zips/zip-inputs".to_string(), true),
        ("sanity/small-logs".to_string(), false),
    ]
    .into();
    for (what, import) in [
        ("all real fixtures", all_fixtures()),
        ("the OpenSeesMP job", opensees()),
        ("300 synthetic jobs", synthetic(300, 11)),
    ] {
        let report = analyse(&import, &options());
        let text = export_document(&report, &import.jobs, &ticks);

        let back = read_input("export.json", &text);
        assert!(
            back.diagnostics.is_empty(),
            "{what}: {:?}",
            back.diagnostics
        );
        let again = analyse(&assemble(&[back]), &options());
        let (again, first) = (comparable(again), comparable(report.clone()));
        assert!(
            again == first,
            "{what}: the re-imported export analyses differently: {}",
            first_difference(
                &serde_json::to_value(&first).unwrap(),
                &serde_json::to_value(&again).unwrap(),
                "",
            )
            .unwrap_or_default()
        );

        // The report inside is the core's report, as `--format json` prints it.
        let doc: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(doc["format"], "tapis-profile-export", "{what}");
        assert_eq!(doc["version"], 1, "{what}");
        let inside: Report = serde_json::from_value(doc["report"].clone()).unwrap();
        // Equal up to serde_json's float parsing (fast, not always the nearest
        // double: the last bit may differ).
        let difference = first_difference(
            &serde_json::to_value(&report).unwrap(),
            &serde_json::to_value(&inside).unwrap(),
            "",
        );
        assert_eq!(difference, None, "{what}");
        assert_eq!(doc["bundle"]["format"], "tapis-profile-bundle", "{what}");
        assert_eq!(read_ticks(&text), Some(ticks.clone()), "{what}");
    }
}

#[test]
fn the_json_export_brings_back_its_what_if_settings() {
    use tapis_profile::what_if::WhatIf;
    let import = synthetic(50, 3);
    let mine = WhatIf {
        charge_rates: WhatIf::default()
            .charge_rates
            .with_rate("stampede3", "skx", 1.25)
            .with_rate("mine", "batch", 0.5)
            .with_rate("frontera", "rtx", f64::NAN),
        ..WhatIf::default().with_archived_share(0.25)
    };
    let report = analyse(
        &import,
        &Options {
            what_if: mine.clone(),
            ..options()
        },
    );
    let text = export_document(&report, &import.jobs, &Ticks::new());
    let back = read_input("export.json", &text);
    assert!(back.diagnostics.is_empty(), "{:?}", back.diagnostics);
    assert_eq!(back.what_if, Some(mine.clone()));
    // Analysed with them, the export gives the same report again.
    let again = analyse(
        &assemble(&[back]),
        &Options {
            what_if: mine,
            ..options()
        },
    );
    assert_eq!(again.goodput, report.goodput);
    assert_eq!(again.recommendations, report.recommendations);

    // Other inputs have none; settings out of range are held to what they mean;
    // settings that are not settings are said and the defaults used.
    let history = std::fs::read_to_string(
        dir().join("source-ds-history-4dfa35e1-finished-2025.reconstructed.json"),
    )
    .unwrap();
    assert_eq!(read_input("h.json", &history).what_if, None);
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    doc["report"]["whatIf"] = serde_json::json!({"archivedShare": 7, "chargeRates": [
        {"system": "s", "queue": "q", "suPerNodeHour": -2},
        {"system": "s", "queue": "r", "suPerNodeHour": 2}]});
    let held = read_input("export.json", &doc.to_string()).what_if.unwrap();
    assert_eq!(held.archived_share, 1.0);
    assert_eq!(
        (
            held.charge_rates.rate("s", "q"),
            held.charge_rates.rate("s", "r")
        ),
        (None, Some(2.0))
    );
    doc["report"]["whatIf"] = serde_json::json!("ten percent");
    let odd = read_input("export.json", &doc.to_string());
    assert_eq!(odd.what_if, None);
    assert!(!odd.jobs.is_empty(), "the data is still read");
    assert!(
        odd.diagnostics
            .iter()
            .any(|d| d.message.contains("what-if settings") && d.severity == Severity::Warning),
        "{:?}",
        odd.diagnostics
    );
}

#[test]
fn an_export_analysed_a_year_later_measures_open_states_as_it_did() {
    let import = all_fixtures();
    let report = analyse(&import, &options());
    let open: Vec<&str> = report
        .jobs
        .iter()
        .filter(|j| j.open_state.is_some())
        .map(|j| &*j.uuid)
        .collect();
    assert!(!open.is_empty(), "the fixtures have an active job");
    let text = export_document(&report, &import.jobs, &Ticks::new());

    let later = Options {
        as_of: parse_timestamp("2027-01-01T00:00:00Z"),
        ..Default::default()
    };
    let again = analyse(&assemble(&[read_input("export.json", &text)]), &later);
    for (a, b) in report.jobs.iter().zip(&again.jobs) {
        assert_eq!(a.total_seconds, b.total_seconds, "{}", a.uuid);
        assert_eq!(a.durations, b.durations, "{}", a.uuid);
    }
    for j in again.jobs.iter().filter(|j| open.contains(&&*j.uuid)) {
        // A job stale at capture time says so; the others say they were measured up to it.
        let said = if j.stale.is_some() {
            "by the time the data was captured, longer than"
        } else {
            "when the data was captured: measured up to then, 2026-01-01"
        };
        assert!(j.warnings[0].contains(said), "{:?}", j.warnings);
    }
    assert!(
        again.jobs.iter().any(|j| j.stale.is_some()),
        "the 2023 jobs are stale"
    );
    // Fresh data on the same job (no capture time) is measured up to "now" again,
    // when stale jobs are counted (left out, they stop at their last event).
    let fresh = assemble(&[
        read_input("export.json", &text),
        read_input("fresh.json", &tapis_profile::to_bundle(&import.jobs)),
    ]);
    let counting = Options {
        include_stale: true,
        ..later.clone()
    };
    let grown = |r: &Report| {
        r.jobs
            .iter()
            .filter(|j| open.contains(&&*j.uuid))
            .map(|j| j.total_seconds)
            .sum::<f64>()
    };
    assert_eq!(grown(&analyse(&fresh, &later)), grown(&again));
    let fresh = analyse(&fresh, &counting);
    assert!(grown(&fresh) > grown(&again) + 3e7, "a year more");
}

#[test]
fn synthetic_jobs_stay_short_whenever_they_are_analysed() {
    let import = synthetic(500, 3);
    let far = Options {
        as_of: parse_timestamp("2030-01-01T00:00:00Z"),
        ..Default::default()
    };
    let report = analyse(&import, &far);
    assert!(report.jobs.iter().any(|j| j.open_state.is_some()));
    let longest = report
        .jobs
        .iter()
        .map(|j| j.total_seconds)
        .fold(0.0, f64::max);
    assert!(
        longest < 7.0 * 86_400.0,
        "longest synthetic job: {longest} s"
    );
}

#[test]
fn an_export_merges_with_other_inputs_and_a_bare_report_is_explained() {
    let import = opensees();
    let report = analyse(&import, &options());
    let text = export_document(&report, &import.jobs, &Ticks::new());
    // The same job again from its history: one job, not two.
    let history = std::fs::read_to_string(
        dir().join("source-ds-history-4dfa35e1-finished-2025.reconstructed.json"),
    )
    .unwrap();
    let both = assemble(&[
        read_input("export.json", &text),
        read_input("history.json", &history),
    ]);
    assert_eq!(both.jobs.len(), 1);

    // An export whose bundle was cut out: a clear warning, nothing invented.
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    doc.as_object_mut().unwrap().remove("bundle");
    let cut = read_input("cut.json", &doc.to_string());
    assert!(cut.jobs.is_empty());
    assert_eq!(cut.diagnostics[0].severity, Severity::Error);
    assert!(
        cut.diagnostics[0].message.contains("without its `bundle`"),
        "{:?}",
        cut.diagnostics
    );
    assert_eq!(read_ticks(&history), None);
    assert_eq!(read_ticks("not json"), None);
}

#[test]
fn a_newer_export_is_read_with_a_warning() {
    let import = opensees();
    let report = analyse(&import, &options());
    let mut doc: Value =
        serde_json::from_str(&export_document(&report, &import.jobs, &Ticks::new())).unwrap();
    doc["version"] = Value::from(2);
    let read = read_input("future.json", &doc.to_string());
    assert_eq!(read.jobs.len(), 1);
    assert!(read.diagnostics[0]
        .message
        .contains("export version 2 is newer"));
}

// ---------------------------------------------------------------------- CSV

#[test]
fn the_csv_has_a_row_per_job_and_state_that_parses_back_to_the_report() {
    for (what, import) in [
        ("all real fixtures", all_fixtures()),
        ("200 synthetic jobs", synthetic(200, 5)),
    ] {
        let report = analyse(&import, &options());
        let rows = csv::parse_csv(&states_csv(&report));
        let header = &rows[0];
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        assert!(rows.iter().all(|r| r.len() == header.len()), "{what}");
        let expected_rows: usize = report.jobs.iter().map(|j| j.durations.len().max(1)).sum();
        assert_eq!(rows.len() - 1, expected_rows, "{what}");

        let mut seen: BTreeMap<(String, String), f64> = BTreeMap::new();
        for row in &rows[1..] {
            let key = (row[col("uuid")].clone(), row[col("state")].clone());
            let seconds = row[col("seconds")].parse::<f64>().unwrap_or(f64::NAN);
            assert!(seen.insert(key, seconds).is_none(), "{what}: a row twice");
        }
        for j in &report.jobs {
            if j.durations.is_empty() {
                assert!(
                    seen.contains_key(&(j.uuid.to_string(), String::new())),
                    "{what}"
                );
            }
            for (state, seconds) in j.durations.iter() {
                let got = seen[&(j.uuid.to_string(), state.name().to_string())];
                assert!((got - seconds).abs() < 1e-6, "{what}: {} {state}", j.uuid);
            }
            let shares: f64 = rows[1..]
                .iter()
                .filter(|r| *r[col("uuid")] == *j.uuid && !r[col("share")].is_empty())
                .map(|r| r[col("share")].parse::<f64>().unwrap())
                .sum();
            if j.has_history && j.total_seconds > 0.0 {
                assert!(
                    (shares - 1.0).abs() < 1e-4,
                    "{what}: shares sum to {shares}"
                );
            }
        }
    }
}

#[test]
fn csv_fields_with_commas_quotes_and_line_breaks_survive() {
    let mut import = opensees();
    import.jobs[0].name = Some("sweep, \"run 7\"\nsecond line".into());
    let report = analyse(&import, &options());
    for text in [states_csv(&report), jobs_csv(&report)] {
        let rows = csv::parse_csv(&text);
        let name = rows[0].iter().position(|h| h == "name").unwrap();
        assert_eq!(rows[1][name], "sweep, \"run 7\"\nsecond line");
        assert!(rows.iter().all(|r| r.len() == rows[0].len()));
    }
}

// -------------------------------------------------------------------- trace

/// Checks `text` against the Trace Event Format's JSON object form and returns
/// its events.
fn valid_trace(text: &str) -> Vec<Value> {
    let doc: Value = serde_json::from_str(text).expect("the trace is JSON");
    let events = doc["traceEvents"].as_array().expect("traceEvents").clone();
    for e in &events {
        let ph = e["ph"].as_str().expect("ph");
        assert!(e["name"].is_string(), "name: {e}");
        assert!(e["pid"].is_u64() && e["tid"].is_u64(), "pid/tid: {e}");
        match ph {
            "X" => {
                assert!(e["ts"].is_i64() || e["ts"].is_u64(), "ts: {e}");
                assert!(e["dur"].as_i64().is_some_and(|d| d >= 0), "dur: {e}");
                assert!(e["ts"].as_i64().unwrap() >= 0, "ts before the origin: {e}");
            }
            "i" => {
                assert!(e["ts"].as_i64().is_some_and(|t| t >= 0), "ts: {e}");
                assert_eq!(e["s"], "t");
            }
            "M" => assert!(e["args"].is_object(), "metadata without args: {e}"),
            other => panic!("unexpected phase {other}"),
        }
    }
    events
}

#[test]
fn the_trace_is_valid_with_one_named_track_per_job_and_a_slice_per_visit() {
    for (what, import) in [
        ("all real fixtures", all_fixtures()),
        ("300 synthetic jobs", synthetic(300, 2)),
    ] {
        let report = analyse(&import, &options());
        let events = valid_trace(&chrome_trace(&report));
        let names: Vec<&Value> = events
            .iter()
            .filter(|e| e["name"] == "thread_name")
            .collect();
        assert_eq!(names.len(), report.jobs.len(), "{what}");
        let tids: std::collections::BTreeSet<u64> =
            names.iter().map(|e| e["tid"].as_u64().unwrap()).collect();
        assert_eq!(tids.len(), report.jobs.len(), "{what}: one tid per job");
        for (i, j) in report.jobs.iter().enumerate() {
            let tid = i as u64 + 1;
            let slices: Vec<&Value> = events
                .iter()
                .filter(|e| e["ph"] == "X" && e["tid"] == tid)
                .collect();
            let coarse = j.coarse.as_ref().map_or(0, |c| c.segments.len());
            assert_eq!(
                slices.len(),
                j.segments.len() + coarse,
                "{what}: {}",
                j.uuid
            );
            let micros: i64 = slices.iter().map(|e| e["dur"].as_i64().unwrap()).sum();
            assert!(
                (micros as f64 / 1e6 - j.total_seconds).abs() < 1e-3,
                "{what}: {} µs vs {} s",
                micros,
                j.total_seconds
            );
        }
    }
}

// --------------------------------------------------- expected outputs, names

#[test]
fn the_opensees_exports_match_their_expected_outputs() {
    let import = opensees();
    let report = analyse(&import, &options());
    let ticks: Ticks = [
        ("zips/zip-outputs".to_string(), true),
        ("profile-lifecycle/staging-and-archiving".to_string(), false),
    ]
    .into();
    expect("opensees.md", &markdown(&report, &ticks));
    expect("opensees.states.csv", &states_csv(&report));
    expect("opensees.jobs.csv", &jobs_csv(&report));
    let trace: Value = serde_json::from_str(&chrome_trace(&report)).unwrap();
    expect(
        "opensees.trace.json",
        &(serde_json::to_string_pretty(&trace).unwrap() + "\n"),
    );
}

#[test]
fn the_markdown_lists_outliers_in_words() {
    let import = synthetic(300, 2);
    let report = analyse(&import, &options());
    let md = markdown(&report, &Ticks::new());
    let outliers: usize = report.jobs.iter().map(|j| j.outliers.len()).sum();
    assert!(
        md.contains(&format!("{outliers} outliers (median/MAD")),
        "{md}"
    );
    let lines: Vec<&str> = md
        .lines()
        .filter(|l| l.contains("against a median of"))
        .collect();
    assert!(!lines.is_empty());
    for key in tapis_profile::Bucket::ALL
        .map(|b| b.key())
        .iter()
        .chain(&["total"])
    {
        let raw = format!(": {key} ");
        assert!(
            lines.iter().all(|l| !l.contains(&raw)),
            "{key} in {lines:?}"
        );
    }
    assert!(
        lines.iter().any(|l| l.contains(": Total ")),
        "a total outlier, in words: {lines:?}"
    );
}

#[test]
fn the_markdown_names_what_was_checked_when_nothing_needs_changing() {
    let import = all_fixtures();
    let mut report = analyse(&import, &options());
    report.recommendations.clear();
    // Job objects alone: some checks cannot judge them, and the report says so.
    let md = markdown(&report, &Ticks::new());
    assert!(!report.unjudged.is_empty());
    assert!(!md.contains("Nothing needs changing"), "{md}");
    assert!(
        md.contains("Nothing found in what the 8 checks could judge"),
        "{md}"
    );
    assert!(md.contains("*Slow input staging* could not judge"), "{md}");
    report.unjudged.clear();
    let md = markdown(&report, &Ticks::new());
    assert!(md.contains("Nothing needs changing"), "{md}");
    assert!(md.contains("## I/O checklist"));
}

#[test]
fn file_names_carry_the_local_time_and_the_kind() {
    let at = chrono::NaiveDate::from_ymd_opt(2025, 5, 7)
        .unwrap()
        .and_hms_opt(22, 13, 59)
        .unwrap();
    let names: Vec<String> = ExportKind::ALL.iter().map(|k| file_name(*k, at)).collect();
    assert_eq!(
        names,
        [
            "tapis-profile-20250507-2213.json",
            "tapis-profile-20250507-2213.csv",
            "tapis-profile-20250507-2213.md",
            "tapis-profile-20250507-2213.trace.json",
            "tapis-profile-20250507-2213.svg",
        ]
    );
}

// ------------------------------------------------------------ NDJSON rows

/// A CSV cell as the NDJSON row's typed value says it: null is empty, numbers to
/// the microsecond (the CSV rounds them), warnings joined as the CSV joins them.
fn same_cell(csv: &str, json: &Value) -> bool {
    match json {
        Value::Null => csv.is_empty(),
        Value::String(s) => csv == s,
        Value::Bool(b) => csv == b.to_string(),
        Value::Number(n) => csv
            .parse::<f64>()
            .is_ok_and(|c| (c - n.as_f64().unwrap_or(f64::NAN)).abs() <= 0.5e-6 + 1e-12),
        Value::Array(items) => {
            let joined: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            csv == joined.join("; ")
        }
        Value::Object(_) => false,
    }
}

/// A JSON object's members in the order written (`serde_json::Map` sorts them).
struct Members(Vec<(String, Value)>);

impl<'de> serde::Deserialize<'de> for Members {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Members;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> Result<Members, A::Error> {
                let mut out = Vec::new();
                while let Some(member) = m.next_entry()? {
                    out.push(member);
                }
                Ok(Members(out))
            }
        }
        d.deserialize_map(Visit)
    }
}

/// Checks NDJSON rows against the CSV of the same report: the same rows in the same
/// order, the CSV's columns first under its names, cell by cell the same values.
fn rows_match_csv(what: &str, ndjson: &str, csv: &str, extra: &[&str]) {
    let csv = csv::parse_csv(csv);
    let rows: Vec<Vec<(String, Value)>> = ndjson
        .lines()
        .map(|l| serde_json::from_str::<Members>(l).unwrap().0)
        .collect();
    assert_eq!(rows.len(), csv.len() - 1, "{what}: rows");
    for (row, cells) in rows.iter().zip(&csv[1..]) {
        let keys: Vec<&str> = row.iter().map(|(k, _)| k.as_str()).collect();
        let header: Vec<&str> = csv[0].iter().map(String::as_str).collect();
        assert_eq!(keys, [header.as_slice(), extra].concat(), "{what}: columns");
        for ((key, value), cell) in row.iter().zip(cells) {
            assert!(
                same_cell(cell, value),
                "{what}: {key}: CSV {cell:?}, NDJSON {value}"
            );
        }
    }
}

#[test]
fn the_ndjson_rows_are_the_csv_rows_typed() {
    use tapis_profile::export::{ndjson_rows, Rows};
    for (what, import) in [
        ("all real fixtures", all_fixtures()),
        ("300 synthetic jobs", synthetic(300, 9)),
    ] {
        let report = analyse(&import, &options());
        rows_match_csv(
            what,
            &ndjson_rows(&report, Rows::State),
            &states_csv(&report),
            &["hasHistory", "counted"],
        );
        rows_match_csv(
            what,
            &ndjson_rows(&report, Rows::Job),
            &jobs_csv(&report),
            &[],
        );
        // A row per visit: the report's segments, job by job, numbered per state.
        let visits: Vec<Value> = ndjson_rows(&report, Rows::Visit)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let segments: Vec<_> = report
            .jobs
            .iter()
            .flat_map(|j| j.segments.iter().map(move |s| (j, s)))
            .collect();
        assert_eq!(visits.len(), segments.len(), "{what}");
        for (row, (j, s)) in visits.iter().zip(segments) {
            assert_eq!(row["uuid"], &*j.uuid);
            assert_eq!(row["state"], s.state.name());
            assert_eq!(row["seconds"].as_f64(), Some(s.seconds()));
            assert_eq!(row["open"], s.open);
            let nth = j
                .segments
                .iter()
                .take_while(|t| !std::ptr::eq(*t, s))
                .filter(|t| t.state == s.state)
                .count()
                + 1;
            assert_eq!(row["visit"], nth, "{what}: {}", j.uuid);
            assert_eq!(
                parse_timestamp(row["started"].as_str().unwrap()),
                Some(s.start)
            );
        }
    }
}
