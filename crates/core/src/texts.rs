//! Each distinct text once: a reader hands out the same [`SharedText`] for every
//! occurrence of a text, so the many jobs that name the same app, queue, event type
//! or message hold one copy of it, not one each (an allocation and its bytes per job;
//! P5 in docs/performance.md).

use std::sync::Arc;

use crate::fast_hash::FastSet;

/// A text read once, then shared by the input's records, the assembled jobs and the
/// report (a clone is a count, not a copy): the job's UUID, name and inputs, its job
/// object's texts, its events' (P5 in docs/performance.md).
pub type SharedText = Arc<str>;

/// Where a shared text's bytes are: the same for every clone of it, so a map keyed by
/// it tells clones apart from other texts without reading their bytes (the jobs'
/// UUIDs and inputs, scattered over 50,000 reports: a cache miss each). Two
/// addresses may still hold equal texts: callers that need equality by text check
/// it once per address.
pub fn address(text: &SharedText) -> usize {
    Arc::as_ptr(text) as *const u8 as usize
}

/// `text` without the white space at either end, as `str::trim`, but without
/// decoding a character at either end when the first and last bytes are visible
/// ASCII (no white space is: the import trims every field it reads, and the
/// timestamps too: ~5 % of reading a bundle natively, counted in instructions).
pub fn trimmed(text: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|b| (0x21..0x7f).contains(b));
    let b = text.as_bytes();
    if visible(b.first()) && visible(b.last()) {
        text
    } else {
        text.trim()
    }
}

/// The texts read so far, for one input's reading.
#[derive(Debug, Default)]
pub struct Texts {
    seen: FastSet<SharedText>,
}

impl Texts {
    /// `text`, shared with every earlier occurrence of it.
    pub fn get(&mut self, text: &str) -> SharedText {
        if let Some(shared) = self.seen.get(text) {
            return shared.clone();
        }
        let shared = SharedText::from(text);
        self.seen.insert(shared.clone());
        shared
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimmed_is_trim() {
        let ends = [
            "", " ", "\t", "\n", "\u{a0}", "\u{2003}", "\u{85}", "x", "é", "~", "\u{7f}", "\r\n",
        ];
        for a in ends {
            for b in ends {
                for middle in ["", "2025-01-01T00:00:00Z", " a b ", "\u{3000}"] {
                    let text = format!("{a}{middle}{b}");
                    assert_eq!(trimmed(&text), text.trim(), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn the_same_text_is_one_copy_and_different_texts_are_not() {
        let mut texts = Texts::default();
        let a = texts.get("JOB_SUBSCRIPTION");
        let b = texts.get(&String::from("JOB_SUBSCRIPTION"));
        let c = texts.get("JOB_SHARE_EVENT");
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(&*c, "JOB_SHARE_EVENT");
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!(&*texts.get(""), "");
    }
}
