//! The overview's numbers for a set of jobs: how many, their wall time, how much
//! of it was spent outside RUNNING, node-hours, and the time in each bucket.

use tapis_profile::report::JobReport;
use tapis_profile::Bucket;

use super::words;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Totals {
    pub jobs: usize,
    /// Jobs with a history (the others have no per-state times).
    pub with_history: usize,
    /// Jobs still in a state, measured up to "now".
    pub open: usize,
    /// Wall time summed over the jobs, seconds.
    pub wall_seconds: f64,
    pub running_seconds: f64,
    pub outside_seconds: f64,
    /// Outside RUNNING over wall time, 0–1; `None` when there is no time at all.
    pub outside_share: Option<f64>,
    /// Nodes × RUNNING, over the jobs whose node count is known (`None`: none is).
    pub node_hours: Option<f64>,
    /// Nodes × time outside RUNNING, the same jobs.
    pub node_hours_outside: Option<f64>,
    /// Seconds per bucket, every bucket in order (zeros included).
    pub buckets: Vec<(Bucket, f64)>,
}

impl Totals {
    pub fn of<'a>(jobs: impl IntoIterator<Item = &'a JobReport>) -> Totals {
        let mut t = Totals {
            buckets: Bucket::ALL.iter().map(|b| (*b, 0.0)).collect(),
            ..Totals::default()
        };
        for job in jobs {
            t.jobs += 1;
            t.with_history += usize::from(job.has_history);
            t.open += usize::from(job.open_state.is_some());
            t.wall_seconds += job.total_seconds;
            t.running_seconds += job.running_seconds;
            t.outside_seconds += job.outside_running_seconds;
            for (bucket, seconds) in &mut t.buckets {
                *seconds += job.bucket_seconds(*bucket);
            }
            if let Some(u) = &job.usage {
                let add = |sum: &mut Option<f64>, v: Option<f64>| {
                    if let Some(v) = v {
                        *sum = Some(sum.unwrap_or(0.0) + v);
                    }
                };
                add(&mut t.node_hours, u.node_hours_running);
                add(&mut t.node_hours_outside, u.node_hours_outside_running);
            }
        }
        t.outside_share = (t.wall_seconds > 0.0).then(|| t.outside_seconds / t.wall_seconds);
        t
    }

    /// Seconds in all buckets together: the stacked bar's whole.
    pub fn bucket_total(&self) -> f64 {
        self.buckets.iter().map(|(_, s)| s).sum()
    }

    /// Which jobs these are, of `all` loaded: `all 12 jobs loaded`, `2 of 4 jobs (filtered)`.
    pub fn scope(&self, all: usize) -> String {
        if self.jobs == all {
            format!("all {} loaded", words::count(all, "job"))
        } else {
            format!(
                "{} of {} (filtered)",
                words::thousands(self.jobs),
                words::count(all, "job")
            )
        }
    }

    /// What is partial about them: `3 with a history · 1 still running or waiting`; empty
    /// when every job has a history and none is open.
    pub fn caveats(&self) -> String {
        let mut caveats = Vec::new();
        if self.with_history < self.jobs {
            caveats.push(format!(
                "{} with a history",
                words::thousands(self.with_history)
            ));
        }
        if self.open > 0 {
            caveats.push(format!(
                "{} still running or waiting",
                words::thousands(self.open)
            ));
        }
        caveats.join(" · ")
    }

    /// The node-hours figure and the line under it.
    pub fn node_hours_words(&self) -> (String, String) {
        (
            self.node_hours.map_or("—".into(), words::node_hours),
            match self.node_hours_outside {
                Some(v) => format!("in RUNNING; {} more outside it", words::node_hours(v)),
                None => "node counts unknown (no job objects)".into(),
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tapis_profile::synthetic::{generate, Config};
    use tapis_profile::{analyse, Import, Options};

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    #[test]
    fn the_set_adds_up_to_the_reports_aggregate() {
        let import = Import {
            jobs: generate(&Config {
                jobs: 500,
                ..Config::default()
            }),
            diagnostics: Vec::new(),
        };
        let as_of = tapis_profile::time::parse_timestamp("2025-03-05T00:00:00Z");
        let r = analyse(&import, &Options::at(as_of));
        let t = Totals::of(&r.jobs);
        let a = &r.aggregate;
        assert_eq!(t.jobs, a.jobs);
        assert_eq!(t.with_history, a.jobs_with_history);
        assert!(t.open > 0);
        assert!(close(t.wall_seconds, a.total.as_ref().unwrap().sum));
        assert!(close(
            t.outside_seconds,
            a.outside_running.as_ref().unwrap().sum
        ));
        assert!(close(t.node_hours.unwrap(), a.node_hours.running));
        assert!(close(
            t.node_hours_outside.unwrap(),
            a.node_hours.outside_running
        ));
        for (bucket, seconds) in &t.buckets {
            let sum = a.buckets.get(bucket).map_or(0.0, |s| s.sum);
            assert!(close(*seconds, sum), "{bucket:?}: {seconds} vs {sum}");
        }
        assert!(
            close(t.bucket_total(), t.wall_seconds),
            "buckets cover the time"
        );
        assert!(close(
            t.outside_share.unwrap(),
            t.outside_seconds / t.wall_seconds
        ));
    }

    #[test]
    fn the_overview_says_which_jobs_and_what_is_partial() {
        let t = Totals {
            jobs: 2,
            with_history: 1,
            open: 1,
            node_hours: Some(2469.51),
            node_hours_outside: Some(0.4234),
            ..Totals::default()
        };
        assert_eq!(t.scope(2), "all 2 jobs loaded");
        assert_eq!(t.scope(4_000), "2 of 4,000 jobs (filtered)");
        assert_eq!(t.caveats(), "1 with a history · 1 still running or waiting");
        assert_eq!(
            t.node_hours_words(),
            (
                "2,469.5".to_string(),
                "in RUNNING; 0.42 more outside it".to_string()
            )
        );
        let plain = Totals::of([]);
        assert_eq!(plain.scope(0), "all 0 jobs loaded");
        assert_eq!(plain.caveats(), "");
        assert_eq!(
            plain.node_hours_words(),
            (
                "—".to_string(),
                "node counts unknown (no job objects)".to_string()
            )
        );
    }

    #[test]
    fn nothing_is_all_zeros_and_unknowns() {
        let t = Totals::of([]);
        assert_eq!(t.jobs, 0);
        assert_eq!(t.outside_share, None);
        assert_eq!(t.node_hours, None);
        assert_eq!(t.buckets.len(), Bucket::ALL.len());
        assert_eq!(t.bucket_total(), 0.0);
    }
}
