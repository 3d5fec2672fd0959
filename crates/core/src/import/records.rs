//! Collects what one input says, job by job: the shared back end of every
//! reader (JSON, tapipy text, Python reprs). Items are classified here by the
//! fields they carry, so the readers only have to produce [`ItemDto`]s.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::dto::{EventField, ItemDto, Items};
use super::entry::{Elements, Slot};
use super::history::{read_event, read_notification, EventFields, ReadEvent};
use super::job::{looks_like_job, read_job, uuid_in_message};
use super::locate::Pos;
use super::JobRecord;
use crate::fast_hash::FastMap;
use crate::format::count;
use crate::model::{merge_info, WhatIf};
use crate::model::{Diagnostic, Event, EventKind, Severity, Ticks, KNOWN_EVENT_TYPES};
use crate::texts::Texts;
use crate::time::{parse_timestamp, Timestamp};

/// The format name bundles carry in `"format"` (see `docs/formats.md`).
pub const BUNDLE_FORMAT: &str = "tapis-profile-bundle";
/// The newest bundle version this code reads and writes.
pub const BUNDLE_VERSION: u32 = 1;
/// The format name of the app's full export: a report with its bundle (`docs/formats.md`).
pub const EXPORT_FORMAT: &str = "tapis-profile-export";
/// The newest export version this code reads and writes.
pub const EXPORT_VERSION: u32 = 1;

pub(crate) struct Builder<'t> {
    pub name: &'t str,
    pub jobs: Vec<JobRecord>,
    /// The user's own UUIDs in their own browser: the fast hasher, not SipHash (which
    /// was ~1.5 % of reading 10,000 jobs' history responses natively).
    by_uuid: FastMap<String, usize>,
    /// The job `by_uuid` found last.
    last: Option<usize>,
    /// Bundle entries without UUID, by label.
    by_label: FastMap<String, usize>,
    /// Events and jobs that name no UUID (grouped under the input in `assemble`).
    anonymous: Option<usize>,
    /// For each event of the `anonymous` record, how many events records with a
    /// UUID held when it came: where it stood among them in the input.
    anonymous_at: Vec<usize>,
    /// Events given to records with a UUID so far.
    named_events: usize,
    /// Problems with a position still to be resolved into line:column.
    pub pending: Vec<(Diagnostic, Pos)>,
    pub diagnostics: Vec<Diagnostic>,
    /// An export's checklist ticks (the user's, kept with the data).
    pub checklist_ticks: Ticks,
    /// An export's what-if settings (the user's, kept in its report).
    pub what_if: Option<WhatIf>,
    /// How many JSON values failed to parse (`json`).
    pub invalid_json: usize,
    /// Read as before `import::entry` (the benchmark's A/B baseline, and what
    /// the tests compare against): a streamed bundle's entries whole into items,
    /// histories too, a top-level response's `result` into items, and the
    /// streamed value scanned for a line break at once.
    pub itemwise: bool,
    /// Records of streamed bundle entries without a `capturedAt`: they take the
    /// bundle's once its fields have all been read.
    pub uncaptured: Vec<usize>,
    unknown_states: BTreeMap<String, (usize, Option<String>)>,
    unknown_events: BTreeMap<String, (usize, Option<String>)>,
    /// The texts of the job objects and events read so far, each distinct one shared.
    texts: Texts,
}

/// What an enclosing envelope or bundle entry says about the items inside it.
#[derive(Clone, Copy, Default)]
struct Context<'c> {
    uuid: Option<&'c str>,
    label: Option<&'c str>,
    name: Option<&'c str>,
}

