//! Any bytes as the parse worker's hand-off (`fuzz/checks.rs`).
#![no_main]

#[allow(dead_code)] // each target uses one of the checks
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::handoff(data));
