//! Statistics across jobs — overall and per app (+version), per execution
//! system + queue, per final status — and outliers against each job's own group.

use std::collections::BTreeMap;

use crate::job_report::{JobReport, Outlier};
use crate::job_state::{Bucket, JobState};
use crate::metric::Metric;
use crate::model::SharedText;
use crate::ordered_map::OrderedMap;
use crate::report::{Aggregate, Group};
use crate::sort::{from_total_order_key, total_order_key};
use crate::stats::{
    mad_of_sorted, quantile_of, robust_z, summarize, summarize_each, summarize_sorted_keys, Summary,
};

/// Fewer jobs than this in a group: no outlier is called (too little to know "normal").
pub const OUTLIER_MIN_GROUP: usize = 5;
/// Modified z-score above which a value is an outlier (Iglewicz and Hoaglin).
pub const OUTLIER_SCORE: f64 = 3.5;
/// An outlier must also be this many seconds above its group's median.
pub const OUTLIER_MIN_EXCESS_SECONDS: f64 = 60.0;

/// Aggregates the jobs counted (a stale job left out is in no statistic and no
/// group) and writes each one's outliers into it.
pub fn aggregate(jobs: &mut [JobReport]) -> Aggregate {
    Aggregating::new(jobs).finish(jobs)
}

/// [`aggregate`] a part at a time: the rows, the columns sorted, the statistics over
/// all the jobs, then per app, per system and queue, per final status, then the
/// outliers, each a [`Aggregating::step`] (the rows, the columns and the outliers a
/// bounded amount a step), so the page can run each in a task of its own (together
/// ~160–200 ms of one task at 10,000 jobs, docs/performance.md, P6).
pub struct Aggregating {
    rows: Vec<Row>,
    counted: Vec<usize>,
    /// Of the counted jobs, those with a history: the ones every column and the time
    /// outside RUNNING are over.
    with_history: Vec<usize>,
    /// Some job entered a state of unknown name.
    unknown: bool,
    /// Each way of grouping's group names and members, for the outliers.
    grouped: Vec<(GroupBy, Grouping)>,
    /// Each column's values in order, made by the first parts and read by the next ones.
    columns: Columns,
    out: Aggregate,
    next: Part,
    /// Jobs whose rows are made in a step, and column entries sorted or scored in one.
    rows_a_step: usize,
    entries_a_step: usize,
}

/// What an [`Aggregating::step`] does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// The rows of the jobs from this one on.
    Rows,
    /// The columns not yet sorted.
    Columns,
    /// The statistics over all the jobs.
    Overall,
    /// The statistics of each group of [`GroupBy::ALL`]'s `k`th way of grouping.
    Grouping(usize),
    /// The outliers of [`outlier_metrics`] from the `k`th on.
    Outliers(usize),
    Done,
}

/// Jobs whose rows are made in a step: ~0.2 µs each natively (10.5 ms for 50,000 jobs,
/// with the rest of the statistics' first step ~16 ms: ~60 ms on the page).
const ROWS_A_STEP: usize = 20_000;

/// Column entries sorted, or scored for outliers, in a step: ~36 ns each natively when
/// sorted (the first half of the columns, ~500,000 entries at 50,000 jobs, took 18 ms
/// natively and ~65 ms on the page in one step; docs/performance.md, P6).
const ENTRIES_A_STEP: usize = 200_000;

impl Aggregating {
    pub fn new(jobs: &[JobReport]) -> Aggregating {
        Aggregating::in_steps_of(jobs, ROWS_A_STEP, ENTRIES_A_STEP)
    }

    /// The same with other step sizes (the tests': the statistics are the same whatever they are).
    fn in_steps_of(jobs: &[JobReport], rows_a_step: usize, entries_a_step: usize) -> Aggregating {
        let totals = super::totals::Totals::of(jobs.iter());
        let counted: Vec<usize> = (0..jobs.len()).filter(|&i| jobs[i].counted()).collect();
        let with_history: Vec<usize> = counted
            .iter()
            .copied()
            .filter(|&i| jobs[i].has_history)
            .collect();
        let unknown = jobs
            .iter()
            .any(|j| j.durations.iter().any(|(s, _)| !s.is_known()));
        let out = Aggregate {
            jobs: counted.len(),
            jobs_with_history: with_history.len(),
            node_hours: totals.node_hours.clone(),
            totals,
            ..Aggregate::default()
        };
        Aggregating {
            rows: Vec::with_capacity(jobs.len()),
            counted,
            with_history,
            unknown,
            grouped: Vec::new(),
            columns: Columns::default(),
            out,
            next: Part::Rows,
            rows_a_step: rows_a_step.max(1),
            entries_a_step,
        }
    }

