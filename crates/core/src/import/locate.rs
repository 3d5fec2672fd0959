//! Where an item sits in its input, found only when a diagnostic needs it: the
//! fast path records a cheap path (`result[3]`), and only a problem pays for
//! re-scanning the text to turn it into a line and column.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::model::Location;

#[derive(Debug, Clone, Copy)]
pub(crate) enum Seg {
    Index(usize),
    Key(&'static str),
}

const DEPTH: usize = 5;

/// A position that can be resolved into a [`Location`] later.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Pos {
    /// The top-level JSON value starting at byte `offset`, then a path inside it.
    Json {
        offset: usize,
        path: [Seg; DEPTH],
        len: u8,
    },
    /// A known line (text formats).
    Line(usize),
    None,
}

impl Pos {
    pub fn json(offset: usize) -> Pos {
        Pos::Json {
            offset,
            path: [Seg::Index(0); DEPTH],
            len: 0,
        }
    }

    fn push(&self, seg: Seg) -> Pos {
        match *self {
            Pos::Json {
                offset,
                mut path,
                len,
            } if (len as usize) < DEPTH => {
                path[len as usize] = seg;
                Pos::Json {
                    offset,
                    path,
                    len: len + 1,
                }
            }
            other => other,
        }
    }

    pub fn index(&self, i: usize) -> Pos {
        self.push(Seg::Index(i))
    }

    pub fn key(&self, k: &'static str) -> Pos {
        self.push(Seg::Key(k))
    }

    /// The index of the innermost array element, for "event 3" style messages.
    pub fn last_index(&self) -> Option<usize> {
        match self {
            Pos::Json { path, len, .. } if *len > 0 => match path[*len as usize - 1] {
                Seg::Index(i) => Some(i),
                Seg::Key(_) => None,
            },
            _ => None,
        }
    }

    pub fn resolve(&self, text: &str) -> Option<Location> {
        match *self {
            Pos::Line(line) => Some(Location { line, column: 1 }),
            Pos::None => None,
            Pos::Json { offset, path, len } => {
                let rest = text.get(offset..)?;
                let mut de = serde_json::Deserializer::from_str(rest);
                let mut raw: &RawValue = Deserialize::deserialize(&mut de).ok()?;
                for seg in &path[..len as usize] {
                    raw = match *seg {
                        Seg::Index(i) => {
                            let all: Vec<&RawValue> = serde_json::from_str(raw.get()).ok()?;
                            all.get(i).copied()?
                        }
                        Seg::Key(k) => {
                            let map: BTreeMap<Cow<str>, &RawValue> =
                                serde_json::from_str(raw.get()).ok()?;
                            map.get(k).copied()?
                        }
                    };
                }
                let at = raw.get().as_ptr() as usize - text.as_ptr() as usize;
                Some(location_of(text, at))
            }
        }
    }
}

/// 1-based line and column (in characters) of byte `at`.
pub(crate) fn location_of(text: &str, at: usize) -> Location {
    let before = &text[..at.min(text.len())];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Location {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

/// The byte of 1-based line and column (in characters) `at`: [`location_of`]'s inverse.
pub(crate) fn offset_of(text: &str, at: Location) -> usize {
    let mut start = 0;
    for _ in 1..at.line {
        match text[start..].find('\n') {
            Some(n) => start += n + 1,
            None => return text.len(),
        }
    }
    text[start..]
        .char_indices()
        .nth(at.column.saturating_sub(1))
        .map_or(text.len(), |(i, _)| start + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_a_path_into_line_and_column() {
        let text = "{\"result\": [\n  {\"a\": 1},\n  {\"b\": 2}\n]}";
        let pos = Pos::json(0).key("result").index(1);
        assert_eq!(pos.resolve(text), Some(Location { line: 3, column: 3 }));
        assert_eq!(pos.last_index(), Some(1));
    }

    #[test]
    fn offsets_and_locations_are_inverses() {
        let text = "ab\né😀x\n\nz";
        for (at, _) in text.char_indices() {
            assert_eq!(offset_of(text, location_of(text, at)), at);
        }
    }
}
