//! The canvas itself: turns pointer, wheel and key events into intents, paints
//! after every change, and shows the tooltip and the screen-reader announcement.

use web_sys::{HtmlCanvasElement, HtmlElement};
use yew::prelude::*;

use super::draw::paint;
use super::model::view::TipTarget;
use super::model::{describe, key_action, Intent, KeyAction, Modifiers, TimelineState, TipSource};
use super::resize::use_width;
use super::tooltip::Tooltip;
use crate::model::theme::Scheme;
use crate::model::words;

/// Pointer travel (CSS pixels) below which a press and release is a click, not a drag.
const CLICK_SLOP: f64 = 4.0;
/// Wheel pixels per doubling of the zoom.
const WHEEL_PX_PER_DOUBLING: f64 = 400.0;

#[derive(PartialEq, Properties)]
pub struct TimelineCanvasProps {
    pub state: TimelineState,
    /// The selected job's row, highlighted.
    pub selected: Option<usize>,
    pub on_intent: Callback<Intent>,
    /// The user picked this row (Enter, Space or a click).
    pub on_select: Callback<usize>,
    /// The id of the element that explains the keys.
    pub help_id: AttrValue,
}

/// An ongoing press: where it started and where the pointer was last.
#[derive(Clone, Copy)]
struct Press {
    start: (f64, f64),
    last: (f64, f64),
    dragged: bool,
    /// Pressed on the scroll bar's thumb: content pixels per pixel moved.
    thumb: Option<f64>,
}

/// The pointer's position in canvas CSS pixels.
fn position(e: &MouseEvent) -> (f64, f64) {
    let canvas: HtmlElement = e.target_unchecked_into();
    let rect = canvas.get_bounding_client_rect();
    (
        f64::from(e.client_x()) - rect.left(),
        f64::from(e.client_y()) - rect.top(),
    )
}

