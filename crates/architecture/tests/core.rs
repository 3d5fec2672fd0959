//! The core crates' shape: no import cycles between modules in the analysis core, the
//! CLI and the stand-in, and no browser crate anywhere in the core (ARCHITECTURE.md,
//! invariant 1).

use std::path::{Path, PathBuf};

use architecture_check::{web_uses, ModuleGraph};

fn src(krate: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(krate)
        .join("src")
}

fn assert_no_cycles(krate: &str) {
    let graph = ModuleGraph::read(&src(krate));
    assert!(
        graph.files.len() > 3,
        "crates/{krate}/src: too few modules read ({:?})",
        graph.files.keys()
    );
    assert!(
        graph.cycles().is_empty(),
        "import cycles in crates/{krate}/src:\n{}",
        graph.describe_cycles()
    );
}

#[test]
fn the_core_has_no_import_cycles() {
    assert_no_cycles("core");
}

#[test]
fn the_cli_has_no_import_cycles() {
    assert_no_cycles("cli");
}

#[test]
fn the_stand_in_has_no_import_cycles() {
    assert_no_cycles("stand-in");
}

/// The import turns inputs into the model and knows nothing of what is made of it
/// (profiles, reports, rules, the checklist, exports): the layer beneath them.
#[test]
fn the_import_reads_into_the_model_and_nothing_above_it() {
    const BENEATH: [&str; 7] = [
        "model",
        "job_fields",
        "job_state",
        "time",
        "format",
        "fast_hash",
        "texts",
    ];
    let graph = ModuleGraph::read(&src("core"));
    let above: Vec<_> = graph
        .edges_leaving(&["import"])
        .into_iter()
        .filter(|(_, to)| !BENEATH.contains(&to.as_str()))
        .collect();
    assert!(
        above.is_empty(),
        "the import names modules above it: {above:?}"
    );
}

#[test]
fn the_core_names_no_browser_crate() {
    let uses = web_uses(&src("core"));
    assert!(uses.is_empty(), "the core names browser crates: {uses:#?}");
}
