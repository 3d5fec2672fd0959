//! Load over time: how many of the jobs were in each state at each moment, each
//! system and queue's peak, and every BLOCKED visit explained by how many of the
//! same user's jobs were active on that system and queue when it happened.
//!
//! Tapis puts a job in BLOCKED while a quota (maxJobs, maxJobsPerUser of a system
//! and queue) is full, among other recoverable errors. Its quotas count active
//! jobs; Tapis calls a job active when it has not ended and is neither BLOCKED nor
//! PAUSED (`JobStatusType.isActive`), and so does this module.
//!
//! Only jobs with a status history are drawn (a job object alone gives coarse
//! phases, not states); the caller chooses the jobs (the counted ones: stale jobs
//! are left out unless counted, `JobReport::counted`).

use std::cmp::Reverse;
use std::collections::binary_heap::PeekMut;
use std::collections::{BTreeMap, BinaryHeap};

use serde::{Deserialize, Serialize};

use crate::format::{count, format_duration};
use crate::job_report::JobReport;
use crate::job_state::JobState;
use crate::model::SharedText;
use crate::sort::{sort_by, sort_by_key};
use crate::time::Timestamp;

/// `"schema"` of a load.
pub const LOAD_SCHEMA: &str = "tapis-profile-load";
/// Bumped when a field changes meaning or disappears.
pub const LOAD_VERSION: u32 = 1;

/// What the value of a system and queue is when its job does not say.
const UNKNOWN_QUEUE: &str = "(unknown)";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Load {
    pub schema: String,
    pub version: u32,
    /// Jobs drawn (with a history).
    pub jobs: usize,
    /// Jobs given without a history: not drawn.
    pub without_history: usize,
    /// The states the jobs were in, in lifecycle order: the series.
    pub states: Vec<JobState>,
    /// From each step's time to the next one's, `counts[k]` jobs were in `states[k]`.
    /// The last step is where every job has ended (all counts zero).
    pub steps: Steps,
    /// Each system and queue's most active jobs at once, most first.
    pub peaks: Vec<Peak>,
    /// Every visit to BLOCKED, in time order.
    pub blocked: Vec<BlockedVisit>,
}

/// One step as it is written and read: `{"at": …, "counts": […]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    pub at: Timestamp,
    pub counts: Vec<u32>,
}

/// The same, borrowed from [`Steps`] to be written.
#[derive(Serialize)]
struct StepRef<'a> {
    at: Timestamp,
    counts: &'a [u32],
}

/// A load's steps, flat: step `i` starts at `at(i)`, and from then on `counts(i)[k]`
/// jobs were in the load's `states[k]`. All the counts are one list, not a list a step
/// (~100,000 steps at 10,000 jobs: each its own allocation was ~5 MB of the page's
/// memory, P5 in docs/performance.md). Written and read as a list of [`Step`]s.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Steps {
    at: Vec<Timestamp>,
    /// `width` counts a step, one after another.
    counts: Vec<u32>,
    width: usize,
}

impl Steps {
    /// Steps at `at`, `width` counts each in `counts`, one step after another.
    ///
    /// # Panics
    /// If `counts` does not hold `width` counts for each time.
    pub fn new(at: Vec<Timestamp>, counts: Vec<u32>, width: usize) -> Steps {
        assert_eq!(at.len() * width, counts.len(), "a count per state per step");
        Steps { at, counts, width }
    }

    pub fn len(&self) -> usize {
        self.at.len()
    }

    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    /// When each step starts, ascending.
    pub fn times(&self) -> &[Timestamp] {
        &self.at
    }

    /// Step `i`'s counts, one per state.
    pub fn counts(&self, i: usize) -> &[u32] {
        &self.counts[i * self.width..(i + 1) * self.width]
    }

    /// Each step's start and counts, in time order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (Timestamp, &[u32])> + '_ {
        (0..self.len()).map(|i| (self.at[i], self.counts(i)))
    }

    /// For each of `states` (the load's, whose counts these are), the most jobs in it at
    /// once and when that was first.
    pub fn most_per_state(&self, states: &[JobState]) -> Vec<(JobState, u32, Option<Timestamp>)> {
        states
            .iter()
            .enumerate()
            .map(|(k, state)| {
                let count = |c: &[u32]| c.get(k).copied().unwrap_or(0);
                let most = self.iter().map(|(_, c)| count(c)).max().unwrap_or(0);
                let when = self.iter().find(|(_, c)| count(c) == most && most > 0);
                (state.clone(), most, when.map(|(at, _)| at))
            })
            .collect()
    }
}

impl Serialize for Steps {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(|(at, counts)| StepRef { at, counts }))
    }
}

