//! Trends: "is it getting worse?" in one look. Per day or per week of submission
//! (days when the jobs span three weeks or less, else ISO weeks), the median and
//! P90 per job of each bucket and of the total, and of queue wait per system and
//! queue. The values are [`Metric::of`]'s, over the jobs with a history; the caller
//! chooses the jobs (the counted ones: stale jobs are left out unless counted).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use serde::{Deserialize, Serialize};

use crate::cohort::facet::week;
use crate::job_report::JobReport;
use crate::job_state::Bucket;
use crate::metric::Metric;
use crate::stats::{summarize, Summary};
use crate::time::{seconds_between, Timestamp};

/// `"schema"` of trends.
pub const TRENDS_SCHEMA: &str = "tapis-profile-trends";
/// Bumped when a field changes meaning or disappears.
pub const TRENDS_VERSION: u32 = 1;
/// What the trends say when no job has a submission time.
pub const NO_DATES: &str = "No job has a known submission time.";
/// Submissions spanning more days than this are grouped by week.
pub const MAX_DAYS: f64 = 21.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Period {
    Day,
    Week,
}

impl Period {
    /// The period `t` falls in: `2025-03-03` or `2025-W10` (UTC).
    pub fn of(self, t: &Timestamp) -> String {
        match self {
            Period::Day => crate::time::format_date(t),
            Period::Week => week(t),
        }
    }

    pub fn noun(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Trends {
    pub schema: String,
    pub version: u32,
    pub period: Period,
    /// Every period from the first submission's to the last's, in order (empty
    /// ones too, so that a gap shows as one).
    pub periods: Vec<String>,
    /// Jobs submitted in each period (with a history or not).
    pub jobs: Vec<usize>,
    /// Jobs without a known submission time: in no period.
    pub undated: usize,
    /// Each bucket and the total over all jobs, then queue wait per system and queue.
    pub series: Vec<Series>,
}

/// One metric over time, over all jobs or one system and queue's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Series {
    pub metric: Metric,
    /// `system / queue`, or `None` for all jobs.
    pub system_queue: Option<String>,
    /// One per period (`None` where no job of it had a value).
    pub points: Vec<Option<Summary>>,
}

impl Series {
    /// What a person reads: `Queue wait` or `Queue wait on frontera / normal`.
    pub fn label(&self) -> String {
        match &self.system_queue {
            Some(q) => format!("{} on {q}", self.metric.label()),
            None => self.metric.label(),
        }
    }
}

/// The trends of `jobs`.
pub fn trends<'a>(jobs: impl IntoIterator<Item = &'a JobReport>) -> Trends {
    Trending::new(jobs).finish()
}

/// [`trends`] a part at a time: the jobs put in their periods and queues
/// ([`Trending::new`]), then the series a few at a time (each a [`Trending::step`]), so
/// the page can run each in a task of its own: together they were ~100 ms of one task
/// at 50,000 jobs (docs/performance.md, P6).
pub struct Trending<'a> {
    /// The trends without their series, which are made last.
    trends: Trends,
    /// Each period's jobs, with the index of the job's system and queue in `queues`.
    members: Vec<Vec<(&'a JobReport, Option<usize>)>>,
    queues: Vec<String>,
    /// The series to make: a metric over all the jobs, or a queue's.
    todo: std::vec::IntoIter<(Metric, Option<usize>)>,
    series_a_step: usize,
}

/// Series made a [`Trending::step`].
const SERIES_A_STEP: usize = 3;

