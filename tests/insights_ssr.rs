//! The insight views rendered natively with yew's server renderer: the markup
//! carries the core's numbers, the guide's words and the controls. Clicks and
//! downloads are covered end to end in `e2e/insights.spec.js`.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;
use tapis_job_profiler::components::{
    ExportMenu, ExportMenuProps, IoChecklist, IoChecklistProps, NormalParts, NormalPartsProps,
    NormalView, NormalViewProps, RecommendationList, RecommendationListProps,
};
use tapis_job_profiler::insights::normal::{Grouping, NormalModel};
use tapis_job_profiler::model::page_reducer::SAMPLE_HISTORY;
use tapis_job_profiler::shared::Shared;
use tapis_profile::analysis::{analyse, Options};
use tapis_profile::checklist::{Ticks, Verdict};
use tapis_profile::report::Report;
use tapis_profile::synthetic::{generate, Config};
use tapis_profile::{import_text, Import};

use yew::{Callback, ServerRenderer};

fn sample() -> (Import, Report) {
    let import = import_text("sample", SAMPLE_HISTORY);
    let report = analyse(&import, &Options::default());
    (import, report)
}

fn synthetic(jobs: usize) -> (Import, Report) {
    let import = Import {
        jobs: generate(&Config {
            jobs,
            seed: 7,
            ..Config::default()
        }),
        diagnostics: Vec::new(),
    };
    let report = analyse(&import, &Options::default());
    (import, report)
}

