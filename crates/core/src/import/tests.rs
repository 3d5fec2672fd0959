use super::*;
use crate::job_state::JobState;
use crate::model::{EventKind, JobInfo, Location, Severity};

const EVENT: &str = r#"{"event":"JOB_NEW_STATUS","created":"2025-05-07T22:15:18.083053Z",
    "eventDetail":"PENDING","description":"{\"jobUuid\":\"u-1\",\"jobName\":\"n\",\"message\":\"m\"}"}"#;

fn status(uuid: &str, state: &str, at: &str) -> String {
    format!(
        r#"{{"event":"JOB_NEW_STATUS","created":"{at}","eventDetail":"{state}","description":"{{\"jobUuid\":\"{uuid}\"}}","transferSummary":{{}}}}"#
    )
}

#[test]
fn reads_the_envelope_and_the_bare_array_alike() {
    let bare = import_text("a", &format!("[{EVENT}]"));
    let envelope = import_text(
        "b",
        &format!(r#"{{"result":[{EVENT}],"status":"success"}}"#),
    );
    assert_eq!(bare.jobs[0].events, envelope.jobs[0].events);
    assert_eq!(bare.jobs[0].uuid.as_deref(), Some("u-1"));
    assert_eq!(&*bare.jobs[0].id, "u-1");
    assert_eq!(bare.jobs[0].name.as_deref(), Some("n"));
    // Status events keep no message (Tapis' restates the transition).
    assert_eq!(bare.jobs[0].events[0].message, None);
    assert!(bare.diagnostics.is_empty(), "{:?}", bare.diagnostics);
}

#[test]
fn invalid_json_says_where() {
    let out = import_text("paste", "[\n  {\"event\": }\n]");
    assert!(out.jobs.is_empty());
    let d = &out.diagnostics[0];
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(
        d.location,
        Some(Location {
            line: 2,
            column: 13
        })
    );
    assert!(d.message.starts_with("not valid JSON"), "{}", d.message);
    assert!(!d.message.contains("at line"), "{}", d.message);
}

#[test]
fn reads_the_2021_schema() {
    let old = r#"[{"event":"JOB_NEW_STATUS","created":"2021-07-21T19:30:04.616Z",
        "jobStatus":"QUEUED","description":"The job has transitioned to a new status: QUEUED."}]"#;
    let out = import_text("old", old);
    assert_eq!(
        out.jobs[0].events[0].kind,
        EventKind::NewStatus(JobState::Queued)
    );
    assert_eq!(out.jobs[0].events[0].message, None);
    // No UUID anywhere: the job is known by the input's name.
    assert_eq!(&*out.jobs[0].id, "old");
    assert_eq!(out.jobs[0].uuid, None);
}

#[test]
fn skips_bad_events_but_keeps_good_ones_and_says_where() {
    let text = format!("[{EVENT},\n {{\"event\":\"JOB_NEW_STATUS\",\"created\":\"soon\"}}, 3]");
    let out = import_text("mixed", &text);
    assert_eq!(out.jobs[0].events.len(), 1);
    assert_eq!(out.diagnostics.len(), 2, "{:?}", out.diagnostics);
    assert!(out
        .diagnostics
        .iter()
        .all(|d| d.severity == Severity::Warning));
    assert_eq!(
        out.diagnostics[0].location,
        Some(Location { line: 3, column: 2 })
    );
    assert!(
        out.diagnostics[0].message.contains("event 2"),
        "{}",
        out.diagnostics[0]
    );
}

#[test]
fn wrong_shapes_are_errors_not_panics() {
    for text in [
        "3",
        "{}",
        "{\"result\": 4}",
        "[]",
        "\"x\"",
        "",
        "\u{0}\u{ff}",
        "null",
    ] {
        let out = import_text("x", text);
        assert!(out.jobs.is_empty(), "{text}");
        assert_eq!(
            out.diagnostics[0].severity,
            Severity::Error,
            "{text}: {:?}",
            out.diagnostics
        );
    }
}

#[test]
fn pages_ndjson_and_concatenated_arrays_make_one_job() {
    let a = status("u-1", "PENDING", "2025-01-01T00:00:00Z");
    let b = status("u-1", "RUNNING", "2025-01-01T00:00:10Z");
    let c = status("u-1", "FINISHED", "2025-01-01T00:00:20Z");
    let pages = format!(r#"{{"result":[{a},{b}]}} {{"result":[{c}]}}"#);
    let arrays = format!("[{a},{b}]\n[{c}]");
    let ndjson = format!("{a}\n{b}\n{c}\n");
    for text in [pages, arrays, ndjson] {
        let out = import_text("x", &text);
        assert_eq!(out.jobs.len(), 1, "{text}");
        assert_eq!(out.jobs[0].events.len(), 3, "{text}");
        assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    }
}

#[test]
fn a_broken_ndjson_line_costs_only_that_line() {
    let a = status("u-1", "PENDING", "2025-01-01T00:00:00Z");
    let c = status("u-1", "FINISHED", "2025-01-01T00:00:20Z");
    let out = import_text("x.ndjson", &format!("{a}\n{{\"event\": oops\n{c}\n"));
    assert_eq!(out.jobs[0].events.len(), 2);
    assert_eq!(out.diagnostics.len(), 1);
    assert_eq!(out.diagnostics[0].location.map(|l| l.line), Some(2));
    assert_eq!(out.diagnostics[0].action, "this line skipped");
}

#[test]
fn events_are_grouped_by_job_sorted_and_deduplicated() {
    let a1 = status("u-1", "PENDING", "2025-01-01T00:00:00Z");
    let a2 = status("u-1", "FINISHED", "2025-01-01T00:00:20Z");
    let b1 = status("u-2", "PENDING", "2025-01-01T00:00:05Z");
    let text = format!("[{a2},{b1},{a1},{a1}]");
    let out = import_text("x", &text);
    assert_eq!(out.jobs.len(), 2);
    let j = &out.jobs[0];
    assert_eq!(&*j.id, "u-1");
    assert_eq!(j.events.len(), 2);
    assert!(j.events[0].created < j.events[1].created);
    let messages: Vec<&str> = out.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "the history was not in time order",
            "1 exact duplicate event"
        ],
        "{:?}",
        out.diagnostics
    );
    assert!(out.diagnostics.iter().all(|d| d.severity == Severity::Info));
    assert!(out
        .diagnostics
        .iter()
        .all(|d| d.job.as_deref() == Some("u-1")));
}

