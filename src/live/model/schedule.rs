//! The fetch scheduler: which request goes next, how many are in flight, when a failed one
//! is tried again, and how far along a run is. Pure: time is an argument and jitter comes
//! from a seeded generator, so every rule is tested natively; `live::runner` does the I/O.
//!
//! A task is one paged resource (a job's history, the job listing). It sends one request at
//! a time and follows pages until one comes back short (`skip` grows by the page size; the
//! history API never gets `limit=-1`). Tasks run `concurrency` at a time. A retryable failure
//! (429, 5xx, a network error, a cut body) waits an exponential, jittered delay, at least
//! what `Retry-After` asked, then tries the same page again, up to `max_attempts` times.

use std::collections::{HashMap, VecDeque};

/// How hard to push and how patiently to retry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Policy {
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Tries per page, the first included.
    pub max_attempts: u32,
    /// The first retry waits about this long; each later one twice as long.
    pub base_delay_ms: f64,
    /// No backoff delay is longer.
    pub max_delay_ms: f64,
    /// A server's `Retry-After` is honoured up to this long.
    pub max_retry_after_ms: f64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            concurrency: 4,
            max_attempts: 5,
            base_delay_ms: 500.0,
            max_delay_ms: 8_000.0,
            max_retry_after_ms: 120_000.0,
        }
    }
}

/// The allowed range of `Policy::concurrency` (a few in flight: each history call fans out
/// to Tapis' Files service, API.md §4).
pub const CONCURRENCY_RANGE: std::ops::RangeInclusive<usize> = 1..=8;

/// How a task pages: `limit` records a page; stop after `wanted` (else at a short page).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paging {
    pub limit: usize,
    pub wanted: Option<usize>,
}

/// A request to send now.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub key: String,
    pub skip: usize,
    pub limit: usize,
    /// 1 for the first try of this page.
    pub attempt: u32,
}

/// Why a request failed.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// In plain words, without a final period: `Tapis had an internal error`.
    pub reason: String,
    /// What the server or the browser said, as a sentence: `Tapis answered 500:
    /// FILES_TRANSFER_NOT_FOUND …`. Shown after the plain words.
    pub detail: Option<String>,
    pub retryable: bool,
    /// What the server asked for (`Retry-After`), when it could be read.
    pub retry_after_ms: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Queued,
    InFlight,
    /// Backing off until this time.
    Waiting {
        until: f64,
    },
    Done,
    Failed(String),
    Cancelled,
}

/// What a page's arrival means.
#[derive(Debug, Clone, PartialEq)]
pub enum Arrived {
    /// More pages to fetch; the task is queued first.
    More,
    /// The task is complete: every page, in order.
    Finished(Vec<String>),
    /// The task was cancelled meanwhile (or is unknown): the page is dropped.
    Ignored,
}

/// What a failure means.
#[derive(Debug, Clone, PartialEq)]
pub enum Setback {
    RetryIn(f64),
    GaveUp(String),
    Ignored,
}

/// A run's numbers, for the progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Progress {
    pub total: usize,
    pub done: usize,
    pub failed: usize,
    pub cancelled: usize,
    pub in_flight: usize,
    /// Backing off before a retry.
    pub waiting: usize,
    pub requests: usize,
    pub retries: usize,
    pub elapsed_ms: f64,
    /// Time left at the rate tasks have finished so far; `None` before the first.
    pub eta_ms: Option<f64>,
}

impl Progress {
    /// Done or failed: nothing more will happen to them.
    pub fn finished(&self) -> usize {
        self.done + self.failed
    }

    pub fn active(&self) -> bool {
        self.finished() + self.cancelled < self.total
    }
}

struct Task {
    key: String,
    paging: Paging,
    skip: usize,
    pages: Vec<String>,
    /// Tries of the current page so far.
    attempt: u32,
    /// Why the earlier tries of the current page failed, oldest first.
    earlier: Vec<Failure>,
    status: Status,
}