    /// Does the next part over `jobs` (those it was made with); `true` once every part is done.
    pub fn step(&mut self, jobs: &mut [JobReport]) -> bool {
        self.next = match self.next {
            Part::Rows => {
                let done = self.rows.len();
                let next = jobs.len().min(done + self.rows_a_step);
                self.rows.extend(jobs[done..next].iter().map(Row::of));
                if next < jobs.len() {
                    Part::Rows
                } else {
                    Part::Columns
                }
            }
            Part::Columns => {
                self.columns
                    .add(&self.rows, &self.with_history, self.entries_a_step);
                if self.columns.0.len() < Columns::COUNT {
                    Part::Columns
                } else {
                    Part::Overall
                }
            }
            Part::Overall => {
                let everyone = Members::all(&self.rows, &self.counted);
                let (total, states, buckets) = self
                    .table(jobs)
                    .summaries(&self.columns, &everyone)
                    .pop()
                    .expect("one group");
                self.out.total = total;
                self.out.states = states;
                self.out.buckets = buckets;
                let outside = self
                    .with_history
                    .iter()
                    .map(|&i| jobs[i].outside_running_seconds);
                self.out.outside_running = summarize_each(outside);
                Part::Grouping(0)
            }
            Part::Grouping(k) => {
                let by = GroupBy::ALL[k];
                let grouped = groups(jobs, &self.counted, |j| by.key_of(j));
                let members = Members::of(self.rows.len(), grouped.values());
                let summaries = self.table(jobs).summaries(&self.columns, &members);
                for ((key, members), (total, states, buckets)) in grouped.iter().zip(summaries) {
                    self.out.groups.push(Group {
                        by: by.name().to_string(),
                        key: key.clone(),
                        jobs: members.len(),
                        total,
                        states,
                        buckets,
                    });
                }
                // Each name shared by all the group's outliers (one copy, not one a job).
                let names = grouped.keys().map(|k| k.as_str().into()).collect();
                self.grouped.push((by, Grouping { names, members }));
                if k + 1 < GroupBy::ALL.len() {
                    Part::Grouping(k + 1)
                } else {
                    Part::Outliers(0)
                }
            }
            Part::Outliers(from) => {
                let of = |by: GroupBy| self.grouped.iter().find(|(b, _)| *b == by).map(|(_, g)| g);
                let (by_app, by_queue) = (of(GroupBy::App), of(GroupBy::SystemQueue));
                let (found, next) =
                    outliers(&self.columns, by_app, by_queue, from, self.entries_a_step);
                for (i, o) in found {
                    jobs[i].outliers.push(o);
                }
                match next {
                    Some(next) => Part::Outliers(next),
                    None => {
                        self.columns = Columns::default();
                        Part::Done
                    }
                }
            }
            Part::Done => Part::Done,
        };
        self.next == Part::Done
    }

    /// The rows, and `jobs` (those it was made with) for what the rows leave out.
    fn table<'a>(&'a self, jobs: &'a [JobReport]) -> Table<'a> {
        Table {
            rows: &self.rows,
            jobs,
            unknown: self.unknown,
        }
    }

    /// The statistics, with the parts not yet done done first.
    pub fn finish(mut self, jobs: &mut [JobReport]) -> Aggregate {
        while !self.step(jobs) {}
        self.out
    }
}

/// Slots in [`Row::states`]: the known states and the submission gap, by [`JobState::order`].
const STATES: usize = JobState::PLACES;

/// What the statistics read of one job, gathered once into a small dense row:
/// they pass over every job some forty times (each group, state, bucket and
/// outlier metric), and the reports themselves are large and scattered in memory.
struct Row {
    history: bool,
    total: f64,
    /// Seconds per state by [`JobState::order`]; NaN where the job never entered it.
    states: [f64; STATES],
    /// Seconds per bucket, in [`Bucket::ALL`] order.
    buckets: [f64; 5],
}

impl Row {
    fn of(j: &JobReport) -> Row {
        let mut states = [f64::NAN; STATES];
        for (s, v) in j.durations.iter().filter(|(s, _)| s.is_known()) {
            states[s.order()] = *v;
        }
        Row {
            history: j.has_history,
            total: j.total_seconds,
            states,
            buckets: Bucket::ALL.map(|b| j.bucket_seconds(b)),
        }
    }
}