#[test]
fn the_same_job_from_several_inputs_is_merged() {
    let history = format!("[{}]", status("u-1", "PENDING", "2025-01-01T00:00:10Z"));
    let job = r#"{"result":{"uuid":"u-1","status":"FINISHED","created":"2025-01-01T00:00:00Z","appId":"app"}}"#;
    let out = import_all([("h.json", history.as_str()), ("j.json", job)]);
    assert_eq!(out.jobs.len(), 1);
    let j = &out.jobs[0];
    assert_eq!(j.inputs, vec!["h.json".into(), "j.json".into()]);
    assert_eq!(j.info.as_ref().unwrap().app_id.as_deref(), Some("app"));
    // History ends PENDING, the job object says FINISHED.
    assert!(out
        .diagnostics
        .iter()
        .any(|d| d.message.contains("ends in PENDING")));
}

#[test]
fn a_history_of_exactly_one_page_is_flagged_as_possibly_truncated() {
    let events: Vec<String> = (0..100)
        .map(|i| {
            status(
                "u-1",
                "RUNNING",
                &format!("2025-01-01T00:{:02}:{:02}Z", i / 60, i % 60),
            )
        })
        .collect();
    let out = import_text("x", &format!("[{}]", events.join(",")));
    let d = out
        .diagnostics
        .iter()
        .find(|d| d.message.contains("truncated"))
        .unwrap();
    assert_eq!(d.severity, Severity::Warning);
    let out = import_text("x", &format!("[{}]", events[..99].join(",")));
    assert!(!out
        .diagnostics
        .iter()
        .any(|d| d.message.contains("truncated")));
}

#[test]
fn unknown_states_and_event_types_are_kept_and_reported() {
    let text = format!(
        "[{}, {}]",
        status("u-1", "ARCHIVED", "2025-01-01T00:00:00Z"),
        r#"{"event":"JOB_TELEPORTED","created":"2025-01-01T00:00:01Z","eventDetail":"X","description":"{\"jobUuid\":\"u-1\"}"}"#
    );
    let out = import_text("x", &text);
    assert_eq!(out.jobs[0].events.len(), 2);
    assert_eq!(
        out.jobs[0].events[0].kind,
        EventKind::NewStatus(JobState::Unknown("ARCHIVED".into()))
    );
    assert!(out
        .diagnostics
        .iter()
        .any(|d| d.message.contains("\"ARCHIVED\"")));
    assert!(out
        .diagnostics
        .iter()
        .any(|d| d.message.contains("\"JOB_TELEPORTED\"")));
}

#[test]
fn python_reprs_and_fragments_read_like_json() {
    let py =
        "{'uuid': 'u-1', 'status': 'FAILED', 'condition': None, 'nodeCount': 2, 'isMpi': False}";
    let fragment = "'JobMetadata': {'uuid': 'u-1', 'status': 'FAILED'},";
    for text in [py, fragment] {
        let out = import_text("nb", text);
        assert_eq!(out.jobs.len(), 1, "{text}: {:?}", out.diagnostics);
        assert_eq!(
            out.jobs[0].info.as_ref().unwrap().status,
            Some(JobState::Failed)
        );
    }
}

#[test]
fn a_status_notification_is_a_status_event() {
    let n = r#"{"event":{"type":"jobs.JOB_NEW_STATUS.STAGING_INPUTS","subject":"u-9",
        "data":"{\"newJobStatus\":\"STAGING_INPUTS\",\"jobUuid\":\"u-9\"}","timestamp":"2023-02-16T22:59:34.182630973Z"},
        "created":"2023-02-16T22:59:34.214247036Z"}"#;
    let out = import_text("n", n);
    assert_eq!(&*out.jobs[0].id, "u-9");
    assert_eq!(
        out.jobs[0].events[0].kind,
        EventKind::NewStatus(JobState::StagingInputs)
    );
}

#[test]
fn a_bundle_round_trips() {
    let a = status("u-1", "PENDING", "2025-01-01T00:00:00.5Z");
    let b = r#"{"event":"JOB_INPUT_TRANSACTION_ID","created":"2025-01-01T00:00:09.123456789Z","eventDetail":"COMPLETED",
        "description":"{\"jobUuid\":\"u-1\",\"message\":\"{looks like json}\"}",
        "transferSummary":{"uuid":"t","status":"COMPLETED","totalBytesTransferred":12,"totalTransfers":3,"completeTransfers":3,
        "created":"2025-01-01T00:00:01Z","startTime":"2025-01-01T00:00:02Z","endTime":""}}"#;
    let job = r#"{"uuid":"u-1","status":"RUNNING","created":"2024-12-31T23:59:59Z","maxMinutes":60,
        "fileInputs":"[{\"sourceUrl\":\"tapis://s/p\"}]","notes":{"isInteractive":false}}"#;
    let anon =
        r#"[{"event":"JOB_NEW_STATUS","created":"2021-01-01T00:00:00Z","jobStatus":"QUEUED"}]"#;
    let first = import_all([
        ("h", format!("[{a},{b}]").as_str()),
        ("j", job),
        ("anon.json", anon),
    ]);
    assert_eq!(first.jobs.len(), 2);
    let again = import_text("bundle.json", &to_bundle(&first.jobs));
    assert!(again.diagnostics.is_empty(), "{:?}", again.diagnostics);
    let strip = |jobs: &[Job]| -> Vec<Job> {
        jobs.iter()
            .cloned()
            .map(|j| Job {
                inputs: vec![],
                ..j
            })
            .collect()
    };
    assert_eq!(strip(&again.jobs), strip(&first.jobs));
    let pretty = import_text("bundle.json", &to_bundle_pretty(&first.jobs));
    assert_eq!(strip(&pretty.jobs), strip(&first.jobs));
}

