//! The interactive job timeline: many jobs, one bar each, a segment per state.
//!
//! `model/` is pure (geometry, viewport, ticks, hit-testing, words) and tested
//! natively; the components here only turn DOM events into
//! [`model::Intent`]s and paint or render what the model says. `draw.rs` is
//! and `draw_load.rs` (the load chart
//! on the same time axis) are the only files that touch a canvas. See `ARCHITECTURE.md`.

mod canvas;
mod component;
mod draw;
mod draw_load;
mod help;
mod legend;
mod load_chart;
pub mod model;
mod picture;
mod resize;
mod table;
mod toolbar;
mod tooltip;

pub use component::{JobTimeline, JobTimelineProps};
pub use load_chart::{LoadChart, LoadChartProps};
pub use model::{Span, TimelineRow, TimelineRows};
pub use picture::picture;
