//! Which attributes the two cohorts differ in most (after Honeycomb's BubbleUp):
//! each attribute's distribution in A against B, scored by the total variation
//! distance — half the sum of the differences of their shares, 0 when the cohorts
//! are spread over its values alike, 1 when they share no value. Times are
//! attributes too, binned by decade (a state never entered is a value of its own:
//! "no job of B was BLOCKED" is a difference), over the jobs with a history.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::facet::Facet;
use crate::job_report::JobReport;
use crate::metric::{Metric, StatePlaces};
use crate::sort::{sort_by, sort_by_key};
use crate::state_map::states_of;

/// Values listed per attribute; the rest are summed into one "others" line (the
/// score is over every value).
pub const MAX_VALUES: usize = 12;

/// The bins of a time: upper ends in seconds, and the label of each bin.
const BINS: [(f64, &str); 8] = [
    (1.0, "under 1 s"),
    (10.0, "1–10 s"),
    (60.0, "10 s–1 min"),
    (600.0, "1–10 min"),
    (3_600.0, "10 min–1 h"),
    (36_000.0, "1–10 h"),
    (86_400.0, "10 h–1 d"),
    (f64::INFINITY, "1 d or more"),
];
/// The value of a state a job never entered.
pub const NOT_ENTERED: &str = "never entered";

/// The facets ranked: what a job is and how it ran, not when (time has the trends).
const RANKED: [Facet; 8] = [
    Facet::AppVersion,
    Facet::App,
    Facet::Version,
    Facet::SystemQueue,
    Facet::Status,
    Facet::Nodes,
    Facet::InputFiles,
    Facet::Owner,
];

/// One attribute's distribution in both cohorts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attribute {
    /// A facet's key (`system-queue`) or a metric's (`STAGING_INPUTS`, `total`).
    pub key: String,
    pub label: String,
    /// Total variation distance, 0–1.
    pub score: f64,
    /// Jobs it was measured over in A and B (all members; with history for times).
    pub jobs_a: usize,
    pub jobs_b: usize,
    /// Its values, most common in either cohort first, at most [`MAX_VALUES`] and an
    /// "others" line.
    pub values: Vec<Share>,
}

/// One value's share of each cohort, 0–1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Share {
    pub value: String,
    pub a: f64,
    pub b: f64,
}

/// Every attribute the cohorts were not picked by, most different first (ties in
/// the order facets, then states in lifecycle order, then the total).
pub fn rank(jobs: &[JobReport], a: &[usize], b: &[usize], picked_by: &[Facet]) -> Vec<Attribute> {
    let a: Vec<&JobReport> = a.iter().map(|&i| &jobs[i]).collect();
    let b: Vec<&JobReport> = b.iter().map(|&i| &jobs[i]).collect();
    let mut out = Vec::new();
    for facet in RANKED {
        if picked_by.iter().any(|p| p.family().contains(&facet)) {
            continue;
        }
        let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for (value, n) in facet.count(a.iter().copied()) {
            counts.entry(value).or_default().0 += n;
        }
        for (value, n) in facet.count(b.iter().copied()) {
            counts.entry(value).or_default().1 += n;
        }
        let mut found = attribute(facet.key(), facet.label(), (counts, a.len(), b.len()));
        if let Some(f) = found.as_mut().filter(|_| facet.ordered()) {
            sort_by_key(&mut f.values, |s| facet.sort_key(&s.value));
        }
        out.extend(found);
    }
    for (metric, tally) in time_tallies(&a, &b) {
        let label = match &metric {
            Metric::Total => "Total time".to_string(),
            m => format!("Time in {}", m.label()),
        };
        out.extend(attribute(&metric.key(), &label, tally));
    }
    // A stable sort: equal scores keep the order above.
    sort_by(&mut out, |x, y| y.score.total_cmp(&x.score));
    out
}

/// The decade bin of a time.
pub fn bin(seconds: f64) -> &'static str {
    BINS[bin_index(seconds)].1
}

/// Which of [`BINS`] a time falls in (a time that is not a number, in the last).
fn bin_index(seconds: f64) -> usize {
    BINS.iter()
        .position(|(upper, _)| seconds < *upper)
        .unwrap_or(BINS.len() - 1)
}

