//! Wire types: Tapis payloads as serde sees them. Every field is lenient — a
//! wrong type becomes "absent" instead of an error — so one odd field never
//! costs a whole input, and a document is read in a single typed pass (no
//! `serde_json::Value` tree on the hot path). Strings are borrowed from the
//! input when they hold no escapes.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// A string field; numbers and booleans are kept as their text, anything else is absent.
#[derive(Debug, Default, Clone)]
pub(crate) struct LStr<'a>(pub Option<Cow<'a, str>>);

impl<'a> LStr<'a> {
    pub fn get(&self) -> Option<&str> {
        self.0.as_deref()
    }

    /// The text, trimmed, when it is not empty.
    pub fn text(&self) -> Option<&str> {
        self.get().map(str::trim).filter(|s| !s.is_empty())
    }

    pub fn owned(&self) -> Option<String> {
        self.text().map(str::to_string)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for LStr<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = LStr<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(LStr(Some(Cow::Borrowed(v))))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(LStr(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(LStr(Some(Cow::Owned(v))))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
                Ok(LStr(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
                Ok(LStr(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
                Ok(LStr(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
                Ok(LStr(Some(Cow::Borrowed(if v { "true" } else { "false" }))))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(LStr(None))
            }
            fn visit_none<E>(self) -> Result<Self::Value, E> {
                Ok(LStr(None))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(LStr(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(LStr(None))
            }
        }
        d.deserialize_any(V(PhantomData))
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

impl<'de> Deserialize<'de> for LNum {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = LNum;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_u64<E>(self, v: u64) -> Result<LNum, E> {
                Ok(LNum(Some(v as f64)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<LNum, E> {
                Ok(LNum(Some(v as f64)))
            }
            fn visit_f64<E>(self, v: f64) -> Result<LNum, E> {
                Ok(LNum(Some(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<LNum, E> {
                Ok(LNum(v.trim().parse::<f64>().ok().filter(|v| v.is_finite())))
            }
            fn visit_bool<E>(self, _: bool) -> Result<LNum, E> {
                Ok(LNum(None))
            }
            fn visit_unit<E>(self) -> Result<LNum, E> {
                Ok(LNum(None))
            }
            fn visit_none<E>(self) -> Result<LNum, E> {
                Ok(LNum(None))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<LNum, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<LNum, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(LNum(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LNum, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(LNum(None))
            }
        }
        d.deserialize_any(V)
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

impl<'de, T: Deserialize<'de>> Deserialize<'de> for MapOr<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = MapOr<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(|t| MapOr(Some(t)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(MapOr(None))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_borrowed_str<E>(self, _: &'de str) -> Result<Self::Value, E> {
                Ok(MapOr(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
                Ok(MapOr(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(MapOr(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(MapOr(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(MapOr(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(MapOr(None))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(MapOr(None))
            }
            fn visit_none<E>(self) -> Result<Self::Value, E> {
                Ok(MapOr(None))
            }
        }
        d.deserialize_any(V(PhantomData))
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
    Many(Vec<Option<ItemDto<'a>>>),
    /// A string, number or boolean where objects were expected.
    Scalar,
    /// Already handed to the builder while it was read (`import::stream`); the
    /// builder's problems from it start at this index.
    Streamed(usize),
}

impl<'de: 'a, 'a> Deserialize<'de> for Items<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Items<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object or an array")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                item_dto(map).map(|i| Items::One(i.into()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut all = Vec::new();
                while let Some(item) = seq.next_element::<MapOr<ItemDto<'a>>>()? {
                    all.push(item.0);
                }
                Ok(Items::Many(all))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(Items::Null)
            }
            fn visit_none<E>(self) -> Result<Self::Value, E> {
                Ok(Items::Null)
            }
            fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
                Ok(Items::Scalar)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(Items::Scalar)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(Items::Scalar)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(Items::Scalar)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Items::Scalar)
            }
        }
        d.deserialize_any(V(PhantomData))
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

impl<'de: 'a, 'a> Deserialize<'de> for EventField<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = EventField<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an event name or object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                NotificationDto::deserialize(MapAccessDeserializer::new(map))
                    .map(|n| EventField::Notification(n.into()))
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(EventField::Name(LStr(Some(Cow::Borrowed(v)))))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(EventField::Name(LStr(Some(Cow::Owned(v.to_string())))))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(EventField::Absent)
            }
            fn visit_none<E>(self) -> Result<Self::Value, E> {
                Ok(EventField::Absent)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(EventField::Absent)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(EventField::Absent)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(EventField::Absent)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(EventField::Absent)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(EventField::Absent)
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// Declares [`ItemDto`] from its list of fields and wire names, and
/// [`ItemDto::read_field`], which reads one field's value straight into an item.
/// (serde's derived reader keeps a slot per field, a default item and the
/// result, and moves all three: at opt-level "z", most of the cost of an item.)
macro_rules! item_dto {
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
                        let bit = 1u64 << field_bit::$field;
                        if *seen & bit != 0 {
                            return Err(de::Error::duplicate_field($name));
                        }
                        *seen |= bit;
                        self.$field = map.next_value()?;
                    } )*
                    _ => return Ok(false),
                }
                Ok(true)
            }
        }
    };
    (@bits $i:expr; ) => {};
    (@bits $i:expr; $first:ident $($rest:ident)*) => {
        pub const $first: u64 = $i;
        item_dto!(@bits $i + 1; $($rest)*);
    };
}

item_dto! {
    // History event (`JobHistoryDisplayDTO`).
    event: EventField<'a> = "event",
    created: LStr<'a> = "created",
    event_detail: LStr<'a> = "eventDetail",
    /// The 2021 name of `eventDetail`; also the status in a job-error description.
    job_status: LStr<'a> = "jobStatus",
    /// A JSON object in a string (new schema) or plain text (old); for a job
    /// object, the job's description.
    description: LStr<'a> = "description",
    /// Boxed: most events have none, and every item is moved several times.
    transfer_summary: MapOr<Box<TransferDto<'a>>> = "transferSummary",
    transfer_task_uuid: LStr<'a> = "transferTaskUuid",

    // Job object / list and search items.
    uuid: LStr<'a> = "uuid",
    name: LStr<'a> = "name",
    owner: LStr<'a> = "owner",
    tenant: LStr<'a> = "tenant",
    status: LStr<'a> = "status",
    condition: LStr<'a> = "condition",
    app_id: LStr<'a> = "appId",
    app_version: LStr<'a> = "appVersion",
    job_type: LStr<'a> = "jobType",
    last_message: LStr<'a> = "lastMessage",
    last_updated: LStr<'a> = "lastUpdated",
    ended: LStr<'a> = "ended",
    remote_submitted: LStr<'a> = "remoteSubmitted",
    remote_started: LStr<'a> = "remoteStarted",
    remote_ended: LStr<'a> = "remoteEnded",
    exec_system_id: LStr<'a> = "execSystemId",
    exec_system_logical_queue: LStr<'a> = "execSystemLogicalQueue",
    archive_system_id: LStr<'a> = "archiveSystemId",
    node_count: LNum = "nodeCount",
    cores_per_node: LNum = "coresPerNode",
    memory_mb: LNum = "memoryMB",
    max_minutes: LNum = "maxMinutes",
    blocked_count: LNum = "blockedCount",
    remote_outcome: LStr<'a> = "remoteOutcome",
    remote_result_info: LStr<'a> = "remoteResultInfo",
    file_inputs: FileInputs = "fileInputs",
    notes: Notes = "notes",

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
}

impl<'de: 'a, 'a> Deserialize<'de> for ItemDto<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = ItemDto<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("struct ItemDto")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                item_dto(map)
            }
        }
        d.deserialize_map(V(PhantomData))
    }
}

/// Any JSON object as an [`ItemDto`], everywhere in the import: one path, so one
/// copy of this code in the wasm.
pub(crate) fn item_dto<'de, A: MapAccess<'de>>(map: A) -> Result<ItemDto<'de>, A::Error> {
    read_item(map, &mut NoSink)
}

/// Where a bundle's `jobs` can go while the bundle is read, instead of into its
/// item (`import::stream` hands the entries to the builder one by one).
pub(crate) trait JobsSink<'de> {
    /// Whether it takes the `jobs` of an object read so far as `item`.
    fn takes_jobs(&self, item: &ItemDto<'de>) -> bool;
    /// Reads the value of `jobs`: the next value of `map`.
    fn read_jobs<A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error>;
}

/// `jobs` read into the item, like any field.
struct NoSink;

impl<'de> JobsSink<'de> for NoSink {
    fn takes_jobs(&self, _: &ItemDto<'de>) -> bool {
        false
    }

    fn read_jobs<A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error> {
        map.next_value::<IgnoredAny>().map(drop)
    }
}

/// Reads an object's fields into an [`ItemDto`]; a `jobs` the `sink` takes goes
/// there instead.
pub(crate) fn read_item<'de, A: MapAccess<'de>, S: JobsSink<'de>>(
    mut map: A,
    sink: &mut S,
) -> Result<ItemDto<'de>, A::Error> {
    let mut item = ItemDto::default();
    let mut seen = 0;
    while let Some(key) = map.next_key::<Key<'de>>()? {
        let key = &*key.0;
        if key == "jobs" && sink.takes_jobs(&item) {
            let bit = 1 << field_bit::jobs;
            if seen & bit != 0 {
                return Err(de::Error::duplicate_field("jobs"));
            }
            seen |= bit;
            sink.read_jobs(&mut map)?;
            continue;
        }
        if !item.read_field(key, &mut map, &mut seen)? {
            map.next_value::<IgnoredAny>()?;
        }
    }
    Ok(item)
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

impl<'de> Deserialize<'de> for FileInputs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FileInputs;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("file inputs")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<FileInputs, A::Error> {
                let all: Vec<MapOr<FileInputDto>> =
                    Deserialize::deserialize(SeqAccessDeserializer::new(seq))?;
                Ok(urls(all))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FileInputs, E> {
                Ok(serde_json::from_str::<Vec<MapOr<FileInputDto>>>(v)
                    .map(urls)
                    .unwrap_or_default())
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<FileInputs, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FileInputs, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(FileInputs::default())
            }
            fn visit_unit<E>(self) -> Result<FileInputs, E> {
                Ok(FileInputs::default())
            }
            fn visit_none<E>(self) -> Result<FileInputs, E> {
                Ok(FileInputs::default())
            }
            fn visit_u64<E>(self, _: u64) -> Result<FileInputs, E> {
                Ok(FileInputs::default())
            }
            fn visit_i64<E>(self, _: i64) -> Result<FileInputs, E> {
                Ok(FileInputs::default())
            }
            fn visit_f64<E>(self, _: f64) -> Result<FileInputs, E> {
                Ok(FileInputs::default())
            }
            fn visit_bool<E>(self, _: bool) -> Result<FileInputs, E> {
                Ok(FileInputs::default())
            }
        }
        d.deserialize_any(V)
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

impl<'de> Deserialize<'de> for Notes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Notes;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("notes")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Notes, A::Error> {
                let n = NotesDto::deserialize(MapAccessDeserializer::new(map))?;
                Ok(Notes {
                    interactive: n.is_interactive.0,
                })
            }
            fn visit_str<E>(self, v: &str) -> Result<Notes, E> {
                Ok(Notes {
                    interactive: serde_json::from_str::<MapOr<NotesDto>>(v)
                        .ok()
                        .and_then(|m| m.0)
                        .and_then(|n| n.is_interactive.0),
                })
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Notes, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Notes, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Notes::default())
            }
            fn visit_unit<E>(self) -> Result<Notes, E> {
                Ok(Notes::default())
            }
            fn visit_none<E>(self) -> Result<Notes, E> {
                Ok(Notes::default())
            }
            fn visit_u64<E>(self, _: u64) -> Result<Notes, E> {
                Ok(Notes::default())
            }
            fn visit_i64<E>(self, _: i64) -> Result<Notes, E> {
                Ok(Notes::default())
            }
            fn visit_f64<E>(self, _: f64) -> Result<Notes, E> {
                Ok(Notes::default())
            }
            fn visit_bool<E>(self, _: bool) -> Result<Notes, E> {
                Ok(Notes::default())
            }
        }
        d.deserialize_any(V)
    }
}
