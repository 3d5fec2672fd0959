//! "What is normal": for every state and bucket, the median, P90 and max per
//! job (medians, not means: one stuck job drags a mean), over all loaded jobs
//! or one group of them (an app and version, a system and queue, a final
//! status); where the whole set's time went, bucket by bucket; how each state
//! is spread (P25–P75 around the median, whiskers to min and max); and the
//! outliers the core found (median/MAD against each job's own group).
//!
//! The medians, P90s and maxima are the core's (`report.aggregate`); only the
//! quartiles for the box plot are computed here, from the same per-job values.

use std::collections::{BTreeMap, HashSet};

use tapis_profile::analysis::aggregate::GroupBy;
use tapis_profile::model::SharedText;
use tapis_profile::report::{JobReport, OrderedMap, Report};
use tapis_profile::sort::sort_by;
use tapis_profile::stats::{quantile_sorted, Summary};
use tapis_profile::{Bucket, JobState};

use super::scale::LogScale;
use super::JobPick;
use crate::model::labels::Labels;
use crate::model::words;

/// Which jobs the view summarises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grouping {
    #[default]
    All,
    By(GroupBy),
}

impl Grouping {
    pub const ALL: [Grouping; 4] = [
        Grouping::All,
        Grouping::By(GroupBy::App),
        Grouping::By(GroupBy::SystemQueue),
        Grouping::By(GroupBy::FinalStatus),
    ];

    /// The value of its `<option>`.
    pub fn value(self) -> &'static str {
        match self {
            Grouping::All => "all",
            Grouping::By(by) => by.name(),
        }
    }

    pub fn from_value(value: &str) -> Option<Grouping> {
        Self::ALL.into_iter().find(|g| g.value() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Grouping::All => "All jobs together",
            Grouping::By(GroupBy::App) => "App and version",
            Grouping::By(GroupBy::SystemQueue) => "System and queue",
            Grouping::By(GroupBy::FinalStatus) => "Final status",
        }
    }
}

/// What a row measures: the core's one definition of each job's value, shared
/// with the cohort comparison and the trends.
pub use tapis_profile::metric::Metric;

/// How one metric is spread across the jobs: the box plot's numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub min: f64,
    pub p25: f64,
    pub median: f64,
    pub p75: f64,
    pub p90: f64,
    pub max: f64,
}

impl Spread {
    /// The quantiles it reads besides the least and the most.
    const QUANTILES: [f64; 4] = [0.25, 0.5, 0.75, 0.9];

    pub fn of(mut values: Vec<f64>) -> Option<Spread> {
        values.retain(|v| v.is_finite());
        if values.is_empty() {
            return None;
        }
        place_quantiles(&mut values, &Spread::QUANTILES);
        let q = |p| quantile_sorted(&values, p);
        Some(Spread {
            min: values[0],
            p25: q(0.25),
            median: q(0.5),
            p75: q(0.75),
            p90: q(0.9),
            max: values[values.len() - 1],
        })
    }
}

/// Puts in place, as a sort would, the least and the most of `values` and the one or
/// two values [`quantile_sorted`] reads for each quantile in `qs`, and nothing else: a
/// selection per place over what is left of the list, not a sort of all of it (~20
/// metrics of 50,000 jobs each, and the cohorts' two spreads per metric). Floats equal
/// by `total_cmp` are the same bits, so which of them lands where does not matter.
fn place_quantiles(values: &mut [f64], qs: &[f64]) {
    let n = values.len();
    if n < 2 {
        return;
    }
    // The places `quantile_sorted` reads: the floor and ceiling of its rank.
    let mut places: Vec<usize> = vec![0, n - 1];
    for q in qs {
        let rank = q.clamp(0.0, 1.0) * (n - 1) as f64;
        places.extend([rank.floor() as usize, rank.ceil() as usize]);
    }
    places.sort_unstable();
    places.dedup();
    // Each selection leaves everything before its place no larger and everything after no
    // smaller, so the next works on the rest alone.
    let mut from = 0;
    for place in places {
        values[from..].select_nth_unstable_by(place - from, f64::total_cmp);
        from = place + 1;
    }
}

