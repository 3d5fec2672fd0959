//! The interactive job timeline: many jobs, one bar each, a segment per state.
//!
//! `model/` is pure (geometry, viewport, ticks, hit-testing, words) and tested
//! natively; the components here only turn DOM events into
//! [`model::Intent`]s and paint what the model says. See `ARCHITECTURE.md`.

pub mod model;

pub use model::{TimelineRow, TimelineRows};