impl<'t> Builder<'t> {
    pub fn new(name: &'t str) -> Builder<'t> {
        Builder {
            name,
            jobs: Vec::new(),
            by_uuid: FastMap::default(),
            last: None,
            by_label: FastMap::default(),
            anonymous: None,
            anonymous_at: Vec::new(),
            named_events: 0,
            pending: Vec::new(),
            diagnostics: Vec::new(),
            checklist_ticks: Ticks::new(),
            what_if: None,
            invalid_json: 0,
            itemwise: false,
            uncaptured: Vec::new(),
            unknown_states: BTreeMap::new(),
            unknown_events: BTreeMap::new(),
            texts: Texts::default(),
        }
    }

    /// Nothing has been read yet (so a failed read can start over from scratch).
    pub fn is_pristine(&self) -> bool {
        self.jobs.is_empty()
            && self.pending.is_empty()
            && self.diagnostics.is_empty()
            && self.unknown_states.is_empty()
            && self.unknown_events.is_empty()
    }

    /// One top-level object.
    pub fn top_item(&mut self, item: &ItemDto, pos: Pos) {
        self.item(item, Context::default(), pos)
    }

    /// One top-level JSON value (or one tapipy / Python item).
    pub fn top(&mut self, items: &Items, pos: Pos) {
        match items {
            Items::One(item) => self.item(item, Context::default(), pos),
            Items::Many(all) => self.many(all, Context::default(), &pos),
            Items::Null | Items::Scalar | Items::Absent | Items::Streamed(_) => self.problem(
                Severity::Warning,
                pos,
                "a value that is neither an object nor an array",
                "skipped",
            ),
        }
    }

    /// The `i`th element of an array, skipped: it is not an object.
    pub fn not_an_object(&mut self, i: usize, at: Pos) {
        let what = format!("item {} is not an object", i + 1);
        self.problem(Severity::Warning, at, what, "skipped");
    }

    /// A bundle entry's `history`, skipped: it is not an array.
    fn history_not_an_array(&mut self, at: Pos) {
        let what = "a bundle entry whose `history` is not an array";
        self.problem(Severity::Warning, at, what, "skipped");
    }

    fn many(&mut self, all: &[Option<Box<ItemDto>>], ctx: Context, pos: &Pos) {
        for (i, item) in all.iter().enumerate() {
            match item {
                Some(item) => self.item(item, ctx, pos.index(i)),
                None => self.not_an_object(i, pos.index(i)),
            }
        }
    }

    fn item(&mut self, item: &ItemDto, ctx: Context, pos: Pos) {
        if !matches!(item.result, Items::Absent) {
            return self.envelope(item, ctx, pos);
        }
        match item.format.text() {
            Some(BUNDLE_FORMAT) => return self.bundle(item, pos),
            Some(EXPORT_FORMAT) => return self.export(item, pos),
            _ => {}
        }
        match &item.event {
            EventField::Name(name) => {
                let read = read_event(EventFields::of(item), name);
                self.event(read, ctx, pos);
            }
            EventField::Notification(n) => {
                let read = read_notification(item, n);
                self.event(read, ctx, pos);
            }
            EventField::Absent if looks_like_job(item) => {
                let uuid = item.uuid.text().or(ctx.uuid);
                let info = read_job(item, &mut self.texts);
                let index = self.job_index(uuid, ctx);
                merge_info(&mut self.jobs[index].info, Arc::new(info));
            }
            EventField::Absent if item.name.text().is_some() && item.uuid.text().is_none() => {
                // A missing or hidden job answers 404 with `result: {"name": "<uuid>"}`.
                let name = item.name.text().unwrap_or_default().to_string();
                self.problem(
                    Severity::Warning,
                    pos,
                    format!("Tapis answered that job {name} was not found (or is hidden)"),
                    "nothing to analyse for it",
                );
            }
            EventField::Absent => self.problem(
                Severity::Warning,
                pos,
                "an object that is neither a history event, a job, a list item nor an envelope",
                "skipped",
            ),
        }
    }

    fn envelope(&mut self, item: &ItemDto, ctx: Context, pos: Pos) {
        let inner = self.envelope_head(item, ctx, &pos);
        let at = pos.key("result");
        match &item.result {
            Items::One(one) => self.item(one, inner, at),
            Items::Many(all) => self.many(all, inner, &at),
            Items::Null if item.status.text() == Some("error") => {}
            _ => self.result_not_a_list(at),
        }
    }

    /// [`Builder::envelope`] for a top-level response whose `result` was read
    /// straight into events (`import::entry`): `result` says what it was,
    /// `slots` holds its elements and is left empty.
    pub fn read_envelope(
        &mut self,
        item: &ItemDto,
        result: Elements,
        slots: &mut Vec<Slot>,
        pos: Pos,
    ) {
        let inner = self.envelope_head(item, Context::default(), &pos);
        let at = pos.key("result");
        match result {
            Elements::One(one) => self.item(&one, inner, at),
            Elements::Many => self.slots(slots, inner, &at),
            Elements::Null if item.status.text() == Some("error") => {}
            _ => self.result_not_a_list(at),
        }
    }

    /// What a response says besides its `result`: an error, and its job's UUID
    /// (in its `message`). Returns the context for its `result`.
    fn envelope_head<'c>(&mut self, item: &'c ItemDto, ctx: Context<'c>, pos: &Pos) -> Context<'c> {
        if item.status.text() == Some("error") {
            let why = item.message.text().unwrap_or("no message");
            self.problem(
                Severity::Warning,
                *pos,
                format!("Tapis answered with an error: {why}"),
                "nothing read from this response",
            );
        }
        let uuid = item.message.text().and_then(uuid_in_message).or(ctx.uuid);
        Context { uuid, ..ctx }
    }

    fn result_not_a_list(&mut self, at: Pos) {
        self.problem(
            Severity::Warning,
            at,
            "a response whose `result` is neither an object nor an array",
            "skipped",
        );
    }

    fn bundle(&mut self, item: &ItemDto, pos: Pos) {
        // The bundle's own problems go before its entries', also when those were
        // streamed (`import::stream`) before the bundle's other fields were read.
        let streamed = match item.jobs {
            Items::Streamed(mark) => Some(mark.min(self.pending.len())),
            _ => None,
        };
        let before = self.pending.len();
        self.check_version("bundle", item, BUNDLE_VERSION, pos);
        let captured = self.captured_at(item, None, &pos);
        if let Some(mark) = streamed {
            let own: Vec<_> = self.pending.drain(before..).collect();
            self.pending.splice(mark..mark, own);
        }
        match &item.jobs {
            Items::Many(entries) => {
                for (i, entry) in entries.iter().enumerate() {
                    self.entry(entry.as_deref(), pos.key("jobs").index(i), captured);
                }
            }
            Items::Streamed(_) => {
                // Streamed entries without a `capturedAt` of their own take the bundle's now.
                for index in std::mem::take(&mut self.uncaptured) {
                    let record = &mut self.jobs[index];
                    record.captured = record.captured.max(captured);
                }
            }
            _ => self.problem(
                Severity::Warning,
                pos.key("jobs"),
                "a bundle without a `jobs` array",
                "skipped",
            ),
        }
    }

    /// One entry of a bundle's `jobs` (`None`: not an object). `captured`: the
    /// bundle's `capturedAt`, for an entry without its own. Returns the entry's
    /// record when it has none of its own (while entries are streamed, the
    /// bundle's is not known yet: `import::stream` keeps them in `uncaptured`).
    pub fn entry(
        &mut self,
        entry: Option<&ItemDto>,
        at: Pos,
        captured: Option<Timestamp>,
    ) -> Option<usize> {
        let Some(entry) = entry else {
            self.problem(
                Severity::Warning,
                at,
                "a bundle entry that is not an object",
                "skipped",
            );
            return None;
        };
        let (ctx, index, own) = self.entry_head(entry, &at, captured);
        match &entry.history {
            Items::Many(events) => self.many(events, ctx, &at.key("history")),
            Items::Absent | Items::Null => {}
            _ => self.history_not_an_array(at.key("history")),
        }
        own.is_none().then_some(index)
    }

    /// [`Builder::entry`] for an entry whose history was read straight into
    /// events (`import::entry`): `history` says what it was, `slots` holds its
    /// elements and is left empty.
    pub fn read_entry(
        &mut self,
        entry: &ItemDto,
        history: Elements,
        slots: &mut Vec<Slot>,
        at: Pos,
    ) -> Option<usize> {
        let (ctx, index, own) = self.entry_head(entry, &at, None);
        let at = at.key("history");
        match history {
            Elements::Many => {
                Arc::make_mut(&mut self.jobs[index].events).reserve(slots.len());
                self.slots(slots, ctx, &at);
            }
            Elements::Absent | Elements::Null => {}
            Elements::Scalar | Elements::One(_) => self.history_not_an_array(at),
        }
        own.is_none().then_some(index)
    }

    /// The elements of a list read straight into events (`import::entry`), as
    /// [`Builder::many`] takes the items of one; `slots` is left empty.
    fn slots(&mut self, slots: &mut Vec<Slot>, ctx: Context, at: &Pos) {
        // The UUID of the last event that named its job (`Slot::SameJob`).
        let mut last_uuid = None;
        // The list's first event's job has room made for the rest of the list at
        // once (a response's events are all one job's), not grown event by event.
        let mut reserved = false;
        let n = slots.len();
        for (i, slot) in slots.drain(..).enumerate() {
            let given = match slot {
                Slot::Event(mut read) => {
                    let named = read.uuid.is_some();
                    if named {
                        last_uuid = read.uuid.take();
                    }
                    let uuid = last_uuid.as_deref().filter(|_| named);
                    self.event(Ok(read.naming(uuid)), ctx, at.index(i))
                }
                Slot::SameJob(read) => {
                    self.event(Ok(read.naming(last_uuid.as_deref())), ctx, at.index(i))
                }
                Slot::Failed(why) => self.event(Err(why), ctx, at.index(i)),
                Slot::Item(item) => {
                    self.item(&item, ctx, at.index(i));
                    None
                }
                Slot::NotObject => {
                    self.not_an_object(i, at.index(i));
                    None
                }
            };
            if let (Some(job), false) = (given, reserved) {
                Arc::make_mut(&mut self.jobs[job].events).reserve(n - i - 1);
                reserved = true;
            }
        }
    }

    /// What a bundle entry says besides its history: its job's record (made
    /// if new), its capture time and its job object. Returns the entry's
    /// context for its events, the record, and the entry's own `capturedAt`.
    fn entry_head<'e>(
        &mut self,
        entry: &'e ItemDto,
        at: &Pos,
        captured: Option<Timestamp>,
    ) -> (Context<'e>, usize, Option<Timestamp>) {
        let ctx = Context {
            uuid: entry.uuid.text(),
            label: entry.label.text(),
            name: entry.name.text(),
        };
        let index = self.job_index(ctx.uuid, ctx);
        let own = self.captured_at(entry, None, at);
        let record = &mut self.jobs[index];
        record.captured = record.captured.max(own.or(captured));
        if let Items::One(job) = &entry.job {
            let info = read_job(job, &mut self.texts);
            merge_info(&mut self.jobs[index].info, Arc::new(info));
        }
        (ctx, index, own)
    }