impl<'de> Deserialize<'de> for Steps {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Steps, D::Error> {
        let steps = Vec::<Step>::deserialize(deserializer)?;
        let width = steps.first().map_or(0, |s| s.counts.len());
        if steps.iter().any(|s| s.counts.len() != width) {
            return Err(serde::de::Error::custom(
                "every step needs a count per state",
            ));
        }
        let at = steps.iter().map(|s| s.at).collect();
        let counts = steps.into_iter().flat_map(|s| s.counts).collect();
        Ok(Steps { at, counts, width })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Peak {
    /// `system / queue`.
    pub system_queue: String,
    /// The most jobs active there at once.
    pub active: u32,
    /// When that was first reached, and until when it lasted.
    pub from: Timestamp,
    pub to: Timestamp,
}

/// One visit to BLOCKED, and what else its owner had going on that system and queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockedVisit {
    pub uuid: SharedText,
    pub name: Option<SharedText>,
    pub owner: Option<SharedText>,
    pub system_queue: String,
    pub from: Timestamp,
    pub to: Timestamp,
    pub seconds: f64,
    /// Still BLOCKED when the data ends.
    pub open: bool,
    /// The owner's other jobs active on the same system and queue when it was blocked.
    pub active_when_blocked: u32,
    /// The most of them active at once while it was BLOCKED.
    pub most_active: u32,
    /// The owner's other jobs active on the same system, any queue, when it was
    /// blocked (Tapis' per-system quotas count these).
    pub active_on_system: u32,
    /// The owner's jobs on that system and queue BLOCKED at that moment, it included.
    pub blocked_together: u32,
    /// What Tapis said (the message of the status change into BLOCKED), if anything.
    pub message: Option<SharedText>,
}

impl Load {
    /// For each state, the most jobs in it at once and when that was first.
    pub fn most_per_state(&self) -> Vec<(JobState, u32, Option<Timestamp>)> {
        self.steps.most_per_state(&self.states)
    }
}

/// Whether Tapis counts a job in this state as active (what its quotas count).
pub fn is_active(state: &JobState) -> bool {
    !state.is_terminal() && !matches!(state, JobState::Blocked | JobState::Paused)
}

/// The load of `jobs` over time.
pub fn load<'a>(jobs: impl IntoIterator<Item = &'a JobReport>) -> Load {
    Loading::new(jobs).finish()
}

/// [`load`] a part at a time: the counts' changes over time gathered and sorted, then
/// counted, then the queues' peaks and the BLOCKED visits, a few thousand jobs at a time,
/// each a [`Loading::step`], so the page can run each in a task of its own (together they
/// were ~270 ms of one task at 10,000 jobs, docs/performance.md, P6).
pub struct Loading<'a> {
    drawn: Vec<&'a JobReport>,
    load: Load,
    part: Part<'a>,
    /// About how many jobs a step gathers, or whose spans a step of the peaks or the
    /// BLOCKED visits counts.
    jobs_a_step: usize,
}

