use tapis_profile::report::Report;
use tapis_profile::rules::{unjudged_groups, Level, Recommendation, Threshold, RULES};
use yew::prelude::*;

use super::Duration;
use crate::insights::normal::job_names;
use crate::insights::JobPick;
use crate::model::labels::Labels;
use crate::model::totals::insight_scope;
use crate::model::words::{self, count, these};
use crate::shared::Shared;

/// Jobs named under a recommendation; the rest are counted.
const NAMED_JOBS: usize = 5;

#[derive(PartialEq, Properties)]
pub struct RecommendationListProps {
    pub report: Shared<Report>,
    /// How many jobs the page's filter shows, when a filter is on (these findings are
    /// about every job counted, whatever the filter).
    #[prop_or_default]
    pub shown: Option<usize>,
    /// Select the jobs a recommendation concerns (by UUID).
    pub on_select_jobs: Callback<JobPick>,
}

/// What to change, the largest estimated saving first: each finding's severity,
/// the time at stake, its estimated saving and how it was computed, the evidence in the user's own numbers, the jobs concerned (a button
/// selects them) and the user guide's advice in its words. Which jobs it judged, and
/// what it could not judge (jobs known only from a job object) with what would let it.
/// With nothing found, says so and what was checked.
#[function_component(RecommendationList)]
pub fn recommendation_list(props: &RecommendationListProps) -> Html {
    let r = &props.report;
    let labels = use_memo(r.clone(), |r| Labels::of(&r.jobs));
    let scope = insight_scope(r.aggregate.jobs, r.jobs.len(), props.shown);
    html! {
        <section class="insight recommendations" aria-labelledby="rec-title">
            <h2 id="rec-title">{ "Recommendations" }</h2>
            if r.recommendations.is_empty() {
                { all_clear(r, &scope) }
            } else {
                <p class="lead">
                    { format!("{} for {scope}, the largest estimated saving first.",
                        count(r.recommendations.len(), "finding")) }
                </p>
                <ol class="rec-list">
                    { for (0..r.recommendations.len()).map(|i| item(r, &labels, i, &props.on_select_jobs)) }
                </ol>
            }
            { unjudged(r) }
        </section>
    }
}

/// One finding.
fn item(
    report: &Shared<Report>,
    labels: &Labels,
    index: usize,
    on_select_jobs: &Callback<JobPick>,
) -> Html {
    let rec = &report.recommendations[index];
    let (severity, class) = match rec.severity {
        Level::Critical => ("Critical", "sev-critical"),
        Level::Warning => ("Warning", "sev-warning"),
        Level::Info => ("Info", "sev-info"),
    };
    let title_id = format!("rec-{}", rec.id);
    let (names, more) = job_names(report, labels, &rec.jobs, NAMED_JOBS);
    // Its jobs listed when the button is pressed, not copied into it on every render:
    // 19,993 UUIDs in the 10,000-job bundle's findings (P5 in docs/performance.md).
    let select = {
        let (report, label) = (report.clone(), format!("“{}”", rec.title));
        on_select_jobs.reform(move |_: MouseEvent| {
            JobPick::of_shared(label.clone(), &report.recommendations[index].jobs)
        })
    };
    let n = rec.jobs.len();
    // The button's name starts with what it shows (WCAG 2.5.3, "label in name").
    let select_text = format!("Select {}", these(n, "job"));
    html! {
        <li class={classes!("rec", class)} data-rec={rec.id.clone()}>
            <article aria-labelledby={title_id.clone()}>
                <header class="rec-head">
                    <span class={classes!("severity", class)}>{ severity }</span>
                    <h3 id={title_id}>{ &rec.title }</h3>
                </header>
                <p class="stake">
                    if rec.time_at_stake_seconds > 0.0 {
                        <strong>
                            <data value={rec.time_at_stake_seconds.to_string()}>
                                <Duration seconds={rec.time_at_stake_seconds} />
                            </data>{ " at stake" }
                        </strong>{ " in " }
                    } else {
                        { "Concerns " }
                    }
                    { format!("{}: {}.", count(n, "job"), words::list(&names, more)) }
                </p>
                { saving(rec) }
                <ul class="evidence">
                    { for rec.evidence.iter().map(|e| html! { <li>{ e }</li> }) }
                    { for rec.specific_advice.iter().map(|a| html! { <li class="specific"><strong>{ a }</strong></li> }) }
                </ul>
                if !rec.advice.is_empty() {
                    <div class="advice">
                        <p class="advice-title">{ "From the user guide" }</p>
                        <blockquote>
                            <ul>{ for rec.advice.iter().map(|a| html! { <li>{ a }</li> }) }</ul>
                        </blockquote>
                    </div>
                }
                <div class="rec-foot">
                    <button type="button" onclick={select}
                        aria-label={format!("{select_text}, concerned by “{}”", rec.title)}>
                        { select_text.clone() }
                    </button>
                    if !rec.thresholds.is_empty() {
                        <p class="thresholds">
                            { "Decided by " }
                            { for rec.thresholds.iter().enumerate().map(|(i, t)| html! {
                                <>{ if i > 0 { ", " } else { "" } }<code>{ words::threshold(t) }</code></>
                            }) }
                        </p>
                    }
                </div>
            </article>
        </li>
    }
}

