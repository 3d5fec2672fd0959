use tapis_profile::format::format_share;
use tapis_profile::report::Report;
use tapis_profile::what_if::TACC_RATES_SOURCE;
use yew::prelude::*;

use crate::shared::Shared;

#[derive(PartialEq, Properties)]
pub struct GoodputViewProps {
    pub report: Shared<Report>,
}

/// Goodput (RUNNING of the jobs that FINISHED over their wall time) and where
/// the rest went, in the core's words (the CLI and Markdown say the same), and
/// the charge rate each queue's node-hours were priced at.
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
                        { for g.queues.iter().map(|q| html! {
                            <tr data-queue={format!("{}/{}", q.system, q.queue)}>
                                <th scope="row">{ format!("{} / {}", or_unknown(&q.system), or_unknown(&q.queue)) }</th>
                                <td><data value={q.node_hours.to_string()}>{ tapis_profile::format::format_hours(q.node_hours) }</data></td>
                                <td>{ match q.su_per_node_hour {
                                    Some(r) if q.published => format!("{r} (published)"),
                                    Some(r) => format!("{r} (yours)"),
                                    None => "no rate: not priced".to_string(),
                                } }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            <p class="note">{ "Rates: " }{ TACC_RATES_SOURCE }{ ". The JSON export keeps the table used; the CLI's --charge-rate changes it." }</p>
        </section>
    }
}

fn or_unknown(s: &str) -> &str {
    if s.is_empty() {
        "?"
    } else {
        s
    }
}
