//! Wire types: Tapis payloads as serde sees them. Every field is lenient — a
//! wrong type becomes "absent" instead of an error — so one odd field never
//! costs a whole input, and a document is read in a single typed pass (no
//! `serde_json::Value` tree on the hot path). Strings are borrowed from the
//! input when they hold no escapes. Each type says what it takes through the
//! one reader shape of `import::lenient`.

use std::borrow::Cow;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess};
use serde::Serialize;

use super::lenient::{read_any, Lenient, Of, Read};
use crate::job_state::JobState;
use crate::model::SharedText;
use crate::texts::{trimmed, Texts};
use crate::time::{format_timestamp, parse_timestamp, Timestamp};

/// `Deserialize` for wire types through their [`Of`] reader.
macro_rules! deserialize_through_reader {
    ($($ty:ident $(<$a:lifetime>)?),* $(,)?) => {$(
        impl<'de $(: $a, $a)?> Deserialize<'de> for $ty $(<$a>)? {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                read_any(d, Of::<Self>::new())
            }
        }
    )*};
}

deserialize_through_reader!(LStr<'a>, LNum, Items<'a>, EventField<'a>, FileInputs, Notes);

/// A string field; numbers and booleans are kept as their text, anything else is absent.
#[derive(Debug, Default, Clone)]
pub(crate) struct LStr<'a>(pub Option<Cow<'a, str>>);

impl<'a> LStr<'a> {
    pub fn get(&self) -> Option<&str> {
        self.0.as_deref()
    }

    /// The text, trimmed, when it is not empty.
    pub fn text(&self) -> Option<&str> {
        self.get().map(trimmed).filter(|s| !s.is_empty())
    }

    pub fn owned(&self) -> Option<String> {
        self.text().map(str::to_string)
    }
}

impl<'de: 'a, 'a> Read<'de> for Of<LStr<'a>> {
    type Value = LStr<'a>;
    const EXPECTING: &'static str = "a string";

    fn absent(self) -> LStr<'a> {
        LStr(None)
    }
    fn borrowed_str(self, v: &'de str) -> LStr<'a> {
        LStr(Some(Cow::Borrowed(v)))
    }
    fn str(self, v: &str) -> LStr<'a> {
        LStr(Some(Cow::Owned(v.to_string())))
    }
    fn string(self, v: String) -> LStr<'a> {
        LStr(Some(Cow::Owned(v)))
    }
    fn u64(self, v: u64) -> LStr<'a> {
        LStr(Some(Cow::Owned(v.to_string())))
    }
    fn i64(self, v: i64) -> LStr<'a> {
        LStr(Some(Cow::Owned(v.to_string())))
    }
    fn f64(self, v: f64) -> LStr<'a> {
        LStr(Some(Cow::Owned(v.to_string())))
    }
    fn bool(self, v: bool) -> LStr<'a> {
        LStr(Some(Cow::Borrowed(if v { "true" } else { "false" })))
    }
}

/// A number field; numeric strings (tapipy prints, Python dicts) count too.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct LNum(pub Option<f64>);

impl LNum {
    pub fn u64(self) -> Option<u64> {
        self.0
            .filter(|v| v.is_finite() && *v >= 0.0 && *v < 1.8e19)
            .map(|v| v as u64)
    }

    pub fn u32(self) -> Option<u32> {
        self.u64().and_then(|v| u32::try_from(v).ok())
    }
}

impl Read<'_> for Of<LNum> {
    type Value = LNum;
    const EXPECTING: &'static str = "a number";

    fn absent(self) -> LNum {
        LNum(None)
    }
    fn u64(self, v: u64) -> LNum {
        LNum(Some(v as f64))
    }
    fn i64(self, v: i64) -> LNum {
        LNum(Some(v as f64))
    }
    fn f64(self, v: f64) -> LNum {
        LNum(Some(v))
    }
    fn str(self, v: &str) -> LNum {
        LNum(v.trim().parse::<f64>().ok().filter(|v| v.is_finite()))
    }
}

/// A boolean field; `"true"`/`"false"` strings count too.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct LBool(pub Option<bool>);

impl<'de> Deserialize<'de> for LBool {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = LStr::deserialize(d)?;
        Ok(LBool(match s.text() {
            Some(t) if t.eq_ignore_ascii_case("true") => Some(true),
            Some(t) if t.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }))
    }
}

