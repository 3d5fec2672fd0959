//! The load chart: how many of the jobs were in each state at each moment,
//! stacked, on the timeline's time axis. The wheel and keys zoom and pan the
//! shared window (the timeline follows); a drag brushes a window that filters
//! the jobs, and so do the keys (Enter takes the window on screen). It paints
//! what `model::load::Chart` says; the tables beside it give the same numbers.

use web_sys::{HtmlCanvasElement, HtmlElement};
use yew::prelude::*;

use std::rc::Rc;

use super::draw_load::{paint_load, Overlay};
use super::legend::Legend;
use super::model::describe::range_summary;
use super::model::load::{chart_label, moment_words};
use super::model::view::{PAN_STEP, PAN_STEP_BIG, ZOOM_STEP};
use super::model::{AxisMode, Chart, LoadSeries, TimeRange};
use super::resize::use_width;
use crate::model::query::Window;
use crate::model::theme::Scheme;
use crate::shared::Shared;

/// Wheel pixels per doubling of the zoom (as the timeline's).
const WHEEL_PX_PER_DOUBLING: f64 = 400.0;

#[derive(PartialEq, Properties)]
pub struct LoadChartProps {
    pub series: Shared<LoadSeries>,
    /// The shared window (the page's); `None` until the timeline says: the whole series.
    pub time: Option<TimeRange>,
    pub on_time: Callback<TimeRange>,
    /// The brushed window the jobs are filtered to.
    pub during: Option<Window>,
    pub on_during: Callback<Option<Window>>,
    /// The id of the tables that give the same numbers.
    pub tables_id: AttrValue,
}

fn x_of(e: &MouseEvent) -> f64 {
    let el: HtmlElement = e.target_unchecked_into();
    f64::from(e.client_x()) - el.get_bounding_client_rect().left()
}

