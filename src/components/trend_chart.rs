use std::rc::Rc;

use tapis_profile::trends::Trends;
use yew::prelude::*;

use crate::insights::trends::{panels, svg_points, HEIGHT, WIDTH};
use crate::model::colours::metric_colour;

#[derive(PartialEq, Properties)]
pub struct TrendChartProps {
    pub trends: Rc<Trends>,
}

/// The trends at a glance: a small panel per series, the median per period a
/// solid line with dots and the P90 a dashed one, each panel from zero to its
/// largest P90. Drawn for the eye only (`aria-hidden`): the table under it is
/// the same numbers for screen readers and for copying.
#[function_component(TrendChart)]
pub fn trend_chart(props: &TrendChartProps) -> Html {
    let t = &props.trends;
    let list = use_memo(props.trends.clone(), |t| panels(t));
    if list.is_empty() || t.periods.len() < 2 {
        return html! {};
    }
    let (first, last) = (&t.periods[0], &t.periods[t.periods.len() - 1]);
    let colours: Vec<String> = t
        .series
        .iter()
        .filter(|s| s.points.iter().any(Option::is_some))
        .map(|s| metric_colour(&s.metric))
        .collect();
    html! {
        <figure class="trend-chart">
            <figcaption>
                { format!("Per {} of submission, {first} to {last}: ", t.period.noun()) }
                <span class="key-median" aria-hidden="true" />{ " median, " }
                <span class="key-p90-line" aria-hidden="true" />{ " P90; each panel from 0 to its largest P90. The table below gives the numbers." }
            </figcaption>
            <div class="trend-grid" aria-hidden="true">
                { for list.iter().zip(colours).map(|(p, colour)| html! {
                    <div class="trend-panel" data-series={p.key.clone()}>
                        <p class="trend-title">{ p.label.clone() }</p>
                        <p class="trend-top">{ format!("up to {}", p.top) }</p>
                        <svg viewBox={format!("0 0 {WIDTH} {HEIGHT}")} preserveAspectRatio="none">
                            <line class="grid" x1="0" x2={WIDTH.to_string()} y1={(HEIGHT - 6.0).to_string()}
                                y2={(HEIGHT - 6.0).to_string()} vector-effect="non-scaling-stroke" />
                            { for p.p90s.iter().map(|run| html! {
                                <polyline class="p90" points={svg_points(run)} style={format!("stroke: {colour}")}
                                    vector-effect="non-scaling-stroke" />
                            }) }
                            { for p.medians.iter().map(|run| html! {
                                <polyline class="median" points={svg_points(run)} style={format!("stroke: {colour}")}
                                    vector-effect="non-scaling-stroke" />
                            }) }
                        </svg>
                        <p class="trend-latest">{ p.latest.clone() }</p>
                    </div>
                }) }
            </div>
        </figure>
    }
}