impl<'a> Trending<'a> {
    pub fn new(jobs: impl IntoIterator<Item = &'a JobReport>) -> Trending<'a> {
        let jobs: Vec<&JobReport> = jobs.into_iter().collect();
        let dated: Vec<(Timestamp, &JobReport)> = jobs
            .iter()
            .filter_map(|j| Some((j.submitted()?, *j)))
            .collect();
        let first = dated.iter().map(|d| d.0).min();
        let last = dated.iter().map(|d| d.0).max();
        let period = match first.zip(last) {
            Some((a, b)) if seconds_between(a, b) > MAX_DAYS * 86_400.0 => Period::Week,
            _ => Period::Day,
        };
        let periods = match first.zip(last) {
            Some((a, b)) => every_period(period, a, b),
            None => Vec::new(),
        };
        let index: BTreeMap<&str, usize> = periods
            .iter()
            .enumerate()
            .map(|(i, p)| (p.as_str(), i))
            .collect();
        // Each job's system and queue and period made once, and once per day: made for
        // every job and every queue's series they were ~240 ms of one task at 50,000
        // jobs on the page (docs/performance.md, P6).
        let queue_names: Vec<Option<String>> =
            dated.iter().map(|(_, j)| j.system_queue()).collect();
        let mut queues: Vec<&str> = queue_names.iter().flatten().map(String::as_str).collect();
        crate::sort::sort_by(&mut queues, |a, b| a.cmp(b));
        queues.dedup();
        let mut period_of_day: HashMap<NaiveDate, usize> = HashMap::new();
        let mut members: Vec<Vec<(&JobReport, Option<usize>)>> = vec![Vec::new(); periods.len()];
        for ((t, j), queue) in dated.iter().zip(&queue_names) {
            let i = *period_of_day
                .entry(t.date_naive())
                .or_insert_with(|| index[period.of(t).as_str()]);
            let queue = queue.as_deref().and_then(|q| queues.binary_search(&q).ok());
            members[i].push((j, queue));
        }
        let todo: Vec<(Metric, Option<usize>)> = Bucket::ALL
            .map(Metric::Bucket)
            .into_iter()
            .chain([Metric::Total])
            .map(|m| (m, None))
            .chain((0..queues.len()).map(|q| (Metric::Bucket(Bucket::QueueWait), Some(q))))
            .collect();
        let trends = Trends {
            schema: TRENDS_SCHEMA.to_string(),
            version: TRENDS_VERSION,
            period,
            jobs: members.iter().map(Vec::len).collect(),
            undated: jobs.len() - dated.len(),
            periods,
            series: Vec::new(),
        };
        let queues = queues.into_iter().map(str::to_string).collect();
        Trending {
            trends,
            members,
            queues,
            todo: todo.into_iter(),
            series_a_step: SERIES_A_STEP,
        }
    }

    /// The same, `series` series a step (tests take one).
    #[cfg(test)]
    fn in_steps_of(self, series: usize) -> Trending<'a> {
        Trending {
            series_a_step: series,
            ..self
        }
    }

    /// Makes the next few series; `true` once all are made.
    pub fn step(&mut self) -> bool {
        for (metric, queue) in self.todo.by_ref().take(self.series_a_step.max(1)) {
            let series = Series {
                points: self
                    .members
                    .iter()
                    .map(|m| {
                        let values: Vec<f64> = m
                            .iter()
                            .filter(|(_, q)| queue.is_none() || *q == queue)
                            .filter_map(|(j, _)| metric.of(j))
                            .collect();
                        summarize(&values)
                    })
                    .collect(),
                metric,
                system_queue: queue.map(|q| self.queues[q].clone()),
            };
            // A series with no point at all is left out.
            if series.points.iter().any(Option::is_some) {
                self.trends.series.push(series);
            }
        }
        self.todo.len() == 0
    }

    /// The trends, with the series not yet made made first.
    pub fn finish(mut self) -> Trends {
        while !self.step() {}
        self.trends
    }
}

