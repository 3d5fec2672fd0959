//! The binary as a user runs it: files and stdin in, each format out, exit
//! codes, diagnostics on stderr, `synth` round-tripping through the analyser.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_tapis-profile");
const AS_OF: &str = "--as-of=2026-01-01T00:00:00Z";

fn fixture(name: &str) -> String {
    format!("{}/../../fixtures/tapis/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn json_is_the_report_with_the_documented_fields() {
    let history = fixture("source-ds-history-4dfa35e1-finished-2025.reconstructed.json");
    let out = run(&[&history, "--format", "json", AS_OF], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let job = &report["jobs"][0];
    assert_eq!(job["uuid"], "4dfa35e1-15cd-48fd-a090-f348544dee1f-007");
    assert_eq!(job["finalStatus"], "FINISHED");
    assert!((job["durations"]["ARCHIVING"].as_f64().unwrap() - 215.100597).abs() < 1e-6);
    assert!((job["totalSeconds"].as_f64().unwrap() - 334.653272).abs() < 1e-6);
    assert_eq!(job["openState"], serde_json::Value::Null);
    assert_eq!(job["transfers"]["archive"]["files"], 5069);
    assert_eq!(job["transfers"]["input"]["bytes"], 2859879);
    assert!(job["warnings"].is_array());
    // The largest estimated saving first: zipping the 5,069 outputs.
    let first = &report["recommendations"][0];
    assert_eq!(first["id"], "many-small-files");
    assert_eq!(first["jobs"][0], job["uuid"]);
    let saving = &first["estimatedSavings"];
    assert!((saving["seconds"].as_f64().unwrap() - 171.703664 * 5068.0 / 5069.0).abs() < 1e-6);
    assert!(saving["lowSeconds"].is_f64() && saving["highSeconds"].is_f64());
    assert!(saving["basis"]
        .as_str()
        .unwrap()
        .starts_with("Zipping the outputs"));
    let anatomy = &job["anatomy"][1];
    assert_eq!(anatomy["direction"], "out");
    assert!((anatomy["copyingSeconds"].as_f64().unwrap() - 171.703664).abs() < 1e-6);
    assert_eq!(report["dataMovement"]["model"][1]["method"], "per-file");
    assert!(report["goodput"]["share"].is_f64());
    assert_eq!(report["whatIf"]["archivedShare"], 0.1);
    assert!(report["diagnostics"].is_array());
    // And it reads back into the core's Report.
    let back: tapis_profile::Report = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(back.jobs.len(), 1);
}

#[test]
fn the_archived_share_and_charge_rates_come_from_the_flags() {
    let history = fixture("source-ds-history-4dfa35e1-finished-2025.reconstructed.json");
    let json = |extra: &[&str]| {
        let mut args = vec![history.as_str(), "--format", "json", AS_OF];
        args.extend_from_slice(extra);
        let out = run(&args, None);
        assert!(out.status.success(), "{}", text(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let archiving = |r: &serde_json::Value| {
        r["recommendations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == "slow-archiving")
            .unwrap()["estimatedSavings"]["seconds"]
            .as_f64()
            .unwrap()
    };
    let half = json(&["--archived-share", "0.5", "--charge-rate", "mine/batch=0.5"]);
    assert!((archiving(&half) - 171.703664 * 0.5).abs() < 1e-6);
    assert_eq!(half["whatIf"]["archivedShare"], 0.5);
    let rates = half["whatIf"]["chargeRates"].as_array().unwrap();
    assert!(rates
        .iter()
        .any(|r| r["system"] == "mine" && r["suPerNodeHour"] == 0.5));
    let out = run(&[&history, "--archived-share", "1.5", AS_OF], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--archived-share"));
}

#[test]
fn stdin_and_every_format() {
    let tapipy = std::fs::read_to_string(fixture(
        "source-ds-history-4dfa35e1-finished-2025.tapipy.txt",
    ))
    .unwrap();
    for (format, needle) in [
        ("table", "ARCHIVING"),
        (
            "csv",
            "uuid,name,appId,appVersion,execSystem,queue,finalStatus,condition,state,",
        ),
        ("jobs-csv", "uuid,name,appId"),
        ("md", "# Tapis job profile"),
        ("trace", "\"traceEvents\""),
        ("export", "\"format\":\"tapis-profile-export\""),
        ("json", "\"schema\": \"tapis-profile-report\""),
    ] {
        let out = run(&["-", "--format", format, AS_OF], Some(&tapipy));
        assert!(out.status.success(), "{format}: {}", text(&out.stderr));
        assert!(
            text(&out.stdout).contains(needle),
            "{format}: {}",
            text(&out.stdout)
        );
    }
}

#[test]
fn good_inputs_are_analysed_when_others_fail_and_problems_go_to_stderr() {
    let history = fixture("source-tapisdocs-history-finished-2021.json");
    let out = run(
        &[&history, "-", "/no/such/file", AS_OF, "--format=jobs-csv"],
        Some("[{\"event\": oops"),
    );
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout).lines().count(),
        2,
        "{}",
        text(&out.stdout)
    );
    let err = text(&out.stderr);
    assert!(err.contains("(stdin):1:12: error: not valid JSON"), "{err}");
    assert!(err.contains("cannot read /no/such/file"), "{err}");
}

#[test]
fn nothing_readable_is_a_clear_failure() {
    let out = run(&["-", AS_OF], Some("hello, world"));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("nothing could be read"),
        "{}",
        text(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let out = run(&["--format", "yaml", "x"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown format"));
}

#[test]
fn synth_writes_bundles_and_histories_the_analyser_reads() {
    let bundle = run(&["synth", "--jobs", "40", "--seed", "3"], None);
    assert!(bundle.status.success());
    let again = run(&["synth", "--jobs", "40", "--seed", "3"], None);
    assert_eq!(bundle.stdout, again.stdout, "same seed, same bytes");
    let history = run(
        &["synth", "--jobs", "40", "--seed", "3", "--shape", "history"],
        None,
    );
    for input in [&bundle.stdout, &history.stdout] {
        let out = run(&["-", "--format", "json", AS_OF], Some(&text(input)));
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["jobs"].as_array().unwrap().len(), 40);
    }
}

#[test]
fn an_export_reads_back_to_the_same_report() {
    let history = fixture("source-ds-history-4dfa35e1-finished-2025.reconstructed.json");
    let job = fixture("ds-opensees-mp-s3-getjob.tapipy.txt");
    let export = run(&[&history, &job, "--format", "export", AS_OF], None);
    assert!(export.status.success(), "{}", text(&export.stderr));
    let first = run(&[&history, &job, "--format", "json", AS_OF, "-q"], None);
    let again = run(
        &["-", "--format", "json", AS_OF],
        Some(&text(&export.stdout)),
    );
    assert!(again.stderr.is_empty(), "{}", text(&again.stderr));
    let without_inputs = |out: &Output| {
        let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        for j in v["jobs"].as_array_mut().unwrap() {
            j["inputs"] = serde_json::Value::Null;
        }
        v["diagnostics"] = serde_json::Value::Null;
        v
    };
    assert_eq!(without_inputs(&again), without_inputs(&first));
}

#[test]
fn a_byte_order_mark_is_read_past_as_the_page_reads_past_it() {
    let history =
        std::fs::read_to_string(fixture("source-tapisdocs-history-finished-2021.json")).unwrap();
    let plain = run(&["-", "--format", "json", AS_OF], Some(&history));
    let bom = run(
        &["-", "--format", "json", AS_OF],
        Some(&format!("\u{feff}{history}")),
    );
    assert!(bom.status.success(), "{}", text(&bom.stderr));
    assert_eq!(text(&bom.stdout), text(&plain.stdout));
    assert_eq!(text(&bom.stderr), text(&plain.stderr));
}

#[test]
fn ndjson_and_the_tapis_tables_are_one_json_object_a_line() {
    let history = fixture("source-ds-history-4dfa35e1-finished-2025.reconstructed.json");
    let job = fixture("source-ds-job-4dfa35e1-finished-2025.reconstructed.json");
    let lines = |args: &[&str]| -> Vec<serde_json::Value> {
        let out = run(args, None);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let states = lines(&[&history, &job, "--format", "ndjson", AS_OF]);
    assert_eq!(states.len(), 9, "SUBMISSION and eight states entered");
    assert_eq!(states[0]["state"], "SUBMISSION");
    let visits = lines(&[&history, &job, "--format=ndjson", "--rows=visit", AS_OF]);
    assert_eq!(visits.len(), 9);
    let jobs = lines(&[&history, &job, "--format", "ndjson", "--rows", "job", AS_OF]);
    assert_eq!(jobs.len(), 1);
    assert!((jobs[0]["ARCHIVING_seconds"].as_f64().unwrap() - 215.100597).abs() < 1e-6);
    let events = lines(&[&history, &job, "--format", "tapis-events"]);
    assert_eq!(events.len(), 12);
    assert_eq!(events[0]["event_detail"], "PENDING");
    assert_eq!(
        events[0]["job_uuid"],
        "4dfa35e1-15cd-48fd-a090-f348544dee1f-007"
    );
    let jobs = lines(&[&history, &job, "--format", "tapis-jobs"]);
    assert_eq!(jobs[0]["exec_system_logical_queue"], "skx-dev");

    let out = run(&[&history, "--format", "csv", "--rows", "job"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--rows goes with --format ndjson"));
}

#[test]
fn zombies_are_stale_and_left_out_unless_included() {
    let bundle = run(
        &["synth", "--jobs", "60", "--seed", "4", "--zombies", "5"],
        None,
    );
    assert!(bundle.status.success(), "{}", text(&bundle.stderr));
    let report = |extra: &[&str]| {
        let mut args = vec!["-", "--format", "json", "--as-of=2026-11-20T12:00:00Z"];
        args.extend(extra);
        let out = run(&args, Some(&text(&bundle.stdout)));
        assert!(out.status.success(), "{}", text(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let left = report(&[]);
    let stale: Vec<&serde_json::Value> = left["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|j| !j["stale"].is_null())
        .collect();
    assert_eq!(stale.len(), 5);
    assert_eq!(left["includeStale"], false);
    assert_eq!(left["aggregate"]["jobs"], 55);
    assert_eq!(left["aggregate"]["totals"]["staleLeftOut"], 5);
    let counted = report(&["--include-stale"]);
    assert_eq!(counted["includeStale"], true);
    assert_eq!(counted["aggregate"]["jobs"], 60);
    let wall = |r: &serde_json::Value| r["aggregate"]["totals"]["wallSeconds"].as_f64().unwrap();
    assert!(
        wall(&counted) > wall(&left) + 5.0 * 300.0 * 86_400.0,
        "a year and more each"
    );
    // The table says so, and how to count them.
    let table = run(
        &["-", "--as-of=2026-11-20T12:00:00Z"],
        Some(&text(&bundle.stdout)),
    );
    let said = text(&table.stdout);
    assert!(said.contains("5 jobs stale"), "{said}");
    assert!(said.contains("past their last event"), "{said}");
    assert!(said.contains("--include-stale counts them"), "{said}");
    assert!(said.contains("(stale)"), "{said}");
}

/// A sweep of two app versions, written by `synth --sweep` to a file of its own.
fn sweep_file(jobs: usize) -> String {
    let out = run(
        &[
            "synth",
            "--sweep",
            "--jobs",
            &jobs.to_string(),
            "--seed",
            "5",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let path = std::env::temp_dir().join(format!(
        "tapis-profile-sweep-{}-{jobs}.json",
        std::process::id()
    ));
    std::fs::write(&path, &out.stdout).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn compare_shows_which_states_differ_between_two_versions() {
    let file = sweep_file(200);
    let args = [
        "compare",
        "--a",
        "appVersion=1.2",
        "--b",
        "appVersion=1.3",
        &file,
        AS_OF,
    ];
    let out = run(&[&args[..], &["--format", "json"]].concat(), None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let c: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(c["schema"], "tapis-profile-comparison");
    assert_eq!(
        (c["a"]["jobs"].as_u64(), c["b"]["jobs"].as_u64()),
        (Some(100), Some(100))
    );
    let staging = c["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["metric"] == "STAGING_INPUTS")
        .unwrap();
    assert_eq!(staging["verdict"], "shorter");
    assert!(staging["medianDifference"].as_f64().unwrap() < -60.0);
    let interval = staging["interval"].as_array().unwrap();
    assert!(interval[1].as_f64().unwrap() < 0.0);
    assert_eq!(c["attributes"][0]["key"], "input-files");
    // The same numbers in words: the table and the Markdown report's section.
    let table = text(&run(&args, None).stdout);
    let line = table
        .lines()
        .find(|l| l.starts_with("STAGING_INPUTS"))
        .unwrap();
    assert!(line.ends_with("B is faster"), "{line}");
    let md = text(&run(&[&args[..], &["--format", "md"]].concat(), None).stdout);
    assert!(md.starts_with("# Tapis job profile"), "the whole report");
    assert!(md.contains("## Comparison: A `version=1.2` against B `version=1.3`"));
    assert!(md.contains("| STAGING_INPUTS |"));
    assert!(md.contains("### Attributes that differ most"));
    // Again, the same interval: it is seeded.
    assert_eq!(
        run(&[&args[..], &["--format", "json"]].concat(), None).stdout,
        out.stdout
    );
    let _ = std::fs::remove_file(file);
}

#[test]
fn compare_says_what_is_wrong_with_a_cohort() {
    let file = fixture("source-tapisdocs-joblist-2021.json");
    let out = run(
        &[
            "compare",
            "--a",
            "version=9",
            "--b",
            "rest",
            &file,
            AS_OF,
            "-q",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("cohort A (version=9) holds no job counted; version has"),
        "{err}"
    );
    let out = run(
        &["compare", "--a", "colour=red", "--b", "rest", &file],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown key \"colour\""));
}

#[test]
fn compare_reads_real_job_lists() {
    // Real lists, messy: the finished jobs against the rest, whatever their history.
    let files = [
        fixture("source-tapisdocs-joblist-2021.json"),
        fixture("source-ds-joblist-failed-2024.reconstructed.json"),
        fixture("source-ds-history-4dfa35e1-finished-2025.reconstructed.json"),
        fixture("source-ds-job-4dfa35e1-finished-2025.reconstructed.json"),
    ];
    let mut args = vec![
        "compare",
        "--a",
        "status=FINISHED",
        "--b",
        "rest",
        "--format",
        "json",
        AS_OF,
        "-q",
    ];
    args.extend(files.iter().map(String::as_str));
    let out = run(&args, None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let c: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let (a, b) = (
        c["a"]["jobs"].as_u64().unwrap(),
        c["b"]["jobs"].as_u64().unwrap(),
    );
    assert!(a >= 1 && b >= 1, "{a} {b}");
    for row in c["rows"].as_array().unwrap() {
        assert_eq!(
            row["verdict"], "too-few",
            "too few jobs for an interval: {row}"
        );
    }
}

#[test]
fn load_explains_the_blocked_jobs_of_a_sweep() {
    let file = sweep_file(100);
    let out = run(&["load", "--format", "json", &file, AS_OF], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let l: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(l["schema"], "tapis-profile-load");
    let blocked = l["blocked"].as_array().unwrap();
    assert!(blocked.len() > 30, "{}", blocked.len());
    assert!(blocked
        .iter()
        .all(|v| v["activeWhenBlocked"].as_u64().unwrap() >= 6));
    assert_eq!(l["peaks"][0]["systemQueue"], "frontera / normal");
    let steps = l["steps"].as_array().unwrap();
    assert!(steps.last().unwrap()["counts"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c == 0));
    let table = text(&run(&["load", &file, AS_OF], None).stdout);
    assert!(table.contains("visits to BLOCKED"), "{table}");
    assert!(table.contains("Spread submissions out over time"));
    let md = text(&run(&["load", "--format", "md", &file, AS_OF], None).stdout);
    assert!(md.starts_with("\n## Load over time"));
    assert!(md.contains("### BLOCKED"));
    let _ = std::fs::remove_file(file);
}

#[test]
fn trends_are_per_week_over_a_month_of_submissions() {
    let file = sweep_file(400);
    let out = run(&["trends", "--format", "json", &file, AS_OF], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let t: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(t["period"], "week");
    let periods = t["periods"].as_array().unwrap();
    assert_eq!(periods[0], "2025-W09");
    assert_eq!(
        t["jobs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_u64().unwrap())
            .sum::<u64>(),
        400
    );
    let series: Vec<&str> = t["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["metric"].as_str().unwrap())
        .collect();
    assert!(
        series.contains(&"queue-wait") && series.contains(&"total"),
        "{series:?}"
    );
    let table = text(&run(&["trends", &file, AS_OF], None).stdout);
    assert!(
        table.contains("Queue wait on frontera / normal:"),
        "{table}"
    );
    let _ = std::fs::remove_file(file);
}
