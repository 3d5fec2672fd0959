//! Drives a [`Scheduler`] with real requests: the edge between the pure schedule and the
//! network. One runner is one run (the listing, or a set of histories); dropping it aborts
//! whatever is in flight.
//!
//! Reports go out through one callback ([`RunEvent`]), never while the runner's own state is
//! borrowed, so a listener may cancel or drop the runner from inside it. Progress goes out
//! every [`TICK_MS`]; histories in batches (and at the end), because each batch makes the
//! app re-analyse and redraw every job, on the thread that also sends the next requests:
//! with hundreds of jobs on the page that work, not the network, would otherwise set the
//! pace. A batch goes out at most every [`DELIVERY_MS`], and less often when batches take
//! long: the runner times each one and waits [`DELIVERY_SHARE`]⁻¹ times as long (20), so
//! the page's work takes at most that share of the run and the requests keep flowing.
//!
//! Nothing is sent after the session's `send_until` (a margin before the token's `exp`):
//! the run stops and reports [`RunEvent::Expired`]. A listing whose first request gets no
//! answer at all (the page's CSP, CORS, no network) is not retried: the runner finds out
//! which ([`http::diagnose`]) and reports [`RunEvent::Unreachable`].

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo::timers::callback::{Interval, Timeout};
use tapis_profile::import::api_response::{read_history_page, read_search_page, JobSummary};
use web_sys::AbortController;
use yew::platform::spawn_local;
use yew::Callback;

use super::http::{self, NetError};
use super::model::api::{self, Filters, Verdict, HISTORY_LIMIT, SEARCH_LIMIT};
use super::model::blocked::Blocked;
use super::model::schedule::{Arrived, Failure, Paging, Policy, Progress, Scheduler};
use super::model::token::Token;

/// How often progress is reported while a run is on.
pub const TICK_MS: u32 = 250;
/// How often, at most, arrived histories are handed to the app while a run is on.
pub const DELIVERY_MS: f64 = 1000.0;
/// The most of a run's time that handing histories to the app may take. Each batch
/// re-analyses every job on the page (500 jobs: 0.2–0.5 s on two busy cores), and while it
/// runs no answer is read and no request is sent: the live benchmark measured 8 points of
/// efficiency lost to batches at a tenth of the time, against one batch at the end.
pub const DELIVERY_SHARE: f64 = 0.05;

/// The listing's task key (no job UUID looks like it).
const LISTING: &str = "(listing)";

pub enum RunEvent {
    /// The listing is complete: its pages as Tapis sent them (one envelope a line).
    Listed {
        text: String,
        jobs: Vec<JobSummary>,
        total: Option<usize>,
    },
    /// The listing failed (after retries).
    ListingFailed(String),
    /// Histories that arrived since the last report: (job UUID, its pages, one a line).
    Histories(Vec<(String, String)>),
    Progress {
        progress: Progress,
        failures: Vec<(String, String)>,
    },
    /// Tapis answered 401: the run stopped; the token must be forgotten.
    Refused(String),
    /// The session's time to send is over (a margin before the token's `exp`): the run
    /// stopped; the token must be forgotten.
    Expired,
    /// The listing's first request got no answer: why (not retried).
    Unreachable(Blocked),
    Ended {
        cancelled: bool,
    },
}

pub struct Runner(Rc<RefCell<Inner>>);

/// The token, and until when (ms) it may be sent.
#[derive(Clone)]
pub struct Credentials {
    pub token: Rc<Token>,
    pub send_until_ms: f64,
}

struct Inner {
    schedule: Scheduler,
    base: String,
    filters: Filters,
    token: Rc<Token>,
    /// No request is sent from this time on (ms).
    send_until: f64,
    /// Some answer came from the tenant in this run.
    answered: bool,
    abort: AbortController,
    on_event: Callback<RunEvent>,
    listed: Vec<JobSummary>,
    total: Option<usize>,
    delivered: Vec<(String, String)>,
    /// No batch of histories goes out before this time (ms), unless the run is over.
    next_delivery: f64,
    /// A listing run reports `Listed`, not progress.
    is_listing: bool,
    wake: Option<Timeout>,
    /// Times the last batch of histories (see [`emit`]).
    timing: Option<Timeout>,
    ticker: Option<Interval>,
    over: bool,
}

