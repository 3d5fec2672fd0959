//! What the page calls each job: its name, and where two loaded jobs share a name (a
//! resubmitted job keeps it), the start of its UUID too, so the two can be told apart in
//! every list: `opensees-mp-s3-3.6.0_2024-06-13T18:18:01 (0d3c401b)`. A job without a
//! name goes by the start of its UUID.

use tapis_profile::fast_hash::{FastMap, FastSet};
use tapis_profile::report::JobReport;

use super::words::short_uuid;

/// The names that more than one job has, found once for every job loaded.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Labels {
    shared: FastSet<String>,
}

impl Labels {
    pub fn of<'a>(jobs: impl IntoIterator<Item = &'a JobReport>) -> Labels {
        let jobs = jobs.into_iter();
        // Room for every name at once: grown as it filled, the table was rebuilt ~16
        // times at 50,000 jobs.
        let mut seen: FastMap<&str, usize> = FastMap::default();
        seen.reserve(jobs.size_hint().0);
        for name in jobs.filter_map(|j| j.name.as_deref()) {
            *seen.entry(name).or_default() += 1;
        }
        Labels {
            shared: seen
                .into_iter()
                .filter(|(_, n)| *n > 1)
                .map(|(name, _)| name.to_string())
                .collect(),
        }
    }

    /// What the page calls `j`.
    pub fn of_job(&self, j: &JobReport) -> String {
        match j.name.as_deref() {
            Some(name) if self.shared.contains(name) => {
                format!("{name} ({})", short_uuid(&j.uuid))
            }
            Some(name) => name.to_string(),
            None => short_uuid(&j.uuid).to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tapis_profile::{analyse, import_text, Options};

    const FAILED: &str =
        include_str!("../../fixtures/tapis/source-ds-joblist-failed-2024.reconstructed.json");

    #[test]
    fn jobs_of_the_same_name_are_told_apart_by_their_uuid() {
        // Two real 2024 jobs were submitted under one name.
        let report = analyse(&import_text("list", FAILED), &Options::default());
        let labels = Labels::of(&report.jobs);
        let names: Vec<String> = report.jobs.iter().map(|j| labels.of_job(j)).collect();
        assert_eq!(
            names,
            [
                "opensees-mp-s3-3.6.0_2024-06-13T18:18:01 (0d3c401b)",
                "opensees-mp-s3-3.6.0_2024-06-13T18:18:01 (a983892a)",
                "opensees-interactive-3.7.0_2024-10-08T20:57:15",
            ]
        );
        let alone = Labels::of(&report.jobs[..1]);
        assert_eq!(
            alone.of_job(&report.jobs[0]),
            "opensees-mp-s3-3.6.0_2024-06-13T18:18:01"
        );
    }
}
