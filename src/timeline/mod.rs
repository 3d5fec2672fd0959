//! The interactive job timeline: many jobs, one bar each, a segment per state.
//!
//! `model/` is pure (geometry, viewport, ticks, hit-testing, words) and tested
//! natively; the components here only turn DOM events into
//! [`model::Intent`]s and paint or render what the model says. `draw.rs` is
//! the only file that touches the canvas. See `ARCHITECTURE.md`.

mod canvas;
mod component;
mod draw;
mod help;
mod legend;
pub mod model;
mod picture;
mod table;
mod toolbar;
mod tooltip;

pub use component::{JobTimeline, JobTimelineProps};
pub use model::{Span, TimelineRow, TimelineRows};
pub use picture::picture;
