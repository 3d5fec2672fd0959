//! Live Tapis: paste a token, pick jobs, fetch their histories (issue 5).
//!
//! `model/` is pure and natively tested (token, tenant, session, API requests, the
//! scheduler, the panel's reducer). The edge: `http` (one fetch, the only reader of the
//! token), `runner` (drives a schedule with real requests). Components: `panel` (the top,
//! [`LivePanel`]) and one file per part it shows.

mod connect_form;
mod failure_list;
mod fetch_progress;
mod http;
mod job_picker;
mod listing_form;
pub mod model;
mod panel;
mod runner;
mod session_bar;
mod token_help;

pub use panel::{LivePanel, LivePanelProps};
pub use token_help::EXPORT_SCRIPT;
