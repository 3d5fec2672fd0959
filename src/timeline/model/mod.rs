//! The timeline's model: pure Rust, no browser. Rows in; viewport transitions,
//! ticks, culling, level of detail, hit-testing and words out. Everything here
//! is unit-tested natively; the canvas component only draws what this says.

pub mod axis;
pub mod describe;
pub mod geometry;
pub mod load;
pub mod rows;
pub mod svg;
pub mod view;
pub mod viewport;

#[cfg(test)]
mod testing;

pub use axis::{ticks, AxisMode, Tick};
pub use describe::{describe, range_summary, TipText};
pub use geometry::{Cell, Geometry, Hit, Layout};
pub use load::{Chart, LoadSeries};
pub use rows::{RowsMaking, Span, Staleness, TimelineRow, TimelineRows};
pub use svg::{timeline_svg, SvgPalette};
pub use view::{key_action, Focus, Intent, KeyAction, Modifiers, TimelineState, TipSource};
pub use viewport::{Bounds, TimeRange, Viewport};
