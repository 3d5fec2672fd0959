//! Components rendered natively with yew's server renderer: what the markup says,
//! without a browser. Clicks and effects are covered by `tests/web.rs` and `e2e/`.
#![cfg(not(target_arch = "wasm32"))]

use tapis_job_profiler::components::{JobView, JobViewProps};
use tapis_job_profiler::state::SAMPLE_HISTORY;
use tapis_job_profiler::App;
use tapis_profile::{import_text, profile};
use yew::ServerRenderer;

#[tokio::test]
async fn empty_page_offers_paste_and_sample() {
    let html = ServerRenderer::<App>::new()
        .hydratable(false)
        .render()
        .await;
    assert!(html.contains("<h1>Tapis Job Profiler</h1>"), "{html}");
    assert!(html.contains("Load sample data"), "{html}");
    assert!(html.contains(r#"<textarea id="paste""#), "{html}");
}

#[tokio::test]
async fn job_view_shows_time_per_state_and_a_segment_per_visit() {
    let job = import_text("sample", SAMPLE_HISTORY).jobs.remove(0);
    let props = JobViewProps {
        profile: profile(&job, None),
    };
    let html = ServerRenderer::<JobView>::with_props(move || props)
        .hydratable(false)
        .render()
        .await;
    assert!(html.contains(r#"<tr data-state="ARCHIVING">"#), "{html}");
    assert!(html.contains("3 min 35 s"), "{html}");
    assert!(html.contains("215.1"), "{html}");
    assert!(html.contains("64.3 %"), "{html}");
    assert!(html.contains("334.7"), "{html}");
    assert_eq!(html.matches(r#"class="segment "#).count(), 8, "{html}");
    assert!(
        html.contains("opensees-mp-s3-latest_2025-05-07T22:13:08"),
        "{html}"
    );
}

#[tokio::test]
async fn embedded_app_is_compact_and_can_start_with_the_sample() {
    use tapis_job_profiler::AppProps;
    let props = AppProps {
        embed: true,
        sample: true,
        tenant: Some("https://designsafe.tapis.io/".into()),
        ..AppProps::default()
    };
    let html = ServerRenderer::<App>::with_props(move || props)
        .hydratable(false)
        .render()
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
    use tapis_job_profiler::AppProps;
    let props = AppProps {
        tenant: Some("https://evil.example/".into()),
        ..AppProps::default()
    };
    let html = ServerRenderer::<App>::with_props(move || props)
        .hydratable(false)
        .render()
        .await;
    assert!(!html.contains("data-tenant"), "{html}");
    assert!(html.contains("<h1>Tapis Job Profiler</h1>"), "{html}");
}
