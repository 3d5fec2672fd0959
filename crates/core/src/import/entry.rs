//! Lists of history events read straight into events: a bundle entry's
//! `history` and a history response's `result`. Each event's fields are read
//! into a small [`EventDto`] on the stack and made the [`crate::model::Event`]
//! the record keeps at once, instead of into a boxed [`ItemDto`] per event (the
//! size of every shape's fields together, the job object's included),
//! allocated, zeroed, classified and dropped again. An element that is more
//! than a history event (it has a field no event has, or no `event` name) is
//! read on as the full item and classified by the builder as any other, so the
//! records are the same as the general path's
//! (`tests::a_bundle_reads_the_same_straight_into_events`,
//! `tests::history_responses_read_the_same_straight_into_events`).
//!
//! The elements wait in a buffer the builder empties once the object's other
//! fields (an entry's UUID, label and name, a response's `message` and
//! `status`, which may come after the list) are known.

use std::borrow::Cow;

use serde::de::{Deserialize, IgnoredAny, MapAccess, SeqAccess};

use super::dto::{
    field_bit, first_time, item_dto, new_item, read_item, read_rest, EventField, FieldSink,
    ItemDto, Key, LStr, MapOr, NoSink, TransferDto,
};
use super::history::{read_event, EventFields, ReadEvent};
use super::lenient::{Lenient, Of, Read};

/// What reading lists of events reuses from one list to the next: the slots
/// the builder empties, and the text of the last escaped `description`.
#[derive(Default)]
pub(crate) struct Buffers<'de> {
    pub slots: Vec<Slot<'de>>,
    text: String,
}

/// One element of a list of events, as read.
pub(crate) enum Slot<'a> {
    Event(ReadEvent<'static>),
    /// An event that names the job the last event naming one named (a
    /// response's events all do): its UUID, left out, is that one's, so it is
    /// not copied for every event.
    SameJob(ReadEvent<'static>),
    /// A history event that cannot be used, and why.
    Failed(String),
    /// Any other object, for the builder to classify.
    Item(Box<ItemDto<'a>>),
    NotObject,
}

/// What a list field (`history`, `result`) was, as [`super::dto::Items`] says
/// it; an array's elements are in the reader's slots.
pub(crate) enum Elements<'a> {
    Absent,
    Null,
    /// A string, number or boolean.
    Scalar,
    One(Box<ItemDto<'a>>),
    /// An array: its elements are in the slots.
    Many,
}

/// A bundle entry: its item without `history` and what `history` was (`None`:
/// the entry is not an object). The history's elements go to the slots.
pub(crate) struct Entry<'s, 'de> {
    pub buffers: &'s mut Buffers<'de>,
}

impl<'de> Read<'de> for Entry<'_, 'de> {
    type Value = Option<(Box<ItemDto<'de>>, Elements<'de>)>;
    const EXPECTING: &'static str = "a bundle entry";

    fn absent(self) -> Self::Value {
        None
    }

    fn map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let mut sink = ListSink {
            field: "history",
            buffers: self.buffers,
            read: Elements::Absent,
        };
        let item = read_item(map, &mut sink)?;
        Ok(Some((item, sink.read)))
    }
}

/// Takes one list field of an object (its wire name `field`) into the slots;
/// `read` says what it was.
pub(crate) struct ListSink<'s, 'de> {
    pub field: &'static str,
    pub buffers: &'s mut Buffers<'de>,
    pub read: Elements<'de>,
}

impl<'de> FieldSink<'de> for ListSink<'_, 'de> {
    fn takes(&self, key: &str, _: &ItemDto) -> Option<&'static str> {
        (key == self.field).then_some(self.field)
    }

    fn read<A: MapAccess<'de>>(&mut self, _: &'static str, map: &mut A) -> Result<(), A::Error> {
        self.buffers.slots.clear();
        self.read = map.next_value_seed(Lenient(Events {
            buffers: &mut *self.buffers,
        }))?;
        Ok(())
    }
}

