//! Goodput and badput: how much of the jobs' wall time was compute that
//! delivered (RUNNING of jobs that FINISHED), and where the rest went — by
//! bucket (time only: staging, archiving, the queue and Tapis' own steps hold
//! no nodes and are charged nothing) and by outcome (compute of FAILED or
//! CANCELLED jobs, compute cut by the wall-time limit: charged, in node-hours
//! and SUs at the charge-rate table's rates).
//!
//! One definition for every view, like [`super::totals`]: the report holds it
//! for all jobs counted, the page computes it for the jobs its filter shows.

use serde::{Deserialize, Serialize};

use crate::job_report::JobReport;
use crate::job_state::{Bucket, JobState};
use crate::ordered_map::OrderedMap;
use crate::sort::sort_by;
use crate::what_if::ChargeRates;

/// What a job's RUNNING time was, by how the job ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// FINISHED: goodput.
    Finished,
    /// FAILED or CANCELLED before its limit: badput.
    Failed,
    /// Killed at its wall-time limit: badput.
    WalltimeCut,
    /// A DesignSafe interactive app ending at its wall time, as it does: neither.
    Interactive,
    /// Not ended yet: neither.
    Open,
}

impl Outcome {
    pub const ALL: [Outcome; 5] = [
        Outcome::Finished,
        Outcome::Failed,
        Outcome::WalltimeCut,
        Outcome::Interactive,
        Outcome::Open,
    ];

    pub fn of(j: &JobReport) -> Outcome {
        let interactive = j.failure.as_ref().is_some_and(|f| f.interactive);
        let cut = j.usage.as_ref().is_some_and(|u| u.hit_walltime);
        match &j.final_status {
            _ if interactive => Outcome::Interactive,
            Some(JobState::Finished) if j.open_state.is_none() => Outcome::Finished,
            Some(JobState::Failed | JobState::Cancelled) if cut => Outcome::WalltimeCut,
            Some(JobState::Failed | JobState::Cancelled) => Outcome::Failed,
            _ => Outcome::Open,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Outcome::Finished => "FINISHED (goodput)",
            Outcome::Failed => "FAILED or CANCELLED",
            Outcome::WalltimeCut => "cut by the wall-time limit",
            Outcome::Interactive => "interactive sessions",
            Outcome::Open => "not ended yet",
        }
    }
}

/// One outcome's RUNNING time.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Compute {
    pub jobs: usize,
    pub running_seconds: f64,
    /// Nodes × RUNNING, over the jobs whose node count is known.
    pub node_hours: f64,
    /// Node-hours × the queue's rate, over the queues the table prices.
    pub sus: f64,
    /// Node-hours in queues the table has no rate for.
    pub unpriced_node_hours: f64,
}

/// A system and queue with RUNNING node-hours, and its rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueCharge {
    pub system: String,
    pub queue: String,
    pub node_hours: f64,
    /// SUs per node-hour; `None`: the table has no rate for this queue.
    pub su_per_node_hour: Option<f64>,
    /// The rate is TACC's published one (else the user's).
    pub published: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Goodput {
    /// FINISHED jobs' RUNNING over their wall time, 0–1; `None` without one.
    pub share: Option<f64>,
    pub finished_wall_seconds: f64,
    /// RUNNING time by outcome, in [`Outcome::ALL`] order.
    pub compute: OrderedMap<Outcome, Compute>,
    /// Every counted job's wall time outside RUNNING, by bucket: time lost, no SUs.
    pub badput_buckets: OrderedMap<Bucket, f64>,
    /// Per system and queue, what RUNNING was charged.
    pub queues: Vec<QueueCharge>,
    /// Jobs with RUNNING time but no node count: in no node-hour or SU sum.
    pub jobs_without_nodes: usize,
}

