//! `handoff::decode(&handoff::encode(r)) == r` for what the import reads from every
//! fixture, from made inputs covering what no fixture has, from hand-built
//! edge values and from synthetic data; and `decode` of corrupt, truncated or
//! foreign bytes is an error, never a panic.

mod common;

use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

use proptest::prelude::*;
use tapis_profile::analysis::{analyse, Options};
use tapis_profile::export::export_document;
use tapis_profile::handoff::{decode, encode, Decoder};
use tapis_profile::import::to_bundle;
use tapis_profile::synthetic::{generate, Config};
use tapis_profile::time::{parse_timestamp, Timestamp};
use tapis_profile::{
    assemble, read_input, Diagnostic, Event, EventKind, InputFormat, InputRecords, JobInfo,
    JobRecord, JobState, Location, Severity, Transfer,
};

fn round_trip(r: &InputRecords) {
    let bytes = encode(r);
    match decode(&bytes) {
        Ok(back) => assert!(back == *r, "{}: decoded records differ", r.name),
        Err(e) => panic!("{}: {e}", r.name),
    }
}

/// The parts of the format the records exercise.
fn features(r: &InputRecords) -> BTreeSet<&'static str> {
    let mut f = BTreeSet::new();
    f.insert(match r.format {
        InputFormat::Json => "format json",
        InputFormat::TapipyText => "format tapipy",
        InputFormat::PythonRepr => "format python",
        InputFormat::Unknown => "format unknown",
    });
    if !r.checklist_ticks.is_empty() {
        f.insert("checklist ticks");
    }
    if r.what_if.is_some() {
        f.insert("what-if settings");
    }
    for d in &r.diagnostics {
        f.insert(match d.severity {
            Severity::Error => "diagnostic error",
            Severity::Warning => "diagnostic warning",
            Severity::Info => "diagnostic info",
        });
        if d.location.is_some() {
            f.insert("diagnostic location");
        }
        if d.job.is_some() {
            f.insert("diagnostic job");
        }
    }
    for j in &r.jobs {
        for (has, name) in [
            (j.uuid.is_some(), "uuid"),
            (j.label.is_some(), "label"),
            (j.name.is_some(), "name"),
            (j.captured.is_some(), "captured"),
        ] {
            if has {
                f.insert(name);
            }
        }
        if let Some(i) = &j.info {
            f.insert("job info");
            match &i.status {
                Some(JobState::Unknown(_)) => f.insert("job info unknown status"),
                Some(_) => f.insert("job info status"),
                None => false,
            };
            if !i.input_urls.is_empty() {
                f.insert("job info input urls");
            }
        }
        for e in j.events.iter() {
            f.insert(match &e.kind {
                EventKind::NewStatus(JobState::Unknown(_)) => "unknown state",
                EventKind::NewStatus(_) => "status event",
                EventKind::Other { .. } => "other event",
            });
            if e.message.is_some() {
                f.insert("event message");
            }
            if e.transfer.is_some() {
                f.insert("transfer");
            }
        }
    }
    f
}

/// What the real fixtures exercise (checked, so a fixture change that drops
/// one shows here).
const FROM_FIXTURES: &[&str] = &[
    "format json",
    "format tapipy",
    "format python",
    "diagnostic info",
    "diagnostic location",
    "uuid",
    "name",
    "job info",
    "job info status",
    "job info input urls",
    "status event",
    "other event",
    "event message",
    "transfer",
];

/// What no fixture has, and `made_inputs` and `edge_values` cover.
const MADE: &[&str] = &[
    "format unknown",
    "checklist ticks",
    "what-if settings",
    "diagnostic error",
    "diagnostic warning",
    "diagnostic job",
    "label",
    "captured",
    "job info unknown status",
    "unknown state",
];

#[test]
fn every_fixture_round_trips() {
    let mut seen = BTreeSet::new();
    for r in common::read_fixtures() {
        round_trip(&r);
        seen.extend(features(&r));
    }
    let missing: Vec<_> = FROM_FIXTURES
        .iter()
        .filter(|f| !seen.contains(*f))
        .collect();
    assert!(missing.is_empty(), "no fixture has {missing:?}");
}

/// Inputs read by `read_input` that have what the fixtures lack: an export
/// with checklist ticks (its bundle has capture times), a bundle with a job
/// without UUID and unknown states, and text that is no job data at all.
fn made_inputs() -> Vec<InputRecords> {
    let fixtures = common::read_fixtures();
    let jobs = assemble(&fixtures).jobs;
    let report = analyse(
        &assemble(&fixtures),
        &Options {
            as_of: parse_timestamp("2026-01-01T00:00:00Z"),
            ..Default::default()
        },
    );
    let ticks = [("zips/zip-outputs".into(), true), ("x".into(), false)].into();
    let bundle = r#"{"format": "tapis-profile-bundle", "version": 1,
        "capturedAt": "2025-01-01T12:00:00Z",
        "jobs": [
          {"uuid": null, "label": "pasted text", "history": [
            {"event": "JOB_NEW_STATUS", "created": "2025-01-01T10:00:00Z", "eventDetail": "ARCHIVED"},
            {"event": "JOB_MYSTERY", "created": "2025-01-01T10:00:01.5Z", "eventDetail": "?"}
          ]},
          {"uuid": "0d6f0b4e-1111-2222-3333-444455556666-007",
           "job": {"uuid": "0d6f0b4e-1111-2222-3333-444455556666-007", "status": "ARCHIVED"},
           "history": [
            {"event": "JOB_NEW_STATUS", "created": "2025-01-01T10:00:00Z", "eventDetail": "WEIRD"}
          ]},
          "not an object"
        ]}"#;
    vec![
        read_input("export.json", &export_document(&report, &jobs, &ticks)),
        read_input("bundle.json", bundle),
        read_input("notes.txt", "\u{0}\u{1} neither JSON nor Python ✓"),
    ]
}