use crate::edge::clock::now_ms as now;

impl Runner {
    /// Lists the user's jobs (`filters.count` of them, newest first), page by page.
    pub fn listing(
        base: &str,
        filters: Filters,
        credentials: Credentials,
        policy: Policy,
        on_event: Callback<RunEvent>,
    ) -> Runner {
        let wanted = filters.count.clamp(1, api::MAX_JOBS);
        let runner = Runner::new(base, filters, credentials, policy, on_event);
        {
            let mut inner = runner.0.borrow_mut();
            inner.is_listing = true;
            inner.schedule.add(
                LISTING,
                Paging {
                    limit: SEARCH_LIMIT,
                    wanted: Some(wanted),
                },
            );
        }
        runner.start();
        runner
    }

    /// Fetches the histories of `uuids`, following pages past 100 events.
    pub fn histories(
        base: &str,
        uuids: &[String],
        credentials: Credentials,
        policy: Policy,
        on_event: Callback<RunEvent>,
    ) -> Runner {
        let runner = Runner::new(base, Filters::default(), credentials, policy, on_event);
        for uuid in uuids {
            runner.0.borrow_mut().schedule.add(uuid, history_paging());
        }
        runner.start();
        runner
    }

    fn new(
        base: &str,
        filters: Filters,
        credentials: Credentials,
        policy: Policy,
        on_event: Callback<RunEvent>,
    ) -> Runner {
        Runner(Rc::new(RefCell::new(Inner {
            schedule: Scheduler::new(policy, now() as u64),
            base: base.to_string(),
            filters,
            token: credentials.token,
            send_until: credentials.send_until_ms,
            answered: false,
            abort: AbortController::new().expect("AbortController exists in every browser"),
            on_event,
            listed: Vec::new(),
            total: None,
            delivered: Vec::new(),
            next_delivery: 0.0,
            is_listing: false,
            wake: None,
            timing: None,
            ticker: None,
            over: false,
        })))
    }

    fn start(&self) {
        let weak = Rc::downgrade(&self.0);
        self.0.borrow_mut().ticker = Some(Interval::new(TICK_MS, move || {
            if let Some(inner) = weak.upgrade() {
                let events = inner.borrow_mut().report(false);
                emit(&inner, events);
            }
        }));
        pump(&self.0);
    }

    /// Is the run still going?
    pub fn running(&self) -> bool {
        !self.0.borrow().over
    }

    /// Adds a job to a run that is still going (a "retry" pressed meanwhile). Returns
    /// `false` when the run is over: start a new one.
    pub fn add(&self, uuid: &str) -> bool {
        if !self.running() {
            return false;
        }
        self.0.borrow_mut().schedule.add(uuid, history_paging());
        pump(&self.0);
        true
    }

    pub fn set_concurrency(&self, n: usize) {
        self.0.borrow_mut().schedule.set_concurrency(n);
        pump(&self.0);
    }

    /// Stops the run; what arrived is reported before it ends.
    pub fn cancel(&self) {
        let events = {
            let mut inner = self.0.borrow_mut();
            if inner.over {
                return;
            }
            inner.abort.abort();
            let now = now();
            inner.schedule.cancel(now);
            inner.finish(true)
        };
        emit(&self.0, events);
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        // Nothing reports after the panel lets go of a run.
        let mut inner = self.0.borrow_mut();
        inner.abort.abort();
        inner.ticker = None;
        inner.wake = None;
        inner.over = true;
    }
}

fn history_paging() -> Paging {
    Paging {
        limit: HISTORY_LIMIT,
        wanted: None,
    }
}