/// A job far from its group's median on one metric.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlierJob {
    pub uuid: String,
    /// Its name, else the start of its UUID.
    pub label: String,
    pub metric: Metric,
    pub seconds: f64,
    pub group: String,
    pub group_median: f64,
    pub group_size: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MetricRow {
    pub metric: Metric,
    /// The core's count, median, P90 and max.
    pub summary: Summary,
    pub spread: Option<Spread>,
    /// This metric's outliers among the jobs shown, largest first.
    pub outliers: Vec<OutlierJob>,
}

impl MetricRow {
    /// How many jobs its outliers are (a job once, though listed twice in a row) and the
    /// words of the button that selects them: `Select the 3 jobs that are outliers in
    /// QUEUED`. `None` without any. Counted, not picked: the pick is made when the button is
    /// pressed ([`MetricRow::outlier_pick`]), not each time the table is drawn (at 50,000
    /// jobs the rows' outliers are ~22,000 UUIDs).
    pub fn outlier_button(&self) -> Option<(usize, String)> {
        if self.outliers.is_empty() {
            return None;
        }
        let repeats = self.outliers.windows(2).filter(|w| w[0].uuid == w[1].uuid);
        let jobs = self.outliers.len() - repeats.count();
        let words = format!(
            "Select the {} that {} in {}",
            words::count(jobs, "job"),
            if jobs == 1 {
                "is an outlier"
            } else {
                "are outliers"
            },
            self.metric.label()
        );
        Some((jobs, words))
    }

    /// Its outliers as one pick: `the QUEUED outliers`, each job once.
    pub fn outlier_pick(&self) -> JobPick {
        let mut jobs: Vec<String> = self.outliers.iter().map(|o| o.uuid.clone()).collect();
        jobs.dedup();
        JobPick::new(format!("the {} outliers", self.metric.label()), jobs)
    }
}

/// One part of the stacked bar: a bucket's time summed over the jobs.
#[derive(Debug, Clone, PartialEq)]
pub struct BarPart {
    /// `None`: states Tapis does not define, in no bucket.
    pub bucket: Option<Bucket>,
    pub seconds: f64,
    /// Of the wall time summed over the jobs, 0–1.
    pub share: f64,
}

impl BarPart {
    pub fn label(&self) -> &'static str {
        self.bucket.map_or("Not split by state", Bucket::label)
    }

    /// What a part without a bucket holds.
    pub fn title(&self) -> Option<&'static str> {
        self.bucket.is_none().then_some(
            "time known only from job objects' timestamps (staging and Tapis' own steps \
             together), or in states Tapis does not define",
        )
    }
}

/// The stacked bar's parts for buckets' `seconds` out of `wall_seconds`: one part per
/// bucket (blocked/paused only when there was some), and one for the time in no bucket
/// (a job object's coarse phases that mix states, states Tapis does not define) when it
/// is a visible share.
pub fn bar_parts(
    buckets: impl IntoIterator<Item = (Bucket, f64)>,
    wall_seconds: f64,
) -> Vec<BarPart> {
    let share = |s: f64| {
        if wall_seconds > 0.0 {
            s / wall_seconds
        } else {
            0.0
        }
    };
    let mut bar: Vec<BarPart> = buckets
        .into_iter()
        .filter(|&(b, s)| b != Bucket::BlockedOrPaused || s > 0.0)
        .map(|(b, s)| BarPart {
            bucket: Some(b),
            seconds: s,
            share: share(s),
        })
        .collect();
    let unknown = wall_seconds - bar.iter().map(|p| p.seconds).sum::<f64>();
    if share(unknown) >= UNKNOWN_MIN_SHARE {
        bar.push(BarPart {
            bucket: None,
            seconds: unknown,
            share: share(unknown),
        });
    }
    bar
}

