//! Which of the report's jobs the timeline and the table show, and in what order.
//!
//! Pure functions over `Report::jobs`, so the page's sort and filter controls are
//! tested natively. A job's place is its index in `Report::jobs`; [`select`] returns
//! those indices, filtered and sorted.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::Hash;
use std::rc::Rc;

use chrono::NaiveDate;
use tapis_profile::cohort::{Condition, Selector};
use tapis_profile::fast_hash::FastMap;
use tapis_profile::report::JobReport;
use tapis_profile::sort::sort_by;
use tapis_profile::state_map::states_of;
use tapis_profile::texts::address;
use tapis_profile::time::Timestamp;
use tapis_profile::JobState;

use super::words::thousands;

/// What a filter value is called when the data does not say (no app, no system, no status).
pub const UNKNOWN: &str = "(unknown)";

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SortKey {
    /// When the job was submitted (its first segment's start).
    #[default]
    Submitted,
    /// Its whole wall time.
    Total,
    /// The share of its wall time outside RUNNING.
    OutsideShare,
    /// Its time in one state, summed over visits.
    State(JobState),
}

impl SortKey {
    /// A stable key for a `<select>` value: `submitted`, `total`, `outside`, `state:QUEUED`.
    pub fn key(&self) -> String {
        match self {
            SortKey::Submitted => "submitted".into(),
            SortKey::Total => "total".into(),
            SortKey::OutsideShare => "outside".into(),
            SortKey::State(s) => format!("state:{}", s.name()),
        }
    }

    pub fn from_key(key: &str) -> Option<SortKey> {
        match key {
            "submitted" => Some(SortKey::Submitted),
            "total" => Some(SortKey::Total),
            "outside" => Some(SortKey::OutsideShare),
            _ => key
                .strip_prefix("state:")
                .filter(|s| !s.is_empty())
                .map(|s| SortKey::State(JobState::parse(s))),
        }
    }

    /// The words for the ascending and descending orders, which depend on what is sorted.
    pub fn direction_words(&self) -> [&'static str; 2] {
        match self {
            SortKey::Submitted => ["oldest first", "newest first"],
            SortKey::OutsideShare => ["lowest first", "highest first"],
            SortKey::Total | SortKey::State(_) => ["shortest first", "longest first"],
        }
    }

    pub fn label(&self) -> String {
        match self {
            SortKey::Submitted => "Submission time".into(),
            SortKey::Total => "Total time".into(),
            SortKey::OutsideShare => "Share outside RUNNING".into(),
            SortKey::State(s) => format!("Time in {s}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

/// A set of jobs something concerns (a recommendation, an outlier group), shown alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    /// What the jobs have in common, as the page says it ("Archiving dominates").
    pub label: String,
    pub jobs: Rc<BTreeSet<String>>,
}

/// Every filter at once; a job is shown when it passes all of them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// `app version`, as [`app_of`] says; `None`: any.
    pub app: Option<String>,
    /// `system / queue`, as [`system_of`] says.
    pub system: Option<String>,
    /// A final status name, or [`UNKNOWN`].
    pub status: Option<String>,
    /// Submitted on or after this day (UTC).
    pub from: Option<NaiveDate>,
    /// Submitted on or before this day (UTC).
    pub to: Option<NaiveDate>,
    /// Part of the job's name, UUID or app, in any case.
    pub text: String,
    /// Only these jobs.
    pub marked: Option<Marked>,
    /// In a state at some moment of this window (UTC): brushed on the load chart.
    /// The core's `during=` cohort condition, so the page and the CLI pick the same jobs.
    pub during: Option<Window>,
}

/// A window of UTC time, the earlier end first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: Timestamp,
    pub to: Timestamp,
}

impl Window {
    /// The whole seconds covering `from`..`to` (UTC seconds since the epoch, in
    /// either order): what a brush picks, written as the CLI takes it.
    pub fn covering(from: f64, to: f64) -> Option<Window> {
        let at = |s: f64| chrono::DateTime::from_timestamp(s as i64, 0);
        if !(from.is_finite() && to.is_finite()) {
            return None;
        }
        let (a, b) = (from.min(to), from.max(to));
        Some(Window {
            from: at(a.floor())?,
            to: at(b.ceil())?,
        })
    }

    /// The core's condition for it.
    pub fn condition(&self) -> Condition {
        Condition::During(self.from, self.to)
    }