/// Sends what the schedule allows, and sets the timer for the next retry; stops the run
/// once the token may no longer be sent.
fn pump(rc: &Rc<RefCell<Inner>>) {
    if !rc.borrow().over && now() >= rc.borrow().send_until {
        let events = rc.borrow_mut().stop_with(RunEvent::Expired);
        return emit(rc, events);
    }
    let starts = {
        let mut inner = rc.borrow_mut();
        if inner.over {
            return;
        }
        let now = now();
        let requests = inner.schedule.poll(now);
        let starts: Vec<(String, String)> = requests
            .into_iter()
            .map(|r| {
                let url = if r.key == LISTING {
                    api::search_url(&inner.base, &inner.filters, r.skip, r.limit)
                } else {
                    api::history_url(&inner.base, &r.key, r.skip)
                };
                (r.key, url)
            })
            .collect();
        inner.wake = inner.schedule.next_wake().map(|at| {
            let weak = Rc::downgrade(rc);
            Timeout::new((at - now).clamp(0.0, 3.6e6) as u32, move || {
                if let Some(inner) = weak.upgrade() {
                    pump(&inner);
                }
            })
        });
        starts
    };
    for (key, url) in starts {
        let (token, signal) = {
            let inner = rc.borrow();
            (inner.token.clone(), inner.abort.signal())
        };
        let weak: Weak<RefCell<Inner>> = Rc::downgrade(rc);
        spawn_local(async move {
            let answer = http::get(&url, &token, &signal).await;
            let first_contact = weak
                .upgrade()
                .is_some_and(|rc| rc.borrow().is_listing && !rc.borrow().answered);
            let blocked = match &answer {
                Err(NetError::Policy) => Some(Blocked::Policy),
                Err(NetError::Network {
                    answered: false, ..
                }) if first_contact => Some(http::diagnose(&url).await),
                _ => None,
            };
            let Some(rc) = weak.upgrade() else { return };
            let events = match blocked {
                Some(why) if !rc.borrow().over => {
                    rc.borrow_mut().stop_with(RunEvent::Unreachable(why))
                }
                Some(_) => Vec::new(),
                None => rc.borrow_mut().settle(&key, answer),
            };
            emit(&rc, events);
            pump(&rc);
        });
    }
}

/// Reports `events`. A batch of histories is timed: the app's work on it (its reducer, and
/// the render that follows in microtasks, so up to the next task: a zero timeout) sets when
/// the next may go ([`DELIVERY_SHARE`]).
fn emit(rc: &Rc<RefCell<Inner>>, events: Vec<RunEvent>) {
    if events.is_empty() {
        return;
    }
    let on_event = rc.borrow().on_event.clone();
    for event in events {
        let batch = matches!(event, RunEvent::Histories(_));
        let started = now();
        on_event.emit(event);
        if batch {
            let weak = Rc::downgrade(rc);
            let timer = Timeout::new(0, move || {
                if let Some(rc) = weak.upgrade() {
                    let took = now() - started;
                    rc.borrow_mut().next_delivery =
                        started + took + DELIVERY_MS.max(took / DELIVERY_SHARE);
                }
            });
            if let Ok(mut inner) = rc.try_borrow_mut() {
                inner.timing = Some(timer);
            }
        }
    }
}

impl Inner {
    /// Applies one answer to the schedule; returns what to report.
    fn settle(&mut self, key: &str, answer: Result<http::Answer, NetError>) -> Vec<RunEvent> {
        if self.over {
            return Vec::new();
        }
        let now = now();
        let answer = match answer {
            Ok(answer) => answer,
            Err(NetError::Aborted | NetError::Policy) => return Vec::new(),
            Err(NetError::Network { answered, said }) => {
                let words = if answered {
                    "The answer was cut off"
                } else {
                    "The connection failed"
                };
                let failure = Failure {
                    reason: words.into(),
                    detail: Some(format!("The browser said: {said}.")),
                    retryable: true,
                    retry_after_ms: None,
                };
                self.schedule.failed(key, now, failure);
                return self.end_if_idle();
            }
        };
        self.answered = true;
        match api::classify(answer.status, &answer.body) {
            Verdict::Ok => self.page(key, now, answer.body),
            Verdict::Unauthorized(said) => {
                let said = self.token.redact(&said);
                self.stop_with(RunEvent::Refused(said))
            }
            Verdict::Retry(mut failure) => {
                failure.detail = failure.detail.map(|d| self.token.redact(&d));
                failure.retry_after_ms = answer.retry_after_ms;
                self.schedule.failed(key, now, failure);
                self.end_if_idle()
            }
            Verdict::Fail(mut failure) => {
                failure.detail = failure.detail.map(|d| self.token.redact(&d));
                self.schedule.failed(key, now, failure);
                self.end_if_idle()
            }
        }
    }