/// Values the import never produces but the types allow.
fn edge_values() -> InputRecords {
    let at = |secs, nanos| Timestamp::from_timestamp(secs, nanos).unwrap();
    let leap = parse_timestamp("2016-12-31T23:59:60.5Z").unwrap();
    InputRecords {
        name: "ünïcode ✓ \u{0}".into(),
        format: InputFormat::Unknown,
        jobs: vec![
            JobRecord::default(),
            JobRecord {
                uuid: Some("".into()),
                label: Some("l".into()),
                name: Some("x".repeat(300).into()),
                info: Some(Arc::new(JobInfo {
                    status: Some(JobState::Unknown("".into())),
                    created: Some(Timestamp::MIN_UTC),
                    ended: Some(Timestamp::MAX_UTC),
                    remote_ended: Some(leap),
                    node_count: Some(u32::MAX),
                    memory_mb: Some(u64::MAX),
                    interactive: Some(false),
                    input_urls: vec!["a".into(), "".into()],
                    ..JobInfo::default()
                })),
                events: [JobState::Submission]
                    .into_iter()
                    .chain(JobState::KNOWN)
                    .chain([JobState::Unknown("ARCHIVED".into())])
                    .map(|s| Event {
                        kind: EventKind::NewStatus(s),
                        created: at(-1, 999_999_999),
                        message: None,
                        transfer: None,
                    })
                    .chain([Event {
                        kind: EventKind::Other {
                            event: "".into(),
                            detail: "d".into(),
                        },
                        created: at(0, 0),
                        message: Some("".into()),
                        transfer: Some(std::sync::Arc::new(Transfer {
                            bytes: Some(0),
                            files: Some(1 << 40),
                            end: Some(leap),
                            ..Transfer::default()
                        })),
                    }])
                    .collect::<Vec<_>>()
                    .into(),
                captured: Some(leap),
            },
        ],
        diagnostics: [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .map(|s| {
                Diagnostic::new(s, "in", "m")
                    .at(Some(Location {
                        line: usize::MAX,
                        column: 0,
                    }))
                    .job(Some("j"))
            })
            .collect(),
        checklist_ticks: [("a".into(), true), (String::new(), false)].into(),
        what_if: Some(tapis_profile::what_if::WhatIf {
            archived_share: -0.0,
            charge_rates: tapis_profile::what_if::ChargeRates(vec![
                tapis_profile::what_if::ChargeRate {
                    system: "ünïcode".into(),
                    queue: String::new(),
                    su_per_node_hour: f64::MAX,
                },
            ]),
        }),
    }
}

#[test]
fn made_inputs_and_edge_values_round_trip() {
    let mut seen = BTreeSet::new();
    for r in made_inputs() {
        round_trip(&r);
        seen.extend(features(&r));
    }
    let missing: Vec<_> = MADE.iter().filter(|f| !seen.contains(*f)).collect();
    assert!(missing.is_empty(), "no made input has {missing:?}");
    let edge = edge_values();
    round_trip(&edge);
    let all: BTreeSet<_> = FROM_FIXTURES.iter().chain(MADE).copied().collect();
    assert!(all.is_superset(&features(&edge)));
}

/// `jobs` seeded synthetic jobs, read as the page reads a bundle.
fn synthetic(jobs: usize, seed: u64) -> InputRecords {
    let jobs = generate(&Config {
        jobs,
        seed,
        ..Config::default()
    });
    read_input("synthetic.json", &to_bundle(&jobs))
}

#[test]
fn synthetic_jobs_round_trip() {
    for (jobs, seed) in [(1, 1), (50, 7), (400, 42)] {
        let r = synthetic(jobs, seed);
        assert_eq!(r.jobs.len(), jobs);
        round_trip(&r);
    }
}

/// Decoded, each distinct text is one copy every event that has it shares (the
/// page's memory, P5 in docs/performance.md): the event types, details and the
/// subscription message every job repeats.
#[test]
fn decoded_texts_are_shared_between_jobs() {
    let back = decode(&encode(&synthetic(50, 7))).unwrap();
    let mut first: std::collections::HashMap<&str, &Arc<str>> = Default::default();
    let (mut texts, mut shared) = (0, 0);
    for e in back.jobs.iter().flat_map(|j| j.events.iter()) {
        let EventKind::Other { event, detail } = &e.kind else {
            continue;
        };
        for t in [event, detail].into_iter().chain(&e.message) {
            texts += 1;
            let one = first.entry(&**t).or_insert(t);
            shared += usize::from(!std::ptr::eq(*one, t) && Arc::ptr_eq(one, t));
            assert!(Arc::ptr_eq(one, t), "{t:?} decoded twice");
        }
    }
    assert!(shared > texts / 2, "{shared} of {texts} texts shared");
}

/// The page decodes a few thousand jobs per task: any step size gives what
/// `decode` gives, and `step` says when the jobs are all read.
#[test]
fn decoding_in_steps_gives_the_same_records() {
    let r = synthetic(120, 3);
    let bytes = encode(&r);
    for step in [1, 7, 119, 120, 1_000] {
        let mut d = Decoder::new(&bytes).unwrap();
        let mut steps = 1;
        while !d.step(step).unwrap() {
            steps += 1;
        }
        assert_eq!(steps, 120_usize.div_ceil(step), "step {step}");
        assert!(d.finish().unwrap() == r, "step {step}");
    }
    // Finishing early reads the rest.
    let mut d = Decoder::new(&bytes).unwrap();
    assert!(!d.step(5).unwrap());
    assert!(d.finish().unwrap() == r);
}

#[test]
fn refuses_another_format_or_version() {
    let bytes = encode(&edge_values());
    for i in 0..12 {
        let mut other = bytes.clone();
        other[i] ^= 0x40;
        let e = decode(&other).unwrap_err();
        assert_eq!(e.to_string(), "not this build's wire format", "byte {i}");
    }
    assert_eq!(
        decode(b"{\"format\": \"tapis-profile-bundle\"}")
            .unwrap_err()
            .to_string(),
        "not this build's wire format"
    );
    assert_eq!(decode(&[]).unwrap_err().to_string(), "truncated at byte 0");
}

#[test]
fn errors_say_what_and_where() {
    let r = InputRecords {
        name: "ab".into(),
        format: InputFormat::Json,
        jobs: Vec::new(),
        diagnostics: Vec::new(),
        checklist_ticks: Default::default(),
        what_if: None,
    };
    let bytes = encode(&r);
    // Header, then name (length 2, "ab") at 12..15, the format's tag at 15, no
    // jobs, diagnostics or ticks, no what-if settings.
    assert_eq!(&bytes[12..], &[2, b'a', b'b', 0, 0, 0, 0, 0]);
    let with = |i: usize, b: u8| {
        let mut v = bytes.clone();
        v[i] = b;
        decode(&v).unwrap_err().to_string()
    };
    assert_eq!(with(14, 0xff), "invalid UTF-8 at byte 14");
    assert_eq!(with(15, 9), "unknown tag 9 at byte 15");
    assert_eq!(with(12, 200), "truncated at byte 12");
    assert_eq!(with(16, 100), "truncated at byte 16");
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(
        decode(&longer).unwrap_err().to_string(),
        format!("trailing bytes at byte {}", bytes.len())
    );
    let e = decode(&bytes[..bytes.len() - 1]).unwrap_err();
    assert_eq!(e.offset(), bytes.len() - 1);
    assert_eq!(
        e.to_string(),
        format!("truncated at byte {}", bytes.len() - 1)
    );
}

/// A valid encoding with some of everything, small enough to corrupt byte by byte.
fn sample() -> &'static [u8] {
    static SAMPLE: OnceLock<Vec<u8>> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let mut r = common::read_fixtures()
            .into_iter()
            .find(|r| {
                r.jobs
                    .iter()
                    .any(|j| j.events.iter().any(|e| e.transfer.is_some()))
            })
            .unwrap();
        let edge = edge_values();
        r.jobs.extend(edge.jobs);
        r.diagnostics.extend(edge.diagnostics);
        r.checklist_ticks = edge.checklist_ticks;
        r.what_if = edge.what_if;
        encode(&r)
    })
}

#[test]
fn every_proper_prefix_is_an_error() {
    let bytes = sample();
    for n in 0..bytes.len() {
        assert!(decode(&bytes[..n]).is_err(), "prefix of {n} bytes decoded");
    }
}

#[test]
fn every_single_bit_flip_is_decoded_or_refused() {
    let bytes = sample();
    for i in 0..bytes.len() {
        for bit in 0..8 {
            let mut v = bytes.to_vec();
            v[i] ^= 1 << bit;
            let _ = decode(&v);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = decode(&bytes);
    }

    /// Past a valid header, so the records' own reading is exercised.
    #[test]
    fn arbitrary_records_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let mut all = sample()[..12].to_vec();
        all.extend(bytes);
        let _ = decode(&all);
    }

    #[test]
    fn a_prefix_is_an_error(cut in any::<prop::sample::Index>()) {
        let bytes = sample();
        let n = cut.index(bytes.len());
        prop_assert!(decode(&bytes[..n]).is_err());
    }

    #[test]
    fn one_changed_byte_never_panics(at in any::<prop::sample::Index>(), to in any::<u8>()) {
        let mut bytes = sample().to_vec();
        let i = at.index(bytes.len());
        bytes[i] = to;
        let _ = decode(&bytes);
    }
}