    /// The cohort of the jobs in flight during it, as the CLI's `--a` takes it.
    pub fn selector(&self) -> String {
        Selector::Where(vec![self.condition()]).to_string()
    }

    /// Its ends in UTC seconds.
    pub fn seconds(&self) -> (f64, f64) {
        let s = |t: &Timestamp| t.timestamp_micros() as f64 / 1e6;
        (s(&self.from), s(&self.to))
    }
}

/// One change to the filter, as a control reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterChange {
    App(Option<String>),
    System(Option<String>),
    Status(Option<String>),
    From(Option<NaiveDate>),
    To(Option<NaiveDate>),
    Text(String),
    /// Only these jobs, or all again.
    Mark(Option<Marked>),
    /// Only the jobs in flight during this window, or at any time again.
    During(Option<Window>),
    /// Every filter off (the marked set too).
    Reset,
}

/// The filters a facet count leaves out: counting apps ignores the app filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Facet {
    App,
    System,
    Status,
    None,
}

impl Filter {
    pub fn with(self, change: FilterChange) -> Filter {
        let none_if_empty = |v: Option<String>| v.filter(|s| !s.is_empty());
        match change {
            FilterChange::App(app) => Filter {
                app: none_if_empty(app),
                ..self
            },
            FilterChange::System(system) => Filter {
                system: none_if_empty(system),
                ..self
            },
            FilterChange::Status(status) => Filter {
                status: none_if_empty(status),
                ..self
            },
            FilterChange::From(from) => Filter { from, ..self },
            FilterChange::To(to) => Filter { to, ..self },
            FilterChange::Text(text) => Filter { text, ..self },
            FilterChange::Mark(marked) => Filter { marked, ..self },
            FilterChange::During(during) => Filter { during, ..self },
            FilterChange::Reset => Filter::default(),
        }
    }

    /// Some filter is on: the page says how many jobs it hides.
    pub fn is_active(&self) -> bool {
        self.app.is_some()
            || self.system.is_some()
            || self.status.is_some()
            || self.from.is_some()
            || self.to.is_some()
            || !self.text.trim().is_empty()
            || self.marked.is_some()
            || self.during.is_some()
    }

    pub fn matches(&self, job: &JobReport) -> bool {
        self.matches_except(job, Facet::None)
    }

    fn matches_except(&self, job: &JobReport, facet: Facet) -> bool {
        let is = |want: &Option<String>, f: Facet, have: fn(&JobReport) -> String| {
            f == facet || want.as_ref().is_none_or(|w| *w == have(job))
        };
        is(&self.app, Facet::App, app_of)
            && is(&self.system, Facet::System, system_of)
            && is(&self.status, Facet::Status, status_of)
            && self.in_dates(job)
            && self.has_text(job)
            && self
                .marked
                .as_ref()
                .is_none_or(|m| m.jobs.contains(&*job.uuid))
            && self.during.is_none_or(|w| w.condition().matches(job))
    }

    /// A job whose submission time is unknown is outside every date range.
    fn in_dates(&self, job: &JobReport) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        let Some(at) = submitted(job) else {
            return false;
        };
        let day = at.date_naive();
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
    }

    fn has_text(&self, job: &JobReport) -> bool {
        let needle = self.text.trim();
        if needle.is_empty() {
            return true;
        }
        let needle = needle.to_lowercase();
        let hay = [job.name.as_deref(), Some(&job.uuid), job.app_id.as_deref()];
        hay.iter()
            .flatten()
            .any(|h| h.to_lowercase().contains(&needle))
    }
}

/// The app filter's value for a job: `app version` (how the report groups apps).
pub fn app_of(job: &JobReport) -> String {
    job.app_label().unwrap_or_else(|| UNKNOWN.into())
}

/// The system filter's value: `system / queue` (how the report groups queues).
pub fn system_of(job: &JobReport) -> String {
    job.system_queue().unwrap_or_else(|| UNKNOWN.into())
}

/// The status filter's value: the final status' name.
pub fn status_of(job: &JobReport) -> String {
    job.final_status
        .as_ref()
        .map_or_else(|| UNKNOWN.into(), |s| s.name().to_string())
}

/// When the job was submitted: the core's one definition (`JobReport::submitted`).
pub fn submitted(job: &JobReport) -> Option<Timestamp> {
    job.submitted()
}

