//! Buttons for what the wheel and keys do (touch screens have neither), and
//! the axis switch.

use yew::prelude::*;

use super::model::view::ZOOM_STEP;
use super::model::{AxisMode, Intent};
use crate::ids::use_id;

#[derive(PartialEq, Properties)]
pub struct ToolbarProps {
    pub mode: AxisMode,
    pub on_intent: Callback<Intent>,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    // Radios group by name across the whole document: one name per timeline.
    let group = use_id("tl-axis");
    let button = |label: &'static str, text: &'static str, keys: &'static str, intent: Intent| {
        let onclick = props.on_intent.reform(move |_: MouseEvent| intent.clone());
        html! {
            <button type="button" aria-label={label} title={format!("{label} ({keys})")} {onclick}>
                { text }
            </button>
        }
    };
    let radio = |mode: AxisMode, text: &'static str| {
        let onchange = props
            .on_intent
            .reform(move |_: Event| Intent::SetMode(mode));
        html! {
            <label>
                <input type="radio" name={group.clone()} checked={props.mode == mode} {onchange} />
                { text }
            </label>
        }
    };
    html! {
        <div class="tl-toolbar">
            <div class="tl-zoom" role="group" aria-label="Zoom">
                { button("Zoom in", "+", "+", Intent::Zoom(ZOOM_STEP)) }
                { button("Zoom out", "−", "−", Intent::Zoom(1.0 / ZOOM_STEP)) }
                { button("Fit all jobs", "Fit all", "0", Intent::Fit) }
            </div>
            <fieldset class="tl-axis">
                <legend>{ "Axis" }</legend>
                { radio(AxisMode::Absolute, "Clock time (UTC)") }
                { radio(AxisMode::Aligned, "Since submission") }
            </fieldset>
        </div>
    }
}
