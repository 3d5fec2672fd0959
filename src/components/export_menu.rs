use tapis_profile::checklist::Ticks;
use tapis_profile::export::{file_name, ExportKind};
use tapis_profile::report::Report;
use tapis_profile::Import;
use web_sys::Element;
use yew::prelude::*;

use crate::edge::clock::local_now;
use crate::edge::download::save;
use crate::model::exports::{export_items, export_text, exports_scope, saved_words};
use crate::model::labels::Labels;
use crate::shared::Shared;
use crate::timeline::{picture, TimelineRows};

#[derive(PartialEq, Properties)]
pub struct ExportMenuProps {
    pub report: Shared<Report>,
    /// The jobs the report was computed from: the JSON export's bundle.
    pub import: Shared<Import>,
    pub ticks: Shared<Ticks>,
    /// The jobs the timeline shows, in its order (indices into the report's jobs): the
    /// picture's rows, made when it is asked for.
    pub shown: Shared<Vec<usize>>,
}

/// Downloads of what is loaded, made in the browser: JSON (report, data and
/// checklist ticks; it loads back here), CSV, Markdown, a Chrome trace and the
/// timeline as SVG. Each file is a pure function of these props
/// (`model::exports`), so none can hold a Tapis token or anything else the app keeps.
#[function_component(ExportMenu)]
pub fn export_menu(props: &ExportMenuProps) -> Html {
    let status = use_state(|| None::<(String, bool)>);
    let root = use_node_ref();
    let onclick = |kind: ExportKind| {
        let (report, import, ticks, shown) = (
            props.report.clone(),
            props.import.clone(),
            props.ticks.clone(),
            props.shown.clone(),
        );
        let (status, root) = (status.clone(), root.clone());
        Callback::from(move |_: MouseEvent| {
            let text = match export_text(kind, &report, &import.jobs, &ticks) {
                Some(text) => text,
                None => match root.cast::<Element>() {
                    Some(element) => {
                        let labels = Labels::of(&report.jobs);
                        picture(
                            &TimelineRows::of_shown(&report.jobs, &shown, &labels),
                            &element,
                        )
                    }
                    None => return,
                },
            };
            let name = file_name(kind, local_now());
            let saved = save(&name, kind.mime(), &text)
                .map(|()| text.len())
                .map_err(|e| e.as_string().unwrap_or_default());
            status.set(Some(saved_words(&name, saved)));
        })
    };
    html! {
        <section class="insight exports" aria-labelledby="export-title" ref={root.clone()}>
            <h2 id="export-title">{ "Export" }</h2>
            <p class="lead">
                { "Made in this browser from what is loaded: nothing is uploaded, and no file holds a Tapis token. " }
                { exports_scope(props.report.jobs.len(), props.report.stale().count(), props.shown.len()) }
            </p>
            <ul class="export-list">
                { for export_items(props.shown.len()).into_iter().map(|item| html! {
                    <li>
                        <button type="button" onclick={onclick(item.kind)} aria-describedby={item.hint_id.clone()}>
                            { item.label }
                        </button>
                        <span class="hint" id={item.hint_id}>{ item.hint }</span>
                    </li>
                }) }
            </ul>
            <p class={classes!("export-status", status.as_ref().filter(|(_, e)| *e).map(|_| "error"))}
                role="status">
                { status.as_ref().map(|(text, _)| text.clone()).unwrap_or_default() }
            </p>
        </section>
    }
}
