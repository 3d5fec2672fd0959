//! An input's first JSON value read straight into the [`Builder`]: the elements
//! of a top-level array, and the entries of a bundle's `jobs`, are handed over
//! one by one as the parser meets them. At most one job's wire objects are
//! alive at a time; collected first, a 10,000-job input would be ~150 MB of
//! [`ItemDto`]s, allocated, filled and freed again (the import's largest cost).
//!
//! The builder sees the same items in the same order with the same positions
//! as when they were collected first; `json` resets it if the value turns out
//! to be invalid JSON, so a broken document still yields nothing from itself.

use std::borrow::Cow;
use std::fmt;

use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer, StringDeserializer};
use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, IntoDeserializer, MapAccess,
    SeqAccess, Visitor,
};

use super::dto::{ItemDto, ItemOr, Items, LStr};
use super::locate::Pos;
use super::records::{Builder, BUNDLE_FORMAT};
use crate::model::Severity;

/// Reads one JSON value (an object or an array of them) into `b`.
pub(crate) fn read_value<'de, D: Deserializer<'de>>(
    d: D,
    b: &mut Builder,
    pos: Pos,
) -> Result<(), D::Error> {
    d.deserialize_any(Top { b, pos })
}

/// A top-level value: an object, or an array whose elements are streamed.
struct Top<'b, 't> {
    b: &'b mut Builder<'t>,
    pos: Pos,
}

impl<'de> Visitor<'de> for Top<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object or an array")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        object(map, self.b, self.pos)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        while seq
            .next_element_seed(Element {
                b: &mut *self.b,
                pos: self.pos.index(i),
                i,
            })?
            .is_some()
        {
            i += 1;
        }
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        self.not_items()
    }
    fn visit_none<E>(self) -> Result<(), E> {
        self.not_items()
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        self.not_items()
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        self.not_items()
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        self.not_items()
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        self.not_items()
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        self.not_items()
    }
}

impl Top<'_, '_> {
    fn not_items<E>(self) -> Result<(), E> {
        self.b.top(&Items::Scalar, self.pos);
        Ok(())
    }
}

/// An element of a top-level array: an object goes to the builder at once.
struct Element<'b, 't> {
    b: &'b mut Builder<'t>,
    pos: Pos,
    i: usize,
}

impl<'de> DeserializeSeed<'de> for Element<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Element<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        object(map, self.b, self.pos)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.not_object()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        self.not_object()
    }
    fn visit_none<E>(self) -> Result<(), E> {
        self.not_object()
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        self.not_object()
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        self.not_object()
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        self.not_object()
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        self.not_object()
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        self.not_object()
    }
}

impl Element<'_, '_> {
    fn not_object<E>(self) -> Result<(), E> {
        self.b.problem(
            Severity::Warning,
            self.pos,
            format!("item {} is not an object", self.i + 1),
            "skipped",
        );
        Ok(())
    }
}

/// One object: read as an [`ItemDto`], except that a bundle's `jobs` go to the
/// builder entry by entry while it is read.
fn object<'de, A: MapAccess<'de>>(map: A, b: &mut Builder, pos: Pos) -> Result<(), A::Error> {
    let mut streamed = None;
    let mut item = read_item(map, Some((&mut *b, pos)), &mut streamed)?;
    if let Some(mark) = streamed {
        item.jobs = Items::Streamed(mark);
    }
    b.top_item(&item, pos);
    Ok(())
}

/// Any JSON object as an [`ItemDto`], everywhere in the import: one path (one
/// copy of serde's large generated code in the wasm), also for those whose
/// bundle entries are not streamed.
pub(crate) fn item_dto<'de, A: MapAccess<'de>>(map: A) -> Result<ItemDto<'de>, A::Error> {
    read_item(map, None, &mut None)
}

fn read_item<'de, A: MapAccess<'de>>(
    map: A,
    sink: Option<(&mut Builder, Pos)>,
    streamed: &mut Option<usize>,
) -> Result<ItemDto<'de>, A::Error> {
    ItemDto::deserialize(MapAccessDeserializer::new(Bundled {
        map,
        sink,
        bundle: false,
        format_next: false,
        jobs_seen: false,
        streamed,
    }))
}

/// The object's fields as they are, but for `jobs` once `format` has said
/// "bundle" and there is a builder to take them: those entries are streamed,
/// and the field is left out.
struct Bundled<'m, 'b, 't, A> {
    map: A,
    sink: Option<(&'b mut Builder<'t>, Pos)>,
    /// `format` named a bundle (it comes first in every bundle this project writes).
    bundle: bool,
    /// The value about to be read is `format`'s.
    format_next: bool,
    jobs_seen: bool,
    /// Where the streamed entries' problems start in the builder's list.
    streamed: &'m mut Option<usize>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Bundled<'_, '_, '_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        loop {
            let Some(key) = self.map.next_key::<Key<'de>>()? else {
                return Ok(None);
            };
            if key.0 == "jobs" && self.sink.is_some() {
                if self.jobs_seen {
                    return Err(de::Error::duplicate_field("jobs"));
                }
                self.jobs_seen = true;
                if let (true, Some((b, pos))) = (self.bundle, &mut self.sink) {
                    let mark = b.pending.len();
                    let at = pos.key("jobs");
                    if self.map.next_value_seed(Entries { b, at })? {
                        *self.streamed = Some(mark);
                    }
                    continue;
                }
            }
            self.format_next = key.0 == "format" && self.sink.is_some();
            return match key.0 {
                Cow::Borrowed(k) => seed.deserialize(BorrowedStrDeserializer::new(k)),
                Cow::Owned(k) => seed.deserialize(StringDeserializer::new(k)),
            }
            .map(Some);
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        if !std::mem::take(&mut self.format_next) {
            return self.map.next_value_seed(seed);
        }
        // Read `format` here to know whether `jobs` can be streamed, then hand it on.
        let format: LStr<'de> = self.map.next_value()?;
        self.bundle = format.text() == Some(BUNDLE_FORMAT);
        match format.0 {
            Some(Cow::Borrowed(s)) => seed.deserialize(BorrowedStrDeserializer::new(s)),
            Some(Cow::Owned(s)) => seed.deserialize(StringDeserializer::new(s)),
            None => seed.deserialize(().into_deserializer()),
        }
    }
}

/// A field name, borrowed from the input unless it holds escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_identifier(V)
    }
}

/// A bundle's `jobs`: each entry goes to the builder when read. `false` when
/// the value is not an array (the bundle then reports it has no `jobs`).
struct Entries<'b, 't> {
    b: &'b mut Builder<'t>,
    at: Pos,
}

impl<'de> DeserializeSeed<'de> for Entries<'_, '_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Entries<'_, '_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of bundle entries")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        let mut i = 0;
        while let Some(entry) = seq.next_element::<ItemOr<'de>>()? {
            self.b.entry(entry.0.as_ref(), self.at.index(i));
            i += 1;
        }
        Ok(true)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(false)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_unit<E>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_none<E>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_str<E>(self, _: &str) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_u64<E>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_i64<E>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_f64<E>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_bool<E>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }
}