/// A list of events: an array's elements go to the slots; anything else is
/// read as [`super::dto::Items`] reads it (an object as an item, so its errors
/// are the same).
struct Events<'s, 'de> {
    buffers: &'s mut Buffers<'de>,
}

impl<'de> Read<'de> for Events<'_, 'de> {
    type Value = Elements<'de>;
    const EXPECTING: &'static str = "an array of history events";

    fn absent(self) -> Elements<'de> {
        Elements::Scalar
    }
    fn null(self) -> Elements<'de> {
        Elements::Null
    }
    fn map<A: MapAccess<'de>>(self, map: A) -> Result<Elements<'de>, A::Error> {
        item_dto(map).map(Elements::One)
    }
    fn seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Elements<'de>, A::Error> {
        // The slot of the last event that named its job.
        let Buffers { slots, text } = self.buffers;
        let mut named: Option<usize> = None;
        loop {
            let last_uuid = named.and_then(|i| match &slots[i] {
                Slot::Event(read) => read.uuid.as_deref(),
                _ => None,
            });
            let reader = EventReader {
                last_uuid,
                text: &mut *text,
            };
            let Some(slot) = seq.next_element_seed(Lenient(reader))? else {
                break;
            };
            if matches!(&slot, Slot::Event(read) if read.uuid.is_some()) {
                named = Some(slots.len());
            }
            slots.push(slot);
        }
        Ok(Elements::Many)
    }
}

/// One element of a list of events; `last_uuid`: the job the last event that
/// named one named; `text`: where an escaped `description` is copied.
struct EventReader<'u, 't> {
    last_uuid: Option<&'u str>,
    text: &'t mut String,
}

impl<'de> Read<'de> for EventReader<'_, '_> {
    type Value = Slot<'de>;
    const EXPECTING: &'static str = "a history event";

    fn absent(self) -> Slot<'de> {
        Slot::NotObject
    }

    fn map<A: MapAccess<'de>>(self, mut map: A) -> Result<Slot<'de>, A::Error> {
        let mut e = EventDto::default();
        let mut seen = 0;
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let key = &*key.0;
            match key {
                "event" => e.event = once(&mut map, &mut seen, field_bit::event, "event")?,
                "created" => e.created = once(&mut map, &mut seen, field_bit::created, "created")?,
                "eventDetail" => {
                    e.event_detail =
                        once(&mut map, &mut seen, field_bit::event_detail, "eventDetail")?
                }
                "jobStatus" => {
                    e.job_status = once(&mut map, &mut seen, field_bit::job_status, "jobStatus")?
                }
                "description" => {
                    first_time(&mut seen, field_bit::description, "description")?;
                    let text = &mut *self.text;
                    e.description = map.next_value_seed(Lenient(DescriptionReader { text }))?;
                }
                "message" => e.message = once(&mut map, &mut seen, field_bit::message, "message")?,
                "transferSummary" => {
                    e.transfer_summary = once(
                        &mut map,
                        &mut seen,
                        field_bit::transfer_summary,
                        "transferSummary",
                    )?
                }
                // Read by no one; only given twice is it an error.
                "transferTaskUuid" => {
                    let bit = field_bit::transfer_task_uuid;
                    once::<IgnoredAny, _>(&mut map, &mut seen, bit, "transferTaskUuid")?;
                }
                _ if ItemDto::knows(key) => {
                    let mut item = e.into_item(self.text);
                    item.read_field(key, &mut map, &mut seen)?;
                    return read_rest(map, item, seen, &mut NoSink).map(Slot::Item);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(e.into_slot(self.text, self.last_uuid))
    }
}

/// The next value of `map` as field `bit` of an item (`field_bit`); given
/// twice it is an error, as in [`ItemDto::read_field`].
fn once<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    map: &mut A,
    seen: &mut u64,
    bit: u64,
    name: &'static str,
) -> Result<T, A::Error> {
    first_time(seen, bit, name)?;
    map.next_value()
}

