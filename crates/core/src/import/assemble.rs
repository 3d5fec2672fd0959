//! Merging what every input said into jobs: one job per UUID whichever input
//! named it, history in time order, exact duplicates counted once, and checks
//! that need the whole history (truncation at Tapis' page size).

use std::borrow::Borrow;
use std::collections::HashSet;
use std::sync::Arc;

use super::{Import, InputRecords, JobRecord};
use crate::fast_hash::FastMap;
use crate::format::count;
use crate::model::{merge_info, Diagnostic, EventKind, Job, Severity, SharedEvents, SharedText};

/// Tapis serves history in pages of 100 events (API.md §2.1).
pub const HISTORY_PAGE_SIZE: usize = 100;

/// Merges the records of all inputs (in the order given) into jobs. Takes
/// `InputRecords` or anything that lends them (`Rc<InputRecords>`: an app keeps
/// each input's records and re-assembles without copying them).
pub fn assemble<R: Borrow<InputRecords>>(inputs: &[R]) -> Import {
    Assembling::new(inputs).finish()
}

/// [`assemble`] a part at a time, so a page can run each in a task of its own (at 50,000
/// jobs the whole was one task of 60–80 ms on the page, docs/performance.md, P6): the
/// records gathered into jobs, then the jobs settled, some thousands a
/// [`Assembling::step`].
pub struct Assembling<'a> {
    inputs: Vec<&'a InputRecords>,
    /// Each input's name, once, for the jobs read from it to share.
    names: Vec<SharedText>,
    diagnostics: Vec<Diagnostic>,
    /// Every UUID any input names; needed only for records that name none.
    known: Option<HashSet<&'a str>>,
    jobs: Vec<Job>,
    /// What each job's records said beyond the job itself, for settling it.
    gathered: Vec<Gathered>,
    index: FastMap<&'a str, usize>,
    /// The next record to gather (its input and place), then the next job to settle.
    input: usize,
    record: usize,
    settled: usize,
}