/// The periods from `first`'s to `last`'s, each once, in order.
fn every_period(period: Period, first: Timestamp, last: Timestamp) -> Vec<String> {
    let step = chrono::Duration::days(match period {
        Period::Day => 1,
        Period::Week => 7,
    });
    let end = period.of(&last);
    let mut out = vec![period.of(&first)];
    let mut t = first;
    while *out.last().expect("one period at least") != end {
        t += step;
        let p = period.of(&t);
        if p != *out.last().expect("one period at least") {
            out.push(p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyse_jobs, Options};
    use crate::job_state::JobState::*;
    use crate::model::Job;
    use crate::test_jobs::job;

    const DAY: f64 = 86_400.0;

    /// A job submitted `day` days after 2025-03-03 that queues `queued` seconds.
    fn queued(n: usize, queue: &str, day: f64, queued: f64) -> Job {
        let states = [(Pending, 1.0), (Queued, queued), (Running, 100.0)];
        job(
            n,
            ("opensees", "1.2"),
            ("frontera", queue),
            day * DAY,
            &states,
        )
    }

    fn trends_of(jobs: &[Job]) -> Trends {
        trends(analyse_jobs(jobs, &Options::default()).counted())
    }

    fn medians(t: &Trends, label: &str) -> Vec<Option<f64>> {
        let s = t.series.iter().find(|s| s.label() == label).unwrap();
        s.points
            .iter()
            .map(|p| p.as_ref().map(|p| p.median))
            .collect()
    }

    #[test]
    fn a_queue_getting_worse_shows_week_by_week() {
        // Five weeks; the normal queue's wait doubles every week, development's stays.
        let mut jobs = Vec::new();
        for w in 0..5 {
            for k in 0..4 {
                let n = w * 10 + k;
                let day = w as f64 * 7.0 + k as f64;
                jobs.push(queued(n, "normal", day, 100.0 * 2f64.powi(w as i32)));
                jobs.push(queued(100 + n, "development", day, 60.0));
            }
        }
        let t = trends_of(&jobs);
        assert_eq!(t.period, Period::Week);
        assert_eq!(
            t.periods,
            ["2025-W10", "2025-W11", "2025-W12", "2025-W13", "2025-W14"]
        );
        assert_eq!(t.jobs, [8; 5]);
        assert_eq!(
            medians(&t, "Queue wait on frontera / normal"),
            [100.0, 200.0, 400.0, 800.0, 1_600.0].map(Some)
        );
        assert_eq!(
            medians(&t, "Queue wait on frontera / development"),
            [Some(60.0); 5]
        );
        // Over both queues: the median of each week's eight waits.
        assert_eq!(medians(&t, "Queue wait")[0], Some(80.0));
        assert_eq!(medians(&t, "Compute"), [Some(100.0); 5]);
        assert_eq!(
            medians(&t, "Data movement"),
            [Some(0.0); 5],
            "no job moved data"
        );
    }

    #[test]
    fn a_short_span_is_shown_by_day_with_its_gaps() {
        let jobs = [
            queued(0, "normal", 0.0, 10.0),
            queued(1, "normal", 0.5, 30.0),
            queued(2, "normal", 3.2, 50.0),
        ];
        let t = trends_of(&jobs);
        assert_eq!(t.period, Period::Day);
        assert_eq!(
            t.periods,
            ["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06"]
        );
        assert_eq!(t.jobs, [2, 0, 0, 1]);
        assert_eq!(
            medians(&t, "Queue wait on frontera / normal"),
            [Some(20.0), None, None, Some(50.0)]
        );
        let p90 = t
            .series
            .iter()
            .find(|s| s.label() == "Queue wait")
            .unwrap()
            .points[0]
            .as_ref()
            .unwrap()
            .p90;
        assert!((p90 - 28.0).abs() < 1e-9, "{p90}");
    }

    #[test]
    fn no_jobs_no_periods() {
        let t = trends(std::iter::empty());
        assert!(t.periods.is_empty() && t.series.is_empty());
    }

    #[test]
    fn each_queue_series_is_its_jobs_of_each_period() {
        // Many jobs over several queues and weeks, against the series' definition
        // applied job by job.
        let report = crate::test_jobs::synthetic_report(400, 7, 0);
        let t = trends(report.counted());
        let queues = t.series.iter().filter(|s| s.system_queue.is_some()).count();
        assert!(queues >= 2, "{queues} queues");
        for s in &t.series {
            for (i, period) in t.periods.iter().enumerate() {
                let values: Vec<f64> = report
                    .counted()
                    .filter(|j| j.submitted().is_some_and(|at| t.period.of(&at) == *period))
                    .filter(|j| s.system_queue.is_none() || j.system_queue() == s.system_queue)
                    .filter_map(|j| s.metric.of(j))
                    .collect();
                assert_eq!(s.points[i], summarize(&values), "{} in {period}", s.label());
            }
        }
    }

    #[test]
    fn trending_a_few_series_at_a_time_is_the_trends() {
        // Two queues over two weeks: the buckets', the total's and each queue's series.
        let jobs: Vec<Job> = (0..60)
            .map(|n| {
                let queue = ["normal", "development"][n % 2];
                queued(n, queue, (n % 14) as f64, 60.0 * (1 + n % 7) as f64)
            })
            .collect();
        let report = analyse_jobs(&jobs, &Options::default());
        let whole = trends(report.counted());
        assert!(
            whole
                .series
                .iter()
                .filter(|s| s.system_queue.is_some())
                .count()
                == 2
        );
        let mut trending = Trending::new(report.counted()).in_steps_of(1);
        let mut steps = 1;
        while !trending.step() {
            steps += 1;
        }
        assert!(steps >= whole.series.len(), "{steps} steps");
        assert!(trending.step(), "done stays done");
        assert_eq!(trending.finish(), whole);
    }
}
