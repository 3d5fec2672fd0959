//! Data-driven tests over every real payload in `fixtures/tapis/`: each is
//! imported and analysed, and a digest of the result (jobs, durations,
//! transfers, recommendations, checklist verdicts, diagnostics) is compared
//! with `fixtures/tapis/expected/<fixture>.json`. All fixtures together are
//! also one import (`all-fixtures.json`): the same job from several files
//! must merge. `UPDATE_EXPECT=1 cargo test -p tapis-profile --test fixtures`
//! rewrites the expected files; review the diff.

mod common;

use common::{dir, fixtures, name, read_fixtures};
use serde_json::{json, Value};
use tapis_profile::analysis::{analyse, Options};
use tapis_profile::report::{Report, TransferFacts};
use tapis_profile::time::parse_timestamp;
use tapis_profile::{assemble, read_input, InputRecords, JobState};

/// A fixed "as of" so open states give the same numbers every run.
fn options() -> Options {
    Options {
        as_of: parse_timestamp("2026-01-01T00:00:00Z"),
        ..Default::default()
    }
}

fn round(v: f64) -> Value {
    json!((v * 1e6).round() / 1e6)
}

fn transfer(t: &Option<TransferFacts>) -> Value {
    match t {
        None => Value::Null,
        Some(t) => json!({
            "count": t.count, "status": t.status, "files": t.files, "bytes": t.bytes,
            "copySeconds": t.copy_seconds.map(round), "delaySeconds": t.delay_seconds.map(round),
            "state": t.state.as_ref().map(JobState::name), "shareOfState": t.share_of_state.map(round),
        }),
    }
}

fn digest(inputs: &[InputRecords], r: &Report) -> Value {
    json!({
        "formats": inputs.iter().map(|i| json!([i.name, i.format])).collect::<Vec<_>>(),
        "jobs": r.jobs.iter().map(|j| json!({
            "uuid": j.uuid,
            "name": j.name,
            "app": j.app_label(),
            "inputs": j.inputs,
            "finalStatus": j.final_status.as_ref().map(JobState::name),
            "condition": j.condition,
            "openState": j.open_state.as_ref().map(JobState::name),
            "totalSeconds": round(j.total_seconds),
            "outsideRunningShare": j.outside_running_share.map(round),
            "durations": j.durations.iter().map(|(s, v)| json!([s.name(), round(*v), j.visits.get(s)])).collect::<Vec<_>>(),
            "buckets": j.buckets.iter().map(|(b, v)| json!([b.key(), round(*v)])).collect::<Vec<_>>(),
            "coarse": j.coarse.as_ref().map(|c| json!([c.total_seconds.map(round), c.before_running_seconds.map(round), c.from_running_seconds.map(round)])),
            "coarsePhases": j.coarse.as_ref().map(|c| c.segments.iter().map(|s| json!([s.phase, round(s.seconds()), s.open])).collect::<Vec<_>>()),
            "stale": j.stale.as_ref().map(|s| json!([s.state.name(), s.since, round(s.bound_seconds), s.included])),
            "counted": j.counted(),
            "events": j.events.iter().map(|e| json!([e.event, e.detail, e.segment])).collect::<Vec<_>>(),
            "transfers": {"input": transfer(&j.transfers.input), "archive": transfer(&j.transfers.archive)},
            "failure": j.failure.as_ref().map(|f| json!({
                "status": f.status.name(), "condition": f.condition, "failedIn": f.failed_in.as_ref().map(JobState::name),
                "reachedRunning": f.reached_running, "secondsToFailure": f.seconds_to_failure.map(round),
                "interactive": f.interactive,
            })),
            "usage": j.usage.as_ref().map(|u| json!({
                "nodes": u.nodes, "cores": u.cores, "maxMinutes": u.max_minutes,
                "walltimeUsedShare": u.walltime_used_share.map(round),
                "nodeHoursRunning": u.node_hours_running.map(round), "hitWalltime": u.hit_walltime,
            })),
            "warnings": j.warnings,
        })).collect::<Vec<_>>(),
        "recommendations": r.recommendations.iter().map(|x| json!({
            "id": x.id, "severity": x.severity, "jobs": x.jobs,
            "timeAtStakeSeconds": round(x.time_at_stake_seconds), "evidence": x.evidence,
        })).collect::<Vec<_>>(),
        "checklist": r.checklist.iter().flat_map(|s| s.items.iter().map(|i| json!([i.id, i.verdict]))).collect::<Vec<_>>(),
        "diagnostics": r.diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
    })
}

