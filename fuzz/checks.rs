//! What must hold for any input: the fuzz targets (`fuzz/fuzz_targets/`) check it on
//! what libFuzzer makes, and `cargo test` (`crates/core/tests/fuzz_regressions.rs`) on
//! the seeds and on every input the fuzzer once failed on (`fuzz/regressions/`).

use tapis_profile::analysis::{analyse, Options};
use tapis_profile::checklist::Ticks;
use tapis_profile::export::{
    chrome_trace, export_document, job_events_ndjson, jobs_csv, jobs_ndjson, markdown, ndjson_rows,
    states_csv, Rows,
};
use tapis_profile::handoff::{decode, encode};
use tapis_profile::time::parse_timestamp;
use tapis_profile::{assemble, read_bytes, read_input as read_text, read_input_itemwise};

/// Any bytes as a file: read (every format, every encoding), assembled, analysed and
/// written as every export, never a panic; the records cross the worker hand-off
/// unchanged, the JSON export reads back to as many jobs, and a bundle's events read
/// straight into events give the records of reading each as a whole item first.
pub fn read_input(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    assert!(
        read_text("fuzz", &text) == read_input_itemwise("fuzz", &text),
        "the two bundle reads disagree"
    );
    let records = read_bytes("fuzz", data);
    let back = decode(&encode(&records)).expect("the hand-off reads what it wrote");
    assert!(back == records, "the hand-off changed the records");
    let import = assemble(&[&records]);
    let as_of = parse_timestamp("2030-01-01T00:00:00Z");
    // Stale jobs left out or counted: half the inputs each, by their length.
    let include_stale = data.len() % 2 == 1;
    let report = analyse(
        &import,
        &Options {
            as_of,
            include_stale,
            ..Options::default()
        },
    );
    let ticks = Ticks::new();
    for rows in [Rows::State, Rows::Visit, Rows::Job] {
        ndjson_rows(&report, rows);
    }
    states_csv(&report);
    jobs_csv(&report);
    markdown(&report, &ticks);
    chrome_trace(&report);
    job_events_ndjson(std::slice::from_ref(&records), &import.jobs);
    jobs_ndjson(&import.jobs);
    let export = export_document(&report, &import.jobs, &ticks);
    let again = assemble(&[read_text("export", &export)]);
    assert_eq!(
        again.jobs.len(),
        import.jobs.len(),
        "the JSON export reads back to other jobs"
    );
}

/// Any bytes as a hand-off from the worker: refused or read, never a panic; what is
/// read is written back to bytes that read the same.
pub fn handoff(data: &[u8]) {
    if let Ok(records) = decode(data) {
        let again = decode(&encode(&records)).expect("the hand-off reads what it wrote");
        assert!(again == records, "the hand-off changed the records");
    }
}
