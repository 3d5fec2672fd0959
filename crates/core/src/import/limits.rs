//! The readers' bounds. Every reader that follows an input's nesting stops at
//! [`MAX_DEPTH`], and the readers that build a whole tree in memory (Python
//! reprs, tapipy items) stop at [`MAX_TREE_BYTES`], each with a problem that
//! names where: no input can exhaust the stack (the page's wasm stack is 1 MB)
//! or the memory of the page, and one that tries costs only itself.

/// How deep objects and lists may nest: serde_json's own recursion limit (127
/// levels; a test checks it), which JSON meets first, and which the Python and
/// tapipy readers keep to as well (what they read is handed on as JSON).
pub(crate) const MAX_DEPTH: usize = 127;

/// The largest text parsed into a tree at once (a Python repr, one tapipy item):
/// such a tree takes several times its text's size, so beyond this the page
/// would run out of memory. JSON is read as it streams and has no such bound.
pub(crate) const MAX_TREE_BYTES: usize = 64 << 20;

/// The problem a reader reports when an input nests deeper than [`MAX_DEPTH`].
pub(crate) fn too_deep() -> String {
    format!("nested deeper than {MAX_DEPTH} levels")
}

/// The problem a reader reports for a tree larger than [`MAX_TREE_BYTES`].
pub(crate) fn too_large(what: &str) -> String {
    format!(
        "{what} larger than {} MB, too large to read as a whole; \
         save the data as JSON (`json.dump`) instead",
        MAX_TREE_BYTES >> 20
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// serde_json's recursion limit is [`MAX_DEPTH`]: the JSON reader's bound
    /// and the one the others keep to, so what they hand on as JSON always reads.
    #[test]
    fn json_nests_exactly_as_deep_as_the_other_readers() {
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(serde_json::from_str::<serde_json::Value>(&nested(MAX_DEPTH)).is_ok());
        let e = serde_json::from_str::<serde_json::Value>(&nested(MAX_DEPTH + 1)).unwrap_err();
        assert!(e.to_string().starts_with("recursion limit exceeded"), "{e}");
    }
}
