use tapis_profile::Severity;
use yew::prelude::*;

use crate::ids::use_id;
use crate::model::quality::{Finding, Group, Quality};
use crate::model::words;
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
    let summary = match (q.problems, q.notes) {
        (0, 0) => "Nothing odd in the data.".to_string(),
        (0, n) => format!("No problems; {} worth knowing.", words::count(n, "note")),
        (p, 0) => format!("{} to look at.", words::count(p, "problem")),
        (p, n) => format!(
            "{} to look at, and {}.",
            words::count(p, "problem"),
            words::count(n, "note")
        ),
    };
    html! {
        <section class="data-quality" aria-labelledby={title_id.clone()}>
            <div class="section-head">
                <h2 id={title_id}>{ "Data quality" }</h2>
                <span class="muted">{ summary }</span>
            </div>
            if !q.groups.is_empty() {
                <details class="quality-all" open={q.serious()}>
                    <summary>{ format!("What was odd, and what was done ({})", words::count(q.groups.len(), "kind")) }</summary>
                    <ul class="quality-groups">{ for q.groups.iter().map(group) }</ul>
                </details>
            }
        </section>
    }
}

fn group(g: &Group) -> Html {
    let (class, word) = match g.severity {
        Severity::Error => ("error", "Error"),
        Severity::Warning => ("warning", "Warning"),
        Severity::Info => ("info", "Note"),
    };
    let mut scope = vec![words::count(g.count, "time")];
    if g.jobs > 0 {
        scope.push(words::count(g.jobs, "job"));
    }
    if g.inputs > 1 {
        scope.push(words::count(g.inputs, "input"));
    }
    let more = g.count - g.examples.len();
    html! {
        <li class={classes!("quality-group", class)}>
            <details>
                <summary>
                    <span class="badge">{ word }</span>{ " " }
                    <strong>{ &g.what }</strong>
                    if !g.action.is_empty() && g.action != g.what {
                        { " → " }{ &g.action }
                    }
                    <span class="muted">{ format!(" ({})", scope.join(", ")) }</span>
                </summary>
                <ul class="findings">
                    { for g.examples.iter().map(finding) }
                    if more > 0 {
                        <li class="muted">{ format!("and {} more like these", words::thousands(more)) }</li>
                    }
                </ul>
            </details>
        </li>
    }
}

fn finding(f: &Finding) -> Html {
    let mut place = Vec::new();
    if let Some(input) = &f.input {
        place.push(match f.location {
            Some(at) => format!("{input}, line {}, column {}", at.line, at.column),
            None => input.clone(),
        });
    }
    if let Some(job) = &f.job {
        place.push(format!("job {job}"));
    }
    html! {
        <li>
            <span class="where">{ place.join(" · ") }</span>{ ": " }{ &f.message }
        </li>
    }
}
