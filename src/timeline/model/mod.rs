//! The timeline's model: pure Rust, no browser. Rows in; viewport transitions,
//! ticks, culling, level of detail, hit-testing and words out. Everything here
//! is unit-tested natively; the canvas component only draws what this says.

pub mod axis;
pub mod describe;
pub mod geometry;
pub mod rows;
pub mod svg;
pub mod view;
pub mod viewport;

#[cfg(test)]
mod testing;

pub use axis::{ticks, AxisMode, Tick};
pub use describe::{describe, range_summary, TipText};
pub use geometry::{Cell, Geometry, Hit, Layout};
pub use rows::{Span, TimelineRow, TimelineRows};
pub use svg::{timeline_svg, SvgPalette};
pub use view::{key_action, Focus, Intent, KeyAction, Modifiers, TimelineState, TipSource};
pub use viewport::{Bounds, TimeRange, Viewport};

#[cfg(test)]
mod tests {
    /// The split the architecture relies on: nothing in the model touches the DOM.
    #[test]
    fn the_model_knows_nothing_of_the_browser() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/timeline/model");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for word in ["web_sys", "wasm_bindgen", "gloo", "yew", "js_sys"] {
                assert!(!text.contains(&format!("{word}::")), "{path:?} uses {word}");
                assert!(
                    !text.contains(&format!("use {word}")),
                    "{path:?} uses {word}"
                );
            }
        }
    }
}
