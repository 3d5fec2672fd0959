//! The tooltip over the canvas: what is under the pointer or the keyboard focus.

use yew::prelude::*;

use super::model::TipText;

/// Below this canvas width (CSS pixels) the tooltip spans the canvas.
const NARROW: f64 = 480.0;

#[derive(PartialEq, Properties)]
pub struct TooltipProps {
    /// What to say, and the canvas point (CSS pixels) it is about.
    pub tip: Option<(TipText, f64, f64)>,
    /// The canvas' width: past its middle the tooltip opens to the left.
    pub width: f64,
}

#[function_component(Tooltip)]
pub fn tooltip(props: &TooltipProps) -> Html {
    let Some((text, x, y)) = &props.tip else {
        return html! {};
    };
    // A narrow canvas has no room beside the point: span its width instead.
    let horizontal = if props.width < NARROW {
        "left: 4px; right: 4px".to_string()
    } else if *x > props.width * 0.55 {
        format!("right: {:.0}px", props.width - x + 12.0)
    } else {
        format!("left: {:.0}px", x + 12.0)
    };
    html! {
        <div class="tl-tip" role="tooltip"
            style={format!("{horizontal}; top: {:.0}px", y + 12.0)}>
            <strong class="tl-tip-title">{ &text.title }</strong>
            <dl>
                { for text.lines.iter().map(|(term, value)| html! {
                    <><dt>{ *term }</dt><dd>{ value }</dd></>
                }) }
            </dl>
        </div>
    }
}