/// Renders `C` with the props `make` builds (props hold `Rc`s and callbacks,
/// which the renderer wants made on its own thread).
async fn render<C>(make: impl FnOnce() -> C::Properties + Send + 'static) -> String
where
    C: yew::BaseComponent,
{
    ServerRenderer::<C>::with_props(make)
        .hydratable(false)
        .render()
        .await
}

/// `<data value="…">` as the views write a number of seconds.
fn data(seconds: f64) -> String {
    format!(r#"<data value="{seconds}">"#)
}

#[tokio::test]
async fn what_is_normal_shows_the_cores_medians_p90s_and_outliers() {
    let (_, report) = synthetic(300);
    let r = report.clone();
    let view = render::<NormalView>(move || NormalViewProps {
        shown: None,
        report: Shared::new(r),
        on_select_jobs: Callback::noop(),
    })
    .await;
    // The view's model is made a part a task after it appears (on the server, where no
    // task runs, it says so), and its numbers drawn a task after that (a `Later`): its
    // parts, from the model the view makes, are rendered here.
    assert!(
        view.contains("Working out what is normal for these jobs…"),
        "{view}"
    );
    let r = report.clone();
    let html = render::<NormalParts>(move || NormalPartsProps {
        model: Rc::new(NormalModel::new(&r, Grouping::All, None)),
        which: "300 jobs with history".into(),
        on_pick: Callback::noop(),
        on_select_jobs: Callback::noop(),
    })
    .await;
    let a = &report.aggregate;
    for (state, s) in a.states.iter() {
        let row = format!(r#"<tr data-metric="{}" class="state">"#, state.name());
        assert!(html.contains(&row), "no row for {state}");
        for v in [s.median, s.p90, s.max] {
            assert!(html.contains(&data(v)), "{state}: {v} missing");
        }
    }
    let total = a.total.as_ref().unwrap();
    assert!(html.contains(&data(total.sum)), "the bar's total");
    assert!(html.contains(&data(total.median)), "the total row");
    for b in a.buckets.iter().map(|(b, _)| b.label()) {
        assert!(html.contains(b), "{b}");
    }
    // Outliers: the core's, selectable one by one and all together.
    let outlier_jobs = report
        .jobs
        .iter()
        .filter(|j| !j.outliers.is_empty())
        .count();
    assert!(outlier_jobs > 0);
    assert!(
        html.contains(&format!("Select the {outlier_jobs} outlier jobs")),
        "{html}"
    );
    // The grouping selector, and the spread as a table for screen readers.
    assert!(view.contains("Group jobs by"));
    assert!(view.contains("<option value=\"app\""));
    assert!(html.contains("The spread as a table"));
    assert!(html.contains(r#"class="dist-plot""#));
}

#[tokio::test]
async fn recommendations_carry_evidence_jobs_and_the_guides_words() {
    let (_, report) = sample();
    let r = report.clone();
    let html = render::<RecommendationList>(move || RecommendationListProps {
        shown: None,
        report: Shared::new(r),
        on_select_jobs: Callback::noop(),
    })
    .await;
    // The largest estimated saving first: zipping the 5,069 outputs.
    let first = &report.recommendations[0];
    assert_eq!(first.id, "many-small-files");
    assert!(html.contains(&first.title));
    let saving = first.estimated_savings.as_ref().unwrap();
    assert!(html.contains(&data(saving.seconds)));
    assert!(html.contains("Estimated: saves 2 min 52 s"));
    assert!(html.contains(&format!("How computed: {}", saving.basis)));
    // Every one says its saving, or why it has none, in the core's words.
    for r in &report.recommendations {
        let line = tapis_profile::savings::savings_line(r);
        assert!(html.contains(&line), "{line}");
    }
    assert!(html.contains(&data(first.time_at_stake_seconds)));
    assert!(html.contains("3 min 35 s"));
    for e in &first.evidence {
        assert!(html.contains(e.as_str()), "{e}");
    }
    assert!(html.contains(&first.advice[0]));
    assert!(html.contains("From the user guide"));
    assert!(html.contains(">Select this job</button>"));
    assert!(html.contains("ARCHIVING_MIN_SECONDS = 2 min"));
    assert!(html.contains("MANY_FILES = 1,000 files"));
    // Ordered as the core orders them.
    let positions: Vec<usize> = report
        .recommendations
        .iter()
        .map(|r| html.find(&format!(r#"data-rec="{}""#, r.id)).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]));
}

#[tokio::test]
async fn no_recommendation_says_so_and_what_was_checked() {
    let (_, report) = sample();
    let mut quiet = report;
    quiet.recommendations.clear();
    let html = render::<RecommendationList>(move || RecommendationListProps {
        shown: None,
        report: Shared::new(quiet),
        on_select_jobs: Callback::noop(),
    })
    .await;
    assert!(html.contains("Nothing needs changing."), "{html}");
    for rule in tapis_profile::rules::RULES {
        assert!(html.contains(rule.title), "{}", rule.title);
    }
}

#[tokio::test]
async fn the_checklist_has_every_item_its_verdicts_and_the_users_ticks() {
    let (_, report) = sample();
    let items: Vec<_> = report.checklist.iter().flat_map(|s| &s.items).collect();
    let passes = items.iter().filter(|i| i.verdict == Verdict::Pass).count();
    let r = report.clone();
    let html = render::<IoChecklist>(move || IoChecklistProps {
        shown: None,
        report: Shared::new(r),
        ticks: Shared::new(Ticks::new()),
        on_tick: Callback::noop(),
    })
    .await;
    assert_eq!(html.matches("<fieldset").count(), 6);
    assert_eq!(html.matches(r#"type="checkbox""#).count(), items.len());
    assert_eq!(html.matches(" checked").count(), passes, "{html}");
    for item in &items {
        assert!(html.contains(&item.text), "{}", item.text);
    }
    assert!(html.contains(&format!("{passes} of {} done", items.len())));

    let unknown = items
        .iter()
        .find(|i| i.verdict == Verdict::Unknown)
        .unwrap();
    let ticks: Ticks = [(unknown.id.clone(), true)].into();
    let html = render::<IoChecklist>(move || IoChecklistProps {
        shown: None,
        report: Shared::new(report),
        ticks: Shared::new(ticks),
        on_tick: Callback::noop(),
    })
    .await;
    assert_eq!(html.matches(" checked").count(), passes + 1);
    assert!(html.contains("You ticked this."));
}

#[tokio::test]
async fn the_export_menu_offers_every_format_with_a_json_button() {
    let (import, report) = sample();
    let html = render::<ExportMenu>(move || ExportMenuProps {
        shown: Shared::new((0..report.jobs.len()).collect()),
        report: Shared::new(report),
        import: Shared::new(import),
        ticks: Shared::new(Ticks::new()),
    })
    .await;
    for label in [
        "Download JSON",
        "Download CSV",
        "Download Markdown report",
        "Download trace",
        "Download timeline picture (SVG)",
    ] {
        assert!(html.contains(&format!(">{label}</button>")), "{label}");
    }
    assert!(html.contains("the one job, in this page"), "{html}");
    assert!(
        html.contains("The JSON, CSV, Markdown and trace hold the one job; the picture too."),
        "{html}"
    );
    assert!(html.contains("no file holds a Tapis token"));
}

#[tokio::test]
async fn the_app_shows_the_insights_once_jobs_are_loaded() {
    use tapis_job_profiler::{App, AppProps};
    let empty = render::<App>(AppProps::default).await;
    assert!(!empty.contains("What is normal"));
    // Rendered on the server, the views below the timeline stay at their first render:
    // a placeholder each, filled from the next task in the browser (components/later.rs,
    // checked end to end; each view's own rendering is checked above).
    let html = render::<App>(|| AppProps {
        sample: true,
        ..AppProps::default()
    })
    .await;
    for view in [
        "Recommendations",
        "What is normal",
        "I/O checklist",
        "Export",
        "Data quality",
    ] {
        assert!(
            html.contains(&format!(r#"<p aria-busy="true" class="later">{view}…</p>"#)),
            "{view}"
        );
    }
}
