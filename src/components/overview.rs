use yew::prelude::*;

use super::{BucketBar, Duration};
use crate::ids::use_id;
use crate::insights::normal::bar_parts;
use crate::model::totals::Totals;
use crate::model::words::{self, thousands};

#[derive(PartialEq, Properties)]
pub struct OverviewProps {
    /// The jobs shown (after the filters).
    pub totals: Totals,
    /// How many jobs are loaded in all.
    pub all: usize,
}

/// The summary strip: how many jobs, their wall time, how much of it was outside
/// RUNNING, node-hours, and the stacked bar of where the time went.
#[function_component(Overview)]
pub fn overview(props: &OverviewProps) -> Html {
    let title_id = use_id("overview-title");
    let t = &props.totals;
    let caveats = t.caveats();
    let (node_hours, node_hours_note) = t.node_hours_words();
    html! {
        <section class="overview" aria-labelledby={title_id.clone()}>
            <div class="section-head">
                <h2 id={title_id}>{ "Overview" }</h2>
                <span class="muted">{ t.scope(props.all) }</span>
            </div>
            <dl class="figures">
                <div class="figure" data-figure="jobs">
                    <dt>{ "Jobs" }</dt>
                    <dd class="value">{ thousands(t.jobs) }</dd>
                    if !caveats.is_empty() { <dd class="sub">{ caveats }</dd> }
                </div>
                <div class="figure" data-figure="wall">
                    <dt>{ "Wall time" }</dt>
                    <dd class="value"><Duration seconds={t.wall_seconds} /></dd>
                    <dd class="sub">{ "summed over the jobs" }</dd>
                </div>
                <div class="figure" data-figure="outside">
                    <dt>{ "Outside RUNNING" }</dt>
                    <dd class="value"><Duration seconds={t.outside_seconds} /></dd>
                    <dd class="sub">
                        { words::share_or_dash(t.outside_share) }{ " of the wall time" }
                    </dd>
                </div>
                <div class="figure" data-figure="node-hours">
                    <dt>{ "Node-hours" }</dt>
                    <dd class="value">{ node_hours }</dd>
                    <dd class="sub">{ node_hours_note }</dd>
                </div>
            </dl>
            <BucketBar parts={bar_parts(t.buckets.iter().copied(), t.wall_seconds)}
                total={t.wall_seconds} jobs={AttrValue::from(words::count(t.jobs, "job"))} />
        </section>
    }
}