#[test]
fn a_bundle_says_when_it_was_captured_for_all_or_one_of_its_jobs() {
    let entry = |uuid: &str, extra: &str| {
        format!(
            r#"{{"uuid":"{uuid}","job":null,{extra}"history":[{{"event":"JOB_NEW_STATUS","created":"2025-01-01T00:00:00Z","eventDetail":"RUNNING"}}]}}"#
        )
    };
    let text = format!(
        r#"{{"format":"tapis-profile-bundle","version":1,"capturedAt":"2025-01-01T01:00:00Z","jobs":[{},{},{}]}}"#,
        entry("a", ""),
        entry("b", r#""capturedAt":"2025-01-01T00:10:00Z","#),
        entry("c", r#""capturedAt":"soon","#),
    );
    let import = import_text("bundle.json", &text);
    let at = |t: &str| crate::time::parse_timestamp(t);
    let captured: Vec<_> = import.jobs.iter().map(|j| j.captured).collect();
    assert_eq!(
        captured,
        [
            at("2025-01-01T01:00:00Z"),
            at("2025-01-01T00:10:00Z"),
            at("2025-01-01T01:00:00Z"),
        ]
    );
    let bad: Vec<_> = import
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("capturedAt"))
        .collect();
    assert_eq!(bad.len(), 1, "{:?}", import.diagnostics);
    assert_eq!(bad[0].severity, Severity::Warning);
    assert!(bad[0].message.contains("\"soon\""), "{}", bad[0].message);

    let report = crate::analysis::analyse(
        &import,
        &crate::analysis::Options {
            as_of: at("2026-01-01T00:00:00Z"),
            ..Default::default()
        },
    );
    let totals: Vec<f64> = report.jobs.iter().map(|j| j.total_seconds).collect();
    assert_eq!(totals, [3600.0, 600.0, 3600.0]);

    // The same job also read from a Tapis response (no capture time): up to "now".
    let live = format!("[{}]", status("b", "RUNNING", "2025-01-01T00:00:00Z"));
    let both = import_all([("bundle.json", text.as_str()), ("live.json", live.as_str())]);
    let b = both.jobs.iter().find(|j| &*j.id == "b").unwrap();
    assert_eq!(b.captured, None);
}

#[test]
fn real_tapipy_history_reads_like_its_json() {
    let json = include_str!(
        "../../../../fixtures/tapis/source-ds-history-4dfa35e1-finished-2025.reconstructed.json"
    );
    let text = include_str!(
        "../../../../fixtures/tapis/source-ds-history-4dfa35e1-finished-2025.tapipy.txt"
    );
    let a = import_text("json", json);
    let b = import_text("tapipy", text);
    assert_eq!(read_input("tapipy", text).format, InputFormat::TapipyText);
    assert!(b.diagnostics.is_empty(), "{:?}", b.diagnostics);
    assert_eq!(a.jobs[0].events, b.jobs[0].events);
    assert_eq!(b.jobs[0].events.len(), 12);
}

/// Read, each distinct text of an input is one copy all its jobs share: the job
/// objects' owner, app and system, the events' types and details, in a bundle and in
/// history responses alike (P5 in docs/performance.md; messages are shared by the
/// hand-off, `tests/handoff.rs`).
#[test]
fn an_inputs_repeated_texts_are_one_copy() {
    use crate::synthetic::{generate, to_history_envelopes, Config};
    use std::sync::Arc;
    let jobs = generate(&Config {
        jobs: 20,
        seed: 7,
        ..Config::default()
    });
    for (name, text) in [
        ("bundle", to_bundle(&jobs)),
        ("histories", to_history_envelopes(&jobs)),
    ] {
        let read = read_input(name, &text);
        let mut first: std::collections::HashMap<String, Arc<str>> = Default::default();
        let mut texts = 0;
        let mut one = |t: &Arc<str>| {
            texts += 1;
            let kept = first.entry(t.to_string()).or_insert_with(|| t.clone());
            assert!(Arc::ptr_eq(kept, t), "{name}: {t:?} read twice");
        };
        for j in &read.jobs {
            if let Some(info) = &j.info {
                info.owner
                    .iter()
                    .chain(&info.app_id)
                    .chain(&info.exec_system_id)
                    .for_each(&mut one);
            }
            for e in j.events.iter() {
                if let EventKind::Other { event, detail } = &e.kind {
                    one(event);
                    one(detail);
                }
            }
        }
        assert!(texts > 20 * 3, "{name}: {texts} texts");
    }
}

/// Streaming the first value (`stream`) must read exactly what collecting it
/// first reads: the same jobs, events, diagnostics and positions, for real
/// fixtures, synthetic bundles and histories, hand-made odd shapes, and
/// thousands of seeded mutations of them (truncated, cut, spliced).
#[test]
fn streaming_reads_exactly_what_collecting_reads() {
    use crate::synthetic::{generate, to_history_envelopes, Config};
    let read = |text: &str, stream: bool| {
        let mut b = records::Builder::new("x");
        if stream {
            json::read_json(text, &mut b);
        } else {
            json::read_json_collected(text, &mut b);
        }
        b.report_unknowns();
        finish(b, text, InputFormat::Json)
    };
    let jobs = generate(&Config {
        jobs: 12,
        seed: 3,
        ..Config::default()
    });
    let bundle = to_bundle(&jobs);
    let envelopes = to_history_envelopes(&jobs);
    let entry = r#"{"uuid":"u-1","history":[{"event":"JOB_NEW_STATUS","created":"2025-01-01T00:00:00Z","eventDetail":"PENDING"}]}"#;
    let mut texts = vec![
        bundle.clone(),
        to_bundle_pretty(&jobs),
        format!("[{}]", envelopes.lines().collect::<Vec<_>>().join(",")),
        envelopes.clone(),
        format!("{bundle}\n{bundle}"),
        format!("[{bundle}, 3, [1], null]"),
        format!(
            r#"{{"format":"tapis-profile-bundle","version":2,"jobs":[{entry}, 3, {{"history":4}}]}}"#
        ),
        format!(r#"{{"jobs":[{entry}],"format":"tapis-profile-bundle","version":1}}"#),
        format!(r#"{{"format":"tapis-profile-bundle","jobs":[{entry}],"jobs":[]}}"#),
        r#"{"format":"tapis-profile-bundle","version":1,"jobs":{"a":1}}"#.to_string(),
        r#"{"format":"tapis-profile-bundle","version":1,"jobs":null}"#.to_string(),
        format!(r#"{{"format":1,"jobs":[{entry}]}}"#),
        format!(r#"{{"form\u0061t":"tapis-profile-bundle","jobs":[{entry}]}}"#),
        "[3, \"x\", {}, [], null]".to_string(),
        "  \n null".to_string(),
    ];
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/tapis");
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_some_and(|x| x == "json") {
            texts.push(std::fs::read_to_string(path).unwrap());
        }
    }
    let mutated = mutations(&texts, 3000, 7);
    texts.extend(mutated);
    for text in &texts {
        assert_eq!(read(text, true), read(text, false), "{text}");
    }
}

/// `n` seeded mutations of `bases`: truncated, cut, spliced with a JSON token or
/// with another base.
fn mutations(bases: &[String], n: usize, seed: u64) -> Vec<String> {
    let mut rng = crate::synthetic::Rng::new(seed);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let base = rng.pick(bases);
        let cut = |rng: &mut crate::synthetic::Rng| {
            let mut at = rng.below(base.len() + 1);
            while !base.is_char_boundary(at) {
                at -= 1;
            }
            at
        };
        let (a, b) = (cut(&mut rng), cut(&mut rng));
        let (a, b) = (a.min(b), a.max(b));
        out.push(match rng.below(4) {
            0 => base[..a].to_string(),
            1 => format!("{}{}", &base[..a], &base[b..]),
            2 => format!(
                "{}{}{}",
                &base[..a],
                rng.pick(&["{", "}", "[", "]", "\"", ",", ":", "0", "\n"]),
                &base[a..]
            ),
            _ => format!("{}{}", &base[..a], rng.pick(bases)),
        });
    }
    out
}

/// A status event of 2025-01-01 at second `at`.
fn status_event(state: &str, at: &str) -> String {
    format!(
        r#"{{"event":"JOB_NEW_STATUS","created":"2025-01-01T00:00:0{at}Z","eventDetail":"{state}"}}"#
    )
}

/// Every odd element a list of history events can hold, comma-separated: more
/// than an event, no event name, a notification, another job's event, a field
/// twice, an escaped key, a bad time, not an object.
fn odd_events() -> String {
    let status = status_event;
    [
        status("PENDING", "1"),
        r#"{"event":"JOB_NEW_STATUS","created":"2025-01-01T00:00:02Z","eventDetail":"QUEUED","uuid":"u-2","appId":"a"}"#.to_string(),
        r#"{"created":"2025-01-01T00:00:03Z","eventDetail":"RUNNING"}"#.to_string(),
        r#"{"event":{"type":"jobs.JOB_NEW_STATUS.RUNNING","timestamp":"2025-01-01T00:00:04Z","subject":"u-3"},"created":"2025-01-01T00:00:04Z"}"#.to_string(),
        r#"{"event":"JOB_NEW_STATUS","created":"2025-01-01T00:00:05Z","description":"{\"newJobStatus\":\"FAILED\",\"jobUuid\":\"u-4\",\"jobName\":\"n\",\"condition\":\"X\"}"}"#.to_string(),
        r#"{"event":"JOB_ERROR_MESSAGE","created":"2025-01-01T00:00:06Z","eventDetail":"X","message":"m\u00e9","transferTaskUuid":"t","transferSummary":{"uuid":"t","totalTransfers":2,"startTime":""}}"#.to_string(),
        r#"{"event":"JOB_NEW_STATUS","created":"not a time","eventDetail":"QUEUED","unknown":[1,{"a":2}]}"#.to_string(),
        r#"{"ev\u0065nt":"MYSTERY","cr\u0065ated":"2025-01-01T00:00:09Z","jobStatus":"WEIRD"}"#.to_string(),
        r#"{"event":"JOB_NEW_STATUS","created":"2025-01-01T00:00:09Z","eventDetail":"BOGUS_STATE","format":"tapis-profile-bundle"}"#.to_string(),
        r#"{"event":"JOB_NEW_STATUS","created":"2025-01-01T00:00:09Z","result":[]}"#.to_string(),
        r#"{"event":"JOB_USER_EVENT","created":"2025-01-01T00:00:07Z","description":"{\"jobUuid\":\"u-8\",\"message\":\"m\"}","appId":"a"}"#.to_string(),
        r#"{"event":"JOB_USER_EVENT","created":"2025-01-01T00:00:07Z","description":"plain, unescaped"}"#.to_string(),
        r#"{"event":"JOB_NEW_STATUS","created":"2025-01-01T00:00:07Z","description":7,"eventDetail":"RUNNING"}"#.to_string(),
        "3".to_string(),
        "null".to_string(),
        "[1]".to_string(),
        "{}".to_string(),
    ]
    .join(",")
}

/// A bundle's histories read straight into events (`entry`) give exactly the
/// records of reading each event as a whole item first: the same jobs, events,
/// diagnostics and positions, for synthetic bundles, hand-made entries with
/// every odd history element (more than an event, no event name, a
/// notification, another job's event, a field twice, not an object, an escaped
/// key, the history before the entry's UUID or not an array), and thousands of
/// seeded mutations of them.
#[test]
fn a_bundle_reads_the_same_straight_into_events() {
    use crate::synthetic::{generate, Config};
    let jobs = generate(&Config {
        jobs: 15,
        seed: 5,
        ..Config::default()
    });
    let bundle = |entries: &str| {
        format!(r#"{{"format":"tapis-profile-bundle","version":1,"jobs":[{entries}]}}"#)
    };
    let status = status_event;
    let odd = odd_events();
    let texts = vec![
        to_bundle(&jobs),
        to_bundle_pretty(&jobs),
        bundle(&format!(r#"{{"uuid":"u-1","history":[{odd}]}}"#)),
        bundle(&format!(
            r#"{{"history":[{odd}],"label":"l","name":"n","uuid":"u-1"}}"#
        )),
        bundle(&format!(
            r#"{{"history":[{odd}],"capturedAt":"2025-02-01T00:00:00Z"}}"#
        )),
        bundle(&format!(
            r#"{{"label":"l","history":[{}]}},{{"label":"l","history":[{}]}}"#,
            status("QUEUED", "2"),
            status("PENDING", "1")
        )),
        bundle(
            r#"{"uuid":"u-1","history":{"event":"JOB_NEW_STATUS"}},{"uuid":"u-2","history":4},{"uuid":"u-3","history":null},{"uuid":"u-4"},5"#,
        ),
        bundle(&format!(
            r#"{{"uuid":"u-1","history":[{}],"history":[]}}"#,
            status("PENDING", "1")
        )),
        bundle(r#"{"uuid":"u-1","history":{"a":1,"a":2}}"#),
        bundle(
            r#"{"uuid":"u-1","history":[{"event":"JOB_NEW_STATUS","eventDetail":"QUEUED","eventDetail":"RUNNING"}]}"#,
        ),
        bundle(
            r#"{"uuid":"u-1","history":[{"event":"X","transferTaskUuid":1,"transferTaskUuid":2}]}"#,
        ),
        bundle(r#"{"uuid":"u-1","history":[{"event":"X","appId":"a","appId":"b"}]}"#),
        bundle(
            r#"{"uuid":"u-1","history":[{"event":"X","description":"{\"x\":1}","description":"y"}]}"#,
        ),
        bundle(
            r#"{"uuid":"u-1","history":[{"event":"X","created":"2025-01-01T00:00:00Z","appId":"a","created":"x"}]}"#,
        ),
        bundle(&format!(
            r#"{{"uuid":"u-1","capturedAt":"x","job":{{"status":"FINISHED"}},"history":[{}]}}"#,
            status("RUNNING", "1")
        )),
        format!(
            r#"{{"format":"tapis-profile-export","version":1,"bundle":{}}}"#,
            to_bundle(&jobs[..2])
        ),
    ];
    read_the_same_straight_and_itemwise(texts, 5, 11);
}

/// History responses' `result`s read straight into events (`entry`) give
/// exactly the records of reading each event as a whole item first: the same
/// jobs, events, diagnostics and positions, for synthetic histories (an array
/// of responses, one response alone, indented), hand-made responses (`result`
/// before the `message` that names the job, every odd event, an error, a
/// `result` that is an object, a scalar, null or given twice, a response
/// inside a `result`, a bundle with a `result`), and thousands of seeded
/// mutations of them.
#[test]
fn history_responses_read_the_same_straight_into_events() {
    use crate::synthetic::{generate, to_history_envelopes, Config};
    let jobs = generate(&Config {
        jobs: 15,
        seed: 9,
        ..Config::default()
    });
    let envelopes = to_history_envelopes(&jobs);
    let envelopes: Vec<&str> = envelopes.lines().collect();
    let list = format!("[{}]", envelopes.join(","));
    let pretty =
        serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(&list).unwrap())
            .unwrap();
    let odd = odd_events();
    let message = "JOBS_HISTORY_RETRIEVED Job u-9 history retrieved for user r tenant t";
    let response = |fields: &str| format!(r#"{{"status":"success",{fields}}}"#);
    let texts = vec![
        list,
        pretty,
        envelopes[0].to_string(),
        format!("[{}]", envelopes[1]),
        response(&format!(r#""result":[{odd}],"message":"{message}""#)),
        format!(
            "[{},{}]",
            response(&format!(r#""message":"{message}","result":[{odd}]"#)),
            response(&format!(r#""result":[{odd}]"#))
        ),
        format!(
            r#"[{{"status":"error","message":"no such job","result":null}},{{"status":"error","result":[{}]}},{{"result":null}},{{"result":3}},{{"result":"x"}},{{"result":{{"uuid":"u-5","status":"RUNNING","appId":"a"}}}},{{"result":{{"name":"u-6"}}}},{{"result":[]}}]"#,
            status_event("QUEUED", "2")
        ),
        response(&format!(
            r#""result":[{}],"result":[]"#,
            status_event("PENDING", "1")
        )),
        response(r#""result":[{"event":"X","appId":"a","appId":"b"}]"#),
        response(r#""result":[{"event":"X","description":"{\"x\":1}","description":"y"}]"#),
        response(&format!(
            r#""message":"{message}","result":[{},{{"message":"JOBS_HISTORY_RETRIEVED Job u-7 history","result":[{}]}}]"#,
            status_event("PENDING", "1"),
            status_event("QUEUED", "2")
        )),
        format!(
            r#"{{"format":"tapis-profile-bundle","version":1,"result":[{}],"jobs":[{{"uuid":"u-1","history":[{}]}}]}}"#,
            status_event("RUNNING", "3"),
            status_event("PENDING", "1")
        ),
        format!("[3,{},null,[1]]", envelopes[2]),
        format!("{}\n{}", envelopes[3], envelopes[4]),
    ];
    read_the_same_straight_and_itemwise(texts, 6, 13);
}

/// `texts` (the first `rich` of them with events to read) and 3,000 mutations of
/// them (`seed`) read into exactly the same records straight into events as
/// item-wise.
fn read_the_same_straight_and_itemwise(mut texts: Vec<String>, rich: usize, seed: u64) {
    for text in &texts[..rich] {
        let read = read_input("x", text);
        assert!(read.event_count() > 3, "{text}: {:?}", read.diagnostics);
    }
    let mutated = mutations(&texts, 3000, seed);
    texts.extend(mutated);
    for text in &texts {
        assert_eq!(
            read_input("x", text),
            read_input_itemwise("x", text),
            "{text}"
        );
    }
}

#[test]
fn a_field_given_twice_makes_its_value_invalid_json() {
    let text = r#"[{"event":"JOB_NEW_STATUS","created":null,"created":"2025-01-01T00:00:00Z","eventDetail":"QUEUED"}]"#;
    let out = import_text("dup", text);
    assert!(out.jobs.is_empty());
    assert!(
        out.diagnostics[0]
            .message
            .contains("duplicate field `created`"),
        "{:?}",
        out.diagnostics
    );
}

/// Every field of the job's field list (`job_fields.rs`) set, none to its default:
/// the bundle writes each under its Tapis name and the import reads each back.
#[test]
fn every_job_field_survives_a_bundle() {
    let t = |s: &str| crate::time::parse_timestamp(s);
    let info = JobInfo {
        name: Some("n".into()),
        owner: Some("o".into()),
        tenant: Some("t".into()),
        app_id: Some("a".into()),
        app_version: Some("1".into()),
        job_type: Some("BATCH".into()),
        status: Some(JobState::Unknown("ARCHIVED".into())),
        condition: Some("NORMAL_COMPLETION".into()),
        last_message: Some("m".into()),
        created: t("2025-01-01T00:00:00Z"),
        last_updated: t("2025-01-01T00:00:06Z"),
        ended: t("2025-01-01T00:00:05Z"),
        remote_submitted: t("2025-01-01T00:00:01Z"),
        remote_started: t("2025-01-01T00:00:02.5Z"),
        remote_ended: t("2025-01-01T00:00:04Z"),
        exec_system_id: Some("e".into()),
        exec_system_logical_queue: Some("q".into()),
        archive_system_id: Some("s".into()),
        node_count: Some(2),
        cores_per_node: Some(48),
        memory_mb: Some(5_000_000_000),
        max_minutes: Some(120),
        blocked_count: Some(1),
        remote_outcome: Some("FINISHED".into()),
        remote_result_info: Some("0:0".into()),
        interactive: Some(true),
        input_urls: vec!["tapis://a".into(), "tapis://b".into()],
    };
    let job = Job {
        id: "u-1".into(),
        uuid: Some("u-1".into()),
        info: Some(info.clone().into()),
        ..Job::default()
    };
    let bundle = to_bundle(&[job]);
    for name in [
        "\"memoryMB\":5000000000",
        "\"notes\":{\"isInteractive\":true}",
        "\"fileInputs\":[{\"sourceUrl\":\"tapis://a\"},",
        "\"remoteStarted\":\"2025-01-01T00:00:02.500Z\"",
    ] {
        assert!(bundle.contains(name), "{name} not in {bundle}");
    }
    let back = import_text("b", &bundle);
    assert!(back.diagnostics.is_empty(), "{:?}", back.diagnostics);
    assert_eq!(back.jobs[0].info.as_deref(), Some(&info));
}

#[test]
fn bytes_are_read_as_a_browser_reads_a_file() {
    let text = format!("[{EVENT}]");
    let plain = read_input("f", &text);
    // A byte order mark is dropped, as `FileReader.readAsText` drops it.
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(text.as_bytes());
    assert_eq!(read_bytes("f", &bom), plain);
    assert_eq!(read_bytes("f", text.as_bytes()), plain);
    // Bytes that are not UTF-8 become U+FFFD; the rest is read.
    let mut bad = text.clone().into_bytes();
    bad.insert(text.find(r#"\"n\""#).unwrap() + 3, 0xff); // in the job's name
    let read = read_bytes("f", &bad);
    assert_eq!(read.jobs.len(), 1);
    assert_eq!(read.diagnostics, plain.diagnostics);
    assert_eq!(read.jobs[0].name.as_deref(), Some("n\u{fffd}"));
}

/// What PowerShell's `>` writes (UTF-16 LE with a mark) and its big-endian twin
/// read as the UTF-8 file does.
#[test]
fn utf16_files_read_as_their_utf8_twin() {
    let text = include_str!(
        "../../../../fixtures/tapis/source-ds-history-4dfa35e1-finished-2025.reconstructed.json"
    );
    let plain = read_input("f", text);
    for (mark, unit) in [
        ([0xff, 0xfe], u16::to_le_bytes as fn(u16) -> [u8; 2]),
        ([0xfe, 0xff], u16::to_be_bytes),
    ] {
        let mut bytes = mark.to_vec();
        bytes.extend(text.encode_utf16().flat_map(unit));
        assert_eq!(read_bytes("f", &bytes), plain);
    }
}

#[test]
fn a_binary_file_is_named_with_its_size_and_read_as_nothing() {
    let mut bytes = vec![0x1f, 0x8b, 0x08, 0x00];
    bytes.extend((0..5000u32).map(|i| (i * 7 % 251) as u8));
    let read = read_bytes("jobs.json.gz", &bytes);
    assert!(read.jobs.is_empty());
    assert_eq!(read.diagnostics.len(), 1);
    assert_eq!(read.diagnostics[0].severity, Severity::Error);
    assert_eq!(
        read.diagnostics[0].to_string(),
        "jobs.json.gz: error: a gzip-compressed file (5,004 bytes), not text: \
         decompress it first (input skipped)"
    );
}

/// Python's `json.dump` writes NaN and Infinity for floats: those values are
/// absent, the rest reads, and every position still points into the input.
#[test]
fn nan_and_infinity_are_absent_values_with_a_note() {
    let job = r#"{"uuid": "u-1", "status": "FINISHED", "maxMinutes": NaN,
 "nodeCount": Infinity, "coresPerNode": -Infinity, "memoryMB": 10}"#;
    let read = read_input("job.json", job);
    assert_eq!(read.jobs.len(), 1);
    let info = read.jobs[0].info.as_ref().unwrap();
    assert_eq!(
        (
            info.max_minutes,
            info.node_count,
            info.cores_per_node,
            info.memory_mb
        ),
        (None, None, None, Some(10))
    );
    assert_eq!(
        read.diagnostics
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>(),
        vec![
            "job.json:1:53: note: 3 numbers are NaN or Infinity, which JSON has no value for \
             (Python writes them for floats) (read as absent values)"
        ]
    );
    // Past the replaced words, a real error is still placed in the input as given.
    let ndjson = "[{\"event\": \"JOB_NEW_STATUS\", \"eventDetail\": NaN}]\n{\"x\": NaN, oops}\n";
    let read = read_input("events.ndjson", ndjson);
    let located: Vec<_> = read
        .diagnostics
        .iter()
        .map(|d| (d.severity, d.location))
        .collect();
    assert!(
        located.contains(&(
            Severity::Warning,
            Some(Location {
                line: 2,
                column: 12
            })
        )),
        "{:?}",
        read.diagnostics
    );
    // A Python repr prints them as nan and inf.
    let read = read_input(
        "job.py",
        "{'uuid': 'u-1', 'status': 'FINISHED', 'maxMinutes': nan}",
    );
    assert_eq!(read.jobs.len(), 1);
    assert_eq!(
        read.diagnostics[0].location,
        Some(Location {
            line: 1,
            column: 53
        })
    );
}

/// Each reader, handed an input nested far past the bound, says where and reads
/// nothing from it, without exhausting the stack (these tests run on a thread of
/// 2 MB) or taking long.
#[test]
fn every_reader_stops_at_the_nesting_bound_and_says_where() {
    let n = 100_000;
    let json = format!("{}{}", "[{\"result\": ".repeat(n), "}]".repeat(n));
    let python = format!("{}{}", "[{'a': ".repeat(n), "}]".repeat(n));
    let tapipy = format!("{}uuid: u\n", "a: \n".repeat(n));
    for (name, text, format, at) in [
        (
            "deep.json",
            json,
            InputFormat::Json,
            Location {
                line: 1,
                column: 1 + 12 * 63 + 1,
            },
        ),
        (
            "deep.py",
            python,
            InputFormat::PythonRepr,
            Location {
                line: 1,
                column: 7 * 63 + 2,
            },
        ),
        (
            "deep.txt",
            tapipy,
            InputFormat::TapipyText,
            Location {
                line: limits::MAX_DEPTH,
                column: 1,
            },
        ),
    ] {
        let read = read_input(name, &text);
        assert_eq!(read.format, format, "{name}");
        assert!(read.jobs.is_empty(), "{name}");
        let d = &read.diagnostics[0];
        assert_eq!(
            (d.severity, d.message.as_str(), d.location),
            (Severity::Error, "nested deeper than 127 levels", Some(at)),
            "{name}: {:?}",
            read.diagnostics
        );
    }
    // Nesting within the bound reads: a job inside 100 envelopes.
    let job = r#"{"uuid": "u-1", "status": "FINISHED"}"#;
    let wrapped = format!("{}{job}{}", "{\"result\": ".repeat(100), "}".repeat(100));
    assert_eq!(read_input("wrapped.json", &wrapped).jobs.len(), 1);
}

/// A history in time order whose transfer events name no job: the events are the
/// only job's, in the order given, and nothing is said about it.
#[test]
fn events_naming_no_job_in_a_one_job_history_join_it_quietly_in_place() {
    let text = include_str!(
        "../../../../fixtures/tapis/source-ds-history-4dfa35e1-finished-2025.reconstructed.json"
    );
    let mut events: Vec<serde_json::Value> = serde_json::from_str(text).unwrap();
    let mut stripped = 0;
    for e in &mut events {
        if e["event"].as_str().unwrap().ends_with("_TRANSACTION_ID") {
            let mut d: serde_json::Value =
                serde_json::from_str(e["description"].as_str().unwrap()).unwrap();
            d.as_object_mut().unwrap().remove("jobUuid");
            e["description"] = d.to_string().into();
            stripped += 1;
        }
    }
    assert_eq!(stripped, 2);
    let whole = import_text("history.json", text);
    let anonymous = import_text("history.json", &serde_json::to_string(&events).unwrap());
    assert_eq!(anonymous.jobs.len(), 1);
    assert_eq!(anonymous.jobs[0].events, whole.jobs[0].events);
    assert_eq!(anonymous.diagnostics, Vec::new());
    // Given out of order, it says so; two inputs merged in any order do not.
    events.swap(3, 4);
    let swapped = import_text("history.json", &serde_json::to_string(&events).unwrap());
    assert_eq!(swapped.jobs[0].events, whole.jobs[0].events);
    assert_eq!(
        swapped
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect::<Vec<_>>(),
        vec!["the history was not in time order"]
    );
    events.swap(3, 4);
    let (first, last) = events.split_at(6);
    let pages = [
        ("page-2.json", serde_json::to_string(last).unwrap()),
        ("page-1.json", serde_json::to_string(first).unwrap()),
    ];
    let merged = import_all(pages.iter().map(|(n, t)| (*n, t.as_str())));
    assert_eq!(merged.jobs[0].events, whole.jobs[0].events);
    assert_eq!(merged.diagnostics, Vec::new());
}

proptest::proptest! {
    /// A job's events however its history is split across inputs and shuffled: those
    /// of every input together, in time order (equal times as given), each exact
    /// duplicate once; "not in time order" said when an input's were not.
    #[test]
    fn a_history_split_and_shuffled_settles_to_its_definition(
        events in proptest::collection::vec((0u8..6, 0usize..3, 0usize..3), 1..24),
    ) {
        const STATES: [&str; 3] = ["PENDING", "QUEUED", "RUNNING"];
        let texts: Vec<(usize, String, u8)> = events
            .iter()
            .map(|&(t, s, input)| {
                (input, status("u-1", STATES[s], &format!("2025-01-01T00:00:0{t}Z")), t)
            })
            .collect();
        let inputs: Vec<(String, String)> = (0..3)
            .map(|k| {
                let mine: Vec<&str> = texts.iter().filter(|e| e.0 == k).map(|e| e.1.as_str()).collect();
                (format!("in-{k}.json"), format!("[{}]", mine.join(",")))
            })
            .filter(|(_, text)| text != "[]")
            .collect();
        let out = import_all(inputs.iter().map(|(n, t)| (n.as_str(), t.as_str())));
        // The definition: inputs in order, a stable sort by time, duplicates dropped.
        let mut expected: Vec<(u8, &str)> = Vec::new();
        for k in 0..3 {
            for e in texts.iter().filter(|e| e.0 == k) {
                expected.push((e.2, e.1.as_str()));
            }
        }
        expected.sort_by_key(|e| e.0);
        let mut kept: Vec<(u8, &str)> = Vec::new();
        for e in expected {
            if !kept.contains(&e) {
                kept.push(e);
            }
        }
        let got: Vec<(JobState, i64)> = out.jobs[0]
            .events
            .iter()
            .map(|e| match &e.kind {
                EventKind::NewStatus(s) => (s.clone(), e.created.timestamp()),
                EventKind::Other { .. } => unreachable!(),
            })
            .collect();
        let want: Vec<(JobState, i64)> = kept
            .iter()
            .map(|(t, text)| {
                let s = STATES.iter().find(|s| text.contains(&format!("\"{s}\""))).unwrap();
                (JobState::parse(s), 1_735_689_600 + i64::from(*t))
            })
            .collect();
        proptest::prop_assert_eq!(got, want);
        let disordered = (0..3).any(|k| {
            let times: Vec<u8> = texts.iter().filter(|e| e.0 == k).map(|e| e.2).collect();
            times.windows(2).any(|w| w[0] > w[1])
        });
        let said = out.diagnostics.iter().any(|d| d.message == "the history was not in time order");
        proptest::prop_assert_eq!(said, disordered);
    }
}

#[test]
fn assembling_a_few_records_a_step_is_the_assembly() {
    // Histories, job objects and lists of the same jobs, out of order and duplicated,
    // and records that name no job: merged, settled and said the same in any steps.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/tapis");
    let mut inputs: Vec<InputRecords> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            read_input(
                &p.display().to_string(),
                &std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    inputs.sort_by(|a, b| a.name.cmp(&b.name));
    let a1 = status("u-1", "PENDING", "2025-01-01T00:00:00Z");
    let a2 = status("u-1", "FINISHED", "2025-01-01T00:00:20Z");
    inputs.push(read_input("x", &format!("[{a2},{a1},{a1}]")));
    inputs.push(read_input("y", &format!("[{a1}]")));
    let records: usize = inputs.iter().map(|i| i.jobs.len()).sum();
    assert!(
        inputs.len() > 10 && records >= 20,
        "{} inputs, {records} records",
        inputs.len()
    );
    let whole = assemble(&inputs);
    assert!(
        whole.jobs.len() < records,
        "some jobs are merged from several records"
    );
    for n in [1, 3, 7] {
        let mut assembling = Assembling::new(&inputs);
        let mut steps = 1;
        while !assembling.step(n) {
            steps += 1;
        }
        // Every record gathered and every job settled in the steps, not left to `finish`.
        let parts = records + whole.jobs.len();
        assert!(steps >= parts / n, "{steps} steps of {n} for {parts}");
        assert_eq!(assembling.finish(), whole, "in steps of {n}");
    }
}
