use std::rc::Rc;

use yew::prelude::*;

use super::{breakable, Duration};
use crate::insights::normal::{Metric, MetricRow, NormalModel};
use crate::insights::JobPick;
use crate::model::words::thousands;

#[derive(PartialEq, Properties)]
pub struct NormalStatsProps {
    pub model: Rc<NormalModel>,
    /// Which jobs, for the caption: "12 jobs with history".
    pub which: AttrValue,
    pub on_select_jobs: Callback<JobPick>,
}

/// Count, median, P90 and longest per state, bucket and in total, and a button
/// selecting each row's outliers.
#[function_component(NormalStats)]
pub fn normal_stats(props: &NormalStatsProps) -> Html {
    let row = |(i, r): (usize, &MetricRow)| {
        let s = &r.summary;
        let outliers = match r.outlier_button() {
            None => html! { <span class="none">{ "—" }</span> },
            Some((n, label)) => {
                let model = props.model.clone();
                let onclick = props
                    .on_select_jobs
                    .reform(move |_: MouseEvent| model.rows[i].outlier_pick());
                html! { <button type="button" class="link" aria-label={label.clone()} title={label} {onclick}>{ thousands(n) }</button> }
            }
        };
        let cell = |v: f64, class: &'static str| {
            html! { <td class={classes!("num", class)}><data value={v.to_string()}><Duration seconds={v} /></data></td> }
        };
        let kind = match r.metric {
            Metric::State(_) => "state",
            Metric::Bucket(_) => "bucket",
            Metric::Total => "total",
        };
        html! {
            <tr data-metric={r.metric.key()} class={kind}>
                <th scope="row">{ breakable(&r.metric.label()) }</th>
                <td class="num count">{ thousands(s.count) }</td>
                { cell(s.median, "median") }
                { cell(s.p90, "p90") }
                { cell(s.max, "max") }
                <td class="num outliers">{ outliers }</td>
            </tr>
        }
    };
    html! {
        <div class="table-wrap">
            <table class="stats-table normal-stats">
                <caption>{ format!("Per job, over {}", props.which) }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "State or bucket" }</th>
                        <th scope="col" class="num">{ "Jobs" }</th>
                        <th scope="col" class="num">{ "Median" }</th>
                        <th scope="col" class="num">{ "P90" }</th>
                        <th scope="col" class="num">{ "Long\u{ad}est" }</th>
                        // Soft hyphens: on a phone the headers may break, the numbers need not.
                        <th scope="col" class="num">{ "Out\u{ad}liers" }</th>
                    </tr>
                </thead>
                <tbody>{ for props.model.rows.iter().enumerate().map(row) }</tbody>
            </table>
        </div>
    }
}
