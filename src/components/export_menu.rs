use tapis_profile::checklist::Ticks;
use tapis_profile::export::{
    chrome_trace, export_document, file_name, markdown, states_csv, ExportKind,
};
use tapis_profile::report::Report;
use tapis_profile::Import;
use web_sys::Element;
use yew::prelude::*;

use crate::edge::clock::local_now;
use crate::edge::download::save;
use crate::model::words::{self, thousands};
use crate::shared::Shared;
use crate::timeline::model::svg::MAX_SVG_ROWS;
use crate::timeline::{picture, TimelineRows};

#[derive(PartialEq, Properties)]
pub struct ExportMenuProps {
    pub report: Shared<Report>,
    /// The jobs the report was computed from: the JSON export's bundle.
    pub import: Shared<Import>,
    pub ticks: Shared<Ticks>,
    /// The timeline's rows, in the order shown: the picture.
    pub rows: TimelineRows,
}

/// Downloads of what is loaded, made in the browser: JSON (report, data and
/// checklist ticks; it loads back here), CSV, Markdown, a Chrome trace and the
/// timeline as SVG. Each file is a pure function of these props, so none can
/// hold a Tapis token or anything else the app keeps.
#[function_component(ExportMenu)]
pub fn export_menu(props: &ExportMenuProps) -> Html {
    let status = use_state(|| None::<(String, bool)>);
    let root = use_node_ref();
    let onclick = |kind: ExportKind| {
        let (report, import, ticks, rows) = (
            props.report.clone(),
            props.import.clone(),
            props.ticks.clone(),
            props.rows.clone(),
        );
        let (status, root) = (status.clone(), root.clone());
        Callback::from(move |_: MouseEvent| {
            let text = match kind {
                ExportKind::Json => export_document(&report, &import.jobs, &ticks),
                ExportKind::Csv => states_csv(&report),
                ExportKind::Markdown => markdown(&report, &ticks),
                ExportKind::Trace => chrome_trace(&report),
                ExportKind::Svg => match root.cast::<Element>() {
                    Some(element) => picture(&rows, &element),
                    None => return,
                },
            };
            let name = file_name(kind, local_now());
            status.set(Some(match save(&name, kind.mime(), &text) {
                Ok(()) => (
                    format!("Saved {name} ({}).", words::bytes(text.len() as f64)),
                    false,
                ),
                Err(e) => (
                    format!(
                        "Could not save {name}: {}",
                        e.as_string().unwrap_or_default()
                    ),
                    true,
                ),
            }));
        })
    };
    let jobs = props.rows.len();
    let picture_note = if jobs > MAX_SVG_ROWS {
        format!(
            "the first {} of {} jobs",
            thousands(MAX_SVG_ROWS),
            thousands(jobs)
        )
    } else {
        format!("all {}", words::count(jobs, "job"))
    };
    let items: [(ExportKind, &str, String); 5] = [
        (
            ExportKind::Json,
            "Download JSON",
            "the report and the data it was computed from, with your checklist ticks; \
             load it here again to pick up where you left off"
                .into(),
        ),
        (
            ExportKind::Csv,
            "Download CSV",
            "one row per job and state, for spreadsheets, pandas or R".into(),
        ),
        (
            ExportKind::Markdown,
            "Download Markdown report",
            "where the time went, what is normal, the recommendations and the checklist, \
             for notes, issues and tickets"
                .into(),
        ),
        (
            ExportKind::Trace,
            "Download trace",
            "Chrome Trace Event JSON, one track per job: open it in Perfetto or speedscope".into(),
        ),
        (
            ExportKind::Svg,
            "Download timeline picture (SVG)",
            format!("{picture_note}, in this page's colours"),
        ),
    ];
    html! {
        <section class="insight exports" aria-labelledby="export-title" ref={root.clone()}>
            <h2 id="export-title">{ "Export" }</h2>
            <p class="lead">{ "Made in this browser from what is loaded: nothing is uploaded, and no file holds a Tapis token." }</p>
            <ul class="export-list">
                { for items.into_iter().map(|(kind, label, hint)| {
                    let hint_id = format!("export-{}-hint", kind.suffix().trim_start_matches('.').replace('.', "-"));
                    html! {
                        <li>
                            <button type="button" onclick={onclick(kind)} aria-describedby={hint_id.clone()}>
                                { label }
                            </button>
                            <span class="hint" id={hint_id}>{ hint }</span>
                        </li>
                    }
                }) }
            </ul>
            <p class={classes!("export-status", status.as_ref().filter(|(_, e)| *e).map(|_| "error"))}
                role="status">
                { status.as_ref().map(|(text, _)| text.clone()).unwrap_or_default() }
            </p>
        </section>
    }
}
