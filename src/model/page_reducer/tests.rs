use super::*;
use crate::model::query::{FilterChange, SortKey};
use tapis_profile::time::parse_timestamp;
use tapis_profile::JobState;

const UUID: &str = "4dfa35e1-15cd-48fd-a090-f348544dee1f-007";
const FAILED_LIST: &str =
    include_str!("../../../fixtures/tapis/source-ds-joblist-failed-2024.reconstructed.json");
const JOB_41D6: &str =
    include_str!("../../../fixtures/tapis/source-ds-job-41d6ee21-finished-2026.reconstructed.json");

fn t(s: &str) -> Timestamp {
    parse_timestamp(s).unwrap()
}

/// The sample job as it looked while RUNNING: its last three events not yet written.
fn sample_while_running() -> String {
    let events: Vec<serde_json::Value> = serde_json::from_str(SAMPLE_HISTORY).unwrap();
    serde_json::to_string(&events[..events.len() - 3]).unwrap()
}

fn import(name: &str, text: &str) -> Action {
    Action::Import {
        name: name.into(),
        text: text.into(),
    }
}

fn names(s: &AppState) -> Vec<&str> {
    s.inputs.iter().map(|i| i.name.as_str()).collect()
}

#[test]
fn the_sample_is_one_input_one_job_and_its_detail_opens() {
    let s = AppState::default().apply(Action::LoadSample);
    assert_eq!(names(&s), [SAMPLE_NAME]);
    assert_eq!(s.inputs[0].bytes, SAMPLE_HISTORY.len());
    assert_eq!(s.inputs[0].records.format, InputFormat::Json);
    assert_eq!(s.report.jobs.len(), 1);
    assert_eq!(s.report.jobs[0].final_status, Some(JobState::Finished));
    assert_eq!(s.selected.as_deref(), Some(UUID), "a lone job opens");
    assert!(s.notices.is_empty());
    assert!(s.draft.is_empty(), "the paste box is the user's");
}

#[test]
fn a_bad_paste_says_why_and_loses_nothing() {
    let loaded = AppState::default().apply(Action::LoadSample);
    let s = loaded
        .clone()
        .apply(Action::Edit("[{\"event\": ]".into()))
        .apply(Action::AnalyseDraft);
    assert_eq!(s.notices[0].severity, Severity::Error);
    assert_eq!(s.notices[0].location.map(|l| l.line), Some(1));
    assert!(
        Rc::ptr_eq(&s.report, &loaded.report),
        "not even re-analysed"
    );
    assert_eq!(s.inputs, loaded.inputs, "a failed paste is not listed");
    assert_eq!(&*s.draft, "[{\"event\": ]", "the text stays to be fixed");
}

#[test]
fn pastes_add_up_under_numbered_names_and_a_good_import_clears_old_notices() {
    let s = AppState::default()
        .apply(Action::Edit("nope".into()))
        .apply(Action::AnalyseDraft);
    assert_eq!(s.notices.len(), 1);
    let s = s
        .apply(Action::Edit(SAMPLE_HISTORY.into()))
        .apply(Action::AnalyseDraft)
        .apply(Action::Edit(FAILED_LIST.into()))
        .apply(Action::AnalyseDraft);
    assert!(s.notices.is_empty());
    assert_eq!(names(&s), [PASTE_NAME, "pasted text 2"]);
    assert_eq!(s.report.jobs.len(), 1 + 3);
}

