//! Cohorts compared: did v2 of my app stage faster, is this queue worse than that
//! one? A cohort is the counted jobs a [`Selector`] picks (any attribute's value, a
//! time window, chosen jobs, or the rest); a [`Comparison`] puts two side by side.

mod bootstrap;
mod compare;
pub mod facet;
mod ranking;
mod selector;

pub use bootstrap::{LEVEL, MIN_JOBS, RESAMPLES};
pub use compare::{
    compare, compare_members, compare_picked, method_words, values as metric_values, Cohort,
    Comparing, Comparison, Members, Row, Verdict, COMPARISON_SCHEMA, COMPARISON_VERSION,
};
pub use facet::{Facet, UNKNOWN};
pub use ranking::{bin, Attribute, Share, MAX_VALUES, NOT_ENTERED};
pub use selector::{in_flight, pick, Condition, Selector};

#[cfg(test)]
mod tests;
