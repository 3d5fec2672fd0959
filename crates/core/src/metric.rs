//! What a per-job statistic measures: the time in one state, in one bucket, or in
//! all. One definition of each job's value, used by "what is normal", the cohort
//! comparison and the trends alike: over jobs with a history only (a job object's
//! coarse phases are not mixed with exact times in any per-state statistic).

use crate::job_report::JobReport;
use crate::job_state::{Bucket, JobState};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Metric {
    State(JobState),
    Bucket(Bucket),
    /// First status (or creation) to the end.
    Total,
}

impl Metric {
    /// Its name in reports and outliers: a state's name (`QUEUED`), a bucket's key
    /// (`data-movement`) or `total`.
    pub fn key(&self) -> String {
        match self {
            Metric::State(s) => s.name().to_string(),
            Metric::Bucket(b) => b.key().to_string(),
            Metric::Total => "total".to_string(),
        }
    }

    /// The metric a [`Metric::key`] names (any other name is a state's).
    pub fn from_key(key: &str) -> Metric {
        match (key, Bucket::from_key(key)) {
            ("total", _) => Metric::Total,
            (_, Some(b)) => Metric::Bucket(b),
            (name, None) => Metric::State(JobState::parse(name)),
        }
    }

    /// What a person reads: `QUEUED`, `Data movement`, `Total`.
    pub fn label(&self) -> String {
        match self {
            Metric::State(s) => s.name().to_string(),
            Metric::Bucket(b) => b.label().to_string(),
            Metric::Total => "Total".to_string(),
        }
    }

    /// One job's value: its time in the state (`None` if it never entered it), in
    /// the bucket, or in all; `None` for a job without history.
    pub fn of(&self, j: &JobReport) -> Option<f64> {
        if !j.has_history {
            return None;
        }
        match self {
            Metric::State(s) => j.durations.get(s).copied(),
            Metric::Bucket(b) => Some(j.bucket_seconds(*b)),
            Metric::Total => Some(j.total_seconds),
        }
    }
}

/// Where each state's metric is in a list of metrics: a named state by its place in the
/// lifecycle, an unknown one by name. So one pass over a job's states can put each
/// state's time in its metric's place, not a pass per metric looking the state up.
pub(crate) struct StatePlaces {
    known: [Option<usize>; JobState::PLACES],
    unknown: Vec<(JobState, usize)>,
}

impl StatePlaces {
    pub(crate) fn of(metrics: &[Metric]) -> StatePlaces {
        let mut places = StatePlaces {
            known: [None; JobState::PLACES],
            unknown: Vec::new(),
        };
        for (m, metric) in metrics.iter().enumerate() {
            match metric {
                Metric::State(s @ JobState::Unknown(_)) => places.unknown.push((s.clone(), m)),
                Metric::State(s) => places.known[s.order()] = Some(m),
                _ => {}
            }
        }
        places
    }

    /// The place of `state`'s metric, if the list has it.
    pub(crate) fn of_state(&self, state: &JobState) -> Option<usize> {
        match state {
            JobState::Unknown(_) => self
                .unknown
                .iter()
                .find(|(s, _)| s == state)
                .map(|&(_, m)| m),
            _ => self.known[state.order()],
        }
    }
}

impl serde::Serialize for Metric {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.key())
    }
}

impl<'de> serde::Deserialize<'de> for Metric {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let key = std::borrow::Cow::<str>::deserialize(d)?;
        Ok(Metric::from_key(&key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_each_metric_once() {
        for m in [
            Metric::State(JobState::Queued),
            Metric::State(JobState::parse("ZEBRA")),
            Metric::Bucket(Bucket::DataMovement),
            Metric::Total,
        ] {
            assert_eq!(Metric::from_key(&m.key()), m);
        }
        assert_eq!(Metric::Bucket(Bucket::QueueWait).label(), "Queue wait");
    }
}
