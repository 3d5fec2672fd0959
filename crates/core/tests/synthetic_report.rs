//! The statistics across many jobs — aggregates per group, outliers,
//! recommendations and their savings, the transfer model, goodput, checklist — on 400 seeded synthetic jobs, against
//! `fixtures/synthetic/expected/report-400-s7.json`. The real fixtures hold too
//! few jobs to exercise them; this pins them while their code is made faster
//! (the expected file was written by the code before that work).
//! `UPDATE_EXPECT=1 cargo test -p tapis-profile --test synthetic_report` rewrites it.

use std::path::Path;

use serde_json::{json, Value};
use tapis_profile::analysis::{analyse, Options};
use tapis_profile::synthetic::{generate, Config};
use tapis_profile::time::parse_timestamp;
use tapis_profile::{import_text, to_bundle};

#[test]
fn many_jobs_give_the_same_statistics() {
    let jobs = generate(&Config {
        jobs: 400,
        seed: 7,
        ..Config::default()
    });
    let import = import_text("synthetic.json", &to_bundle(&jobs));
    let report = analyse(
        &import,
        &Options {
            as_of: parse_timestamp("2026-01-01T00:00:00Z"),
            ..Default::default()
        },
    );
    let outliers: Vec<Value> = report
        .jobs
        .iter()
        .enumerate()
        .filter(|(_, j)| !j.outliers.is_empty())
        .map(|(i, j)| json!([i, j.outliers]))
        .collect();
    let recommendations: Vec<Value> = report
        .recommendations
        .iter()
        .map(|r| {
            json!([
                r.id,
                r.severity,
                r.jobs.len(),
                r.time_at_stake_seconds,
                r.evidence,
                r.estimated_savings
                    .as_ref()
                    .map(|s| [s.seconds, s.low_seconds, s.high_seconds]),
                r.savings_unknown
            ])
        })
        .collect();
    let got = serde_json::to_string_pretty(&json!({
        "aggregate": report.aggregate,
        "outliers": outliers,
        "recommendations": recommendations,
        "dataMovement": report.data_movement,
        "goodput": report.goodput,
        "checklist": report.checklist.iter().flat_map(|s| s.items.iter().map(|i| json!([i.id, i.verdict]))).collect::<Vec<_>>(),
    }))
    .unwrap()
        + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/synthetic/expected/report-400-s7.json");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).expect("the expected report (UPDATE_EXPECT=1)");
    if let Some((i, (w, g))) = want
        .lines()
        .zip(got.lines())
        .enumerate()
        .find(|(_, (w, g))| w != g)
    {
        panic!("line {}:\n  want: {w}\n  got:  {g}", i + 1);
    }
    assert_eq!(want.lines().count(), got.lines().count());
}
