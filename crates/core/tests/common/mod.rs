//! What the integration tests share: the real Tapis payloads in `fixtures/tapis/`.

use std::path::{Path, PathBuf};

use tapis_profile::{read_input, InputRecords};

/// `fixtures/tapis/`, at the repository's root.
pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/tapis")
}

/// Every real fixture (`.json` and `.txt`; not the expected outputs), by name.
pub fn fixtures() -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "json" || e == "txt"))
        .collect();
    all.sort();
    all
}

/// A fixture's file name: what its diagnostics and jobs cite it as.
pub fn name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

/// Every real fixture read, each under its file name.
pub fn read_fixtures() -> Vec<InputRecords> {
    fixtures()
        .iter()
        .map(|p| read_input(&name(p), &std::fs::read_to_string(p).unwrap()))
        .collect()
}
