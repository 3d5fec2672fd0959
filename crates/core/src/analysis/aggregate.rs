//! Statistics across jobs — overall and per app (+version), per execution
//! system + queue, per final status — and outliers against each job's own group.

use std::collections::BTreeMap;

use crate::report::{Aggregate, Group, JobReport, OrderedMap, Outlier};
use crate::state::{Bucket, JobState};
use crate::stats::{mad, median, robust_z, summarize, Summary};

/// Fewer jobs than this in a group: no outlier is called (too little to know "normal").
pub const OUTLIER_MIN_GROUP: usize = 5;
/// Modified z-score above which a value is an outlier (Iglewicz and Hoaglin).
pub const OUTLIER_SCORE: f64 = 3.5;
/// An outlier must also be this many seconds above its group's median.
pub const OUTLIER_MIN_EXCESS_SECONDS: f64 = 60.0;

/// Aggregates `jobs` and writes each job's outliers into it.
pub fn aggregate(jobs: &mut [JobReport]) -> Aggregate {
    let all: Vec<&JobReport> = jobs.iter().collect();
    let mut out = Aggregate {
        jobs: jobs.len(),
        jobs_with_history: jobs.iter().filter(|j| j.has_history).count(),
        ..Aggregate::default()
    };
    let (total, states, buckets) = summaries(&all);
    out.total = total;
    out.states = states;
    out.buckets = buckets;
    let history: Vec<f64> = all
        .iter()
        .filter(|j| j.has_history)
        .map(|j| j.outside_running_seconds)
        .collect();
    out.outside_running = summarize(&history);
    for j in jobs.iter() {
        if let Some(u) = &j.usage {
            let n = &mut out.node_hours;
            n.requested += u.node_hours_requested.unwrap_or(0.0);
            n.running += u.node_hours_running.unwrap_or(0.0);
            n.outside_running += u.node_hours_outside_running.unwrap_or(0.0);
            n.lost += u.node_hours_lost.unwrap_or(0.0);
        }
    }

    let by_app = groups(jobs, |j| GroupBy::App.key_of(j));
    let by_queue = groups(jobs, |j| GroupBy::SystemQueue.key_of(j));
    let by_status = groups(jobs, |j| GroupBy::FinalStatus.key_of(j));
    for (by, grouped) in [
        (GroupBy::App, &by_app),
        (GroupBy::SystemQueue, &by_queue),
        (GroupBy::FinalStatus, &by_status),
    ] {
        for (key, members) in grouped {
            let refs: Vec<&JobReport> = members.iter().map(|&i| &jobs[i]).collect();
            let (total, states, buckets) = summaries(&refs);
            out.groups.push(Group {
                by: by.name().to_string(),
                key: key.clone(),
                jobs: members.len(),
                total,
                states,
                buckets,
            });
        }
    }
    outliers(jobs, &by_app, &by_queue);
    out
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
            GroupBy::SystemQueue => match (&j.exec_system, &j.queue) {
                (Some(s), Some(q)) => Some(format!("{s} / {q}")),
                (Some(s), None) => Some(s.clone()),
                (None, Some(q)) => Some(q.clone()),
                (None, None) => None,
            },
            GroupBy::FinalStatus => Some(
                j.final_status
                    .as_ref()
                    .map_or("(unknown)".into(), |s| s.name().to_string()),
            ),
        }
    }
}

fn groups(
    jobs: &[JobReport],
    key: impl Fn(&JobReport) -> Option<String>,
) -> BTreeMap<String, Vec<usize>> {
    let mut out: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, j) in jobs.iter().enumerate() {
        if let Some(k) = key(j) {
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

/// Totals over jobs with history; per state over the jobs that entered it; per
/// bucket over jobs with history.
fn summaries(jobs: &[&JobReport]) -> Summaries {
    let with: Vec<&&JobReport> = jobs.iter().filter(|j| j.has_history).collect();
    let totals: Vec<f64> = with.iter().map(|j| j.total_seconds).collect();
    let mut per_state: BTreeMap<(usize, JobState), Vec<f64>> = BTreeMap::new();
    for j in &with {
        for (state, secs) in j.durations.iter() {
            per_state
                .entry((state.order(), state.clone()))
                .or_default()
                .push(*secs);
        }
    }
    let states = OrderedMap(
        per_state
            .into_iter()
            .filter_map(|((_, s), v)| summarize(&v).map(|sum| (s, sum)))
            .collect(),
    );
    let buckets = OrderedMap(
        Bucket::ALL
            .iter()
            .filter_map(|b| {
                let v: Vec<f64> = with.iter().map(|j| j.bucket_seconds(*b)).collect();
                summarize(&v).map(|s| (*b, s))
            })
            .collect(),
    );
    (summarize(&totals), states, buckets)
}

/// What an outlier is measured on.
enum Metric {
    State(JobState),
    Bucket(Bucket),
    Total,
}

impl Metric {
    fn name(&self) -> String {
        match self {
            Metric::State(s) => s.name().to_string(),
            Metric::Bucket(b) => b.key().to_string(),
            Metric::Total => "total".to_string(),
        }
    }

    fn of(&self, j: &JobReport) -> Option<f64> {
        match self {
            Metric::State(s) => j.durations.get(s).copied(),
            Metric::Bucket(b) => j.has_history.then(|| j.bucket_seconds(*b)),
            Metric::Total => j.has_history.then_some(j.total_seconds),
        }
    }
}

/// Scores every state, bucket and total of each job against its app group
/// (QUEUED against its system + queue group: queues differ more than apps).
fn outliers(
    jobs: &mut [JobReport],
    by_app: &BTreeMap<String, Vec<usize>>,
    by_queue: &BTreeMap<String, Vec<usize>>,
) {
    let mut metrics: Vec<Metric> = JobState::KNOWN
        .iter()
        .filter(|s| !s.is_terminal())
        .map(|s| Metric::State(s.clone()))
        .collect();
    // Queue wait is QUEUED, already scored against its queue.
    metrics.extend(
        Bucket::ALL
            .into_iter()
            .filter(|b| *b != Bucket::QueueWait)
            .map(Metric::Bucket),
    );
    metrics.push(Metric::Total);

    let mut found: Vec<(usize, Outlier)> = Vec::new();
    let mut values: Vec<(usize, f64)> = Vec::new();
    for metric in &metrics {
        let grouping = match metric {
            Metric::State(JobState::Queued) => by_queue,
            _ => by_app,
        };
        for (key, members) in grouping {
            values.clear();
            values.extend(
                members
                    .iter()
                    .filter_map(|&i| metric.of(&jobs[i]).map(|v| (i, v))),
            );
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
                    found.push((
                        i,
                        Outlier {
                            metric: metric.name(),
                            seconds: x,
                            group: key.clone(),
                            group_size: values.len(),
                            group_median: m,
                            score,
                        },
                    ));
                }
            }
        }
    }
    for (i, o) in found {
        jobs[i].outliers.push(o);
    }
}
