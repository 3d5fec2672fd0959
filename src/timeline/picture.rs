//! The timeline's picture with the page's own colours: reads the palette from
//! the CSS custom properties (as `draw.rs` does for the canvas) and hands it to
//! the pure SVG writer in `model::svg`.

use tapis_profile::JobState;
use web_sys::Element;

use super::model::{timeline_svg, SvgPalette, TimelineRow};
use crate::model::colours::state_property;

/// The SVG of `rows`, coloured as the page around `element` is now (light or dark).
pub fn picture(rows: &[TimelineRow], element: &Element) -> String {
    timeline_svg(rows, &palette(element))
}

fn palette(element: &Element) -> SvgPalette {
    let style = gloo::utils::window()
        .get_computed_style(element)
        .ok()
        .flatten();
    let var = |name: &str, fallback: &str| {
        style
            .as_ref()
            .and_then(|s| s.get_property_value(name).ok())
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| fallback.to_string())
    };
    let states = JobState::lifecycle()
        .cloned()
        .map(|s| {
            let colour = var(&state_property(&s), "#7b4f9e");
            (s, colour)
        })
        .collect();
    SvgPalette {
        fg: var("--fg", "#1b1f24"),
        muted: var("--muted", "#57606a"),
        bg: var("--bg", "#ffffff"),
        panel: var("--panel", "#f6f8fa"),
        border: var("--border", "#d0d7de"),
        states,
        unknown: var("--st-UNKNOWN", "#7b4f9e"),
    }
}