/// An object read as `T` when it is one (a nested field, an array element);
/// absent for anything else.
#[derive(Debug, Clone)]
pub(crate) struct MapOr<T>(pub Option<T>);

impl<T> Default for MapOr<T> {
    fn default() -> Self {
        MapOr(None)
    }
}

impl<'de, T: Deserialize<'de>> Read<'de> for Of<MapOr<T>> {
    type Value = MapOr<T>;
    const EXPECTING: &'static str = "an object";

    fn absent(self) -> MapOr<T> {
        MapOr(None)
    }
    fn map<A: MapAccess<'de>>(self, map: A) -> Result<MapOr<T>, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(|t| MapOr(Some(t)))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for MapOr<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        read_any(d, Of::<Self>::new())
    }
}

/// A JSON value that may be an object, an array of objects, or something else.
/// Used for a document's top level, an envelope's `result` and a bundle's lists.
#[derive(Debug, Default)]
pub(crate) enum Items<'a> {
    #[default]
    Absent,
    Null,
    One(Box<ItemDto<'a>>),
    /// Array elements; `None` for an element that is not an object.
    Many(Vec<Option<Box<ItemDto<'a>>>>),
    /// A string, number or boolean where objects were expected.
    Scalar,
    /// Already handed to the builder while it was read (`import::stream`); the
    /// builder's problems from it start at this index.
    Streamed(usize),
}

impl<'de: 'a, 'a> Read<'de> for Of<Items<'a>> {
    type Value = Items<'a>;
    const EXPECTING: &'static str = "an object or an array";

    fn absent(self) -> Items<'a> {
        Items::Scalar
    }
    fn null(self) -> Items<'a> {
        Items::Null
    }
    fn map<A: MapAccess<'de>>(self, map: A) -> Result<Items<'a>, A::Error> {
        item_dto(map).map(Items::One)
    }
    fn seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Items<'a>, A::Error> {
        let mut all = Vec::new();
        while let Some(item) = seq.next_element_seed(Lenient(Element::new()))? {
            all.push(item);
        }
        Ok(Items::Many(all))
    }
}

/// An array element that is an object, read straight into its box (`None` for
/// anything else): items nest (an envelope's `result`, a bundle's `jobs`), and an
/// item built on the stack at every level would let a deeply nested input
/// exhaust the stack within serde_json's recursion limit.
pub(crate) type Element<'a> = Of<Option<Box<ItemDto<'a>>>>;

impl<'de: 'a, 'a> Read<'de> for Of<Option<Box<ItemDto<'a>>>> {
    type Value = Option<Box<ItemDto<'a>>>;
    const EXPECTING: &'static str = "an object";

    fn absent(self) -> Self::Value {
        None
    }
    fn map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        item_dto(map).map(Some)
    }
}

/// `event`: a name in a history item, an object in a notification.
#[derive(Debug, Default)]
pub(crate) enum EventField<'a> {
    #[default]
    Absent,
    Name(LStr<'a>),
    Notification(Box<NotificationDto<'a>>),
}

impl<'de: 'a, 'a> Read<'de> for Of<EventField<'a>> {
    type Value = EventField<'a>;
    const EXPECTING: &'static str = "an event name or object";

    fn absent(self) -> EventField<'a> {
        EventField::Absent
    }
    fn map<A: MapAccess<'de>>(self, map: A) -> Result<EventField<'a>, A::Error> {
        NotificationDto::deserialize(MapAccessDeserializer::new(map))
            .map(|n| EventField::Notification(n.into()))
    }
    fn borrowed_str(self, v: &'de str) -> EventField<'a> {
        EventField::Name(LStr(Some(Cow::Borrowed(v))))
    }
    fn str(self, v: &str) -> EventField<'a> {
        EventField::Name(LStr(Some(Cow::Owned(v.to_string()))))
    }
}