/// See the module documentation.
pub struct Scheduler {
    policy: Policy,
    tasks: Vec<Task>,
    index: HashMap<String, usize>,
    queue: VecDeque<usize>,
    rng: u64,
    requests: usize,
    retries: usize,
    /// When the current round (from idle to idle) began, and how many tasks had
    /// finished then; `None` while idle.
    round: Option<(f64, usize)>,
    /// How long the last round took, shown once it is over.
    last_elapsed: f64,
}

impl Scheduler {
    pub fn new(policy: Policy, seed: u64) -> Scheduler {
        Scheduler {
            policy,
            tasks: Vec::new(),
            index: HashMap::new(),
            queue: VecDeque::new(),
            rng: seed ^ 0x9E37_79B9_7F4A_7C15,
            requests: 0,
            retries: 0,
            round: None,
            last_elapsed: 0.0,
        }
    }

    pub fn policy(&self) -> Policy {
        self.policy
    }

    /// Changes how many requests may be in flight; takes effect at the next `poll`.
    pub fn set_concurrency(&mut self, n: usize) {
        self.policy.concurrency = n.clamp(*CONCURRENCY_RANGE.start(), *CONCURRENCY_RANGE.end());
    }

    /// Queues a task. A task already known is queued again (from its first page) only when
    /// it is over (done, failed or cancelled): that is how "retry" and "refresh" work.
    pub fn add(&mut self, key: &str, paging: Paging) {
        match self.index.get(key) {
            Some(&i) => {
                let task = &mut self.tasks[i];
                if matches!(
                    task.status,
                    Status::Done | Status::Failed(_) | Status::Cancelled
                ) {
                    *task = Task::new(key, paging);
                    self.queue.push_back(i);
                }
            }
            None => {
                self.index.insert(key.to_string(), self.tasks.len());
                self.tasks.push(Task::new(key, paging));
                self.queue.push_back(self.tasks.len() - 1);
            }
        }
    }

    /// The requests to send now: retries that are due first, then queued tasks, while
    /// fewer than `concurrency` are in flight.
    pub fn poll(&mut self, now: f64) -> Vec<Request> {
        let mut slots = self
            .policy
            .concurrency
            .saturating_sub(self.count(|s| *s == Status::InFlight));
        let mut due: Vec<(f64, usize)> = self
            .tasks
            .iter()
            .enumerate()
            .filter_map(|(i, t)| match t.status {
                Status::Waiting { until } if until <= now => Some((until, i)),
                _ => None,
            })
            .collect();
        tapis_profile::sort::sort_by(&mut due, |a, b| a.0.total_cmp(&b.0));
        let mut order: VecDeque<usize> = due.into_iter().map(|(_, i)| i).collect();
        let mut out = Vec::new();
        while slots > 0 {
            let next = match order.pop_front() {
                Some(i) => Some(i),
                None => self.queue.pop_front(),
            };
            let Some(i) = next else { break };
            let task = &mut self.tasks[i];
            if !matches!(task.status, Status::Queued | Status::Waiting { .. }) {
                continue; // cancelled while queued
            }
            task.status = Status::InFlight;
            task.attempt += 1;
            if task.attempt > 1 {
                self.retries += 1;
            }
            self.requests += 1;
            out.push(Request {
                key: task.key.clone(),
                skip: task.skip,
                limit: task.page_limit(),
                attempt: task.attempt,
            });
            slots -= 1;
        }
        if !out.is_empty() && self.round.is_none() {
            self.round = Some((
                now,
                self.count(|s| matches!(s, Status::Done | Status::Failed(_))),
            ));
        }
        out
    }

    /// A page of `records` records arrived for `key`.
    pub fn arrived(&mut self, key: &str, now: f64, page: String, records: usize) -> Arrived {
        let Some(i) = self.in_flight(key) else {
            return Arrived::Ignored;
        };
        let task = &mut self.tasks[i];
        let limit = task.page_limit();
        task.pages.push(page);
        task.skip += records;
        task.attempt = 0;
        task.earlier.clear();
        let enough = task.paging.wanted.is_some_and(|w| task.skip >= w);
        if records < limit || enough || records == 0 {
            task.status = Status::Done;
            let pages = std::mem::take(&mut task.pages);
            self.end_round_if_idle(now);
            Arrived::Finished(pages)
        } else {
            task.status = Status::Queued;
            self.queue.push_front(i);
            Arrived::More
        }
    }