/// Where a bin's label sorts: bins in time order, "never entered" first.
fn bin_order(value: &str) -> usize {
    match value {
        NOT_ENTERED => 0,
        v => 1 + BINS.iter().position(|(_, l)| *l == v).unwrap_or(BINS.len()),
    }
}

/// Each value's jobs in `a` and in `b`, and how many of each have a value.
type Tally = (BTreeMap<String, (usize, usize)>, usize, usize);

/// The times ranked (each state the members visited, in lifecycle order, then the total)
/// and each one's [`Tally`] of bins over the members with a history, "never entered" for
/// a state a member did not visit. One pass over each cohort's states, counted by bin:
/// a pass per time, each binning by name, was ~20 ms at 50,000 jobs
/// (docs/performance.md, P6).
fn time_tallies(a: &[&JobReport], b: &[&JobReport]) -> Vec<(Metric, Tally)> {
    let states = states_of(a.iter().chain(b).map(|j| &j.durations));
    let metrics: Vec<Metric> = states
        .into_iter()
        .map(Metric::State)
        .chain([Metric::Total])
        .collect();
    let places = StatePlaces::of(&metrics);
    // Per time, each bin's jobs in A and in B (the last slot: never entered).
    let mut bins = vec![[[0usize; 2]; BINS.len() + 1]; metrics.len()];
    let mut with_history = [0usize; 2];
    for (side, jobs) in [a, b].into_iter().enumerate() {
        for j in jobs.iter().filter(|j| j.has_history) {
            with_history[side] += 1;
            for (state, seconds) in j.durations.iter() {
                if let Some(m) = places.of_state(state) {
                    bins[m][bin_index(*seconds)][side] += 1;
                }
            }
            if let Some(seconds) = Metric::Total.of(j) {
                bins[metrics.len() - 1][bin_index(seconds)][side] += 1;
            }
        }
    }
    let [na, nb] = with_history;
    metrics
        .into_iter()
        .zip(bins)
        .map(|(metric, mut bins)| {
            for side in 0..2 {
                let entered: usize = bins[..BINS.len()].iter().map(|n| n[side]).sum();
                bins[BINS.len()][side] = with_history[side] - entered;
            }
            let labels = BINS.iter().map(|(_, label)| *label).chain([NOT_ENTERED]);
            let counts = labels
                .zip(bins)
                .filter(|(_, [x, y])| x + y > 0)
                .map(|(label, [x, y])| (label.to_string(), (x, y)))
                .collect();
            (metric, (counts, na, nb))
        })
        .collect()
}

fn attribute(key: &str, label: &str, (counts, na, nb): Tally) -> Option<Attribute> {
    if na == 0 || nb == 0 {
        return None;
    }
    let share = |n: usize, of: usize| n as f64 / of as f64;
    let mut values: Vec<Share> = counts
        .into_iter()
        .map(|(value, (x, y))| Share {
            value,
            a: share(x, na),
            b: share(y, nb),
        })
        .collect();
    let score = values.iter().map(|s| (s.a - s.b).abs()).sum::<f64>() / 2.0;
    let is_time = values.iter().all(|s| bin_order(&s.value) <= BINS.len());
    if is_time {
        sort_by_key(&mut values, |s| bin_order(&s.value));
    } else {
        sort_by(&mut values, |x, y| (y.a.max(y.b)).total_cmp(&x.a.max(x.b)));
    }
    if values.len() > MAX_VALUES {
        let rest = values.split_off(MAX_VALUES - 1);
        values.push(Share {
            value: format!("{} others", rest.len()),
            a: rest.iter().map(|s| s.a).sum(),
            b: rest.iter().map(|s| s.b).sum(),
        });
    }
    Some(Attribute {
        key: key.to_string(),
        label: label.to_string(),
        score,
        jobs_a: na,
        jobs_b: nb,
        values,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_fall_in_decade_bins() {
        assert_eq!(bin(0.2), "under 1 s");
        assert_eq!(bin(1.0), "1–10 s");
        assert_eq!(bin(215.1), "1–10 min");
        assert_eq!(bin(3.0 * 86_400.0), "1 d or more");
        assert!(bin_order(NOT_ENTERED) < bin_order("under 1 s"));
        assert!(bin_order("1–10 h") < bin_order("10 h–1 d"));
    }
}