/// How a job object's field (`job_fields.rs`) is read from its wire type, and
/// written back into a bundle: one impl per kind and model type, so a field whose
/// type its kind cannot read is a compile error.
pub(crate) trait WireKind<T> {
    /// The lenient wire type the field is read into.
    type Dto<'a>: Default;
    /// `texts`: the input's texts read so far, for a text to share.
    fn read(dto: &Self::Dto<'_>, texts: &mut Texts) -> T;
    /// The field as a bundle writes it; `None` leaves it out.
    fn write(value: &T) -> Option<impl Serialize + '_>;
}

/// The kinds `job_fields.rs` names.
pub(crate) mod kinds {
    /// A string: trimmed, empty is absent.
    pub struct Text;
    /// An RFC 3339 time.
    pub struct Time;
    /// A job state's name.
    pub struct State;
    /// A whole number; numeric strings count too.
    pub struct Count;
    /// `notes.isInteractive`, notes as an object or a JSON string.
    pub struct Interactive;
    /// `fileInputs[].sourceUrl`, as an array or a JSON string.
    pub struct SourceUrls;
}

impl WireKind<Option<SharedText>> for kinds::Text {
    type Dto<'a> = LStr<'a>;
    fn read(dto: &LStr, texts: &mut Texts) -> Option<SharedText> {
        dto.text().map(|t| texts.get(t))
    }
    fn write(value: &Option<SharedText>) -> Option<impl Serialize + '_> {
        value.as_deref()
    }
}

impl WireKind<Option<Timestamp>> for kinds::Time {
    type Dto<'a> = LStr<'a>;
    fn read(dto: &LStr, _: &mut Texts) -> Option<Timestamp> {
        dto.text().and_then(parse_timestamp)
    }
    fn write(value: &Option<Timestamp>) -> Option<impl Serialize + '_> {
        value.as_ref().map(format_timestamp)
    }
}

impl WireKind<Option<JobState>> for kinds::State {
    type Dto<'a> = LStr<'a>;
    fn read(dto: &LStr, _: &mut Texts) -> Option<JobState> {
        dto.text().map(JobState::parse)
    }
    fn write(value: &Option<JobState>) -> Option<impl Serialize + '_> {
        value.as_ref().map(JobState::name)
    }
}

impl WireKind<Option<u32>> for kinds::Count {
    type Dto<'a> = LNum;
    fn read(dto: &LNum, _: &mut Texts) -> Option<u32> {
        dto.u32()
    }
    fn write(value: &Option<u32>) -> Option<impl Serialize + '_> {
        *value
    }
}

impl WireKind<Option<u64>> for kinds::Count {
    type Dto<'a> = LNum;
    fn read(dto: &LNum, _: &mut Texts) -> Option<u64> {
        dto.u64()
    }
    fn write(value: &Option<u64>) -> Option<impl Serialize + '_> {
        *value
    }
}

impl WireKind<Option<bool>> for kinds::Interactive {
    type Dto<'a> = Notes;
    fn read(dto: &Notes, _: &mut Texts) -> Option<bool> {
        dto.interactive
    }
    fn write(value: &Option<bool>) -> Option<impl Serialize + '_> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct NotesOut {
            is_interactive: bool,
        }
        value.map(|b| NotesOut { is_interactive: b })
    }
}

impl WireKind<Vec<SharedText>> for kinds::SourceUrls {
    type Dto<'a> = FileInputs;
    fn read(dto: &FileInputs, texts: &mut Texts) -> Vec<SharedText> {
        dto.0.iter().map(|url| texts.get(url)).collect()
    }
    fn write(value: &Vec<SharedText>) -> Option<impl Serialize + '_> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct FileInputOut<'a> {
            source_url: &'a str,
        }
        (!value.is_empty()).then(|| {
            value
                .iter()
                .map(|u| FileInputOut { source_url: u })
                .collect::<Vec<_>>()
        })
    }
}