/// The fields of a history event, as [`ItemDto`] has them.
#[derive(Default)]
struct EventDto<'a> {
    event: EventField<'a>,
    created: LStr<'a>,
    event_detail: LStr<'a>,
    job_status: LStr<'a>,
    description: DescriptionField<'a>,
    message: LStr<'a>,
    /// Not boxed, unlike the item's: it lives on the stack until the event is made.
    transfer_summary: MapOr<TransferDto<'a>>,
}

impl<'a> EventDto<'a> {
    /// A named event becomes its event now; anything else goes to the builder.
    /// `text` and `last_uuid`: as [`EventReader`]'s.
    fn into_slot(self, text: &str, last_uuid: Option<&str>) -> Slot<'a> {
        let EventField::Name(name) = &self.event else {
            return Slot::Item(self.into_item(text));
        };
        let in_text;
        let description = match &self.description {
            DescriptionField::Read(d) => d,
            DescriptionField::InText => {
                in_text = LStr(Some(Cow::Borrowed(text)));
                &in_text
            }
        };
        let fields = EventFields {
            created: &self.created,
            event_detail: &self.event_detail,
            job_status: &self.job_status,
            description,
            message: &self.message,
            transfer_summary: self.transfer_summary.0.as_ref(),
        };
        match read_event(fields, name) {
            Ok(mut read) if read.uuid.is_some() && read.uuid.as_deref() == last_uuid => {
                read.uuid = None;
                Slot::SameJob(read.detached())
            }
            Ok(read) => Slot::Event(read.detached()),
            Err(why) => Slot::Failed(why),
        }
    }

    fn into_item(self, text: &str) -> Box<ItemDto<'a>> {
        let mut item = new_item();
        item.event = self.event;
        item.created = self.created;
        item.event_detail = self.event_detail;
        item.job_status = self.job_status;
        item.description = match self.description {
            DescriptionField::Read(d) => d,
            DescriptionField::InText => LStr(Some(Cow::Owned(text.to_string()))),
        };
        item.message = self.message;
        item.transfer_summary = MapOr(self.transfer_summary.0.map(Box::new));
        item
    }
}

/// A history event's `description` as read: today's is JSON in a string, so
/// escaped, and its text is copied into the reader's `text`, reused from event
/// to event, instead of into a String of its own per event.
enum DescriptionField<'a> {
    Read(LStr<'a>),
    InText,
}

impl Default for DescriptionField<'_> {
    fn default() -> Self {
        DescriptionField::Read(LStr(None))
    }
}

/// Reads `description` as [`LStr`] does, an escaped string into `text`.
struct DescriptionReader<'t> {
    text: &'t mut String,
}

impl<'de> Read<'de> for DescriptionReader<'_> {
    type Value = DescriptionField<'de>;
    const EXPECTING: &'static str = "a string";

    fn absent(self) -> DescriptionField<'de> {
        DescriptionField::Read(Of::<LStr>::new().absent())
    }
    fn borrowed_str(self, v: &'de str) -> DescriptionField<'de> {
        DescriptionField::Read(Of::<LStr>::new().borrowed_str(v))
    }
    fn str(self, v: &str) -> DescriptionField<'de> {
        self.text.clear();
        self.text.push_str(v);
        DescriptionField::InText
    }
    fn string(self, v: String) -> DescriptionField<'de> {
        DescriptionField::Read(Of::<LStr>::new().string(v))
    }
    fn u64(self, v: u64) -> DescriptionField<'de> {
        DescriptionField::Read(Of::<LStr>::new().u64(v))
    }
    fn i64(self, v: i64) -> DescriptionField<'de> {
        DescriptionField::Read(Of::<LStr>::new().i64(v))
    }
    fn f64(self, v: f64) -> DescriptionField<'de> {
        DescriptionField::Read(Of::<LStr>::new().f64(v))
    }
    fn bool(self, v: bool) -> DescriptionField<'de> {
        DescriptionField::Read(Of::<LStr>::new().bool(v))
    }
}
