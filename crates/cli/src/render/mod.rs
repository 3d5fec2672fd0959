//! The terminal table. (JSON, CSV, Markdown and the trace are the core's
//! exports, shared with the app: `tapis_profile::export`.)

pub mod table;
