use std::rc::Rc;

use yew::prelude::*;

use super::{Duration, LogAxis};
use crate::insights::normal::{MetricRow, NormalModel};
use crate::model::colours::metric_colour;
use crate::model::words::thousands;

/// Outlier marks drawn per row at most (all are listed below the plot).
const MAX_MARKS: usize = 25;

#[derive(PartialEq, Properties)]
pub struct DistributionPlotProps {
    pub model: Rc<NormalModel>,
}

/// How each state's and bucket's time is spread across the jobs: a box from
/// P25 to P75, a line at the median, a tick at P90, whiskers to the shortest and
/// the longest, and a mark for each outlier, on one logarithmic axis shared by
/// every row. A few SVG elements per row; the same numbers are in the table
/// under it for screen readers and for copying.
#[function_component(DistributionPlot)]
pub fn distribution_plot(props: &DistributionPlotProps) -> Html {
    let m = &props.model;
    let rows: Vec<&MetricRow> = m.rows.iter().filter(|r| r.spread.is_some()).collect();
    if rows.is_empty() {
        return html! {};
    }
    let scale = m.scale;
    let x = |seconds: f64| scale.at(seconds) * 1000.0;
    html! {
        <figure class="distribution">
            <figcaption>
                { "Spread per job, on a logarithmic scale: " }
                <span class="key-box" aria-hidden="true" />{ " P25 to P75, " }
                <span class="key-median" aria-hidden="true" />{ " median, " }
                <span class="key-p90" aria-hidden="true" />{ " P90, whiskers to the shortest and longest, " }
                <span class="key-outlier" aria-hidden="true" />{ " outliers." }
            </figcaption>
            <div class="dist-grid" aria-hidden="true">
                <span />
                <LogAxis {scale} />
                { for rows.iter().map(|row| {
                    let s = row.spread.expect("filtered");
                    let colour = metric_colour(&row.metric);
                    if s.max <= 0.0 {
                        // Nothing to spread (no job was ever blocked, say): say so.
                        return html! {
                            <>
                                <span class="dist-label">{ row.metric.label() }</span>
                                <span class="dist-none">{ "0 s for every job" }</span>
                            </>
                        };
                    }
                    html! {
                        <>
                            <span class="dist-label">{ row.metric.label() }</span>
                            <svg class="dist-plot" viewBox="0 0 1000 20" preserveAspectRatio="none"
                                data-metric={row.metric.key()}>
                                { for scale.ticks().into_iter().map(|(at, _)| html! {
                                    <line class="grid" x1={num(at * 1000.0)} x2={num(at * 1000.0)} y1="0" y2="20"
                                        vector-effect="non-scaling-stroke" />
                                }) }
                                <line class="whisker" x1={num(x(s.min))} x2={num(x(s.max))} y1="10" y2="10"
                                    vector-effect="non-scaling-stroke" />
                                <rect class="box" x={num(x(s.p25))} width={num((x(s.p75) - x(s.p25)).max(2.0))}
                                    y="4" height="12" style={format!("fill: {colour}")} />
                                <line class="median" x1={num(x(s.median))} x2={num(x(s.median))} y1="1" y2="19"
                                    vector-effect="non-scaling-stroke" />
                                <line class="p90" x1={num(x(s.p90))} x2={num(x(s.p90))} y1="5" y2="15"
                                    vector-effect="non-scaling-stroke" />
                                { for row.outliers.iter().take(MAX_MARKS).map(|o| html! {
                                    <line class="outlier" x1={num(x(o.seconds))} x2={num(x(o.seconds))} y1="0" y2="20"
                                        vector-effect="non-scaling-stroke" />
                                }) }
                            </svg>
                        </>
                    }
                }) }
            </div>
            <details class="dist-table">
                <summary>{ "The spread as a table" }</summary>
                <div class="table-wrap">
                    <table class="stats-table">
                        <caption>{ "Spread per job" }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ "State or bucket" }</th>
                                <th scope="col" class="num">{ "Jobs" }</th>
                                { for ["Shortest", "P25", "Median", "P75", "P90", "Longest"].iter().map(|h| html! {
                                    <th scope="col" class="num">{ *h }</th>
                                }) }
                            </tr>
                        </thead>
                        <tbody>
                            { for rows.iter().map(|row| {
                                let s = row.spread.expect("filtered");
                                html! {
                                    <tr data-metric={row.metric.key()}>
                                        <th scope="row">{ row.metric.label() }</th>
                                        <td class="num">{ thousands(row.summary.count) }</td>
                                        { for [s.min, s.p25, s.median, s.p75, s.p90, s.max].into_iter().map(|v| html! {
                                            <td class="num"><data value={v.to_string()}><Duration seconds={v} /></data></td>
                                        }) }
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}

fn num(v: f64) -> String {
    format!("{v:.1}")
}