#[test]
fn inputs_of_the_same_name_replace_each_other_in_place() {
    let s = AppState::default()
        .apply(import("tapis:history:a", &sample_while_running()))
        .apply(import("other.json", FAILED_LIST));
    assert_eq!(
        s.report.job(UUID).unwrap().open_state,
        Some(JobState::Running)
    );
    let id = s.inputs[0].id;

    // The live panel re-sends the job's history under the same name once it finished.
    let s = s.apply(import("tapis:history:a", SAMPLE_HISTORY));
    assert_eq!(names(&s), ["tapis:history:a", "other.json"]);
    assert_eq!(s.inputs[0].id, id, "the same entry, refreshed");
    let job = s.report.job(UUID).unwrap();
    assert_eq!(job.final_status, Some(JobState::Finished));
    assert_eq!(job.open_state, None);

    // A re-send that reads nothing keeps the good one, and says why.
    let s2 = s
        .clone()
        .apply(import("tapis:history:a", "<html>502</html>"));
    assert_eq!(s2.inputs, s.inputs);
    assert!(Rc::ptr_eq(&s2.report, &s.report));
    assert_eq!(s2.notices[0].severity, Severity::Error);
    assert_eq!(s2.notices[0].input, "tapis:history:a");
}

#[test]
fn a_live_listing_then_the_history_make_one_job_coarse_then_whole() {
    const JOB_4DFA: &str = include_str!(
        "../../../fixtures/tapis/source-ds-job-4dfa35e1-finished-2025.reconstructed.json"
    );
    // The live panel's listing (job records): a coarse job, no history yet.
    let s = AppState::default().apply(Action::AddInputs(vec![(
        "tapis:jobs".into(),
        JOB_4DFA.into(),
    )]));
    let job = s.report.job(UUID).unwrap();
    assert!(!job.has_history);
    assert!(job.coarse.is_some());
    // Its history, fetched later under its own name, joins the same job.
    let s = s.apply(Action::AddInputs(vec![(
        format!("tapis:history:{UUID}"),
        SAMPLE_HISTORY.into(),
    )]));
    assert_eq!(names(&s), ["tapis:jobs", &format!("tapis:history:{UUID}")]);
    assert_eq!(s.report.jobs.len(), 1);
    let job = s.report.job(UUID).unwrap();
    assert!(job.has_history);
    assert_eq!(job.final_status, Some(JobState::Finished));
}

#[test]
fn many_inputs_in_one_action_equal_one_at_a_time() {
    let texts = vec![
        ("a.json".to_string(), SAMPLE_HISTORY.to_string()),
        ("b.json".to_string(), FAILED_LIST.to_string()),
        ("c.json".to_string(), JOB_41D6.to_string()),
        ("a.json".to_string(), SAMPLE_HISTORY.to_string()),
    ];
    let at_once = AppState::default().apply(Action::AddInputs(texts.clone()));
    let one_by_one = texts
        .into_iter()
        .fold(AppState::default(), |s, (name, text)| {
            s.apply(Action::Import { name, text })
        });
    assert_eq!(names(&at_once), ["a.json", "b.json", "c.json"]);
    let records = |s: &AppState| -> Vec<InputRecords> {
        s.inputs.iter().map(|i| (*i.records).clone()).collect()
    };
    assert_eq!(records(&at_once), records(&one_by_one));
    assert_eq!(at_once.report, one_by_one.report);
    assert_eq!(at_once.report.jobs.len(), 5);
}

#[test]
fn inputs_compare_their_records_by_identity() {
    let s = AppState::default().apply(Action::LoadSample);
    let again = AppState::default().apply(Action::LoadSample);
    assert_eq!(s.inputs, s.clone().inputs, "the same records");
    assert_ne!(s.inputs, again.inputs, "equal records, read twice");
    assert_eq!(*s.inputs[0].records, *again.inputs[0].records);
}

