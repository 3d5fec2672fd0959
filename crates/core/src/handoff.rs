//! The parse worker's hand-off: [`InputRecords`] as bytes and back, for handing
//! what a Web Worker read to the page's main thread (a transferred `ArrayBuffer`): [`encode`] in the
//! worker, [`decode`] on the UI thread, where it must be quick. Both ends are
//! the same build of this crate; bytes from another build are refused.
//!
//! The format: a 12-byte header (magic `TPwr`, [`VERSION`] and a fingerprint of
//! the struct field lists below, each a little-endian `u32`), then the records.
//! Integers and lengths are LEB128 varints (`i64` zigzag-encoded first);
//! strings are length + UTF-8; a shared text ([`SharedText`]) is 0 and its string the
//! first time the records hold it, then k, the k-th distinct text written (so the
//! page decodes each once and looks none up); `Option` is a 0/1 byte (+ the value); `Vec`s
//! and maps are length + items; enums a tag byte (+ payload); structs their
//! fields in the order listed; a `Timestamp` its Unix seconds and nanoseconds.
//!
//! Hand-written rather than serde: serde's binary formats cannot carry
//! `Diagnostic`'s `#[serde(flatten)]` (which the JSON export needs), and derived
//! serde code for every record type would add more to the app's wasm, already
//! over its size budget, than this small encoder.
//!
//! [`decode`] never panics: every length is checked against the bytes left
//! before anything is allocated for it, UTF-8 is validated (an error, never
//! replaced), and trailing bytes are an error.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use crate::fast_hash::FastMap;
use crate::import::{InputFormat, InputRecords, JobRecord};
use crate::job_state::JobState;
use crate::model::{ChargeRate, ChargeRates, WhatIf};
use crate::model::{
    Diagnostic, Event, EventKind, JobInfo, Location, Severity, SharedText, Transfer,
};
use crate::time::Timestamp;

/// Bump when an encoding changes in a way the fingerprint does not see: an
/// enum's tags, a field's type, the encoding of a primitive.
pub const VERSION: u32 = 3;

const MAGIC: [u8; 4] = *b"TPwr";

/// What every encoding starts with.
const HEADER: [u8; 12] = header();

const fn header() -> [u8; 12] {
    let v = VERSION.to_le_bytes();
    let f = fnv1a(SCHEMA.as_bytes()).to_le_bytes();
    [
        MAGIC[0], MAGIC[1], MAGIC[2], MAGIC[3], v[0], v[1], v[2], v[3], f[0], f[1], f[2], f[3],
    ]
}

const fn fnv1a(bytes: &[u8]) -> u32 {
    let mut hash = 0x811c_9dc5_u32;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u32;
        hash = hash.wrapping_mul(0x0100_0193);
        i += 1;
    }
    hash
}

/// The records as bytes; [`decode`] reads them back (in the same build).
pub fn encode(records: &InputRecords) -> Vec<u8> {
    // A little over what synthetic bundles take (10,000 jobs with their job
    // objects and 115,000 events: 13.3 MB), so the buffer is not grown (and
    // copied) near its end.
    let events: usize = records.jobs.iter().map(|j| j.events.len()).sum();
    let mut w = Writer::with_capacity(
        64 + records.jobs.len() * 300 + events * 100 + records.diagnostics.len() * 200,
    );
    w.out.extend_from_slice(&HEADER);
    // By hand, in the order `Decoder` reads; no `..`, so a new field is a compile error.
    let InputRecords {
        name,
        format,
        jobs,
        diagnostics,
        checklist_ticks,
        what_if,
    } = records;
    name.put(&mut w);
    format.put(&mut w);
    jobs.put(&mut w);
    diagnostics.put(&mut w);
    checklist_ticks.put(&mut w);
    what_if.put(&mut w);
    w.out
}

/// Reads what [`encode`] wrote; an error (never a panic) for any other bytes.
pub fn decode(bytes: &[u8]) -> Result<InputRecords, HandoffError> {
    Decoder::new(bytes)?.finish()
}

/// [`decode`] a few jobs at a time, for a caller on a UI thread that yields
/// between steps: 10,000 jobs took the page ~65–90 ms of wasm and 50,000 ~280 ms
/// before each shared text was sent once (natively half that since), too long for one task.
pub struct Decoder<'a> {
    r: Reader<'a>,
    name: String,
    format: InputFormat,
    jobs: Vec<JobRecord>,
    /// Jobs still to read.
    left: usize,
}