#[function_component(TimelineCanvas)]
pub fn timeline_canvas(props: &TimelineCanvasProps) -> Html {
    let canvas = use_node_ref();
    let wrap = use_node_ref();
    let press = use_mut_ref(|| None::<Press>);

    // Width follows the container; the model decides the height.
    use_width(
        wrap.clone(),
        props.on_intent.reform(|width| Intent::Resize { width }),
    );

    // Repaint when the app switches between light and dark (`App` provides the scheme;
    // the colours themselves are read from the style sheet at each paint).
    let scheme = use_context::<Scheme>().unwrap_or_default();

    {
        let canvas = canvas.clone();
        use_effect_with(
            (props.state.clone(), props.selected, scheme),
            move |(state, selected, _)| {
                if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                    if let Err(e) = paint(&el, state, *selected) {
                        gloo::console::error!("timeline: could not paint", e);
                    }
                }
            },
        );
    }

    let onpointerdown = {
        let press = press.clone();
        let scrollbar = props.state.geometry().scrollbar();
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            let at = position(&e);
            *press.borrow_mut() = Some(Press {
                start: at,
                last: at,
                dragged: false,
                thumb: scrollbar.filter(|b| b.contains(at.0)).map(|b| b.ratio),
            });
            let target: HtmlElement = e.target_unchecked_into();
            let _ = target.set_pointer_capture(e.pointer_id());
        })
    };
    let onpointermove = {
        let (press, on_intent) = (press.clone(), props.on_intent.clone());
        Callback::from(move |e: PointerEvent| {
            let at = position(&e);
            let mut press = press.borrow_mut();
            match press.as_mut() {
                Some(p) if p.thumb.is_some() => {
                    let dy = at.1 - p.last.1;
                    p.last = at;
                    p.dragged = true;
                    on_intent.emit(Intent::Scroll(dy * p.thumb.unwrap_or(1.0)));
                }
                Some(p) => {
                    let moved = (at.0 - p.start.0).hypot(at.1 - p.start.1);
                    if !p.dragged && moved > CLICK_SLOP {
                        // The content moves under the pointer: no tooltip until it stops.
                        p.dragged = true;
                        on_intent.emit(Intent::Point(None));
                    }
                    if p.dragged {
                        let (dx, dy) = (at.0 - p.last.0, at.1 - p.last.1);
                        p.last = at;
                        on_intent.emit(Intent::Drag { dx, dy });
                    }
                }
                None => on_intent.emit(Intent::Point(Some(at))),
            }
        })
    };
    let onpointerup = {
        let (press, on_intent, on_select) = (
            press.clone(),
            props.on_intent.clone(),
            props.on_select.clone(),
        );
        let state = props.state.clone();
        Callback::from(move |e: PointerEvent| {
            let Some(p) = press.borrow_mut().take() else {
                return;
            };
            let at = position(&e);
            if p.dragged {
                on_intent.emit(Intent::Point(Some(at)));
            } else {
                on_intent.emit(Intent::Click { x: at.0, y: at.1 });
                if let Some(hit) = state.geometry().hit(at.0, at.1) {
                    on_select.emit(hit.row);
                }
            }
        })
    };
    let onpointercancel = {
        let press = press.clone();
        Callback::from(move |_: PointerEvent| {
            press.borrow_mut().take();
        })
    };
    let onpointerleave = {
        let (press, on_intent) = (press.clone(), props.on_intent.clone());
        Callback::from(move |_: PointerEvent| {
            if press.borrow().is_none() {
                on_intent.emit(Intent::Point(None));
            }
        })
    };
    let onwheel = {
        let on_intent = props.on_intent.clone();
        let rows_height = props.state.layout.rows_height();
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            // Lines and pages to pixels, as browsers scroll them.
            let unit = match e.delta_mode() {
                WheelEvent::DOM_DELTA_LINE => 16.0,
                WheelEvent::DOM_DELTA_PAGE => rows_height,
                _ => 1.0,
            };
            let (dx, dy) = (e.delta_x() * unit, e.delta_y() * unit);
            let intent = if e.shift_key() {
                Intent::Scroll(dy + dx)
            } else if dx.abs() > dy.abs() {
                Intent::Drag { dx: -dx, dy: 0.0 }
            } else {
                let (x, _) = position(&e);
                let factor = 2f64.powf(-dy / WHEEL_PX_PER_DOUBLING);
                Intent::ZoomAt { factor, x }
            };
            on_intent.emit(intent);
        })
    };
    let onkeydown = {
        let (on_intent, on_select) = (props.on_intent.clone(), props.on_select.clone());
        let focus = props.state.focus;
        Callback::from(move |e: KeyboardEvent| {
            let mods = Modifiers {
                shift: e.shift_key(),
                command: e.ctrl_key() || e.meta_key() || e.alt_key(),
            };
            let Some(action) = key_action(&e.key(), mods) else {
                return;
            };
            e.prevent_default();
            match (action, focus) {
                (KeyAction::Select, Some(f)) => on_select.emit(f.row),
                (KeyAction::Select, None) => on_intent.emit(Intent::MoveRow(0)),
                (KeyAction::Do(intent), _) => on_intent.emit(intent),
            }
        })
    };
    let onfocus = props
        .on_intent
        .reform(|_: FocusEvent| Intent::Focused(true));
    let onblur = props
        .on_intent
        .reform(|_: FocusEvent| Intent::Focused(false));

    let state = &props.state;
    let target = state.tip_target();
    let tip = target.and_then(|t: TipTarget| {
        describe(state.rows(), t.hit, state.mode).map(|text| (text, t.x, t.y))
    });
    // Announce what the keys reach; pointer hovers would be noise.
    let announcement = match (&tip, state.tip) {
        (Some((text, _, _)), TipSource::Keyboard) => text.sentence(),
        _ => String::new(),
    };
    let jobs = state.rows().len();
    let label = format!(
        "Job timeline, {}. Arrow keys move between jobs and pan, plus and minus zoom, Enter selects.",
        words::count(jobs, "job")
    );
    html! {
        <div class="tl-canvas-wrap" ref={wrap}>
            <canvas ref={canvas} class="tl-canvas" tabindex="0" role="application"
                aria-roledescription="timeline" aria-label={label}
                aria-describedby={props.help_id.clone()}
                aria-keyshortcuts="+ - 0 ArrowLeft ArrowRight ArrowUp ArrowDown [ ] Enter"
                style={format!("height: {}px", state.layout.height)}
                {onpointerdown} {onpointermove} {onpointerup} {onpointercancel} {onpointerleave}
                {onwheel} {onkeydown} {onfocus} {onblur} />
            <Tooltip {tip} width={state.layout.width} />
            // Focused but nothing under the cursor yet: say how to start (the
            // canvas' accessible name says the same to screen readers).
            if state.has_focus && state.tip == TipSource::None {
                <div class="tl-hint" aria-hidden="true">
                    <kbd>{ "↓" }</kbd>{ " jobs · " }<kbd>{ "]" }</kbd>{ " states · " }
                    <kbd>{ "+" }</kbd><kbd>{ "−" }</kbd>{ " zoom · " }<kbd>{ "Enter" }</kbd>{ " select" }
                </div>
            }
            <div class="visually-hidden" aria-live="polite" aria-atomic="true">{ announcement }</div>
        </div>
    }
}