/// The jobs `filter` lets through, as indices into `jobs`, in `sort`'s order.
/// Ties keep the report's order; jobs without the sorted value come last either way.
pub fn select(jobs: &[JobReport], filter: &Filter, sort: &Sort) -> Vec<usize> {
    let mut shown: Vec<(usize, Option<f64>)> = jobs
        .iter()
        .enumerate()
        .filter(|(_, j)| filter.matches(j))
        .map(|(i, j)| (i, sort_value(j, &sort.key)))
        .collect();
    sort_by(&mut shown, |(ia, a), (ib, b)| {
        let by_value = match (a, b) {
            (Some(a), Some(b)) if sort.descending => b.total_cmp(a),
            (Some(a), Some(b)) => a.total_cmp(b),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        by_value.then(ia.cmp(ib))
    });
    shown.into_iter().map(|(i, _)| i).collect()
}

/// The number a job is sorted by; `None` when its data cannot say.
fn sort_value(job: &JobReport, key: &SortKey) -> Option<f64> {
    match key {
        SortKey::Submitted => submitted(job).map(|t| t.timestamp_micros() as f64 / 1e6),
        SortKey::Total => job.has_history.then_some(job.total_seconds),
        SortKey::OutsideShare => job.outside_running_share,
        SortKey::State(state) => job.has_history.then(|| job.seconds_in(state)),
    }
}

/// One value a filter can take, and how many jobs it would show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub count: usize,
}

/// The values each filter offers, counted under the other filters (so a count is
/// what choosing it would show), and what can be sorted by.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Facets {
    pub apps: Vec<Choice>,
    pub systems: Vec<Choice>,
    pub statuses: Vec<Choice>,
    /// States some job visited, in lifecycle order: the "time in …" sort keys.
    pub states: Vec<JobState>,
    /// The first and last submission days, for the date inputs' bounds.
    pub days: Option<(NaiveDate, NaiveDate)>,
}

pub fn facets(jobs: &[JobReport], filter: &Filter) -> Facets {
    let apps = count(jobs, filter, Facet::App, app_of, |j| {
        (
            j.app_id.as_ref().map(address),
            j.app_version.as_ref().map(address),
        )
    });
    let systems = count(jobs, filter, Facet::System, system_of, |j| {
        (
            j.exec_system.as_ref().map(address),
            j.queue.as_ref().map(address),
        )
    });
    let statuses = count(jobs, filter, Facet::Status, status_of, |j| {
        j.final_status.as_ref().map(JobState::name)
    });
    // Each state once, in lifecycle order (read from the jobs' state maps' slots).
    let states = states_of(jobs.iter().map(|j| &j.durations));
    let days = jobs
        .iter()
        .filter_map(submitted)
        .map(|t| t.date_naive())
        .fold(None, |acc: Option<(NaiveDate, NaiveDate)>, d| match acc {
            None => Some((d, d)),
            Some((a, b)) => Some((a.min(d), b.max(d))),
        });
    Facets {
        apps,
        systems,
        statuses,
        states,
        days,
    }
}

