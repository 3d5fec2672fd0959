//! The wasm's entry point, run whenever the wasm is initialised, on every page that loads
//! it: and so it starts nothing. The page's loader (`www/start.js`) starts the app with
//! `startPage`, a host with `mount` (`www/embed.js`); an element that happens to have the
//! page's id, such as a documentation page's "Tapis Job Profiler" heading, is left alone
//! (see `src/embed.rs`).

// Links the app, whose exports (`startPage`, `mount`, the worker's reader) are the wasm's
// API: a crate the binary does not name would not be linked at all.
use tapis_job_profiler as _;

fn main() {}