/// Declares [`ItemDto`] from its list of fields and wire names, and
/// [`ItemDto::read_field`], which reads one field's value straight into an item.
/// (serde's derived reader keeps a slot per field, a default item and the
/// result, and moves all three: at opt-level "z", most of the cost of an item.)
macro_rules! item_dto {
    // The object's own fields with the job object's (`job_fields.rs`) between them,
    // each read as its kind's wire type.
    ([[$($before:tt)*] [$($after:tt)*]]
     $( $(#[$doc:meta])* $field:ident: $ty:ty = $name:literal as $kind:ident, )*) => {
        item_dto! {
            $($before)*
            $( $(#[$doc])* $field: <kinds::$kind as WireKind<$ty>>::Dto<'a> = $name, )*
            $($after)*
        }
    };
    ($( $(#[$doc:meta])* $field:ident: $ty:ty = $name:literal, )*) => {
        /// Any object met in a Tapis payload: a history event, a job object, a list
        /// or search item, a response envelope, a bundle or bundle entry, a
        /// notification, an export document. `import::records` decides which by the
        /// fields present.
        /// Every field is optional (default when absent); unknown fields are skipped.
        #[derive(Debug, Default)]
        pub(crate) struct ItemDto<'a> {
            $( $(#[$doc])* pub $field: $ty, )*
        }

        /// Each field's bit in `read_field`'s `seen`.
        #[allow(non_upper_case_globals, dead_code)]
        pub(crate) mod field_bit {
            item_dto!(@bits 0u64; $($field)*);

            /// The bit of the field named `key` on the wire (0 for none).
            pub fn of(key: &str) -> u64 {
                match key {
                    $( $name => $field, )*
                    _ => 0,
                }
            }
        }

        impl<'a> ItemDto<'a> {
            /// Reads the value of field `key` into the item; `false` when `key`
            /// names no field (the caller skips its value). `seen` has a bit per
            /// field: a field given twice is an error, as serde's derive has it.
            pub fn read_field<'de: 'a, A: MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
                seen: &mut u64,
            ) -> Result<bool, A::Error> {
                match key {
                    $( $name => {
                        first_time(seen, field_bit::$field, $name)?;
                        self.$field = map.next_value()?;
                    } )*
                    _ => return Ok(false),
                }
                Ok(true)
            }

            /// Whether `key` names one of the item's fields.
            pub fn knows(key: &str) -> bool {
                matches!(key, $( $name )|*)
            }
        }
    };
    (@bits $i:expr; ) => {};
    (@bits $i:expr; $first:ident $($rest:ident)*) => {
        pub const $first: u64 = $i;
        item_dto!(@bits $i + 1; $($rest)*);
    };
}

crate::job_fields::job_info_fields!(item_dto! {[
    // History event (`JobHistoryDisplayDTO`); its `created` is the job's field.
    event: EventField<'a> = "event",
    event_detail: LStr<'a> = "eventDetail",
    /// The 2021 name of `eventDetail`; also the status in a job-error description.
    job_status: LStr<'a> = "jobStatus",
    /// A JSON object in a string (new schema) or plain text (old); for a job
    /// object, the job's description.
    description: LStr<'a> = "description",
    /// Boxed: most events have none, and every item is moved several times.
    transfer_summary: MapOr<Box<TransferDto<'a>>> = "transferSummary",
    transfer_task_uuid: LStr<'a> = "transferTaskUuid",

    // Job object / list and search items: the job's fields follow (`job_fields.rs`).
    uuid: LStr<'a> = "uuid",
] [
    // Response envelope.
    result: Items<'a> = "result",
    metadata: MapOr<MetadataDto> = "metadata",
    /// Envelope message (`JOBS_HISTORY_RETRIEVED Job <uuid> …`); a bundle event's message.
    message: LStr<'a> = "message",

    // Bundle and bundle entry.
    format: LStr<'a> = "format",
    version: LNum = "version",
    jobs: Items<'a> = "jobs",
    job: Items<'a> = "job",
    history: Items<'a> = "history",
    label: LStr<'a> = "label",
    /// When the bundle (or one entry of it) was captured.
    captured_at: LStr<'a> = "capturedAt",

    // Export document (a report, the bundle it was computed from, the user's ticks).
    bundle: Items<'a> = "bundle",
    checklist_ticks: crate::model::Ticks = "checklistTicks",
    /// An export's report: only its `whatIf` (the user's settings) is read back.
    report: MapOr<ReportHead> = "report",
]});

/// What an export's report gives back: the what-if settings it was computed
/// with, as JSON (read into [`crate::model::WhatIf`] by the builder, which
/// says so when they cannot be; the rest of the report is skipped).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ReportHead {
    #[serde(default)]
    pub what_if: Option<serde_json::Value>,
}

impl<'de: 'a, 'a> Read<'de> for Of<ItemDto<'a>> {
    type Value = ItemDto<'a>;
    const EXPECTING: &'static str = "struct ItemDto";

    fn absent(self) -> ItemDto<'a> {
        ItemDto::default()
    }
    fn map<A: MapAccess<'de>>(self, map: A) -> Result<ItemDto<'a>, A::Error> {
        item_dto(map).map(|item| *item)
    }
}

/// An object, as serde's derive would read it (anything else is an error): only
/// the tests read one alone; in the import an `ItemDto` is always inside an
/// [`Items`] or a [`MapOr`].
impl<'de: 'a, 'a> Deserialize<'de> for ItemDto<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(Lenient(Of::<Self>::new()))
    }
}

/// Any JSON object as an [`ItemDto`], everywhere in the import: one path, so one
/// copy of this code in the wasm.
pub(crate) fn item_dto<'de: 'a, 'a, A: MapAccess<'de>>(
    map: A,
) -> Result<Box<ItemDto<'a>>, A::Error> {
    read_item(map, &mut NoSink)
}