    /// A 200 answer: read it (a cut or garbled body is retried), then follow its pages.
    fn page(&mut self, key: &str, now: f64, body: String) -> Vec<RunEvent> {
        let records = if key == LISTING {
            read_search_page(&body).map(|page| {
                let n = page.jobs.len();
                self.total = page.total.or(self.total);
                self.listed.extend(page.jobs);
                n
            })
        } else {
            read_history_page(&body)
        };
        let records = match records {
            Ok(n) => n,
            Err(problem) => {
                let failure = Failure {
                    reason: "Tapis' answer could not be read".into(),
                    detail: Some(format!("The answer: {}.", problem.0)),
                    retryable: true,
                    retry_after_ms: None,
                };
                self.schedule.failed(key, now, failure);
                return self.end_if_idle();
            }
        };
        match self.schedule.arrived(key, now, body, records) {
            Arrived::Finished(pages) if key == LISTING => {
                let listed = std::mem::take(&mut self.listed);
                let mut events = vec![RunEvent::Listed {
                    text: pages.join("\n"),
                    jobs: dedupe(listed),
                    total: self.total,
                }];
                events.extend(self.end_if_idle());
                events
            }
            Arrived::Finished(pages) => {
                self.delivered.push((key.to_string(), pages.join("\n")));
                self.end_if_idle()
            }
            Arrived::More | Arrived::Ignored => Vec::new(),
        }
    }

    /// Stops everything at once (nothing more is sent) and reports `why` first.
    fn stop_with(&mut self, why: RunEvent) -> Vec<RunEvent> {
        self.abort.abort();
        self.schedule.cancel(now());
        let mut events = self.finish(true);
        events.insert(0, why);
        events
    }

    fn end_if_idle(&mut self) -> Vec<RunEvent> {
        if self.schedule.is_idle() {
            self.finish(false)
        } else {
            Vec::new()
        }
    }

    /// The run is over: last report, then `Ended`.
    fn finish(&mut self, cancelled: bool) -> Vec<RunEvent> {
        self.over = true;
        self.ticker = None;
        self.wake = None;
        let mut events = self.report(true);
        if let Some((_, why)) = self
            .schedule
            .failures()
            .into_iter()
            .find(|(k, _)| k == LISTING)
        {
            events.push(RunEvent::ListingFailed(why));
        }
        events.push(RunEvent::Ended { cancelled });
        events
    }

    /// The progress and the failures; histories that arrived, when a batch is due (or
    /// `last`).
    fn report(&mut self, last: bool) -> Vec<RunEvent> {
        if self.is_listing {
            return Vec::new();
        }
        let now = now();
        let mut events = Vec::new();
        if !self.delivered.is_empty() && (last || now >= self.next_delivery) {
            events.push(RunEvent::Histories(std::mem::take(&mut self.delivered)));
            self.next_delivery = now + DELIVERY_MS;
        }
        events.push(RunEvent::Progress {
            progress: self.schedule.progress(now),
            failures: self.schedule.failures(),
        });
        events
    }
}

/// A job listed twice (a job created while paging shifts the pages) is kept once.
fn dedupe(jobs: Vec<JobSummary>) -> Vec<JobSummary> {
    let mut seen = std::collections::HashSet::new();
    jobs.into_iter()
        .filter(|j| seen.insert(j.uuid.clone()))
        .collect()
}