/// The rows, and the reports for what the rows leave out (states of unknown names).
struct Table<'a> {
    rows: &'a [Row],
    jobs: &'a [JobReport],
    /// Some job entered a state of unknown name.
    unknown: bool,
}

/// The ways jobs are grouped in [`Aggregate::groups`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GroupBy {
    /// App and version: the same workflow.
    App,
    /// Execution system and queue: the same scheduler.
    SystemQueue,
    /// How the jobs ended.
    FinalStatus,
}

impl GroupBy {
    pub const ALL: [GroupBy; 3] = [GroupBy::App, GroupBy::SystemQueue, GroupBy::FinalStatus];

    /// `Group::by` in the report: `app`, `system-queue`, `final-status`.
    pub fn name(self) -> &'static str {
        match self {
            GroupBy::App => "app",
            GroupBy::SystemQueue => "system-queue",
            GroupBy::FinalStatus => "final-status",
        }
    }

    /// The key of the group `j` belongs to (`None`: in no group of this kind).
    pub fn key_of(self, j: &JobReport) -> Option<String> {
        match self {
            GroupBy::App => j.app_label(),
            GroupBy::SystemQueue => j.system_queue(),
            GroupBy::FinalStatus => Some(
                j.final_status
                    .as_ref()
                    .map_or("(unknown)".into(), |s| s.name().to_string()),
            ),
        }
    }
}

/// The `members` (indices into `jobs`) grouped by `key`.
fn groups(
    jobs: &[JobReport],
    members: &[usize],
    key: impl Fn(&JobReport) -> Option<String>,
) -> BTreeMap<String, Vec<usize>> {
    let mut out: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &i in members {
        if let Some(k) = key(&jobs[i]) {
            out.entry(k).or_default().push(i);
        }
    }
    out
}

type Summaries = (
    Option<Summary>,
    OrderedMap<JobState, Summary>,
    OrderedMap<Bucket, Summary>,
);

/// Each column the statistics summarise (a job's total, each state's time, each
/// bucket's), its values over the counted jobs with history sorted once, as sort keys
/// with their rows: every group's values are then read from it already in order
/// (the same order, so the same sums and quantiles, as sorting each group's), where
/// sorting each group's values again for each way of grouping was a third of the
/// statistics (docs/performance.md, P1).
#[derive(Default)]
struct Columns(Vec<(Metric, Vec<(u64, u32)>)>);

impl Columns {
    const COUNT: usize = 1 + STATES + Bucket::ALL.len();

    /// What each column holds: the total, then the states in lifecycle order, then the
    /// buckets (the order their summaries are listed in).
    fn metrics() -> impl Iterator<Item = Metric> {
        std::iter::once(Metric::Total)
            .chain(JobState::lifecycle().map(|s| Metric::State(s.clone())))
            .chain(Bucket::ALL.into_iter().map(Metric::Bucket))
    }

    /// The next columns over the rows `with` (those with a history), sorted, until at
    /// least `entries` entries are (at least one column; all of them if fewer).
    fn add(&mut self, rows: &[Row], with: &[usize], entries: usize) {
        let mut sorted = 0;
        for metric in Self::metrics().skip(self.0.len()) {
            let mut column: Vec<(u64, u32)> = with
                .iter()
                .filter_map(|&i| Some((row_value(&metric, &rows[i])?, i)))
                .filter(|(v, _)| v.is_finite())
                .map(|(v, i)| (total_order_key(v), i as u32))
                .collect();
            column.sort_unstable();
            sorted += column.len();
            self.0.push((metric, column));
            if sorted >= entries {
                break;
            }
        }
    }
}

/// A way of grouping's group names, in order, and which group each row is in.
struct Grouping {
    names: Vec<SharedText>,
    members: Members,
}

/// Which group each row is in (`NONE`: none), and how many groups there are.
struct Members {
    group_of: Vec<u32>,
    groups: usize,
}

impl Members {
    const NONE: u32 = u32::MAX;

    /// Every counted row in one group.
    fn all(rows: &[Row], counted: &[usize]) -> Members {
        Members::of(rows.len(), [counted])
    }

    /// Each list of rows a group, in order.
    fn of<M: AsRef<[usize]>>(rows: usize, groups: impl IntoIterator<Item = M>) -> Members {
        let mut out = Members {
            group_of: vec![Self::NONE; rows],
            groups: 0,
        };
        for members in groups {
            for &i in members.as_ref() {
                out.group_of[i] = out.groups as u32;
            }
            out.groups += 1;
        }
        out
    }
}

