//! Two cohorts side by side: for each state, bucket and the total, the median and
//! P90 per job in each, the difference (B − A) and how sure it is (a bootstrap
//! interval of the median difference, `bootstrap.rs`); and the attributes they
//! differ in most (`ranking.rs`). What `tapis-profile compare` prints and the
//! page's comparison shows.

use serde::{Deserialize, Serialize};

use super::bootstrap::{self, median_difference};
use super::ranking::{rank, Attribute};
use super::selector::{pick, Selector};
use crate::job_report::JobReport;
use crate::job_state::Bucket;
use crate::metric::{Metric, StatePlaces};
use crate::report::Report;
use crate::sort::sort_by_key;
use crate::state_map::states_of;
use crate::stats::{summarize, Summary};
use crate::texts::SharedText;

/// `"schema"` of a comparison.
pub const COMPARISON_SCHEMA: &str = "tapis-profile-comparison";
/// Bumped when a field changes meaning or disappears.
pub const COMPARISON_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    pub schema: String,
    pub version: u32,
    pub a: Cohort,
    pub b: Cohort,
    /// How sure a difference is: the method, in words.
    pub method: String,
    /// States (lifecycle order), buckets, then the total.
    pub rows: Vec<Row>,
    /// Every attribute the cohorts were not picked by, most different first.
    pub attributes: Vec<Attribute>,
}

/// One side: its selector and its jobs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Cohort {
    /// As `--a`/`--b` take it (`version=1.3`, `rest`).
    pub selector: String,
    /// The jobs counted in it (stale jobs left out unless counted).
    pub jobs: usize,
    /// Of those, with a history: the per-state statistics are theirs.
    pub with_history: usize,
    /// Their UUIDs, in the report's order: the reports' own, shared.
    pub uuids: Vec<SharedText>,
}

/// One metric in both cohorts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Row {
    pub metric: Metric,
    /// Over the jobs of each with a history (that entered the state, for a state).
    pub a: Option<Summary>,
    pub b: Option<Summary>,
    /// B's median − A's, seconds (negative: B is faster).
    pub median_difference: Option<f64>,
    /// B's P90 − A's.
    pub p90_difference: Option<f64>,
    /// The median difference's interval at `bootstrap::LEVEL`, seconds.
    pub interval: Option<(f64, f64)>,
    pub verdict: Verdict,
}

/// What the interval says of the median difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// B's median is longer, and the whole interval is above zero.
    Longer,
    /// B's median is shorter, and the whole interval is below zero.
    Shorter,
    /// The interval holds zero: the data cannot tell them apart.
    Unclear,
    /// Too few jobs in one cohort for an interval (`bootstrap::MIN_JOBS`).
    TooFew,
}

impl Verdict {
    /// Its name in the JSON (`too-few`).
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Longer => "longer",
            Verdict::Shorter => "shorter",
            Verdict::Unclear => "unclear",
            Verdict::TooFew => "too-few",
        }
    }

    /// In words, B against A.
    pub fn words(self) -> &'static str {
        match self {
            Verdict::Longer => "B takes longer",
            Verdict::Shorter => "B is faster",
            Verdict::Unclear => "no clear difference",
            Verdict::TooFew => "too few jobs to tell",
        }
    }
}

/// The method, as every output says it.
pub fn method_words() -> String {
    format!(
        "Medians and P90 per job over the jobs with a history (for a state, those that \
         entered it). The difference is B − A. \
         The interval is a {:.0} % percentile bootstrap of the median difference ({} \
         resamples, a fixed seed: the same jobs always give the same interval); where it \
         holds zero the data cannot tell the cohorts apart. No interval for fewer than {} \
         jobs a side.",
        bootstrap::LEVEL * 100.0,
        crate::format::format_count(bootstrap::RESAMPLES as u64),
        bootstrap::MIN_JOBS
    )
}

/// Compares the cohorts `a` and `b` pick among the report's counted jobs. An error
/// when the selectors cannot be read together (both `rest`) or one picks no job,
/// saying which values there are.
pub fn compare(report: &Report, a: &Selector, b: &Selector) -> Result<Comparison, String> {
    compare_picked(report, a, b).map(|(comparison, _)| comparison)
}

/// The members of A and of B: indices into the report's jobs.
pub type Members = (Vec<usize>, Vec<usize>);

