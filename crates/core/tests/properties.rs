//! Properties that must hold for any input, checked on generated data:
//! durations add up and are never negative; shuffling and duplicating events
//! changes nothing; no byte sequence and no mutation of real JSON makes the
//! import panic.

use proptest::prelude::*;
use tapis_profile::analysis::{analyse, analyse_jobs, Options};
use tapis_profile::synthetic::{generate, to_history_envelopes, Config};
use tapis_profile::time::seconds_between;
use tapis_profile::{import_text, read_input, EventKind, Job};

fn jobs(seed: u64, n: usize) -> Vec<Job> {
    generate(&Config {
        jobs: n,
        seed,
        ..Config::default()
    })
}

const REAL: &str = include_str!(
    "../../../fixtures/tapis/source-ds-history-4dfa35e1-finished-2025.reconstructed.json"
);
const REAL_JOB: &str =
    include_str!("../../../fixtures/tapis/source-ds-job-4dfa35e1-finished-2025.reconstructed.json");

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn closed_jobs_durations_sum_to_last_minus_first_status(seed in any::<u64>()) {
        for mut job in jobs(seed, 20) {
            let statuses: Vec<_> = job.events.iter().filter_map(|e| match &e.kind {
                EventKind::NewStatus(s) => Some((s.clone(), e.created)),
                EventKind::Other { .. } => None,
            }).collect();
            let created = job.info.as_ref().and_then(|i| i.created);
            let report = analyse_jobs(std::slice::from_ref(&job), &Options::default());
            let r = &report.jobs[0];
            for (_, v) in r.durations.iter() {
                prop_assert!(*v >= 0.0);
            }
            for s in &r.segments {
                prop_assert!(s.end >= s.start);
            }
            if !r.terminal {
                continue;
            }
            let sum: f64 = r.durations.iter().map(|(_, v)| v).sum();
            let (first, last) = (statuses[0].1, statuses[statuses.len() - 1].1);
            let start = created.map_or(first, |c| c.min(first));
            prop_assert!((sum - seconds_between(start, last)).abs() < 1e-6, "{} vs {}", sum, seconds_between(start, last));
            prop_assert!((r.total_seconds - sum).abs() < 1e-6);
            // Without the job object: exactly last − first status.
            job.info = None;
            let bare = analyse_jobs(&[job], &Options::default());
            let sum: f64 = bare.jobs[0].durations.iter().map(|(_, v)| v).sum();
            prop_assert!((sum - seconds_between(first, last)).abs() < 1e-6);
        }
    }

    #[test]
    fn shuffling_and_duplicating_events_changes_nothing(
        seed in any::<u64>(),
        order in Just(()).prop_perturb(|_, mut rng| rng.next_u64()),
        dups in prop::collection::vec(any::<prop::sample::Index>(), 0..8),
    ) {
        let original = jobs(seed, 3);
        let text = to_history_envelopes(&original);
        // Every event of every job as one item, shuffled, some repeated.
        let mut items: Vec<serde_json::Value> = text
            .lines()
            .flat_map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["result"].as_array().unwrap().clone()
            })
            .collect();
        for d in &dups {
            let extra = items[d.index(items.len())].clone();
            items.push(extra);
        }
        let mut state = order | 1;
        for i in (1..items.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            items.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let shuffled = serde_json::to_string(&items).unwrap();
        let mut a = analyse(&import_text("ordered", &text), &Options::default());
        let mut b = analyse(&import_text("shuffled", &shuffled), &Options::default());
        prop_assert_eq!(a.jobs.len(), b.jobs.len());
        // Jobs are listed in the order first met, which shuffling changes.
        for r in [&mut a, &mut b] {
            r.jobs.sort_by(|x, y| x.uuid.cmp(&y.uuid));
            for rec in &mut r.recommendations {
                rec.jobs.sort();
            }
        }
        for (x, y) in a.jobs.iter().zip(&b.jobs) {
            prop_assert_eq!(&x.uuid, &y.uuid);
            prop_assert_eq!(&x.durations, &y.durations);
            prop_assert_eq!(&x.visits, &y.visits);
            prop_assert_eq!(&x.transfers, &y.transfers);
            prop_assert_eq!(&x.final_status, &y.final_status);
        }
        let ids = |r: &tapis_profile::Report| r.recommendations.iter().map(|x| (x.id.clone(), x.jobs.clone())).collect::<Vec<_>>();
        prop_assert_eq!(ids(&a), ids(&b));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        let records = read_input("fuzz", &text);
        let import = tapis_profile::assemble(&[records]);
        let _ = analyse(&import, &Options::default());
    }

    #[test]
    fn arbitrary_text_in_json_shapes_never_panics(s in "[\\[\\]{}\":,a-zA-Z0-9 \\n_.'-]{0,200}") {
        let _ = analyse(&import_text("fuzz", &s), &Options::default());
    }

    #[test]
    fn mutated_real_json_never_panics(
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, any::<u8>()), 1..12),
        job in any::<bool>(),
    ) {
        let mut bytes = if job { REAL_JOB } else { REAL }.as_bytes().to_vec();
        for (at, op, b) in edits {
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = b,
                1 => { bytes.remove(i); }
                _ => bytes.insert(i, b),
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        let _ = analyse(&import_text("mutated", &text), &Options::default());
    }
}

