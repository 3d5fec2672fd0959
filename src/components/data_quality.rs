use tapis_profile::Severity;
use yew::prelude::*;

use crate::ids::use_id;
use crate::model::quality::{severity_word, Group, Quality};
use crate::shared::Shared;

#[derive(PartialEq, Properties)]
pub struct DataQualityProps {
    pub quality: Shared<Quality>,
}

/// What was odd in the data and what was done about it, grouped by kind and
/// counted; open by itself only when something is serious.
#[function_component(DataQuality)]
pub fn data_quality(props: &DataQualityProps) -> Html {
    let title_id = use_id("quality-title");
    let q = &props.quality;
    html! {
        <section class="data-quality" aria-labelledby={title_id.clone()}>
            <div class="section-head">
                <h2 id={title_id}>{ "Data quality" }</h2>
                <span class="muted">{ q.summary() }</span>
            </div>
            if !q.groups.is_empty() {
                <details class="quality-all" open={q.serious()}>
                    <summary>{ q.heading() }</summary>
                    <ul class="quality-groups">{ for q.groups.iter().map(group) }</ul>
                </details>
            }
        </section>
    }
}

fn group(g: &Group) -> Html {
    let class = match g.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    };
    html! {
        <li class={classes!("quality-group", class)}>
            // Errors and warnings (stale jobs among them) open, naming what they concern.
            <details open={g.severity != Severity::Info}>
                <summary>
                    <span class="badge">{ severity_word(g.severity) }</span>{ " " }
                    <strong>{ &g.what }</strong>
                    if !g.action.is_empty() && g.action != g.what {
                        { " → " }{ &g.action }
                    }
                    <span class="muted">{ format!(" ({})", g.scope()) }</span>
                </summary>
                <ul class="findings">
                    { for g.examples.iter().map(|f| html! {
                        <li><span class="where">{ f.place() }</span>{ ": " }{ &f.message }</li>
                    }) }
                    if let Some(more) = g.more() {
                        <li class="muted">{ more }</li>
                    }
                </ul>
            </details>
        </li>
    }
}