impl Table<'_> {
    /// Each group's totals over its members with history; per state over those that
    /// entered it (lifecycle order, unknown names last by name); per bucket over
    /// those with history.
    fn summaries(&self, columns: &Columns, members: &Members) -> Vec<Summaries> {
        let mut out: Vec<Summaries> = (0..members.groups)
            .map(|_| (None, OrderedMap(Vec::new()), OrderedMap(Vec::new())))
            .collect();
        let mut keys: Vec<Vec<u64>> = vec![Vec::new(); members.groups];
        for (metric, column) in &columns.0 {
            keys.iter_mut().for_each(Vec::clear);
            for &(key, row) in column {
                let g = members.group_of[row as usize];
                if g != Members::NONE {
                    keys[g as usize].push(key);
                }
            }
            for (g, keys) in keys.iter().enumerate() {
                let Some(summary) = summarize_sorted_keys(keys) else {
                    continue;
                };
                let (total, states, buckets) = &mut out[g];
                match metric {
                    Metric::Total => *total = Some(summary),
                    Metric::State(s) => states.0.push((s.clone(), summary)),
                    Metric::Bucket(b) => buckets.0.push((*b, summary)),
                }
            }
        }
        if self.unknown {
            let mut named: Vec<BTreeMap<&JobState, Vec<f64>>> =
                vec![BTreeMap::new(); members.groups];
            for (i, r) in self.rows.iter().enumerate() {
                let g = members.group_of[i];
                if g == Members::NONE || !r.history {
                    continue;
                }
                for (s, v) in self.jobs[i].durations.iter().filter(|(s, _)| !s.is_known()) {
                    named[g as usize].entry(s).or_default().push(*v);
                }
            }
            for (named, (_, states, _)) in named.into_iter().zip(&mut out) {
                states.0.extend(
                    named
                        .into_iter()
                        .filter_map(|(s, v)| summarize(&v).map(|sum| (s.clone(), sum))),
                );
            }
        }
        out
    }
}

/// What outliers are scored on, in the order a job's are listed: each state a job
/// passes through, each bucket but queue wait (that is QUEUED, already scored
/// against its queue), and the total.
fn outlier_metrics() -> Vec<Metric> {
    let states = JobState::KNOWN.iter().filter(|s| !s.is_terminal());
    let buckets = Bucket::ALL.into_iter().filter(|b| *b != Bucket::QueueWait);
    states
        .map(|s| Metric::State(s.clone()))
        .chain(buckets.map(Metric::Bucket))
        .chain([Metric::Total])
        .collect()
}

/// A metric's value in a job's row: [`Metric::of`] the job, read from the row.
fn row_value(metric: &Metric, r: &Row) -> Option<f64> {
    match metric {
        Metric::State(s) => Some(r.states[s.order()]).filter(|v| !v.is_nan()),
        Metric::Bucket(b) => r.history.then(|| {
            let k = Bucket::ALL.iter().position(|x| x == b).unwrap_or(0);
            r.buckets[k]
        }),
        Metric::Total => r.history.then_some(r.total),
    }
}