/// One group in the comparison table.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRow {
    pub key: String,
    pub jobs: usize,
    /// Median total per job (jobs with history), when any has history.
    pub total_median: Option<f64>,
    /// Median per job of each bucket, in `Bucket::ALL` order.
    pub bucket_medians: Vec<(Bucket, Option<f64>)>,
}

/// Everything the "What is normal" view shows for one choice of jobs.
#[derive(Debug, Clone, PartialEq)]
pub struct NormalModel {
    pub grouping: Grouping,
    /// The groups of the chosen kind, most jobs first (empty for all jobs).
    pub groups: Vec<GroupRow>,
    /// The group shown in detail (always one of `groups` when they exist).
    pub group: Option<String>,
    /// Jobs shown, and how many of them have a history.
    pub jobs: usize,
    pub with_history: usize,
    /// Wall time summed over the jobs shown.
    pub wall_seconds: f64,
    pub bar: Vec<BarPart>,
    /// States (lifecycle order), then buckets, then the total.
    pub rows: Vec<MetricRow>,
    /// Shared by every row's box plot, so rows compare.
    pub scale: LogScale,
    /// Every outlier among the jobs shown, largest excess first.
    pub outliers: Vec<OutlierJob>,
}

/// Smallest share of the wall time worth a part in the bar for unknown states.
const UNKNOWN_MIN_SHARE: f64 = 0.001;

impl NormalModel {
    /// The view of `grouping`; `group` picks the group shown in detail (the
    /// largest when it is `None` or no longer exists).
    pub fn new(report: &Report, grouping: Grouping, group: Option<&str>) -> NormalModel {
        Modelling::new(report, grouping, group).finish()
    }

    /// The UUIDs of every outlier job shown, each once, in order of first mention (made when
    /// they are selected: see [`NormalModel::outlier_job_count`]).
    pub fn outlier_jobs(&self) -> Vec<String> {
        self.outlier_job_uuids().map(str::to_string).collect()
    }

    /// How many jobs [`NormalModel::outlier_jobs`] are, without a copy of their UUIDs (the
    /// view draws the count; at 50,000 jobs they are ~12,000 of ~22,000 outliers).
    pub fn outlier_job_count(&self) -> usize {
        self.outlier_job_uuids().count()
    }

    /// The outliers' UUIDs, each at its first mention: a set beside the list (thousands
    /// of outliers at 10,000 jobs), of the UUIDs borrowed.
    fn outlier_job_uuids(&self) -> impl Iterator<Item = &str> {
        let mut seen = HashSet::new();
        self.outliers
            .iter()
            .map(|o| o.uuid.as_str())
            .filter(move |uuid| seen.insert(*uuid))
    }
}

/// [`NormalModel::new`] a part at a time, so the page can run each in a task of its own
/// (at 50,000 jobs the whole was ~60 ms natively and one task of ~90 ms on the page,
/// docs/performance.md, P6): the groups, members and labels when made; the members'
/// values a few thousand jobs a [`Modelling::step`], then each row's spread and outliers
/// a few rows a step; the bar, the scale and the outliers of every row in
/// [`Modelling::finish`].
pub struct Modelling<'a> {
    grouping: Grouping,
    groups: Vec<GroupRow>,
    group: Option<String>,
    members: Vec<&'a JobReport>,
    /// States (lifecycle order), then buckets, then the total, with the core's summaries.
    metrics: Vec<(Metric, &'a Summary)>,
    total: Option<&'a Summary>,
    buckets: &'a OrderedMap<Bucket, Summary>,
    labels: Labels,
    values: PerMetric,
    /// The next member to count, and how many a step counts.
    next: usize,
    members_a_step: usize,
    /// The rows made once every member is counted, a few a step.
    rows: Vec<MetricRow>,
}

