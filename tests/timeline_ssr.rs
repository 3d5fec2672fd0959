//! The job timeline's markup, rendered natively with yew's server renderer:
//! what a screen reader gets (labels, the table) and that the DOM does not grow
//! with the number of jobs. Events are covered by `tests/timeline_web.rs`.
#![cfg(not(target_arch = "wasm32"))]

use tapis_job_profiler::model::page_reducer::SAMPLE_HISTORY;
use tapis_job_profiler::timeline::{JobTimeline, JobTimelineProps, TimelineRows};
use tapis_profile::{import_text, profile, JobProfile};
use yew::{Callback, ServerRenderer};

/// The sample job `n` times over, each copy its own job.
fn profiles(n: usize) -> Vec<JobProfile> {
    let job = import_text("sample", SAMPLE_HISTORY).jobs.remove(0);
    let one = profile(&job, None);
    (0..n)
        .map(|i| JobProfile {
            uuid: Some(format!("uuid-{i}").into()),
            name: Some(format!("copy {i}").into()),
            ..one.clone()
        })
        .collect()
}

async fn render(n: usize) -> String {
    let profiles = profiles(n);
    // Built inside: the renderer wants `Send` props makers, and rows are `Rc`.
    let props = move || JobTimelineProps {
        rows: TimelineRows::from_profiles(&profiles),
        selected: None,
        on_select: Callback::noop(),
        time: None,
        on_time: Callback::noop(),
    };
    ServerRenderer::<JobTimeline>::with_props(props)
        .hydratable(false)
        .render()
        .await
}

/// Elements in the markup (opening tags).
fn elements(html: &str) -> usize {
    html.matches('<').count() - html.matches("</").count()
}

#[tokio::test]
async fn the_canvas_is_named_and_its_keys_are_described() {
    let html = render(3).await;
    assert!(
        html.contains(r#"<canvas tabindex="0" role="application" aria-roledescription="timeline""#),
        "{html}"
    );
    assert!(
        html.contains(r#"aria-label="Job timeline, 3 jobs."#),
        "{html}"
    );
    // The canvas is described by the key list, whatever its (per-instance) id.
    let described = html.split(r#"aria-describedby=""#).nth(1).unwrap();
    let id = &described[..described.find('"').unwrap()];
    assert!(id.starts_with("tl-keys-"), "{id}");
    assert!(html.contains(&format!(r#"<ul id="{id}">"#)), "{html}");
    assert!(html.contains("Keyboard and mouse"), "{html}");
    assert!(html.contains(r#"aria-label="Zoom in""#), "{html}");
    assert!(html.contains("Since submission"), "{html}");
}

#[tokio::test]
async fn the_table_and_legend_say_what_the_canvas_shows() {
    let html = render(3).await;
    assert_eq!(html.matches("<tr data-job=").count(), 3);
    assert!(html.contains(r#"<tr data-job="uuid-1""#), "{html}");
    // The sample's ARCHIVING visit, in the same human units as the job view.
    assert!(
        html.contains(r#"data-state="ARCHIVING" class="num">3 min 35 s</td>"#),
        "{html}"
    );
    assert!(html.contains("5 min 35 s"), "{html}");
    for state in [
        "PENDING",
        "STAGING_INPUTS",
        "QUEUED",
        "RUNNING",
        "ARCHIVING",
    ] {
        assert!(
            html.contains(&format!("st-{state}")),
            "legend lacks {state}"
        );
    }
    assert!(!html.contains("still in this state"), "no job is running");
    assert!(!html.contains("tl-pages"), "one page needs no pager");
}

#[tokio::test]
async fn two_timelines_never_share_an_id_or_a_radio_group() {
    let (a, b) = (render(1).await, render(1).await);
    let attrs = |html: &str, attr: &str| -> Vec<String> {
        html.split(&format!(r#"{attr}=""#))
            .skip(1)
            .map(|rest| rest[..rest.find('"').unwrap()].to_string())
            .collect()
    };
    for attr in ["id", "name"] {
        let (ids_a, ids_b) = (attrs(&a, attr), attrs(&b, attr));
        assert!(!ids_a.is_empty(), "{attr}");
        for id in &ids_a {
            assert!(!ids_b.contains(id), "{attr} {id} in both");
        }
    }
}

#[tokio::test]
async fn the_dom_is_the_same_size_for_thirty_jobs_or_three_thousand() {
    let (small, large) = (render(30).await, render(3_000).await);
    assert_eq!(elements(&small), elements(&large));
    assert_eq!(large.matches("<tr data-job=").count(), 25);
    assert!(large.contains("Page 1 of 120"), "{large}");
    assert!(large.contains("jobs 1–25 of 3,000"), "{large}");
    assert!(large.contains("3,000 jobs"), "{large}");
}
