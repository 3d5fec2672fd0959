//! Any bytes through the import, the analysis and every export (`fuzz/checks.rs`).
#![no_main]

#[allow(dead_code)] // each target uses one of the checks
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::read_input(data));