/// Where one field's value can go while an object is read, instead of into its
/// item: a bundle's `jobs` (`import::stream` hands the entries to the builder one
/// by one), an entry's `history` and a response's `result` (`import::entry` reads
/// their elements straight into events).
pub(crate) trait FieldSink<'de> {
    /// The wire name of field `key` when the sink takes its value in an object
    /// read so far as `item`.
    fn takes(&self, key: &str, item: &ItemDto) -> Option<&'static str>;
    /// Reads the value of `field` (one [`FieldSink::takes`] named): the next value of `map`.
    fn read<A: MapAccess<'de>>(&mut self, field: &'static str, map: &mut A)
        -> Result<(), A::Error>;
}

/// Every field read into the item.
pub(crate) struct NoSink;

impl<'de> FieldSink<'de> for NoSink {
    fn takes(&self, _: &str, _: &ItemDto) -> Option<&'static str> {
        None
    }

    fn read<A: MapAccess<'de>>(&mut self, _: &'static str, map: &mut A) -> Result<(), A::Error> {
        map.next_value::<IgnoredAny>().map(drop)
    }
}

/// Reads an object's fields into an [`ItemDto`]; the field the `sink` takes goes
/// there instead.
pub(crate) fn read_item<'de: 'a, 'a, A: MapAccess<'de>, S: FieldSink<'de>>(
    map: A,
    sink: &mut S,
) -> Result<Box<ItemDto<'a>>, A::Error> {
    read_rest(map, new_item(), 0, sink)
}

/// Marks field `bit` (its `field_bit`) as read in `seen`; a field given twice is an
/// error, as serde's derive has it. The one check of every reader of an item's fields.
#[inline]
pub(crate) fn first_time<E: de::Error>(
    seen: &mut u64,
    bit: u64,
    name: &'static str,
) -> Result<(), E> {
    let bit = 1u64 << bit;
    if *seen & bit != 0 {
        return Err(E::duplicate_field(name));
    }
    *seen |= bit;
    Ok(())
}

/// [`read_item`] for an object whose fields in `seen` (a bit each, as
/// [`ItemDto::read_field`] keeps them) have been read into `item` already.
pub(crate) fn read_rest<'de: 'a, 'a, A: MapAccess<'de>, S: FieldSink<'de>>(
    mut map: A,
    mut item: Box<ItemDto<'a>>,
    mut seen: u64,
    sink: &mut S,
) -> Result<Box<ItemDto<'a>>, A::Error> {
    while let Some(key) = map.next_key::<Key<'de>>()? {
        let key = &*key.0;
        if let Some(field) = sink.takes(key, &item) {
            first_time(&mut seen, field_bit::of(field), field)?;
            sink.read(field, &mut map)?;
            continue;
        }
        if !item.read_field(key, &mut map, &mut seen)? {
            map.next_value::<IgnoredAny>()?;
        }
    }
    Ok(item)
}

/// An empty item on the heap, made out of line so its frame is gone before the
/// item's fields are read (they may hold nested items).
#[inline(never)]
pub(crate) fn new_item<'a>() -> Box<ItemDto<'a>> {
    Box::default()
}

/// A field name, borrowed from the input unless it holds escapes.
pub(crate) struct Key<'de>(pub Cow<'de, str>);