/// Members whose values a [`Modelling::step`] gathers (~6 ms natively at 50,000 jobs).
const MEMBERS_A_STEP: usize = 10_000;
/// Rows a [`Modelling::step`] makes (each a sort of its values and of its outliers):
/// all 16 in one step were ~20 ms natively at 50,000 jobs, ~50 ms on the page.
const ROWS_A_STEP: usize = 4;

impl<'a> Modelling<'a> {
    pub fn new(report: &'a Report, grouping: Grouping, group: Option<&str>) -> Modelling<'a> {
        let a = &report.aggregate;
        let (groups, group) = match grouping {
            Grouping::All => (Vec::new(), None),
            Grouping::By(by) => {
                let mut rows: Vec<GroupRow> = a
                    .groups
                    .iter()
                    .filter(|g| g.by == by.name())
                    .map(|g| GroupRow {
                        key: g.key.clone(),
                        jobs: g.jobs,
                        total_median: g.total.as_ref().map(|t| t.median),
                        bucket_medians: Bucket::ALL
                            .iter()
                            .map(|b| (*b, g.buckets.get(b).map(|s| s.median)))
                            .collect(),
                    })
                    .collect();
                sort_by(&mut rows, |x, y| {
                    y.jobs.cmp(&x.jobs).then_with(|| x.key.cmp(&y.key))
                });
                let chosen = group
                    .filter(|k| rows.iter().any(|r| r.key == *k))
                    .map(str::to_string)
                    .or_else(|| rows.first().map(|r| r.key.clone()));
                (rows, chosen)
            }
        };
        let members: Vec<&JobReport> = match (grouping, &group) {
            (Grouping::By(by), Some(key)) => report
                .counted()
                .filter(|j| by.key_of(j).as_deref() == Some(key.as_str()))
                .collect(),
            (Grouping::By(_), None) => Vec::new(),
            (Grouping::All, _) => report.counted().collect(),
        };
        let (total, states, buckets) = match (grouping, &group) {
            (Grouping::All, _) => (a.total.as_ref(), &a.states, &a.buckets),
            (Grouping::By(by), Some(key)) => {
                match a.groups.iter().find(|g| g.by == by.name() && g.key == *key) {
                    Some(g) => (g.total.as_ref(), &g.states, &g.buckets),
                    None => (None, &EMPTY_STATES, &EMPTY_BUCKETS),
                }
            }
            (Grouping::By(_), None) => (None, &EMPTY_STATES, &EMPTY_BUCKETS),
        };

        let metrics = states
            .iter()
            .map(|(s, sum)| (Metric::State(s.clone()), sum))
            .chain(buckets.iter().map(|(b, sum)| (Metric::Bucket(*b), sum)))
            .chain(total.map(|t| (Metric::Total, t)));
        let metrics: Vec<(Metric, &Summary)> = metrics.collect();
        let values = PerMetric::new(&metrics, members.len());
        Modelling {
            grouping,
            groups,
            group,
            members,
            metrics,
            total,
            buckets,
            labels: Labels::of(&report.jobs),
            values,
            next: 0,
            members_a_step: MEMBERS_A_STEP,
            rows: Vec::new(),
        }
    }

    /// The same in steps of `members` members each (tests take many small steps).
    #[cfg(test)]
    fn in_steps_of(self, members: usize) -> Modelling<'a> {
        Modelling {
            members_a_step: members,
            ..self
        }
    }