/// What [`Loading::step`] does next.
enum Part<'a> {
    /// The states to find, the series.
    States,
    /// The counts' changes over time being gathered some jobs a step, in sorted runs.
    Gathering(Gathering),
    /// Gathered, being counted in time order a few hundred thousand changes a step.
    Counting(Counted),
    Peaks(Peaking<'a>),
    Blocked(Blocking<'a>),
    Done,
}

impl<'a> Loading<'a> {
    pub fn new(jobs: impl IntoIterator<Item = &'a JobReport>) -> Loading<'a> {
        let all: Vec<&JobReport> = jobs.into_iter().collect();
        let drawn: Vec<&JobReport> = all
            .iter()
            .copied()
            .filter(|j| j.has_history && !j.segments.is_empty())
            .collect();
        let load = Load {
            schema: LOAD_SCHEMA.to_string(),
            version: LOAD_VERSION,
            jobs: drawn.len(),
            without_history: all.len() - drawn.len(),
            states: Vec::new(),
            steps: Steps::default(),
            peaks: Vec::new(),
            blocked: Vec::new(),
        };
        Loading {
            drawn,
            load,
            part: Part::States,
            jobs_a_step: JOBS_A_STEP,
        }
    }

    /// The same in steps of about `jobs` jobs each (tests take many small steps).
    #[cfg(test)]
    fn in_steps_of(self, jobs: usize) -> Loading<'a> {
        Loading {
            jobs_a_step: jobs,
            ..self
        }
    }

    /// Does the next part; `true` once every part is done.
    pub fn step(&mut self) -> bool {
        match &mut self.part {
            Part::States => self.part = Part::Gathering(Gathering::new(&self.drawn)),
            Part::Gathering(gathering) => {
                if gathering.step(&self.drawn, self.jobs_a_step) {
                    if let Part::Gathering(done) = std::mem::replace(&mut self.part, Part::Done) {
                        let width = done.states.len();
                        self.load.states = done.states;
                        self.part = Part::Counting(done.changes.counting(width));
                    }
                }
            }
            Part::Counting(counted) => {
                if counted.step(self.jobs_a_step * CHANGES_A_JOB) {
                    let next = Part::Peaks(Peaking::new(&self.drawn));
                    if let Part::Counting(done) = std::mem::replace(&mut self.part, next) {
                        self.load.steps = done.finish(self.load.states.len());
                    }
                }
            }
            Part::Peaks(peaking) => {
                if peaking.step(self.jobs_a_step) {
                    let next = Part::Blocked(Blocking::new(&self.drawn));
                    if let Part::Peaks(done) = std::mem::replace(&mut self.part, next) {
                        self.load.peaks = done.finish();
                    }
                }
            }
            Part::Blocked(blocking) => {
                if blocking.step(self.jobs_a_step) {
                    if let Part::Blocked(done) = std::mem::replace(&mut self.part, Part::Done) {
                        self.load.blocked = done.finish();
                    }
                }
            }
            Part::Done => {}
        }
        matches!(self.part, Part::Done)
    }

    /// The load, with the parts not yet done done first.
    pub fn finish(mut self) -> Load {
        while !self.step() {}
        self.load
    }
}

/// The states the jobs were in, in lifecycle order: the series (terminal states are
/// where a job is no longer counted).
fn states_of(drawn: &[&JobReport]) -> Vec<JobState> {
    let mut states: Vec<JobState> = Vec::new();
    for j in drawn {
        for s in &j.segments {
            if !s.state.is_terminal() && !states.contains(&s.state) {
                states.push(s.state.clone());
            }
        }
    }
    JobState::sort_in_lifecycle_order(&mut states);
    states
}

/// The changes over time of how many jobs were in each state, gathered some jobs at a
/// time, each part sorted as it is gathered: one sort of all of them was ~45 ms natively
/// at 50,000 jobs, and the gathering as much again, each a task of its own on the page.
struct Gathering {
    states: Vec<JobState>,
    next: usize,
    changes: Changes,
}

impl Gathering {
    fn new(drawn: &[&JobReport]) -> Gathering {
        // Room for every change at once (two a visit at most): grown by doubling, the
        // old list and the new were alive together at the load's peak (P5 in
        // docs/performance.md).
        let visits: usize = drawn.iter().map(|j| j.segments.len()).sum();
        let mut changes = Changes::new();
        changes.reserve(2 * visits);
        Gathering {
            states: states_of(drawn),
            next: 0,
            changes,
        }
    }

    /// Gathers the next `n` jobs' changes (one job at least), a sorted run; `true`
    /// once every job's are.
    fn step(&mut self, drawn: &[&JobReport], n: usize) -> bool {
        let end = self.next.saturating_add(n.max(1)).min(drawn.len());
        for j in &drawn[self.next..end] {
            for s in &j.segments {
                if let Some(k) = self.states.iter().position(|x| *x == s.state) {
                    self.changes.push(s.start, s.end, k);
                }
            }
        }
        self.changes.end_run();
        self.next = end;
        end == drawn.len()
    }
}

/// About how many changes over time (two per state visit) a job has, for the size of a
/// [`Loading::step`] of counting them: sorted and counted in one, the changes of 50,000
/// jobs were a task of ~200 ms.
const CHANGES_A_JOB: usize = 40;

/// Counts over time of spans `(start, end, series)`, each counted from its start
/// (inclusive) to its end (exclusive): one step per distinct time at which a count
/// changes, holding the counts from then on. Empty spans count nowhere. The steps'
/// times, and their counts flat (`width` a step), so no step is an allocation of its own.
fn sweep(
    spans: impl Iterator<Item = (Timestamp, Timestamp, usize)>,
    width: usize,
) -> (Vec<Timestamp>, Vec<u32>) {
    let mut changes = Changes::new();
    for (start, end, k) in spans {
        changes.push(start, end, k);
    }
    changes.end_run();
    let mut counted = changes.counting(width);
    counted.step(usize::MAX);
    let steps = counted.finish(width);
    (steps.at, steps.counts)
}

/// A sweep's changes `(time, series, +1 or -1)` in runs, each sorted by time.
enum Changes {
    /// As nanoseconds since 1970, where every time has them (1677 to 2262): an integer
    /// compares in one step where a date-time compares field by field, and sorting was
    /// half the load view's time at 10,000 jobs in the browser.
    Nanos(Runs<i64>),
    Dates(Runs<Timestamp>),
}

/// Changes, and where each sorted run of them ends.
struct Runs<T> {
    changes: Vec<(T, usize, i32)>,
    ends: Vec<usize>,
}

impl<T> Runs<T> {
    /// Sorts the run being gathered (with `sort`, by time) and ends it.
    fn end_run(&mut self, sort: fn(&mut [(T, usize, i32)])) {
        let from = self.ends.last().copied().unwrap_or(0);
        sort(&mut self.changes[from..]);
        self.ends.push(self.changes.len());
    }
}

impl Changes {
    fn new() -> Changes {
        Changes::Nanos(Runs {
            changes: Vec::new(),
            ends: Vec::new(),
        })
    }

    /// Room for `n` more changes.
    fn reserve(&mut self, n: usize) {
        match self {
            Changes::Nanos(runs) => runs.changes.reserve_exact(n),
            Changes::Dates(runs) => runs.changes.reserve_exact(n),
        }
    }

    /// A span of series `k`, in the run being gathered; an empty span changes nothing.
    fn push(&mut self, start: Timestamp, end: Timestamp, k: usize) {
        if start >= end {
            return;
        }
        if let Changes::Nanos(runs) = self {
            if let (Some(a), Some(b)) = (start.timestamp_nanos_opt(), end.timestamp_nanos_opt()) {
                runs.changes.extend([(a, k, 1), (b, k, -1)]);
                return;
            }
            *self = Changes::Dates(self.take_as_dates());
        }
        if let Changes::Dates(runs) = self {
            runs.changes.extend([(start, k, 1), (end, k, -1)]);
        }
    }

    /// The changes so far as dates (a time without nanoseconds came).
    fn take_as_dates(&mut self) -> Runs<Timestamp> {
        match std::mem::replace(self, Changes::new()) {
            Changes::Nanos(runs) => Runs {
                changes: runs
                    .changes
                    .into_iter()
                    .map(|(at, k, delta)| (Timestamp::from_timestamp_nanos(at), k, delta))
                    .collect(),
                ends: runs.ends,
            },
            Changes::Dates(runs) => runs,
        }
    }

    /// Sorts the run being gathered by time and ends it.
    fn end_run(&mut self) {
        match self {
            Changes::Nanos(runs) => runs.end_run(|run| run.sort_unstable_by_key(|c| c.0)),
            Changes::Dates(runs) => runs.end_run(|run| sort_by_key(run, |c| c.0)),
        }
    }

    /// The runs, to be counted in time order.
    fn counting(self, width: usize) -> Counted {
        match self {
            Changes::Nanos(runs) => Counted::Nanos(Counting::new(runs, width)),
            Changes::Dates(runs) => Counted::Dates(Counting::new(runs, width)),
        }
    }
}

/// Sorted changes being counted, as they were gathered.
enum Counted {
    Nanos(Counting<i64>),
    Dates(Counting<Timestamp>),
}

impl Counted {
    /// Counts up to `n` more changes; `true` once all are.
    fn step(&mut self, n: usize) -> bool {
        match self {
            Counted::Nanos(c) => c.step(n),
            Counted::Dates(c) => c.step(n),
        }
    }

    /// The steps, their times as times.
    fn finish(self, width: usize) -> Steps {
        let (at, counts) = match self {
            Counted::Nanos(c) => {
                let times = c.times.into_iter().map(Timestamp::from_timestamp_nanos);
                (times.collect(), c.flat)
            }
            Counted::Dates(c) => (c.times, c.flat),
        };
        Steps::new(at, counts, width)
    }
}

/// [`sweep`]'s steps from its changes `(time, series, +1 or -1)`, counted in time order
/// some changes at a time, the sorted runs merged as they are read (the changes at one
/// time are applied together, so their order among themselves does not matter): a
/// change's step is known from it and the next, so where one part ends does not matter.
struct Counting<T> {
    changes: Vec<(T, usize, i32)>,
    /// Each run's next change, earliest first: its time, where it is, where its run ends.
    heads: BinaryHeap<Reverse<(T, usize, usize)>>,
    counts: Vec<i64>,
    times: Vec<T>,
    flat: Vec<u32>,
}

impl<T: Copy + Ord> Counting<T> {
    fn new(runs: Runs<T>, width: usize) -> Counting<T> {
        let mut from = 0;
        let mut heads = BinaryHeap::with_capacity(runs.ends.len());
        // At most a step per distinct time, and a run's distinct times are next to each
        // other: room for the steps at once, which grown by doubling held the old counts
        // and the new together at the load's peak (P5 in docs/performance.md).
        let mut distinct = 0;
        for &end in &runs.ends {
            if from < end {
                heads.push(Reverse((runs.changes[from].0, from, end)));
                let run = &runs.changes[from..end];
                distinct += 1 + run.windows(2).filter(|w| w[0].0 != w[1].0).count();
            }
            from = end;
        }
        Counting {
            changes: runs.changes,
            heads,
            counts: vec![0; width],
            times: Vec::with_capacity(distinct),
            flat: Vec::with_capacity(distinct * width),
        }
    }

    /// Counts up to `n` more changes; `true` once all are.
    fn step(&mut self, n: usize) -> bool {
        let width = self.counts.len();
        for _ in 0..n.max(1) {
            let Some(mut head) = self.heads.peek_mut() else {
                break;
            };
            let Reverse((at, i, end)) = *head;
            if i + 1 < end {
                *head = Reverse((self.changes[i + 1].0, i + 1, end));
                drop(head);
            } else {
                PeekMut::pop(head);
            }
            let (_, k, delta) = self.changes[i];
            self.counts[k] += i64::from(delta);
            let last_at_this_time = self.heads.peek().is_none_or(|next| next.0 .0 != at);
            if last_at_this_time {
                let now = self.counts.iter().map(|&c| c.max(0) as u32);
                let flat = &self.flat;
                let before = flat.len().checked_sub(width).map(|from| &flat[from..]);
                if before.is_none_or(|before| !before.iter().copied().eq(now.clone())) {
                    self.times.push(at);
                    self.flat.extend(now);
                }
            }
        }
        let done = self.heads.is_empty();
        if done {
            // Counted: the changes are not needed while the steps are made of the counts,
            // nor the room for steps that did not change a count.
            self.changes = Vec::new();
            self.times.shrink_to_fit();
            self.flat.shrink_to_fit();
        }
        done
    }
}

/// A job's active spans.
fn active_spans(j: &JobReport) -> impl Iterator<Item = (Timestamp, Timestamp)> + '_ {
    j.segments
        .iter()
        .filter(|s| is_active(&s.state))
        .map(|s| (s.start, s.end))
}