impl<'de> Read<'de> for Of<Key<'de>> {
    type Value = Key<'de>;
    const EXPECTING: &'static str = "a field name";

    /// JSON keys are strings; anything else would name no field.
    fn absent(self) -> Key<'de> {
        Key(Cow::Borrowed(""))
    }
    fn borrowed_str(self, v: &'de str) -> Key<'de> {
        Key(Cow::Borrowed(v))
    }
    fn str(self, v: &str) -> Key<'de> {
        Key(Cow::Owned(v.to_string()))
    }
    fn string(self, v: String) -> Key<'de> {
        Key(Cow::Owned(v))
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_identifier(Lenient(Of::<Self>::new()))
    }
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct TransferDto<'a> {
    #[serde(borrow)]
    pub uuid: LStr<'a>,
    #[serde(borrow)]
    pub status: LStr<'a>,
    pub estimated_total_bytes: LNum,
    pub total_bytes_transferred: LNum,
    pub complete_transfers: LNum,
    pub total_transfers: LNum,
    #[serde(borrow)]
    pub created: LStr<'a>,
    #[serde(borrow)]
    pub start_time: LStr<'a>,
    #[serde(borrow)]
    pub end_time: LStr<'a>,
    #[serde(borrow)]
    pub error_message: LStr<'a>,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct MetadataDto {
    pub record_count: LNum,
    pub record_limit: LNum,
}

/// A notification's `event` (API.md: webhook / email notifications of
/// `jobs.JOB_NEW_STATUS.<STATE>`).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(crate) struct NotificationDto<'a> {
    #[serde(borrow, rename = "type")]
    pub kind: LStr<'a>,
    #[serde(borrow)]
    pub subject: LStr<'a>,
    /// The status event's description JSON, as a string.
    #[serde(borrow)]
    pub data: LStr<'a>,
    #[serde(borrow)]
    pub timestamp: LStr<'a>,
}

/// The JSON object inside a history event's `description` string.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct DescriptionDto<'a> {
    #[serde(borrow)]
    pub new_job_status: LStr<'a>,
    #[serde(borrow)]
    pub job_uuid: LStr<'a>,
    #[serde(borrow)]
    pub job_name: LStr<'a>,
    #[serde(borrow)]
    pub message: LStr<'a>,
    #[serde(borrow)]
    pub condition: LStr<'a>,
}

/// `fileInputs`: an array, or (before 2026) the same array as a JSON string.
/// Only the source URLs matter to the analysis.
#[derive(Debug, Default, Clone)]
pub(crate) struct FileInputs(pub Vec<String>);

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct FileInputDto<'a> {
    #[serde(borrow)]
    source_url: LStr<'a>,
}

impl<'de> Read<'de> for Of<FileInputs> {
    type Value = FileInputs;
    const EXPECTING: &'static str = "file inputs";

    fn absent(self) -> FileInputs {
        FileInputs::default()
    }
    fn seq<A: SeqAccess<'de>>(self, seq: A) -> Result<FileInputs, A::Error> {
        let all: Vec<MapOr<FileInputDto>> =
            Deserialize::deserialize(SeqAccessDeserializer::new(seq))?;
        Ok(urls(all))
    }
    fn str(self, v: &str) -> FileInputs {
        serde_json::from_str::<Vec<MapOr<FileInputDto>>>(v)
            .map(urls)
            .unwrap_or_default()
    }
}

fn urls(all: Vec<MapOr<FileInputDto>>) -> FileInputs {
    FileInputs(
        all.into_iter()
            .filter_map(|m| m.0.and_then(|f| f.source_url.owned()))
            .collect(),
    )
}

/// `notes`: an object (2026) or a JSON string (before); only `isInteractive` matters.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Notes {
    pub interactive: Option<bool>,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct NotesDto {
    is_interactive: LBool,
}

impl<'de> Read<'de> for Of<Notes> {
    type Value = Notes;
    const EXPECTING: &'static str = "notes";

    fn absent(self) -> Notes {
        Notes::default()
    }
    fn map<A: MapAccess<'de>>(self, map: A) -> Result<Notes, A::Error> {
        let n = NotesDto::deserialize(MapAccessDeserializer::new(map))?;
        Ok(Notes {
            interactive: n.is_interactive.0,
        })
    }
    fn str(self, v: &str) -> Notes {
        Notes {
            interactive: serde_json::from_str::<MapOr<NotesDto>>(v)
                .ok()
                .and_then(|m| m.0)
                .and_then(|n| n.is_interactive.0),
        }
    }
}