#[function_component(LoadChart)]
pub fn load_chart(props: &LoadChartProps) -> Html {
    let canvas = use_node_ref();
    let wrap = use_node_ref();
    let width = use_state_eq(|| 0.0f64);
    let pointer = use_state_eq(|| None::<f64>);
    // A drag in progress: where it started and where it is.
    let drag = use_state_eq(|| None::<(f64, f64)>);
    let focused = use_state_eq(|| false);
    let scheme = use_context::<Scheme>().unwrap_or_default();
    {
        let width = width.clone();
        use_width(wrap.clone(), Callback::from(move |w: f64| width.set(w)));
    }
    let series = props.series.clone();
    let time = props
        .time
        .or_else(|| series.extent())
        .unwrap_or(TimeRange::new(0.0, 1.0));
    let chart = Chart::new(&series, *width, time);
    // The window the keys and the wheel move from: the last one this chart asked for,
    // until the page shows another, so two keys before a render both count.
    let asked = use_mut_ref(|| (time, time));
    {
        let mut asked = asked.borrow_mut();
        if asked.0 != time {
            *asked = (time, time);
        }
    }
    {
        let canvas = canvas.clone();
        let deps = (
            series.clone(),
            *width,
            time,
            props.during,
            *drag,
            *pointer,
            *focused,
            scheme,
        );
        use_effect_with(
            deps,
            move |(series, width, time, during, drag, pointer, focused, _)| {
                let chart = Chart::new(series, *width, *time);
                let window = match drag {
                    Some((a, b)) => chart
                        .brush(*a, *b)
                        .map(|w| (chart.x_of(w.start), chart.x_of(w.end))),
                    None => during.as_ref().and_then(|w| chart.window_x(w)),
                };
                let overlay = Overlay {
                    window,
                    pointer: *pointer,
                    focused: *focused,
                };
                if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                    if let Err(e) = paint_load(&el, &chart, &overlay) {
                        gloo::console::error!("load chart: could not paint", e);
                    }
                }
            },
        );
    }

    let brush = {
        let on_during = props.on_during.clone();
        move |w: TimeRange| on_during.emit(Window::covering(w.start, w.end))
    };
    let onpointerdown = {
        let drag = drag.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            let x = x_of(&e);
            drag.set(Some((x, x)));
            let target: HtmlElement = e.target_unchecked_into();
            let _ = target.set_pointer_capture(e.pointer_id());
        })
    };
    let onpointermove = {
        let (drag, pointer) = (drag.clone(), pointer.clone());
        Callback::from(move |e: PointerEvent| {
            let x = x_of(&e);
            if let Some((a, _)) = *drag {
                drag.set(Some((a, x)));
            }
            pointer.set(Some(x));
        })
    };
    let onpointerup = {
        let (drag, brush) = (drag.clone(), brush.clone());
        let chart = (series.clone(), *width, time);
        Callback::from(move |e: PointerEvent| {
            let Some((a, _)) = *drag else {
                return;
            };
            drag.set(None);
            let (series, width, time) = &chart;
            if let Some(w) = Chart::new(series, *width, *time).brush(a, x_of(&e)) {
                brush(w);
            }
        })
    };
    let onpointercancel = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| drag.set(None))
    };
    let onpointerleave = {
        let pointer = pointer.clone();
        Callback::from(move |_: PointerEvent| pointer.set(None))
    };
    let onwheel = {
        let on_time = props.on_time.clone();
        let (series, width, asked) = (series.clone(), *width, asked.clone());
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            let chart = Chart::new(&series, width, asked.borrow().1);
            let unit = if e.delta_mode() == WheelEvent::DOM_DELTA_LINE {
                16.0
            } else {
                1.0
            };
            let (dx, dy) = (e.delta_x() * unit, e.delta_y() * unit);
            let to = if e.shift_key() || dx.abs() > dy.abs() {
                chart
                    .panned((dx + if e.shift_key() { dy } else { 0.0 }) / chart.layout.plot_width())
            } else {
                chart.zoomed(2f64.powf(-dy / WHEEL_PX_PER_DOUBLING), Some(x_of(&e)))
            };
            asked.borrow_mut().1 = to;
            on_time.emit(to);
        })
    };
    let onkeydown = {
        let (on_time, on_during) = (props.on_time.clone(), props.on_during.clone());
        let (series, width, asked) = (series.clone(), *width, asked.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let time = asked.borrow().1;
            let chart = Chart::new(&series, width, time);
            let pan = if e.shift_key() {
                PAN_STEP_BIG
            } else {
                PAN_STEP
            };
            let to = match e.key().as_str() {
                "+" | "=" => chart.zoomed(ZOOM_STEP, None),
                "-" | "_" => chart.zoomed(1.0 / ZOOM_STEP, None),
                "0" => chart.fitted(),
                "ArrowLeft" => chart.panned(-pan),
                "ArrowRight" => chart.panned(pan),
                "Enter" => {
                    e.prevent_default();
                    on_during.emit(Window::covering(time.start, time.end));
                    return;
                }
                "Escape" => {
                    on_during.emit(None);
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            asked.borrow_mut().1 = to;
            on_time.emit(to);
        })
    };
    let onfocus = {
        let focused = focused.clone();
        Callback::from(move |_: FocusEvent| focused.set(true))
    };
    let onblur = {
        let focused = focused.clone();
        Callback::from(move |_: FocusEvent| focused.set(false))
    };
    let button = |label: &'static str, text: &'static str, to: TimeRange| {
        let on_time = props.on_time.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_time.emit(to));
        html! { <button type="button" aria-label={label} title={label} {onclick}>{ text }</button> }
    };
    let take = {
        let on_during = props.on_during.clone();
        Callback::from(move |_: MouseEvent| on_during.emit(Window::covering(time.start, time.end)))
    };
    let clear = props.on_during.reform(|_: MouseEvent| None);
    let readout = pointer.and_then(|x| chart.readout(x)).unwrap_or_else(|| {
        "Point at the chart to read a moment; drag across it to filter the jobs to a window.".into()
    });
    let label = chart_label(&series, time);
    html! {
        <div class="load-chart" data-start={time.start.to_string()} data-end={time.end.to_string()}>
            <div class="tl-toolbar">
                <div class="tl-zoom" role="group" aria-label="Zoom the load chart and the timeline">
                    { button("Zoom in", "+", chart.zoomed(ZOOM_STEP, None)) }
                    { button("Zoom out", "−", chart.zoomed(1.0 / ZOOM_STEP, None)) }
                    { button("Show all", "Show all", chart.fitted()) }
                </div>
                <div class="tl-zoom">
                    <button type="button" onclick={take}>{ "Filter to the window shown" }</button>
                    if props.during.is_some() {
                        <button type="button" onclick={clear}>{ "Clear window" }</button>
                    }
                </div>
            </div>
            <p class="tl-range">{ "Showing " }<span class="load-range-text">{ range_summary(time, AxisMode::Absolute) }</span></p>
            <div class="tl-canvas-wrap" ref={wrap}>
                <canvas ref={canvas} class="tl-canvas load-canvas" tabindex="0" role="application"
                    aria-roledescription="load chart"
                    aria-label={label} aria-describedby={props.tables_id.clone()}
                    style={format!("height: {}px", chart.layout.height)}
                    {onpointerdown} {onpointermove} {onpointerup} {onpointercancel} {onpointerleave}
                    {onwheel} {onkeydown} {onfocus} {onblur} />
            </div>
            <Legend states={Rc::new(series.states.clone())} any_open={false} />
            <p class="load-readout" aria-hidden="true">{ readout }</p>
            <p class="visually-hidden" aria-live="polite">{ moment_words_or_window(&series, props.during.as_ref()) }</p>
        </div>
    }
}

/// What a screen reader hears when the brushed window changes.
fn moment_words_or_window(series: &LoadSeries, during: Option<&Window>) -> String {
    match during {
        Some(w) => {
            let (from, _) = w.seconds();
            format!(
                "Jobs filtered to {}. At its start: {}",
                super::model::load::window_words(w),
                moment_words(series, from)
            )
        }
        None => String::new(),
    }
}