impl<'a> Decoder<'a> {
    /// Checks the header and reads what comes before the jobs.
    pub fn new(bytes: &'a [u8]) -> Result<Decoder<'a>, HandoffError> {
        if !bytes.starts_with(&HEADER) {
            let why = if HEADER.starts_with(bytes) {
                Reason::Truncated
            } else {
                Reason::NotThisFormat
            };
            return Err(HandoffError { reason: why, at: 0 });
        }
        let mut r = Reader::new(bytes);
        r.pos = HEADER.len();
        let name = Encoded::take(&mut r)?;
        let format = Encoded::take(&mut r)?;
        let left = r.count(JobRecord::MIN)?;
        let jobs = Vec::with_capacity(capacity::<JobRecord>(left, &r));
        Ok(Decoder {
            r,
            name,
            format,
            jobs,
            left,
        })
    }

    /// Reads up to `jobs` more jobs; `true` once every job is read.
    pub fn step(&mut self, jobs: usize) -> Result<bool, HandoffError> {
        for _ in 0..jobs.min(self.left) {
            self.jobs.push(JobRecord::take(&mut self.r)?);
            self.left -= 1;
        }
        Ok(self.left == 0)
    }

    /// Reads the jobs still left and what follows them: the records.
    pub fn finish(mut self) -> Result<InputRecords, HandoffError> {
        self.step(usize::MAX)?;
        let r = &mut self.r;
        let records = InputRecords {
            name: self.name,
            format: self.format,
            jobs: self.jobs,
            diagnostics: Encoded::take(r)?,
            checklist_ticks: Encoded::take(r)?,
            what_if: Encoded::take(r)?,
        };
        if r.pos != r.bytes.len() {
            return Err(r.error(Reason::TrailingBytes, r.pos));
        }
        Ok(records)
    }
}

/// Why bytes could not be decoded, and where: the offset of the item that
/// could not be read (of the first bad byte, for UTF-8).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoffError {
    reason: Reason,
    at: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reason {
    NotThisFormat,
    Truncated,
    UnknownTag(u8),
    InvalidUtf8,
    OutOfRange,
    InvalidTimestamp,
    TrailingBytes,
}

impl HandoffError {
    /// The byte offset the error was found at.
    pub fn offset(&self) -> usize {
        self.at
    }
}

impl fmt::Display for HandoffError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.reason {
            Reason::NotThisFormat => return f.write_str("not this build's wire format"),
            Reason::Truncated => f.write_str("truncated")?,
            Reason::UnknownTag(tag) => write!(f, "unknown tag {tag}")?,
            Reason::InvalidUtf8 => f.write_str("invalid UTF-8")?,
            Reason::OutOfRange => f.write_str("integer out of range")?,
            Reason::InvalidTimestamp => f.write_str("invalid timestamp")?,
            Reason::TrailingBytes => f.write_str("trailing bytes")?,
        }
        write!(f, " at byte {}", self.at)
    }
}

impl std::error::Error for HandoffError {}

struct Writer {
    out: Vec<u8>,
    /// Each shared text written so far and its number (from 1), found by the `Arc`'s
    /// address (the reader shares most texts: one look-up a copy) and, the first time
    /// an address is seen, by the text (equal texts the reader did not share).
    by_address: FastMap<usize, u64>,
    by_text: FastMap<SharedText, u64>,
}

impl Writer {
    fn with_capacity(bytes: usize) -> Writer {
        Writer {
            out: Vec::with_capacity(bytes),
            by_address: FastMap::default(),
            by_text: FastMap::default(),
        }
    }

    #[inline]
    fn byte(&mut self, b: u8) {
        self.out.push(b);
    }

