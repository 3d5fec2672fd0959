//! The one shape of every reader in the import. A reader says what each kind of
//! JSON value gives it; a kind it does not name gives [`Read::absent`], its value
//! skipped: a wrong type is "absent", never an error, so one odd field costs that
//! field and not the input. [`Lenient`] makes a reader the serde visitor that
//! serde_json drives in its single typed pass; strings reach the reader borrowed
//! from the input when they hold no escapes, so no `serde_json::Value` is built.
//!
//! A wire type (`dto`) reads through its [`Of`] reader; the streaming readers
//! (`stream`) carry the builder they feed.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// What each kind of JSON value gives. The defaults follow serde's (a borrowed or
/// an owned string is a string), except that every kind ends in [`Read::absent`].
pub(crate) trait Read<'de>: Sized {
    type Value;
    /// What was expected, for serde's messages.
    const EXPECTING: &'static str;

    /// A value of a kind this reader does not take.
    fn absent(self) -> Self::Value;

    fn null(self) -> Self::Value {
        self.absent()
    }
    fn borrowed_str(self, v: &'de str) -> Self::Value {
        self.str(v)
    }
    fn str(self, _: &str) -> Self::Value {
        self.absent()
    }
    fn string(self, v: String) -> Self::Value {
        self.str(&v)
    }
    fn u64(self, _: u64) -> Self::Value {
        self.absent()
    }
    fn i64(self, _: i64) -> Self::Value {
        self.absent()
    }
    fn f64(self, _: f64) -> Self::Value {
        self.absent()
    }
    fn bool(self, _: bool) -> Self::Value {
        self.absent()
    }
    fn map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(self.absent())
    }
    fn seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(self.absent())
    }
}

/// The reader of a wire type `T` that needs nothing but the input: `Of::<LStr>::new()`.
pub(crate) struct Of<T>(PhantomData<T>);

impl<T> Of<T> {
    pub fn new() -> Of<T> {
        Of(PhantomData)
    }
}

/// Reads one value of any kind with `reader`.
pub(crate) fn read_any<'de, D: Deserializer<'de>, R: Read<'de>>(
    d: D,
    reader: R,
) -> Result<R::Value, D::Error> {
    d.deserialize_any(Lenient(reader))
}

/// A reader as a serde visitor (and, for `next_element_seed`, a seed).
pub(crate) struct Lenient<R>(pub R);

impl<'de, R: Read<'de>> Visitor<'de> for Lenient<R> {
    type Value = R::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(R::EXPECTING)
    }

    fn visit_unit<E>(self) -> Result<R::Value, E> {
        Ok(self.0.null())
    }
    fn visit_none<E>(self) -> Result<R::Value, E> {
        Ok(self.0.null())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<R::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<R::Value, E> {
        Ok(self.0.borrowed_str(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<R::Value, E> {
        Ok(self.0.str(v))
    }
    fn visit_string<E>(self, v: String) -> Result<R::Value, E> {
        Ok(self.0.string(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<R::Value, E> {
        Ok(self.0.u64(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<R::Value, E> {
        Ok(self.0.i64(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<R::Value, E> {
        Ok(self.0.f64(v))
    }
    fn visit_bool<E>(self, v: bool) -> Result<R::Value, E> {
        Ok(self.0.bool(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<R::Value, A::Error> {
        self.0.map(map)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<R::Value, A::Error> {
        self.0.seq(seq)
    }
}

impl<'de, R: Read<'de>> DeserializeSeed<'de> for Lenient<R> {
    type Value = R::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<R::Value, D::Error> {
        d.deserialize_any(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Takes numbers only (a numeric string is not one).
    struct Numbers;

    impl Read<'_> for Numbers {
        type Value = Option<f64>;
        const EXPECTING: &'static str = "a number";
        fn absent(self) -> Option<f64> {
            None
        }
        fn u64(self, v: u64) -> Option<f64> {
            Some(v as f64)
        }
        fn f64(self, v: f64) -> Option<f64> {
            Some(v)
        }
    }

    fn numbers(json: &str) -> Vec<Option<f64>> {
        let mut de = serde_json::Deserializer::from_str(json);
        struct All;
        impl<'de> Read<'de> for All {
            type Value = Vec<Option<f64>>;
            const EXPECTING: &'static str = "an array";
            fn absent(self) -> Vec<Option<f64>> {
                Vec::new()
            }
            fn seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(v) = seq.next_element_seed(Lenient(Numbers))? {
                    out.push(v);
                }
                Ok(out)
            }
        }
        read_any(&mut de, All).unwrap()
    }

    #[test]
    fn every_kind_a_reader_does_not_take_is_absent_and_skipped_whole() {
        assert_eq!(
            numbers(r#"[1, 2.5, -3, "4", true, null, {"a": [1, {"b": 2}]}, [[5]], 6]"#),
            vec![
                Some(1.0),
                Some(2.5),
                None,
                None,
                None,
                None,
                None,
                None,
                Some(6.0)
            ]
        );
        assert_eq!(numbers("3"), Vec::<Option<f64>>::new());
    }

    #[test]
    fn broken_json_is_still_an_error() {
        let mut de = serde_json::Deserializer::from_str(r#"{"a": [1, }"#);
        assert!(read_any(&mut de, Numbers).is_err());
    }
}
