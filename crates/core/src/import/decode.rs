//! A file's bytes as text, decided here and nowhere else ([`super::read_bytes`]):
//! UTF-8, a byte order mark dropped; UTF-16, little- or big-endian, when a byte
//! order mark says so (what Windows PowerShell's `>` writes); anything else as
//! UTF-8 with invalid sequences replaced by U+FFFD, as a browser's
//! `FileReader.readAsText` decodes a file. A file that is not text at all is
//! named for what it is, with its size, instead of being read as garbage.

use std::borrow::Cow;

use crate::format::format_count;

/// What a file's bytes hold.
#[derive(Debug, PartialEq)]
pub(crate) enum Decoded<'b> {
    Text(Cow<'b, str>),
    /// Not text: why, in words (its size included).
    Binary(String),
}

/// How much of a file is searched for the NUL bytes that text never holds.
const SNIFF: usize = 8000;

pub(crate) fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return Decoded::Text(Cow::Owned(utf16(rest, u16::from_le_bytes)));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return Decoded::Text(Cow::Owned(utf16(rest, u16::from_be_bytes)));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Some(why) = binary(bytes) {
        return Decoded::Binary(why);
    }
    Decoded::Text(utf8_lossy(bytes))
}

/// UTF-8 with invalid sequences replaced by U+FFFD: `String::from_utf8_lossy`'s text.
/// Checked first by `str::from_utf8`, which passes ASCII a word at a time where the
/// lossy decoder goes a byte at a time (JSON is nearly all ASCII; docs/performance.md,
/// P1): the lossy decoder runs only when something is invalid.
pub fn utf8_lossy(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// UTF-16 code units to text; unpaired surrogates and an odd last byte become U+FFFD.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    let mut text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if bytes.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    text.strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text)
}

/// Why these bytes are not text, if they are not: a known file type by its first
/// bytes, or NUL bytes near the start.
fn binary(bytes: &[u8]) -> Option<String> {
    let size = format!("{} bytes", format_count(bytes.len() as u64));
    let kind = [
        (
            &b"\x1f\x8b"[..],
            "a gzip-compressed file",
            "decompress it first",
        ),
        (
            b"PK\x03\x04",
            "a zip archive",
            "extract the job files from it first",
        ),
        (b"%PDF", "a PDF document", "job data is JSON or text"),
        (b"\x89PNG", "a PNG image", "job data is JSON or text"),
        (b"\xff\xd8\xff", "a JPEG image", "job data is JSON or text"),
    ]
    .into_iter()
    .find(|(magic, ..)| bytes.starts_with(magic));
    if let Some((_, what, hint)) = kind {
        return Some(format!("{what} ({size}), not text: {hint}"));
    }
    bytes[..bytes.len().min(SNIFF)]
        .contains(&0)
        .then(|| format!("binary data ({size}), not text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> String {
        match decode(bytes) {
            Decoded::Text(t) => t.into_owned(),
            Decoded::Binary(why) => panic!("read as binary: {why}"),
        }
    }

    #[test]
    fn utf16_with_a_byte_order_mark_reads_both_ways() {
        let s = "[{\"name\": \"é 😀\"}]\r\n";
        let mut le = vec![0xff, 0xfe];
        let mut be = vec![0xfe, 0xff];
        for u in s.encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        assert_eq!(text(&le), s);
        assert_eq!(text(&be), s);
        // A lone surrogate and an odd last byte are replaced, not fatal.
        assert_eq!(
            text(&[0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00, 0x42]),
            "\u{fffd}A\u{fffd}"
        );
    }

    #[test]
    fn utf8_loses_its_mark_and_bad_bytes_become_replacement_characters() {
        assert_eq!(text(b"\xef\xbb\xbf{}"), "{}");
        assert_eq!(text(b"{\xff}"), "{\u{fffd}}");
    }

    proptest::proptest! {
        /// The standard lossy decoder's text, whatever the bytes: ASCII, whole
        /// characters of every length, and bytes no character starts or ends with.
        #[test]
        fn utf8_is_the_lossy_decoders_text(
            parts in proptest::collection::vec(proptest::prelude::prop_oneof![
                proptest::prelude::Just(&b"{\"a\": 1}"[..]),
                proptest::prelude::Just("é".as_bytes()),
                proptest::prelude::Just("€".as_bytes()),
                proptest::prelude::Just("😀".as_bytes()),
                proptest::prelude::Just(&b"\xff"[..]),
                proptest::prelude::Just(&b"\xe2\x82"[..]),
                proptest::prelude::Just(&b"\x80"[..]),
            ], 0..40),
        ) {
            let bytes = parts.concat();
            let lossy = String::from_utf8_lossy(&bytes);
            proptest::prop_assert_eq!(&utf8_lossy(&bytes), &lossy);
            proptest::prop_assert_eq!(
                matches!(utf8_lossy(&bytes), Cow::Borrowed(_)),
                std::str::from_utf8(&bytes).is_ok()
            );
        }
    }

    #[test]
    fn binary_files_are_named_with_their_size() {
        let mut gz = vec![0x1f, 0x8b, 8, 0];
        gz.resize(79_647, 7);
        assert_eq!(
            decode(&gz),
            Decoded::Binary(
                "a gzip-compressed file (79,647 bytes), not text: decompress it first".into()
            )
        );
        let mut blob = b"{\"a\": 1}".to_vec();
        blob.extend([0, 1, 2, 3]);
        assert_eq!(
            decode(&blob),
            Decoded::Binary("binary data (12 bytes), not text".into())
        );
        // NUL bytes far into a text file are its own business.
        let mut late = vec![b' '; SNIFF];
        late.push(0);
        assert!(matches!(decode(&late), Decoded::Text(_)));
    }
}