    /// A bundle's (or entry's) `capturedAt`, else `otherwise`; a value that is
    /// not a time is reported and ignored.
    fn captured_at(
        &mut self,
        item: &ItemDto,
        otherwise: Option<Timestamp>,
        pos: &Pos,
    ) -> Option<Timestamp> {
        let Some(text) = item.captured_at.text() else {
            return otherwise;
        };
        match parse_timestamp(text) {
            Some(t) => Some(t),
            None => {
                self.problem(
                    Severity::Warning,
                    pos.key("capturedAt"),
                    format!("`capturedAt` is not a time: {text:?}"),
                    "ignored: open states are measured up to the analysis' \"as of\"",
                );
                otherwise
            }
        }
    }

    /// A bundle or export says which version of its format it is; one newer than
    /// this reader knows (or none) is read as version 1, with a warning.
    fn check_version(&mut self, format: &str, item: &ItemDto, newest: u32, pos: Pos) {
        let version = item.version.u32();
        if version.is_none_or(|v| v > newest) {
            self.problem(
                Severity::Warning,
                pos,
                format!(
                    "{format} version {} is newer than this reader ({newest})",
                    version.map_or("(none)".to_string(), |v| v.to_string())
                ),
                "read as version 1; fields it does not know are ignored",
            );
        }
    }

