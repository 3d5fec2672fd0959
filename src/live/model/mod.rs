//! Live Tapis' model: pure Rust, no browser, natively tested. `token` (the secret and its
//! claims), `tenant` (where it may go), `session` (who is connected until when), `api`
//! (the URLs asked, what a status means), `blocked` (why a first request got no answer),
//! `schedule` (concurrency, paging, retries, progress), `panel_reducer` (the panel's state
//! and actions). The network is the
//! panel's edge (`live::http`, `live::runner`).

pub mod api;
pub mod blocked;
pub mod panel_reducer;
pub mod schedule;
pub mod session;
pub mod tenant;
pub mod token;
