//! Components rendered natively with yew's server renderer: what the markup says,
//! without a browser. Clicks and effects are covered by `tests/web.rs` and `e2e/`.
#![cfg(not(target_arch = "wasm32"))]

use tapis_job_profiler::components::*;
use tapis_job_profiler::model::loaded::input_rows;
use tapis_job_profiler::model::page_reducer::{
    Action, AppState, ReadStage, Reading, SAMPLE_HISTORY,
};
use tapis_job_profiler::model::quality::quality;
use tapis_job_profiler::model::query::{Filter, FilterChange, Marked, Sort};
use tapis_job_profiler::model::totals::{Goodput, Totals};
use tapis_job_profiler::shared::Shared;
use tapis_job_profiler::{App, AppProps};
use tapis_profile::report::JobReport;
use tapis_profile::{analyse, import_all, import_text, Options, Report};
use yew::{BaseComponent, Callback, ServerRenderer};

const FAILED_JOB: &str = include_str!("../fixtures/tapis/source-dsportal-job-failed-2023.json");
const FAILED_LIST: &str =
    include_str!("../fixtures/tapis/source-ds-joblist-failed-2024.reconstructed.json");

async fn render<C>(props: impl FnOnce() -> C::Properties + Send + 'static) -> String
where
    C: BaseComponent,
{
    ServerRenderer::<C>::with_props(props)
        .hydratable(false)
        .render()
        .await
}

fn sample() -> Report {
    analyse(&import_text("sample", SAMPLE_HISTORY), &Options::default())
}

fn detail(job: JobReport) -> JobDetailProps {
    JobDetailProps {
        job: Shared::new(job),
        recommendations: vec![(
            "archive-heavy".into(),
            "Archiving takes most of the time".into(),
        )],
        focus: 0,
        on_close: Callback::noop(),
    }
}

#[tokio::test]
async fn an_empty_page_offers_every_way_in() {
    let html = render::<App>(AppProps::default).await;
    assert!(html.contains("<h1>Tapis Job Profiler</h1>"), "{html}");
    assert!(html.contains("Drop job files here"), "{html}");
    assert!(html.contains(r#"type="file" multiple"#), "{html}");
    assert!(html.contains("Choose files…"), "{html}");
    assert!(html.contains("Or paste Tapis job data"), "{html}");
    assert!(html.contains("tapipy notebook prints"), "{html}");
    assert!(html.contains("Load sample data"), "{html}");
    assert!(html.contains("nothing yet"), "{html}");
    assert!(!html.contains("Clear all"), "nothing to clear\n{html}");
    assert!(!html.contains("Overview"), "no jobs, no overview\n{html}");
}

#[tokio::test]
async fn the_sample_fills_every_view_and_its_lone_job_opens() {
    let html = render::<App>(|| AppProps {
        sample: true,
        ..AppProps::default()
    })
    .await;
    for text in [
        "Overview",
        "Where the time went",
        "Job timeline",
        "Data quality",
        "Close the job's detail",
        "Clear all…",
    ] {
        assert!(html.contains(text), "no {text:?}\n{html}");
    }
    assert!(html.contains(r#"<tr data-state="ARCHIVING">"#), "{html}");
    assert!(html.contains(r#"data-input="sample: OpenSeesMP"#), "{html}");
    assert!(
        !html.contains("Sort and filter"),
        "one job, nothing to filter\n{html}"
    );
}

#[tokio::test]
async fn the_detail_shows_states_buckets_transfers_and_recommendations() {
    let html = render::<JobDetail>(|| detail(sample().jobs.remove(0))).await;
    assert!(html.contains(r#"<tr data-state="ARCHIVING">"#), "{html}");
    assert!(html.contains("3 min 35 s"), "{html}");
    assert!(html.contains("215.1"), "{html}");
    assert!(html.contains("64.3 %"), "{html}");
    assert_eq!(html.matches(r#"class="segment "#).count(), 8, "{html}");
    assert!(html.contains(r#"data-bucket="data-movement""#), "{html}");
    // Input staging: 112 files, 2.9 MB, after waiting 15.1 s; archiving: 5069 files.
    assert!(html.contains("Inputs staged"), "{html}");
    assert!(html.contains("<dd>112</dd>"), "{html}");
    assert!(html.contains("<dd>2.9 MB</dd>"), "{html}");
    assert!(html.contains("<dd>15.1 s</dd>"), "{html}");
    assert!(html.contains("<dd>5,069</dd>"), "{html}");
    assert!(html.contains(r#"data-rec="archive-heavy""#), "{html}");
    assert!(
        html.contains("opensees-mp-s3-latest_2025-05-07T22:13:08"),
        "{html}"
    );
    assert!(!html.contains("How it ended"), "it finished\n{html}");
    // Each transfer visit split as the core split it: ARCHIVING 12.4 s waiting,
    // 2 min 52 s copying, 31.0 s of lag.
    assert!(html.contains("Inside the transfers"), "{html}");
    assert_eq!(html.matches(r#"class="anatomy-visit""#).count(), 2);
    assert!(html.contains(r#"data-direction="out""#), "{html}");
    assert!(html.contains("Completion lag"), "{html}");
    assert!(html.contains(r#"aria-label="ARCHIVING: Waiting 12.4 s, Copying 2 min 52 s, Completion lag 31.0 s, Unexplained 0.0 s""#), "{html}");
}

#[tokio::test]
async fn a_failed_job_says_how_it_ended_and_what_it_asked_for() {
    let html = render::<JobDetail>(|| {
        let r = analyse(&import_text("failed.json", FAILED_JOB), &Options::default());
        detail(r.jobs[0].clone())
    })
    .await;
    assert!(html.contains("How it ended: FAILED"), "{html}");
    assert!(
        html.contains("<dt>Reached RUNNING</dt><dd>yes</dd>"),
        "{html}"
    );
    assert!(html.contains("JOBS_USER_APP_FAILURE"), "{html}");
    assert!(html.contains("1 node × 1 core"), "{html}");
    assert!(html.contains("Requested and used"), "{html}");
    assert!(html.contains("No history was loaded"), "{html}");
}

#[tokio::test]
async fn the_overview_adds_up_the_jobs_shown() {
    let html = render::<Overview>(|| {
        let r = analyse(
            &import_all([("list", FAILED_LIST), ("sample", SAMPLE_HISTORY)]),
            &Options::default(),
        );
        OverviewProps {
            totals: Totals::of(&r.jobs[..2]),
            goodput: Goodput::of(&r.jobs[..2], &r.what_if.charge_rates),
            all: r.jobs.len(),
            stale: 0,
            compact: false,
            include_stale: false,
            on_include_stale: Callback::noop(),
        }
    })
    .await;
    assert!(html.contains("the 2 filtered jobs of 4"), "{html}");
    assert!(html.contains(r#"data-bucket="queue-wait""#), "{html}");
    assert!(
        html.contains("Share of the wall time: Tapis overhead"),
        "{html}"
    );
    assert!(!html.contains("blocked-paused"), "no time blocked\n{html}");
    assert!(html.contains(r#"data-figure="goodput""#), "{html}");
}

#[tokio::test]
async fn the_input_list_shows_each_input_its_errors_and_files_on_their_way() {
    let html = render::<InputList>(|| {
        let s = AppState::default()
            .apply(Action::LoadSample)
            .apply(Action::Import {
                name: "broken.json".into(),
                text: "{\"result\": [1,".into(),
            });
        InputListProps {
            rows: Shared::new(input_rows(&s.inputs, &s.report)),
            reading: vec![Reading {
                batch: 1,
                name: "big.json".into(),
                bytes: 150_000_000,
                stage: ReadStage::Parsing,
            }],
            jobs: s.report.jobs.len(),
            on_remove: Callback::noop(),
            on_clear: Callback::noop(),
        }
    })
    .await;
    assert!(html.contains("2 inputs and 1 job"), "{html}");
    assert!(
        html.contains(r#"aria-label="Remove broken.json""#),
        "{html}"
    );
    assert!(html.contains("JSON · 1 job · 12 events"), "{html}");
    assert!(
        html.contains(r#"role="alert""#),
        "the error is announced\n{html}"
    );
    assert!(html.contains("Could not read broken.json"), "{html}");
    assert!(html.contains("150.0 MB"), "{html}");
    assert!(html.contains("parsing…"), "{html}");
    assert!(
        html.contains("Parsing file 1 of 1: big.json (150.0 MB)…"),
        "{html}"
    );
    assert!(html.contains("<dialog"), "clear all asks first\n{html}");
}

#[tokio::test]
async fn filters_offer_what_the_jobs_have_with_counts() {
    let html = render::<JobFilters>(|| {
        let r = analyse(
            &import_all([("list", FAILED_LIST), ("sample", SAMPLE_HISTORY)]),
            &Options::default(),
        );
        JobFiltersProps {
            report: Shared::new(r),
            filter: Filter::default(),
            sort: Sort::default(),
            shown: 3,
            all: 4,
            on_filter: Callback::noop(),
            on_sort: Callback::noop(),
        }
    })
    .await;
    assert!(html.contains("3 of 4 jobs shown"), "{html}");
    assert!(html.contains("All apps (4)"), "{html}");
    assert!(html.contains("FAILED (3)"), "{html}");
    assert!(html.contains("FINISHED (1)"), "{html}");
    assert!(html.contains(r#"value="state:ARCHIVING""#), "{html}");
    assert!(html.contains("oldest first"), "{html}");
    assert!(!html.contains("Clear filters"), "{html}");
}

#[tokio::test]
async fn marked_jobs_say_whose_they_are_and_how_to_see_all_again() {
    let html = render::<JobFilters>(|| {
        let r = analyse(&import_all([("list", FAILED_LIST)]), &Options::default());
        let marked = Marked {
            label: "Jobs that failed before RUNNING".into(),
            jobs: std::rc::Rc::new(r.jobs.iter().take(2).map(|j| j.uuid.to_string()).collect()),
        };
        JobFiltersProps {
            report: Shared::new(r),
            filter: Filter::default().with(FilterChange::Mark(Some(marked))),
            sort: Sort::default(),
            shown: 2,
            all: 3,
            on_filter: Callback::noop(),
            on_sort: Callback::noop(),
        }
    })
    .await;
    assert!(
        html.contains(
            "Selected: <strong>Jobs that failed before RUNNING</strong> — 2 jobs shown below"
        ),
        "{html}"
    );
    assert!(html.contains(r#"role="status""#), "{html}");
    assert!(html.contains("Clear selection"), "{html}");
    assert!(html.contains("Clear filters"), "{html}");
    assert!(html.contains("2 of 3 jobs shown"), "{html}");
}

#[tokio::test]
async fn data_quality_opens_by_itself_only_for_problems() {
    let clean = render::<DataQuality>(|| DataQualityProps {
        quality: Shared::new(quality(&sample())),
    })
    .await;
    assert!(clean.contains("Nothing odd in the data."), "{clean}");

    let bad = render::<DataQuality>(|| {
        let r = analyse(
            &import_all([("sample", SAMPLE_HISTORY), ("bad.json", "[oops")]),
            &Options::default(),
        );
        DataQualityProps {
            quality: Shared::new(quality(&r)),
        }
    })
    .await;
    assert!(bad.contains("1 problem to look at"), "{bad}");
    assert!(
        bad.contains(r#"<details open="open" class="quality-all">"#),
        "{bad}"
    );
    assert!(bad.contains("bad.json, line 1"), "{bad}");
}

#[tokio::test]
async fn embedded_app_is_compact_and_can_start_with_the_sample() {
    let html = render::<App>(|| AppProps {
        embed: true,
        sample: true,
        tenant: Some("https://designsafe.tapis.io/".into()),
        ..AppProps::default()
    })
    .await;
    assert!(!html.contains("<h1>"), "embedded: no page header\n{html}");
    assert!(html.contains(r#"class="tjp tjp-embed""#), "{html}");
    assert!(
        html.contains(r#"data-tenant="https://designsafe.tapis.io""#),
        "{html}"
    );
    assert!(html.contains(r#"<tr data-state="ARCHIVING">"#), "{html}");
}

#[tokio::test]
async fn a_tenant_that_is_not_tapis_is_not_kept() {
    let html = render::<App>(|| AppProps {
        tenant: Some("https://evil.example/".into()),
        ..AppProps::default()
    })
    .await;
    assert!(!html.contains("data-tenant"), "{html}");
    assert!(html.contains("<h1>Tapis Job Profiler</h1>"), "{html}");
}

#[tokio::test]
async fn the_live_panel_sits_in_the_input_panel_below_the_paste_box() {
    let html = render::<App>(AppProps::default).await;
    let panel = html
        .find(r#"class="input-panel""#)
        .expect("the input panel");
    let paste = html.find(r#"class="paste""#).expect("the paste box");
    let live = html.find(r#"class="live-panel""#).expect("the live panel");
    let loaded = html.find(r#"class="loaded""#).expect("the loaded list");
    assert!(panel < paste && paste < live && live < loaded, "{html}");
    assert!(html.contains("Live from Tapis"), "{html}");
    assert!(
        !html.contains("live-warning"),
        "the page itself does not warn"
    );
    // A tenant the page was opened for is the default tenant URL.
    let html = render::<App>(|| AppProps {
        tenant: Some("https://tacc.tapis.io".into()),
        ..AppProps::default()
    })
    .await;
    assert!(html.contains(r#"value="https://tacc.tapis.io""#), "{html}");
}