/// What following it would save and how that was computed (the core's words,
/// as the CLI and the Markdown report write them), or why it cannot be told.
fn saving(rec: &Recommendation) -> Html {
    match &rec.estimated_savings {
        Some(s) => html! {
            <div class="saving" data-low={s.low_seconds.to_string()} data-high={s.high_seconds.to_string()}>
                <p><strong><data value={s.seconds.to_string()}>
                    { tapis_profile::savings::savings_line(rec) }
                </data></strong></p>
                <p class="basis">{ "How computed: " }{ &s.basis }</p>
            </div>
        },
        None => html! {
            <div class="saving unknown">
                <p>{ tapis_profile::savings::savings_line(rec) }</p>
            </div>
        },
    }
}

/// Nothing found: say so plainly, and what was checked, so "nothing" is a finding and
/// not a silence — unless some jobs could not be judged, which says so instead.
fn all_clear(r: &Report, scope: &str) -> Html {
    let (lead, which) = if r.unjudged.is_empty() {
        ("Nothing needs changing.", "found anything in")
    } else {
        (
            "Nothing found in what could be judged.",
            "found anything they could judge in",
        )
    };
    html! {
        <div class="all-clear">
            <p>
                <strong>{ lead }</strong>
                { format!(" None of the {} checks {which} {scope} ({} with history):",
                    RULES.len(), words::thousands(r.aggregate.jobs_with_history)) }
            </p>
            <ul class="checks">
                { for RULES.iter().map(|rule| {
                    let limits: Vec<String> = rule
                        .thresholds
                        .iter()
                        .map(|(name, value, unit)| words::threshold(&Threshold {
                            name: name.to_string(),
                            value: *value,
                            unit: unit.to_string(),
                        }))
                        .collect();
                    html! {
                        <li data-rule={rule.id}>
                            { rule.title }
                            if !limits.is_empty() {
                                <span class="limits">{ " (" }{ limits.join(", ") }{ ")" }</span>
                            }
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}

/// The checks that could not judge some jobs, and the data that would let them.
fn unjudged(r: &Report) -> Html {
    if r.unjudged.is_empty() {
        return html! {};
    }
    let title = |id: &str| {
        RULES
            .iter()
            .find(|rule| rule.id == id)
            .map_or_else(|| id.to_string(), |rule| rule.title.to_string())
    };
    html! {
        <div class="unjudged">
            <h3>{ "What these checks cannot judge" }</h3>
            <ul>
                { for unjudged_groups(&r.unjudged).into_iter().map(|g| {
                    let titles: Vec<String> = g.ids.iter().map(|id| format!("“{}”", title(id))).collect();
                    html! {
                        <li data-unjudged={g.ids.join(" ")}>
                            { format!("{} cannot judge {} {}: {} would let {}.",
                                words::list(&titles, 0),
                                count(g.jobs, "job"),
                                g.lacking,
                                g.needs,
                                if g.ids.len() == 1 { "it" } else { "them" }) }
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}