fn check(expected_name: &str, inputs: Vec<InputRecords>) {
    let report = analyse(&assemble(&inputs), &options());
    let got = serde_json::to_string_pretty(&digest(&inputs, &report)).unwrap() + "\n";
    let path = dir().join("expected").join(expected_name);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no {}: run with UPDATE_EXPECT=1 to create it",
            path.display()
        )
    });
    assert!(
        want == got,
        "{expected_name} differs from its expected output (UPDATE_EXPECT=1 rewrites it):\n{}",
        first_difference(&want, &got)
    );
}

fn first_difference(want: &str, got: &str) -> String {
    for (i, (w, g)) in want.lines().zip(got.lines()).enumerate() {
        if w != g {
            return format!("line {}:\n  want: {w}\n  got:  {g}", i + 1);
        }
    }
    format!(
        "lengths differ: {} vs {} lines",
        want.lines().count(),
        got.lines().count()
    )
}

#[test]
fn every_fixture_matches_its_expected_output() {
    let all = fixtures();
    assert!(all.len() >= 18, "fixtures went missing: {all:?}");
    for path in &all {
        let text = std::fs::read_to_string(path).unwrap();
        let inputs = vec![read_input(&name(path), &text)];
        assert!(
            inputs[0].read_something(),
            "{}: {:?}",
            name(path),
            inputs[0].diagnostics
        );
        check(&format!("{}.json", name(path)), inputs);
    }
}

#[test]
fn all_fixtures_at_once_merge_the_same_jobs() {
    let inputs = read_fixtures();
    check("all-fixtures.json", inputs);
}

#[test]
fn the_real_opensees_job_spends_most_of_its_time_archiving() {
    let history = std::fs::read_to_string(
        dir().join("source-ds-history-4dfa35e1-finished-2025.reconstructed.json"),
    )
    .unwrap();
    let job = std::fs::read_to_string(dir().join("ds-opensees-mp-s3-getjob.tapipy.txt")).unwrap();
    let import = assemble(&[
        read_input("history.json", &history),
        read_input("getjob.txt", &job),
    ]);
    assert_eq!(import.jobs.len(), 1);
    let r = analyse(&import, &options());
    let j = &r.jobs[0];
    let close = |a: f64, b: f64| (a - b).abs() < 1e-6;
    // API.md §5: every state, and the 3.3 s submission gap before PENDING.
    assert!(close(j.seconds_in(&JobState::Submission), 3.297531));
    assert!(close(j.seconds_in(&JobState::Archiving), 215.100597));
    assert!(close(j.seconds_in(&JobState::Running), 25.832062));
    assert!(close(j.seconds_in(&JobState::StagingInputs), 46.403720));
    assert!(close(j.total_seconds, 334.653272 + 3.297531));
    assert_eq!(j.segments.len(), 9);
    let usage = j.usage.as_ref().unwrap();
    assert_eq!(
        (usage.nodes, usage.cores, usage.max_minutes),
        (Some(2), Some(96), Some(100))
    );
    let ids: Vec<&str> = r.recommendations.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(
        ids,
        ["slow-archiving", "many-small-files", "walltime-request"]
    );
}

#[test]
fn every_fixture_survives_a_bundle_round_trip() {
    let inputs = read_fixtures();
    let jobs = assemble(&inputs).jobs;
    let again = assemble(&[read_input("bundle.json", &tapis_profile::to_bundle(&jobs))]);
    assert!(again.diagnostics.is_empty(), "{:?}", again.diagnostics);
    let strip = |js: &[tapis_profile::Job]| -> Vec<tapis_profile::Job> {
        js.iter()
            .cloned()
            .map(|j| tapis_profile::Job {
                inputs: vec![],
                ..j
            })
            .collect()
    };
    assert_eq!(strip(&again.jobs), strip(&jobs));
}