    #[inline]
    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.out.push(v as u8 | 0x80);
            v >>= 7;
        }
        self.out.push(v as u8);
    }

    #[inline]
    fn str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.out.extend_from_slice(s.as_bytes());
    }

    /// A shared text: its number if written before, else 0 and the text.
    #[inline]
    fn shared(&mut self, text: &SharedText) {
        let address = Arc::as_ptr(text).cast::<u8>() as usize;
        if let Some(&k) = self.by_address.get(&address) {
            return self.varint(k);
        }
        // An equal text at another address (one the reader did not share), or a new one.
        // The records are borrowed while they are encoded: no address is freed and reused.
        match self.by_text.get(&**text) {
            Some(&k) => {
                self.by_address.insert(address, k);
                self.varint(k);
            }
            None => {
                let k = self.by_text.len() as u64 + 1;
                self.by_text.insert(text.clone(), k);
                self.by_address.insert(address, k);
                self.varint(0);
                self.str(text);
            }
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// The shared texts read so far, in the order written: a text's number is its place + 1.
    texts: Vec<SharedText>,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader {
            bytes,
            pos: 0,
            texts: Vec::new(),
        }
    }

    #[cold]
    fn error(&self, reason: Reason, at: usize) -> HandoffError {
        HandoffError { reason, at }
    }

    #[inline]
    fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    #[inline]
    fn byte(&mut self) -> Result<u8, HandoffError> {
        match self.bytes.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                Ok(b)
            }
            None => Err(self.error(Reason::Truncated, self.pos)),
        }
    }

    /// A tag byte and its offset (for the error when it is not one we know).
    #[inline]
    fn tag(&mut self) -> Result<(u8, usize), HandoffError> {
        let at = self.pos;
        Ok((self.byte()?, at))
    }

    #[inline]
    fn varint(&mut self) -> Result<u64, HandoffError> {
        // Most are lengths and small numbers: one byte.
        match self.bytes.get(self.pos) {
            Some(&b) if b < 0x80 => {
                self.pos += 1;
                Ok(u64::from(b))
            }
            _ => self.long_varint(),
        }
    }

    fn long_varint(&mut self) -> Result<u64, HandoffError> {
        let start = self.pos;
        let mut v = 0u64;
        for i in 0..10 {
            let Some(&b) = self.bytes.get(start + i) else {
                return Err(self.error(Reason::Truncated, start));
            };
            if i == 9 && b > 1 {
                return Err(self.error(Reason::OutOfRange, start));
            }
            v |= u64::from(b & 0x7f) << (7 * i);
            if b < 0x80 {
                self.pos = start + i + 1;
                return Ok(v);
            }
        }
        Err(self.error(Reason::OutOfRange, start))
    }

    /// A count of items that take at least `min` bytes each, checked against
    /// the bytes left (so a corrupt count cannot make us allocate for it).
    #[inline]
    fn count(&mut self, min: usize) -> Result<usize, HandoffError> {
        let at = self.pos;
        let n = self.varint()?;
        if n > (self.remaining() / min) as u64 {
            return Err(self.error(Reason::Truncated, at));
        }
        Ok(n as usize)
    }

    #[inline]
    fn str(&mut self) -> Result<&'a str, HandoffError> {
        let len = self.count(1)?;
        let start = self.pos;
        let bytes = &self.bytes[start..start + len];
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                self.pos = start + len;
                Ok(s)
            }
            Err(e) => Err(self.error(Reason::InvalidUtf8, start + e.valid_up_to())),
        }
    }
}

/// A type as bytes. `MIN`: the fewest bytes one value takes (at least 1), so
/// a count of them can be checked against the bytes left.
trait Encoded: Sized {
    const MIN: usize = 1;
    fn put(&self, w: &mut Writer);
    fn take(r: &mut Reader) -> Result<Self, HandoffError>;
}

impl Encoded for u64 {
    #[inline]
    fn put(&self, w: &mut Writer) {
        w.varint(*self)
    }
    #[inline]
    fn take(r: &mut Reader) -> Result<Self, HandoffError> {
        r.varint()
    }
}

macro_rules! narrow_ints {
    ($($t:ty),*) => {$(
        impl Encoded for $t {
            #[inline]
            fn put(&self, w: &mut Writer) {
                w.varint(*self as u64)
            }
            #[inline]
            fn take(r: &mut Reader) -> Result<Self, HandoffError> {
                let at = r.pos;
                let v = r.varint()?;
                <$t>::try_from(v).map_err(|_| r.error(Reason::OutOfRange, at))
            }
        }
    )*};
}
narrow_ints!(u32, usize);

impl Encoded for bool {
    #[inline]
    fn put(&self, w: &mut Writer) {
        w.byte(u8::from(*self))
    }
    #[inline]
    fn take(r: &mut Reader) -> Result<Self, HandoffError> {
        match r.tag()? {
            (0, _) => Ok(false),
            (1, _) => Ok(true),
            (tag, at) => Err(r.error(Reason::UnknownTag(tag), at)),
        }
    }
}