/// Scores every state, bucket and total of each job against its app group
/// (QUEUED against its system + queue group: queues differ more than apps).
/// Each group's values are read from the columns already in order, so its median
/// and its MAD (the median distance from it) are found without copying or
/// selecting them (as [`crate::stats::median`] and [`crate::stats::mad`] would
/// give them: `the_outliers_are_scored_as_by_definition`).
///
/// Scores the metrics from the `from`th of [`outlier_metrics`] on, until at least
/// `entries` values have been: the outliers found, and the metric to go on from (`None`
/// once all are scored).
fn outliers(
    columns: &Columns,
    by_app: Option<&Grouping>,
    by_queue: Option<&Grouping>,
    from: usize,
    entries: usize,
) -> (Vec<(usize, Outlier)>, Option<usize>) {
    let metrics = outlier_metrics();
    let mut found: Vec<(usize, Outlier)> = Vec::new();
    let mut values: Vec<Vec<(u64, u32)>> = Vec::new();
    let mut scored = 0;
    for (k, metric) in metrics.iter().enumerate().skip(from) {
        if scored >= entries && k > from {
            return (found, Some(k));
        }
        let grouping = match metric {
            Metric::State(JobState::Queued) => by_queue,
            _ => by_app,
        };
        let Some(Grouping { names, members }) = grouping else {
            continue;
        };
        let Some((_, column)) = columns.0.iter().find(|(m, _)| m == metric) else {
            continue;
        };
        values.resize_with(members.groups, Vec::new);
        values.iter_mut().for_each(Vec::clear);
        scored += column.len();
        for &(key, row) in column {
            let g = members.group_of[row as usize];
            if g != Members::NONE {
                values[g as usize].push((key, row));
            }
        }
        let name = SharedText::from(metric.key());
        for (name_of_group, values) in names.iter().zip(&values) {
            let n = values.len();
            if n < OUTLIER_MIN_GROUP {
                continue;
            }
            let at = |k: usize| from_total_order_key(values[k].0);
            let m = quantile_of(n, 0.5, at);
            let spread = mad_of_sorted(n, at, m);
            for &(k, row) in values {
                let x = from_total_order_key(k);
                let Some(score) = robust_z(x, m, spread) else {
                    continue;
                };
                if score > OUTLIER_SCORE && x - m >= OUTLIER_MIN_EXCESS_SECONDS {
                    found.push((
                        row as usize,
                        Outlier {
                            metric: name.clone(),
                            seconds: x,
                            group: name_of_group.clone(),
                            group_size: n,
                            group_median: m,
                            score,
                        },
                    ));
                }
            }
        }
    }
    (found, None)
}

#[cfg(test)]
mod tests {
    use super::GroupBy;
    use crate::analysis::{analyse, Options};
    use crate::import::import_text;
    use crate::stats::summarize;

    /// The statistics and the outliers are the same whatever the steps' sizes: rows,
    /// columns and outliers each a few at a time, or all at once.
    #[test]
    fn the_statistics_in_small_steps_are_the_statistics_at_once() {
        use super::Aggregating;
        let report = crate::test_jobs::synthetic_report(900, 29, 9);
        let without_outliers = || {
            let mut jobs = report.jobs.clone();
            jobs.iter_mut().for_each(|j| j.outliers.clear());
            jobs
        };
        assert!(report.jobs.iter().any(|j| !j.outliers.is_empty()));
        let mut steps_taken = Vec::new();
        for (rows, entries) in [(1, 0), (7, 50), (300, 1_000), (usize::MAX, usize::MAX)] {
            let mut jobs = without_outliers();
            let mut aggregating = Aggregating::in_steps_of(&jobs, rows, entries);
            let mut steps = 1;
            while !aggregating.step(&mut jobs) {
                steps += 1;
            }
            assert_eq!(
                aggregating.finish(&mut jobs),
                report.aggregate,
                "{rows}, {entries}"
            );
            assert_eq!(jobs, report.jobs, "{rows}, {entries}");
            steps_taken.push(steps);
        }
        // 900 rows, a column, an outlier metric a step; then each part once.
        assert!(steps_taken[0] > 900 + 20, "{steps_taken:?}");
        assert!(
            steps_taken.windows(2).all(|w| w[0] > w[1]),
            "{steps_taken:?}"
        );
    }

    /// Each job's outliers are those of the definition: each metric's value scored
    /// against the median and MAD of its group's values (`stats::median`,
    /// `stats::mad` over the group's jobs one group at a time), in the metrics' order.
    #[test]
    fn the_outliers_are_scored_as_by_definition() {
        use super::{OUTLIER_MIN_EXCESS_SECONDS, OUTLIER_MIN_GROUP, OUTLIER_SCORE};
        use crate::job_report::Outlier;
        use crate::job_state::JobState;
        use crate::metric::Metric;
        use crate::stats::{mad, median, robust_z};
        let metrics = super::outlier_metrics();
        let mut outliers = 0;
        for (jobs, seed, zombies) in [(400, 11, 5), (60, 3, 2), (900, 29, 9), (12, 5, 1)] {
            let report = crate::test_jobs::synthetic_report(jobs, seed, zombies);
            let counted: Vec<_> = report.jobs.iter().filter(|j| j.counted()).collect();
            let mut want: Vec<Vec<Outlier>> = vec![Vec::new(); report.jobs.len()];
            for metric in &metrics {
                let by = match metric {
                    Metric::State(JobState::Queued) => GroupBy::SystemQueue,
                    _ => GroupBy::App,
                };
                let mut keys: Vec<String> = counted.iter().filter_map(|j| by.key_of(j)).collect();
                keys.sort();
                keys.dedup();
                for key in keys {
                    let values: Vec<(usize, f64)> = report
                        .jobs
                        .iter()
                        .enumerate()
                        .filter(|(_, j)| j.counted() && by.key_of(j).as_deref() == Some(&key))
                        .filter_map(|(i, j)| Some((i, metric.of(j)?)))
                        .collect();
                    if values.len() < OUTLIER_MIN_GROUP {
                        continue;
                    }
                    let v: Vec<f64> = values.iter().map(|(_, v)| *v).collect();
                    let m = median(&v);
                    let spread = mad(&v, m);
                    for &(i, x) in &values {
                        let Some(score) = robust_z(x, m, spread) else {
                            continue;
                        };
                        if score > OUTLIER_SCORE && x - m >= OUTLIER_MIN_EXCESS_SECONDS {
                            want[i].push(Outlier {
                                metric: metric.key().into(),
                                seconds: x,
                                group: key.as_str().into(),
                                group_size: values.len(),
                                group_median: m,
                                score,
                            });
                        }
                    }
                }
            }
            for (j, want) in report.jobs.iter().zip(&want) {
                assert_eq!(&j.outliers, want, "{} ({jobs} jobs, seed {seed})", j.uuid);
                outliers += want.len();
            }
        }
        assert!(
            outliers > 100,
            "the cases have outliers to check: {outliers}"
        );
    }

