//! The live panel's state and every way it changes: one pure reducer, like the page's
//! (`model::page_reducer`). The token is not here: only what it said about itself
//! ([`Session`]). The panel's components render this; `live::runner` reports into it.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use tapis_profile::import::api_response::JobSummary;

use super::api::Filters;
use super::blocked::Blocked;
use super::schedule::{Policy, Progress};
use super::session::Session;
use super::tenant::Tenant;
use crate::model::words::{self, format_duration};

/// Why the token was forgotten.
#[derive(Debug, Clone, PartialEq)]
pub enum Forget {
    /// "Forget token" was pressed.
    Asked,
    /// Its expiry time is near ([`super::session::EXPIRY_MARGIN_S`]).
    Expired,
    /// Tapis answered 401 (what Tapis said).
    Refused(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Error(String),
    Info(String),
}

/// What the panel is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Busy {
    Listing,
    Fetching,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LiveState {
    pub session: Option<Session>,
    /// Tenant URL and user of the last session: a new one elsewhere starts afresh.
    last_identity: Option<(String, String)>,
    /// The last session's tenant: the connect form offers it again (after a 401, say).
    last_tenant: Option<Tenant>,
    pub notice: Option<Notice>,
    pub filters: Filters,
    pub concurrency: usize,
    /// The last listing, newest first.
    pub jobs: Rc<Vec<JobSummary>>,
    /// How many jobs matched the filters (Tapis' `totalCount`).
    pub total: Option<usize>,
    pub listed: bool,
    /// Jobs the user unticked (all listed jobs are chosen by default).
    pub deselected: Rc<BTreeSet<String>>,
    /// Job → the `lastUpdated` it had when its history was fetched.
    pub fetched: Rc<BTreeMap<String, Option<String>>>,
    /// Jobs whose history could not be fetched, and why.
    pub failed: Rc<BTreeMap<String, String>>,
    pub busy: Option<Busy>,
    /// The last history run's numbers.
    pub progress: Option<Progress>,
    /// The last history run was stopped (cancelled, or the token refused) before the end.
    pub stopped: bool,
    /// The listing on its way is a refresh: fetch what changed once it arrives.
    then_fetch: bool,
    /// A refresh's listing arrived: the panel should now fetch [`LiveState::to_fetch`].
    pub fetch_due: bool,
}

impl Default for LiveState {
    fn default() -> Self {
        LiveState {
            session: None,
            last_identity: None,
            last_tenant: None,
            notice: None,
            filters: Filters::default(),
            concurrency: Policy::default().concurrency,
            jobs: Rc::default(),
            total: None,
            listed: false,
            deselected: Rc::default(),
            fetched: Rc::default(),
            failed: Rc::default(),
            busy: None,
            progress: None,
            stopped: false,
            then_fetch: false,
            fetch_due: false,
        }
    }
}

pub enum LiveAction {
    Connected(Session),
    /// Connecting was refused before anything was sent.
    Refused(String),
    Forget(Forget),
    SetFilters(Filters),
    SetConcurrency(usize),
    /// Listing began; `then_fetch` for a refresh (fetch what changed once listed).
    ListingStarted {
        then_fetch: bool,
    },
    Listed {
        jobs: Vec<JobSummary>,
        total: Option<usize>,
    },
    /// The listing could not be fetched.
    ListingFailed(String),
    /// The listing's first request got no answer at all (not retried).
    Unreachable(Blocked),
    Toggle(String),
    ChooseAll(bool),
    /// Fetching these jobs' histories began.
    FetchStarted(Vec<String>),
    /// A refresh found nothing new, changed or live to fetch.
    NothingToFetch,
    /// These failed jobs were queued again in the run that is on.
    Retrying(Vec<String>),
    /// These jobs' histories arrived (and were handed to the app).
    Fetched(Vec<String>),
    Progress {
        progress: Progress,
        failures: Vec<(String, String)>,
    },
    /// The run is over (`cancelled`: stopped by the user).
    RunEnded {
        cancelled: bool,
    },
}

impl LiveState {
    pub fn apply(mut self, action: LiveAction) -> LiveState {
        match action {
            LiveAction::Connected(session) => {
                let identity = (session.tenant.base_url.clone(), session.user.clone());
                if self.last_identity.as_ref() != Some(&identity) {
                    self = LiveState {
                        filters: self.filters,
                        concurrency: self.concurrency,
                        ..LiveState::default()
                    };
                }
                self.last_identity = Some(identity);
                self.last_tenant = Some(session.tenant.clone());
                self.session = Some(session);
                self.notice = None;
            }
            LiveAction::Refused(why) => self.notice = Some(Notice::Error(why)),
            LiveAction::Forget(why) => {
                self.stopped |= self.busy == Some(Busy::Fetching);
                self.session = None;
                self.busy = None;
                self.notice = Some(match why {
                    Forget::Asked => Notice::Info(
                        "The token is forgotten. What was fetched stays on the page.".into(),
                    ),
                    Forget::Expired => Notice::Error(
                        "The token expires in a moment, so it is forgotten and nothing more is \
                         sent. What was fetched stays; paste a new token to fetch more."
                            .into(),
                    ),
                    Forget::Refused(tapis) => Notice::Error(format!(
                        "Tapis refused the token (it expired, was revoked, or is not valid for \
                         this tenant), so it is forgotten. What was fetched stays; paste a new \
                         token to fetch the rest. {tapis}"
                    )),
                });
            }
            LiveAction::SetFilters(filters) => self.filters = filters,
            LiveAction::SetConcurrency(n) => self.concurrency = n,
            LiveAction::ListingStarted { then_fetch } => {
                self.busy = Some(Busy::Listing);
                self.notice = None;
                self.then_fetch = then_fetch;
            }
            LiveAction::Listed { jobs, total } => {
                self.busy = None;
                self.notice = jobs
                    .is_empty()
                    .then(|| Notice::Info("No jobs match these filters.".into()));
                self.jobs = Rc::new(jobs);
                self.total = total;
                self.listed = true;
                self.fetch_due = std::mem::take(&mut self.then_fetch);
            }
            LiveAction::ListingFailed(why) => {
                self.busy = None;
                self.then_fetch = false;
                self.notice = Some(Notice::Error(format!(
                    "The jobs could not be listed. {why}"
                )));
            }
            LiveAction::Unreachable(blocked) => {
                self.busy = None;
                self.then_fetch = false;
                let base = self
                    .session
                    .as_ref()
                    .map_or("the tenant", |s| s.tenant.base_url.as_str());
                self.notice = Some(Notice::Error(blocked.explain(base)));
            }
            LiveAction::Toggle(uuid) => {
                let set = Rc::make_mut(&mut self.deselected);
                if !set.remove(&uuid) {
                    set.insert(uuid);
                }
            }
            LiveAction::ChooseAll(all) => {
                self.deselected = Rc::new(if all {
                    BTreeSet::new()
                } else {
                    self.jobs.iter().map(|j| j.uuid.clone()).collect()
                });
            }
            LiveAction::FetchStarted(uuids) => {
                self.busy = Some(Busy::Fetching);
                self.stopped = false;
                self.fetch_due = false;
                // The bar and Cancel show at once, before the first answer.
                self.progress = Some(Progress {
                    total: uuids.len(),
                    ..Progress::default()
                });
                let failed = Rc::make_mut(&mut self.failed);
                for uuid in &uuids {
                    failed.remove(uuid);
                }
            }
            LiveAction::NothingToFetch => {
                self.fetch_due = false;
                self.notice = Some(Notice::Info(
                    "Nothing new, changed or still active to fetch.".into(),
                ));
            }
            LiveAction::Retrying(uuids) => {
                let failed = Rc::make_mut(&mut self.failed);
                for uuid in &uuids {
                    failed.remove(uuid);
                }
            }
            LiveAction::Fetched(uuids) => {
                let fetched = Rc::make_mut(&mut self.fetched);
                let failed = Rc::make_mut(&mut self.failed);
                for uuid in uuids {
                    let updated = self
                        .jobs
                        .iter()
                        .find(|j| j.uuid == uuid)
                        .and_then(|j| j.last_updated.clone());
                    failed.remove(&uuid);
                    fetched.insert(uuid, updated);
                }
            }
            LiveAction::Progress { progress, failures } => {
                self.progress = Some(progress);
                if !failures.is_empty() {
                    Rc::make_mut(&mut self.failed).extend(failures);
                }
            }
            LiveAction::RunEnded { cancelled } => {
                if self.busy == Some(Busy::Fetching) {
                    self.stopped = cancelled;
                }
                self.busy = None;
            }
        }
        self
    }