    /// Gathers the next members' values, or once every member's are, makes the next rows;
    /// `true` once every row is made.
    pub fn step(&mut self) -> bool {
        if self.next < self.members.len() {
            let end = (self.next + self.members_a_step.max(1)).min(self.members.len());
            for j in &self.members[self.next..end] {
                self.values.add(j, &self.metrics, &self.labels);
            }
            self.next = end;
            return false;
        }
        let made = self.rows.len();
        let end = (made + ROWS_A_STEP).min(self.metrics.len());
        for m in made..end {
            let values = std::mem::take(&mut self.values.values[m]);
            let mut outliers = std::mem::take(&mut self.values.outliers[m]);
            sort_by(&mut outliers, |x, y| y.seconds.total_cmp(&x.seconds));
            let (metric, summary) = &self.metrics[m];
            self.rows.push(MetricRow {
                spread: Spread::of(values),
                summary: (*summary).clone(),
                outliers,
                metric: metric.clone(),
            });
        }
        end == self.metrics.len()
    }

    /// The model, with the steps not yet taken taken first.
    pub fn finish(mut self) -> NormalModel {
        while !self.step() {}
        let rows = self.rows;
        let wall_seconds = self.total.map_or(0.0, |t| t.sum);
        let bar = bar_parts(self.buckets.iter().map(|(b, s)| (*b, s.sum)), wall_seconds);

        let scale = LogScale::covering(rows.iter().flat_map(|r| {
            let s = &r.summary;
            [s.min, s.max]
        }));
        let mut outliers: Vec<OutlierJob> = rows.iter().flat_map(|r| r.outliers.clone()).collect();
        sort_by(&mut outliers, |x, y| {
            (y.seconds - y.group_median).total_cmp(&(x.seconds - x.group_median))
        });
        NormalModel {
            grouping: self.grouping,
            groups: self.groups,
            group: self.group,
            jobs: self.members.len(),
            with_history: self.members.iter().filter(|j| j.has_history).count(),
            wall_seconds,
            bar,
            rows,
            scale,
            outliers,
        }
    }
}

static EMPTY_STATES: OrderedMap<JobState, Summary> = OrderedMap(Vec::new());
static EMPTY_BUCKETS: OrderedMap<Bucket, Summary> = OrderedMap(Vec::new());

/// What the page calls the first `max` jobs of `uuids` (as `report` knows them), and how
/// many more there are.
pub fn job_names(
    report: &Report,
    labels: &Labels,
    uuids: &[SharedText],
    max: usize,
) -> (Vec<String>, usize) {
    let names = uuids
        .iter()
        .take(max)
        .map(|u| {
            report
                .job(u)
                .map_or_else(|| u.to_string(), |j| labels.of_job(j))
        })
        .collect();
    (names, uuids.len().saturating_sub(max))
}

/// Every metric's values and outliers over the members, gathered in one pass over the
/// jobs (a pass per metric was some twenty passes over 10,000 jobs), in member order.
struct PerMetric {
    values: Vec<Vec<f64>>,
    outliers: Vec<Vec<OutlierJob>>,
    /// The rows of each metric's key (the name a job's outliers give).
    keys: BTreeMap<String, Vec<usize>>,
    /// A state's row by its lifecycle order (unknown names by search): the jobs
    /// visit ~10 states each, and comparing states by name adds up at 10,000 jobs.
    known: [Option<usize>; JobState::PLACES],
}

impl PerMetric {
    fn new(metrics: &[(Metric, &Summary)], members: usize) -> PerMetric {
        let mut keys: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut known = [None; JobState::PLACES];
        for (m, (metric, _)) in metrics.iter().enumerate() {
            keys.entry(metric.key()).or_default().push(m);
            if let Metric::State(s) = metric {
                if s.is_known() {
                    known[s.order()] = Some(m);
                }
            }
        }
        PerMetric {
            values: vec![Vec::with_capacity(members); metrics.len()],
            outliers: vec![Vec::new(); metrics.len()],
            keys,
            known,
        }
    }