impl<'a> Assembling<'a> {
    pub fn new<R: Borrow<InputRecords>>(inputs: &'a [R]) -> Assembling<'a> {
        let inputs: Vec<&InputRecords> = inputs.iter().map(Borrow::borrow).collect();
        let diagnostics = inputs
            .iter()
            .flat_map(|i| i.diagnostics.iter().cloned())
            .collect();
        // Room for a job per record at once (most records are a job of their own): grown
        // by doubling, the jobs were copied again and again.
        let records: usize = inputs.iter().map(|i| i.jobs.len()).sum();
        let mut index = FastMap::default();
        index.reserve(records);
        Assembling {
            names: inputs.iter().map(|i| SharedText::from(&*i.name)).collect(),
            inputs,
            diagnostics,
            known: None,
            jobs: Vec::with_capacity(records),
            gathered: Vec::with_capacity(records),
            index,
            input: 0,
            record: 0,
            settled: 0,
        }
    }

    /// Gathers up to `n` more records, or once all are, settles up to `n` jobs; `true`
    /// once every job is settled.
    pub fn step(&mut self, n: usize) -> bool {
        let n = n.max(1);
        let mut done = 0;
        while done < n {
            let Some(input) = self.inputs.get(self.input).copied() else {
                break;
            };
            let Some(record) = input.jobs.get(self.record) else {
                (self.input, self.record) = (self.input + 1, 0);
                continue;
            };
            self.gather(input, record);
            self.record += 1;
            done += 1;
        }
        if done == n {
            return false;
        }
        let end = self.settled.saturating_add(n - done).min(self.jobs.len());
        for (job, gathered) in self.jobs[self.settled..end]
            .iter_mut()
            .zip(&self.gathered[self.settled..end])
        {
            if gathered.uncaptured {
                job.captured = None;
            }
            settle(job, gathered.given, gathered.order, &mut self.diagnostics);
        }
        self.settled = end;
        end == self.jobs.len()
    }

    /// The import, with what is not yet done done first.
    pub fn finish(mut self) -> Import {
        while !self.step(usize::MAX) {}
        // Records of a job merged (a history and its job object, say) left room unused.
        self.jobs.shrink_to_fit();
        Import {
            jobs: self.jobs,
            diagnostics: self.diagnostics,
        }
    }

    /// One record of `input` into its job.
    fn gather(&mut self, input: &'a InputRecords, record: &'a JobRecord) {
        let (id, uuid): (&str, Option<&str>) = match (&record.uuid, &record.label) {
            (Some(uuid), _) => (uuid, Some(uuid)),
            (None, Some(label)) => (label, None),
            (None, None) => {
                let own: Vec<&str> = input
                    .jobs
                    .iter()
                    .filter_map(|r| r.uuid.as_deref())
                    .collect();
                let inputs = &self.inputs;
                let known = self.known.get_or_insert_with(|| {
                    inputs
                        .iter()
                        .flat_map(|i| i.jobs.iter().filter_map(|r| r.uuid.as_deref()))
                        .collect()
                });
                let named = known
                    .iter()
                    .filter(|u| input.name.contains(**u))
                    .max_by_key(|u| u.len());
                // The only job the input names is quietly theirs (the import
                // gives them to it as it reads); a job picked by the input's
                // name is a guess, said aloud.
                match (own.as_slice(), named) {
                    ([only], _) => (*only, Some(*only)),
                    (_, Some(uuid)) => {
                        self.diagnostics.push(
                            Diagnostic::new(
                                Severity::Info,
                                &input.name,
                                format!(
                                    "{} and job data that name no job",
                                    count(record.events.len(), "event")
                                ),
                            )
                            .job(Some(uuid))
                            .action("given to the job the input's name names"),
                        );
                        (*uuid, Some(*uuid))
                    }
                    _ => (&input.name, None),
                }
            }
        };
        let (jobs, gathered) = (&mut self.jobs, &mut self.gathered);
        let at = *self.index.entry(id).or_insert_with(|| {
            // The record's own UUID, shared, where it names the job (nearly always).
            let shared = |text: &str| match &record.uuid {
                Some(own) if **own == *text => own.clone(),
                _ => SharedText::from(text),
            };
            jobs.push(Job {
                id: shared(id),
                uuid: uuid.map(shared),
                ..Job::default()
            });
            gathered.push(Gathered::default());
            jobs.len() - 1
        });
        let (job, gathered) = (&mut jobs[at], &mut gathered[at]);
        if job.name.is_none() {
            job.name.clone_from(&record.name);
        }
        if let Some(info) = &record.info {
            merge_info(&mut job.info, info.clone()); // shared, not copied
        }
        gathered.order.add(&record.events, !job.events.is_empty());
        if job.events.is_empty() {
            job.events = record.events.clone(); // shared, not copied
        } else if !record.events.is_empty() {
            Arc::make_mut(&mut job.events).extend(record.events.iter().cloned());
        }
        gathered.given += record.events.len();
        match record.captured {
            Some(t) => job.captured = job.captured.max(Some(t)),
            None => gathered.uncaptured = true,
        }
        let name = &self.names[self.input];
        if !job.inputs.contains(name) {
            job.inputs.push(name.clone());
        }
    }
}

/// What a job's records said beyond the job itself, for [`settle`].
#[derive(Default, Clone, Copy)]
struct Gathered {
    /// Events as given, before de-duplication.
    given: usize,
    order: Order,
    /// Read from an input with no capture time: measured up to "now" (see `Job::captured`).
    uncaptured: bool,
}

/// How a job's events stand as gathered, from one pass over each record's: what
/// settling them needs to do, so that a job of one record in order (the usual case)
/// is not passed over again.
#[derive(Default, Clone, Copy)]
struct Order {
    /// An input gave some of its events out of time order (merging inputs is not).
    disordered: bool,
    /// Two of a record's events, one after the other, share a time: maybe duplicates.
    ties: bool,
    /// Events of more than one record were put together: their order is unknown.
    merged: bool,
}

impl Order {
    /// A record's `events`, after others' when `after_others`.
    fn add(&mut self, events: &[crate::model::Event], after_others: bool) {
        let (in_order, ties) = order_of(events);
        self.disordered |= !in_order;
        self.ties |= ties;
        self.merged |= after_others && !events.is_empty();
    }
}

/// Whether `events` are in time order, and (when they are) whether two in a row share
/// a time.
fn order_of(events: &[crate::model::Event]) -> (bool, bool) {
    let mut ties = false;
    for w in events.windows(2) {
        match w[0].created.cmp(&w[1].created) {
            std::cmp::Ordering::Greater => return (false, true),
            std::cmp::Ordering::Equal => ties = true,
            std::cmp::Ordering::Less => {}
        }
    }
    (true, ties)
}

/// Orders, de-duplicates and checks one job's history, as `order` says it stands.
fn settle(job: &mut Job, given: usize, order: Order, diagnostics: &mut Vec<Diagnostic>) {
    let input = job.inputs.first().map_or("", |name| &**name);
    let note = |severity, message: String, action: &str| {
        Diagnostic::new(severity, input, message)
            .job(Some(&job.id))
            .action(action)
    };
    if job.name.is_none() {
        job.name = job.info.as_ref().and_then(|i| i.name.clone());
    }
    if order.disordered {
        diagnostics.push(note(
            Severity::Info,
            "the history was not in time order".into(),
            "events sorted by `created`",
        ));
    }
    // One record in order needs nothing more; otherwise the order and ties anew.
    let mut ties = order.ties;
    if order.disordered || order.merged {
        if !order_of(&job.events).0 {
            // stable: equal times keep their order
            Arc::make_mut(&mut job.events).sort_by_key(|e| e.created);
        }
        ties = order_of(&job.events).1;
    }
    let before = job.events.len();
    if ties {
        dedup_exact(&mut job.events);
    }
    let removed = before - job.events.len();
    if removed > 0 {
        diagnostics.push(note(
            Severity::Info,
            count(removed, "exact duplicate event"),
            "each counted once",
        ));
    }
    if given >= HISTORY_PAGE_SIZE && given % HISTORY_PAGE_SIZE == 0 {
        diagnostics.push(note(
            Severity::Warning,
            format!(
                "the history has exactly {given} events, a multiple of Tapis' page size \
                 ({HISTORY_PAGE_SIZE}): it may be truncated"
            ),
            "analysed as given; fetch the next page with `skip` to be sure",
        ));
    }
    let last_status = job.events.iter().rev().find_map(|e| match &e.kind {
        EventKind::NewStatus(s) => Some(s),
        EventKind::Other { .. } => None,
    });
    let said = job.info.as_ref().and_then(|i| i.status.as_ref());
    if let (Some(last), Some(said)) = (last_status, said) {
        if said.is_terminal() && !last.is_terminal() {
            diagnostics.push(note(
                Severity::Warning,
                format!("the history ends in {last} but the job object says {said}"),
                "later events look missing; the last state is treated as open",
            ));
        }
    }
}

/// Removes events equal in every field to an earlier one with the same time.
fn dedup_exact(events: &mut SharedEvents) {
    let mut keep = vec![true; events.len()];
    let mut start = 0;
    while start < events.len() {
        let mut end = start + 1;
        while end < events.len() && events[end].created == events[start].created {
            end += 1;
        }
        for i in start + 1..end {
            if (start..i).any(|j| keep[j] && events[j] == events[i]) {
                keep[i] = false;
            }
        }
        start = end;
    }
    if keep.iter().all(|k| *k) {
        return;
    }
    let mut flags = keep.into_iter();
    Arc::make_mut(events).retain(|_| flags.next().unwrap_or(true));
}