    /// The listed jobs the user has chosen, newest first.
    pub fn chosen(&self) -> Vec<&JobSummary> {
        self.jobs
            .iter()
            .filter(|j| !self.deselected.contains(&j.uuid))
            .collect()
    }

    /// The chosen jobs whose history should be fetched: never fetched, changed since
    /// (`lastUpdated` differs), or still live (their history grows). This is what
    /// "Fetch" and "Refresh" fetch.
    pub fn to_fetch(&self) -> Vec<String> {
        self.chosen()
            .into_iter()
            .filter(|j| j.is_live() || self.fetched.get(&j.uuid) != Some(&j.last_updated))
            .map(|j| j.uuid.clone())
            .collect()
    }

    /// The panel's summary line: who is connected where, or what to do first.
    pub fn summary(&self) -> String {
        match &self.session {
            Some(s) => format!("connected as {} to {}", s.user, s.tenant.id),
            None => "paste a token to list and profile your jobs".to_string(),
        }
    }

    /// What the panel is busy with, when it says so: `Listing your jobs…`.
    pub fn busy_words(&self) -> Option<&'static str> {
        match self.busy {
            Some(Busy::Listing) => Some("Listing your jobs…"),
            _ => None,
        }
    }

    /// The app ids of the listed jobs, sorted, once each: the listing form's suggestions.
    pub fn apps(&self) -> Vec<String> {
        let mut apps: Vec<String> = self.jobs.iter().filter_map(|j| j.app_id.clone()).collect();
        tapis_profile::sort::sort_by(&mut apps, |a, b| a.cmp(b));
        apps.dedup();
        apps
    }

