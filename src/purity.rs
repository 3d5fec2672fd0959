//! A test-only check behind the architecture's split: some folders hold pure
//! view models, natively tested, that must not touch the browser or the UI.

/// Panics if a file directly in `dir` (relative to the crate) uses a browser or
/// UI crate.
pub fn assert_knows_nothing_of_the_browser(dir: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for word in ["web_sys", "wasm_bindgen", "gloo", "yew", "js_sys"] {
            assert!(!text.contains(&format!("{word}::")), "{path:?} uses {word}");
            assert!(
                !text.contains(&format!("use {word}")),
                "{path:?} uses {word}"
            );
        }
    }
}