    /// An export: its bundle is the data; its report is re-computed from it, so
    /// a re-imported export merges with other inputs like any job data.
    fn export(&mut self, item: &ItemDto, pos: Pos) {
        self.check_version("export", item, EXPORT_VERSION, pos);
        self.checklist_ticks
            .extend(item.checklist_ticks.iter().map(|(k, v)| (k.clone(), *v)));
        if let Some(value) = item.report.0.as_ref().and_then(|r| r.what_if.clone()) {
            match WhatIf::from_export(value) {
                Some(w) => self.what_if = Some(w),
                None => self.problem(
                    Severity::Warning,
                    pos.key("report").key("whatIf"),
                    "the export's what-if settings (archived share, charge rates) cannot be read",
                    "the defaults are used",
                ),
            }
        }
        match &item.bundle {
            Items::One(bundle) if bundle.format.text() == Some(BUNDLE_FORMAT) => {
                self.bundle(bundle, pos.key("bundle"))
            }
            _ => self.problem(
                Severity::Warning,
                pos.key("bundle"),
                "an export without its `bundle` of job data",
                "skipped: a report alone cannot be analysed again",
            ),
        }
    }

    /// Gives `read` to its job; returns the job's record (`None`: `read` was a problem).
    fn event(&mut self, read: Result<ReadEvent, String>, ctx: Context, pos: Pos) -> Option<usize> {
        let read = match read {
            Ok(read) => read,
            Err(why) => {
                let n = pos
                    .last_index()
                    .map_or(String::new(), |i| format!(" {}", i + 1));
                self.problem(
                    Severity::Warning,
                    pos,
                    format!("event{n}: {why}"),
                    "skipped",
                );
                return None;
            }
        };
        let uuid = read.uuid.as_deref().or(ctx.uuid);
        let index = self.job_index(uuid, ctx);
        let job = &mut self.jobs[index];
        if job.name.is_none() {
            job.name = read.job_name.map(|name| self.texts.get(&name));
        }
        if let Some(condition) = read.condition {
            let info = Arc::make_mut(job.info.get_or_insert_with(Default::default));
            info.condition
                .get_or_insert_with(|| self.texts.get(&condition));
        }
        match &read.event.kind {
            EventKind::NewStatus(state) if !state.is_known() => {
                let e = self
                    .unknown_states
                    .entry(state.name().to_string())
                    .or_insert_with(|| (0, job.uuid.as_deref().map(String::from)));
                e.0 += 1;
            }
            EventKind::Other { event, .. } if !KNOWN_EVENT_TYPES.contains(&&**event) => {
                let e = self
                    .unknown_events
                    .entry(event.to_string())
                    .or_insert_with(|| (0, job.uuid.as_deref().map(String::from)));
                e.0 += 1;
            }
            _ => {}
        }
        if Some(index) == self.anonymous {
            self.anonymous_at.push(self.named_events);
        } else if self.jobs[index].uuid.is_some() {
            self.named_events += 1;
        }
        let event = self.shared(read.event);
        Arc::make_mut(&mut self.jobs[index].events).push(event);
        Some(index)
    }

