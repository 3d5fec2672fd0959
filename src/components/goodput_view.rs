use tapis_profile::analysis::goodput::QueueCharge;
use tapis_profile::format::format_share;
use tapis_profile::report::Report;
use tapis_profile::what_if::TACC_RATES_SOURCE;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::shared::Shared;

#[derive(PartialEq, Properties)]
pub struct GoodputViewProps {
    pub report: Shared<Report>,
    /// The user set a queue's rate: (system, queue, SUs per node-hour); not a
    /// number ≥ 0 (an emptied field): the queue is unpriced.
    #[prop_or_default]
    pub on_rate: Callback<(String, String, f64)>,
}

/// Goodput (RUNNING of the jobs that FINISHED over their wall time) and where
/// the rest went, in the core's words (the CLI and Markdown say the same), and
/// the charge rate each queue's node-hours were priced at, each the user's to
/// change (as the CLI's `--charge-rate`): the core analyses again with it.
#[function_component(GoodputView)]
pub fn goodput_view(props: &GoodputViewProps) -> Html {
    let g = &props.report.goodput;
    html! {
        <section class="insight goodput" aria-labelledby="goodput-title">
            <h2 id="goodput-title">{ "Goodput and badput" }</h2>
            <p class="goodput-share">
                if let Some(s) = g.share {
                    <strong><data value={s.to_string()}>{ format_share(s) }</data></strong>
                    { " of the finished jobs' wall time was RUNNING." }
                } else {
                    { "No job finished with its time known." }
                }
            </p>
            <ul class="goodput-lines">
                { for g.lines().into_iter().map(|l| html! { <li>{ l }</li> }) }
            </ul>
            if !g.queues.is_empty() {
                <table class="goodput-queues">
                    <thead><tr>
                        <th scope="col">{ "System / queue" }</th><th scope="col">{ "Node-hours RUNNING" }</th>
                        <th scope="col">{ "SUs per node-hour" }</th>
                    </tr></thead>
                    <tbody>
                        { for g.queues.iter().map(|q| queue_row(q, &props.on_rate)) }
                    </tbody>
                </table>
            }
            <p class="note">{ "Rates: " }{ TACC_RATES_SOURCE }{ ". Change a rate above (empty: not priced) and the SUs and badput follow; the JSON export keeps the table used and brings it back when read again; the CLI's --charge-rate does the same." }</p>
        </section>
    }
}

/// A queue's node-hours and its rate, in a field the user can change.
fn queue_row(q: &QueueCharge, on_rate: &Callback<(String, String, f64)>) -> Html {
    let name = format!("{} / {}", or_unknown(&q.system), or_unknown(&q.queue));
    let whose = match q.su_per_node_hour {
        Some(_) if q.published => "published",
        Some(_) => "yours",
        None => "no rate: not priced",
    };
    html! {
        <tr data-queue={format!("{}/{}", q.system, q.queue)}>
            <th scope="row">{ name.clone() }</th>
            <td><data value={q.node_hours.to_string()}>{ tapis_profile::format::format_hours(q.node_hours) }</data></td>
            <td class="rate">
                <RateField label={format!("SUs per node-hour, {name}")}
                    system={q.system.clone()} queue={q.queue.clone()}
                    rate={q.su_per_node_hour} on_rate={on_rate.clone()} />
                <span class="muted whose">{ format!(" {whose}") }</span>
            </td>
        </tr>
    }
}

#[derive(PartialEq, Properties)]
struct RateFieldProps {
    label: AttrValue,
    system: AttrValue,
    queue: AttrValue,
    /// The rate the report priced the queue at.
    rate: Option<f64>,
    on_rate: Callback<(String, String, f64)>,
}

/// A queue's rate field. The page writes the report's rate into it only when that rate
/// changes; a render in between (the page's later parts, its clock) leaves the field
/// alone, so the keys the user is typing stay until they leave it (the change is the new
/// rate). Rendered with a `value`, each render put the report's rate back (yew sets a
/// field's value whenever the page's differs from the field's).
#[function_component(RateField)]
fn rate_field(props: &RateFieldProps) -> Html {
    let field = use_node_ref();
    {
        let field = field.clone();
        use_effect_with(props.rate.map(f64::to_bits), move |rate| {
            if let Some(input) = field.cast::<HtmlInputElement>() {
                let text = rate.map(|r| f64::from_bits(r).to_string());
                input.set_value(&text.unwrap_or_default());
            }
        });
    }
    let onchange = {
        let (system, queue) = (props.system.to_string(), props.queue.to_string());
        props.on_rate.reform(move |e: Event| {
            let field = e.target_unchecked_into::<HtmlInputElement>();
            // An emptied or unreadable field is no rate (NaN): the queue goes unpriced.
            let rate = field.value().trim().parse::<f64>().unwrap_or(f64::NAN);
            (system.clone(), queue.clone(), rate)
        })
    };
    html! {
        <input ref={field} type="number" min="0" step="any" inputmode="decimal" class="rate-input"
            aria-label={props.label.clone()} {onchange} />
    }
}

fn or_unknown(s: &str) -> &str {
    if s.is_empty() {
        "?"
    } else {
        s
    }
}