#[test]
fn a_file_that_reads_nothing_is_listed_with_its_error_beside_the_good_ones() {
    let s = AppState::default()
        .apply(Action::Reading {
            batch: 1,
            files: vec![("good.json".into(), 10), ("bad.json".into(), 5)],
        })
        .apply(Action::ReadStage {
            batch: 1,
            index: 1,
            stage: ReadStage::Parsing,
        });
    assert_eq!(s.reading.len(), 2);
    assert_eq!(
        (s.reading[0].stage, s.reading[1].stage),
        (ReadStage::Waiting, ReadStage::Parsing)
    );
    let s = s.apply(Action::AddRecords {
        batch: Some(1),
        inputs: vec![
            ReadInput::from_text("good.json".into(), SAMPLE_HISTORY),
            ReadInput::from_text("bad.json".into(), "{\"result\": [oops]}"),
        ],
        prepared: None,
    });
    assert!(s.reading.is_empty());
    assert_eq!(names(&s), ["good.json", "bad.json"]);
    assert!(!s.inputs[1].records.read_something());
    assert_eq!(s.report.jobs.len(), 1);
    let error = s
        .report
        .diagnostics
        .iter()
        .find(|d| d.input == "bad.json")
        .unwrap();
    assert_eq!(error.severity, Severity::Error);
    assert!(error.location.is_some());
}

/// What the edge does ahead of the reducer (`edge::prepare`), at once rather than in steps.
fn prepared(s: &AppState, inputs: &[ReadInput], now: Timestamp) -> Prepared {
    let records = s.records_after(inputs);
    let options = s.options_after(inputs, now);
    let import = assemble(&records);
    let mut analysis = tapis_profile::analysis::Analysis::of(&import, &options);
    while !analysis.step(3) {}
    let report = Rc::new(analysis.finish());
    Prepared {
        records,
        options,
        import: Rc::new(import),
        report,
    }
}

fn add_records(inputs: Vec<ReadInput>, prepared: Option<Prepared>) -> Action {
    Action::AddRecords {
        batch: None,
        inputs,
        prepared,
    }
}

#[test]
fn records_prepared_ahead_give_the_state_the_reducer_would_make() {
    let now = t("2026-03-01T00:00:00Z");
    let s = AppState::default()
        .apply(Action::SetClock(now))
        .apply(import("failed.json", FAILED_LIST));
    // One input replaced by name, two new.
    let inputs = vec![
        ReadInput::from_text("failed.json".into(), FAILED_LIST),
        ReadInput::from_text("job.json".into(), JOB_41D6),
        ReadInput::from_text("sample.json".into(), SAMPLE_HISTORY),
    ];
    let ahead = prepared(&s, &inputs, now);
    assert_eq!(ahead.records.len(), 3);
    let by_reducer = s.clone().apply(add_records(inputs.clone(), None));
    let taken = s.clone().apply(add_records(inputs, Some(ahead.clone())));
    assert!(
        Rc::ptr_eq(&taken.report, &ahead.report),
        "the prepared report is used"
    );
    assert_eq!(
        taken,
        AppState {
            import: taken.import.clone(),
            report: taken.report.clone(),
            ..by_reducer.clone()
        }
    );
    assert_eq!(*taken.report, *by_reducer.report);
    assert_eq!(*taken.import, *by_reducer.import);
}

#[test]
fn records_prepared_against_other_inputs_or_options_are_done_again() {
    let (then, now) = (t("2026-03-01T00:00:00Z"), t("2026-03-02T00:00:00Z"));
    let s = AppState::default().apply(Action::SetClock(then));
    let inputs = vec![ReadInput::from_text("sample.json".into(), SAMPLE_HISTORY)];
    let ahead = prepared(&s, &inputs, then);
    // Meanwhile another input came in, and the clock moved on.
    let moved = s
        .apply(import("job.json", JOB_41D6))
        .apply(Action::SetClock(now));
    let added = moved
        .clone()
        .apply(add_records(inputs.clone(), Some(ahead.clone())));
    assert!(!Rc::ptr_eq(&added.report, &ahead.report));
    assert_eq!(names(&added), ["job.json", "sample.json"]);
    assert_eq!(added.report.jobs.len(), 2);
    assert_eq!(added.as_of, Some(now));
    // Made with stale jobs left out, where they are counted now.
    let counting = moved.apply(Action::IncludeStale(true));
    let ahead = prepared(&counting, &inputs, now);
    let ahead = Prepared {
        options: Options {
            include_stale: false,
            ..ahead.options
        },
        ..ahead
    };
    let added = counting.apply(add_records(inputs, Some(ahead.clone())));
    assert!(!Rc::ptr_eq(&added.report, &ahead.report));
    assert!(added.report.include_stale);
}