impl Encoded for String {
    #[inline]
    fn put(&self, w: &mut Writer) {
        w.str(self)
    }
    #[inline]
    fn take(r: &mut Reader) -> Result<Self, HandoffError> {
        r.str().map(String::from)
    }
}

/// A state's unknown name.
impl Encoded for Box<str> {
    #[inline]
    fn put(&self, w: &mut Writer) {
        w.str(self)
    }
    #[inline]
    fn take(r: &mut Reader) -> Result<Self, HandoffError> {
        r.str().map(Box::from)
    }
}

/// Shared text: each distinct one decoded once, and shared by all that hold it.
impl Encoded for SharedText {
    #[inline]
    fn put(&self, w: &mut Writer) {
        w.shared(self)
    }
    #[inline]
    fn take(r: &mut Reader) -> Result<Self, HandoffError> {
        let at = r.pos;
        match r.varint()? {
            0 => {
                let text = SharedText::from(r.str()?);
                r.texts.push(text.clone());
                Ok(text)
            }
            k => match usize::try_from(k - 1).ok().and_then(|i| r.texts.get(i)) {
                Some(text) => Ok(text.clone()),
                None => Err(r.error(Reason::OutOfRange, at)),
            },
        }
    }
}

impl<T: Encoded> Encoded for Arc<T> {
    const MIN: usize = T::MIN;
    #[inline]
    fn put(&self, w: &mut Writer) {
        (**self).put(w)
    }
    #[inline]
    fn take(r: &mut Reader) -> Result<Self, HandoffError> {
        T::take(r).map(Arc::new)
    }
}

/// Its IEEE 754 bits, as a varint. Only finite numbers: the records hold no other
/// (a rate or a share that is no number is dropped before), and NaN would not
/// compare equal to itself after the round trip.
impl Encoded for f64 {
    #[inline]
    fn put(&self, w: &mut Writer) {
        w.varint(self.to_bits())
    }
    #[inline]
    fn take(r: &mut Reader) -> Result<Self, HandoffError> {
        let at = r.pos;
        let v = f64::from_bits(r.varint()?);
        if v.is_finite() {
            Ok(v)
        } else {
            Err(r.error(Reason::OutOfRange, at))
        }
    }
}

impl Encoded for ChargeRates {
    fn put(&self, w: &mut Writer) {
        self.0.put(w)
    }
    fn take(r: &mut Reader) -> Result<Self, HandoffError> {
        Vec::take(r).map(ChargeRates)
    }
}

impl<T: Encoded> Encoded for Option<T> {
    #[inline]
    fn put(&self, w: &mut Writer) {
        match self {
            None => w.byte(0),
            Some(v) => {
                w.byte(1);
                v.put(w)
            }
        }
    }
    #[inline]
    fn take(r: &mut Reader) -> Result<Self, HandoffError> {
        match r.tag()? {
            (0, _) => Ok(None),
            (1, _) => T::take(r).map(Some),
            (tag, at) => Err(r.error(Reason::UnknownTag(tag), at)),
        }
    }
}

impl<T: Encoded> Encoded for Vec<T> {
    fn put(&self, w: &mut Writer) {
        w.varint(self.len() as u64);
        for item in self {
            item.put(w);
        }
    }
    fn take(r: &mut Reader) -> Result<Self, HandoffError> {
        let n = r.count(T::MIN)?;
        let mut items = Vec::with_capacity(capacity::<T>(n, r));
        for _ in 0..n {
            items.push(T::take(r)?);
        }
        Ok(items)
    }
}

/// What to reserve for `n` items of `T` (a count already checked by `count`).
/// An item in memory can be a hundred times its encoding (a `JobRecord`: 600
/// bytes, 6 encoded): reserve at most four times the bytes left, so a corrupt
/// count cannot reserve gigabytes. Real data stays under that; beyond, the Vec grows.
fn capacity<T>(n: usize, r: &Reader) -> usize {
    n.min(r.remaining().saturating_mul(4) / size_of::<T>().max(1))
}

impl<K: Encoded + Ord, V: Encoded> Encoded for BTreeMap<K, V> {
    fn put(&self, w: &mut Writer) {
        w.varint(self.len() as u64);
        for (k, v) in self {
            k.put(w);
            v.put(w);
        }
    }
    fn take(r: &mut Reader) -> Result<Self, HandoffError> {
        let n = r.count(K::MIN + V::MIN)?;
        let mut map = BTreeMap::new();
        for _ in 0..n {
            let k = K::take(r)?;
            map.insert(k, V::take(r)?);
        }
        Ok(map)
    }
}

