//! A file's bytes as the text the core reads, decoded as the browser's
//! `FileReader.readAsText` would: UTF-8, a byte order mark dropped, invalid sequences
//! replaced. One decoding for the page's own parse and the parse worker's, so a file reads
//! the same whichever thread parses it.

/// `bytes` as text: a leading byte order mark dropped, invalid UTF-8 replaced by U+FFFD.
pub fn file_text(bytes: Vec<u8>) -> String {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::file_text;

    const HISTORY: &str = include_str!(
        "../../fixtures/tapis/source-ds-history-4dfa35e1-finished-2025.reconstructed.json"
    );

    #[test]
    fn utf8_reads_unchanged_and_a_byte_order_mark_is_dropped() {
        assert_eq!(file_text(HISTORY.as_bytes().to_vec()), HISTORY);
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), HISTORY.as_bytes()].concat();
        assert_eq!(file_text(with_bom), HISTORY);
        assert_eq!(file_text(Vec::new()), "");
        // Only a leading mark is one; one inside is text.
        assert_eq!(file_text("a\u{feff}b".into()), "a\u{feff}b");
    }

    #[test]
    fn invalid_bytes_are_replaced_and_the_rest_kept() {
        let bytes = [b"[{\"event\": \"".as_slice(), b"\xFF\xFE", b"\"}]"].concat();
        assert_eq!(file_text(bytes), "[{\"event\": \"\u{fffd}\u{fffd}\"}]");
        let cut_mid_char = "é".as_bytes()[..1].to_vec();
        assert_eq!(file_text(cut_mid_char), "\u{fffd}");
    }
}
