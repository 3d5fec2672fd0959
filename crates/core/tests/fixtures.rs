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
use tapis_profile::analysis::anatomy::Direction;
use tapis_profile::analysis::{analyse, Options};
use tapis_profile::report::{Report, TransferFacts};
use tapis_profile::time::parse_timestamp;
use tapis_profile::transfer_model::Method;
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
            "anatomy": j.anatomy.iter().map(|a| json!([
                a.direction, a.segment, round(a.state_seconds), a.waiting_seconds.map(round),
                a.copying_seconds.map(round), a.lag_seconds.map(round), round(a.rest_seconds), a.notes,
            ])).collect::<Vec<_>>(),
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
            "estimatedSavings": x.estimated_savings.as_ref().map(|s| json!([
                round(s.seconds), round(s.low_seconds), round(s.high_seconds), s.basis,
            ])),
            "savingsUnknown": x.savings_unknown,
        })).collect::<Vec<_>>(),
        "model": r.data_movement.model.0.iter().map(|f| json!([
            f.direction, f.system, f.transfers, f.method, round(f.fixed_seconds.value),
            round(f.per_file_seconds.value), f.per_byte_seconds.map(|c| c.value),
        ])).collect::<Vec<_>>(),
        "goodput": r.goodput.share.map(round),
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
    // By estimated saving: zipping the 5,069 outputs (171.7 s) before archiving
    // a tenth of them (154.5 s); the wall-time request's saving is unknown.
    let ids: Vec<&str> = r.recommendations.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(
        ids,
        ["many-small-files", "slow-archiving", "walltime-request"]
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

/// 5,069 output files archived in 215 s: the ARCHIVING's anatomy, and what
/// zipping the outputs or archiving less would save, with the basis of each.
#[test]
fn fixture_4dfa35e1_shows_its_anatomy_and_an_archive_zip_estimate() {
    let name = "source-ds-history-4dfa35e1-finished-2025.reconstructed.json";
    let text = std::fs::read_to_string(dir().join(name)).unwrap();
    let report = analyse(&assemble(&[read_input(name, &text)]), &options());
    let job = &report.jobs[0];
    let archive = job
        .anatomy
        .iter()
        .find(|a| a.direction == Direction::Out)
        .unwrap();
    // ARCHIVING 22:17:17.635728 → FINISHED 22:20:52.736325; Files copied
    // 22:17:30.040657 → 22:20:21.744321.
    assert!((archive.state_seconds - 215.100597).abs() < 1e-6);
    assert!((archive.waiting_seconds.unwrap() - 12.404929).abs() < 1e-6);
    assert!((archive.copying_seconds.unwrap() - 171.703664).abs() < 1e-6);
    assert!((archive.lag_seconds.unwrap() - 30.992004).abs() < 1e-6);
    assert!(archive.rest_seconds < 1e-6 && archive.notes.is_empty());
    assert_eq!(
        (archive.files, archive.bytes),
        (Some(5069), Some(150_885_718))
    );
    let input = job
        .anatomy
        .iter()
        .find(|a| a.direction == Direction::In)
        .unwrap();
    assert_eq!(input.files, Some(112));
    assert!((input.copying_seconds.unwrap() - 27.198226).abs() < 1e-6);

    // One archive transfer: the per-file model, 33.9 ms a file.
    let fit = report
        .data_movement
        .model
        .for_job(Direction::Out, None)
        .unwrap();
    assert_eq!((fit.method, fit.transfers), (Method::PerFile, 1));
    assert!((fit.per_file_ms() - 171.703664 / 5069.0 * 1000.0).abs() < 1e-6);

    let zip = report
        .recommendations
        .iter()
        .find(|r| r.id == "many-small-files")
        .unwrap();
    let s = zip.estimated_savings.as_ref().unwrap();
    // 5,069 files → one ZIP (151 MB): all but one file's share of the copy.
    assert!(
        (s.seconds - 171.703664 * 5068.0 / 5069.0).abs() < 1e-6,
        "{}",
        s.seconds
    );
    assert!(
        s.basis
            .starts_with("Zipping the outputs of 1 job (5,069 files in 1 transfer → 1 ZIP")
            && s.basis.contains("only 1 transfer"),
        "{}",
        s.basis
    );
    let less = report
        .recommendations
        .iter()
        .find(|r| r.id == "slow-archiving")
        .unwrap();
    let s = less.estimated_savings.as_ref().unwrap();
    assert!((s.seconds - 171.703664 * 0.9).abs() < 1e-6, "{}", s.seconds);
    assert!(s.basis.contains("10.0 % of today's files"), "{}", s.basis);
    assert_eq!(
        report.recommendations[0].id, "many-small-files",
        "the largest saving first"
    );
}

/// An event's text is read once: the assembled jobs and the report hold the records'
/// own copy (P5 in docs/performance.md counts what a copy would cost).
#[test]
fn every_fixture_keeps_one_copy_of_each_events_text() {
    use std::sync::Arc;
    use tapis_profile::EventKind;
    let records = read_fixtures();
    let import = assemble(&records);
    let report = analyse(&import, &options());
    let read: Vec<_> = records
        .iter()
        .flat_map(|r| &r.jobs)
        .flat_map(|j| j.events.iter())
        .collect();
    let (mut messages, mut transfers) = (0, 0);
    for job in &import.jobs {
        for e in job.events.iter() {
            let source = read
                .iter()
                .find(|r| r.created == e.created && r.kind == e.kind)
                .unwrap();
            if let (Some(a), Some(b)) = (&e.message, &source.message) {
                assert!(Arc::ptr_eq(a, b), "{}: a message copied", job.id);
                messages += 1;
            }
            if let (Some(a), Some(b)) = (&e.transfer, &source.transfer) {
                assert!(Arc::ptr_eq(a, b), "{}: a transfer copied", job.id);
                transfers += 1;
            }
        }
        let placed = &report.job(&job.id).unwrap().events;
        let others = job.events.iter().filter_map(|e| match &e.kind {
            EventKind::Other { event, detail } => Some((e, event, detail)),
            EventKind::NewStatus(_) => None,
        });
        assert_eq!(placed.len(), others.clone().count());
        for (p, (e, event, detail)) in placed.iter().zip(others) {
            assert!(Arc::ptr_eq(&p.event, event) && Arc::ptr_eq(&p.detail, detail));
            match (&p.message, &e.message) {
                (Some(a), Some(b)) => {
                    assert!(Arc::ptr_eq(a, b), "{}: copied into the report", job.id)
                }
                (None, None) => {}
                other => panic!("{}: {other:?}", job.id),
            }
        }
    }
    assert!(
        messages > 0 && transfers > 0,
        "{messages} messages, {transfers} transfers"
    );
}

/// A job object is read once: a job that one input's record describes holds that
/// record's own object, and the merge of several gives a job a copy of its own.
#[test]
fn every_fixture_keeps_one_copy_of_each_job_object() {
    use std::sync::Arc;
    let records = read_fixtures();
    let import = assemble(&records);
    let (mut shared, mut merged) = (0, 0);
    for job in &import.jobs {
        let objects: Vec<_> = records
            .iter()
            .flat_map(|r| &r.jobs)
            .filter(|r| r.uuid.is_some() && r.uuid == job.uuid)
            .filter_map(|r| r.info.as_ref())
            .collect();
        match (objects.as_slice(), &job.info) {
            ([only], Some(info)) => {
                assert!(Arc::ptr_eq(only, info), "{}: job object copied", job.id);
                shared += 1;
            }
            ([_, _, ..], Some(info)) => {
                assert!(objects.iter().all(|o| !Arc::ptr_eq(o, info)));
                merged += 1;
            }
            _ => {}
        }
    }
    assert!(shared > 0, "{shared} shared, {merged} merged");
}

/// A history one input gave in time order, without duplicates, is the job's as read:
/// the assembled job holds the record's own list, not a copy of it.
#[test]
fn every_fixture_keeps_one_copy_of_a_history_that_needs_no_merging() {
    use std::sync::Arc;
    let records = read_fixtures();
    let import = assemble(&records);
    let mut shared = 0;
    for job in &import.jobs {
        let from: Vec<_> = records
            .iter()
            .flat_map(|r| &r.jobs)
            .filter(|r| r.uuid.is_some() && r.uuid == job.uuid && !r.events.is_empty())
            .collect();
        if let [only] = from.as_slice() {
            let sorted = only.events.windows(2).all(|w| w[0].created < w[1].created);
            if sorted {
                assert!(Arc::ptr_eq(&only.events, &job.events), "{}", job.id);
                shared += 1;
            } else {
                assert!(!Arc::ptr_eq(&only.events, &job.events), "{}", job.id);
            }
        }
    }
    assert!(shared > 0);
}
