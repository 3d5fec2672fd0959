//! Live Tapis: paste a token, pick jobs, fetch their histories (issue 5).
//!
//! Pure and natively tested: `token` (the secret and its claims), `tenant` (where it may
//! go), `api` (URLs, envelopes, what a status means), `schedule` (concurrency, paging,
//! retries, progress), `model` (the panel's reducer). The edge: `http` (one fetch, the
//! only reader of the token), `runner` (drives a schedule). Components: `panel` (the top,
//! [`LivePanel`]) and one file per part it shows.

pub mod api;
mod clock;
mod connect_form;
mod failure_list;
mod fetch_progress;
mod http;
mod job_filters;
mod job_picker;
pub mod model;
mod panel;
mod runner;
pub mod schedule;
mod session_bar;
pub mod tenant;
pub mod token;
mod token_help;

pub use panel::{LivePanel, LivePanelProps};
pub use token_help::EXPORT_SCRIPT;