    /// Adds job `j`'s value of each metric and its outliers.
    fn add(&mut self, j: &JobReport, metrics: &[(Metric, &Summary)], labels: &Labels) {
        // `Metric::of`, with a state's value found from the job's side: each
        // state it visited goes to its row.
        if j.has_history {
            for (state, seconds) in j.durations.iter() {
                let row = match state.is_known() {
                    true => self.known[state.order()],
                    false => metrics
                        .iter()
                        .position(|(metric, _)| matches!(metric, Metric::State(s) if s == state)),
                };
                if let Some(m) = row {
                    self.values[m].push(*seconds);
                }
            }
        }
        for (m, (metric, _)) in metrics.iter().enumerate() {
            if !matches!(metric, Metric::State(_)) {
                self.values[m].extend(metric.of(j));
            }
        }
        for o in &j.outliers {
            for &m in self.keys.get(&*o.metric).into_iter().flatten() {
                self.outliers[m].push(OutlierJob {
                    uuid: j.uuid.to_string(),
                    label: labels.of_job(j),
                    metric: metrics[m].0.clone(),
                    seconds: o.seconds,
                    group: o.group.to_string(),
                    group_median: o.group_median,
                    group_size: o.group_size,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tapis_profile::analysis::{analyse_jobs, Options};
    use tapis_profile::synthetic::{generate, Config};

    fn report(jobs: usize, seed: u64) -> Report {
        let jobs = generate(&Config {
            jobs,
            seed,
            ..Config::default()
        });
        analyse_jobs(&jobs, &Options::default())
    }

    #[test]
    fn a_spread_by_selection_is_the_spread_of_the_sorted_values() {
        // Lengths around the places' edges, values with ties, signs and a NaN.
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for n in (0..40).chain([99, 100, 101, 1_000, 4_097]) {
            let values: Vec<f64> = (0..n)
                .map(|i| match next() % 9 {
                    0 => f64::NAN,
                    1 => 0.0,
                    2 => -0.0,
                    3 => 7.0,
                    _ => (next() % 10_000) as f64 / 7.0 - 300.0 * (i % 3) as f64,
                })
                .collect();
            let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
            sorted.sort_by(f64::total_cmp);
            let whole = (!sorted.is_empty()).then(|| Spread {
                min: sorted[0],
                p25: quantile_sorted(&sorted, 0.25),
                median: quantile_sorted(&sorted, 0.5),
                p75: quantile_sorted(&sorted, 0.75),
                p90: quantile_sorted(&sorted, 0.9),
                max: sorted[sorted.len() - 1],
            });
            let bits = |s: Option<Spread>| {
                s.map(|s| [s.min, s.p25, s.median, s.p75, s.p90, s.max].map(f64::to_bits))
            };
            assert_eq!(bits(Spread::of(values)), bits(whole), "{n} values");
        }
    }

    #[test]
    fn a_rows_outliers_are_one_pick_with_its_words() {
        let r = report(300, 7);
        let m = NormalModel::new(&r, Grouping::All, None);
        let row = m
            .rows
            .iter()
            .find(|row| !row.outliers.is_empty())
            .expect("300 synthetic jobs have outliers");
        let (n, words) = row.outlier_button().unwrap();
        let pick = row.outlier_pick();
        let label = row.metric.label();
        assert_eq!(pick.label, format!("the {label} outliers"));
        assert!(!pick.jobs.is_empty());
        assert!(pick
            .jobs
            .iter()
            .all(|u| row.outliers.iter().any(|o| &o.uuid == u)));
        assert_eq!(n, pick.jobs.len());
        let expected = match n {
            1 => format!("Select the 1 job that is an outlier in {label}"),
            n => format!("Select the {n} jobs that are outliers in {label}"),
        };
        assert_eq!(words, expected);
        let calm = m.rows.iter().find(|row| row.outliers.is_empty());
        assert!(calm.is_none_or(|row| row.outlier_button().is_none()));
    }

    #[test]
    fn all_jobs_shows_the_cores_numbers_and_consistent_quartiles() {
        let r = report(300, 7);
        let m = NormalModel::new(&r, Grouping::All, None);
        assert_eq!(m.jobs, 300);
        assert_eq!(m.with_history, r.aggregate.jobs_with_history);
        assert!(m.groups.is_empty() && m.group.is_none());
        let states: Vec<&MetricRow> = m
            .rows
            .iter()
            .filter(|x| matches!(x.metric, Metric::State(_)))
            .collect();
        assert_eq!(states.len(), r.aggregate.states.len());
        assert_eq!(m.rows.last().unwrap().metric, Metric::Total);
        for row in &m.rows {
            let s = row.spread.expect("every row has values");
            let sum = &row.summary;
            assert!((s.median - sum.median).abs() < 1e-9, "{:?}", row.metric);
            assert!((s.p90 - sum.p90).abs() < 1e-9, "{:?}", row.metric);
            assert_eq!((s.min, s.max), (sum.min, sum.max));
            assert!(s.min <= s.p25 && s.p25 <= s.median && s.median <= s.p75);
            assert!(s.p75 <= s.p90 && s.p90 <= s.max);
        }
        let bar: f64 = m.bar.iter().map(|p| p.share).sum();
        assert!(
            (bar - 1.0).abs() < 1e-9,
            "the bar is the whole wall time: {bar}"
        );
        let queue = m
            .bar
            .iter()
            .find(|p| p.bucket == Some(Bucket::QueueWait))
            .unwrap();
        assert_eq!(
            queue.seconds,
            r.aggregate.buckets.get(&Bucket::QueueWait).unwrap().sum
        );
    }

    /// The one pass over the jobs gives every row what its definition says: the
    /// spread of `Metric::of` over the members, and the members' outliers of that
    /// metric, largest first, ties in job order.
    #[test]
    fn every_row_is_what_a_pass_per_metric_gives() {
        for (jobs, seed) in [(0, 1), (1, 2), (60, 4), (500, 5)] {
            let r = report(jobs, seed);
            for grouping in Grouping::ALL {
                let keys: Vec<Option<String>> = match grouping {
                    Grouping::All => vec![None],
                    Grouping::By(by) => r
                        .aggregate
                        .groups
                        .iter()
                        .filter(|g| g.by == by.name())
                        .map(|g| Some(g.key.clone()))
                        .collect(),
                };
                for key in keys {
                    let m = NormalModel::new(&r, grouping, key.as_deref());
                    let members: Vec<&JobReport> = match (grouping, &m.group) {
                        (Grouping::All, _) => r.counted().collect(),
                        (Grouping::By(by), Some(k)) => r
                            .counted()
                            .filter(|j| by.key_of(j).as_deref() == Some(k))
                            .collect(),
                        (Grouping::By(_), None) => Vec::new(),
                    };
                    for row in &m.rows {
                        let values = members.iter().filter_map(|j| row.metric.of(j)).collect();
                        assert_eq!(
                            row.spread,
                            Spread::of(values),
                            "{grouping:?} {key:?} {:?}",
                            row.metric
                        );
                        let mut want: Vec<OutlierJob> = members
                            .iter()
                            .flat_map(|j| {
                                j.outliers
                                    .iter()
                                    .filter(|o| *o.metric == *row.metric.key())
                                    .map(|o| OutlierJob {
                                        uuid: j.uuid.to_string(),
                                        label: Labels::of(&r.jobs).of_job(j),
                                        metric: row.metric.clone(),
                                        seconds: o.seconds,
                                        group: o.group.to_string(),
                                        group_median: o.group_median,
                                        group_size: o.group_size,
                                    })
                            })
                            .collect();
                        want.sort_by(|x, y| y.seconds.total_cmp(&x.seconds));
                        assert_eq!(row.outliers, want, "{grouping:?} {key:?} {:?}", row.metric);
                    }
                }
            }
        }
    }

    #[test]
    fn outliers_come_from_the_report_and_each_job_is_listed_once() {
        let r = report(400, 3);
        let m = NormalModel::new(&r, Grouping::All, None);
        let in_report: usize = r.jobs.iter().map(|j| j.outliers.len()).sum();
        assert!(in_report > 0, "the synthetic set has outliers");
        // Every outlier metric the core scores has a row (states, buckets, total).
        assert_eq!(m.outliers.len(), in_report);
        let jobs = m.outlier_jobs();
        let with: usize = r.jobs.iter().filter(|j| !j.outliers.is_empty()).count();
        assert_eq!(jobs.len(), with);
        assert_eq!(m.outlier_job_count(), with);
        for row in &m.rows {
            assert!(row.outliers.iter().all(|o| o.metric == row.metric));
            assert!(row
                .outliers
                .windows(2)
                .all(|w| w[0].seconds >= w[1].seconds));
        }
    }

    #[test]
    fn a_group_shows_its_own_numbers_and_the_largest_is_the_default() {
        let r = report(300, 9);
        let m = NormalModel::new(&r, Grouping::By(GroupBy::App), None);
        assert!(m.groups.len() > 1);
        assert!(m.groups.windows(2).all(|w| w[0].jobs >= w[1].jobs));
        let largest = &m.groups[0];
        assert_eq!(m.group.as_deref(), Some(largest.key.as_str()));
        assert_eq!(m.jobs, largest.jobs);
        let core = r
            .aggregate
            .groups
            .iter()
            .find(|g| g.by == "app" && g.key == largest.key)
            .unwrap();
        assert_eq!(
            m.rows.last().map(|x| &x.summary),
            core.total.as_ref(),
            "the total row is the core's"
        );

        let other = m.groups[1].key.clone();
        let m2 = NormalModel::new(&r, Grouping::By(GroupBy::App), Some(&other));
        assert_eq!(m2.group.as_deref(), Some(other.as_str()));
        assert_eq!(m2.jobs, m.groups[1].jobs);
        let gone = NormalModel::new(&r, Grouping::By(GroupBy::App), Some("no such app"));
        assert_eq!(
            gone.group, m.group,
            "an unknown group falls back to the largest"
        );
    }

    #[test]
    fn jobs_without_history_count_but_have_no_rows() {
        let mut r = report(20, 1);
        for j in &mut r.jobs {
            j.has_history = false;
        }
        r.aggregate = Default::default();
        let m = NormalModel::new(&r, Grouping::All, None);
        assert_eq!((m.jobs, m.with_history), (20, 0));
        assert!(m.rows.is_empty() && m.bar.is_empty());
        let by = NormalModel::new(&r, Grouping::By(GroupBy::FinalStatus), None);
        assert!(by.groups.is_empty() && by.group.is_none() && by.jobs == 0);
    }

    #[test]
    fn groupings_round_trip_through_their_option_values() {
        for g in Grouping::ALL {
            assert_eq!(Grouping::from_value(g.value()), Some(g));
        }
        assert_eq!(Grouping::from_value("nope"), None);
    }

    #[test]
    fn a_model_made_a_few_jobs_a_step_is_the_model() {
        let r = report(120, 5);
        for grouping in [Grouping::All, Grouping::By(GroupBy::App)] {
            let whole = NormalModel::new(&r, grouping, None);
            // Many steps, and outliers and a spread to gather in them.
            assert!(whole.jobs > 20, "{} jobs", whole.jobs);
            assert!(!whole.outliers.is_empty() && whole.rows.iter().all(|r| r.spread.is_some()));
            let mut modelling = Modelling::new(&r, grouping, None).in_steps_of(7);
            let mut steps = 1;
            while !modelling.step() {
                steps += 1;
            }
            assert!(
                steps >= whole.jobs / 7,
                "{steps} steps for {} jobs",
                whole.jobs
            );
            assert_eq!(modelling.finish(), whole, "{grouping:?}");
        }
    }
}
