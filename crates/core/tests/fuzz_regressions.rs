//! The fuzz targets' checks (`fuzz/checks.rs`) in every `cargo test`, on stable Rust: on
//! every input the fuzzer once failed on (`fuzz/regressions/<target>/`), on the inputs it
//! starts from (every fixture, the messy and the hostile sets) and on their hand-offs.

#[path = "../../../fuzz/checks.rs"]
mod checks;

use std::path::{Path, PathBuf};

fn files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(dir);
    let mut all: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|x| x != "md"))
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    all.sort();
    all
}

fn seeds() -> Vec<PathBuf> {
    ["fixtures/tapis", "fixtures/messy", "fixtures/hostile"]
        .iter()
        .flat_map(|d| files(d))
        .collect()
}

#[test]
fn the_read_input_target_holds_on_its_seeds_and_past_failures() {
    let all: Vec<PathBuf> = seeds()
        .into_iter()
        .chain(files("fuzz/regressions/read_input"))
        .collect();
    assert!(all.len() > 20);
    for path in all {
        checks::read_input(&std::fs::read(&path).unwrap());
    }
}

#[test]
fn the_handoff_target_holds_on_its_seeds_and_past_failures() {
    let encoded = seeds().into_iter().map(|p| {
        let records = tapis_profile::read_bytes("seed", &std::fs::read(p).unwrap());
        tapis_profile::handoff::encode(&records)
    });
    let failed = files("fuzz/regressions/handoff")
        .into_iter()
        .map(|p| std::fs::read(p).unwrap());
    for bytes in encoded.chain(failed) {
        checks::handoff(&bytes);
        // Cut anywhere, it is refused, never a panic.
        for cut in (0..bytes.len()).step_by(bytes.len() / 50 + 1) {
            checks::handoff(&bytes[..cut]);
        }
    }
}