    /// `event` with its type and detail the input's shared ones (the many jobs that name
    /// the same event or detail hold one copy of it). Not its message: most name their
    /// job or transfer, and hashing each made the 10,000-job bundle's read natively
    /// ~83 → 92 ms (the hand-off shares them, where a lookup comes before the copy).
    fn shared(&mut self, mut event: Event) -> Event {
        if let EventKind::Other { event, detail } = &mut event.kind {
            *event = self.texts.get(event);
            *detail = self.texts.get(detail);
        }
        event
    }

    /// In an input that names one job, what names none is that job's: its events
    /// go back among the job's where the input had them (so their order is
    /// judged as given), quietly, as there is no other job they could be.
    /// Called once, when the whole input has been read.
    pub fn adopt_anonymous(&mut self) {
        let Some(anonymous) = self.anonymous else {
            return;
        };
        let mut named = self
            .jobs
            .iter()
            .enumerate()
            .filter(|(_, j)| j.uuid.is_some());
        let (Some((job, _)), None) = (named.next(), named.next()) else {
            return;
        };
        let stray = self.jobs.remove(anonymous);
        let job = &mut self.jobs[job - usize::from(job > anonymous)];
        let events = Arc::make_mut(&mut job.events);
        let mut own = std::mem::take(events).into_iter();
        let mut at = self.anonymous_at.iter().copied();
        let mut given = 0;
        for event in Arc::unwrap_or_clone(stray.events) {
            let before = at.next().unwrap_or(given);
            events.extend(own.by_ref().take(before.saturating_sub(given)));
            given = given.max(before);
            events.push(event);
        }
        events.extend(own);
        if let Some(info) = stray.info {
            merge_info(&mut job.info, info);
        }
        if job.name.is_none() {
            job.name = stray.name;
        }
        job.captured = job.captured.max(stray.captured);
        self.anonymous = None;
    }

