//! An input's first JSON value read straight into the [`Builder`]: the elements
//! of a top-level array, and the entries of a bundle's `jobs`, are handed over
//! one by one as the parser meets them; an entry's history and a response's
//! `result` are read straight into events (`import::entry`). At most one job's
//! wire objects are alive at a time; collected first, a 10,000-job input would
//! be ~150 MB of [`ItemDto`]s, allocated, filled and freed again (the import's
//! largest cost).
//!
//! The builder sees the same items in the same order with the same positions
//! as when they were collected first; `json` resets it if the value turns out
//! to be invalid JSON, so a broken document still yields nothing from itself.

use serde::de::{Deserializer, MapAccess, SeqAccess};

use super::dto::{read_item, Element as EntryReader, FieldSink, ItemDto, Items};
use super::entry::{Buffers, Elements, Entry, ListSink};
use super::lenient::{read_any, Lenient, Read};
use super::locate::Pos;
use super::records::{Builder, BUNDLE_FORMAT};

/// Reads one JSON value (an object or an array of them) into `b`.
pub(crate) fn read_value<'de, D: Deserializer<'de>>(
    d: D,
    b: &mut Builder,
    pos: Pos,
) -> Result<(), D::Error> {
    read_any(d, Top { b, pos })
}

/// A top-level value: an object, or an array whose elements are streamed.
struct Top<'b, 't> {
    b: &'b mut Builder<'t>,
    pos: Pos,
}

impl<'de> Read<'de> for Top<'_, '_> {
    type Value = ();
    const EXPECTING: &'static str = "an object or an array";

    fn absent(self) {
        self.b.top(&Items::Scalar, self.pos);
    }

    fn map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        object(map, self.b, self.pos, &mut Buffers::default())
    }

    fn seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // One set of buffers for every element's `result` (`import::entry`).
        let mut buffers = Buffers::default();
        let mut i = 0;
        while seq
            .next_element_seed(Lenient(Element {
                b: &mut *self.b,
                pos: self.pos.index(i),
                i,
                buffers: &mut buffers,
            }))?
            .is_some()
        {
            i += 1;
        }
        Ok(())
    }
}

/// An element of a top-level array: an object goes to the builder at once.
struct Element<'b, 't, 's, 'de> {
    b: &'b mut Builder<'t>,
    pos: Pos,
    i: usize,
    buffers: &'s mut Buffers<'de>,
}

impl<'de> Read<'de> for Element<'_, '_, '_, 'de> {
    type Value = ();
    const EXPECTING: &'static str = "an object";

    fn absent(self) {
        self.b.not_an_object(self.i, self.pos);
    }

    fn map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        object(map, self.b, self.pos, self.buffers)
    }
}

/// One object: read as an [`ItemDto`], except that a bundle's `jobs` go to the
/// builder entry by entry while it is read, and a response's `result` is read
/// straight into events (`import::entry`) with `buffers`.
fn object<'de, A: MapAccess<'de>>(
    map: A,
    b: &mut Builder,
    pos: Pos,
    buffers: &mut Buffers<'de>,
) -> Result<(), A::Error> {
    let mut sink = Streaming {
        b: &mut *b,
        pos,
        streamed: None,
        result: ListSink {
            field: "result",
            buffers: &mut *buffers,
            read: Elements::Absent,
        },
    };
    let mut item = read_item(map, &mut sink)?;
    if let Some(mark) = sink.streamed {
        item.jobs = Items::Streamed(mark);
    }
    match sink.result.read {
        Elements::Absent => b.top_item(&item, pos),
        result => b.read_envelope(&item, result, &mut buffers.slots, pos),
    }
    Ok(())
}

/// A bundle's `jobs` (once `format` has said "bundle", as it does first in every
/// bundle this project writes) go to the builder entry by entry; `streamed` says
/// where their problems start. A response's `result` goes to `result`.
struct Streaming<'b, 't, 's, 'de> {
    b: &'b mut Builder<'t>,
    pos: Pos,
    streamed: Option<usize>,
    result: ListSink<'s, 'de>,
}

impl<'de> FieldSink<'de> for Streaming<'_, '_, '_, 'de> {
    fn takes(&self, key: &str, item: &ItemDto) -> Option<&'static str> {
        if key == "jobs" && item.format.text() == Some(BUNDLE_FORMAT) {
            return Some("jobs");
        }
        if self.b.itemwise {
            return None; // `result` read into items, as before `import::entry`
        }
        self.result.takes(key, item)
    }

    fn read<A: MapAccess<'de>>(
        &mut self,
        field: &'static str,
        map: &mut A,
    ) -> Result<(), A::Error> {
        if field != "jobs" {
            return self.result.read(field, map);
        }
        let mark = self.b.pending.len();
        let at = self.pos.key("jobs");
        if map.next_value_seed(Lenient(Entries { b: self.b, at }))? {
            self.streamed = Some(mark);
        }
        Ok(())
    }
}

/// A bundle's `jobs`: each entry goes to the builder when read. `false` when
/// the value is not an array (the bundle then reports it has no `jobs`).
struct Entries<'b, 't> {
    b: &'b mut Builder<'t>,
    at: Pos,
}

impl<'de> Read<'de> for Entries<'_, '_> {
    type Value = bool;
    const EXPECTING: &'static str = "an array of bundle entries";

    fn absent(self) -> bool {
        false
    }

    fn seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        // One set of buffers for every entry's history (`import::entry`).
        let mut buffers = Buffers::default();
        let mut i = 0;
        loop {
            let at = self.at.index(i);
            let index = if self.b.itemwise {
                match seq.next_element_seed(Lenient(EntryReader::new()))? {
                    Some(entry) => self.b.entry(entry.as_deref(), at, None),
                    None => break,
                }
            } else {
                match seq.next_element_seed(Lenient(Entry {
                    buffers: &mut buffers,
                }))? {
                    Some(Some((entry, history))) => {
                        self.b.read_entry(&entry, history, &mut buffers.slots, at)
                    }
                    Some(None) => self.b.entry(None, at, None),
                    None => break,
                }
            };
            // The bundle's `capturedAt` is not known yet: `Builder::bundle` gives it.
            if let Some(index) = index {
                self.b.uncaptured.push(index);
            }
            i += 1;
        }
        Ok(true)
    }
}