#[test]
fn a_failed_fetch_is_listed_and_keeps_what_was_loaded() {
    let s = AppState::default().apply(Action::LoadSample);
    let s = s.apply(Action::LoadFailed {
        name: "jobs/b.json".into(),
        error: "HTTP 404".into(),
    });
    assert_eq!(names(&s), [SAMPLE_NAME, "jobs/b.json"]);
    assert_eq!(s.report.jobs.len(), 1);
    let d = s.report.diagnostics.last().unwrap();
    assert_eq!(
        (d.input.as_str(), d.message.as_str()),
        ("jobs/b.json", "HTTP 404")
    );
    assert_eq!(d.severity, Severity::Error);
}

#[test]
fn removing_an_input_removes_its_jobs_and_a_selection_that_left() {
    let s = AppState::default()
        .apply(import("list.json", FAILED_LIST))
        .apply(Action::LoadSample)
        .apply(Action::Select(Some(UUID.into())));
    assert_eq!(s.report.jobs.len(), 4);
    let sample = s.inputs[1].id;
    let s = s.apply(Action::Remove(vec![sample]));
    assert_eq!(names(&s), ["list.json"]);
    assert_eq!(s.report.jobs.len(), 3);
    assert_eq!(s.selected, None);
    assert!(s.report.job(UUID).is_none());
}

#[test]
fn clear_all_empties_the_page_but_keeps_the_sort_and_the_ticks() {
    let sort = Sort {
        key: SortKey::Total,
        descending: true,
    };
    let s = AppState::default()
        .apply(Action::LoadSample)
        .apply(Action::Sort(sort.clone()))
        .apply(Action::Filter(FilterChange::Text("opensees".into())))
        .apply(Action::Check {
            item: "io-1".into(),
            checked: true,
        })
        .apply(Action::ClearAll);
    assert!(s.inputs.is_empty());
    assert!(s.report.jobs.is_empty());
    assert!(s.report.diagnostics.is_empty());
    assert_eq!(s.selected, None);
    assert_eq!(s.filter, Filter::default());
    assert_eq!(s.sort, sort);
    assert_eq!(s.checks.get("io-1"), Some(&true));
}

#[test]
fn open_states_are_measured_up_to_the_clock_and_grow_with_it() {
    // Minutes after the sample's last event (a year later it would be stale).
    let start = t("2025-05-07T22:30:00Z");
    let s = AppState::default()
        .apply(Action::SetClock(start))
        .apply(import("running", &sample_while_running()));
    assert_eq!(s.report.as_of, Some(start));
    assert!(s.any_open());
    let before = s.report.jobs[0].total_seconds;
    let s = s.apply(Action::Tick(t("2025-05-07T22:30:10Z")));
    let after = s.report.jobs[0].total_seconds;
    assert!((after - before - 10.0).abs() < 1e-6, "{before} → {after}");

    // Nothing open: a tick only moves the clock.
    let done = AppState::default().apply(Action::LoadSample);
    let ticked = done.clone().apply(Action::Tick(start));
    assert!(Rc::ptr_eq(&done.report, &ticked.report));
    assert_eq!(ticked.as_of, Some(start));
}

#[test]
fn the_clock_ticks_less_often_for_more_jobs() {
    assert_eq!(tick_interval_ms(1), 5_000);
    assert_eq!(tick_interval_ms(2_000), 10_000);
    assert_eq!(tick_interval_ms(1_000_000), 60_000);
}

