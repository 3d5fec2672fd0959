//! Merging what every input said into jobs: one job per UUID whichever input
//! named it, history in time order, exact duplicates counted once, and checks
//! that need the whole history (truncation at Tapis' page size).

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::{Import, InputRecords};
use crate::format::count;
use crate::model::{merge_info, Diagnostic, EventKind, Job, Severity, SharedEvents};

/// Tapis serves history in pages of 100 events (API.md §2.1).
pub const HISTORY_PAGE_SIZE: usize = 100;

/// Merges the records of all inputs (in the order given) into jobs. Takes
/// `InputRecords` or anything that lends them (`Rc<InputRecords>`: an app keeps
/// each input's records and re-assembles without copying them).
pub fn assemble<R: Borrow<InputRecords>>(inputs: &[R]) -> Import {
    let inputs: Vec<&InputRecords> = inputs.iter().map(Borrow::borrow).collect();
    let mut diagnostics: Vec<Diagnostic> = inputs
        .iter()
        .flat_map(|i| i.diagnostics.iter().cloned())
        .collect();
    // Every UUID any input names; needed only for records that name none.
    let mut known: Option<HashSet<&str>> = None;

    let mut jobs: Vec<Job> = Vec::new();
    let mut given: Vec<usize> = Vec::new(); // events as given, before de-duplication
                                            // An input gave some of its events out of time order (merging inputs is not).
    let mut disordered: Vec<bool> = Vec::new();
    // Read from an input with no capture time: measured up to "now" (see `Job::captured`).
    let mut uncaptured: Vec<bool> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for input in inputs.iter().copied() {
        for record in &input.jobs {
            let (id, uuid): (&str, Option<&str>) = match (&record.uuid, &record.label) {
                (Some(uuid), _) => (uuid, Some(uuid)),
                (None, Some(label)) => (label, None),
                (None, None) => {
                    let own: Vec<&str> = input
                        .jobs
                        .iter()
                        .filter_map(|r| r.uuid.as_deref())
                        .collect();
                    let known = known.get_or_insert_with(|| {
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
                            diagnostics.push(
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
            let at = *index.entry(id).or_insert_with(|| {
                jobs.push(Job {
                    id: id.to_string(),
                    uuid: uuid.map(str::to_string),
                    ..Job::default()
                });
                given.push(0);
                disordered.push(false);
                uncaptured.push(false);
                jobs.len() - 1
            });
            let job = &mut jobs[at];
            if job.name.is_none() {
                job.name.clone_from(&record.name);
            }
            if let Some(info) = &record.info {
                merge_info(&mut job.info, info.clone()); // shared, not copied
            }
            if job.events.is_empty() {
                job.events = record.events.clone(); // shared, not copied
            } else if !record.events.is_empty() {
                Arc::make_mut(&mut job.events).extend(record.events.iter().cloned());
            }
            given[at] += record.events.len();
            disordered[at] |= !in_time_order(&record.events);
            match record.captured {
                Some(t) => job.captured = job.captured.max(Some(t)),
                None => uncaptured[at] = true,
            }
            if !job.inputs.contains(&input.name) {
                job.inputs.push(input.name.clone());
            }
        }
    }
    for (((job, given), uncaptured), disordered) in
        jobs.iter_mut().zip(given).zip(uncaptured).zip(disordered)
    {
        if uncaptured {
            job.captured = None;
        }
        settle(job, given, disordered, &mut diagnostics);
    }
    Import { jobs, diagnostics }
}

fn in_time_order(events: &[crate::model::Event]) -> bool {
    events.windows(2).all(|w| w[0].created <= w[1].created)
}

/// Orders, de-duplicates and checks one job's history. `disordered`: an input
/// gave its events out of order (several inputs merged in any order are not).
fn settle(job: &mut Job, given: usize, disordered: bool, diagnostics: &mut Vec<Diagnostic>) {
    let input = job.inputs.first().map_or("", String::as_str);
    let note = |severity, message: String, action: &str| {
        Diagnostic::new(severity, input, message)
            .job(Some(&job.id))
            .action(action)
    };
    if job.name.is_none() {
        job.name = job.info.as_ref().and_then(|i| i.name.clone());
    }
    if disordered {
        diagnostics.push(note(
            Severity::Info,
            "the history was not in time order".into(),
            "events sorted by `created`",
        ));
    }
    if !in_time_order(&job.events) {
        // stable: equal times keep their order
        Arc::make_mut(&mut job.events).sort_by_key(|e| e.created);
    }
    let before = job.events.len();
    dedup_exact(&mut job.events);
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
    if events.windows(2).all(|w| w[0].created != w[1].created) {
        return; // nothing shares a time: the usual case, no allocation and no copy
    }
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
