use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{BucketBar, Duration};
use crate::ids::use_id;
use crate::insights::normal::bar_parts;
use crate::model::totals::{
    badput_words, caveats, node_hours_words, scope, stale_words, Goodput, Totals,
};
use crate::model::words::{self, thousands};

#[derive(PartialEq, Properties)]
pub struct OverviewProps {
    /// The jobs shown (after the filters).
    pub totals: Totals,
    /// Goodput and badput of the jobs shown.
    pub goodput: Goodput,
    /// How many jobs are loaded in all.
    pub all: usize,
    /// How many of them are stale (left in an open state too long).
    #[prop_or_default]
    pub stale: usize,
    /// Embedded: one screen for one job, so goodput stays in its own section
    /// (a fifth figure wrapped onto a row of its own in a documentation column).
    #[prop_or_default]
    pub compact: bool,
    /// Whether the stale jobs are counted.
    #[prop_or_default]
    pub include_stale: bool,
    /// Count the stale jobs (`true`) or leave them out.
    #[prop_or_default]
    pub on_include_stale: Callback<bool>,
}

/// The summary strip: how many jobs, their wall time, how much of it was outside
/// RUNNING, node-hours, goodput and badput, and the stacked bar of where the time went; the stale jobs left
/// out of it, and a control to count them.
#[function_component(Overview)]
pub fn overview(props: &OverviewProps) -> Html {
    let title_id = use_id("overview-title");
    let stale_id = use_id("overview-stale");
    let t = &props.totals;
    let caveats = caveats(t);
    let (node_hours, node_hours_note, node_counts) = node_hours_words(t);
    let stale = stale_words(t);
    let lost = props.goodput.lost();
    let on_stale = props
        .on_include_stale
        .reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked());
    html! {
        <section class="overview" aria-labelledby={title_id.clone()}>
            <div class="section-head">
                <h2 id={title_id}>{ "Overview" }</h2>
                <span class="muted">{ scope(t, props.all) }</span>
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
                        { words::share_or_dash(t.outside_share()) }{ " of the wall time" }
                    </dd>
                </div>
                <div class="figure" data-figure="node-hours">
                    <dt>{ "Node-hours" }</dt>
                    <dd class="value">{ node_hours }</dd>
                    <dd class="sub">{ node_hours_note }</dd>
                    if let Some(counts) = node_counts { <dd class="sub">{ counts }</dd> }
                </div>
                if !props.compact {
                    <div class="figure" data-figure="goodput">
                        <dt>{ "Goodput" }</dt>
                        <dd class="value">
                            if let Some(share) = props.goodput.share {
                                <data value={share.to_string()}>{ words::format_share(share) }</data>
                            } else {
                                { "—" }
                            }
                        </dd>
                        <dd class="sub">{ "of the finished jobs' wall time was RUNNING" }</dd>
                        <dd class="sub badput" data-node-hours={lost.node_hours.to_string()}
                            data-sus={lost.sus.to_string()}>{ badput_words(&props.goodput) }</dd>
                    </div>
                }
            </dl>
            if props.stale > 0 {
                <div class={classes!("overview-stale", (!props.include_stale).then_some("left-out"))}>
                    if !stale.is_empty() {
                        <p>{ stale }</p>
                    }
                    <label for={stale_id.clone()}>
                        <input type="checkbox" id={stale_id} checked={props.include_stale} onchange={on_stale} />
                        { format!(" Count the {} too, measured up to now", words::count(props.stale, "stale job")) }
                    </label>
                </div>
            }
            <BucketBar parts={bar_parts(t.buckets.iter().map(|(b, s)| (*b, *s)), t.wall_seconds)}
                total={t.wall_seconds} jobs={AttrValue::from(words::count(t.jobs, "job"))} />
        </section>
    }
}