#[test]
fn marking_jobs_shows_them_alone_until_unmarked() {
    let s = AppState::default()
        .apply(import("list.json", FAILED_LIST))
        .apply(Action::LoadSample)
        .apply(Action::Filter(FilterChange::Status(Some(
            "FINISHED".into(),
        ))))
        .apply(Action::Mark {
            label: "Failed early".into(),
            jobs: vec![s_uuid_of_first_failed()],
        });
    let marked = s.filter.marked.as_ref().unwrap();
    assert_eq!(marked.label, "Failed early");
    assert_eq!(
        s.filter.status, None,
        "other filters would hide marked jobs"
    );
    let shown = crate::model::query::select(&s.report.jobs, &s.filter, &s.sort);
    assert_eq!(shown.len(), 1);
    let s = s.apply(Action::Filter(FilterChange::Mark(None)));
    assert_eq!(
        crate::model::query::select(&s.report.jobs, &s.filter, &s.sort).len(),
        4
    );
}

#[test]
fn one_job_picked_is_opened_and_of_several_the_open_one_stays_if_picked() {
    let s = AppState::default()
        .apply(import("list.json", FAILED_LIST))
        .apply(Action::LoadSample);
    let ids: Vec<String> = s.report.jobs.iter().map(|j| j.uuid.to_string()).collect();
    assert_eq!(ids.len(), 4);
    let mark = |jobs: &[String]| Action::Mark {
        label: "picked".into(),
        jobs: jobs.to_vec(),
    };
    let s = s.apply(mark(&ids[1..2]));
    assert_eq!(s.selected.as_deref(), Some(ids[1].as_str()));
    let s = s.apply(mark(&ids[0..2]));
    assert_eq!(s.selected.as_deref(), Some(ids[1].as_str()));
    let s = s.apply(mark(&ids[2..4]));
    assert_eq!(s.selected, None);
}

fn s_uuid_of_first_failed() -> String {
    let s = AppState::default().apply(import("list.json", FAILED_LIST));
    s.report.jobs[0].uuid.to_string()
}

#[test]
fn checklist_ticks_are_kept_per_item() {
    let s = AppState::default()
        .apply(Action::Check {
            item: "a".into(),
            checked: true,
        })
        .apply(Action::Check {
            item: "b".into(),
            checked: true,
        })
        .apply(Action::Check {
            item: "a".into(),
            checked: false,
        });
    assert_eq!(
        s.checks.iter().collect::<Vec<_>>(),
        [(&"a".to_string(), &false), (&"b".to_string(), &true)]
    );
}

#[test]
fn ticks_are_kept_across_imports_and_a_json_export_brings_its_own() {
    use tapis_profile::checklist::Ticks;
    use tapis_profile::export::export_document;
    let check = |item: &str| Action::Check {
        item: item.into(),
        checked: true,
    };
    let s = AppState::default()
        .apply(Action::LoadSample)
        .apply(check("zips/zip-inputs"))
        .apply(check("sanity/small-logs"));
    let saved: Ticks = [("sanity/small-logs".to_string(), false)].into();
    let export = export_document(&s.report, &s.import.jobs, &saved);

    let again = s.clone().apply(Action::LoadSample);
    assert_eq!(again.checks, s.checks, "a plain import keeps the ticks");
    let restored = s.apply(import("export.json", &export));
    assert_eq!(
        restored.report.jobs.len(),
        1,
        "the export's job merges with the sample's"
    );
    let want: Ticks = [
        ("zips/zip-inputs".to_string(), true),
        ("sanity/small-logs".to_string(), false),
    ]
    .into();
    assert_eq!(*restored.checks, want, "the export's ticks win");
}