    /// Every group's summaries, read from the columns sorted once, are its members'
    /// own values summarised (the definition, one group at a time).
    #[test]
    fn each_group_is_its_members_values_summarised() {
        let report = crate::test_jobs::synthetic_report(400, 11, 5);
        let counted: Vec<_> = report
            .jobs
            .iter()
            .filter(|j| j.counted() && j.has_history)
            .collect();
        let mut checked = 0;
        for group in &report.aggregate.groups {
            let by = GroupBy::ALL
                .into_iter()
                .find(|b| b.name() == group.by)
                .unwrap();
            let members: Vec<_> = counted
                .iter()
                .filter(|j| by.key_of(j).as_deref() == Some(group.key.as_str()))
                .collect();
            let totals: Vec<f64> = members.iter().map(|j| j.total_seconds).collect();
            assert_eq!(
                group.total,
                summarize(&totals),
                "{} {}",
                group.by,
                group.key
            );
            for (state, summary) in group.states.iter() {
                let v: Vec<f64> = members
                    .iter()
                    .filter_map(|j| j.durations.get(state).copied())
                    .collect();
                assert_eq!(
                    Some(summary),
                    summarize(&v).as_ref(),
                    "{} {} {state:?}",
                    group.by,
                    group.key
                );
            }
            for (bucket, summary) in group.buckets.iter() {
                let v: Vec<f64> = members.iter().map(|j| j.bucket_seconds(*bucket)).collect();
                assert_eq!(
                    Some(summary),
                    summarize(&v).as_ref(),
                    "{} {} {bucket:?}",
                    group.by,
                    group.key
                );
            }
            checked += 1;
        }
        assert!(checked > 6, "groups of every kind");
        let totals: Vec<f64> = counted.iter().map(|j| j.total_seconds).collect();
        assert_eq!(report.aggregate.total, summarize(&totals));
    }

    #[test]
    fn states_of_unknown_name_come_last_by_name() {
        let event = |uuid: &str, state: &str, at: &str| {
            format!(
                r#"{{"event":"JOB_NEW_STATUS","created":"2025-01-01T00:00:{at}Z","eventDetail":"{state}","description":"{{\"jobUuid\":\"{uuid}\"}}"}}"#
            )
        };
        let text = format!(
            "[{}]",
            [
                event("u-1", "ZEBRA", "00"),
                event("u-1", "RUNNING", "05"),
                event("u-1", "ARCHIVED", "07"),
                event("u-1", "FINISHED", "10"),
                event("u-2", "PENDING", "00"),
                event("u-2", "ZEBRA", "01"),
                event("u-2", "FAILED", "04"),
            ]
            .join(",")
        );
        let report = analyse(&import_text("x", &text), &Options::default());
        let states: Vec<(&str, usize, f64)> = report
            .aggregate
            .states
            .iter()
            .map(|(s, sum)| (s.name(), sum.count, sum.sum))
            .collect();
        assert_eq!(
            states,
            [
                ("PENDING", 1, 1.0),
                ("RUNNING", 1, 2.0),
                ("ARCHIVED", 1, 3.0),
                ("ZEBRA", 2, 8.0)
            ]
        );
    }
}
