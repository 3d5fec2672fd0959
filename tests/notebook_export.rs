//! The notebook export (docs/export-from-notebook.md): what its script writes is read whole,
//! and the script the document, the app and the tests use is one and the same.

use tapis_job_profiler::live::EXPORT_SCRIPT;
use tapis_profile::import::{BUNDLE_FORMAT, BUNDLE_VERSION};
use tapis_profile::{read_input, InputFormat, Severity};

const WRITTEN: &str = include_str!("../fixtures/notebook-export/tapis-jobs.json");
const DOC: &str = include_str!("../docs/export-from-notebook.md");

#[test]
fn a_file_the_script_wrote_reads_back_whole() {
    let read = read_input("tapis-jobs.json", WRITTEN);
    assert_eq!(read.format, InputFormat::Json);
    assert_eq!(read.jobs.len(), 7, "4 real jobs and 3 synthetic ones");
    let with_history: Vec<_> = read.jobs.iter().filter(|j| !j.events.is_empty()).collect();
    assert_eq!(with_history.len(), 4);
    assert!(
        read.jobs
            .iter()
            .all(|j| j.uuid.is_some() && j.info.is_some()),
        "every job has its UUID and job object"
    );
    let real = read
        .jobs
        .iter()
        .find(|j| j.uuid.as_deref() == Some("4dfa35e1-15cd-48fd-a090-f348544dee1f-007"))
        .unwrap();
    assert_eq!(
        real.events.len(),
        12,
        "the real OpenSeesMP history, every event"
    );
    assert!(
        read.diagnostics
            .iter()
            .all(|d| d.severity != Severity::Error),
        "{:?}",
        read.diagnostics
    );
}

#[test]
fn the_document_shows_the_script_the_app_shows_and_the_tests_run() {
    let block = format!("```python\n{EXPORT_SCRIPT}```");
    assert!(
        DOC.contains(&block),
        "docs/export-from-notebook.md must quote docs/export_tapis_jobs.py verbatim"
    );
    assert!(!EXPORT_SCRIPT.contains("limit=-1"));
    let header = format!("\"format\": \"{BUNDLE_FORMAT}\", \"version\": {BUNDLE_VERSION}");
    assert!(
        EXPORT_SCRIPT.contains(&header),
        "the script writes the current bundle format"
    );
}