    /// A request for `key` failed.
    pub fn failed(&mut self, key: &str, now: f64, failure: Failure) -> Setback {
        let Some(i) = self.in_flight(key) else {
            return Setback::Ignored;
        };
        let attempt = self.tasks[i].attempt;
        if !failure.retryable || attempt >= self.policy.max_attempts {
            let reason = gave_up_words(&failure, attempt, &self.tasks[i].earlier);
            self.tasks[i].status = Status::Failed(reason.clone());
            self.tasks[i].pages.clear();
            self.end_round_if_idle(now);
            return Setback::GaveUp(reason);
        }
        let delay = self.backoff(attempt, failure.retry_after_ms);
        self.tasks[i].earlier.push(failure);
        self.tasks[i].status = Status::Waiting { until: now + delay };
        Setback::RetryIn(delay)
    }

    /// Stops the run: nothing queued, waiting or in flight goes on (pages already
    /// collected by unfinished tasks are dropped; finished tasks keep theirs delivered).
    /// Returns how many tasks were stopped.
    pub fn cancel(&mut self, now: f64) -> usize {
        let mut n = 0;
        for task in &mut self.tasks {
            if matches!(
                task.status,
                Status::Queued | Status::InFlight | Status::Waiting { .. }
            ) {
                task.status = Status::Cancelled;
                task.pages.clear();
                n += 1;
            }
        }
        self.queue.clear();
        self.end_round_if_idle(now);
        n
    }

    /// When the earliest retry is due, if any task is backing off.
    pub fn next_wake(&self) -> Option<f64> {
        self.tasks
            .iter()
            .filter_map(|t| match t.status {
                Status::Waiting { until } => Some(until),
                _ => None,
            })
            .min_by(f64::total_cmp)
    }

    /// Nothing queued, in flight or waiting.
    pub fn is_idle(&self) -> bool {
        !self.tasks.iter().any(|t| {
            matches!(
                t.status,
                Status::Queued | Status::InFlight | Status::Waiting { .. }
            )
        })
    }

    pub fn status(&self, key: &str) -> Option<&Status> {
        self.index.get(key).map(|&i| &self.tasks[i].status)
    }

    /// Failed tasks and why, in the order they were added.
    pub fn failures(&self) -> Vec<(String, String)> {
        self.tasks
            .iter()
            .filter_map(|t| match &t.status {
                Status::Failed(why) => Some((t.key.clone(), why.clone())),
                _ => None,
            })
            .collect()
    }

    /// Keys of the tasks that were cancelled.
    pub fn cancelled(&self) -> Vec<String> {
        self.tasks
            .iter()
            .filter(|t| t.status == Status::Cancelled)
            .map(|t| t.key.clone())
            .collect()
    }

    pub fn progress(&self, now: f64) -> Progress {
        let finished = self.count(|s| matches!(s, Status::Done | Status::Failed(_)));
        let mut p = Progress {
            total: self.tasks.len(),
            done: self.count(|s| *s == Status::Done),
            failed: self.count(|s| matches!(s, Status::Failed(_))),
            cancelled: self.count(|s| *s == Status::Cancelled),
            in_flight: self.count(|s| *s == Status::InFlight),
            waiting: self.count(|s| matches!(s, Status::Waiting { .. })),
            requests: self.requests,
            retries: self.retries,
            elapsed_ms: 0.0,
            eta_ms: None,
        };
        let left = p.total - finished - p.cancelled;
        match self.round {
            Some((start, finished_before)) => {
                p.elapsed_ms = (now - start).max(0.0);
                let in_round = finished.saturating_sub(finished_before);
                if in_round > 0 {
                    p.eta_ms = Some(p.elapsed_ms / in_round as f64 * left as f64);
                }
            }
            None => {
                p.elapsed_ms = self.last_elapsed;
                p.eta_ms = (left == 0).then_some(0.0);
            }
        }
        p
    }

