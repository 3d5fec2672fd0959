use tapis_profile::checklist::{tally, ChecklistItem, Ticks, Verdict};
use tapis_profile::report::Report;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::model::totals::insight_scope;
use crate::shared::Shared;

#[derive(PartialEq, Properties)]
pub struct IoChecklistProps {
    pub report: Shared<Report>,
    /// How many jobs the page's filter shows, when a filter is on (the verdicts are about
    /// every job counted, whatever the filter).
    #[prop_or_default]
    pub shown: Option<usize>,
    /// The user's ticks by item id; an item without one follows its verdict.
    pub ticks: Shared<Ticks>,
    /// The user ticked (`true`) or unticked an item.
    pub on_tick: Callback<(String, bool)>,
}

/// The user guide's "I/O checklist before you submit a Tapis job": its six
/// sections and every item, each marked pass, attention or unknown from the
/// data (with the evidence), and a checkbox the user can tick for the rest or
/// to overrule the data. Ticks go into the exports.
#[function_component(IoChecklist)]
pub fn io_checklist(props: &IoChecklistProps) -> Html {
    let r = &props.report;
    let (done, rest) = tally(&r.checklist, &props.ticks).words();
    html! {
        <section class="insight checklist" aria-labelledby="io-title">
            <h2 id="io-title">{ "I/O checklist before you submit a Tapis job" }</h2>
            <p class="lead">
                { "From the user guide. Where your data can judge an item it says pass or attention, \
                   with the evidence; tick the others when they hold for your workflow. A tick \
                   overrules the data, and the ticks go into the exports. " }
                { format!("Judged on {}.", insight_scope(r.aggregate.jobs, r.jobs.len(), props.shown)) }
            </p>
            <p class="tally" aria-live="polite">
                <strong>{ done }</strong>{ rest }
            </p>
            { for r.checklist.iter().map(|section| html! {
                <fieldset class="io-section">
                    <legend>{ format!("{}. {}", section.number, section.title) }</legend>
                    <ul>
                        { for section.items.iter().map(|item| view_item(item, &props.ticks, &props.on_tick)) }
                    </ul>
                </fieldset>
            }) }
        </section>
    }
}

fn view_item(item: &ChecklistItem, ticks: &Ticks, on_tick: &Callback<(String, bool)>) -> Html {
    let (label, class, sign) = match item.verdict {
        Verdict::Pass => ("Pass", "v-pass", "✓"),
        Verdict::Attention => ("Attention", "v-attention", "!"),
        Verdict::Unknown => ("Unknown", "v-unknown", "?"),
    };
    let input_id = format!("io-{}", item.id);
    let evidence_id = format!("io-{}-why", item.id);
    let onchange = {
        let id = item.id.clone();
        on_tick.reform(move |e: Event| {
            (
                id.clone(),
                e.target_unchecked_into::<HtmlInputElement>().checked(),
            )
        })
    };
    let overridden = item.overridden(ticks);
    html! {
        <li class={classes!("io-item", class)} data-item={item.id.clone()}>
            <input type="checkbox" id={input_id.clone()} checked={item.ticked(ticks)} {onchange}
                aria-describedby={evidence_id.clone()} />
            <div class="io-text">
                <label for={input_id}>{ &item.text }</label>
                <p class="io-why" id={evidence_id}>
                    <span class={classes!("verdict", class)}>
                        <span aria-hidden="true">{ sign }</span>{ format!(" {label}") }
                    </span>
                    if let Some(e) = item.evidence.as_ref().filter(|e| !e.is_empty()) {
                        { format!(" {e}") }
                    }
                    if overridden {
                        <em>{ if item.ticked(ticks) { " You ticked this." } else { " You unticked this." } }</em>
                    }
                </p>
            </div>
        </li>
    }
}