fn queue_of(j: &JobReport) -> String {
    j.system_queue()
        .unwrap_or_else(|| UNKNOWN_QUEUE.to_string())
}

/// The queues' peaks counted a few queues at a time (each queue's jobs sorted by
/// time: all at once ~200 ms of one task at 50,000 jobs on the page).
struct Peaking<'a> {
    /// Each system and queue's jobs, in name order.
    queues: Vec<(String, Vec<&'a JobReport>)>,
    /// The next queue to count.
    next: usize,
    peaks: Vec<Peak>,
}

impl<'a> Peaking<'a> {
    fn new(jobs: &[&'a JobReport]) -> Peaking<'a> {
        let mut by_queue: BTreeMap<String, Vec<&JobReport>> = BTreeMap::new();
        for j in jobs {
            by_queue.entry(queue_of(j)).or_default().push(j);
        }
        Peaking {
            queues: by_queue.into_iter().collect(),
            next: 0,
            peaks: Vec::new(),
        }
    }

    /// Counts queues until about `jobs_a_step` jobs are (one queue at least); `true`
    /// once every queue is.
    fn step(&mut self, jobs_a_step: usize) -> bool {
        let mut counted = 0;
        while counted < jobs_a_step {
            let Some((system_queue, members)) = self.queues.get(self.next) else {
                break;
            };
            counted += members.len();
            self.next += 1;
            self.peaks.extend(peak(system_queue, members));
        }
        self.next == self.queues.len()
    }

    /// The peaks, most first.
    fn finish(self) -> Vec<Peak> {
        let mut out = self.peaks;
        sort_by_key(&mut out, |p| std::cmp::Reverse(p.active));
        out
    }
}

/// A system and queue's most active jobs at once; `None` when none ever was.
fn peak(system_queue: &str, members: &[&JobReport]) -> Option<Peak> {
    let steps = active_count(members);
    let (i, most) = steps.iter().enumerate().map(|(i, (_, c))| (i, *c)).fold(
        None,
        |best: Option<(usize, u32)>, (i, c)| match best {
            Some((_, b)) if b >= c => best,
            _ => Some((i, c)),
        },
    )?;
    (most > 0).then(|| Peak {
        system_queue: system_queue.to_string(),
        active: most,
        from: steps[i].0,
        to: steps.get(i + 1).map_or(steps[i].0, |s| s.0),
    })
}

/// An owner and a system and queue: quotas are per user and per queue.
type QueueKey = (Option<SharedText>, String);
/// An owner and a system: Tapis also has per-system quotas.
type SystemKey = (Option<SharedText>, Option<SharedText>);

/// Jobs' active spans counted, at most about this many jobs a [`Peaking::step`] or
/// [`Blocking::step`] (one group at least): all the BLOCKED visits at once were ~310 ms
/// of one task at 50,000 jobs on the page (docs/performance.md, P6).
const JOBS_A_STEP: usize = 5_000;

/// The BLOCKED visits counted a group at a time: each owner's system and queue
/// where a job was BLOCKED, and each owner's system those jobs ran on.
struct Blocking<'a> {
    /// The owners' systems and queues where a job was BLOCKED (most never are).
    groups: Vec<(QueueKey, Vec<&'a JobReport>)>,
    /// The owner's jobs on each system, any queue.
    on_system: BTreeMap<SystemKey, Vec<&'a JobReport>>,
    /// How many of the owner's jobs were active on each system, counted where needed.
    system_active: BTreeMap<SystemKey, Counts>,
    /// The next group to count.
    next: usize,
    visits: Vec<BlockedVisit>,
}

impl<'a> Blocking<'a> {
    fn new(jobs: &[&'a JobReport]) -> Blocking<'a> {
        let mut groups: BTreeMap<QueueKey, Vec<&JobReport>> = BTreeMap::new();
        for j in jobs {
            groups
                .entry((j.owner.clone(), queue_of(j)))
                .or_default()
                .push(j);
        }
        let mut on_system: BTreeMap<SystemKey, Vec<&JobReport>> = BTreeMap::new();
        for j in jobs {
            on_system
                .entry((j.owner.clone(), j.exec_system.clone()))
                .or_default()
                .push(j);
        }
        let was_blocked = |j: &&JobReport| j.segments.iter().any(|s| s.state == JobState::Blocked);
        let groups = groups
            .into_iter()
            .filter(|(_, members)| members.iter().any(was_blocked))
            .collect();
        Blocking {
            groups,
            on_system,
            system_active: BTreeMap::new(),
            next: 0,
            visits: Vec::new(),
        }
    }

    /// Counts groups (and the systems they need) until about `jobs_a_step` jobs'
    /// spans are counted; `true` once every group is.
    fn step(&mut self, jobs_a_step: usize) -> bool {
        let mut counted = 0;
        while counted < jobs_a_step {
            let Some((key, members)) = self.groups.get(self.next) else {
                break;
            };
            let (owner, system_queue) = key;
            // A system's count first, a unit of its own (it can hold many queues' jobs).
            let missing = members.iter().find_map(|j| {
                let key = (owner.clone(), j.exec_system.clone());
                (!self.system_active.contains_key(&key)).then_some(key)
            });
            if let Some(key) = missing {
                let on_system = &self.on_system[&key];
                counted += on_system.len();
                self.system_active.insert(key, active_count(on_system));
                continue;
            }
            counted += members.len();
            self.next += 1;
            // A BLOCKED job is not active itself, so over its visit this counts the others.
            let active = active_count(members);
            // A job's visits never overlap, so this counts jobs: those BLOCKED at a moment.
            let blocked_count = one_series(members.iter().flat_map(|o| {
                o.segments
                    .iter()
                    .filter(|s| s.state == JobState::Blocked)
                    .map(|s| (s.start, s.end))
            }));
            for j in members {
                let system = &self.system_active[&(owner.clone(), j.exec_system.clone())];
                for (k, seg) in j.segments.iter().enumerate() {
                    if seg.state != JobState::Blocked {
                        continue;
                    }
                    self.visits.push(BlockedVisit {
                        uuid: j.uuid.clone(),
                        name: j.name.clone(),
                        owner: owner.clone(),
                        system_queue: system_queue.clone(),
                        from: seg.start,
                        to: seg.end,
                        seconds: seg.seconds(),
                        open: seg.open,
                        active_when_blocked: value_at(&active, seg.start),
                        most_active: most_within(&active, seg.start, seg.end),
                        active_on_system: value_at(system, seg.start),
                        blocked_together: value_at(&blocked_count, seg.start).max(1),
                        message: j
                            .events
                            .iter()
                            .filter(|e| e.segment == Some(k))
                            .find_map(|e| e.message.clone()),
                    });
                }
            }
        }
        self.next == self.groups.len()
    }

    /// The visits counted, in time order.
    fn finish(self) -> Vec<BlockedVisit> {
        let mut out = self.visits;
        sort_by(&mut out, |x, y| {
            x.from.cmp(&y.from).then_with(|| x.uuid.cmp(&y.uuid))
        });
        out
    }
}

/// A one-series step function: `(from, count)` steps.
type Counts = Vec<(Timestamp, u32)>;

/// How many of `jobs` were active over time.
fn active_count(jobs: &[&JobReport]) -> Counts {
    one_series(jobs.iter().flat_map(|o| active_spans(o)))
}

/// How many of `spans` were open over time: `(from, count)` steps.
fn one_series(spans: impl Iterator<Item = (Timestamp, Timestamp)>) -> Counts {
    let (times, counts) = sweep(spans.map(|(a, b)| (a, b, 0)), 1);
    times.into_iter().zip(counts).collect()
}

/// A one-series step function's value at `t`.
fn value_at(steps: &[(Timestamp, u32)], t: Timestamp) -> u32 {
    let after = steps.partition_point(|(at, _)| *at <= t);
    after.checked_sub(1).map_or(0, |i| steps[i].1)
}

/// Its largest value from `from` (inclusive) to `to` (exclusive; `from` itself
/// when the two are equal).
fn most_within(steps: &[(Timestamp, u32)], from: Timestamp, to: Timestamp) -> u32 {
    let first = steps.partition_point(|(at, _)| *at <= from);
    let end = steps.partition_point(|(at, _)| *at < to).max(first);
    let inside = steps[first..end].iter().map(|(_, c)| *c);
    inside.fold(value_at(steps, from), u32::max)
}

/// What the BLOCKED visits say, in words: how many, how long, how many jobs were
/// active around them, and what to do. Empty when no job was BLOCKED.
pub fn blocked_words(load: &Load) -> Vec<String> {
    let visits = &load.blocked;
    if visits.is_empty() {
        return Vec::new();
    }
    let seconds: f64 = visits.iter().map(|v| v.seconds).sum();
    let mut lines = vec![format!(
        "{} to BLOCKED, {} in all.",
        count(visits.len(), "visit"),
        format_duration(seconds)
    )];
    let busy = visits.iter().filter(|v| v.active_when_blocked > 0).count();
    let most = visits
        .iter()
        .map(|v| v.active_when_blocked)
        .max()
        .unwrap_or(0);
    if busy > 0 {
        lines.push(format!(
            "{busy} of them began while the same user had other jobs active on that system \
             and queue (up to {most} at once): Tapis blocks a job while a quota of active \
             jobs per user or per queue is full."
        ));
        lines.push(QUOTA_ADVICE.to_string());
    } else {
        lines.push(
            "None began while the same user had other jobs active there, so no quota of \
             theirs was full: the message Tapis gave says what it was waiting for (a system \
             down, credentials)."
                .to_string(),
        );
    }
    lines
}

/// This tool's advice for quota-driven BLOCKED time (the guide's own words on a
/// loaded queue are the queue-wait recommendation's).
pub const QUOTA_ADVICE: &str = "Spread submissions out over time, or run fewer jobs at once \
    (bundle small tasks into one job), so that each system and queue stays under its quota; \
    BLOCKED time is lost before the job even queues.";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyse_jobs, Options};
    use crate::model::Job;
    use crate::test_jobs::{at, job};
    use JobState::*;

    const NORMAL: (&str, &str) = ("frontera", "normal");
    const APP: (&str, &str) = ("opensees", "1.2");

    fn owned(mut j: Job, owner: &str) -> Job {
        std::sync::Arc::make_mut(j.info.as_mut().unwrap()).owner = Some(owner.into());
        j
    }

    /// A job that waits `blocked` seconds in BLOCKED after PENDING, then runs.
    fn held(n: usize, queue: (&str, &str), start: f64, blocked: f64) -> Job {
        let states = [
            (Pending, 1.0),
            (Blocked, blocked),
            (StagingInputs, 10.0),
            (Queued, 100.0),
            (Running, 600.0),
            (Archiving, 10.0),
        ];
        job(n, APP, queue, start, &states)
    }

    fn running(n: usize, queue: (&str, &str), start: f64, seconds: f64) -> Job {
        job(n, APP, queue, start, &[(Pending, 1.0), (Running, seconds)])
    }

    fn load_of(jobs: &[Job]) -> Load {
        let report = analyse_jobs(jobs, &Options::default());
        load(report.counted())
    }

    #[test]
    fn a_full_per_user_quota_explains_the_blocked_jobs() {
        // maxJobsPerUser 3: three long jobs run from t=0, two more submitted at
        // t=100 are BLOCKED until the first ones finish (about t=2000).
        let mut jobs: Vec<Job> = (0..3).map(|n| running(n, NORMAL, 0.0, 2_000.0)).collect();
        jobs.push(held(3, NORMAL, 100.0, 1_900.0));
        jobs.push(held(4, NORMAL, 100.0, 1_950.0));
        // Neither another user's jobs on that queue nor the user's on another queue count.
        jobs.push(owned(running(5, NORMAL, 0.0, 5_000.0), "someone-else"));
        jobs.push(running(6, ("frontera", "development"), 0.0, 5_000.0));
        jobs.push(running(7, ("stampede3", "skx"), 0.0, 5_000.0));
        let l = load_of(&jobs);
        assert_eq!(l.blocked.len(), 2);
        for v in &l.blocked {
            assert_eq!(v.system_queue, "frontera / normal");
            assert_eq!(v.from, at(101.0));
            assert_eq!(v.active_when_blocked, 3, "{v:?}");
            assert_eq!(v.most_active, 3);
            assert_eq!(v.blocked_together, 2);
            assert_eq!(
                v.active_on_system, 4,
                "the three and the development queue's"
            );
        }
        assert_eq!(l.blocked[0].seconds, 1_900.0);
        // Job 3 leaves BLOCKED at 2001, while job 4 waits on: job 3 is then active.
        let words = blocked_words(&l).join(" ");
        assert!(
            words.starts_with("2 visits to BLOCKED, 1 h 4 min in all."),
            "{words}"
        );
        assert!(words.contains("2 of them began while"), "{words}");
        assert!(words.contains("up to 3 at once"), "{words}");
        assert!(words.contains(QUOTA_ADVICE));
    }

    #[test]
    fn a_blocked_job_alone_is_not_explained_by_a_quota() {
        let l = load_of(&[held(0, NORMAL, 0.0, 600.0)]);
        assert_eq!(l.blocked.len(), 1);
        assert_eq!(l.blocked[0].active_when_blocked, 0);
        assert_eq!(l.blocked[0].most_active, 0);
        assert_eq!(l.blocked[0].blocked_together, 1);
        let words = blocked_words(&l).join(" ");
        assert!(words.contains("None began"), "{words}");
        assert!(!words.contains(QUOTA_ADVICE));
        assert!(blocked_words(&load_of(&[running(0, NORMAL, 0.0, 60.0)])).is_empty());
    }

    #[test]
    fn jobs_started_while_blocked_raise_the_most_active() {
        // One job BLOCKED from t=1 to t=1001; two others start at 200 and 300 and run 400 s.
        let jobs = [
            held(0, NORMAL, 0.0, 1_000.0),
            running(1, NORMAL, 200.0, 400.0),
            running(2, NORMAL, 300.0, 400.0),
        ];
        let l = load_of(&jobs);
        let v = &l.blocked[0];
        assert_eq!((v.active_when_blocked, v.most_active), (0, 2));
    }

    #[test]
    fn peaks_are_per_system_and_queue() {
        let mut jobs: Vec<Job> = (0..4)
            .map(|n| running(n, NORMAL, n as f64 * 10.0, 100.0))
            .collect();
        jobs.push(running(9, ("stampede3", "skx"), 0.0, 50.0));
        let l = load_of(&jobs);
        assert_eq!(l.peaks.len(), 2);
        let p = &l.peaks[0];
        assert_eq!(
            (p.system_queue.as_str(), p.active),
            ("frontera / normal", 4)
        );
        // All four active from the fourth's submission (t=30) to the first's end (t=101).
        assert_eq!((p.from, p.to), (at(30.0), at(101.0)));
        assert_eq!(l.peaks[1].active, 1);
    }

    #[test]
    fn steps_are_written_and_read_as_a_list_of_steps() {
        let jobs = [
            running(0, NORMAL, 0.0, 100.0),
            running(1, NORMAL, 50.0, 100.0),
        ];
        let l = load_of(&jobs);
        let as_list: Vec<Step> = l
            .steps
            .iter()
            .map(|(at, counts)| Step {
                at,
                counts: counts.to_vec(),
            })
            .collect();
        let written = serde_json::to_string(&l.steps).unwrap();
        assert_eq!(written, serde_json::to_string(&as_list).unwrap());
        assert!(written.starts_with(r#"[{"at":"#), "{written}");
        let read: Steps = serde_json::from_str(&written).unwrap();
        assert_eq!(read, l.steps);
        assert_eq!(
            serde_json::from_str::<Steps>("[]").unwrap(),
            Steps::default()
        );
        let ragged = r#"[{"at":"2025-01-01T00:00:00Z","counts":[1,0]},{"at":"2025-01-01T00:01:00Z","counts":[1]}]"#;
        assert!(serde_json::from_str::<Steps>(ragged).is_err());
    }

    #[test]
    fn steps_count_each_state_and_end_at_zero() {
        let jobs = [
            running(0, NORMAL, 0.0, 100.0),
            running(1, NORMAL, 50.0, 100.0),
        ];
        let l = load_of(&jobs);
        assert_eq!(l.states, [Pending, Running]);
        let totals: Vec<(Timestamp, Vec<u32>)> =
            l.steps.iter().map(|(at, c)| (at, c.to_vec())).collect();
        assert_eq!(
            totals,
            [
                (at(0.0), vec![1, 0]),
                (at(1.0), vec![0, 1]),
                (at(50.0), vec![1, 1]),
                (at(51.0), vec![0, 2]),
                (at(101.0), vec![0, 1]),
                (at(151.0), vec![0, 0]),
            ]
        );
        assert_eq!((l.jobs, l.without_history), (2, 0));
    }

    #[test]
    fn blocked_figures_agree_with_counting_job_by_job() {
        // A sweep against a quota: hundreds of BLOCKED visits, many at once.
        let config = crate::synthetic::Config {
            jobs: 300,
            seed: 3,
            sweep: Some(crate::synthetic::Sweep::default()),
            ..Default::default()
        };
        let report = analyse_jobs(&crate::synthetic::generate(&config), &Options::default());
        let jobs: Vec<&JobReport> = report.counted().collect();
        let l = load(jobs.iter().copied());
        assert!(l.blocked.len() > 50, "{} visits", l.blocked.len());
        let blocked = |j: &JobReport| -> Vec<(Timestamp, Timestamp)> {
            let spans = j.segments.iter().filter(|s| s.state == JobState::Blocked);
            spans.map(|s| (s.start, s.end)).collect()
        };
        for v in &l.blocked {
            let peers: Vec<&&JobReport> = jobs
                .iter()
                .filter(|o| o.owner == v.owner && queue_of(o) == v.system_queue)
                .collect();
            let together = peers
                .iter()
                .filter(|o| blocked(o).iter().any(|&(a, b)| a <= v.from && v.from < b))
                .count() as u32;
            assert_eq!(v.blocked_together, together.max(1), "{v:?}");
            // The most active at once over the visit: at its start, or where one starts inside it.
            let active_at = |t: Timestamp| {
                let spans = peers.iter().flat_map(|o| active_spans(o));
                spans.filter(|&(a, b)| a <= t && t < b).count() as u32
            };
            let starts = peers.iter().flat_map(|o| active_spans(o).map(|(a, _)| a));
            let most = starts
                .filter(|&a| a > v.from && a < v.to)
                .map(active_at)
                .fold(active_at(v.from), u32::max);
            assert_eq!(v.most_active, most, "{v:?}");
        }
    }

    #[test]
    fn steps_are_the_same_sorted_by_nanoseconds_or_by_date() {
        let t = |s: f64| at(s);
        let spans = [
            (t(0.0), t(10.0), 0),
            (t(5.0), t(5.5), 1),
            (t(5.0), t(20.0), 0),
            (t(20.0), t(30.0), 1),
        ];
        let (times, counts) = sweep(spans.into_iter(), 2);
        assert_eq!(times, [t(0.0), t(5.0), t(5.5), t(10.0), t(20.0), t(30.0)]);
        assert_eq!(counts, [1, 0, 2, 1, 2, 0, 1, 0, 0, 1, 0, 0]);
        // A time past 2262 has no nanoseconds since 1970: the steps are sorted by date.
        let far = crate::time::parse_timestamp("2500-01-01T00:00:00Z").unwrap();
        let far_end = crate::time::parse_timestamp("2500-01-02T00:00:00Z").unwrap();
        let more = spans.into_iter().chain([(far, far_end, 1)]);
        let (times_far, counts_far) = sweep(more, 2);
        assert_eq!(times_far[..times.len()], times[..]);
        assert_eq!(counts_far[..counts.len()], counts[..]);
        assert_eq!(times_far[times.len()..], [far, far_end]);
    }

    #[test]
    fn loading_a_part_at_a_time_is_the_load() {
        let config = crate::synthetic::Config {
            jobs: 300,
            sweep: Some(crate::synthetic::Sweep::default()),
            ..Default::default()
        };
        // Three owners and two queues, so that several groups have BLOCKED visits.
        let jobs: Vec<Job> = crate::synthetic::generate(&config)
            .into_iter()
            .enumerate()
            .map(|(n, j)| {
                let mut j = owned(j, ["ann", "bo", "cy"][n % 3]);
                let queue = ["normal", "development"][n / 3 % 2];
                std::sync::Arc::make_mut(j.info.as_mut().unwrap()).exec_system_logical_queue =
                    Some(queue.into());
                j
            })
            .collect();
        let report = analyse_jobs(&jobs, &Options::default());
        let whole = load(report.counted());
        assert!(!whole.blocked.is_empty() && !whole.peaks.is_empty() && !whole.steps.is_empty());
        let groups: std::collections::BTreeSet<_> = whole
            .blocked
            .iter()
            .map(|v| (&v.owner, &v.system_queue))
            .collect();
        assert_eq!(groups.len(), 6, "{groups:?}");
        assert!(whole.peaks.len() >= 2, "{} queues", whole.peaks.len());
        // The default steps (every BLOCKED visit in one), and steps of a few jobs each.
        for (jobs_a_step, least) in [(JOBS_A_STEP, 4), (10, 9)] {
            let mut loading = Loading::new(report.counted()).in_steps_of(jobs_a_step);
            let mut steps = 1;
            while !loading.step() {
                steps += 1;
            }
            assert!(steps >= least, "{steps} steps of {jobs_a_step} jobs");
            assert!(loading.step(), "done stays done");
            assert_eq!(loading.finish(), whole, "in steps of {jobs_a_step} jobs");
        }
    }

    proptest::proptest! {
        /// Counted from sorted runs merged as they are read (the page's steps), the
        /// counts over time are their definition: at each time a count changes, how many
        /// spans of each series hold it. Some spans are past 2262 (no nanoseconds), so
        /// some runs are gathered as nanoseconds and then turned into dates.
        #[test]
        fn counts_from_runs_are_the_spans_open_at_each_time(
            spans in proptest::collection::vec((0u8..30, 1u8..10, 0usize..3, 0u8..8), 0..80),
            cuts in proptest::collection::vec(proptest::bool::ANY, 80),
        ) {
            let far = crate::time::parse_timestamp("2400-01-01T00:00:00Z").unwrap();
            let time = |t: u8, far_away: bool| match far_away {
                true => far + chrono::Duration::seconds(i64::from(t)),
                false => at(f64::from(t)),
            };
            // Spans of zero length too: they count nowhere.
            let spans: Vec<(Timestamp, Timestamp, usize)> = spans
                .iter()
                .map(|&(start, length, k, far)| {
                    let far = far == 0;
                    (time(start, far), time(start + length % 9, far), k)
                })
                .collect();
            let mut changes = Changes::new();
            for (n, &(start, end, k)) in spans.iter().enumerate() {
                changes.push(start, end, k);
                if cuts[n] {
                    changes.end_run();
                }
            }
            changes.end_run();
            let mut counted = changes.counting(3);
            while !counted.step(3) {}
            let Steps { at: times, counts, .. } = counted.finish(3);

            let mut expected_times: Vec<Timestamp> = Vec::new();
            let mut expected: Vec<u32> = Vec::new();
            let mut moments: Vec<Timestamp> = spans
                .iter()
                .filter(|(a, b, _)| a < b)
                .flat_map(|&(a, b, _)| [a, b])
                .collect();
            moments.sort();
            moments.dedup();
            for t in moments {
                let now: Vec<u32> = (0..3)
                    .map(|k| spans.iter().filter(|&&(a, b, s)| s == k && a <= t && t < b).count() as u32)
                    .collect();
                if expected.len() < 3 || expected[expected.len() - 3..] != now[..] {
                    expected_times.push(t);
                    expected.extend(now);
                }
            }
            proptest::prop_assert_eq!(times, expected_times);
            proptest::prop_assert_eq!(counts, expected);
        }
    }
}