impl Goodput {
    pub fn of<'a>(jobs: impl IntoIterator<Item = &'a JobReport>, rates: &ChargeRates) -> Goodput {
        let mut g = Goodput {
            compute: OrderedMap(
                Outcome::ALL
                    .iter()
                    .map(|o| (*o, Compute::default()))
                    .collect(),
            ),
            badput_buckets: OrderedMap(
                Bucket::ALL
                    .iter()
                    .filter(|b| **b != Bucket::Compute)
                    .map(|b| (*b, 0.0))
                    .collect(),
            ),
            ..Goodput::default()
        };
        let mut finished_running = 0.0;
        for j in jobs.into_iter().filter(|j| j.counted() && j.has_profile()) {
            for (b, s) in g.badput_buckets.0.iter_mut() {
                *s += j.bucket_seconds(*b);
            }
            let outcome = Outcome::of(j);
            if outcome == Outcome::Finished {
                g.finished_wall_seconds += j.total_seconds;
                finished_running += j.running_seconds;
            }
            let node_hours = j.usage.as_ref().and_then(|u| u.node_hours_running);
            if node_hours.is_none() && j.running_seconds > 0.0 {
                g.jobs_without_nodes += 1;
            }
            let key = (
                j.exec_system.as_deref().unwrap_or_default(),
                j.queue.as_deref().unwrap_or_default(),
            );
            let c = g
                .compute
                .0
                .iter_mut()
                .find(|(o, _)| *o == outcome)
                .map(|(_, c)| c)
                .expect("every outcome");
            c.jobs += 1;
            c.running_seconds += j.running_seconds;
            let Some(nh) = node_hours else { continue };
            c.node_hours += nh;
            // The table is searched for a queue's rate once, when the queue is first seen.
            let rate = match g
                .queues
                .iter_mut()
                .find(|q| (q.system.as_str(), q.queue.as_str()) == key)
            {
                Some(q) => {
                    q.node_hours += nh;
                    q.su_per_node_hour
                }
                None => {
                    let rate = rates.rate(key.0, key.1);
                    g.queues.push(QueueCharge {
                        published: rates.is_default(key.0, key.1),
                        system: key.0.to_string(),
                        queue: key.1.to_string(),
                        node_hours: nh,
                        su_per_node_hour: rate,
                    });
                    rate
                }
            };
            match rate {
                Some(r) => c.sus += nh * r,
                None => c.unpriced_node_hours += nh,
            }
        }
        sort_by(&mut g.queues, |a, b| {
            (&a.system, &a.queue).cmp(&(&b.system, &b.queue))
        });
        g.share =
            (g.finished_wall_seconds > 0.0).then(|| finished_running / g.finished_wall_seconds);
        g
    }

    pub fn of_outcome(&self, o: Outcome) -> &Compute {
        self.compute.get(&o).expect("every outcome is listed")
    }

    /// RUNNING lost: FAILED/CANCELLED and cut by the limit together.
    pub fn lost(&self) -> Compute {
        let (a, b) = (
            self.of_outcome(Outcome::Failed),
            self.of_outcome(Outcome::WalltimeCut),
        );
        Compute {
            jobs: a.jobs + b.jobs,
            running_seconds: a.running_seconds + b.running_seconds,
            node_hours: a.node_hours + b.node_hours,
            sus: a.sus + b.sus,
            unpriced_node_hours: a.unpriced_node_hours + b.unpriced_node_hours,
        }
    }

    /// The queues the table has no rate for ("system / queue").
    pub fn unpriced(&self) -> Vec<String> {
        self.queues
            .iter()
            .filter(|q| q.su_per_node_hour.is_none())
            .map(|q| match (q.system.as_str(), q.queue.as_str()) {
                ("", "") => "(system and queue not known)".to_string(),
                (s, "") => format!("{s} / (queue not known)"),
                (s, q) => format!("{s} / {q}"),
            })
            .collect()
    }
}

impl Goodput {
    /// The section in sentences, for the CLI and the Markdown report.
    pub fn lines(&self) -> Vec<String> {
        use crate::format::{format_duration, format_hours, format_share};
        let mut out = Vec::new();
        let fin = self.of_outcome(Outcome::Finished);
        out.push(match self.share {
            Some(s) => format!(
                "Goodput {}: RUNNING of {} that FINISHED ({}) over {} wall time ({}).",
                format_share(s),
                crate::format::the(fin.jobs, "job"),
                format_duration(fin.running_seconds),
                if fin.jobs == 1 { "its" } else { "their" },
                format_duration(self.finished_wall_seconds)
            ),
            None => "Goodput unknown: no job FINISHED with its time known.".to_string(),
        });
        let waits: Vec<String> = self
            .badput_buckets
            .iter()
            .filter(|(_, s)| **s > 0.0)
            .map(|(b, s)| format!("{} {}", b.label(), format_duration(*s)))
            .collect();
        if !waits.is_empty() {
            out.push(format!(
                "Time outside RUNNING: {} (no nodes are held and no SUs charged for it).",
                waits.join(", ")
            ));
        }
        for o in Outcome::ALL {
            let c = self.of_outcome(o);
            if c.jobs == 0 || c.running_seconds <= 0.0 {
                continue;
            }
            let mut s = format!(
                "RUNNING, {}: {} in {}",
                o.label(),
                format_duration(c.running_seconds),
                crate::format::count(c.jobs, "job")
            );
            if c.node_hours > 0.0 {
                s.push_str(&format!(", {} node-hours", format_hours(c.node_hours)));
                if c.node_hours > c.unpriced_node_hours {
                    s.push_str(&format!(", {} SUs", format_hours(c.sus)));
                }
                if c.unpriced_node_hours > 0.0 {
                    s.push_str(&format!(
                        " ({} node-hours in queues without a rate)",
                        format_hours(c.unpriced_node_hours)
                    ));
                }
            }
            s.push('.');
            out.push(s);
        }
        let unpriced = self.unpriced();
        if !unpriced.is_empty() {
            out.push(format!(
                "No charge rate for {}: add one to price it.",
                unpriced.join(", ")
            ));
        }
        if self.jobs_without_nodes > 0 {
            out.push(format!(
                "{} without a node count: in no node-hour or SU sum.",
                crate::format::count(self.jobs_without_nodes, "job")
            ));
        }
        out
    }
}
