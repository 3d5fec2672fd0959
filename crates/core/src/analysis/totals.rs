//! The sums every view shows for a set of jobs: how many, their wall time, how
//! much of it was outside RUNNING, where it went bucket by bucket, node-hours.
//! One definition, used for the report's aggregate (all jobs: the CLI and every
//! export) and by the page's overview for the jobs its filter shows, so the two
//! agree whenever they show the same jobs.
//!
//! Every job with a profile counts: one with a history by its states, one
//! known only from its job object by its coarse phases. A stale job the user
//! did not include is left out (and counted as such).

use serde::{Deserialize, Serialize};

use crate::job_report::JobReport;
use crate::job_state::Bucket;
use crate::ordered_map::OrderedMap;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    /// The jobs counted (every job given but the stale ones left out).
    pub jobs: usize,
    /// Of those, with a history (time per state known).
    pub with_history: usize,
    /// Of those, known only from a job object: coarse phases.
    pub coarse: usize,
    /// Of those, still in a state, measured up to "as of".
    pub open: usize,
    /// Stale jobs left out (not in any sum here).
    pub stale_left_out: usize,
    /// Stale jobs the user counts anyway (in the sums, measured up to "as of").
    pub stale_counted: usize,
    /// Wall time summed over the jobs, seconds.
    pub wall_seconds: f64,
    pub running_seconds: f64,
    /// Time known to be outside RUNNING.
    pub outside_seconds: f64,
    /// Seconds per bucket, every bucket in order (zeros included).
    pub buckets: OrderedMap<Bucket, f64>,
    pub node_hours: NodeHours,
}

/// Node-hours summed over the jobs whose node count is known.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeHours {
    /// How many jobs say how many nodes they used.
    #[serde(default)]
    pub jobs: usize,
    pub requested: f64,
    /// Nodes × RUNNING: roughly what the allocation is charged.
    pub running: f64,
    /// Nodes × time outside RUNNING: the jobs' waiting in node terms; nothing is
    /// charged for it.
    pub outside_running: f64,
    /// RUNNING node-hours of FAILED or CANCELLED jobs.
    pub lost: f64,
}

impl Totals {
    pub fn of<'a>(jobs: impl IntoIterator<Item = &'a JobReport>) -> Totals {
        let mut t = Totals {
            buckets: OrderedMap(Bucket::ALL.iter().map(|b| (*b, 0.0)).collect()),
            ..Totals::default()
        };
        for j in jobs {
            if !j.counted() {
                t.stale_left_out += 1;
                continue;
            }
            t.jobs += 1;
            t.with_history += usize::from(j.has_history);
            t.coarse += usize::from(!j.has_history && j.coarse.is_some());
            t.open += usize::from(j.open_state.is_some());
            t.stale_counted += usize::from(j.stale.is_some());
            t.wall_seconds += j.total_seconds;
            t.running_seconds += j.running_seconds;
            t.outside_seconds += j.outside_running_seconds;
            for (bucket, seconds) in t.buckets.0.iter_mut() {
                *seconds += j.bucket_seconds(*bucket);
            }
            if let Some(u) = j.usage.as_ref().filter(|u| u.nodes.is_some()) {
                let n = &mut t.node_hours;
                n.jobs += 1;
                n.requested += u.node_hours_requested.unwrap_or(0.0);
                n.running += u.node_hours_running.unwrap_or(0.0);
                n.outside_running += u.node_hours_outside_running.unwrap_or(0.0);
                n.lost += u.node_hours_lost.unwrap_or(0.0);
            }
        }
        t
    }

    /// Outside RUNNING over the wall time, 0–1; `None` when there is no time.
    pub fn outside_share(&self) -> Option<f64> {
        (self.wall_seconds > 0.0).then(|| self.outside_seconds / self.wall_seconds)
    }

    /// Wall time in no bucket: coarse phases that mix states (staging and
    /// Tapis' steps before the queue) and states Tapis does not define.
    pub fn unsplit_seconds(&self) -> f64 {
        let split: f64 = self.buckets.iter().map(|(_, s)| s).sum();
        (self.wall_seconds - split).max(0.0)
    }
}