/// Unix seconds (zigzag varint) and nanoseconds (≥ 1e9 within a leap second).
impl Encoded for Timestamp {
    const MIN: usize = 2;
    #[inline]
    fn put(&self, w: &mut Writer) {
        let s = self.timestamp();
        w.varint(((s << 1) ^ (s >> 63)) as u64);
        w.varint(u64::from(self.timestamp_subsec_nanos()));
    }
    #[inline]
    fn take(r: &mut Reader) -> Result<Self, HandoffError> {
        let at = r.pos;
        let z = r.varint()?;
        let secs = (z >> 1) as i64 ^ -((z & 1) as i64);
        let nanos = u32::take(r)?;
        Timestamp::from_timestamp(secs, nanos).ok_or_else(|| r.error(Reason::InvalidTimestamp, at))
    }
}

/// Implements [`Encoded`] for each struct from the list of its fields, in the
/// order they are written. `take` builds the struct with a struct literal and
/// `put` destructures it without `..`, so a field added to a type and not to
/// its list here is a compile error, not a field silently lost in transit.
/// The lists also make [`HEADER`]'s fingerprint: editing one changes it.
macro_rules! structs {
    // `JobInfo`'s list is the job's field list (`job_fields.rs`), in its order,
    // between the structs before and after it.
    ([[$($before:tt)*] [$($after:tt)*]]
     $( $(#[$doc:meta])* $field:ident: $ty:ty = $name:literal as $kind:ident, )*) => {
        structs! { $($before)* JobInfo { $($field),* } $($after)* }
    };
    ($($ty:ident { $($field:ident),+ $(,)? })+) => {
        $(impl Encoded for $ty {
            // Every field takes at least a byte.
            const MIN: usize = [$(stringify!($field)),+].len();
            fn put(&self, w: &mut Writer) {
                let $ty { $($field),+ } = self;
                $($field.put(w);)+
            }
            fn take(r: &mut Reader) -> Result<Self, HandoffError> {
                // Fields are evaluated in the order written: the order `put` wrote them.
                Ok($ty { $($field: Encoded::take(r)?),+ })
            }
        })+

        const SCHEMA: &str = concat!($(stringify!($ty), "{", $(stringify!($field), ",",)+ "}",)+);
    };
}

// `InputRecords` itself: `encode` and `Decoder` (read in steps).
crate::job_fields::job_info_fields!(structs! {
    [JobRecord { uuid, label, name, info, events, captured }]
    [
        Event { kind, created, message, transfer }
        Transfer { uuid, status, bytes, files, files_done, created, start, end, error }
        Diagnostic { severity, input, location, job, message, action }
        Location { line, column }
        WhatIf { archived_share, charge_rates }
        ChargeRate { system, queue, su_per_node_hour }
    ]
});

// Enums by hand: a tag byte (+ payload). Changing a tag means bumping VERSION.

impl Encoded for InputFormat {
    fn put(&self, w: &mut Writer) {
        w.byte(match self {
            InputFormat::Json => 0,
            InputFormat::TapipyText => 1,
            InputFormat::PythonRepr => 2,
            InputFormat::Unknown => 3,
        })
    }
    fn take(r: &mut Reader) -> Result<Self, HandoffError> {
        Ok(match r.tag()? {
            (0, _) => InputFormat::Json,
            (1, _) => InputFormat::TapipyText,
            (2, _) => InputFormat::PythonRepr,
            (3, _) => InputFormat::Unknown,
            (tag, at) => return Err(r.error(Reason::UnknownTag(tag), at)),
        })
    }
}

impl Encoded for Severity {
    fn put(&self, w: &mut Writer) {
        w.byte(match self {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        })
    }
    fn take(r: &mut Reader) -> Result<Self, HandoffError> {
        Ok(match r.tag()? {
            (0, _) => Severity::Error,
            (1, _) => Severity::Warning,
            (2, _) => Severity::Info,
            (tag, at) => return Err(r.error(Reason::UnknownTag(tag), at)),
        })
    }
}

/// A state's tag is its place in the lifecycle (`JobState::order`: SUBMISSION 0,
/// then `JobState::KNOWN` from 1, an unknown state last, with its name).
impl Encoded for JobState {
    #[inline]
    fn put(&self, w: &mut Writer) {
        w.byte(self.order() as u8);
        if let JobState::Unknown(name) = self {
            w.str(name);
        }
    }
    #[inline]
    fn take(r: &mut Reader) -> Result<Self, HandoffError> {
        const UNKNOWN: u8 = JobState::KNOWN.len() as u8 + 1;
        Ok(match r.tag()? {
            (0, _) => JobState::Submission,
            (UNKNOWN, _) => JobState::Unknown(Encoded::take(r)?),
            (tag, _) if usize::from(tag) <= JobState::KNOWN.len() => {
                JobState::KNOWN[usize::from(tag) - 1].clone()
            }
            (tag, at) => return Err(r.error(Reason::UnknownTag(tag), at)),
        })
    }
}

impl Encoded for EventKind {
    #[inline]
    fn put(&self, w: &mut Writer) {
        match self {
            EventKind::NewStatus(state) => {
                w.byte(0);
                state.put(w);
            }
            EventKind::Other { event, detail } => {
                w.byte(1);
                event.put(w);
                detail.put(w);
            }
        }
    }
    #[inline]
    fn take(r: &mut Reader) -> Result<Self, HandoffError> {
        Ok(match r.tag()? {
            (0, _) => EventKind::NewStatus(Encoded::take(r)?),
            (1, _) => EventKind::Other {
                event: Encoded::take(r)?,
                detail: Encoded::take(r)?,
            },
            (tag, at) => return Err(r.error(Reason::UnknownTag(tag), at)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_out_of_range_integers_and_timestamps() {
        let mut r = Reader::new(&[0xff; 10]);
        assert_eq!(r.varint().unwrap_err().reason, Reason::OutOfRange);
        let mut w = Writer::with_capacity(0);
        w.varint(u64::from(u32::MAX) + 1);
        let mut r = Reader::new(&w.out);
        assert_eq!(u32::take(&mut r).unwrap_err().reason, Reason::OutOfRange);
        let mut w = Writer::with_capacity(0);
        w.varint(u64::MAX); // seconds far beyond chrono's range
        w.varint(0);
        let mut r = Reader::new(&w.out);
        assert_eq!(
            Timestamp::take(&mut r).unwrap_err().to_string(),
            "invalid timestamp at byte 0"
        );
        let mut w = Writer::with_capacity(0);
        w.varint(u64::MAX >> 1);
        let mut r = Reader::new(&w.out);
        assert_eq!(r.varint(), Ok(u64::MAX >> 1));
        assert_eq!(r.pos, w.out.len());
        // No number that is not finite (NaN would not equal itself after the round trip:
        // fuzz/regressions/handoff/crash-6708c957…, written in version 2 of the format).
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let mut w = Writer::with_capacity(0);
            w.varint(v.to_bits());
            let mut r = Reader::new(&w.out);
            assert_eq!(f64::take(&mut r).unwrap_err().reason, Reason::OutOfRange);
        }
    }

    /// A shared text is written once: again (the same `Arc`, or an equal text the
    /// reader did not share) it is its number, and read back it is one `Arc`.
    #[test]
    fn a_shared_text_is_written_once_and_read_back_as_one() {
        let (ab, other_ab, c) = (
            SharedText::from("ab"),
            SharedText::from("ab"),
            SharedText::from("c"),
        );
        let mut w = Writer::with_capacity(0);
        for text in [&ab, &ab, &other_ab, &c, &ab] {
            text.put(&mut w);
        }
        assert_eq!(w.out, [0, 2, b'a', b'b', 1, 1, 0, 1, b'c', 1]);
        let mut r = Reader::new(&w.out);
        let back: Vec<SharedText> = (0..5).map(|_| SharedText::take(&mut r).unwrap()).collect();
        assert_eq!(
            back.iter().map(|t| &**t).collect::<Vec<_>>(),
            ["ab", "ab", "ab", "c", "ab"]
        );
        assert!([1, 2, 4].iter().all(|&i| Arc::ptr_eq(&back[0], &back[i])));
        // A number no text has had yet is refused where it stands.
        let mut r = Reader::new(&[0, 1, b'x', 2]);
        assert_eq!(&*SharedText::take(&mut r).unwrap(), "x");
        assert_eq!(
            SharedText::take(&mut r).unwrap_err().to_string(),
            "integer out of range at byte 3"
        );
    }
}