/// [`compare`], and the cohorts' [`Members`].
pub fn compare_picked(
    report: &Report,
    a: &Selector,
    b: &Selector,
) -> Result<(Comparison, Members), String> {
    Ok(Comparing::new(report, a, b)?.finish())
}

/// [`compare_picked`] a part at a time: the cohorts picked ([`Comparing::new`]), then
/// the values of the comparison's rows gathered, the rows made a few at a time, and its
/// attributes ranked (each a [`Comparing::step`]), so the page can run each in a task
/// of its own: together they were ~190 ms of one task at 50,000 jobs
/// (docs/performance.md, P6).
pub struct Comparing<'a> {
    jobs: &'a [JobReport],
    a: &'a Selector,
    b: &'a Selector,
    members: Members,
    part: Part,
    rows_a_step: usize,
}

/// What [`Comparing::step`] does next.
enum Part {
    Gather,
    /// The comparison without rows, each row's metric and its values in A and in B.
    Rows(Comparison, std::vec::IntoIter<(Metric, Vec<f64>, Vec<f64>)>),
    Rank(Comparison),
    Done(Comparison),
}

/// Rows made a [`Comparing::step`]: a row's bootstrap at 50,000 jobs is a few ms.
const ROWS_A_STEP: usize = 6;

impl<'a> Comparing<'a> {
    /// The cohorts `a` and `b` pick among the report's counted jobs, or why they cannot
    /// be compared (as [`compare`] says).
    pub fn new(report: &'a Report, a: &'a Selector, b: &'a Selector) -> Result<Self, String> {
        let (ia, ib) = pick(&report.jobs, a, b)?;
        for (name, selector, members) in [("A", a, &ia), ("B", b, &ib)] {
            if members.is_empty() {
                return Err(format!(
                    "cohort {name} ({selector}) holds no job counted{}",
                    hint(report, selector)
                ));
            }
        }
        Ok(Comparing::of_members(&report.jobs, a, b, (ia, ib)))
    }

    fn of_members(
        jobs: &'a [JobReport],
        a: &'a Selector,
        b: &'a Selector,
        members: Members,
    ) -> Self {
        Comparing {
            jobs,
            a,
            b,
            members,
            part: Part::Gather,
            rows_a_step: ROWS_A_STEP,
        }
    }

    /// The same, `rows` rows a step (tests take one).
    #[cfg(test)]
    pub(crate) fn in_steps_of(self, rows: usize) -> Self {
        Comparing {
            rows_a_step: rows,
            ..self
        }
    }

    /// Does the next part; `true` once every part is done.
    pub fn step(&mut self) -> bool {
        let (jobs, a, b) = (self.jobs, self.a, self.b);
        let (ia, ib) = (&self.members.0[..], &self.members.1[..]);
        self.part = match std::mem::replace(&mut self.part, Part::Gather) {
            Part::Gather => {
                let (comparison, rows) = unranked(jobs, (a, ia), (b, ib));
                Part::Rows(comparison, rows.into_iter())
            }
            Part::Rows(mut comparison, mut rows) => {
                let made = rows.by_ref().take(self.rows_a_step.max(1));
                comparison
                    .rows
                    .extend(made.map(|(metric, a, b)| row(metric, &a, &b)));
                match rows.len() {
                    0 => Part::Rank(comparison),
                    _ => Part::Rows(comparison, rows),
                }
            }
            Part::Rank(mut comparison) => {
                comparison.attributes = ranked(jobs, (a, ia), (b, ib));
                Part::Done(comparison)
            }
            done @ Part::Done(_) => done,
        };
        matches!(self.part, Part::Done(_))
    }

    /// The comparison and its members, with the parts not yet done done first.
    pub fn finish(mut self) -> (Comparison, Members) {
        while !self.step() {}
        match self.part {
            Part::Done(comparison) => (comparison, self.members),
            _ => unreachable!("every part is done"),
        }
    }
}

/// The comparison of two given sets of members (indices into `jobs`).
pub fn compare_members(
    jobs: &[JobReport],
    (a, ia): (&Selector, &[usize]),
    (b, ib): (&Selector, &[usize]),
) -> Comparison {
    let members = (ia.to_vec(), ib.to_vec());
    Comparing::of_members(jobs, a, b, members).finish().0
}

/// Each row's metric and its values in A and in B.
type RowValues = Vec<(Metric, Vec<f64>, Vec<f64>)>;