/// Real fixtures of each reader's format: JSON, Python reprs, tapipy prints.
fn real_inputs(suffix: &str) -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/tapis");
    let mut all: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    all.sort();
    all
}

/// `depth` levels of nesting around `inner`, as each reader's format nests.
fn nest(reader: usize, inner: &str, depth: usize) -> String {
    match reader {
        // JSON: envelopes, each with the next as its `result`.
        0 => format!(
            "{}{inner}{}",
            "{\"result\": ".repeat(depth),
            "}".repeat(depth)
        ),
        // A Python repr: lists.
        1 => format!("{}{inner}{}", "[".repeat(depth), "]".repeat(depth)),
        // tapipy: objects whose keys cannot follow each other (each opens the next).
        _ => format!("{}\n--\n{inner}", "z: \n".repeat(depth)),
    }
}

/// How deep a JSON text's arrays and objects nest (brackets inside strings
/// not counted): what the readers' bound of 127 levels counts.
fn nesting_depth(json: &str) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0, false, false);
    for c in json.chars() {
        match (in_string, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (true, false, '"') => in_string = false,
            (true, false, _) => {}
            (false, _, '"') => in_string = true,
            (false, _, '{' | '[') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (false, _, '}' | ']') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Edits that keep the text text: a character set, removed or put in.
fn mutate(text: &str, edits: &[(prop::sample::Index, u8, char)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for (at, op, c) in edits {
        if chars.is_empty() {
            break;
        }
        let i = at.index(chars.len());
        match op {
            0 => chars[i] = *c,
            1 => {
                chars.remove(i);
            }
            _ => chars.insert(i, *c),
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    /// Each reader, fed a real fixture of its format nested as deep as its format
    /// nests, within the bound and far past it, then mutated: never a panic or a
    /// stack overflow; within the bound the fixture reads as it does alone, past
    /// it the reader says where it stopped.
    #[test]
    fn each_reader_takes_real_fixtures_nested_and_mutated(
        reader in 0usize..3,
        pick in any::<prop::sample::Index>(),
        depth in prop_oneof![0usize..100, 100usize..140, 126usize..=128, 140usize..5000],
        edits in prop::collection::vec(
            (any::<prop::sample::Index>(), 0u8..3, prop::sample::select(vec!['{', '}', '[', ']', '\'', '"', ':', ',', '\n', 'a', ' '])),
            0..6,
        ),
    ) {
        let inputs = real_inputs([".json", ".pydict.txt", ".tapipy.txt"][reader]);
        let (name, fixture) = pick.get(&inputs);
        let alone = read_input(name, fixture);
        let nested = nest(reader, fixture.trim(), depth);
        let read = read_input(name, &nested);
        let too_deep = read.diagnostics.iter().find(|d| d.message == "nested deeper than 127 levels");
        match reader {
            // The envelopes' own depth plus the fixture's (a history's events nest
            // four deep: 124 envelopes around one are past the bound).
            0 if depth + nesting_depth(fixture) <= 127 => prop_assert_eq!(&read.jobs, &alone.jobs),
            // Between: what a reader descends into is bounded at 127, what it
            // skips at serde_json's 128, so a fixture whose deepest part is
            // skipped still reads; otherwise it is refused, with where.
            0 if depth <= 127 => prop_assert!(
                read.jobs == alone.jobs || too_deep.is_some_and(|d| d.location.is_some()),
                "{:?}", read.diagnostics
            ),
            // Past it, said with where (lines after the first of a pretty-printed
            // fixture may still be read, as NDJSON lines after a broken one are).
            0 | 1 if depth > 127 => {
                prop_assert!(too_deep.is_some_and(|d| d.location.is_some()), "{:?}", read.diagnostics)
            }
            // A tapipy print: the nested item is dropped past the bound; the fixture after it reads.
            2 => {
                prop_assert_eq!(&read.jobs, &alone.jobs);
                prop_assert_eq!(too_deep.is_some(), depth > 127, "{:?}", read.diagnostics);
            }
            _ => {}
        }
        let mutated = mutate(&nested, &edits);
        let records = read_input(name, &mutated);
        for d in &records.diagnostics {
            if d.message == "nested deeper than 127 levels" {
                prop_assert!(d.location.is_some());
            }
        }
        let _ = analyse(&tapis_profile::assemble(&[records]), &Options::default());
    }
}