    fn job_index(&mut self, uuid: Option<&str>, ctx: Context) -> usize {
        let index = match uuid {
            // A job's events come one after another: try the last job before hashing.
            Some(uuid) => match self
                .last
                .filter(|&i| self.jobs[i].uuid.as_deref() == Some(uuid))
                .or_else(|| self.by_uuid.get(uuid).copied())
            {
                Some(i) => {
                    self.last = Some(i);
                    i
                }
                None => {
                    self.last = Some(self.jobs.len());
                    self.jobs.push(JobRecord {
                        uuid: Some(uuid.into()),
                        ..JobRecord::default()
                    });
                    self.by_uuid.insert(uuid.to_string(), self.jobs.len() - 1);
                    self.jobs.len() - 1
                }
            },
            None => match (ctx.label, self.anonymous) {
                (Some(label), _) => match self.by_label.get(label) {
                    Some(&i) => i,
                    None => {
                        self.jobs.push(JobRecord::default());
                        self.by_label.insert(label.to_string(), self.jobs.len() - 1);
                        self.jobs.len() - 1
                    }
                },
                (None, Some(i)) => i,
                (None, None) => {
                    self.jobs.push(JobRecord::default());
                    self.anonymous = Some(self.jobs.len() - 1);
                    self.jobs.len() - 1
                }
            },
        };
        let job = &mut self.jobs[index];
        if job.label.is_none() {
            job.label = ctx.label.map(str::to_string);
        }
        if job.name.is_none() {
            // The texts' own, as its job object's name is.
            job.name = ctx.name.map(|name| self.texts.get(name));
        }
        index
    }

    pub fn problem(
        &mut self,
        severity: Severity,
        pos: Pos,
        message: impl Into<String>,
        action: &str,
    ) {
        let d = Diagnostic::new(severity, self.name, message).action(action);
        self.pending.push((d, pos));
    }

    /// Reports unknown states and event types once each, with how often they occurred.
    pub fn report_unknowns(&mut self) {
        for (state, (n, job)) in std::mem::take(&mut self.unknown_states) {
            self.diagnostics.push(
                Diagnostic::new(
                    Severity::Warning,
                    self.name,
                    format!("unknown job state {state:?} ({})", count(n, "event")),
                )
                .job(job.as_deref())
                .action("kept as a state of its own; its time is counted but in no bucket"),
            );
        }
        for (event, (n, job)) in std::mem::take(&mut self.unknown_events) {
            self.diagnostics.push(
                Diagnostic::new(
                    Severity::Info,
                    self.name,
                    format!("unknown event type {event:?} ({})", count(n, "event")),
                )
                .job(job.as_deref())
                .action("kept and attached to the state it falls in"),
            );
        }
    }
}