    /// The jobs whose history could not be fetched: (UUID, name, why), by UUID.
    pub fn failures(&self) -> Vec<(String, String, String)> {
        self.failed
            .iter()
            .map(|(uuid, why)| (uuid.clone(), self.job_name(uuid).to_string(), why.clone()))
            .collect()
    }

    /// The picker's heading: `Your newest 100 of 200 matching jobs`, `16 jobs`.
    pub fn listing_title(&self) -> String {
        let listed = self.jobs.len();
        match self.total {
            Some(total) if total > listed => format!(
                "Your newest {} of {} matching jobs",
                words::thousands(listed),
                words::thousands(total)
            ),
            _ => words::count(listed, "job"),
        }
    }

    /// The chosen jobs to fetch, by why: (never fetched, changed since fetched, still
    /// active). They add up to [`LiveState::to_fetch`].
    pub fn to_fetch_by_reason(&self) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for j in self.chosen() {
            match self.fetched.get(&j.uuid) {
                _ if j.is_live() => counts.2 += 1,
                None => counts.0 += 1,
                Some(at) if *at != j.last_updated => counts.1 += 1,
                Some(_) => {}
            }
        }
        counts
    }

    /// How many listed jobs are chosen, and what "Fetch" would fetch of them, by why.
    pub fn choice_note(&self) -> String {
        let chosen = self.chosen().len();
        let (new, changed, live) = self.to_fetch_by_reason();
        let mut parts = Vec::new();
        if new > 0 {
            parts.push(format!("{} not fetched yet", words::thousands(new)));
        }
        if changed > 0 {
            parts.push(format!(
                "{} changed since fetched",
                words::thousands(changed)
            ));
        }
        if live > 0 {
            parts.push(format!(
                "{} still active (marked live; fetched again each time)",
                words::thousands(live)
            ));
        }
        let to_fetch = if parts.is_empty() {
            "all their histories are fetched".to_string()
        } else {
            format!("to fetch: {}", parts.join(", "))
        };
        format!(
            "{} chosen; {to_fetch}. Their coarse timeline (from job fields) is on the page \
             already; their histories give the time in every state.",
            words::thousands(chosen)
        )
    }

    /// The fetch button's words: `Fetch 3 histories`; while a run is on, the run's own
    /// size, which does not change as histories arrive.
    pub fn fetch_label(&self) -> String {
        if self.busy == Some(Busy::Fetching) {
            let total = self.progress.map_or(0, |p| p.total);
            return format!("Fetching {}…", words::count(total, "history"));
        }
        match self.to_fetch().len() {
            0 => "All chosen histories fetched".to_string(),
            n => format!("Fetch {}", words::count(n, "history")),
        }
    }

    /// What the connect form starts with: the last session's tenant (so a 401 or "Forget
    /// token" does not lose a typed URL), else `default_url` and no tenant id.
    pub fn connect_defaults(&self, default_url: &str) -> (String, String) {
        match &self.last_tenant {
            Some(t) => (t.base_url.clone(), t.id.clone()),
            None => (default_url.to_string(), String::new()),
        }
    }

    /// A job's name for messages: its name, else its UUID.
    pub fn job_name<'a>(&'a self, uuid: &'a str) -> &'a str {
        self.jobs
            .iter()
            .find(|j| j.uuid == uuid)
            .and_then(|j| j.name.as_deref())
            .unwrap_or(uuid)
    }
}