/// One facet's choices: each `value` with the jobs the other filters let through.
/// Jobs are told apart by `key`, the fields their value is made of (borrowed, or their
/// shared texts' addresses: equal texts at two addresses are two keys of one value,
/// merged by value here), and each value is made once per key: 10,000 jobs have a
/// handful, and a string made for every job cost tens of milliseconds of the first
/// render (docs/performance.md, P6). Keyed by address, the apps' and systems' counts
/// at 50,000 jobs took 6.6 ms natively against 10–15 keyed by text.
fn count<'a, K: Eq + Hash>(
    jobs: &'a [JobReport],
    filter: &Filter,
    facet: Facet,
    value: fn(&JobReport) -> String,
    key: impl Fn(&'a JobReport) -> K,
) -> Vec<Choice> {
    let mut by_key: FastMap<K, (&JobReport, usize)> = FastMap::default();
    for job in jobs {
        let entry = by_key.entry(key(job)).or_insert((job, 0));
        if filter.matches_except(job, facet) {
            entry.1 += 1;
        }
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (job, n) in by_key.into_values() {
        *counts.entry(value(job)).or_default() += n;
    }
    counts
        .into_iter()
        .map(|(value, count)| Choice { value, count })
        .collect()
}

/// How many jobs the filters let through: `All 2,000 jobs shown`, `3 of 4 jobs shown`.
pub fn shown_words(shown: usize, all: usize) -> String {
    if shown == all {
        format!("All {} jobs shown", thousands(all))
    } else {
        format!("{} of {} jobs shown", thousands(shown), thousands(all))
    }
}

/// A day as `<input type="date">` writes it (`2025-05-07`); anything else is `None`.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    tapis_profile::time::parse_date(text.trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tapis_profile::synthetic::{generate, Config};
    use tapis_profile::texts::SharedText;
    use tapis_profile::{analyse, Import, Options, Report};

    /// Synthetic jobs (several apps, queues and endings, some still open) analysed.
    fn report(jobs: usize, seed: u64) -> Report {
        let import = Import {
            jobs: generate(&Config {
                jobs,
                seed,
                ..Config::default()
            }),
            diagnostics: Vec::new(),
        };
        let as_of = tapis_profile::time::parse_timestamp("2025-03-09T00:00:00Z");
        analyse(&import, &Options::at(as_of))
    }

    #[test]
    fn a_time_window_shows_the_jobs_the_cli_during_cohort_picks() {
        let r = report(200, 11);
        let spans: Vec<(f64, f64)> = r
            .jobs
            .iter()
            .filter_map(tapis_profile::cohort::in_flight)
            .map(|(a, b)| (a.timestamp() as f64, b.timestamp() as f64))
            .collect();
        let first = spans.iter().map(|s| s.0).fold(f64::INFINITY, f64::min);
        let last = spans.iter().map(|s| s.1).fold(f64::NEG_INFINITY, f64::max);
        let third = (last - first) / 3.0;
        // Brushed right to left, with fractions of a second: whole seconds covering it.
        let (from, to) = (first + third + 0.6, first + 2.0 * third + 0.4);
        let w = Window::covering(to, from).unwrap();
        assert_eq!(w.seconds(), (from.floor(), to.ceil()));
        let shown = select(
            &r.jobs,
            &Filter::default().with(FilterChange::During(Some(w))),
            &Sort::default(),
        );
        // The CLI's `compare --a during=…`, read back from the text the page offers.
        let a = Selector::parse(&w.selector()).unwrap();
        let (picked, rest) = tapis_profile::cohort::pick(&r.jobs, &a, &Selector::Rest).unwrap();
        let mut shown_counted: Vec<usize> =
            shown.into_iter().filter(|&i| r.jobs[i].counted()).collect();
        shown_counted.sort_unstable();
        assert_eq!(shown_counted, picked);
        assert!(
            !picked.is_empty() && !rest.is_empty(),
            "the window splits the jobs"
        );
        assert!(Filter::default()
            .with(FilterChange::During(Some(w)))
            .is_active());
        assert!(Window::covering(f64::NAN, 1.0).is_none());
    }

    fn filters(r: &Report) -> Vec<Filter> {
        let f = facets(&r.jobs, &Filter::default());
        let (first, last) = f.days.unwrap();
        let mut out = vec![Filter::default()];
        for c in f.apps.iter().take(3) {
            out.push(Filter::default().with(FilterChange::App(Some(c.value.clone()))));
        }
        for c in f.systems.iter().take(3) {
            out.push(Filter::default().with(FilterChange::System(Some(c.value.clone()))));
        }
        for c in &f.statuses {
            out.push(Filter::default().with(FilterChange::Status(Some(c.value.clone()))));
        }
        out.push(Filter {
            from: first.succ_opt(),
            to: last.pred_opt(),
            ..Filter::default()
        });
        out.push(Filter {
            text: r.jobs[3].uuid[..8].to_uppercase(),
            ..Filter::default()
        });
        out.push(Filter {
            app: f.apps.first().map(|c| c.value.clone()),
            status: Some("FINISHED".into()),
            from: Some(first),
            ..Filter::default()
        });
        out
    }

    fn sorts(r: &Report) -> Vec<Sort> {
        let states = facets(&r.jobs, &Filter::default()).states;
        let keys = [SortKey::Submitted, SortKey::Total, SortKey::OutsideShare]
            .into_iter()
            .chain(states.into_iter().map(SortKey::State));
        keys.flat_map(|key| {
            [false, true].map(|descending| Sort {
                key: key.clone(),
                descending,
            })
        })
        .collect()
    }

    #[test]
    fn the_controls_words() {
        assert_eq!(shown_words(2_000, 2_000), "All 2,000 jobs shown");
        assert_eq!(shown_words(3, 4), "3 of 4 jobs shown");
        assert_eq!(
            SortKey::Submitted.direction_words(),
            ["oldest first", "newest first"]
        );
        assert_eq!(
            SortKey::State(JobState::Queued).direction_words(),
            ["shortest first", "longest first"]
        );
    }

    #[test]
    fn select_keeps_exactly_the_matching_jobs_in_sorted_order() {
        for seed in [1, 7, 42] {
            let r = report(300, seed);
            for filter in filters(&r) {
                for sort in sorts(&r) {
                    let shown = select(&r.jobs, &filter, &sort);
                    let expected: Vec<usize> = (0..r.jobs.len())
                        .filter(|&i| filter.matches(&r.jobs[i]))
                        .collect();
                    let mut sorted = shown.clone();
                    sorted.sort_unstable();
                    assert_eq!(sorted, expected, "{filter:?} {sort:?}");
                    let values: Vec<Option<f64>> = shown
                        .iter()
                        .map(|&i| sort_value(&r.jobs[i], &sort.key))
                        .collect();
                    for pair in values.windows(2) {
                        let in_order = match (pair[0], pair[1]) {
                            (Some(a), Some(b)) if sort.descending => a >= b,
                            (Some(a), Some(b)) => a <= b,
                            (None, Some(_)) => false,
                            _ => true,
                        };
                        assert!(in_order, "{sort:?}: {:?}", pair);
                    }
                }
            }
        }
    }

    #[test]
    fn each_choice_counts_what_choosing_it_shows() {
        let r = report(400, 3);
        let base = Filter {
            status: Some("FINISHED".into()),
            ..Filter::default()
        };
        let f = facets(&r.jobs, &base);
        assert!(f.apps.len() > 1 && f.systems.len() > 1 && f.statuses.len() > 2);
        for choices in [&f.apps, &f.systems, &f.statuses] {
            assert!(
                choices.windows(2).all(|w| w[0].value < w[1].value),
                "each once, in order"
            );
        }
        let shows = |filter: Filter| select(&r.jobs, &filter, &Sort::default()).len();
        for c in &f.apps {
            let n = shows(base.clone().with(FilterChange::App(Some(c.value.clone()))));
            assert_eq!(c.count, n, "app {}", c.value);
        }
        for c in &f.systems {
            let n = shows(
                base.clone()
                    .with(FilterChange::System(Some(c.value.clone()))),
            );
            assert_eq!(c.count, n, "system {}", c.value);
        }
        for c in &f.statuses {
            // The status facet ignores the status filter itself.
            let n = shows(
                base.clone()
                    .with(FilterChange::Status(Some(c.value.clone()))),
            );
            assert_eq!(c.count, n, "status {}", c.value);
        }
        let total: usize = f.statuses.iter().map(|c| c.count).sum();
        assert_eq!(total, r.jobs.len());
    }

    #[test]
    fn jobs_whose_fields_differ_but_read_the_same_are_one_choice() {
        let mut r = report(20, 5);
        r.jobs[0].exec_system = Some("frontera / normal".into());
        r.jobs[0].queue = None;
        r.jobs[1].exec_system = Some("frontera".into());
        r.jobs[1].queue = Some("normal".into());
        r.jobs[2].exec_system = None;
        r.jobs[2].queue = Some("frontera / normal".into());
        let f = facets(&r.jobs, &Filter::default());
        let choice = f.systems.iter().find(|c| c.value == "frontera / normal");
        let alike = r
            .jobs
            .iter()
            .filter(|j| system_of(j) == "frontera / normal");
        assert!(
            alike.clone().count() > 3,
            "synthetic jobs of that queue too"
        );
        assert_eq!(choice.map(|c| c.count), Some(alike.count()));
        assert!(f.systems.windows(2).all(|w| w[0].value < w[1].value));
    }

    #[test]
    fn equal_texts_at_other_addresses_are_one_choice() {
        // The same apps, systems and queues as copies of their own (as two files read
        // apart give them): the same choices and counts, under a filter too.
        let r = report(200, 11);
        let mut copied = r.jobs.clone();
        let copy = |t: &mut Option<SharedText>| *t = t.as_deref().map(SharedText::from);
        for j in copied.iter_mut().step_by(3) {
            copy(&mut j.app_id);
            copy(&mut j.app_version);
            copy(&mut j.exec_system);
            copy(&mut j.queue);
        }
        let moved = copied.iter().zip(&r.jobs).filter(|(c, j)| {
            c.app_id
                .as_ref()
                .zip(j.app_id.as_ref())
                .is_some_and(|(c, j)| address(c) != address(j))
        });
        assert!(moved.count() > 50);
        let status = r.jobs[0]
            .final_status
            .as_ref()
            .map(|s| s.name().to_string());
        for filter in [
            Filter::default(),
            Filter {
                status,
                ..Filter::default()
            },
        ] {
            let (a, b) = (facets(&r.jobs, &filter), facets(&copied, &filter));
            assert_eq!((&a.apps, &a.systems), (&b.apps, &b.systems));
            assert!(a.apps.len() > 1 && a.systems.len() > 1);
        }
    }

    #[test]
    fn choices_are_the_groups_the_report_aggregates() {
        let r = report(200, 11);
        let f = facets(&r.jobs, &Filter::default());
        for (by, choices) in [
            ("app", &f.apps),
            ("system-queue", &f.systems),
            ("final-status", &f.statuses),
        ] {
            for g in r.aggregate.groups.iter().filter(|g| g.by == by) {
                let c = choices.iter().find(|c| c.value == g.key);
                assert_eq!(c.map(|c| c.count), Some(g.jobs), "{by} {}", g.key);
            }
        }
    }

    #[test]
    fn text_matches_name_uuid_or_app_in_any_case_and_dates_are_inclusive_days() {
        let r = report(100, 5);
        let job = &r.jobs[10];
        let day = submitted(job).unwrap().date_naive();
        for text in [job.uuid[..13].to_uppercase(), format!("  {}  ", job.uuid)] {
            let f = Filter {
                text,
                ..Filter::default()
            };
            assert_eq!(select(&r.jobs, &f, &Sort::default()), [10]);
        }
        let app = job.app_id.clone().unwrap();
        let f = Filter::default().with(FilterChange::Text(app.to_uppercase()));
        assert!(select(&r.jobs, &f, &Sort::default()).contains(&10));

        let same_day = Filter {
            from: Some(day),
            to: Some(day),
            ..Filter::default()
        };
        let shown = select(&r.jobs, &same_day, &Sort::default());
        assert!(shown.contains(&10));
        assert!(shown
            .iter()
            .all(|&i| submitted(&r.jobs[i]).unwrap().date_naive() == day));
    }

    #[test]
    fn jobs_without_a_value_sort_last_both_ways() {
        let list =
            include_str!("../../fixtures/tapis/source-ds-joblist-failed-2024.reconstructed.json");
        let history = include_str!(
            "../../fixtures/tapis/source-ds-history-4dfa35e1-finished-2025.reconstructed.json"
        );
        let import = tapis_profile::import_all([("list", list), ("history", history)]);
        let r = analyse(&import, &Options::default());
        let with_history = r.jobs.iter().position(|j| j.has_history).unwrap();
        for descending in [false, true] {
            let sort = Sort {
                key: SortKey::Total,
                descending,
            };
            let shown = select(&r.jobs, &Filter::default(), &sort);
            assert_eq!(shown[0], with_history, "{sort:?}");
            assert_eq!(shown.len(), r.jobs.len());
        }
        let dated = Filter {
            from: parse_day("2000-01-01"),
            ..Filter::default()
        };
        assert_eq!(select(&r.jobs, &dated, &Sort::default()), [with_history]);
    }

    #[test]
    fn sort_keys_and_days_read_back() {
        for key in [
            SortKey::Submitted,
            SortKey::Total,
            SortKey::OutsideShare,
            SortKey::State(JobState::StagingInputs),
        ] {
            assert_eq!(SortKey::from_key(&key.key()), Some(key));
        }
        assert_eq!(SortKey::from_key("state:"), None);
        assert_eq!(SortKey::from_key("nope"), None);
        assert_eq!(parse_day("2025-05-07"), NaiveDate::from_ymd_opt(2025, 5, 7));
        assert_eq!(parse_day(""), None);
        assert_eq!(parse_day("07/05/2025"), None);
    }

    #[test]
    fn a_filter_is_active_when_it_can_hide_something() {
        assert!(!Filter::default().is_active());
        assert!(!Filter::default()
            .with(FilterChange::Text("  ".into()))
            .is_active());
        assert!(!Filter::default()
            .with(FilterChange::App(Some(String::new())))
            .is_active());
        let on = Filter::default().with(FilterChange::Status(Some("FAILED".into())));
        assert!(on.is_active());
        assert!(!on.with(FilterChange::Reset).is_active());
    }
}
