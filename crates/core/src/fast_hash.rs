//! A fast hasher for maps keyed by the jobs' own fields (their names, queues, ids).
//!
//! The standard `HashMap` hashes with SipHash, which resists keys chosen to collide;
//! the keys here are the user's own data in their own browser, and SipHash in the
//! wasm was half of the cohort view's menus at 50,000 jobs (~170 ms of ~330 ms,
//! docs/performance.md, P6). This mixes a word at a time (rotate, xor, multiply), as
//! rustc's own maps do.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
/// A `HashSet` with [`FastHasher`].
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

/// A word-at-a-time multiplicative hasher (not for keys an adversary chooses).
#[derive(Debug, Default, Clone, Copy)]
pub struct FastHasher {
    hash: u64,
}

/// An odd constant with its bits well spread (the golden ratio's, as rustc's hasher).
const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(MULTIPLIER);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// The multiply leaves the high bits best mixed; the table picks its bucket by the
    /// low ones and its control byte by the top seven, so both get high bits.
    fn finish(&self) -> u64 {
        self.hash.rotate_left(26)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_hash_alike_and_a_map_finds_them() {
        let mut map: FastMap<(Option<&str>, Option<&str>), usize> = FastMap::default();
        let names = [
            "frontera",
            "frontera2",
            "stampede3",
            "",
            "a-much-longer-system-name",
        ];
        for (i, a) in names.iter().enumerate() {
            for b in [None, Some("normal"), Some("development")] {
                *map.entry((Some(a), b)).or_default() += i;
                *map.entry((None, b)).or_default() += 1;
            }
        }
        assert_eq!(map.len(), names.len() * 3 + 3);
        assert_eq!(map[&(Some("stampede3"), Some("normal"))], 2);
        assert_eq!(map[&(None, None)], names.len());
        // Strings that differ only past the first word, or in length, are different keys.
        let mut words: FastMap<String, ()> = FastMap::default();
        for s in ["abcdefgh1", "abcdefgh2", "abcdefgh", "abcdefgh\0"] {
            words.insert(s.to_string(), ());
        }
        assert_eq!(words.len(), 4);
    }
}