#[test]
fn a_stale_job_is_left_out_until_it_is_counted_and_grows_with_the_clock_then() {
    // The sample while RUNNING, analysed a year later: stale, left out, stopped there.
    let later = t("2026-05-07T22:30:00Z");
    let s = AppState::default()
        .apply(Action::SetClock(later))
        .apply(import("running", &sample_while_running()));
    let job = &s.report.jobs[0];
    assert!(job.stale.is_some() && !job.counted());
    assert_eq!(s.report.aggregate.jobs, 0);
    let stopped = job.total_seconds;
    assert!(stopped < 3_600.0, "{stopped}");
    // Counted: measured up to now, a year of it.
    let s = s.apply(Action::IncludeStale(true));
    assert!(s.include_stale && s.report.include_stale);
    assert_eq!(s.report.aggregate.jobs, 1);
    assert!(s.report.jobs[0].total_seconds > 364.0 * 86_400.0);
    let ticked = s.clone().apply(Action::Tick(t("2026-05-07T22:30:10Z")));
    let grown = ticked.report.jobs[0].total_seconds - s.report.jobs[0].total_seconds;
    assert!((grown - 10.0).abs() < 1e-6, "{grown}");
    // Left out again; the same choice twice changes nothing.
    let s = ticked.apply(Action::IncludeStale(false));
    assert_eq!(s.report.jobs[0].total_seconds, stopped);
    let again = s.clone().apply(Action::IncludeStale(false));
    assert!(Rc::ptr_eq(&s.report, &again.report));
}

#[test]
fn the_what_if_settings_reanalyse_as_the_cli_would_and_an_export_brings_them_back() {
    use tapis_profile::export::export_document;
    use tapis_profile::synthetic::{generate, Config};
    let bundle = tapis_profile::import::to_bundle_as_of(
        &generate(&Config {
            jobs: 60,
            ..Config::default()
        }),
        None,
    );
    let s = AppState::default().apply(import("synthetic.json", &bundle));
    let (system, queue) = {
        let q = &s.report.goodput.queues[0];
        (q.system.clone(), q.queue.clone())
    };
    let before = s.report.goodput.clone();
    let edited = s
        .clone()
        .apply(Action::ChargeRate {
            system: system.clone(),
            queue: queue.clone(),
            rate: 7.5,
        })
        .apply(Action::ArchivedShare(0.25));
    // What `--charge-rate SYSTEM/QUEUE=7.5 --archived-share 0.25` gives.
    let want = WhatIf {
        charge_rates: WhatIf::default()
            .charge_rates
            .with_rate(&system, &queue, 7.5),
        ..WhatIf::default().with_archived_share(0.25)
    };
    assert_eq!(edited.what_if, want);
    let cli = analyse(
        &edited.import,
        &Options {
            what_if: want.clone(),
            ..edited.options()
        },
    );
    assert_eq!(edited.report.goodput, cli.goodput);
    assert_eq!(edited.report.recommendations, cli.recommendations);
    assert_eq!(
        edited.report.what_if, want,
        "the report (and its export) keep them"
    );
    assert_ne!(edited.report.goodput, before, "the SUs changed");
    assert_eq!(edited.report.goodput.queues[0].su_per_node_hour, Some(7.5));
    // Unchanged settings change nothing; a rate that is no rate unprices the queue.
    let same = edited.clone().apply(Action::ArchivedShare(0.25));
    assert!(Rc::ptr_eq(&same.report, &edited.report));
    let unpriced = edited.clone().apply(Action::ChargeRate {
        system: system.clone(),
        queue: queue.clone(),
        rate: f64::NAN,
    });
    assert_eq!(unpriced.report.goodput.queues[0].su_per_node_hour, None);

    // The JSON export, read into a fresh page, brings the settings back.
    let export = export_document(&edited.report, &edited.import.jobs, &Default::default());
    let back = AppState::default().apply(import("export.json", &export));
    assert_eq!(back.what_if, want);
    assert_eq!(back.report.goodput, edited.report.goodput);
    assert_eq!(back.report.recommendations, edited.report.recommendations);
    // Read at the edge and analysed ahead, the export's analysis is the one kept.
    let inputs = vec![ReadInput::from_text("export.json".into(), &export)];
    let ahead = prepared(&AppState::default(), &inputs, t("2030-01-01T00:00:00Z"));
    let kept = AppState::default().apply(add_records(inputs, Some(ahead.clone())));
    assert_eq!(kept.what_if, want);
    assert!(Rc::ptr_eq(&kept.report, &ahead.report));
}