/// What a history run has done, counted in histories (jobs), the run's total fixed at its
/// start: "37 of 200 histories: 35 fetched, 2 failed · 3 waiting to retry · about 12 s left".
pub fn progress_words(p: &Progress, stopped: bool) -> String {
    let head = format!(
        "{} of {}",
        words::thousands(p.finished()),
        words::count(p.total, "history")
    );
    let mut parts = vec![if p.failed > 0 {
        format!(
            "{head}: {} fetched, {} failed",
            words::thousands(p.done),
            words::thousands(p.failed)
        )
    } else {
        format!("{head} fetched")
    }];
    if p.waiting > 0 {
        parts.push(format!("{} waiting to retry", words::thousands(p.waiting)));
    }
    if stopped {
        parts.push(format!(
            "stopped, {} not fetched",
            words::thousands(p.cancelled)
        ));
    } else if p.active() {
        if let Some(eta) = p.eta_ms {
            parts.push(format!("about {} left", seconds_left(eta / 1000.0)));
        }
    } else {
        parts.push(format!("took {}", format_duration(p.elapsed_ms / 1000.0)));
    }
    parts.join(" · ")
}

/// Whole seconds below a minute (an estimate has no tenths), human units above.
fn seconds_left(s: f64) -> String {
    if s < 59.5 {
        format!("{} s", s.ceil().max(1.0))
    } else {
        format_duration(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::model::tenant::{Reach, Tenant};

    fn session(user: &str) -> Session {
        Session {
            tenant: Tenant {
                base_url: "https://designsafe.tapis.io".into(),
                id: "designsafe".into(),
                reach: Reach::TapisIo,
            },
            user: user.into(),
            expires_at: 10_000,
        }
    }

    fn job(uuid: &str, status: &str, updated: &str) -> JobSummary {
        JobSummary {
            uuid: uuid.into(),
            name: Some(format!("run {uuid}")),
            status: Some(status.into()),
            last_updated: Some(updated.into()),
            ..JobSummary::default()
        }
    }

    fn listed(jobs: Vec<JobSummary>) -> LiveState {
        LiveState::default()
            .apply(LiveAction::Connected(session("ana")))
            .apply(LiveAction::Listed {
                jobs,
                total: Some(3),
            })
    }

    #[test]
    fn every_listed_job_is_chosen_until_unticked() {
        let s = listed(vec![
            job("a", "FINISHED", "t1"),
            job("b", "RUNNING", "t1"),
            job("c", "FAILED", "t1"),
        ]);
        assert_eq!(s.to_fetch(), ["a", "b", "c"]);
        let s = s.apply(LiveAction::Toggle("b".into()));
        assert_eq!(s.to_fetch(), ["a", "c"]);
        let s = s.apply(LiveAction::ChooseAll(false));
        assert!(s.to_fetch().is_empty());
        let s = s
            .apply(LiveAction::ChooseAll(true))
            .apply(LiveAction::Toggle("a".into()));
        assert_eq!(s.to_fetch(), ["b", "c"]);
        assert_eq!(s.job_name("c"), "run c");
        assert_eq!(s.job_name("zzz"), "zzz");
    }

    #[test]
    fn the_panel_names_the_session_the_apps_and_the_failures() {
        assert_eq!(
            LiveState::default().summary(),
            "paste a token to list and profile your jobs"
        );
        let mut b = job("b", "FINISHED", "t1");
        b.app_id = Some("zeta".into());
        let mut a = job("a", "FINISHED", "t1");
        a.app_id = Some("alpha".into());
        let mut c = job("c", "FAILED", "t1");
        c.app_id = Some("zeta".into());
        let s = listed(vec![b, a, c]).apply(LiveAction::Progress {
            progress: Progress::default(),
            failures: vec![
                ("zzz".into(), "Tapis answered 500".into()),
                ("a".into(), "Tapis answered 404".into()),
            ],
        });
        assert_eq!(s.summary(), "connected as ana to designsafe");
        assert_eq!(s.apps(), ["alpha", "zeta"]);
        assert_eq!(
            s.failures(),
            [
                ("a".into(), "run a".into(), "Tapis answered 404".into()),
                ("zzz".into(), "zzz".into(), "Tapis answered 500".into())
            ]
        );
        assert_eq!(s.busy_words(), None);
        let s = s.apply(LiveAction::ListingStarted { then_fetch: false });
        assert_eq!(s.busy_words(), Some("Listing your jobs…"));
    }

    #[test]
    fn the_picker_says_what_is_listed_chosen_and_to_fetch() {
        let s = listed(vec![
            job("a", "FINISHED", "t1"),
            job("b", "RUNNING", "t1"),
            job("c", "FAILED", "t1"),
        ]);
        assert_eq!(s.listing_title(), "3 jobs");
        let more = LiveState {
            total: Some(2_500),
            ..s.clone()
        };
        assert_eq!(more.listing_title(), "Your newest 3 of 2,500 matching jobs");
        assert_eq!(
            s.choice_note(),
            "3 chosen; to fetch: 2 not fetched yet, 1 still active (marked live; fetched again \
             each time). Their coarse timeline (from job fields) is on the page already; their \
             histories give the time in every state."
        );
        assert_eq!(s.fetch_label(), "Fetch 3 histories");
        let running = s.clone().apply(LiveAction::FetchStarted(s.to_fetch()));
        assert_eq!(running.fetch_label(), "Fetching 3 histories…");
        let one_in = running.apply(LiveAction::Fetched(vec!["a".into()]));
        assert_eq!(
            one_in.fetch_label(),
            "Fetching 3 histories…",
            "the count stays while histories arrive"
        );
        assert_eq!(one_in.progress.map(|p| p.total), Some(3));
        let one = s
            .apply(LiveAction::Toggle("a".into()))
            .apply(LiveAction::Toggle("b".into()));
        assert!(one
            .choice_note()
            .starts_with("1 chosen; to fetch: 1 not fetched yet."));
        assert_eq!(one.fetch_label(), "Fetch 1 history");
        let none = one.apply(LiveAction::ChooseAll(false));
        assert_eq!(none.fetch_label(), "All chosen histories fetched");
        let single = listed(vec![job("a", "FINISHED", "t1")]);
        assert_eq!(
            LiveState {
                total: None,
                ..single
            }
            .listing_title(),
            "1 job"
        );
    }

    #[test]
    fn refresh_fetches_only_live_changed_and_new_jobs() {
        let s = listed(vec![
            job("a", "FINISHED", "t1"),
            job("b", "RUNNING", "t1"),
            job("c", "QUEUED", "t1"),
        ])
        .apply(LiveAction::FetchStarted(vec![
            "a".into(),
            "b".into(),
            "c".into(),
        ]))
        .apply(LiveAction::Fetched(vec![
            "a".into(),
            "b".into(),
            "c".into(),
        ]))
        .apply(LiveAction::RunEnded { cancelled: false });
        assert_eq!(
            s.to_fetch(),
            ["b", "c"],
            "live jobs are always fetched again"
        );
        let s = s.apply(LiveAction::ListingStarted { then_fetch: true });
        assert!(!s.fetch_due, "not before the listing arrives");
        let s = s.apply(LiveAction::Listed {
            jobs: vec![
                job("d", "PENDING", "t2"),
                job("a", "FINISHED", "t1"),
                job("b", "FINISHED", "t2"),
                job("c", "FAILED", "t1"),
            ],
            total: Some(4),
        });
        assert_eq!(s.to_fetch(), ["d", "b"], "new, live or changed only");
        assert!(s.fetch_due);
        let plan = s.to_fetch();
        let s = s.apply(LiveAction::FetchStarted(plan));
        assert!(!s.fetch_due);
        let plain = s
            .apply(LiveAction::ListingStarted { then_fetch: false })
            .apply(LiveAction::Listed {
                jobs: vec![],
                total: None,
            });
        assert!(
            !plain.fetch_due,
            "a plain listing fetches nothing by itself"
        );
    }

    #[test]
    fn failures_are_kept_per_job_until_fetched() {
        let s = listed(vec![job("a", "FINISHED", "t1"), job("b", "FINISHED", "t1")])
            .apply(LiveAction::FetchStarted(vec!["a".into(), "b".into()]))
            .apply(LiveAction::Progress {
                progress: Progress::default(),
                failures: vec![("b".into(), "Tapis answered 500".into())],
            })
            .apply(LiveAction::Fetched(vec!["a".into()]))
            .apply(LiveAction::RunEnded { cancelled: false });
        assert_eq!(
            s.failed.get("b").map(String::as_str),
            Some("Tapis answered 500")
        );
        assert_eq!(s.to_fetch(), ["b"]);
        let s = s
            .apply(LiveAction::FetchStarted(vec!["b".into()]))
            .apply(LiveAction::Fetched(vec!["b".into()]));
        assert!(s.failed.is_empty());
        assert!(s.to_fetch().is_empty());
        assert_eq!(s.busy, Some(Busy::Fetching));
        let s = s
            .apply(LiveAction::Progress {
                progress: Progress::default(),
                failures: vec![("a".into(), "x".into())],
            })
            .apply(LiveAction::Retrying(vec!["a".into()]));
        assert!(
            s.failed.is_empty(),
            "a retried job leaves the list until it fails again"
        );
    }

    #[test]
    fn forgetting_keeps_what_was_fetched_and_says_why() {
        let s = listed(vec![job("a", "FINISHED", "t1")])
            .apply(LiveAction::FetchStarted(vec!["a".into()]))
            .apply(LiveAction::Fetched(vec!["a".into()]))
            .apply(LiveAction::Forget(Forget::Refused(
                "Tapis answered 401: TAPIS_SECURITY_JWT_EXPIRED The JWT expired.".into(),
            )));
        assert!(s.session.is_none() && s.busy.is_none());
        assert!(s.stopped, "the run that was on is reported as stopped");
        let Some(Notice::Error(text)) = &s.notice else {
            panic!("{:?}", s.notice)
        };
        assert!(
            text.starts_with("Tapis refused the token (it expired, was revoked"),
            "{text}"
        );
        assert!(
            text.ends_with("to fetch the rest. Tapis answered 401: TAPIS_SECURITY_JWT_EXPIRED The JWT expired."),
            "plain words first, what Tapis said after: {text}"
        );
        assert!(!text.contains(".."), "{text}");
        assert_eq!(
            s.connect_defaults("https://designsafe.tapis.io"),
            ("https://designsafe.tapis.io".into(), "designsafe".into()),
            "the tenant survives the 401"
        );
        assert_eq!(s.fetched.len(), 1);
        // The same user again: everything stays. Someone else: the panel starts afresh.
        let again = s.clone().apply(LiveAction::Connected(session("ana")));
        assert_eq!((again.fetched.len(), again.jobs.len()), (1, 1));
        assert!(again.notice.is_none());
        let other = s.apply(LiveAction::Connected(session("bob")));
        assert_eq!((other.fetched.len(), other.jobs.len()), (0, 0));
    }

    #[test]
    fn an_unreachable_tenant_says_why_and_stops_listing() {
        let s = LiveState::default()
            .apply(LiveAction::Connected(session("ana")))
            .apply(LiveAction::ListingStarted { then_fetch: false })
            .apply(LiveAction::Unreachable(Blocked::Policy));
        assert_eq!(s.busy, None);
        let Some(Notice::Error(text)) = &s.notice else {
            panic!("{:?}", s.notice)
        };
        assert_eq!(
            text,
            &Blocked::Policy.explain("https://designsafe.tapis.io")
        );
    }

    #[test]
    fn an_empty_listing_or_refresh_says_so() {
        let s = listed(vec![]);
        assert_eq!(
            s.notice,
            Some(Notice::Info("No jobs match these filters.".into()))
        );
        let s = s
            .apply(LiveAction::ListingStarted { then_fetch: true })
            .apply(LiveAction::Listed {
                jobs: vec![],
                total: Some(0),
            });
        assert!(s.fetch_due);
        let s = s.apply(LiveAction::NothingToFetch);
        assert!(!s.fetch_due);
        assert_eq!(
            s.notice,
            Some(Notice::Info(
                "Nothing new, changed or still active to fetch.".into()
            ))
        );
    }

    #[test]
    fn progress_reads_like_a_sentence() {
        let p = Progress {
            total: 200,
            done: 35,
            failed: 2,
            waiting: 3,
            in_flight: 4,
            eta_ms: Some(11_200.0),
            ..Progress::default()
        };
        assert_eq!(
            progress_words(&p, false),
            "37 of 200 histories: 35 fetched, 2 failed · 3 waiting to retry · about 12 s left"
        );
        let long = Progress {
            eta_ms: Some(3_725_000.0),
            ..p
        };
        assert!(progress_words(&long, false).ends_with("about 1 h 2 min left"));
        let stopped = Progress {
            cancelled: 160,
            waiting: 0,
            ..p
        };
        assert_eq!(
            progress_words(&stopped, true),
            "37 of 200 histories: 35 fetched, 2 failed · stopped, 160 not fetched"
        );
        let over = Progress {
            total: 1,
            done: 1,
            elapsed_ms: 1_500.0,
            ..Progress::default()
        };
        assert_eq!(
            progress_words(&over, false),
            "1 of 1 history fetched · took 1.5 s"
        );
    }
}