/// [`compare_members`] without its rows and attributes (left empty), and each row's
/// values to make it from.
fn unranked(
    jobs: &[JobReport],
    (a, ia): (&Selector, &[usize]),
    (b, ib): (&Selector, &[usize]),
) -> (Comparison, RowValues) {
    let side = |s: &Selector, members: &[usize]| Cohort {
        selector: s.to_string(),
        jobs: members.len(),
        with_history: members.iter().filter(|&&i| jobs[i].has_history).count(),
        uuids: members.iter().map(|&i| jobs[i].uuid.clone()).collect(),
    };
    let states = states_of(ia.iter().chain(ib).map(|&i| &jobs[i].durations));
    let any_history = ia.iter().chain(ib).any(|&i| jobs[i].has_history);
    let metrics = states
        .into_iter()
        .map(Metric::State)
        .chain(
            Bucket::ALL
                .map(Metric::Bucket)
                .into_iter()
                .filter(|_| any_history),
        )
        .chain(any_history.then_some(Metric::Total));
    let metrics: Vec<Metric> = metrics.collect();
    let (va, vb) = (values(jobs, ia, &metrics), values(jobs, ib, &metrics));
    let rows = metrics
        .into_iter()
        .zip(va.into_iter().zip(vb))
        .map(|(metric, (a, b))| (metric, a, b))
        .collect();
    let comparison = Comparison {
        schema: COMPARISON_SCHEMA.to_string(),
        version: COMPARISON_VERSION,
        a: side(a, ia),
        b: side(b, ib),
        method: method_words(),
        rows: Vec::new(),
        attributes: Vec::new(),
    };
    (comparison, rows)
}

/// The attributes that tell the members of `a` and `b` apart, ranked, but those the
/// cohorts were picked by.
fn ranked(
    jobs: &[JobReport],
    (a, ia): (&Selector, &[usize]),
    (b, ib): (&Selector, &[usize]),
) -> Vec<Attribute> {
    let mut picked_by = a.facets();
    picked_by.extend(b.facets());
    rank(jobs, ia, ib, &picked_by)
}

/// Each metric's values over `members`, in their order: [`Metric::of`] of every member
/// for every metric, in one pass over the members, each state a member visited put in its
/// row (a pass per metric, each looking the state up by name, was ~20 passes over
/// 50,000 jobs: ~100 ms of the page's comparison).
pub fn values(jobs: &[JobReport], members: &[usize], metrics: &[Metric]) -> Vec<Vec<f64>> {
    let mut values = vec![Vec::new(); metrics.len()];
    let places = StatePlaces::of(metrics);
    for j in members.iter().map(|&i| &jobs[i]) {
        // Every metric of a job without history is `None`.
        if !j.has_history {
            continue;
        }
        for (state, seconds) in j.durations.iter() {
            if let Some(m) = places.of_state(state) {
                values[m].push(*seconds);
            }
        }
        for (m, metric) in metrics.iter().enumerate() {
            if !matches!(metric, Metric::State(_)) {
                values[m].extend(metric.of(j));
            }
        }
    }
    values
}

fn row(metric: Metric, a: &[f64], b: &[f64]) -> Row {
    let (sa, sb) = (summarize(a), summarize(b));
    let both = sa.as_ref().zip(sb.as_ref());
    let interval = median_difference(a, b, &metric.key());
    let verdict = match interval {
        None => Verdict::TooFew,
        Some((_, lo, _)) if lo > 0.0 => Verdict::Longer,
        Some((_, _, hi)) if hi < 0.0 => Verdict::Shorter,
        Some(_) => Verdict::Unclear,
    };
    Row {
        median_difference: both.map(|(x, y)| y.median - x.median),
        p90_difference: both.map(|(x, y)| y.p90 - x.p90),
        interval: interval.map(|(_, lo, hi)| (lo, hi)),
        verdict,
        a: sa,
        b: sb,
        metric,
    }
}

/// For a selector that picked nothing: the values its first facet has.
fn hint(report: &Report, selector: &Selector) -> String {
    let Some(facet) = selector.facets().first().copied() else {
        return String::new();
    };
    let mut values: Vec<String> = report.counted().map(|j| facet.value_of(j)).collect();
    sort_by_key(&mut values, |v| facet.sort_key(v));
    values.dedup();
    let shown: Vec<&str> = values.iter().take(20).map(String::as_str).collect();
    format!(
        "; {} has {}{}",
        facet.key(),
        shown.join(", "),
        if values.len() > shown.len() {
            ", …"
        } else {
            ""
        }
    )
}