    fn count(&self, pred: impl Fn(&Status) -> bool) -> usize {
        self.tasks.iter().filter(|t| pred(&t.status)).count()
    }

    fn in_flight(&self, key: &str) -> Option<usize> {
        let &i = self.index.get(key)?;
        (self.tasks[i].status == Status::InFlight).then_some(i)
    }

    /// Closes the round once nothing is left to do, keeping how long it took.
    fn end_round_if_idle(&mut self, now: f64) {
        if self.is_idle() {
            if let Some((start, _)) = self.round.take() {
                self.last_elapsed = (now - start).max(0.0);
            }
        }
    }

    /// The wait before try `attempt + 1`: `base × 2^(attempt-1)`, capped, with "equal
    /// jitter" (half fixed, half random) so that many clients do not retry in step;
    /// never shorter than what `Retry-After` asked.
    fn backoff(&mut self, attempt: u32, retry_after_ms: Option<f64>) -> f64 {
        let exp = (self.policy.base_delay_ms * 2f64.powi(attempt.saturating_sub(1) as i32))
            .min(self.policy.max_delay_ms);
        let jittered = exp / 2.0 + self.unit() * exp / 2.0;
        match retry_after_ms {
            Some(asked) => jittered.max(asked.min(self.policy.max_retry_after_ms)),
            None => jittered,
        }
    }

    /// A uniform number in [0, 1) (splitmix64).
    fn unit(&mut self) -> f64 {
        self.rng = self.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Why a task gave up, plain words first: the last reason (and how many tries), the other
/// reasons the earlier tries met, then what was said, the last try's first (what Tapis
/// said on an earlier try stays: a cut connection on the last says less).
/// `Tapis had an internal error; gave up after 5 tries. Earlier tries: the answer was cut
/// off. Tapis answered 500: FILES_TRANSFER_NOT_FOUND … The browser said: …`
fn gave_up_words(last: &Failure, attempts: u32, earlier: &[Failure]) -> String {
    /// Each reason once (case aside), but `except`, in mid-sentence case ("the answer…",
    /// "Tapis…").
    fn distinct<'a>(items: impl Iterator<Item = &'a str>, except: &str) -> Vec<String> {
        let key = |s: &str| s.trim_end_matches('.').to_lowercase();
        let mut out: Vec<String> = Vec::new();
        for item in items {
            let item = item.trim_end_matches('.');
            if key(item) != key(except) && !out.iter().any(|o| key(o) == key(item)) {
                let mut chars = item.chars();
                out.push(match chars.next() {
                    Some(c) if !item.starts_with("Tapis") => {
                        c.to_lowercase().chain(chars).collect()
                    }
                    _ => item.to_string(),
                });
            }
        }
        out
    }
    let mut text = last.reason.trim_end_matches('.').to_string();
    if last.retryable && attempts > 1 {
        text.push_str(&format!("; gave up after {attempts} tries"));
    }
    text.push('.');
    let reasons = distinct(earlier.iter().map(|f| f.reason.as_str()), &last.reason);
    if !reasons.is_empty() {
        text.push_str(&format!(" Earlier tries: {}.", reasons.join("; ")));
    }
    let said = last
        .detail
        .iter()
        .chain(earlier.iter().rev().filter_map(|f| f.detail.as_ref()));
    let mut seen: Vec<&str> = Vec::new();
    for detail in said {
        if !seen.contains(&detail.as_str()) {
            seen.push(detail);
            text.push(' ');
            text.push_str(detail);
        }
    }
    text
}

impl Task {
    fn new(key: &str, paging: Paging) -> Task {
        Task {
            key: key.to_string(),
            paging: Paging {
                limit: paging.limit.max(1),
                wanted: paging.wanted,
            },
            skip: 0,
            pages: Vec::new(),
            attempt: 0,
            earlier: Vec::new(),
            status: Status::Queued,
        }
    }

    /// The page size, or less when fewer records are still wanted.
    fn page_limit(&self) -> usize {
        match self.paging.wanted {
            Some(w) => self.paging.limit.min(w.saturating_sub(self.skip)).max(1),
            None => self.paging.limit,
        }
    }
}

#[cfg(test)]
mod tests;
